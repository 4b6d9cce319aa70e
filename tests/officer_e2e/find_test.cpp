// SPDX-License-Identifier: Apache-2.0
// End-to-end: the register (`transactions`), `transaction show`, `grant list`,
// `milestone list`, `loan list`: filters, empty results, limits and refusals.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/officer_e2e/officer_book.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class FindE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    cli.env = {"SEMILLA_ACTOR=ana"};
    make_officer_book(cli);
  }
  Cli cli;
};

TEST_F(FindE2E, OneAccountHasItsRunningBalance) {
  json r = run_json(cli, {"transactions", "--account", "Assets:Bank:Pichincha"});
  EXPECT_TRUE(r["running_balance"]);
  // Disbursed 1000 (fee none), repaid 178.53, rent 50.
  ASSERT_EQ(r["count"], 3);
  EXPECT_EQ(r["lines"][0]["amount"], "-1000.00");
  EXPECT_EQ(r["lines"][0]["balance"], "-1000.00");
  EXPECT_EQ(r["lines"][1]["kind"], "loan.repay");
  EXPECT_EQ(r["lines"][1]["balance"], "-821.47");
  EXPECT_EQ(r["lines"][2]["balance"], "-871.47");
  const std::string table = cli.ok({"transactions", "--account", "Assets:Bank"});
  EXPECT_THAT(table, HasSubstr("Balance"));
  EXPECT_THAT(table, HasSubstr("-871.47"));
}

TEST_F(FindE2E, TheLimitKeepsTheNewestLinesAndTheirTrueBalance) {
  json r = run_json(cli, {"transactions", "--account", "Assets:Bank:Pichincha", "--limit",
                          "1"});
  ASSERT_EQ(r["count"], 1);
  EXPECT_EQ(r["lines"][0]["memo"], "Market stall rent");
  EXPECT_EQ(r["lines"][0]["balance"], "-871.47");
  json all = run_json(cli, {"transactions", "--limit", "9223372036854775807"});
  EXPECT_GT(all["count"].get<int>(), 10);
  auto huge = cli.run({"transactions", "--limit", "99999999999999999999"});
  EXPECT_EQ(huge.exit_code, 1);
  EXPECT_THAT(huge.err, HasSubstr("--limit"));
}

TEST_F(FindE2E, FiltersByEnterpriseKindMemoRefAndDates) {
  json grants = run_json(cli, {"transactions", "--enterprise", "PU-003", "--kind", "grant"});
  std::map<std::string, std::set<long>> ids;  // by kind
  for (const auto& l : grants["lines"]) ids[l["kind"]].insert(l["transaction"].get<long>());
  EXPECT_EQ(ids["grant.award"].size(), 1u);  // the commitment
  EXPECT_EQ(ids["grant.disburse"].size(), 3u);
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_FALSE(grants["running_balance"]);
  json rent = run_json(cli, {"transactions", "--memo", "STALL"});
  ASSERT_GE(rent["count"].get<int>(), 2);
  EXPECT_EQ(rent["lines"][0]["memo"], "Market stall rent");
  json swift = run_json(cli, {"transactions", "--ref", "swift"});
  EXPECT_EQ(swift["lines"][0]["kind"], "fund.receive");
  json march = run_json(cli, {"transactions", "--from", "2026-03-01", "--to", "2026-03-31"});
  for (const auto& l : march["lines"]) EXPECT_EQ(l["date"], "2026-03-15");
  json repaid = run_json(cli, {"transactions", "--kind", "loan.repay"});
  EXPECT_EQ(repaid["lines"][0]["ref"], "MFI-A/1");
}

TEST_F(FindE2E, NothingFoundIsNotAnError) {
  EXPECT_EQ(cli.ok({"transactions", "--memo", "no such memo"}), "No transactions match.\n");
  json r = run_json(cli, {"transactions", "--enterprise", "EC-002"});
  EXPECT_EQ(r["count"], 0);
  EXPECT_TRUE(r["lines"].empty());
}

TEST_F(FindE2E, EveryBadFilterIsReported) {
  auto r = cli.run({"--json", "transactions", "--account", "Assets:Bnk", "--enterprise",
                    "PU-03", "--from", "2026-02-30", "--to", "2026-13-01", "--kind",
                    "loan.repayy", "--limit", "0"});
  EXPECT_EQ(r.exit_code, 1);
  json j = json::parse(r.out);
  std::vector<std::string> fields;
  for (const auto& e : j["errors"]) fields.push_back(e["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"--account", "--enterprise", "--from", "--to",
                                              "--kind", "--limit"}));
  EXPECT_THAT(j["errors"][1]["message"].get<std::string>(), HasSubstr("'PU-003'"));
  EXPECT_THAT(j["errors"][4]["message"].get<std::string>(), HasSubstr("'loan.repay'"));
  auto backwards = cli.run({"transactions", "--from", "2026-05-01", "--to", "2026-04-01"});
  EXPECT_EQ(backwards.exit_code, 1);
  EXPECT_THAT(backwards.err, HasSubstr("--to: the period ends"));
}

TEST_F(FindE2E, TransactionShowHasRecordActorAndReversal) {
  json rent = run_json(cli, {"transactions", "--memo", "stall rent"});
  const std::string id = std::to_string(rent["lines"][0]["transaction"].get<long>());
  cli.env = {"SEMILLA_ACTOR=rosa"};
  json rev = run_json(cli, {"reverse", id, "--date", "2026-05-03", "--reason", "Typed twice"});
  const std::string rev_id = std::to_string(rev["transaction"]["id"].get<long>());
  json t = run_json(cli, {"transaction", "show", id});
  EXPECT_EQ(t["kind"], "post");
  EXPECT_EQ(t["actor"], "ana");
  EXPECT_EQ(t["record"]["kind"], "transaction.post");
  EXPECT_EQ(t["record"]["hash"].get<std::string>().size(), 64u);
  EXPECT_EQ(std::to_string(t["reversed_by"].get<long>()), rev_id);
  EXPECT_EQ(t["postings"].size(), 2u);
  json r = run_json(cli, {"transaction", "show", rev_id});
  EXPECT_EQ(r["kind"], "reversal");
  EXPECT_EQ(r["actor"], "rosa");
  EXPECT_EQ(std::to_string(r["reverses"].get<long>()), id);
  const std::string text = cli.ok({"transaction", "show", rev_id});
  EXPECT_THAT(text, HasSubstr("Reverses:    transaction " + id + " (Typed twice)"));
  EXPECT_THAT(text, HasSubstr("by rosa"));
}

TEST_F(FindE2E, TransactionShowNamesTheOperationAndRefusesNonsense) {
  json repaid = run_json(cli, {"transactions", "--kind", "loan.repay"});
  const auto id = std::to_string(repaid["lines"][0]["transaction"].get<long>());
  json t = run_json(cli, {"transaction", "show", id});
  EXPECT_EQ(t["operation"]["kind"], "loan.repay");
  EXPECT_GT(t["operation"]["audit_seq"].get<long>(), 0);
  EXPECT_EQ(cli.run({"transaction", "show", "999"}).exit_code, 1);
  auto bad = cli.run({"transaction", "show", "abc"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("TXN-ID: \"abc\" is not a transaction number"));
}

TEST_F(FindE2E, GrantMilestoneAndLoanLists) {
  json g = run_json(cli, {"grant", "list", "--enterprise", "PU-003"});
  ASSERT_EQ(g["grants"].size(), 1u);
  EXPECT_EQ(g["grants"][0]["status"], "paid");
  EXPECT_EQ(g["grants"][0]["disbursed"], "1800.00");
  EXPECT_TRUE(run_json(cli, {"grant", "list", "--status", "cancelled"})["grants"].empty());
  EXPECT_EQ(cli.ok({"grant", "list", "--status", "awarded"}), "No grants match.\n");
  json m = run_json(cli, {"milestone", "list", "--enterprise", "PU-003"});
  ASSERT_EQ(m["milestones"].size(), 1u);
  EXPECT_EQ(m["milestones"][0]["milestone"], "plan-approved");
  EXPECT_EQ(m["milestones"][0]["actor"], "ana");
  json l = run_json(cli, {"loan", "list", "--status", "active"});
  ASSERT_EQ(l["loans"].size(), 1u);
  EXPECT_EQ(l["loans"][0]["enterprise"], "PU-003");
  EXPECT_EQ(l["loans"][0]["outstanding"], "841.47");
  EXPECT_EQ(l["loans"][0]["days_past_due"], 107);
  EXPECT_THAT(cli.ok({"loan", "list"}), HasSubstr("L-001"));
}

TEST_F(FindE2E, ListFiltersAreCheckedTogether) {
  auto r = cli.run({"grant", "list", "--fund", "BID-2025", "--enterprise", "PU-3", "--status",
                    "payed"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--fund: no fund \"BID-2025\"; did you mean 'BID-2026'?"));
  EXPECT_THAT(r.err, HasSubstr("--enterprise: no enterprise \"PU-3\""));
  EXPECT_THAT(r.err, HasSubstr("--status: \"payed\" is not a grant status; did you mean 'paid'"));
  auto loans = cli.run({"loan", "list", "--status", "late", "--enterprise", "NOPE"});
  EXPECT_EQ(loans.exit_code, 1);
  EXPECT_THAT(loans.err, HasSubstr("use one of open, active, closed, written-off"));
  EXPECT_THAT(loans.err, HasSubstr("2 problems"));
  EXPECT_EQ(cli.run({"milestone", "list", "--enterprise", "NOPE"}).exit_code, 1);
}

}  // namespace
}  // namespace semilla::e2e
