// SPDX-License-Identifier: Apache-2.0
// Correcting loan mistakes through the real binary (issue 12): `loan cancel` before
// disbursement, `loan reverse-disbursement` while nothing is repaid. Each refusal changes
// nothing; every accepted correction leaves a book that `audit verify` and `book import`
// accept, and the portfolio leaves cancelled loans out from their cancellation on.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;

class LoanCorrections : public ::testing::Test {
 protected:
  void SetUp() override {
    make_sample_book(cli);
    cli.ok({"post", "--date", "2026-01-02", "--memo", "Donor", "--debit",
            "Assets:Bank:Pichincha=5000", "--credit", "Equity:Donor:BID=5000"});
    cli.ok({"loan", "product", "add", "CREDI-6", "--currency", "USD", "--rate", "24",
            "--installments", "6", "--fee", "2%", "--cash-account", "Assets:Bank:Pichincha"});
    cli.ok({"loan", "open", "L-001", "--enterprise", "EC-001", "--product", "CREDI-6",
            "--principal", "1000", "--date", "2026-01-15"});
  }

  json run_json(const std::vector<std::string>& args) {
    std::vector<std::string> all{"--json"};
    all.insert(all.end(), args.begin(), args.end());
    return json::parse(cli.ok(all));
  }

  std::string balance(const std::string& account) {
    json b = run_json({"balance", account});
    return b["accounts"].empty() ? "0.00" : b["accounts"][0]["balance"].get<std::string>();
  }

  // audit verify passes, and the exported bundle imports into a new book that verifies.
  void expect_verifies() { expect_verifies_and_imports(cli); }

  Cli cli;
};

TEST_F(LoanCorrections, CancelAnOpenLoanPostsNothingAndIsFinal) {
  json c = run_json({"loan", "cancel", "L-001", "--reason", "Wrong enterprise"});
  EXPECT_EQ(c["status"], "cancelled");
  EXPECT_TRUE(c["transaction"].is_null());
  json s = run_json({"loan", "status", "L-001"});
  EXPECT_EQ(s["status"], "cancelled");
  // Nothing moves a cancelled loan again.
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"loan", "disburse", "L-001", "--date", "2026-06-01"},
           {"loan", "cancel", "L-001", "--reason", "again"},
           {"loan", "reverse-disbursement", "L-001", "--reason", "x"},
           {"loan", "repay", "L-001", "10", "--date", "2026-06-01"},
           {"loan", "write-off", "L-001", "--date", "2026-06-01", "--reason", "x"}}) {
    RunResult r = cli.run(args);
    EXPECT_EQ(r.exit_code, 1) << args[1] << ": " << r.err;
    EXPECT_NE(r.err.find("cancelled"), std::string::npos) << args[1] << ": " << r.err;
  }
  expect_verifies();
}

TEST_F(LoanCorrections, CancelIsRefusedWithoutReasonInTheFutureAndAfterDisbursement) {
  EXPECT_EQ(cli.run({"loan", "cancel", "L-001"}).exit_code, 2);  // --reason is required
  EXPECT_EQ(cli.run({"loan", "cancel", "L-001", "--reason", ""}).exit_code, 1);
  RunResult future = cli.run({"loan", "cancel", "L-001", "--date", "2026-07-01", "--reason", "x"});
  EXPECT_EQ(future.exit_code, 1) << future.err;
  EXPECT_EQ(cli.run({"loan", "cancel", "L-404", "--reason", "x"}).exit_code, 1);
  cli.ok({"loan", "disburse", "L-001", "--date", "2026-01-15"});
  RunResult r = cli.run({"loan", "cancel", "L-001", "--reason", "late"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("loan reverse-disbursement"), std::string::npos) << r.err;
  EXPECT_EQ(run_json({"loan", "status", "L-001"})["status"], "active");
  expect_verifies();
}

TEST_F(LoanCorrections, ReverseDisbursementUndoesCashReceivableAndFee) {
  cli.ok({"loan", "disburse", "L-001", "--date", "2026-01-15"});
  EXPECT_EQ(balance("Assets:Loans:EC-001:L-001"), "1000.00");
  EXPECT_EQ(balance("Assets:Bank:Pichincha"), "4020.00");  // 1000 out, the 2% fee in
  json r = run_json({"loan", "reverse-disbursement", "L-001", "--date", "2026-02-01", "--reason",
                     "Paid to the wrong account"});
  EXPECT_EQ(r["status"], "cancelled");
  EXPECT_TRUE(r["transaction"].is_number_integer());
  EXPECT_EQ(balance("Assets:Loans:EC-001:L-001"), "0.00");
  EXPECT_EQ(balance("Assets:Bank:Pichincha"), "5000.00");
  EXPECT_EQ(balance("Income:Loans:Fees"), "0.00");
  // As of January the loan was out; from February on it is cancelled and out of the portfolio.
  EXPECT_EQ(run_json({"loan", "status", "L-001", "--as-of", "2026-01-20"})["status"], "active");
  EXPECT_EQ(run_json({"loan", "status", "L-001"})["status"], "cancelled");
  json p = run_json({"portfolio"});
  EXPECT_EQ(p.dump().find("L-001"), std::string::npos);
  EXPECT_EQ(cli.run({"loan", "repay", "L-001", "10", "--date", "2026-06-01"}).exit_code, 1);
  EXPECT_EQ(cli.run({"loan", "disburse", "L-001", "--date", "2026-06-01"}).exit_code, 1);
  expect_verifies();
}

TEST_F(LoanCorrections, ReverseDisbursementWaitsUntilEveryRepaymentIsReversed) {
  cli.ok({"loan", "disburse", "L-001", "--date", "2026-01-15"});
  json paid = run_json({"loan", "repay", "L-001", "50", "--date", "2026-02-15"});
  RunResult r = cli.run({"loan", "reverse-disbursement", "L-001", "--reason", "x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("loan reverse"), std::string::npos) << r.err;
  EXPECT_EQ(run_json({"loan", "status", "L-001"})["status"], "active");
  cli.ok({"loan", "reverse", "L-001", std::to_string(paid["transaction"].get<int>()), "--date",
          "2026-02-16", "--reason", "bounced"});
  // Before the disbursement date, and in a closed month: the book's reversal rules.
  EXPECT_EQ(cli.run({"loan", "reverse-disbursement", "L-001", "--date", "2026-01-10", "--reason",
                     "x"}).exit_code, 1);
  cli.ok({"period", "close", "2026-03"});
  EXPECT_EQ(cli.run({"loan", "reverse-disbursement", "L-001", "--date", "2026-03-10", "--reason",
                     "x"}).exit_code, 1);
  cli.ok({"loan", "reverse-disbursement", "L-001", "--date", "2026-04-01", "--reason", "x"});
  // An open loan is cancelled, not reversed; the plain reverse of the disbursement is refused.
  cli.ok({"loan", "open", "L-002", "--enterprise", "EC-002", "--product", "CREDI-6",
          "--principal", "500", "--date", "2026-04-01"});
  RunResult open = cli.run({"loan", "reverse-disbursement", "L-002", "--reason", "x"});
  EXPECT_EQ(open.exit_code, 1);
  EXPECT_NE(open.err.find("loan cancel"), std::string::npos) << open.err;
  expect_verifies();
}

TEST_F(LoanCorrections, PlainReverseOfTheDisbursementIsStillRefused) {
  json d = run_json({"loan", "disburse", "L-001", "--date", "2026-01-15"});
  RunResult r = cli.run({"reverse", std::to_string(d["transaction"].get<int>()), "--date",
                         "2026-02-01", "--reason", "x"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  expect_verifies();
}

}  // namespace
}  // namespace semilla::e2e
