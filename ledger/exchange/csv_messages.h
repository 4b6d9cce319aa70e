// SPDX-License-Identifier: Apache-2.0
// Every sentence the CSV import shows to people, built in this one place so that it can be
// handed to a message catalog (gettext) without touching the reader, the rules or the import.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace semilla::exchange::csv::msg {

// Where a problem is: "row 7", "row 7, column C", "row 7, column C (Sexo)",
// "rules line 4".
[[nodiscard]] std::string row(std::size_t row);
[[nodiscard]] std::string cell(std::size_t row, std::size_t column, std::string_view header);
[[nodiscard]] std::string rules_line(std::size_t line);
// "row 7, rules line 4 (cash_account)": a value the rules give without a column.
[[nodiscard]] std::string row_rule(std::size_t row, std::size_t line, std::string_view member);

// The reader (csv_reader.h).
[[nodiscard]] std::string unclosed_quote();
[[nodiscard]] std::string text_after_quote();
[[nodiscard]] std::string not_utf8();
[[nodiscard]] std::string cell_too_long(std::size_t bytes, std::size_t bytes_max);
[[nodiscard]] std::string too_many_rows(std::size_t rows_max);
[[nodiscard]] std::string wrong_width(std::size_t cells, std::size_t header_cells);

// The rules (csv_rules.h).
[[nodiscard]] std::string unknown_directive(std::string_view word, std::string_view hint);
[[nodiscard]] std::string unknown_kind(std::string_view kind, std::string_view kinds);
[[nodiscard]] std::string no_kind(std::string_view kinds);
[[nodiscard]] std::string not_a_member(std::string_view member, std::string_view kind,
                                       std::string_view members, std::string_view hint);
[[nodiscard]] std::string twice(std::string_view what, std::size_t first_line);
[[nodiscard]] std::string needs_value(std::string_view directive, std::string_view example);
[[nodiscard]] std::string bad_skip(std::string_view value);
[[nodiscard]] std::string bad_separator(std::string_view value);
[[nodiscard]] std::string bad_decimal_mark(std::string_view value);
[[nodiscard]] std::string bad_date_format(std::string_view format);
[[nodiscard]] std::string bad_field_name(std::string_view name);
[[nodiscard]] std::string bad_map(std::string_view text);
[[nodiscard]] std::string bad_reference(std::string_view template_text);
[[nodiscard]] std::string missing_members(std::string_view kind, std::string_view members);
[[nodiscard]] std::string no_column(std::size_t number, std::size_t columns);
[[nodiscard]] std::string no_header(std::string_view name, std::string_view hint);
[[nodiscard]] std::string no_field(std::string_view name, std::string_view hint);
[[nodiscard]] std::string no_header_row(std::size_t skip);

// The values of a row (csv_import.h).
[[nodiscard]] std::string value(std::string_view text);  // "\"Mujeer\"" or "(empty)"
[[nodiscard]] std::string required_empty(std::string_view member, std::string_view kind);
[[nodiscard]] std::string not_whole_number();
[[nodiscard]] std::string date_not_in_format(std::string_view format);
[[nodiscard]] std::string thousands_mark(std::string_view decimal_mark);
[[nodiscard]] std::string no_rows();

// "a, b or c".
[[nodiscard]] std::string one_of(const std::vector<std::string>& names);

}  // namespace semilla::exchange::csv::msg
