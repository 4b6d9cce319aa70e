// SPDX-License-Identifier: Apache-2.0
// `semilla import csv` (docs/csv-import.md): the rows of a spreadsheet's CSV, mapped by a rules
// file to operations of one kind, imported by the batch import (batch.h) with its guarantees:
// every rule checked by the modules' own apply, all rows or none, idempotent by each
// operation's external id, a dry run that writes nothing.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/exchange/batch.h"
#include "ledger/exchange/csv_rules.h"

namespace semilla::exchange::csv {

// The batch document the rows make, and for each operation the spreadsheet row it came from.
struct RowBatch {
  nlohmann::json doc;             // {"format": "semilla-batch", "version": 1, "operations"}
  std::vector<std::size_t> rows;  // rows[i]: the row of operations[i] (the header is row skip+1)
  std::vector<std::string> header;
  Rules rules;  // bound to the header
  // values[i][k]: the text of rules.assignments[k] for operations[i], before conversion.
  std::vector<std::vector<std::string>> values;
};

// Reads `csv_text` (csv_reader.h) and builds one operation per non-blank row after the header,
// as `rules` says (binding its column references to the header). Every problem of every row
// is reported, each naming the row, the column (letter and header) and the value: the file's
// shape, a required value left empty, a date not in `date-format`, an amount with thousands
// separators or the other decimal mark, a number that is not whole.
[[nodiscard]] Result<RowBatch, Errors> rows_to_batch(std::string_view csv_text, Rules rules);

// Imports the CSV file `csv_path` with the rules file `rules_path`: the rules' problems first,
// then the rows' (rows_to_batch), then the batch's, each named by row and column instead of
// its JSON pointer ("row 7, column C (Préstamo)", or "row 7, rules line 5 (cash_account)" for
// a value the rules give, or "row 7" for the row as a whole). Nothing changes on any problem.
[[nodiscard]] Result<BatchReport, Errors> import_csv(book::Book& book, const std::string& csv_path,
                                                     const std::string& rules_path,
                                                     const BatchOptions& options = {});

}  // namespace semilla::exchange::csv
