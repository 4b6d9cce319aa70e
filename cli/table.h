// SPDX-License-Identifier: Apache-2.0
// Aligned plain-text tables for human output.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace semilla::cli {

// The characters of `s` (UTF-8 code points), as a terminal column counts them.
[[nodiscard]] std::size_t display_width(const std::string& s);

class Table {
 public:
  // kNumber: right-aligned, and a canonical decimal ("-1234.50") is shown in the language's
  // number format (display_number: "-1,234.50", "-1.234,50"), the one place tables do that.
  enum class Align { kLeft, kRight, kNumber };
  struct Column {
    std::string title;
    Align align = Align::kLeft;
  };

  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
  // Precondition: one cell per column.
  void add_row(std::vector<std::string> cells);
  // A horizontal rule before the next row (for totals).
  void add_rule();
  // Pads by characters (UTF-8 code points), so "Préstamos" aligns like "Prestamos".
  void print(std::ostream& out) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;  // an empty row is a rule
};

}  // namespace semilla::cli
