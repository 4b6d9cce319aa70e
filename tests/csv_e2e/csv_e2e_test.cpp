// SPDX-License-Identifier: Apache-2.0
// Spreadsheets in and out through the real binary: `import csv` of the example sheets on the
// example programme (once, then nothing changes), a dry run, rows and rules at fault (every
// problem named by row and column, exit 1, the book unchanged and still verifying), and
// `--csv` outputs read back by the importer's own CSV reader.
#include <gmock/gmock.h>

#include <filesystem>
#include <set>
#include <nlohmann/json.hpp>

#include "ledger/exchange/csv_reader.h"
#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kSheets = SEMILLA_SOURCE_DIR "/examples/spreadsheets/";
const std::string kPeople = kSheets + "participantes-2026-B.csv";
const std::string kPeopleRules = kSheets + "participantes.rules";
const std::string kRepayments = kSheets + "cobros-mfi-a-2026-06.csv";
const std::string kRepaymentRules = kSheets + "cobros-mfi-a.rules";

// What an unchanged book looks like from outside: its log head and its balances.
std::string state(const Cli& cli) {
  return cli.ok({"--json", "audit", "verify"}) + cli.ok({"trial-balance"});
}

// The example programme up to its partner's batch (parts 10 to 60), built once and copied
// into each test's book.
void copy_programme(const Cli& cli) {
  copy_example_parts(cli, {"10-book", "40-loans", "50-grants", "60-exchange"});
}

// CSV output read back with the importer's reader: the header row, then the rows.
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  auto table = exchange::csv::read(text, ',');
  EXPECT_TRUE(table.ok()) << text;
  EXPECT_THAT(text, Not(HasSubstr("\n\n")));
  return table.ok() ? table->records : std::vector<std::vector<std::string>>{};
}

TEST(CsvImportE2e, TheParticipantListOnceThenNothingChanges) {
  Cli cli;
  copy_programme(cli);
  const std::string before = state(cli);
  auto dry = cli.run({"import", "csv", kPeople, "--rules", kPeopleRules, "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("Dry run, nothing written: would add 6 enterprises"));
  EXPECT_EQ(state(cli), before);
  auto first = cli.run({"import", "csv", kPeople, "--rules", kPeopleRules});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("Imported: 6 enterprises, 0 accounts, 0 transactions; "
                                   "1 already in the book (unchanged)"));
  const std::string after = state(cli);
  EXPECT_NE(after, before);
  auto again = cli.run({"--json", "import", "csv", kPeople, "--rules", kPeopleRules});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  const json j = json::parse(again.out);
  EXPECT_EQ(j["changed"], false);
  EXPECT_EQ(j["operations"], 7);
  EXPECT_EQ(j["unchanged"], 7);
  EXPECT_EQ(state(cli), after);
  // The quoted names, the maps and the cohort arrived as the sheet meant them.
  const json people = json::parse(cli.ok({"--json", "enterprise", "list"}))["enterprises"];
  json ec014, ec015;
  for (const auto& e : people) {
    if (e["id"] == "EC-014") ec014 = e;
    if (e["id"] == "EC-015") ec015 = e;
  }
  EXPECT_EQ(ec014["name"], "Tienda \"La Esperanza\"");
  EXPECT_EQ(ec014["status"], "refugee");
  EXPECT_EQ(ec015["name"], "Sastrería Ríos; arreglos y confección");
  EXPECT_EQ(ec015["status"], "asylum-seeker");
  EXPECT_EQ(ec015["nationality"], "CO");
  EXPECT_EQ(ec015["cohort"], "2026-B");
  expect_verifies_and_imports(cli);
}

TEST(CsvImportE2e, TheRepaymentSheetGoesThroughTheLoansRules) {
  Cli cli;
  copy_programme(cli);
  auto first = cli.run({"import", "csv", kRepayments, "--rules", kRepaymentRules});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("2 loan repayments; 1 already in the book (unchanged)"));
  const json paid = json::parse(
      cli.ok({"--json", "transactions", "--ref", "MFI-A/002-06-29", "--kind", "loan.repay"}));
  EXPECT_GE(paid["count"], 2);  // the cash collected and the loan it pays
  const std::string after = state(cli);
  auto again = cli.run({"import", "csv", kRepayments, "--rules", kRepaymentRules});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_THAT(again.out, HasSubstr("Nothing changed: all 3 rows were already in the book"));
  EXPECT_EQ(state(cli), after);
  expect_verifies_and_imports(cli);
}

TEST(CsvImportE2e, EveryBadRowIsNamedAndNothingChanges) {
  Cli cli;
  copy_programme(cli);
  const std::string before = state(cli);
  const std::string sheet = cli.dir() + "/cobros.csv";
  spit(sheet,
       "\"Recibo\",\"Fecha\",\"Crédito\",\"Cliente\",\"Monto\",\"Moneda\"\r\n"
       "\"9-1\",\"29/06/2026\",\"L-2026-003\",\"Ortiz, Carmen\",\"58.00\",\"USD\"\r\n"
       "\"9-2\",\"29/06/2026\",\"L-2026-099\",\"B\",\"58.00\",\"USD\"\r\n"
       "\"9-3\",\"29/06/2026\",\"L-2026-003\",\"C\",\"58.001\",\"USD\"\r\n"
       "\"9-4\",\"29/06/2026\",\"L-2026-003\",\"D\",\"58.00\",\"EUR\"\r\n"
       "\"9-5\",\"29/06/2026\",\"L-2026-002\",\"E\",\"99999.00\",\"USD\"\r\n");
  auto r = cli.run({"import", "csv", sheet, "--rules", kRepaymentRules});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("row 3, column C (Crédito): no loan \"L-2026-099\""));
  EXPECT_THAT(r.err, HasSubstr("row 4, column E (Monto): \"58.001\" has 3 decimals"));
  EXPECT_THAT(r.err, HasSubstr("row 5, column F (Moneda): the loan is in USD, not EUR"));
  EXPECT_THAT(r.err, HasSubstr("row 6, column E (Monto): \"99999.00\""));
  EXPECT_THAT(r.err, HasSubstr("4 problems; nothing was changed"));
  EXPECT_EQ(state(cli), before);
  // The sheet's own shape: a thousands separator, an empty date, a row a column short.
  spit(sheet,
       "Recibo,Fecha,Crédito,Cliente,Monto,Moneda\n"
       "9-1,29/06/2026,L-2026-003,A,\"1,058.00\",USD\n"
       "9-2,,L-2026-003,B,58.00,USD\n"
       "9-3,29/06/2026,L-2026-003,C,58.00\n");
  auto shape = cli.run({"--json", "import", "csv", sheet, "--rules", kRepaymentRules});
  EXPECT_EQ(shape.exit_code, 1);
  const json e = json::parse(shape.out)["errors"];
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0]["field"], "row 4");
  EXPECT_THAT(e[0]["message"].get<std::string>(), HasSubstr("has 5 columns, the header row 6"));
  spit(sheet,
       "Recibo,Fecha,Crédito,Cliente,Monto,Moneda\n"
       "9-1,29/06/2026,L-2026-003,A,\"1,058.00\",USD\n"
       "9-2,,L-2026-003,B,58.00,USD\n");
  auto values = cli.run({"import", "csv", sheet, "--rules", kRepaymentRules});
  EXPECT_EQ(values.exit_code, 1);
  EXPECT_THAT(values.err, HasSubstr("row 2, column E (Monto): \"1,058.00\": write amounts"));
  EXPECT_THAT(values.err, HasSubstr("row 3, column B (Fecha): empty, but repayments need "
                                    "their date"));
  EXPECT_EQ(state(cli), before);
  expect_verifies_and_imports(cli);
}

TEST(CsvImportE2e, ATruncatedFileAndBadRulesAreRefused) {
  Cli cli;
  copy_programme(cli);
  const std::string before = state(cli);
  const std::string text = slurp(kRepayments);
  const std::string cut = cli.dir() + "/cut.csv";
  spit(cut, text.substr(0, text.find("en la agencia")));  // inside row 4's quoted note
  auto r = cli.run({"import", "csv", cut, "--rules", kRepaymentRules});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("row 4, column G: a quoted value starts here and is never "
                               "closed"));
  const std::string rules = cli.dir() + "/bad.rules";
  spit(rules, "import repayments\nseperator ,\nref %{Recibo}\nloan %{Credito}\ndate %2\n"
              "amount %5\n");
  auto bad = cli.run({"import", "csv", kRepayments, "--rules", rules});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("rules line 2: unknown directive \"seperator\"; did you mean "
                                 "'separator'"));
  spit(rules, "import repayments\nref %{Recibo}\nloan %{Credito}\ndate %2\namount %5\n");
  bad = cli.run({"import", "csv", kRepayments, "--rules", rules});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("rules line 3: no column headed \"Credito\" in the header "
                                 "row; did you mean 'Crédito'"));
  auto missing = cli.run({"import", "csv", cli.dir() + "/none.csv", "--rules", rules});
  EXPECT_EQ(missing.exit_code, 4);
  auto usage = cli.run({"import", "csv", kRepayments});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_EQ(state(cli), before);
}

TEST(CsvOutputE2e, ReportsAndListsAsCsvCarryTheJsonFigures) {
  Cli cli;
  copy_programme(cli);
  const json tb = json::parse(cli.ok({"--json", "trial-balance"}));
  const auto rows = read_csv(cli.ok({"trial-balance", "--csv"}));
  ASSERT_EQ(rows.size(), 1 + tb["accounts"].size() + tb["totals"].size());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"section", "account", "type", "debit", "credit",
                                                "currency"}));
  EXPECT_EQ(rows.back()[0], "total");
  EXPECT_EQ(rows.back()[3], tb["totals"][0]["debit"]);
  EXPECT_EQ(rows.back()[4], tb["totals"][0]["credit"]);

  const json loans = json::parse(cli.ok({"--json", "loan", "list"}))["loans"];
  const auto loan_rows = read_csv(cli.ok({"loan", "list", "--csv"}));
  ASSERT_EQ(loan_rows.size(), 1 + loans.size());
  EXPECT_EQ(loan_rows[0][0], "loan");
  for (std::size_t i = 0; i < loans.size(); ++i) {
    EXPECT_EQ(loan_rows[i + 1][0], loans[i]["loan"]);
    EXPECT_EQ(loan_rows[i + 1][5], loans[i]["outstanding"]);
  }
  // Quoted names with commas and quotes survive the round trip.
  cli.ok({"import", "csv", kPeople, "--rules", kPeopleRules});
  const auto people = read_csv(cli.ok({"enterprise", "list", "--csv"}));
  bool found = false;
  for (const auto& row : people) found = found || row[1] == "Tienda \"La Esperanza\"";
  EXPECT_TRUE(found);

  const auto statement = read_csv(cli.ok({"statement", "show", "EC-002", "--csv"}));
  ASSERT_GT(statement.size(), 2u);
  EXPECT_EQ(statement[0][0], "section");
  std::set<std::string> sections;
  for (std::size_t i = 1; i < statement.size(); ++i) sections.insert(statement[i][0]);
  EXPECT_EQ(sections,
            (std::set<std::string>{"summary", "line", "grant", "loan", "transaction"}));
  const auto portfolio = read_csv(cli.ok({"portfolio", "--at-risk", "--csv"}));
  EXPECT_EQ(portfolio[1][0], "portfolio");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"transactions", "--csv"}, {"grant", "list", "--csv"}, {"fund", "show", "BID-2026",
                                                                   "--csv"},
           {"loan", "status", "L-2026-002", "--csv"}, {"loan", "schedule", "L-2026-001", "--csv"},
           {"period", "list", "--csv"}, {"milestone", "names", "--csv"},
           {"transaction", "show", "1", "--csv"}}) {
    EXPECT_GT(read_csv(cli.ok(args)).size(), 1u) << args[0];
  }
}

TEST(CsvOutputE2e, TextThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText) {
  Cli cli;
  make_sample_book(cli);
  cli.ok({"post", "--date", "2026-01-05", "--memo", "=HYPERLINK(\"http://x.example\",\"pay\")",
          "--debit", "Expenses:Seed=12.30", "--credit", "Equity:Donor:BID=12.30"});
  cli.ok({"enterprise", "update", "EC-002", "--name", "@SUM(A1:A9)"});
  const auto rows = read_csv(cli.ok({"transaction", "show", "1", "--csv"}));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][3], "'=HYPERLINK(\"http://x.example\",\"pay\")");
  EXPECT_EQ(rows[2][5], "-12.30");  // a negative amount stays a number
  const auto people = read_csv(cli.ok({"enterprise", "list", "--csv"}));
  ASSERT_EQ(people.size(), 3u);
  EXPECT_EQ(people[2][1], "'@SUM(A1:A9)");
}

TEST(CsvOutputE2e, CsvWithJsonOrOnACommandWithoutATableIsAUsageError) {
  Cli cli;
  make_sample_book(cli);
  auto both = cli.run({"--json", "trial-balance", "--csv"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_THAT(both.err, HasSubstr("--csv"));
  auto write = cli.run({"account", "add", "Assets:X", "--type", "asset", "--csv"});
  EXPECT_EQ(write.exit_code, 2);
  EXPECT_EQ(cli.run({"account", "list"}).out.find("Assets:X"), std::string::npos);
}

}  // namespace
}  // namespace semilla::e2e
