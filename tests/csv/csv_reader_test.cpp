// SPDX-License-Identifier: Apache-2.0
// The CSV reader (ledger/exchange/csv_reader.h) on what spreadsheets really export.
#include <gmock/gmock.h>

#include "ledger/exchange/csv_reader.h"

namespace semilla::exchange::csv {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Records = std::vector<std::vector<std::string>>;

Records records(std::string_view text, char separator = ',') {
  auto t = read(text, separator);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().front().to_string());
  return t.ok() ? t->records : Records{};
}

Errors problems(std::string_view text, char separator = ',') {
  auto t = read(text, separator);
  EXPECT_FALSE(t.ok());
  return t.ok() ? Errors{} : t.error();
}

TEST(CsvReader, ByteOrderMarkIsNotPartOfTheFirstHeader) {
  const Records r = records("\xEF\xBB\xBF" "Código;Nombre\nEC-1;Ana\n", ';');
  ASSERT_EQ(r.size(), 2u);
  EXPECT_THAT(r[0], ElementsAre("Código", "Nombre"));
  EXPECT_THAT(r[1], ElementsAre("EC-1", "Ana"));
}

TEST(CsvReader, DetectsTheSeparatorFromTheHeaderRow) {
  EXPECT_EQ(detect_separator("\xEF\xBB\xBF" "a;b;c\n1,5;2;3\n", 0), ';');
  EXPECT_EQ(detect_separator("a,b,c\n1;2;3;4;5\n", 0), ',');
  // Quoted separators do not count, nor does a title row the rules skip.
  EXPECT_EQ(detect_separator("\"x;y;z\",b\n", 0), ',');
  EXPECT_EQ(detect_separator("Informe, junio, 2026\na;b\n", 1), ';');
  EXPECT_EQ(detect_separator("solo\n", 0), ',');
}

TEST(CsvReader, QuotedFieldsDoubledQuotesAndLineBreaksInside) {
  const Records r = records(
      "id,name,note\r\n"
      "1,\"Tienda \"\"La Esperanza\"\"\",\"a, b\"\r\n"
      "2,\"Pagó en efectivo\r\nen la agencia\",\"\"\r\n"
      "3,plain,\r\n");
  ASSERT_EQ(r.size(), 4u);
  EXPECT_THAT(r[1], ElementsAre("1", "Tienda \"La Esperanza\"", "a, b"));
  EXPECT_THAT(r[2], ElementsAre("2", "Pagó en efectivo\r\nen la agencia", ""));
  EXPECT_THAT(r[3], ElementsAre("3", "plain", ""));  // a trailing empty cell is a cell
}

TEST(CsvReader, LineEndsCrlfLfAndLoneCrAreAllOneRowEach) {
  EXPECT_EQ(records("a\r\nb\nc\rd").size(), 4u);
  // A final line end, or none, adds no row; an empty line in the middle is a (blank) row.
  EXPECT_EQ(records("a,b\n1,2\n").size(), 2u);
  EXPECT_EQ(records("a,b\n1,2").size(), 2u);
  const Records blank = records("a,b\n\n1,2\n");
  ASSERT_EQ(blank.size(), 3u);
  EXPECT_TRUE(is_blank(blank[1]));
  EXPECT_TRUE(is_blank({"", " ", ""}));
  EXPECT_FALSE(is_blank({"", "x"}));
  EXPECT_TRUE(records("").empty());
}

TEST(CsvReader, AFileCutInsideAQuotedValueNamesTheRowWhereTheQuoteOpened) {
  const Errors e = problems("id,memo\n1,ok\n2,\"starts here\nand the file\nends");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].field, "row 3, column B");
  EXPECT_THAT(e[0].message, HasSubstr("never closed"));
}

TEST(CsvReader, EveryProblemIsReportedWithItsRowAndColumn) {
  const Errors e = problems("a,b,c\n\"x\"y,2,3\n1,\xC3\x28,3\n");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].field, "row 2, column A");
  EXPECT_THAT(e[0].message, HasSubstr("after the closing quote"));
  EXPECT_EQ(e[1].field, "row 3, column B");
  EXPECT_THAT(e[1].message, HasSubstr("CSV UTF-8"));
}

TEST(CsvReader, ACellLongerThanTheLimitIsRefused) {
  const Errors e = problems("a\n" + std::string(5000, 'x') + "\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(e[0].field, "row 2, column A");
}

TEST(CsvReader, RowsWithAnotherNumberOfColumnsThanTheHeader) {
  auto t = read("title row\na,b,c\n1,2,3\n1,2\n,,\n1,2,3,4\n", ',');
  ASSERT_TRUE(t.ok());
  const Errors e = check_widths(*t, 1);
  ASSERT_EQ(e.size(), 2u);  // the blank row 5 is no problem, nor the title before the header
  EXPECT_EQ(e[0].field, "row 4");
  EXPECT_THAT(e[0].message, HasSubstr("has 2 columns, the header row 3"));
  EXPECT_EQ(e[1].field, "row 6");
}

TEST(CsvReader, ColumnLettersAsSpreadsheetsName) {
  EXPECT_EQ(column_letter(0), "A");
  EXPECT_EQ(column_letter(25), "Z");
  EXPECT_EQ(column_letter(26), "AA");
  EXPECT_EQ(column_letter(27), "AB");
  EXPECT_EQ(column_letter(701), "ZZ");
  EXPECT_EQ(column_letter(702), "AAA");
}

}  // namespace
}  // namespace semilla::exchange::csv
