// SPDX-License-Identifier: Apache-2.0
// --csv: reports and lists as RFC 4180 CSV for spreadsheets (docs/cli.md, "CSV output"). The
// rows are the objects the command's --json prints, so both carry the same figures in the same
// canonical form (1234.56: a '.' before the cents, no thousands separators, amounts as exact
// strings).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/context.h"

namespace semilla::cli {

// One table of a CSV: the JSON objects of its rows and the members to write, in order. A
// column "a.b" is member b of member a.
struct CsvTable {
  std::string section;  // its name in a CSV of several tables (write_csv_sections)
  const nlohmann::json* rows = nullptr;  // an array of objects
  std::vector<std::string> columns;
};

// A header row of the column names, then a row per object: strings as they are, integers in
// decimal, booleans true / false, null or absent as an empty cell, a list or object as its
// JSON text. Cells are quoted when they hold a comma, a quote, CR or LF (a quote doubled);
// every row ends in CRLF.
void write_csv(std::ostream& out, const CsvTable& table);

// Several tables in one CSV, for reports of several parts: a first column "section" with each
// row's table, then the union of the tables' columns in order of first appearance; a table's
// row leaves the columns it lacks empty. `order`, when given, is the header after "section"
// instead (it must hold every table's columns).
void write_csv_sections(std::ostream& out, const std::vector<CsvTable>& tables,
                        const std::vector<std::string>& order = {});

// With --csv, writes `table` on standard output and returns true; otherwise false.
bool print_csv(const Context& ctx, const CsvTable& table);

// One cell as RFC 4180 writes it. Text a spreadsheet would take for a formula (starting with
// = + - @, a tab or CR, and not a plain number such as -12.30) gets a leading apostrophe.
[[nodiscard]] std::string csv_cell(std::string_view text);

}  // namespace semilla::cli
