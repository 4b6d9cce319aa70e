// SPDX-License-Identifier: Apache-2.0
// End-to-end: `statement show` covers an enterprise's grants, loans and tagged transactions,
// with opening, period and closing figures per kind; its refusals report every problem.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "tests/officer_e2e/officer_book.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class StatementE2E : public ::testing::Test {
 protected:
  void SetUp() override { make_officer_book(cli); }

  // The summary figure of `kind` as {opening, period, closing}.
  static std::vector<std::string> figure(const json& st, const std::string& kind) {
    for (const auto& f : st["summary"]) {
      if (f["kind"] == kind) return {f["opening"], f["period"], f["closing"]};
    }
    return {};
  }

  Cli cli;
};

TEST_F(StatementE2E, AnEnterpriseWithoutAccountsShowsItsGrantsLoansAndTaggedTransactions) {
  json st = run_json(cli, {"statement", "show", "PU-003", "--from", "2026-03-01", "--to",
                           "2026-06-30"});
  EXPECT_EQ(st["enterprise"], "PU-003");
  EXPECT_EQ(st["name"], "Costura Puyo");
  using V = std::vector<std::string>;
  EXPECT_EQ(figure(st, "grants.awarded"), (V{"1800.00", "0.00", "1800.00"}));
  EXPECT_EQ(figure(st, "grants.disbursed"), (V{"600.00", "1200.00", "1800.00"}));
  EXPECT_EQ(figure(st, "loans.disbursed"), (V{"1000.00", "0.00", "1000.00"}));
  EXPECT_EQ(figure(st, "loans.interest-paid"), (V{"20.00", "0.00", "20.00"}));
  EXPECT_EQ(figure(st, "loans.principal-repaid"), (V{"158.53", "0.00", "158.53"}));
  EXPECT_EQ(figure(st, "loans.outstanding"), (V{"841.47", "0.00", "841.47"}));
  ASSERT_EQ(st["grants"].size(), 1u);
  EXPECT_EQ(st["grants"][0]["grant"], "GR-003");
  EXPECT_EQ(st["grants"][0]["status"], "paid");
  ASSERT_EQ(st["loans"].size(), 1u);
  EXPECT_EQ(st["loans"][0]["loan"], "L-001");
  EXPECT_EQ(st["loans"][0]["days_past_due"], 107);
  // The period's transactions: tranches 2 and 3 (two postings each at least) and the rent.
  std::set<std::string> kinds;
  for (const auto& t : st["transactions"]) kinds.insert(t["kind"].get<std::string>());
  EXPECT_EQ(kinds, (std::set<std::string>{"grant.disburse", "post"}));
  EXPECT_EQ(st["transactions"].front()["date"], "2026-03-15");
  EXPECT_EQ(st["transactions"].back()["memo"], "Market stall rent");
}

TEST_F(StatementE2E, TheTableShowsEachPartAndTheWholeHistoryByDefault) {
  const std::string out = cli.ok({"statement", "show", "PU-003"});
  EXPECT_THAT(out, HasSubstr("Statement of PU-003 (Costura Puyo)"));
  EXPECT_THAT(out, HasSubstr("grants.disbursed"));
  EXPECT_THAT(out, HasSubstr("1,800.00"));
  EXPECT_THAT(out, HasSubstr("GR-003"));
  EXPECT_THAT(out, HasSubstr("L-001"));
  EXPECT_THAT(out, HasSubstr("Market stall rent"));
  EXPECT_THAT(out, HasSubstr("Closing balance"));
  EXPECT_EQ(out.back(), '\n');
}

TEST_F(StatementE2E, OwnAccountsKeepTheirRunningBalance) {
  cli.ok({"post", "--date", "2026-03-02", "--enterprise", "EC-001", "--debit",
          "Assets:Receivable:EC-001=800.50", "--credit", "Assets:Bank:Pichincha=800.50"});
  json st = run_json(cli, {"statement", "show", "EC-001"});
  ASSERT_EQ(st["lines"].size(), 1u);
  EXPECT_EQ(st["lines"][0]["balance"], "800.50");
  EXPECT_EQ(figure(st, "accounts.balance"), (std::vector<std::string>{"0.00", "800.50",
                                                                       "800.50"}));
  EXPECT_TRUE(st["grants"].empty());
  EXPECT_TRUE(st["loans"].empty());
}

TEST_F(StatementE2E, NothingYetIsSaidPlainly) {
  const std::string out = cli.ok({"statement", "show", "EC-002", "--to", "2026-01-31"});
  EXPECT_THAT(out, HasSubstr("Nothing concerns EC-002 up to 2026-01-31."));
  json st = run_json(cli, {"statement", "show", "PU-003", "--to", "2026-01-01"});
  EXPECT_TRUE(st["summary"].empty());
  EXPECT_TRUE(st["transactions"].empty());
}

TEST_F(StatementE2E, ArrearsAreNotProjectedPastToday) {
  json later = run_json(cli, {"statement", "show", "PU-003", "--to", "2026-12-31"});
  json today = run_json(cli, {"statement", "show", "PU-003"});
  EXPECT_EQ(figure(later, "loans.overdue"), figure(today, "loans.overdue"));
  EXPECT_EQ(figure(later, "loans.overdue")[2], "714.12");  // instalments 2 to 5
  EXPECT_EQ(later["loans"][0]["days_past_due"], 107);
}

TEST_F(StatementE2E, FromTheFirstDateThereIsHasNoOpening) {
  json st = run_json(cli, {"statement", "show", "PU-003", "--from", "1900-01-01"});
  EXPECT_EQ(st["from"], "1900-01-01");
  EXPECT_EQ(figure(st, "grants.disbursed")[0], "0.00");
}

TEST_F(StatementE2E, EveryProblemIsReportedAndTheClosestIdSuggested) {
  auto r = cli.run({"statement", "show", "PU-03", "--from", "2026-02-30", "--to", "tomorrow"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("ENTERPRISE-ID: no enterprise \"PU-03\"; did you mean 'PU-003'"));
  EXPECT_THAT(r.err, HasSubstr("--from"));
  EXPECT_THAT(r.err, HasSubstr("--to"));
  EXPECT_THAT(r.err, HasSubstr("3 problems"));
  auto backwards = cli.run({"--json", "statement", "show", "PU-003", "--from", "2026-05-01",
                            "--to", "2026-04-01"});
  EXPECT_EQ(backwards.exit_code, 1);
  json j = json::parse(backwards.out);
  EXPECT_EQ(j["errors"][0]["field"], "--to");
}

}  // namespace
}  // namespace semilla::e2e
