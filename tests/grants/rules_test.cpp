// SPDX-License-Identifier: Apache-2.0
// The rules of grant_rules.h, shared by the commands and the replay: each is refused by the
// command with its field, and the same rule refuses a record that breaks it when the log is
// replayed (audit verify, book import), though the record decodes and its transaction matches.
#include <gtest/gtest.h>

#include <functional>

#include "audit/record.h"
#include "ledger/book/replay.h"
#include "ledger/grants/grant_rules.h"
#include "tests/grants/fixture.h"

namespace semilla::grants {
namespace {

using nlohmann::json;

class GrantRulesTest : public GrantsBook {};

TEST_F(GrantRulesTest, TheUnchangedRecordsReplay) {
  ASSERT_TRUE(add_fund(*book_, {"F2", "D", "USD", "", "", {"training=10", "a=1"}}).ok());
  EXPECT_TRUE(replay_with("fund.add", [](json&) {}).ok());
}

TEST_F(GrantRulesTest, FundAddIsCheckedAsTheCommandChecksIt) {
  auto twice = add_fund(*book_, {"F2", "D", "USD", "", "", {"training=10", "training=5"}});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().field, "--budget 2");
  auto backwards = add_fund(*book_, {"F2", "D", "USD", "2026-05-01", "2026-04-01", {}});
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().field, "--to");
  EXPECT_EQ(backwards.error().message, "2026-04-01 is before --from 2026-05-01");

  expect_replay_refused(
      "fund.add", [](json& p) { p["budget"].push_back(p["budget"][0]); }, "budgeted twice");
  expect_replay_refused(
      "fund.add", [](json& p) { p["from"] = "2027-01-01"; }, "is before --from");
  expect_replay_refused(
      "fund.add", [](json& p) { p["currency"] = "PEN"; }, "Assets:Funds:F1");
  expect_replay_refused(
      "fund.add", [](json& p) { p["code"] = "F 1"; }, "not a valid fund code");
  expect_replay_refused(
      "fund.add", [](json& p) { p["donor"] = ""; }, "donor");
  ASSERT_TRUE(add_fund(*book_, {"F2", "D", "USD", "", "", {"training=10", "a=1"}}).ok());
  expect_replay_refused(
      "fund.add", [](json& p) { std::swap(p["budget"][0], p["budget"][1]); },
      "not in category order", [](const json& p) { return p["code"] == "F2"; });
}

TEST_F(GrantRulesTest, MembersAndMilestonesAreCheckedAsTheCommandsCheckThem) {
  ASSERT_TRUE(set_members(*book_, {"EC-2", "3", "1", "", {}}).ok());
  ASSERT_TRUE(record_milestone(*book_, "EC-1", "plan", "2026-03-01").ok());
  expect_replay_refused(
      "enterprise.members", [](json& p) { p["enterprise"] = "EC-1"; }, "individual enterprise");
  expect_replay_refused(
      "enterprise.members",
      [](json& p) {
        p["female"] = 0;
        p["male"] = 0;
      },
      "has members");
  // The fixture's clock is 2026-06-30: the command refuses a later date, so does the replay.
  expect_replay_refused(
      "milestone.record", [](json& p) { p["date"] = "2026-07-01"; }, "after today");
  expect_replay_refused(
      "milestone.record", [](json& p) { p["milestone"] = "Plan"; }, "is not a valid name");
  expect_replay_refused(
      "milestone.record", [](json& p) { p["enterprise"] = "EC-9"; }, "ENTERPRISE");
}

TEST_F(GrantRulesTest, AwardsCarryTheEnterpriseAsItWas) {
  ASSERT_TRUE(set_members(*book_, {"EC-2", "3", "1", "", {}}).ok());
  ASSERT_TRUE(award(*book_, {"G1", "EC-2", "F1", "2026-02-01", {"100:plan", "50"}}).ok());
  expect_replay_refused(
      "grant.award", [](json& p) { p["snapshot"]["sex"] = "female"; }, "snapshot");
  expect_replay_refused(
      "grant.award", [](json& p) { p["snapshot"]["members"]["female"] = 4; }, "snapshot");
  expect_replay_refused(
      "grant.award", [](json& p) { p["tranches"][0]["conditions"][0] = "Plan"; },
      "is not a valid name");
  expect_replay_refused(
      "grant.award", [](json& p) { p["reason"] = "why"; }, "payload/reason");
}

TEST_F(GrantRulesTest, ADisbursementNeedsTheMoneyOrARecordedOverride) {
  ASSERT_TRUE(record_milestone(*book_, "EC-1", "plan", "2026-02-10").ok());
  ASSERT_TRUE(
      award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"3000:plan"}, "donor pledge"}).ok());
  auto short_of = disburse(*book_, {"G1", "1", "2026-02-15", "", "", "", ""});
  ASSERT_FALSE(short_of.ok());
  EXPECT_EQ(short_of.error().field, "--tranche");
  ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-15", "", "", "", "bridge loan"}).ok());
  EXPECT_TRUE(replay_with("grant.disburse", [](json&) {}).ok());
  expect_replay_refused(
      "grant.disburse", [](json& p) { p["override_reason"] = ""; },
      "fund F1 holds 1000.00 USD on 2026-02-15");
  expect_replay_refused(
      "grant.disburse", [](json& p) { p["in_kind"] = true; }, "payload/in_kind");
  expect_replay_refused(
      "grant.disburse", [](json& p) { p["supplier"] = "Hornos"; }, "payload/in_kind");
}

TEST_F(GrantRulesTest, ConditionsMustBeRecordedByTheDisbursement) {
  ASSERT_TRUE(record_milestone(*book_, "EC-1", "plan", "2026-02-10").ok());
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100:plan"}}).ok());
  ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-15", "", "", "", ""}).ok());
  expect_replay_refused(
      "milestone.record", [](json& p) { p["date"] = "2026-02-20"; }, "recorded only on 2026-02-20");
}

TEST_F(GrantRulesTest, SpendingIsCheckedAsFundSpendChecksIt) {
  ASSERT_TRUE(add_fund(*book_, {"F3", "D", "USD", "", "", {"training=100"}}).ok());
  ASSERT_TRUE(receive(*book_, {"F3", "50", "2026-03-01", ""}).ok());
  ASSERT_TRUE(
      spend(*book_, {"F3", "training", "80", "2026-03-02", "Workshop", "", "advance"}).ok());
  EXPECT_TRUE(replay_with("fund.spend", [](json&) {}).ok());
  expect_replay_refused(
      "fund.spend", [](json& p) { p["override_reason"] = ""; }, "holds 50.00 USD");
  expect_replay_refused(
      "fund.spend", [](json& p) { p["memo"] = ""; }, "payload/memo");
}

// Replays the book's records, then `extra` (each given the next seq and the last time).
Status replay_then(store::Store& store, const std::vector<std::pair<std::string, json>>& extra) {
  book::Replay replay;
  audit::Record last;
  SEMILLA_TRY(store.for_each_record(0, [&](const store::StoredRecord& stored) -> Status {
    auto r = audit::open_record(stored.bytes);
    if (!r.ok()) return r.error();
    last = r->record;
    return replay.apply(*r);
  }));
  for (const auto& [kind, payload] : extra) {
    audit::Record r = last;
    r.seq = last.seq + 1;
    r.kind = kind;
    r.payload = payload;
    auto sealed = audit::seal(r);
    if (!sealed.ok()) return sealed.error();
    SEMILLA_TRY(replay.apply(*sealed));
    last = r;
  }
  return replay.finish();
}

TEST_F(GrantRulesTest, OnlyFundAddAndFundSpendCreateTheModulesAccounts) {
  const json milestone = {{"enterprise", "EC-1"}, {"milestone", "visit"}, {"date", "2026-03-01"}};
  EXPECT_TRUE(replay_then(*store_, {{"milestone.record", milestone}}).ok());
  // Fixture: 7 accounts of F1, so the next id is 8.
  const json account = {{"id", 8},
                        {"name", "Expenses:Programme:F1:travel"},
                        {"type", "expense"},
                        {"currency", "USD"},
                        {"enterprise", nullptr}};
  Status s = replay_then(*store_, {{"account.add", account}, {"milestone.record", milestone}});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().to_string().find("is not one the operation creates"), std::string::npos)
      << s.error().to_string();
}

TEST(GrantRules, TheFundsMoneyRuleNamesTheDayAndNow) {
  const store::FundRow f{"F1", "D", "USD", Date::from_ymd(2026, 1, 1), std::nullopt, {}, 1};
  const FundUse use{"--tranche", "the tranche's", "disburse"};
  const Date day = Date::from_ymd(2026, 2, 1);
  EXPECT_TRUE(check_fund_money(f, day, 500, 500, 500, false, use).ok());
  auto now = check_fund_money(f, day, 500, 400, 500, false, use);
  ASSERT_FALSE(now.ok());
  EXPECT_EQ(now.error().message,
            "fund F1 holds 4.00 USD now, less than the tranche's 5.00; give --override-reason "
            "to disburse anyway");
  auto early = check_fund_money(f, Date::from_ymd(2025, 12, 31), 500, 500, 1, false, use);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field, "--date");
  EXPECT_TRUE(check_fund_money(f, day, 0, 0, 500, true, use).ok());
}

TEST(GrantRules, AnAwardsTotalIsItsTranchesSum) {
  const store::FundRow f{"F1", "D", "USD", std::nullopt, std::nullopt, {}, 1};
  store::GrantRow g{
      "G1",         "EC-1", "F1", "USD", 150, {{100, {"plan"}}, {50, {}}},
      Date::from_ymd(2026, 2, 1), 0, std::nullopt};
  const Date today = Date::from_ymd(2026, 6, 30);
  EXPECT_TRUE(check_award(g, &f, today).ok());
  g.total_minor = 151;
  EXPECT_FALSE(check_award(g, &f, today).ok());
  g.total_minor = 150;
  EXPECT_EQ(check_award(g, nullptr, today).error().field, "--fund");
  g.currency = "PEN";
  EXPECT_EQ(check_award(g, &f, today).error().code, ErrorCode::kCurrencyMismatch);
}

}  // namespace
}  // namespace semilla::grants
