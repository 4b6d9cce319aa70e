// SPDX-License-Identifier: Apache-2.0
// Loans through the real binary: the JSON shapes of quote, schedule, status and portfolio,
// refusals with their exit codes and nothing changed, the enterprise statement, audit verify
// passing on a book with loans and failing on an altered loan row, and book export/import
// reproducing a book with loans (and refusing an altered loan record).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;

class LoansCli : public ::testing::Test {
 protected:
  void SetUp() override {
    make_sample_book(cli);
    cli.ok({"loan", "product", "add", "CREDI-6", "--currency", "USD", "--rate", "24",
            "--installments", "6", "--fee", "2%", "--cash-account", "Assets:Bank:Pichincha"});
  }

  json run_json(const std::vector<std::string>& args) {
    std::vector<std::string> all{"--json"};
    all.insert(all.end(), args.begin(), args.end());
    return json::parse(cli.ok(all));
  }

  // Opens and disburses L-001: 1000 USD to EC-001 on 2026-01-15.
  void open_and_disburse() {
    cli.ok({"loan", "open", "L-001", "--enterprise", "EC-001", "--product", "CREDI-6",
            "--principal", "1000", "--date", "2026-01-15"});
    cli.ok({"loan", "disburse", "L-001", "--date", "2026-01-15"});
  }

  // A second loan written off with a recovery, a reversed repayment on L-001 and an open
  // loan never disbursed; then `book export` to dir()/book.json, whose path is returned.
  std::string book_with_every_loan_record() {
    open_and_disburse();
    cli.ok({"loan", "repay", "L-001", "178.53", "--date", "2026-02-15", "--ref", "MFI-A/1"});
    json bounced = run_json({"loan", "repay", "L-001", "100", "--date", "2026-03-15"});
    cli.ok({"loan", "reverse", "L-001", std::to_string(bounced["transaction"].get<int>()),
            "--date", "2026-03-16", "--reason", "Cheque returned"});
    cli.ok({"loan", "open", "L-002", "--enterprise", "EC-002", "--product", "CREDI-6",
            "--principal", "500", "--date", "2026-02-01"});
    cli.ok({"loan", "disburse", "L-002", "--date", "2026-02-01"});
    cli.ok({"loan", "write-off", "L-002", "--date", "2026-05-30", "--reason", "closed business"});
    cli.ok({"loan", "recover", "L-002", "10.00", "--date", "2026-06-01", "--ref", "REC-1"});
    cli.ok({"loan", "open", "L-003", "--enterprise", "EC-001", "--product", "CREDI-6",
            "--principal", "300", "--date", "2026-06-20"});
    const std::string bundle = cli.dir() + "/book.json";
    cli.ok({"book", "export", "--out", bundle});
    return bundle;
  }

  Cli cli;
};

TEST_F(LoansCli, QuotePrintsTheScheduleShapeWithAmountsAsStrings) {
  json q = run_json({"loan", "quote", "--product", "CREDI-6", "--principal", "1000", "--date",
                     "2026-01-15"});
  ASSERT_EQ(q["installments"].size(), 6u);
  const json& first = q["installments"][0];
  for (const char* key : {"due_date", "principal", "interest", "fee", "total", "balance"}) {
    EXPECT_TRUE(first[key].is_string()) << key;
  }
  EXPECT_EQ(first["n"], 1);
  // Annuity of 1000 at 2% a month over 6: 178.53 (hand: 1000*0.02/(1-1.02^-6) = 178.5258).
  EXPECT_EQ(first["total"], "178.53");
  EXPECT_EQ(first["interest"], "20.00");
  EXPECT_EQ(q["totals"]["principal"], "1000.00");
  EXPECT_TRUE(q["apr"].is_string());
  EXPECT_TRUE(q["eir"].is_string());
  json flat = run_json({"loan", "quote", "--product", "CREDI-6", "--principal", "1000",
                        "--date", "2026-01-15", "--method", "flat"});
  EXPECT_GT(std::stod(flat["apr"].get<std::string>()), std::stod(q["apr"].get<std::string>()));
}

TEST_F(LoansCli, LifeOfALoanThroughTheBinary) {
  open_and_disburse();
  json sched = run_json({"loan", "schedule", "L-001"});
  EXPECT_EQ(sched["installments"].size(), 6u);
  EXPECT_EQ(sched["installments"][0]["due_date"], "2026-02-15");
  json r = run_json({"loan", "repay", "L-001", "178.53", "--date", "2026-02-15", "--ref",
                     "MFI-A/1"});
  ASSERT_EQ(r["postings"].size(), 3u);
  EXPECT_EQ(r["postings"][0]["amount"], "178.53");
  EXPECT_EQ(r["postings"][1]["account"], "Income:Loans:Interest");
  EXPECT_EQ(r["postings"][1]["amount"], "-20.00");
  EXPECT_EQ(r["postings"][2]["account"], "Assets:Loans:EC-001:L-001");
  EXPECT_EQ(r["postings"][2]["amount"], "-158.53");
  json again = run_json({"loan", "repay", "L-001", "178.53", "--date", "2026-02-15", "--ref",
                         "MFI-A/1"});
  EXPECT_TRUE(again["duplicate"].get<bool>());
  json s = run_json({"loan", "status", "L-001", "--as-of", "2026-04-20"});
  EXPECT_EQ(s["status"], "active");
  EXPECT_EQ(s["installments"][0]["status"], "paid");
  EXPECT_EQ(s["installments"][1]["status"], "overdue");
  EXPECT_EQ(s["installments"][3]["status"], "due");
  EXPECT_EQ(s["arrears"]["days_past_due"], 36);  // from 2026-03-15
  EXPECT_EQ(s["next_due"]["n"], 2);
  json p = run_json({"portfolio", "--as-of", "2026-04-20"});
  ASSERT_EQ(p["currencies"].size(), 1u);
  EXPECT_EQ(p["currencies"][0]["par30"], "1.0000");
  EXPECT_EQ(p["currencies"][0]["par90"], "0.0000");
  EXPECT_EQ(p["currencies"][0]["by_product"][0]["product"], "CREDI-6");
  EXPECT_EQ(p["currencies"][0]["by_cohort"][0]["cohort"], "2026-A");
  const std::string statement = cli.ok({"statement", "show", "EC-001"});
  EXPECT_NE(statement.find("Assets:Loans:EC-001:L-001"), std::string::npos) << statement;
  cli.ok({"loan", "write-off", "L-001", "--date", "2026-06-30", "--reason", "closed"});
  cli.ok({"loan", "recover", "L-001", "10.00", "--date", "2026-06-30"});
  json b = run_json({"balance", "Assets:LoanLossReserve"});
  EXPECT_EQ(b["accounts"][0]["balance"], "831.47");
  const std::string verified = cli.ok({"audit", "verify"});
  EXPECT_NE(verified.find("OK"), std::string::npos);
}

TEST_F(LoansCli, RefusalsExitOneAndChangeNothing) {
  cli.ok({"loan", "open", "L-001", "--enterprise", "EC-001", "--product", "CREDI-6",
          "--principal", "1000", "--date", "2026-01-15"});
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  const std::vector<Case> cases = {
      {{"loan", "repay", "L-001", "10", "--date", "2026-02-01"}, "not disbursed"},
      {{"loan", "write-off", "L-001", "--date", "2026-02-01", "--reason", "x"}, "not disbursed"},
      {{"loan", "open", "L-002", "--enterprise", "EC-404", "--product", "CREDI-6",
        "--principal", "10"}, "EC-404"},
      {{"loan", "status", "L-404"}, "L-404"},
  };
  for (const auto& c : cases) {
    RunResult r = cli.run(c.args);
    EXPECT_EQ(r.exit_code, 1) << c.args[1];
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  }
  cli.ok({"loan", "disburse", "L-001", "--date", "2026-01-15"});
  const std::string disbursed = cli.ok({"--json", "trial-balance"});
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"loan", "disburse", "L-001", "--date", "2026-01-16"},
           {"loan", "repay", "L-001", "10.00 PEN", "--date", "2026-02-01"},
           {"loan", "repay", "L-001", "5000", "--date", "2026-02-01"},
           {"loan", "repay", "L-001", "10", "--date", "2027-02-01"}}) {
    RunResult r = cli.run(args);
    EXPECT_EQ(r.exit_code, 1) << args[2] << " " << args[3] << r.err;
  }
  EXPECT_EQ(cli.ok({"--json", "trial-balance"}), disbursed);
  RunResult usage = cli.run({"loan", "repay", "L-001"});
  EXPECT_EQ(usage.exit_code, 2);
}

TEST_F(LoansCli, ReversingARepaymentReopensItsInstalment) {
  open_and_disburse();
  json r = run_json({"loan", "repay", "L-001", "178.53", "--date", "2026-02-15"});
  const std::string txn = std::to_string(r["transaction"].get<int>());
  json rev = run_json({"loan", "reverse", "L-001", txn, "--date", "2026-02-16", "--reason",
                       "Cheque returned"});
  EXPECT_EQ(rev["postings"][0]["amount"], "-178.53");
  json s = run_json({"loan", "status", "L-001", "--as-of", "2026-02-20"});
  EXPECT_EQ(s["installments"][0]["status"], "overdue");
  EXPECT_EQ(s["outstanding"]["principal"], "1000.00");
  RunResult again = cli.run({"loan", "reverse", "L-001", txn, "--date", "2026-02-16",
                             "--reason", "twice"});
  EXPECT_EQ(again.exit_code, 1);
  json products = run_json({"loan", "product", "list"});
  EXPECT_EQ(products["products"][0]["terms"]["rate"], "24");
  cli.ok({"audit", "verify"});
}

TEST_F(LoansCli, VerifyFailsOnAnAlteredLoanRow) {
  open_and_disburse();
  cli.ok({"loan", "repay", "L-001", "100", "--date", "2026-02-15"});
  cli.ok({"audit", "verify"});
  cli.sql("UPDATE loans SET recovered_minor = 5 WHERE id = 'L-001'");
  RunResult r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE((r.out + r.err).find("L-001"), std::string::npos) << r.out << r.err;
}

TEST_F(LoansCli, VerifyFailsOnAnAlteredAllocation) {
  open_and_disburse();
  cli.ok({"loan", "repay", "L-001", "100", "--date", "2026-02-15"});
  cli.sql("DROP TRIGGER loan_allocations_no_UPDATE; "
          "UPDATE loan_allocations SET amount_minor = amount_minor + 1 WHERE idx = 0");
  RunResult r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE((r.out + r.err).find("L-001 allocation"), std::string::npos) << r.out << r.err;
}

TEST_F(LoansCli, BookImportReproducesTheLoans) {
  const std::string bundle = book_with_every_loan_record();
  Cli copy;  // a new, empty database
  copy.ok({"book", "import", bundle});
  RunResult verified = copy.run({"audit", "verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  const std::vector<std::vector<std::string>> reports = {
      {"--json", "loan", "status", "L-001"},
      {"--json", "loan", "status", "L-001", "--as-of", "2026-03-15"},
      {"--json", "loan", "status", "L-002"},
      {"--json", "loan", "status", "L-003"},
      {"--json", "loan", "schedule", "L-001"},
      {"--json", "portfolio"},
      {"--json", "portfolio", "--as-of", "2026-04-20"},
      {"--json", "loan", "product", "list"},
      {"loan", "status", "L-001"},
      {"portfolio"},
      {"--json", "trial-balance"},
  };
  for (const auto& args : reports) {
    EXPECT_EQ(copy.ok(args), cli.ok(args)) << args[1] << " " << args[2];
  }
  // The restored book goes on: the --ref of a restored repayment is still known.
  json again = json::parse(copy.ok({"--json", "loan", "repay", "L-001", "178.53", "--date",
                                    "2026-02-15", "--ref", "MFI-A/1"}));
  EXPECT_TRUE(again["duplicate"].get<bool>());
  copy.ok({"loan", "repay", "L-001", "200", "--date", "2026-06-15"});
  copy.ok({"audit", "verify"});
}

TEST_F(LoansCli, BookImportRefusesAnAlteredLoanRecord) {
  const std::string bundle = book_with_every_loan_record();
  std::ifstream in(bundle, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string altered = text.str();
  // The reason is in the loan.write-off record only.
  const auto at = altered.find("closed business");
  ASSERT_NE(at, std::string::npos);
  altered.replace(at, 15, "closed busyness");
  const std::string path = cli.dir() + "/altered.json";
  std::ofstream(path, std::ios::binary) << altered;
  Cli copy;
  RunResult r = copy.run({"book", "import", path});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_FALSE(std::filesystem::exists(copy.db()));
  RunResult status = copy.run({"loan", "status", "L-001"});
  EXPECT_NE(status.exit_code, 0);
}

}  // namespace
}  // namespace semilla::e2e
