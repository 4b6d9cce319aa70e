// SPDX-License-Identifier: Apache-2.0
// CSV as spreadsheets export it (RFC 4180, docs/csv-import.md §1): UTF-8 with or without a
// byte order mark, comma or semicolon separated, quoted fields with doubled quotes and line
// breaks inside them, CRLF, LF or CR line ends. Records are numbered as a spreadsheet numbers
// its rows: the first record is row 1, and a record with a line break inside a quoted cell is
// still one row.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/error.h"

namespace semilla::exchange::csv {

struct Table {
  char separator = ',';
  // records[i] is the spreadsheet's row i + 1; cells exactly as written (not trimmed).
  std::vector<std::vector<std::string>> records;
};

// The separator of the record at index `header_index` (0 = the first): ';' when it holds more
// semicolons than commas outside quotes, else ','. A byte order mark is ignored.
[[nodiscard]] char detect_separator(std::string_view text, std::size_t header_index);

// Splits `text` into records of cells separated by `separator`. A final line end adds no
// record. Every problem is reported, each naming its row ("row 7") and, for a cell, its
// column ("row 7, column C"): a quoted value never closed (the row where its quote opened:
// a file cut short), text after a closing quote, a cell that is not UTF-8, a cell longer
// than limits::kImportStringBytesMax bytes. More than limits::kBatchOperationsMax records
// stop the reading (kLimitExceeded).
[[nodiscard]] Result<Table, Errors> read(std::string_view text, char separator);

// Each record after `header_index` that has as many cells as the header, or is blank (every
// cell empty, which spreadsheets write for an empty row): otherwise an error naming the row,
// its number of cells and the header's.
[[nodiscard]] Errors check_widths(const Table& table, std::size_t header_index);

// True when every cell of `record` is empty or spaces.
[[nodiscard]] bool is_blank(const std::vector<std::string>& record);

// The spreadsheet's name of the column at `index` (0 = "A", 25 = "Z", 26 = "AA").
[[nodiscard]] std::string column_letter(std::size_t index);

}  // namespace semilla::exchange::csv
