// SPDX-License-Identifier: Apache-2.0
#include "cli/csv_out.h"

#include <algorithm>
#include <iostream>

namespace semilla::cli {
namespace {

using nlohmann::json;

// The member at "a.b" of `row`, or null.
const json* member(const json& row, const std::string& column) {
  const json* at = &row;
  std::size_t from = 0;
  while (true) {
    const auto dot = column.find('.', from);
    const std::string key = column.substr(from, dot - from);
    if (!at->is_object()) return nullptr;
    auto it = at->find(key);
    if (it == at->end()) return nullptr;
    at = &*it;
    if (dot == std::string::npos) return at;
    from = dot + 1;
  }
}

std::string text(const json* value) {
  if (value == nullptr || value->is_null()) return "";
  if (value->is_string()) return value->get<std::string>();
  return value->dump();  // integers, booleans; lists and objects as JSON text
}

void write_row(std::ostream& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) out << (i == 0 ? "" : ",") << csv_cell(cells[i]);
  out << "\r\n";
}

}  // namespace

namespace {

// A number as Semilla writes one: an optional '-', digits, and an optional '.' with digits.
bool is_plain_number(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view part = dot == std::string_view::npos ? "x" : text.substr(dot + 1);
  auto digits = [](std::string_view d) {
    return !d.empty() && d.find_first_not_of("0123456789") == std::string_view::npos;
  };
  return digits(whole) && (dot == std::string_view::npos || digits(part));
}

}  // namespace

std::string csv_cell(std::string_view text) {
  // A spreadsheet runs a cell starting with = + - @ (or a tab or CR before them) as a
  // formula: a memo or name typed as "=HYPERLINK(...)" would run on the reader's computer.
  // Such text gets a leading apostrophe, as OWASP advises; numbers ("-12.30") stay numbers.
  std::string guarded;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos &&
      !is_plain_number(text)) {
    guarded = "'" + std::string(text);
    text = guarded;
  }
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

void write_csv(std::ostream& out, const CsvTable& table) {
  write_row(out, table.columns);
  if (table.rows == nullptr) return;
  for (const auto& row : *table.rows) {
    std::vector<std::string> cells;
    for (const auto& c : table.columns) cells.push_back(text(member(row, c)));
    write_row(out, cells);
  }
}

bool print_csv(const Context& ctx, const CsvTable& table) {
  if (!ctx.csv()) return false;
  write_csv(std::cout, table);
  return true;
}

void write_csv_sections(std::ostream& out, const std::vector<CsvTable>& tables,
                        const std::vector<std::string>& order) {
  std::vector<std::string> columns = {"section"};
  columns.insert(columns.end(), order.begin(), order.end());
  for (const auto& t : tables) {
    for (const auto& c : t.columns) {
      if (std::find(columns.begin(), columns.end(), c) == columns.end()) columns.push_back(c);
    }
  }
  write_row(out, columns);
  for (const auto& t : tables) {
    if (t.rows == nullptr) continue;
    for (const auto& row : *t.rows) {
      std::vector<std::string> cells = {t.section};
      for (std::size_t i = 1; i < columns.size(); ++i) {
        const bool has = std::find(t.columns.begin(), t.columns.end(), columns[i]) !=
                         t.columns.end();
        cells.push_back(has ? text(member(row, columns[i])) : "");
      }
      write_row(out, cells);
    }
  }
}

}  // namespace semilla::cli
