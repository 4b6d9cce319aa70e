// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/csv_messages.h"

#include "ledger/exchange/csv_reader.h"

namespace semilla::exchange::csv::msg {

std::string row(std::size_t row) { return "row " + std::to_string(row); }

std::string cell(std::size_t row, std::size_t column, std::string_view header) {
  std::string out = msg::row(row) + ", column " + column_letter(column);
  if (!header.empty()) out += " (" + std::string(header) + ")";
  return out;
}

std::string rules_line(std::size_t line) {
  return line == 0 ? "rules" : "rules line " + std::to_string(line);
}

std::string row_rule(std::size_t row, std::size_t line, std::string_view member) {
  return msg::row(row) + ", " + rules_line(line) + " (" + std::string(member) + ")";
}

std::string unclosed_quote() {
  return "a quoted value starts here and is never closed: the file is cut short, or a quote "
         "is missing";
}

std::string text_after_quote() {
  return "text after the closing quote of a quoted value (a quote inside a quoted value is "
         "written twice: \"\")";
}

std::string not_utf8() {
  return "not UTF-8 text: save the sheet as \"CSV UTF-8\" (Excel) or choose the UTF-8 "
         "character set (LibreOffice)";
}

std::string cell_too_long(std::size_t bytes, std::size_t bytes_max) {
  return "a value of " + std::to_string(bytes) + " bytes; at most " + std::to_string(bytes_max);
}

std::string too_many_rows(std::size_t rows_max) {
  return "more than " + std::to_string(rows_max) + " rows: split the file";
}

std::string wrong_width(std::size_t cells, std::size_t header_cells) {
  return "has " + std::to_string(cells) + " columns, the header row " +
         std::to_string(header_cells) +
         " (a separator inside a value needs the value in quotes)";
}

std::string unknown_directive(std::string_view word, std::string_view hint) {
  return "unknown directive \"" + std::string(word) + "\"" + std::string(hint);
}

std::string unknown_kind(std::string_view kind, std::string_view kinds) {
  return "\"" + std::string(kind) + "\" is not a kind of row; rows are " + std::string(kinds);
}

std::string no_kind(std::string_view kinds) {
  return "the rules do not say what the rows are: add a line `import KIND`, KIND one of " +
         std::string(kinds);
}

std::string not_a_member(std::string_view member, std::string_view kind,
                         std::string_view members, std::string_view hint) {
  return "\"" + std::string(member) + "\" is not a member of " + std::string(kind) +
         " (their members are " + std::string(members) + ")" + std::string(hint);
}

std::string twice(std::string_view what, std::size_t first_line) {
  return "\"" + std::string(what) + "\" is given twice (first on line " +
         std::to_string(first_line) + ")";
}

std::string needs_value(std::string_view directive, std::string_view example) {
  return "\"" + std::string(directive) + "\" needs a value, as in `" + std::string(example) + "`";
}

std::string bad_skip(std::string_view value) {
  return "skip \"" + std::string(value) + "\": the number of rows before the header row, 0 to 1000";
}

std::string bad_separator(std::string_view value) {
  return "separator \"" + std::string(value) + "\": write , or ; (or comma, semicolon, tab)";
}

std::string bad_decimal_mark(std::string_view value) {
  return "decimal-mark \"" + std::string(value) + "\": write . or ,";
}

std::string bad_date_format(std::string_view format) {
  return "date-format \"" + std::string(format) +
         "\": use %d (day), %m (month) and %Y (four-digit year) once each, as in %d/%m/%Y";
}

std::string bad_field_name(std::string_view name) {
  return "field name \"" + std::string(name) +
         "\": use letters, digits, _ and - (name headers with spaces as %{Header} instead)";
}

std::string bad_map(std::string_view text) {
  return "map \"" + std::string(text) + "\": write `map MEMBER VALUE = REPLACEMENT`";
}

std::string bad_reference(std::string_view template_text) {
  return "\"" + std::string(template_text) +
         "\": a column is %N (a number from 1), %NAME (a name of `fields`) or %{HEADER}; "
         "write %% for a percent sign";
}

std::string missing_members(std::string_view kind, std::string_view members) {
  return std::string(kind) + " need " + std::string(members) +
         ": the rules give no value for them";
}

std::string no_column(std::size_t number, std::size_t columns) {
  return "column %" + std::to_string(number) + ": the header row has " +
         std::to_string(columns) + " columns";
}

std::string no_header(std::string_view name, std::string_view hint) {
  return "no column headed \"" + std::string(name) + "\" in the header row" + std::string(hint);
}

std::string no_field(std::string_view name, std::string_view hint) {
  return "%" + std::string(name) + ": no such name in `fields`" + std::string(hint);
}

std::string no_header_row(std::size_t skip) {
  return "no header row: the file has no row after the " + std::to_string(skip) +
         " rows the rules skip";
}

std::string value(std::string_view text) {
  return text.empty() ? "(empty)" : "\"" + std::string(text) + "\"";
}

std::string required_empty(std::string_view member, std::string_view kind) {
  return "empty, but " + std::string(kind) + " need their " + std::string(member);
}

std::string not_whole_number() { return "not a whole number (digits only)"; }

std::string date_not_in_format(std::string_view format) {
  return "not a date written as " + std::string(format);
}

std::string thousands_mark(std::string_view decimal_mark) {
  const std::string example = decimal_mark == "," ? "1234,56" : "1234.56";
  return "write amounts with digits and at most one decimal mark \"" +
         std::string(decimal_mark) + "\", without thousands separators (" + example +
         "); the rules' `decimal-mark` says which mark the sheet uses";
}

std::string no_rows() { return "no rows to import after the header row"; }

std::string one_of(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace semilla::exchange::csv::msg
