// SPDX-License-Identifier: Apache-2.0
// End-to-end: the command line itself. Unknown commands with the closest names, --version,
// help, examples in every group's help, SEMILLA_ACTOR, PAR as a percentage, loans at risk.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/officer_e2e/officer_book.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

TEST(CommandLineE2E, AnUnknownCommandSaysSoWithTheClosestNames) {
  Cli cli;
  auto r = cli.run({"statment", "show", "EC-001"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown command 'statment'; did you mean 'statement'?"));
  auto sub = cli.run({"loan", "repy", "L-1"});
  EXPECT_EQ(sub.exit_code, 2);
  EXPECT_THAT(sub.err, HasSubstr("unknown command 'repy'; did you mean 'repay'"));
  EXPECT_THAT(sub.err, HasSubstr("semilla loan --help"));
  auto none = cli.run({"--json", "frobnicate"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("unknown command 'frobnicate'\n"));
  EXPECT_FALSE(std::filesystem::exists(cli.db()));
}

TEST(CommandLineE2E, VersionHelpAndPlainSemilla) {
  Cli cli;
  auto v = cli.run({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_THAT(v.out, HasSubstr("semilla 0."));
  auto plain = cli.run({});
  EXPECT_EQ(plain.exit_code, 0);
  EXPECT_THAT(plain.out, HasSubstr("transactions"));
  ASSERT_FALSE(plain.out.empty());
  EXPECT_EQ(plain.out.back(), '\n');
  auto help = cli.run({"help", "loan", "repay"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("Example:"));
  EXPECT_THAT(help.out, HasSubstr("--ref"));
  EXPECT_EQ(cli.run({"help"}).out, plain.out);
  auto unknown = cli.run({"help", "lone"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("did you mean 'loan'"));
}

TEST(CommandLineE2E, EveryGroupsHelpHasAnExample) {
  Cli cli;
  for (const char* group : {"account", "enterprise", "loan", "fund", "grant", "milestone",
                            "report", "period", "statement", "audit", "keys", "batch", "book",
                            "journal", "transaction", "transactions", "portfolio", "post",
                            "officer"}) {
    auto r = cli.run({group, "--help"});
    EXPECT_EQ(r.exit_code, 0) << group;
    EXPECT_THAT(r.out, HasSubstr("Example")) << group;
    EXPECT_EQ(r.out.back(), '\n') << group;
  }
  EXPECT_THAT(cli.run({"loan", "product", "--help"}).out, HasSubstr("Example"));
}

TEST(CommandLineE2E, SemillaActorIsTheActorUnlessActorIsGiven) {
  Cli cli;
  make_sample_book(cli);
  cli.ok({"milestone", "define", "plan-approved", "--label", "Business plan approved"});
  cli.env = {"SEMILLA_ACTOR=rosa"};
  cli.ok({"milestone", "record", "EC-001", "plan-approved", "--date", "2026-02-01"});
  cli.ok({"--actor", "luis", "milestone", "record", "EC-002", "plan-approved", "--date",
          "2026-02-01"});
  json m = run_json(cli, {"milestone", "list"});
  ASSERT_EQ(m["milestones"].size(), 2u);
  EXPECT_EQ(m["milestones"][0]["actor"], "rosa");
  EXPECT_EQ(m["milestones"][1]["actor"], "luis");
}

TEST(CommandLineE2E, ParIsAPercentageInTablesAndARatioInJson) {
  Cli cli;
  make_officer_book(cli);
  const std::string table = cli.ok({"portfolio", "--at-risk"});
  EXPECT_THAT(table, HasSubstr("PAR30 100.00%"));
  EXPECT_THAT(table, HasSubstr("Loans at risk"));
  EXPECT_THAT(table, HasSubstr("PU-003"));
  EXPECT_THAT(table, HasSubstr("107"));
  json p = run_json(cli, {"portfolio", "--at-risk"});
  EXPECT_EQ(p["currencies"][0]["par30"], "1.0000");
  ASSERT_EQ(p["at_risk"].size(), 1u);
  EXPECT_EQ(p["at_risk"][0]["enterprise"], "PU-003");
  EXPECT_EQ(p["at_risk"][0]["days_past_due"], 107);
  EXPECT_EQ(p["at_risk"][0]["at_risk"], "841.47");
  json early = run_json(cli, {"portfolio", "--at-risk", "--as-of", "2026-03-10"});
  EXPECT_TRUE(early["at_risk"].empty());
  EXPECT_THAT(cli.ok({"portfolio", "--at-risk", "--as-of", "2026-03-10"}),
              HasSubstr("None: no active loan has an instalment past due."));
}

TEST(CommandLineE2E, EnterpriseAndAccountAddReportEveryProblem) {
  Cli cli;
  make_sample_book(cli);
  auto e = cli.run({"--json", "enterprise", "add", "EC 9", "--sex", "f", "--birth-year", "90",
                    "--nationality", "ZZ", "--status", "tourist", "--kind", "company"});
  EXPECT_EQ(e.exit_code, 1);
  const json doc = json::parse(e.out);
  std::vector<std::string> fields;
  for (const auto& err : doc["errors"]) fields.push_back(err["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"ID", "--kind", "--sex", "--status",
                                              "--nationality", "--birth-year"}));
  auto taken = cli.run({"enterprise", "add", "EC-001", "--sex", "f"});
  EXPECT_THAT(taken.err, HasSubstr("already exists"));
  EXPECT_THAT(taken.err, HasSubstr("--sex"));
  auto a = cli.run({"account", "add", "Assets::Bad", "--type", "assets", "--currency", "XYZ",
                    "--enterprise", "NOPE"});
  EXPECT_EQ(a.exit_code, 1);
  EXPECT_THAT(a.err, HasSubstr("NAME"));
  EXPECT_THAT(a.err, HasSubstr("--type"));
  EXPECT_THAT(a.err, HasSubstr("--currency"));
  EXPECT_THAT(a.err, HasSubstr("--enterprise: no enterprise \"NOPE\""));
  EXPECT_THAT(a.err, HasSubstr("4 problems; nothing was changed"));
  // One problem alone reads as before.
  auto one = cli.run({"account", "add", "Assets:Bank:Pichincha", "--type", "asset"});
  EXPECT_THAT(one.err, HasSubstr("already"));
}

}  // namespace
}  // namespace semilla::e2e
