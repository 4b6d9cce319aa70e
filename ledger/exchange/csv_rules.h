// SPDX-License-Identifier: Apache-2.0
// The rules file of `semilla import csv` (docs/csv-import.md §2), after hledger's CSV rules:
// what the rows are (`import repayments`), which row holds the headers (`skip N`), the
// separator, how dates and decimals are written, and for each member of the operation a
// template built from the row's columns (`ref MFI-A/%{Recibo}`, `currency USD`).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/error.h"

namespace semilla::exchange::csv {

// What each row becomes: one batch operation of this type (docs/exchange.md §2).
enum class Kind { kEnterprises, kRepayments, kDisbursements, kMilestones, kTransactions };

// A member a rules file may assign for a kind, and how its text becomes a batch value.
struct MemberSpec {
  enum class Type { kText, kDate, kAmount, kInteger };
  const char* name;   // in the rules file: "ref", "loan", ...
  const char* batch;  // the batch operation's member: "external_id", "loan", ...
  Type type;
  bool required;
};

// The members of `kind`, in the order docs/csv-import.md lists them.
[[nodiscard]] std::span<const MemberSpec> members(Kind kind);
// "enterprises", "repayments", ...; and the batch operation type ("loan_repayment", ...).
[[nodiscard]] const char* kind_name(Kind kind);
[[nodiscard]] const char* operation_type(Kind kind);

// A piece of a template: literal text, or a reference to a column.
struct Piece {
  std::string text;     // the literal, or the reference as written: "%3", "%loan", "%{Préstamo}"
  bool column = false;  // a reference
  std::size_t column_index = 0;  // after bind_columns(): the column it names, 0 = A
};

// `MEMBER TEMPLATE` on rules line `line`.
struct Assignment {
  const MemberSpec* member = nullptr;
  std::string text;
  std::vector<Piece> pieces;
  std::size_t line = 0;
};

// `map MEMBER FROM = TO`: a cell value FROM (compared without surrounding spaces and ASCII
// case) becomes TO.
struct ValueMap {
  std::string member, from, to;
  std::size_t line = 0;
};

struct Rules {
  Kind kind = Kind::kEnterprises;
  std::size_t skip = 0;     // rows before the header row
  char separator = 0;       // 0: detected from the header row
  std::string date_format;  // empty: dates are written YYYY-MM-DD
  char decimal_mark = '.';
  std::vector<std::string> fields;  // `fields`: names of the columns by position ("" = none)
  std::vector<Assignment> assignments;
  std::vector<ValueMap> maps;
};

// Parses a rules file. Every problem is reported, each naming its line ("rules line 4"): an
// unknown directive or member (with the closest names), a directive given twice, a bad
// value, a malformed column reference, a kind without its required members, no `import`.
[[nodiscard]] Result<Rules, Errors> parse_rules(std::string_view text);

// Resolves every column reference of `rules` against the header row `header` (cells as read;
// compared without surrounding spaces): %N must be a column, %NAME a name of `fields`,
// %{HEADER} a header. Each problem names the rules line, with the closest headers.
[[nodiscard]] Errors bind_columns(Rules& rules, const std::vector<std::string>& header);

}  // namespace semilla::exchange::csv
