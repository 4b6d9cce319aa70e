// SPDX-License-Identifier: Apache-2.0
// A grant record whose payload lacks a member or has one of another type is refused by the
// replay as kVerifyFailed naming the record and the member by its path, never an exception;
// so is a record that breaks a rule the operation enforces.
#include <gtest/gtest.h>

#include <functional>

#include "audit/record.h"
#include "ledger/book/replay.h"
#include "ledger/book/verify.h"
#include "tests/grants/fixture.h"

namespace semilla::grants {
namespace {

using nlohmann::json;

class GrantsPayloadTest : public GrantsBook {
 public:
  // A book with a record of every grant kind.
  void SetUp() override {
    GrantsBook::SetUp();
    ASSERT_TRUE(set_members(*book_, {"EC-2", "5", "2", "", {}}).ok());
    ASSERT_TRUE(record_milestone(*book_, "EC-2", "plan-approved", "2026-02-01").ok());
    ASSERT_TRUE(award(*book_, {"G1", "EC-2", "F1", "2026-02-01", {"100:plan-approved", "50"}})
                    .ok());
    ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-02", "Oven", "Equipos", "", ""}).ok());
    ASSERT_TRUE(return_funds(*book_, {"G1", "10", "2026-02-03", "unspent"}).ok());
    ASSERT_TRUE(cancel(*book_, {"G1", "2026-02-04", "closed"}).ok());
    ASSERT_TRUE(close_period(*book_, "2026-02").ok());
    ASSERT_TRUE(reopen_period(*book_, "2026-02", "late statement").ok());
    ASSERT_TRUE(add_fund(*book_, {"F3", "Donor 3", "USD", "", "", {"training=10"}}).ok());
    ASSERT_TRUE(receive(*book_, {"F3", "10", "2026-03-01", ""}).ok());
    ASSERT_TRUE(spend(*book_, {"F3", "training", "10", "2026-03-02", "Workshop", "", ""}).ok());
  }
};

TEST_F(GrantsPayloadTest, TheUnchangedRecordsReplay) {
  EXPECT_TRUE(replay_with("grant.award", [](json&) {}).ok());
  auto v = book::verify_book(*store_);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

struct Case {
  std::string kind;
  std::function<void(json&)> edit;
  std::string member;
};

// Each case's record, edited, makes the replay fail naming the record and the member.
void expect_refused(GrantsPayloadTest& test, const std::vector<Case>& cases);

TEST_F(GrantsPayloadTest, AMalformedMemberIsNamedByItsPath) {
  expect_refused(*this, {
      {"fund.add", [](json& p) { p.erase("currency"); }, "payload/currency"},
      {"fund.add", [](json& p) { p["budget"] = "x"; }, "payload/budget"},
      {"fund.add", [](json& p) { p["budget"][0]["amount"] = 5; }, "payload/budget/0/amount"},
      {"fund.add", [](json& p) { p["from"] = "2026-02-30"; }, "payload/from"},
      {"fund.receive", [](json& p) { p["fund"] = 1; }, "payload/fund"},
      // ("transaction" as a string is refused earlier, by the claim of the transaction before.)
      {"fund.receive", [](json& p) { p["amount"] = "1.001"; }, "payload/amount"},
      {"milestone.record", [](json& p) { p.erase("date"); }, "payload/date"},
      {"milestone.record", [](json& p) { p["milestone"] = nullptr; }, "payload/milestone"},
      {"enterprise.members", [](json& p) { p["female"] = "3"; }, "payload/female"},
      {"enterprise.members", [](json& p) { p["other"] = -1; }, "payload/other"},
      {"grant.award", [](json& p) { p.erase("grant"); }, "payload/grant"},
      {"grant.award", [](json& p) { p["tranches"][1].erase("amount"); },
       "payload/tranches/1/amount"},
      {"grant.award", [](json& p) { p["tranches"][0]["conditions"][0] = 7; },
       "payload/tranches/0/conditions/0"},
      {"grant.disburse", [](json& p) { p["in_kind"] = "yes"; }, "payload/in_kind"},
      {"grant.disburse", [](json& p) { p["tranche"] = "1"; }, "payload/tranche"},
      {"grant.disburse", [](json& p) { p["snapshot"].erase("sex"); }, "payload/snapshot/sex"},
      {"grant.disburse", [](json& p) { p["snapshot"] = nullptr; }, "payload/snapshot"},
      {"grant.disburse", [](json& p) { p["snapshot"]["members"] = {{"female", 1}}; },
       "payload/snapshot/members/male"},
      {"grant.disburse", [](json& p) { p["snapshot"]["birth_year"] = "1990"; },
       "payload/snapshot/birth_year"},
      {"grant.return", [](json& p) { p["reason"] = json::array(); }, "payload/reason"},
      {"grant.cancel", [](json& p) { p.erase("override_reason"); }, "payload/override_reason"},
      {"fund.spend", [](json& p) { p.erase("memo"); }, "payload/memo"},
      {"fund.spend", [](json& p) { p["amount"] = "ten"; }, "payload/amount"},
      {"fund.spend", [](json& p) { p["fund"] = "F9"; }, "fund"},
      {"fund.spend", [](json& p) { p["category"] = "seed-capital-cash"; }, "CATEGORY"},
      {"period.close", [](json& p) { p.erase("month"); }, "payload/month"},
      {"period.reopen", [](json& p) { p.erase("reason"); }, "payload/reason"},
  });
}

// Well-typed payloads that no grant command writes: the decoders check each value with the
// command's own validators and rules.
TEST_F(GrantsPayloadTest, AValueNoCommandCouldWriteIsRefused) {
  expect_refused(*this, {
      {"fund.add", [](json& p) { p["note"] = "x"; }, "payload/note"},
      {"fund.add", [](json& p) { p["code"] = "F 1"; }, "payload/code"},
      {"fund.add", [](json& p) { p["donor"] = ""; }, "payload/donor"},
      {"fund.add", [](json& p) { p["currency"] = "usd"; }, "payload/currency"},
      {"fund.add", [](json& p) { p["budget"][0]["amount"] = "10"; }, "payload/budget/0/amount"},
      {"fund.add", [](json& p) { p["budget"][0]["category"] = "Seed Capital"; },
       "payload/budget/0/category"},
      {"fund.add", [](json& p) { p["budget"][0]["x"] = 1; }, "payload/budget/0/x"},
      {"fund.receive", [](json& p) { p["amount"] = "0.00"; }, "payload/amount"},
      {"fund.receive", [](json& p) { p["amount"] = "-5.00"; }, "payload/amount"},
      {"fund.receive", [](json& p) { p["amount"] = "5.0"; }, "payload/amount"},
      // ("transaction" 0 names nothing, so the claim of the transaction before fails first.)
      {"milestone.record", [](json& p) { p["milestone"] = "Plan Approved"; },
       "payload/milestone"},
      {"milestone.record", [](json& p) { p["by"] = "ana"; }, "payload/by"},
      {"enterprise.members", [](json& p) { p["children"] = 1; }, "payload/children"},
      {"enterprise.members", [](json& p) { p["enterprise"] = "EC 2"; }, "payload/enterprise"},
      {"grant.award", [](json& p) { p["amount"] = "999.00"; }, "payload/amount"},
      {"grant.award", [](json& p) { p["tranches"] = json::array(); }, "payload/tranches"},
      {"grant.award", [](json& p) { p["tranches"][1]["amount"] = "0.00"; },
       "payload/tranches/1/amount"},
      {"grant.award", [](json& p) { p["tranches"][1]["due"] = "x"; }, "payload/tranches/1/due"},
      {"grant.award", [](json& p) { p["reason"] = "why"; }, "payload/reason"},
      {"grant.disburse", [](json& p) { p["tranche"] = 0; }, "payload/tranche"},
      {"grant.disburse", [](json& p) { p["tranches"] = json::array(); }, "payload/tranches"},
      {"grant.disburse", [](json& p) { p["supplier"] = ""; }, "payload/in_kind"},
      {"grant.disburse", [](json& p) { p["snapshot"]["sex"] = "F"; }, "payload/snapshot/sex"},
      {"grant.disburse", [](json& p) { p["snapshot"]["nationality"] = "ZZ"; },
       "payload/snapshot/nationality"},
      {"grant.disburse", [](json& p) { p["snapshot"]["birth_year"] = 1800; },
       "payload/snapshot/birth_year"},
      {"grant.disburse", [](json& p) { p["snapshot"]["name"] = "Ana"; },
       "payload/snapshot/name"},
      {"grant.return", [](json& p) { p["amount"] = "-10.00"; }, "payload/amount"},
      {"grant.return", [](json& p) { p["amount"] = "0.00"; }, "payload/amount"},
      {"grant.return", [](json& p) { p["amount"] = "10"; }, "payload/amount"},
      {"grant.return", [](json& p) { p["reason"] = ""; }, "payload/reason"},
      {"grant.cancel", [](json& p) { p["reason"] = ""; }, "payload/reason"},
      {"grant.cancel", [](json& p) { p["amount"] = "-1.00"; }, "payload/amount"},
      {"fund.spend", [](json& p) { p["memo"] = ""; }, "payload/memo"},
      {"fund.spend", [](json& p) { p["amount"] = "10"; }, "payload/amount"},
      {"period.close", [](json& p) { p["reason"] = "x"; }, "payload/reason"},
      {"period.close", [](json& p) { p["month"] = "2026-13"; }, "payload/month"},
      {"period.close", [](json& p) { p["month"] = "2026-2"; }, "payload/month"},
      {"period.reopen", [](json& p) { p["reason"] = ""; }, "payload/reason"},
  });
}

void expect_refused(GrantsPayloadTest& test, const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    Status s = Status::Ok();
    ASSERT_NO_THROW(s = test.replay_with(c.kind, c.edit)) << c.kind << " " << c.member;
    ASSERT_FALSE(s.ok()) << c.kind << " " << c.member;
    EXPECT_EQ(s.error().code, ErrorCode::kVerifyFailed) << s.error().to_string();
    const std::string text = s.error().to_string();
    EXPECT_NE(text.find(c.kind + ": " + c.member + ": "), std::string::npos) << text;
    EXPECT_NE(text.find("record "), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace semilla::grants
