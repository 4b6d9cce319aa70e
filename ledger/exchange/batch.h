// SPDX-License-Identifier: Apache-2.0
// Batch import (docs/exchange.md §2, schemas/batch.schema.json): a document of operations
// (enterprises, accounts, transactions, loans opened, disbursed and repaid, donor receipts,
// grants awarded and disbursed, milestones)
// checked whole and then applied in one database transaction, or not at all.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "ledger/book/book.h"

namespace semilla::exchange {

struct BatchOptions {
  bool dry_run = false;  // check everything, then roll back
  // Called now and then with (done, total), for a progress display: operations for a
  // document in memory, bytes for a file.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct BatchReport {
  std::size_t operations = 0;
  std::size_t enterprises_added = 0, accounts_added = 0, transactions_posted = 0;
  std::size_t repayments_posted = 0;      // loan_repayment operations
  std::size_t disbursements_posted = 0;   // grant_disbursement operations
  std::size_t milestones_recorded = 0;    // milestone operations
  std::size_t loans_opened = 0;           // loan_open operations
  std::size_t loans_disbursed = 0;        // loan_disbursement operations
  std::size_t receipts_posted = 0;        // fund_receipt operations
  std::size_t grants_awarded = 0;         // grant_award operations
  std::size_t unchanged = 0;  // already in the book with the same content (external id)
  bool dry_run = false;
  // True when something was (or, in a dry run, would be) written.
  [[nodiscard]] bool changed() const {
    return enterprises_added + accounts_added + transactions_posted + repayments_posted +
               disbursements_posted + milestones_recorded + loans_opened + loans_disbursed +
               receipts_posted + grants_awarded >
           0;
  }
};

// Applies the batch `doc` to `book`. Every problem is reported, each naming the JSON pointer
// of the value at fault ("/operations/17/postings/1/amount"): schema violations first (and
// then nothing else is checked), otherwise every operation is checked in order, each seeing
// the operations before it. On any problem, and in a dry run, nothing changes.
// An operation whose external id (enterprise id, account name, the external_id of a
// transaction, loan repayment or grant disbursement, a milestone's enterprise and name) is
// already in the book with the same content is counted as unchanged; with other content it
// is a kConflict error. Loan repayments, grant disbursements and milestones go through the
// loans and grants modules inside the batch's one database transaction.
[[nodiscard]] Result<BatchReport, Errors> import_batch(book::Book& book,
                                                       const nlohmann::json& doc,
                                                       const BatchOptions& options = {});

// The same from a file, streamed (docs/exchange.md §2): memory stays flat whatever its size.
// A file named *.jsonl or *.ndjson is JSON Lines, one operation per line (the first at
// "/operations/0", blank lines not counted); any other is one batch document whose
// "operations" are applied as they are read. Each operation's schema is checked as it
// arrives; after the first schema violation no more rules are checked, and then only the
// schema's problems are returned (with those of the document around the operations), as for a
// document in memory. Limits: limits::kImportOperationValuesMax values in an operation,
// limits::kImportLineBytesMax bytes in a line, limits::kImportStringBytesMax in a string.
[[nodiscard]] Result<BatchReport, Errors> import_batch_file(book::Book& book,
                                                            const std::string& path,
                                                            const BatchOptions& options = {});

}  // namespace semilla::exchange
