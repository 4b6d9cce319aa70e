// SPDX-License-Identifier: Apache-2.0
// Progressive schedules and currency cash rounding through the real binary: a product with
// --schedule progressive quotes Fineract's figures, its loans open, disburse, repay and pass
// `audit verify` and `book export`/`book import`; a loan with --currency-multiple-of has every
// figure in multiples of the coin; what the rule book refuses exits 1 naming the option and
// changes nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;

class FineractSchedulesCli : public ::testing::Test {
 protected:
  void SetUp() override {
    make_sample_book(cli);
    // ProgressiveEMICalculatorTest.testEMICalculation_disbursedAmt100_dayInYears360_
    // daysInMonth30_repayEvery1Month's terms.
    cli.ok({"loan", "product", "add", "PROG-6", "--currency", "USD", "--rate", "9.4822",
            "--installments", "6", "--days-in-year", "360", "--days-in-month", "30",
            "--schedule", "progressive", "--cash-account", "Assets:Bank:Pichincha"});
  }

  json run_json(const std::vector<std::string>& args) {
    std::vector<std::string> all{"--json"};
    all.insert(all.end(), args.begin(), args.end());
    return json::parse(cli.ok(all));
  }

  Cli cli;
};

// The figures of Fineract's test (progressive_test.cpp cites it): EMI 17.13, interest 0.79
// first and 0.13 last.
TEST_F(FineractSchedulesCli, ProgressiveQuoteHasFineractsFigures) {
  json q = run_json({"loan", "quote", "--product", "PROG-6", "--principal", "100", "--date",
                     "2024-01-01"});
  ASSERT_EQ(q["installments"].size(), 6u);
  EXPECT_EQ(q["installments"][0]["total"], "17.13");
  EXPECT_EQ(q["installments"][0]["interest"], "0.79");
  EXPECT_EQ(q["installments"][5]["interest"], "0.13");
  EXPECT_EQ(q["installments"][5]["principal"], "17.00");
  json products = run_json({"loan", "product", "list"});
  EXPECT_EQ(products["products"][0]["terms"]["schedule"], "progressive");
  EXPECT_NE(cli.ok({"loan", "product", "list"}).find("declining, progressive"),
            std::string::npos);
}

TEST_F(FineractSchedulesCli, ProgressiveAndCashRoundedLoansVerifyAndRestore) {
  cli.ok({"loan", "open", "L-P", "--enterprise", "EC-001", "--product", "PROG-6",
          "--principal", "1000", "--date", "2026-01-15"});
  cli.ok({"loan", "disburse", "L-P", "--date", "2026-01-15"});
  json s = run_json({"loan", "schedule", "L-P"});
  const std::string first = s["installments"][0]["total"];
  cli.ok({"loan", "repay", "L-P", first, "--date", "2026-02-15"});
  // A loan overriding the product: cumulative again, every figure in multiples of 0.05.
  cli.ok({"loan", "open", "L-C", "--enterprise", "EC-002", "--product", "PROG-6",
          "--principal", "500", "--date", "2026-01-20", "--schedule", "cumulative",
          "--currency-multiple-of", "0.05"});
  cli.ok({"loan", "disburse", "L-C", "--date", "2026-01-20"});
  json c = run_json({"loan", "schedule", "L-C"});
  for (const json& i : c["installments"]) {
    for (const char* key : {"principal", "interest", "total"}) {
      const std::string v = i[key];
      EXPECT_TRUE(v.back() == '0' || v.back() == '5') << key << " " << v;
    }
  }
  RunResult verified = cli.run({"audit", "verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  const std::string bundle = cli.dir() + "/book.json";
  cli.ok({"book", "export", "--out", bundle});
  Cli copy;
  copy.ok({"book", "import", bundle});
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--json", "loan", "schedule", "L-P"},
           {"--json", "loan", "schedule", "L-C"},
           {"--json", "loan", "status", "L-P"},
           {"--json", "loan", "product", "list"}}) {
    EXPECT_EQ(copy.ok(args), cli.ok(args)) << args[2] << " " << args[3];
  }
  copy.ok({"audit", "verify"});
}

TEST_F(FineractSchedulesCli, RefusalsNameTheOptionAndChangeNothing) {
  const auto state = [this] {
    return cli.ok({"--json", "loan", "product", "list"}) + cli.ok({"--json", "loan", "list"});
  };
  const std::string before = state();
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  const std::vector<Case> cases = {
      {{"loan", "open", "L-1", "--enterprise", "EC-001", "--product", "PROG-6", "--principal",
        "100", "--method", "flat"}, "--method"},
      {{"loan", "open", "L-1", "--enterprise", "EC-001", "--product", "PROG-6", "--principal",
        "100", "--grace-principal", "1"}, "--grace-principal"},
      {{"loan", "open", "L-1", "--enterprise", "EC-001", "--product", "PROG-6", "--principal",
        "100.02", "--currency-multiple-of", "0.05"}, "--principal"},
      {{"loan", "product", "add", "BAD", "--currency", "USD", "--schedule", "annuity"},
       "--schedule"},
      {{"loan", "product", "add", "BAD", "--currency", "USD", "--currency-multiple-of", "0.05",
        "--multiple-of", "0.02"}, "--multiple-of"},
  };
  for (const auto& c : cases) {
    RunResult r = cli.run(c.args);
    EXPECT_NE(r.exit_code, 0) << c.says;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  }
  EXPECT_EQ(state(), before);
}

}  // namespace
}  // namespace semilla::e2e
