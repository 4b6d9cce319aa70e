// SPDX-License-Identifier: Apache-2.0
// Batch import (docs/exchange.md §2, schemas/batch.schema.json): a document of operations
// (enterprises, accounts, transactions, loan repayments, grant disbursements, milestones)
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
  // Called now and then with (operations done, total), for a progress display.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct BatchReport {
  std::size_t operations = 0;
  std::size_t enterprises_added = 0, accounts_added = 0, transactions_posted = 0;
  std::size_t repayments_posted = 0;      // loan_repayment operations
  std::size_t disbursements_posted = 0;   // grant_disbursement operations
  std::size_t milestones_recorded = 0;    // milestone operations
  std::size_t unchanged = 0;  // already in the book with the same content (external id)
  bool dry_run = false;
  // True when something was (or, in a dry run, would be) written.
  [[nodiscard]] bool changed() const {
    return enterprises_added + accounts_added + transactions_posted + repayments_posted +
               disbursements_posted + milestones_recorded >
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

// The same from a file: read (limits::kImportDocumentBytesMax), parsed strictly, imported.
[[nodiscard]] Result<BatchReport, Errors> import_batch_file(book::Book& book,
                                                            const std::string& path,
                                                            const BatchOptions& options = {});

}  // namespace semilla::exchange
