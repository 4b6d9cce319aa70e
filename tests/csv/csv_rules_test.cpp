// SPDX-License-Identifier: Apache-2.0
// The rules file of `import csv` (ledger/exchange/csv_rules.h) and the rows it turns into batch
// operations (csv_import.h).
#include <gmock/gmock.h>

#include "ledger/exchange/csv_import.h"
#include "ledger/exchange/csv_rules.h"

namespace semilla::exchange::csv {
namespace {

using ::testing::HasSubstr;
using nlohmann::json;

Rules rules(std::string_view text) {
  auto r = parse_rules(text);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().front().to_string());
  return r.ok() ? *r : Rules{};
}

Errors rule_problems(std::string_view text) {
  auto r = parse_rules(text);
  EXPECT_FALSE(r.ok());
  return r.ok() ? Errors{} : r.error();
}

constexpr std::string_view kRepayments =
    "# MFI-A's sheet\n"
    "import repayments\n"
    "\n"
    "; hledger's comment mark works too\n"
    "skip 1\n"
    "separator ;\n"
    "date-format %d/%m/%Y\n"
    "decimal-mark ,\n"
    "fields receipt, date, loan, client, amount\n"
    "ref MFI-A/%receipt\n"
    "currency USD\n";

TEST(CsvRules, DirectivesAndAssignments) {
  const Rules r = rules(kRepayments);
  EXPECT_EQ(r.kind, Kind::kRepayments);
  EXPECT_EQ(r.skip, 1u);
  EXPECT_EQ(r.separator, ';');
  EXPECT_EQ(r.date_format, "%d/%m/%Y");
  EXPECT_EQ(r.decimal_mark, ',');
  // ref and currency assigned, and the members named by `fields` (hledger's convention).
  std::vector<std::string> assigned;
  for (const auto& a : r.assignments) assigned.emplace_back(a.member->name);
  EXPECT_THAT(assigned, ::testing::UnorderedElementsAre("ref", "currency", "date", "loan",
                                                        "amount"));
}

TEST(CsvRules, AnUnknownDirectiveNamesItsLineAndTheClosestNames) {
  const Errors e = rule_problems("import repayments\nref %1\nloan %2\ndate %3\namount %4\n"
                                 "skipp 2\ndecimal_mark ,\n");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].field, "rules line 6");
  EXPECT_THAT(e[0].message, HasSubstr("unknown directive \"skipp\"; did you mean 'skip'"));
  EXPECT_EQ(e[1].field, "rules line 7");
  EXPECT_THAT(e[1].message, HasSubstr("'decimal-mark'"));
}

TEST(CsvRules, EveryProblemAtOnce) {
  const Errors e = rule_problems(
      "import repayments\nskip many\nseparator |\ndate-format %d-%m-%y\ndecimal-mark x\n"
      "grant %1\nref %\nloan %1\nloan %2\nmap sex Mujer female\nfields a b, c\n");
  std::vector<std::string> fields;
  for (const auto& x : e) fields.push_back(x.field);
  EXPECT_THAT(fields, ::testing::ElementsAre(
                          "rules line 2", "rules line 3", "rules line 4", "rules line 5",
                          "rules line 10", "rules line 11", "rules line 6", "rules line 7",
                          "rules line 9", "rules line 1"));
  EXPECT_THAT(e[6].message, HasSubstr("\"grant\" is not a member of repayments"));
  EXPECT_THAT(e[8].message, HasSubstr("given twice (first on line 8)"));
  EXPECT_THAT(e[9].message, HasSubstr("repayments need date or amount: the rules give no value for them"));
}

TEST(CsvRules, WithoutImportNothingIsAnOperation) {
  const Errors e = rule_problems("separator ;\nid %1\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].field, "rules");
  EXPECT_THAT(e[0].message, HasSubstr("add a line `import KIND`"));
}

TEST(CsvRules, ColumnReferencesAreBoundToTheHeaderRow) {
  Rules r = rules("import milestones\nenterprise %{ Código }\nmilestone %2\ndate %fecha\n"
                  "fields x, y, fecha\n");
  EXPECT_TRUE(bind_columns(r, {"Código", "Hito", "Fecha"}).empty());
  Rules bad = rules("import milestones\nenterprise %{Codigo}\nmilestone %4\ndate %when\n");
  const Errors e = bind_columns(bad, {"Código", "Hito", "Fecha"});
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].field, "rules line 2");
  EXPECT_THAT(e[0].message, HasSubstr("no column headed \"Codigo\""));
  EXPECT_THAT(e[0].message, HasSubstr("did you mean 'Código'"));
  EXPECT_THAT(e[1].message, HasSubstr("column %4: the header row has 3 columns"));
  EXPECT_THAT(e[2].message, HasSubstr("%when: no such name in `fields`"));
}

TEST(CsvRows, RowsBecomeBatchOperations) {
  const std::string sheet =
      "Informe de cobros;;;;\n"
      "Recibo;Fecha;Crédito;Cliente;Monto\n"
      "001;5/3/2026;L-1;\"Ortiz; Carmen\";58,00\n"
      ";;;;\n"
      "002;12/03/2026;L-1;Ortiz;1234,5\n";
  auto rb = rows_to_batch(sheet, rules(kRepayments));
  ASSERT_TRUE(rb.ok()) << rb.error().front().to_string();
  const json& ops = rb->doc["operations"];
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_EQ(ops[0], json::parse(R"({"type": "loan_repayment", "external_id": "MFI-A/001",
      "loan": "L-1", "date": "2026-03-05", "amount": "58.00", "currency": "USD"})"));
  EXPECT_EQ(ops[1]["amount"], "1234.5");
  EXPECT_EQ(rb->rows, (std::vector<std::size_t>{3, 5}));  // the blank row 4 is skipped
}

TEST(CsvRows, EveryRowProblemNamesRowColumnAndValue) {
  const std::string sheet =
      "title\n"
      "Recibo;Fecha;Crédito;Cliente;Monto\n"
      "001;2026-03-05;L-1;A;1.234,00\n"
      ";5/3/2026;L-1;B;58\n"
      "003;5/3/2026;;C;58.5\n";
  auto rb = rows_to_batch(sheet, rules(kRepayments));
  ASSERT_FALSE(rb.ok());
  const Errors& e = rb.error();
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0].to_string(),
            "row 3, column B (Fecha): \"2026-03-05\": not a date written as %d/%m/%Y");
  EXPECT_EQ(e[1].field, "row 3, column E (Monto)");
  EXPECT_THAT(e[1].message, HasSubstr("\"1.234,00\": write amounts with digits"));
  EXPECT_EQ(e[2].to_string(), "row 4, column A (Recibo): empty, but repayments need their ref");
  EXPECT_EQ(e[3].field, "row 5, column C (Crédito)");
  EXPECT_EQ(e[4].field, "row 5, column E (Monto)");  // "58.5" with decimal-mark ,
}

TEST(CsvRows, MapsTranslateTheSheetsWordsAndNumbersMustBeWhole) {
  const Rules r = rules("import enterprises\nid %1\nsex %2\nbirth_year %3\ncohort 2026-B\n"
                        "map sex Mujer = female\nmap sex Hombre = male\n");
  auto rb = rows_to_batch("id,sexo,año\nEC-1, mujer ,1990\nEC-2,x,\nEC-3,Hombre,19 90\n", r);
  ASSERT_FALSE(rb.ok());
  ASSERT_EQ(rb.error().size(), 1u);
  EXPECT_EQ(rb.error()[0].to_string(),
            "row 4, column C (año): \"19 90\": not a whole number (digits only)");
  auto ok = rows_to_batch("id,sexo,año\nEC-1, mujer ,1990\nEC-2,x,\n", r);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->doc["operations"][0],
            json::parse(R"({"type": "enterprise", "id": "EC-1", "sex": "female",
                            "birth_year": 1990, "cohort": "2026-B"})"));
  // An unmapped value goes to the batch as it is, whose rules say what is allowed.
  EXPECT_EQ(ok->doc["operations"][1]["sex"], "x");
}

TEST(CsvRows, TransactionsHaveTwoPostings) {
  const Rules r = rules("import transactions\nfields ref, date, memo, amount\n"
                        "debit Assets:Bank:Pichincha\ncredit Income:Donations\n");
  auto rb = rows_to_batch("r,d,m,a\nB-1,2026-06-01,Donación,100.00\n", r);
  ASSERT_TRUE(rb.ok()) << rb.error().front().to_string();
  EXPECT_EQ(rb->doc["operations"][0], json::parse(R"({"type": "transaction",
      "external_id": "B-1", "date": "2026-06-01", "memo": "Donación", "postings": [
      {"side": "debit", "account": "Assets:Bank:Pichincha", "amount": "100.00"},
      {"side": "credit", "account": "Income:Donations", "amount": "100.00"}]})"));
}

TEST(CsvRows, AFileWithoutRows) {
  const Rules r = rules("import milestones\nfields enterprise, milestone, date\n");
  auto none = rows_to_batch("e,m,d\n\n", r);
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.error()[0].message, HasSubstr("no rows to import"));
  auto empty = rows_to_batch("", r);
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.error()[0].message, HasSubstr("no header row"));
}

}  // namespace
}  // namespace semilla::exchange::csv
