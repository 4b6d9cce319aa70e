// SPDX-License-Identifier: Apache-2.0
// End to end: a donor fund of USD 50,000 and 40 enterprises through the real binary. Every
// figure of the donor report is checked against numbers computed here from the inputs, and
// the report's money against the ledger's balances.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/grants_e2e/programme.h"

namespace semilla::grants_e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class ProgrammeE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cli_ = new e2e::Cli();
    programme_ = new Programme(make_programme());
    run_programme(*cli_, *programme_);
  }
  static void TearDownTestSuite() {
    delete cli_;
    delete programme_;
  }
  static json report(const std::string& from, const std::string& to) {
    return json::parse(cli_->ok({"--json", "report", "donor", kFund, "--from", from, "--to", to}));
  }
  // The balance of one account at the end of `as_of`, from `semilla balance`.
  static std::string balance(const std::string& account, const std::string& as_of) {
    json b = json::parse(cli_->ok({"--json", "balance", account, "--as-of", as_of}));
    for (const auto& a : b["accounts"]) {
      if (a["account"] == account) return a["balance"];
    }
    return "0.00";
  }
  static std::string records() {
    return json::parse(cli_->ok({"--json", "audit", "verify"}))["records"].dump();
  }
  static void check_group(const json& g, const Group& x, const std::string& what) {
    EXPECT_EQ(g["enterprises"], x.enterprises) << what;
    EXPECT_EQ(g["grants"], x.grants) << what;
    EXPECT_EQ(g["female"], x.female) << what;
    EXPECT_EQ(g["male"], x.male) << what;
    EXPECT_EQ(g["other"], x.other) << what;
    EXPECT_EQ(g["unknown"], x.unknown) << what;
    EXPECT_EQ(g["people"], x.female + x.male + x.other + x.unknown) << what;
    EXPECT_EQ(g["amount"], usd(x.amount_minor)) << what;
  }
  static void check_report(const std::string& from, const std::string& to) {
    const Expected x = expected_report(*programme_, from, to);
    json r = report(from, to);
    const json& m = r["money"];
    EXPECT_EQ(m["opening_balance"], usd(x.opening));
    EXPECT_EQ(m["disbursed_cash"], usd(x.cash));
    EXPECT_EQ(m["disbursed_in_kind"], usd(x.in_kind));
    EXPECT_EQ(m["returned"], usd(x.returned));
    EXPECT_EQ(m["closing_balance"], usd(x.closing));
    EXPECT_EQ(m["other_movements"], "0.00");
    EXPECT_TRUE(r["reconciled"].get<bool>());
    check_group(r["reached"], x.total, "total");
    for (const auto& [dim, groups] : x.by) {
      ASSERT_EQ(r["by"][dim].size(), groups.size()) << dim;
      for (const auto& g : r["by"][dim]) {
        const std::string value = g["group"];
        ASSERT_EQ(groups.count(value), 1u) << dim << " " << value;
        check_group(g, groups.at(value), dim + " " + value);
      }
    }
  }
  static e2e::Cli* cli_;
  static Programme* programme_;
};

e2e::Cli* ProgrammeE2E::cli_ = nullptr;
Programme* ProgrammeE2E::programme_ = nullptr;

TEST_F(ProgrammeE2E, DonorReportForTheHalfYearMatchesTheInputs) {
  check_report("2026-01-01", "2026-06-30");
  json r = report("2026-01-01", "2026-06-30");
  EXPECT_EQ(r["money"]["received"], "50000.00");
  EXPECT_EQ(r["money"]["committed_opening"], "0.00");
  EXPECT_EQ(r["money"]["awarded"], usd(programme_->awarded_minor));
  EXPECT_EQ(r["money"]["released"], usd(programme_->released_minor));
  const Expected x = expected_report(*programme_, "2026-01-01", "2026-06-30");
  EXPECT_EQ(r["money"]["committed_closing"],
            usd(programme_->awarded_minor - x.cash - x.in_kind - programme_->released_minor));
  EXPECT_EQ(r["reached"]["enterprises"], 40);
  EXPECT_EQ(r["reached"]["grants"], 40);
}

TEST_F(ProgrammeE2E, DonorReportForTheSecondQuarterMatchesTheInputs) {
  check_report("2026-04-01", "2026-06-30");
  json r = report("2026-04-01", "2026-06-30");
  EXPECT_EQ(r["money"]["received"], "0.00");
  EXPECT_EQ(r["reached"]["enterprises"], 31);  // second tranches 1..31; returns among them
}

TEST_F(ProgrammeE2E, ReportMoneyEqualsTheLedgerBalances) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"2026-01-01", "2026-06-30"},
                                 {"2026-04-01", "2026-05-31"}}) {
    json m = report(from, to)["money"];
    EXPECT_EQ(m["closing_balance"], balance("Assets:Funds:BID-2026", to));
    EXPECT_EQ(m["committed_closing"],
              balance("Equity:Funds:BID-2026:Commitments", to).substr(1));  // a credit
  }
  json m = report("2026-01-01", "2026-06-30")["money"];
  EXPECT_EQ(m["disbursed_cash"], balance("Expenses:Grants:BID-2026:Cash", "2026-06-30"));
  EXPECT_EQ(m["disbursed_in_kind"], balance("Expenses:Grants:BID-2026:InKind", "2026-06-30"));
  EXPECT_EQ("-" + m["returned"].get<std::string>(),
            balance("Expenses:Grants:BID-2026:Returned", "2026-06-30"));
  EXPECT_EQ("-" + m["received"].get<std::string>(),
            balance("Equity:Funds:BID-2026:Received", "2026-06-30"));
}

TEST_F(ProgrammeE2E, BudgetAgainstActual) {
  json r = report("2026-04-01", "2026-06-30");
  const Expected all = expected_report(*programme_, "2026-01-01", "2026-06-30");
  ASSERT_EQ(r["budget"].size(), 3u);
  EXPECT_EQ(r["budget"][0]["category"], "seed-capital-cash");
  EXPECT_EQ(r["budget"][0]["actual"], usd(all.cash));  // from the fund's start
  EXPECT_EQ(r["budget"][1]["actual"], usd(all.in_kind));
  EXPECT_EQ(r["budget"][2]["category"], "training");
  EXPECT_EQ(r["budget"][2]["budget"], "5000.00");
  EXPECT_EQ(r["budget"][2]["actual"], "0.00");
}

TEST_F(ProgrammeE2E, CsvCarriesTheSameFigures) {
  const std::string csv = cli_->ok({"report", "donor", kFund, "--from", "2026-01-01", "--to",
                                    "2026-06-30", "--csv"});
  const Expected x = expected_report(*programme_, "2026-01-01", "2026-06-30");
  EXPECT_THAT(csv, HasSubstr("section,item,enterprises,grants,people,female,male,other,"
                             "unknown,amount,budget\r\n"));
  EXPECT_THAT(csv, HasSubstr("money,disbursed_cash,,,,,,,," + usd(x.cash) + ",\r\n"));
  EXPECT_THAT(csv, HasSubstr("budget,seed-capital-cash,,,,,,,," + usd(x.cash) + ",30000.00\r\n"));
  const Group& t = x.total;
  EXPECT_THAT(csv, HasSubstr("reached,total,40,40," +
                             std::to_string(t.female + t.male + t.other + t.unknown) + "," +
                             std::to_string(t.female) + "," + std::to_string(t.male) + "," +
                             std::to_string(t.other) + "," + std::to_string(t.unknown) + "," +
                             usd(t.amount_minor) + ",\r\n"));
  const std::string human = cli_->ok({"report", "donor", kFund, "--from", "2026-01-01",
                                      "--to", "2026-06-30"});
  EXPECT_THAT(human, HasSubstr("Donor report: fund BID-2026 (BID Lab, USD)"));
  EXPECT_THAT(human, HasSubstr("province: Manabí"));
}

TEST_F(ProgrammeE2E, LaterChangesOfMembersDoNotRewriteTheReport) {
  const json before = report("2026-01-01", "2026-06-30");
  cli_->ok({"enterprise", "members", "EC-010", "--female", "40", "--male", "2"});
  EXPECT_EQ(report("2026-01-01", "2026-06-30"), before);
}

TEST_F(ProgrammeE2E, RefusalsAreClearAndChangeNothing) {
  const std::string before = records();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case cases[] = {
      {{"grant", "disburse", "GR-35", "--tranche", "2", "--date", "2026-06-01"},
       "needs milestone follow-up-visit of EC-035, not recorded yet"},
      {{"grant", "disburse", "GR-07", "--tranche", "1", "--date", "2026-06-01"},
       "tranche 1 of grant GR-07 was already disbursed"},
      {{"grant", "return", "GR-05", "2000", "--date", "2026-06-20", "--reason", "x"},
       "grant GR-05 can return at most"},
      {{"grant", "return", "GR-06", "10 PEN", "--date", "2026-06-20", "--reason", "x"},
       "is in PEN, but the fund holds only USD"},
      {{"fund", "receive", "BID-2026", "1", "--date", "2026-03-31"},
       "2026-03-31 is in 2026-03, a closed period"},
      // A fund's accounts take only the fund and grant commands' postings.
      {{"post", "--date", "2026-06-20", "--debit", "Assets:Funds:BID-2026=1", "--credit",
        "Equity:Funds:BID-2026:Received=1"},
       "account Assets:Funds:BID-2026 belongs to the grants module"},
      {{"grant", "disburse", "GR-40", "--tranche", "2", "--date", "2026-06-20"},
       "grant GR-40 is cancelled"},
      {{"grant", "award", "GR-99", "--enterprise", "EC-001", "--fund", "NOPE", "--tranche",
        "10"},
       "no fund NOPE"},
      {{"period", "reopen", "2026-04", "--reason", "x"}, "2026-04 is not closed"},
      {{"period", "close", "2026-06"}, "2026-06 is not over yet"},
  };
  for (const auto& c : cases) {
    auto r = cli_->run(c.args);
    EXPECT_EQ(r.exit_code, 1) << c.args[0] << " " << c.args[1] << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.message));
  }
  EXPECT_EQ(records(), before);
}

TEST_F(ProgrammeE2E, FundExhaustedAndOutsideItsDatesNeedAnOverride) {
  cli_->ok({"fund", "add", "SMALL", "--donor", "Fundación Local", "--currency", "USD", "--to",
            "2026-05-31"});
  cli_->ok({"fund", "receive", "SMALL", "100", "--date", "2026-05-02"});
  // Beyond what the fund can commit: the award needs a reason, and each payment still needs
  // the money (or an override) when it is made.
  auto over = cli_->run({"grant", "award", "GR-S1", "--enterprise", "EC-002", "--fund", "SMALL",
                         "--tranche", "150", "--tranche", "10", "--date", "2026-05-02"});
  EXPECT_EQ(over.exit_code, 1);
  EXPECT_THAT(over.err, HasSubstr("fund SMALL can still commit 100.00 USD"));
  cli_->ok({"grant", "award", "GR-S1", "--enterprise", "EC-002", "--fund", "SMALL",
            "--tranche", "150", "--tranche", "10", "--date", "2026-05-02", "--over-commit",
            "--reason", "Second donor payment agreed"});
  auto r = cli_->run({"grant", "disburse", "GR-S1", "--tranche", "1", "--date", "2026-05-03"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("fund SMALL holds 100.00 USD on 2026-05-03, less than"));
  r = cli_->run({"grant", "disburse", "GR-S1", "--tranche", "2", "--date", "2026-06-03"});
  EXPECT_THAT(r.err, HasSubstr("is outside fund SMALL's dates"));
  cli_->ok({"grant", "disburse", "GR-S1", "--tranche", "1", "--date", "2026-05-03",
            "--override-reason", "Donor approved by letter 2026-05-01"});
  json s = json::parse(cli_->ok({"--json", "grant", "status", "GR-S1"}));
  EXPECT_EQ(s["events"][1]["override_reason"], "Donor approved by letter 2026-05-01");
  EXPECT_EQ(balance("Assets:Funds:SMALL", "2026-06-30"), "-50.00");
}

TEST_F(ProgrammeE2E, PeriodReopenIsAuditedAndLetsPostingsThrough) {
  cli_->ok({"period", "close", "2026-02"});
  auto refused = cli_->run({"fund", "receive", kFund, "1", "--date", "2026-02-27"});
  EXPECT_THAT(refused.err, HasSubstr("a closed period"));
  cli_->ok({"period", "reopen", "2026-02", "--reason", "Bank statement arrived late"});
  json list = json::parse(cli_->ok({"--json", "period", "list"}));
  EXPECT_EQ(list["closed"], json::array({"2026-03"}));
  EXPECT_EQ(list["events"].back()["reason"], "Bank statement arrived late");
  cli_->ok({"period", "close", "2026-02"});
}

TEST_F(ProgrammeE2E, ARepeatedDisbursementOrMilestoneChangesNothing) {
  const std::string before = records();
  // GR-08's second tranche was paid in kind on 2026-05-09 (run_programme).
  const std::vector<std::string> paid{"grant", "disburse", "GR-08", "--tranche", "2", "--date",
                                      "2026-05-09", "--in-kind", "Stock", "--supplier",
                                      "Mayorista"};
  EXPECT_THAT(cli_->ok(paid), HasSubstr("Already recorded, nothing changed: Grant GR-08"));
  std::vector<std::string> as_json = paid;
  as_json.insert(as_json.begin(), "--json");
  json r = json::parse(cli_->ok(as_json));
  EXPECT_TRUE(r["duplicate"].get<bool>());
  EXPECT_EQ(r["grant"]["grant"], "GR-08");
  // GR-07's first tranche is in closed March: the repeat writes nothing, so it still succeeds.
  cli_->ok({"grant", "disburse", "GR-07", "--tranche", "1", "--date", "2026-03-08"});
  auto other_day = cli_->run({"grant", "disburse", "GR-08", "--tranche", "2", "--date",
                              "2026-05-10", "--in-kind", "Stock", "--supplier", "Mayorista"});
  EXPECT_EQ(other_day.exit_code, 1);
  EXPECT_THAT(other_day.err, HasSubstr("tranche 2 of grant GR-08 was already disbursed"));
  EXPECT_THAT(other_day.err, HasSubstr("its date was 2026-05-09"));
  auto in_cash = cli_->run({"grant", "disburse", "GR-08", "--tranche", "2", "--date",
                            "2026-05-09"});
  EXPECT_EQ(in_cash.exit_code, 1);
  EXPECT_THAT(in_cash.err, HasSubstr("it was in kind: Stock (Mayorista)"));
  EXPECT_THAT(cli_->ok({"milestone", "record", "EC-001", "plan-approved", "--date",
                        "2026-02-02"}),
              HasSubstr("Already recorded, nothing changed: milestone plan-approved of EC-001"));
  json m = json::parse(cli_->ok({"--json", "milestone", "record", "EC-001", "plan-approved",
                                 "--date", "2026-02-02"}));
  EXPECT_TRUE(m["duplicate"].get<bool>());
  auto moved = cli_->run({"milestone", "record", "EC-001", "plan-approved", "--date",
                          "2026-02-03"});
  EXPECT_EQ(moved.exit_code, 1);
  EXPECT_THAT(moved.err, HasSubstr("EC-001 already has milestone plan-approved (recorded "
                                   "2026-02-02"));
  EXPECT_EQ(records(), before);
}

TEST_F(ProgrammeE2E, BookExportAndImportRestoreTheGrants) {
  const std::string bundle = cli_->dir() + "/book.json";
  cli_->ok({"book", "export", "--out", bundle});
  e2e::Cli copy;  // a new, empty database
  copy.ok({"book", "import", bundle});
  json a = json::parse(cli_->ok({"--json", "audit", "verify"}));
  json b = json::parse(copy.ok({"--json", "audit", "verify"}));
  EXPECT_EQ(a["head"], b["head"]);
  EXPECT_EQ(a["root"], b["root"]);
  EXPECT_EQ(a["records"], b["records"]);
  const std::vector<std::string> report{"report", "donor", kFund, "--from", "2026-01-01",
                                        "--to", "2026-06-30"};
  std::vector<std::vector<std::string>> same = {
      report, {"fund", "list"}, {"--json", "fund", "list"}, {"--json", "grant", "status", "GR-05"},
      {"--json", "grant", "status", "GR-40"}, {"--json", "period", "list"}, {"trial-balance"}};
  same.push_back(report);
  same.back().push_back("--csv");
  same.push_back(report);
  same.back().insert(same.back().begin(), "--json");
  for (const auto& args : same) EXPECT_EQ(copy.ok(args), cli_->ok(args)) << args[1];
  auto closed = copy.run({"grant", "return", "GR-06", "1", "--date", "2026-03-31", "--reason",
                          "x"});
  EXPECT_EQ(closed.exit_code, 1);
  EXPECT_THAT(closed.err, HasSubstr("a closed period"));
  // A bundle whose grant record was altered is refused and leaves no database behind.
  std::stringstream text;
  text << std::ifstream(bundle).rdbuf();
  std::string altered = text.str();
  const auto at = altered.find("grant.disburse");
  ASSERT_NE(at, std::string::npos);
  const auto amount = altered.find(".", altered.find("amount", at));
  ASSERT_NE(amount, std::string::npos);
  altered[amount + 1] = altered[amount + 1] == '9' ? '8' : '9';
  std::ofstream(cli_->dir() + "/altered.json") << altered;
  e2e::Cli bad;
  auto r = bad.run({"book", "import", cli_->dir() + "/altered.json"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_FALSE(std::filesystem::exists(bad.db()));
}

// Runs last (gtest keeps declaration order within a suite): it alters the book.
TEST_F(ProgrammeE2E, VerifyPassesThenCatchesAnAlteredGrantRow) {
  cli_->ok({"audit", "verify"});
  cli_->sql("DROP TRIGGER grant_events_no_UPDATE; UPDATE grant_events SET amount_minor = "
            "amount_minor + 100 WHERE grant_id = 'GR-07' AND type = 'disburse';");
  auto r = cli_->run({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.out + r.err, HasSubstr("grant GR-07 (record"));
  EXPECT_THAT(r.out + r.err, HasSubstr("grant_events row differs from the audit record"));
}

}  // namespace
}  // namespace semilla::grants_e2e

namespace semilla::grants_e2e {
namespace {

TEST(FundSpendE2E, TrainingCostsAreTheBudgetLinesActualAndTheReportReconciles) {
  e2e::Cli cli;
  cli.ok({"init", "--currency", "USD", "--name", "Semillas 2026"});
  cli.ok({"fund", "add", "CAP-1", "--donor", "Donor", "--currency", "USD", "--budget",
          "seed-capital-cash=1000", "--budget", "training=500"});
  cli.ok({"fund", "receive", "CAP-1", "1500", "--date", "2026-01-05"});
  const std::vector<std::string> spend{"fund", "spend", "CAP-1", "training", "120",
                                       "--date", "2026-02-10", "--memo", "Workshop",
                                       "--ref", "INV-1"};
  EXPECT_THAT(cli.ok(spend),
              HasSubstr("Spent 120.00 USD from fund CAP-1 on training on 2026-02-10 "
                        "(Expenses:Programme:CAP-1:training"));
  const std::string records = json::parse(cli.ok({"--json", "audit", "verify"}))["records"].dump();
  EXPECT_THAT(cli.ok(spend), HasSubstr("Already recorded, nothing changed"));
  std::vector<std::string> as_json = spend;
  as_json.insert(as_json.begin(), "--json");
  EXPECT_TRUE(json::parse(cli.ok(as_json))["duplicate"].get<bool>());
  auto seed = cli.run({"fund", "spend", "CAP-1", "seed-capital-cash", "1", "--date",
                       "2026-02-10", "--memo", "x"});
  EXPECT_EQ(seed.exit_code, 1);
  EXPECT_THAT(seed.err, HasSubstr("is paid to enterprises with `semilla grant disburse`"));
  EXPECT_EQ(json::parse(cli.ok({"--json", "audit", "verify"}))["records"].dump(), records);
  json r = json::parse(cli.ok({"--json", "report", "donor", "CAP-1", "--from", "2026-01-01",
                               "--to", "2026-06-30"}));
  EXPECT_EQ(r["money"]["spent"], "120.00");
  EXPECT_EQ(r["money"]["other_movements"], "0.00");
  EXPECT_EQ(r["money"]["closing_balance"], "1380.00");
  EXPECT_TRUE(r["reconciled"].get<bool>());
  EXPECT_EQ(r["budget"][1]["category"], "training");
  EXPECT_EQ(r["budget"][1]["actual"], "120.00");
  EXPECT_EQ(r["budget"][1]["remaining"], "380.00");
  EXPECT_THAT(cli.ok({"report", "donor", "CAP-1", "--from", "2026-01-01", "--to",
                      "2026-06-30"}),
              HasSubstr("Spent on other budget lines"));
  json b = json::parse(cli.ok({"--json", "balance", "Expenses:Programme:CAP-1:training"}));
  EXPECT_EQ(b["accounts"][0]["balance"], "120.00");
  const std::string bundle = cli.dir() + "/book.json";
  cli.ok({"book", "export", "--out", bundle});
  e2e::Cli copy;
  copy.ok({"book", "import", bundle});
  const std::vector<std::string> report{"report", "donor", "CAP-1", "--from", "2026-01-01",
                                        "--to", "2026-06-30", "--csv"};
  EXPECT_EQ(copy.ok(report), cli.ok(report));
}

}  // namespace
}  // namespace semilla::grants_e2e
