// SPDX-License-Identifier: Apache-2.0
// Not making mistakes with grants, through the real binary (issue 12): milestone names come
// from the programme's list, an award beyond what the fund can still commit needs a recorded
// reason, fund list never shows a negative availability, and every problem of a command's
// input is reported at once. Each book still verifies and imports.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::grants_e2e {
namespace {

using nlohmann::json;

class GrantMistakes : public ::testing::Test {
 protected:
  void SetUp() override {
    e2e::make_sample_book(cli);
    cli.ok({"fund", "add", "BID", "--donor", "Lab", "--currency", "USD", "--budget",
            "seed-capital-cash=5000"});
    cli.ok({"fund", "receive", "BID", "1000", "--date", "2026-01-05", "--ref", "SWIFT-1"});
  }

  json run_json(const std::vector<std::string>& args) {
    std::vector<std::string> all{"--json"};
    all.insert(all.end(), args.begin(), args.end());
    return json::parse(cli.ok(all));
  }

  e2e::Cli cli;
};

TEST_F(GrantMistakes, MilestoneNamesComeFromTheProgrammesList) {
  e2e::RunResult none = cli.run({"milestone", "record", "EC-001", "plan-approved", "--date",
                                 "2026-02-01"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("no milestone names are defined yet"), std::string::npos) << none.err;
  std::string out = cli.ok({"milestone", "define", "plan-approved", "--label",
                            "Business plan approved"});
  EXPECT_NE(out.find("Defined milestone plan-approved"), std::string::npos) << out;
  out = cli.ok({"milestone", "define", "plan-approved", "--label", "Business plan approved"});
  EXPECT_NE(out.find("Already recorded, nothing changed"), std::string::npos) << out;
  EXPECT_EQ(cli.run({"milestone", "define", "plan-approved", "--label", "Other"}).exit_code, 1);
  e2e::RunResult typo = cli.run({"milestone", "record", "EC-001", "plan-aproved", "--date",
                                 "2026-02-01"});
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_NE(typo.err.find("NAME: unknown milestone \"plan-aproved\"; did you mean "
                          "'plan-approved'?"),
            std::string::npos)
      << typo.err;
  e2e::RunResult cond = cli.run({"grant", "award", "G-1", "--enterprise", "EC-001", "--fund",
                                 "BID", "--date", "2026-02-01", "--tranche", "100:plan-aproved"});
  EXPECT_EQ(cond.exit_code, 1);
  EXPECT_NE(cond.err.find("--tranche 1: unknown milestone"), std::string::npos) << cond.err;
  cli.ok({"milestone", "record", "EC-001", "plan-approved", "--date", "2026-02-01"});
  cli.ok({"grant", "award", "G-1", "--enterprise", "EC-001", "--fund", "BID", "--date",
          "2026-02-01", "--tranche", "100:plan-approved"});
  json names = run_json({"milestone", "names"});
  ASSERT_EQ(names["milestones"].size(), 1u);
  EXPECT_EQ(names["milestones"][0]["label"], "Business plan approved");
  EXPECT_EQ(names["used_before_definitions"], json::array());
  e2e::expect_verifies_and_imports(cli);
}

TEST_F(GrantMistakes, AnAwardBeyondTheFundNeedsARecordedReason) {
  cli.ok({"grant", "award", "G-1", "--enterprise", "EC-001", "--fund", "BID", "--date",
          "2026-02-01", "--tranche", "700"});
  e2e::RunResult over = cli.run({"grant", "award", "G-2", "--enterprise", "EC-002", "--fund",
                                 "BID", "--date", "2026-02-01", "--tranche", "400"});
  EXPECT_EQ(over.exit_code, 1);
  EXPECT_NE(over.err.find("--fund: fund BID can still commit 300.00 USD (it holds 1000.00 USD, "
                          "of which 700.00 USD is committed to grants not yet paid), less than "
                          "the award's 400.00 USD"),
            std::string::npos)
      << over.err;
  // --over-commit and --reason go together.
  EXPECT_EQ(cli.run({"grant", "award", "G-2", "--enterprise", "EC-002", "--fund", "BID",
                     "--tranche", "400", "--over-commit"}).exit_code, 2);
  std::string out = cli.ok({"grant", "award", "G-2", "--enterprise", "EC-002", "--fund", "BID",
                            "--date", "2026-02-01", "--tranche", "400", "--over-commit",
                            "--reason", "Second donor tranche due in March"});
  EXPECT_NE(out.find("Over-committed fund BID: Second donor tranche due in March"),
            std::string::npos)
      << out;
  json status = run_json({"grant", "status", "G-2"});
  EXPECT_EQ(status["over_commit_reason"], "Second donor tranche due in March");
  EXPECT_EQ(run_json({"grant", "status", "G-1"})["over_commit_reason"], nullptr);
  // fund list never shows a negative availability; it says by how much it is over.
  out = cli.ok({"fund", "list"});
  EXPECT_EQ(out.find("-100.00"), std::string::npos) << out;
  EXPECT_NE(out.find("Fund BID is over-committed by 100.00 USD"), std::string::npos) << out;
  json funds = run_json({"fund", "list"});
  EXPECT_EQ(funds["funds"][0]["available"], "0.00");
  EXPECT_EQ(funds["funds"][0]["over_committed"], "100.00");
  // Once the money arrives, a reason given where none is needed is not recorded.
  cli.ok({"fund", "receive", "BID", "500", "--date", "2026-02-02"});
  out = cli.ok({"grant", "award", "G-3", "--enterprise", "EC-001", "--fund", "BID", "--date",
                "2026-02-03", "--tranche", "50", "--over-commit", "--reason", "just in case"});
  EXPECT_NE(out.find("--over-commit was not needed"), std::string::npos) << out;
  EXPECT_EQ(run_json({"grant", "status", "G-3"})["over_commit_reason"], nullptr);
  EXPECT_EQ(run_json({"fund", "list"})["funds"][0]["available"], "350.00");
  e2e::expect_verifies_and_imports(cli);
}

TEST_F(GrantMistakes, EveryProblemOfTheInputIsReported) {
  const auto state = [&] {
    return cli.ok({"--json", "fund", "list"}) + cli.ok({"--json", "transactions"});
  };
  const std::string before = state();
  e2e::RunResult award = cli.run({"grant", "award", "bad id", "--enterprise", "EC-404",
                                  "--fund", "NOPE", "--date", "2026-02-30", "--tranche", "5"});
  EXPECT_EQ(award.exit_code, 1);
  for (const char* field : {"GRANT-ID:", "--enterprise:", "--fund:", "--date:"}) {
    EXPECT_NE(award.err.find(std::string("semilla: error: ") + field), std::string::npos)
        << field << "\n" << award.err;
  }
  EXPECT_NE(award.err.find("4 problems; nothing was changed"), std::string::npos) << award.err;
  json j = json::parse(cli.run({"--json", "fund", "receive", "BID", "5.001", "--date",
                                "2026-13-01"}).out);
  ASSERT_EQ(j["errors"].size(), 2u) << j.dump();
  EXPECT_EQ(j["errors"][0]["field"], "AMOUNT");
  EXPECT_EQ(j["errors"][1]["field"], "--date");
  e2e::RunResult fund = cli.run({"fund", "add", "BID", "--donor", "", "--currency", "ZZZ"});
  EXPECT_NE(fund.err.find("3 problems"), std::string::npos) << fund.err;
  e2e::RunResult ms = cli.run({"milestone", "record", "EC-404", "harvest", "--date", "x"});
  EXPECT_NE(ms.err.find("3 problems"), std::string::npos) << ms.err;
  e2e::RunResult di = cli.run({"grant", "disburse", "G-404", "--tranche", "1", "--date", "x",
                               "--in-kind", "Oven"});
  EXPECT_NE(di.err.find("3 problems"), std::string::npos) << di.err;
  e2e::RunResult rev = cli.run({"reverse", "999", "--date", "x", "--reason", ""});
  EXPECT_NE(rev.err.find("3 problems"), std::string::npos) << rev.err;
  // A single problem is still worded as before.
  e2e::RunResult one = cli.run({"fund", "receive", "NOPE", "5", "--date", "2026-02-01"});
  EXPECT_EQ(one.exit_code, 1);
  EXPECT_EQ(one.err.find("problems"), std::string::npos) << one.err;
  EXPECT_EQ(state(), before);
}

// The same for the loan commands (issue 12 lists them with the grant ones).
TEST_F(GrantMistakes, LoanCommandsReportEveryProblemToo) {
  cli.ok({"loan", "product", "add", "P-1", "--currency", "USD", "--rate", "24",
          "--installments", "6", "--cash-account", "Assets:Bank:Pichincha"});
  e2e::RunResult open = cli.run({"loan", "open", "bad id", "--enterprise", "EC-404",
                                 "--product", "P-9", "--principal", "100", "--date", "x"});
  EXPECT_EQ(open.exit_code, 1);
  for (const char* field : {"LOAN-ID:", "--enterprise:", "--product:", "--date:"}) {
    EXPECT_NE(open.err.find(std::string("semilla: error: ") + field), std::string::npos)
        << field << "\n" << open.err;
  }
  EXPECT_NE(open.err.find("4 problems; nothing was changed"), std::string::npos) << open.err;
  cli.ok({"loan", "open", "L-1", "--enterprise", "EC-001", "--product", "P-1", "--principal",
          "600", "--date", "2026-01-10"});
  cli.ok({"loan", "disburse", "L-1", "--date", "2026-01-10"});
  e2e::RunResult repay = cli.run({"loan", "repay", "L-1", "1.001", "--date", "2026-02-30"});
  EXPECT_EQ(repay.exit_code, 1);
  EXPECT_NE(repay.err.find("2 problems"), std::string::npos) << repay.err;
  EXPECT_NE(repay.err.find("AMOUNT:"), std::string::npos) << repay.err;
  e2e::RunResult unknown = cli.run({"loan", "repay", "L-9", "5", "--date", "x"});
  EXPECT_NE(unknown.err.find("LOAN-ID:"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("--date:"), std::string::npos) << unknown.err;
  e2e::expect_verifies_and_imports(cli);
}

}  // namespace
}  // namespace semilla::grants_e2e
