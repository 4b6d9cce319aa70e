// SPDX-License-Identifier: Apache-2.0
// Correcting grants through the real binary (issue 12): a tranche returned in full is paid
// again only when the officer says so (--again --reason), the donor report stays reconciled,
// and when it does not reconcile its warning names the transactions behind it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::grants_e2e {
namespace {

using nlohmann::json;

class GrantCorrections : public ::testing::Test {
 protected:
  void SetUp() override {
    e2e::make_sample_book(cli);
    cli.ok({"fund", "add", "BID", "--donor", "Lab", "--currency", "USD", "--from", "2026-01-01",
            "--to", "2026-12-31", "--budget", "seed-capital-cash=5000"});
    cli.ok({"fund", "receive", "BID", "5000", "--date", "2026-01-05", "--ref", "SWIFT-1"});
    cli.ok({"grant", "award", "G-1", "--enterprise", "EC-001", "--fund", "BID", "--date",
            "2026-01-10", "--tranche", "500", "--tranche", "300"});
    cli.ok({"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-02-10"});
  }

  json run_json(const std::vector<std::string>& args) {
    std::vector<std::string> all{"--json"};
    all.insert(all.end(), args.begin(), args.end());
    return json::parse(cli.ok(all));
  }

  void expect_verifies() { e2e::expect_verifies_and_imports(cli); }

  e2e::Cli cli;
};

TEST_F(GrantCorrections, ATrancheReturnedInFullIsPaidAgainOnlyWhenAskedTo) {
  // Paid already: the same command is an idempotent repeat; another date a conflict that
  // names --again.
  e2e::RunResult same = cli.run({"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-02-10"});
  EXPECT_EQ(same.exit_code, 0);
  EXPECT_NE(same.out.find("Already recorded, nothing changed"), std::string::npos) << same.out;
  e2e::RunResult other = cli.run({"grant", "disburse", "G-1", "--tranche", "1", "--date",
                             "2026-03-10"});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("--again"), std::string::npos) << other.err;
  // Not returned yet, or returned in part: --again is refused.
  EXPECT_EQ(cli.run({"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-03-10",
                     "--again", "--reason", "x"}).exit_code, 1);
  cli.ok({"grant", "return", "G-1", "200", "--date", "2026-03-01", "--reason", "Bank error"});
  EXPECT_EQ(cli.run({"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-03-10",
                     "--again", "--reason", "x"}).exit_code, 1);
  cli.ok({"grant", "return", "G-1", "300", "--date", "2026-03-02", "--reason", "Bank error"});
  // Usage: --again needs --reason and --reason needs --again; a tranche never paid is not
  // paid "again".
  EXPECT_EQ(cli.run({"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-03-10",
                     "--again"}).exit_code, 2);
  EXPECT_EQ(cli.run({"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-03-10",
                     "--reason", "x"}).exit_code, 2);
  EXPECT_EQ(cli.run({"grant", "disburse", "G-1", "--tranche", "2", "--date", "2026-03-10",
                     "--again", "--reason", "x"}).exit_code, 1);
  json paid = run_json({"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-03-10",
                        "--again", "--reason", "The bank returned it; account corrected"});
  EXPECT_EQ(paid["grant"]["disbursed"], "1000.00");
  EXPECT_EQ(paid["grant"]["returned"], "500.00");
  EXPECT_EQ(paid["grant"]["committed"], "300.00");  // tranche 2 still committed
  // The returns are used up: a third payment is refused.
  EXPECT_EQ(cli.run({"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-03-11",
                     "--again", "--reason", "x"}).exit_code, 1);
  json report = run_json({"report", "donor", "BID", "--from", "2026-01-01", "--to",
                          "2026-06-30"});
  EXPECT_EQ(report["reconciled"], true);
  EXPECT_EQ(report["reached"]["amount"], "500.00");  // 1000 paid - 500 returned
  cli.ok({"grant", "disburse", "G-1", "--tranche", "2", "--date", "2026-03-12"});
  expect_verifies();
}

TEST_F(GrantCorrections, AnAwardWithoutDateSaysItIsDatedToday) {
  e2e::RunResult today = cli.run({"grant", "award", "G-2", "--enterprise", "EC-002", "--fund",
                                  "BID", "--tranche", "100"});
  EXPECT_EQ(today.exit_code, 0) << today.err;
  EXPECT_NE(today.out.find("dated 2026-06-30"), std::string::npos) << today.out;
  EXPECT_NE(today.out.find("Note: dated today, since no --date was given"), std::string::npos)
      << today.out;
  // A backdated award says its date and no note; its tranche can be paid on that date.
  e2e::RunResult back = cli.run({"grant", "award", "G-3", "--enterprise", "EC-002", "--fund",
                                 "BID", "--tranche", "100", "--date", "2026-02-01"});
  EXPECT_NE(back.out.find("dated 2026-02-01"), std::string::npos) << back.out;
  EXPECT_EQ(back.out.find("Note:"), std::string::npos) << back.out;
  cli.ok({"grant", "disburse", "G-3", "--tranche", "1", "--date", "2026-02-02"});
  e2e::RunResult early = cli.run({"grant", "disburse", "G-2", "--tranche", "1", "--date",
                                  "2026-02-02"});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_NE(early.err.find("before the award (2026-06-30)"), std::string::npos) << early.err;
}

TEST_F(GrantCorrections, TheUnreconciledWarningNamesTheTransactionsBehindIt) {
  json ok = run_json({"report", "donor", "BID", "--from", "2026-01-01", "--to", "2026-06-30"});
  EXPECT_EQ(ok["reconciled"], true);
  EXPECT_TRUE(ok["unexplained_transactions"].empty());
  // A transaction on the fund's money that no grant command posted (written into the tables
  // directly, as an old book or a hand edit might hold it): the check is kept and now names it.
  cli.sql("INSERT INTO transactions(id, day, recorded_at, memo, ref, enterprise, reverses, "
          "reason, audit_seq) VALUES (99, '2026-04-01', '2026-04-01T10:00:00.000Z', 'Hand', "
          "NULL, NULL, NULL, '', 999);"
          "INSERT INTO postings(transaction_id, idx, account_id, day, amount_minor, currency) "
          "SELECT 99, 0, id, '2026-04-01', -1000, 'USD' FROM accounts "
          "WHERE name = 'Assets:Funds:BID';"
          "INSERT INTO postings(transaction_id, idx, account_id, day, amount_minor, currency) "
          "SELECT 99, 1, id, '2026-04-01', 1000, 'USD' FROM accounts "
          "WHERE name = 'Expenses:Seed';"
          "INSERT INTO balance_days(account_id, currency, day, delta_minor, closing_minor) "
          "SELECT id, 'USD', '2026-04-01', -1000, 449000 FROM accounts "
          "WHERE name = 'Assets:Funds:BID';");
  json bad = run_json({"report", "donor", "BID", "--from", "2026-01-01", "--to", "2026-06-30"});
  EXPECT_EQ(bad["reconciled"], false);
  EXPECT_EQ(bad["unexplained_transactions"], json::array({99}));
  e2e::RunResult text = cli.run({"report", "donor", "BID", "--from", "2026-01-01", "--to",
                            "2026-06-30"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("do not add up"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("no fund or grant command posted: 99"), std::string::npos) << text.out;
  // Outside the period the transaction is not named.
  json before = run_json({"report", "donor", "BID", "--from", "2026-01-01", "--to",
                          "2026-02-28"});
  EXPECT_TRUE(before["unexplained_transactions"].empty());
  // verify still catches the hand edit.
  EXPECT_EQ(cli.run({"audit", "verify"}).exit_code, 3);
}

}  // namespace
}  // namespace semilla::grants_e2e
