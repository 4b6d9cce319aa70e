// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/csv_messages.h"

#include "ledger/base/lang.h"
#include "ledger/exchange/csv_reader.h"

namespace semilla::exchange::csv::msg {
namespace {

std::string n(std::size_t value) { return std::to_string(value); }
std::string s(std::string_view text) { return std::string(text); }

}  // namespace

std::string row(std::size_t row) { return trf("row {row}", {{"row", n(row)}}); }

std::string cell(std::size_t row, std::size_t column, std::string_view header) {
  const TrArgs args = {{"row", n(row)}, {"column", column_letter(column)}, {"header", s(header)}};
  return header.empty() ? trf("row {row}, column {column}", args)
                        : trf("row {row}, column {column} ({header})", args);
}

std::string rules_line(std::size_t line) {
  return line == 0 ? std::string(tr("rules")) : trf("rules line {line}", {{"line", n(line)}});
}

std::string row_rule(std::size_t row, std::size_t line, std::string_view member) {
  return msg::row(row) + ", " + rules_line(line) + " (" + std::string(member) + ")";
}

std::string unclosed_quote() {
  return tr("a quoted value starts here and is never closed: the file is cut short, or a quote "
            "is missing");
}

std::string text_after_quote() {
  return tr("text after the closing quote of a quoted value (a quote inside a quoted value is "
            "written twice: \"\")");
}

std::string not_utf8() {
  return tr("not UTF-8 text: save the sheet as \"CSV UTF-8\" (Excel) or choose the UTF-8 "
            "character set (LibreOffice)");
}

std::string cell_too_long(std::size_t bytes, std::size_t bytes_max) {
  return trf("a value of {bytes} bytes; at most {max}", {{"bytes", n(bytes)}, {"max",
             n(bytes_max)}});
}

std::string too_many_rows(std::size_t rows_max) {
  return trf("more than {max} rows: split the file", {{"max", n(rows_max)}});
}

std::string wrong_width(std::size_t cells, std::size_t header_cells) {
  return trf("has {cells} columns, the header row {header} (a separator inside a value needs "
             "the value in quotes)",
             {{"cells", n(cells)}, {"header", n(header_cells)}});
}

std::string unknown_directive(std::string_view word, std::string_view hint) {
  return trf("unknown directive \"{word}\"", {{"word", s(word)}}) + std::string(hint);
}

std::string unknown_kind(std::string_view kind, std::string_view kinds) {
  return trf("\"{kind}\" is not a kind of row; rows are {kinds}",
             {{"kind", s(kind)}, {"kinds", s(kinds)}});
}

std::string no_kind(std::string_view kinds) {
  return trf("the rules do not say what the rows are: add a line `import KIND`, KIND one of "
             "{kinds}",
             {{"kinds", s(kinds)}});
}

std::string not_a_member(std::string_view member, std::string_view kind,
                         std::string_view members, std::string_view hint) {
  return trf("\"{member}\" is not a member of {kind} (their members are {members})",
             {{"member", s(member)}, {"kind", s(kind)}, {"members", s(members)}}) +
         std::string(hint);
}

std::string twice(std::string_view what, std::size_t first_line) {
  return trf("\"{what}\" is given twice (first on line {line})",
             {{"what", s(what)}, {"line", n(first_line)}});
}

std::string needs_value(std::string_view directive, std::string_view example) {
  return trf("\"{directive}\" needs a value, as in `{example}`",
             {{"directive", s(directive)}, {"example", s(example)}});
}

std::string bad_skip(std::string_view value) {
  return trf("skip \"{value}\": the number of rows before the header row, 0 to 1000",
             {{"value", s(value)}});
}

std::string bad_separator(std::string_view value) {
  return trf("separator \"{value}\": write , or ; (or comma, semicolon, tab)",
             {{"value", s(value)}});
}

std::string bad_decimal_mark(std::string_view value) {
  return trf("decimal-mark \"{value}\": write . or ,", {{"value", s(value)}});
}

std::string bad_date_format(std::string_view format) {
  return trf("date-format \"{format}\": use %d (day), %m (month) and %Y (four-digit year) once "
             "each, as in %d/%m/%Y",
             {{"format", s(format)}});
}

std::string bad_field_name(std::string_view name) {
  return trf("field name \"{name}\": use letters, digits, _ and - (name headers with spaces as "
             "%{Header} instead)",
             {{"name", s(name)}});
}

std::string bad_map(std::string_view text) {
  return trf("map \"{text}\": write `map MEMBER VALUE = REPLACEMENT`", {{"text", s(text)}});
}

std::string bad_reference(std::string_view template_text) {
  return trf("\"{text}\": a column is %N (a number from 1), %NAME (a name of `fields`) or "
             "%{HEADER}; write %% for a percent sign",
             {{"text", s(template_text)}});
}

std::string missing_members(std::string_view kind, std::string_view members) {
  return trf("{kind} need {members}: the rules give no value for them",
             {{"kind", s(kind)}, {"members", s(members)}});
}

std::string no_column(std::size_t number, std::size_t columns) {
  return trf("column %{number}: the header row has {columns} columns",
             {{"number", n(number)}, {"columns", n(columns)}});
}

std::string no_header(std::string_view name, std::string_view hint) {
  return trf("no column headed \"{name}\" in the header row", {{"name", s(name)}}) +
         std::string(hint);
}

std::string no_field(std::string_view name, std::string_view hint) {
  return trf("%{name}: no such name in `fields`", {{"name", s(name)}}) + std::string(hint);
}

std::string no_header_row(std::size_t skip) {
  return trf("no header row: the file has no row after the {skip} rows the rules skip",
             {{"skip", n(skip)}});
}

std::string value(std::string_view text) {
  return text.empty() ? std::string(tr("(empty)")) : "\"" + std::string(text) + "\"";
}

std::string required_empty(std::string_view member, std::string_view kind) {
  return trf("empty, but {kind} need their {member}", {{"kind", s(kind)}, {"member", s(member)}});
}

std::string not_whole_number() { return tr("not a whole number (digits only)"); }

std::string date_not_in_format(std::string_view format) {
  return trf("not a date written as {format}", {{"format", s(format)}});
}

std::string thousands_mark(std::string_view decimal_mark) {
  const std::string example = decimal_mark == "," ? "1234,56" : "1234.56";
  return trf("write amounts with digits and at most one decimal mark \"{mark}\", without "
             "thousands separators ({example}); the rules' `decimal-mark` says which mark the "
             "sheet uses",
             {{"mark", s(decimal_mark)}, {"example", example}});
}

std::string no_rows() { return tr("no rows to import after the header row"); }

std::string one_of(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? tr(" or ") : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace semilla::exchange::csv::msg
