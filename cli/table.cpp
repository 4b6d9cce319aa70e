// SPDX-License-Identifier: Apache-2.0
#include "cli/table.h"

#include <algorithm>

#include "ledger/base/check.h"
#include "ledger/base/lang.h"

namespace semilla::cli {

std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // count UTF-8 lead bytes only
  }));
}

void Table::add_row(std::vector<std::string> cells) {
  SEMILLA_CHECK(cells.size() == columns_.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (columns_[i].align == Align::kNumber) cells[i] = display_number(cells[i]);
  }
  rows_.push_back(std::move(cells));
}

void Table::add_rule() { rows_.emplace_back(); }

void Table::print(std::ostream& out) const {
  std::vector<std::size_t> widths;
  for (const auto& c : columns_) widths.push_back(display_width(c.title));
  for (const auto& row : rows_) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  auto print_cells = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      std::string pad(widths[i] - display_width(cells[i]), ' ');
      if (i > 0) line += "  ";
      line += columns_[i].align == Align::kLeft ? cells[i] + pad : pad + cells[i];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  auto rule = [&] {
    std::size_t total = 0;
    for (auto w : widths) total += w;
    out << std::string(total + 2 * (widths.size() - 1), '-') << '\n';
  };
  std::vector<std::string> titles;
  for (const auto& c : columns_) titles.push_back(c.title);
  print_cells(titles);
  rule();
  for (const auto& row : rows_) {
    if (row.empty()) {
      rule();
    } else {
      print_cells(row);
    }
  }
}

}  // namespace semilla::cli
