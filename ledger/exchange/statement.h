// SPDX-License-Identifier: Apache-2.0
// Statements between the NGO and partner MFIs (docs/exchange.md §3,
// schemas/statement.schema.json): an enterprise's entries over a period shaped after
// ISO 20022 camt.053, signed with Ed25519 over its RFC 8785 canonical form. The signature
// travels inside the document, as its "signature" member; what is signed is the canonical
// form of the document without that member.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "audit/note_key.h"
#include "ledger/book/book.h"
#include "ledger/exchange/batch.h"

namespace semilla::exchange {

struct StatementRequest {
  std::string enterprise;
  std::string from, to;  // YYYY-MM-DD; empty: from the beginning / to today
  std::string issuer_id = "semilla";  // namespaces the entry references (an identifier)
};

// Every problem of `request` at once: --issuer, ENTERPRISE-ID, --from, --to (the checks
// build_statement makes one at a time). Empty when build_statement would pass them.
[[nodiscard]] Errors statement_request_problems(book::Book& book, const StatementRequest& request);

// The statement document of `request.enterprise` in `book`, unsigned. kNotFound for an
// unknown enterprise; kInvalid naming --from, --to or --issuer for bad values.
[[nodiscard]] Result<nlohmann::json> build_statement(book::Book& book,
                                                     const StatementRequest& request);

// `doc` with its "signature" member set by `signer` (replacing any earlier one).
// kInvalid when the document cannot be encoded canonically; kEnvironment when signing fails.
[[nodiscard]] Result<nlohmann::json> sign_statement(nlohmann::json doc,
                                                    const audit::NoteSigner& signer);

// A statement whose schema, signature and arithmetic were checked.
struct VerifiedStatement {
  nlohmann::json doc;
  std::string signer;  // the verifier key that signed it
};

// Checks `doc`: it conforms to the schema (kInvalid with JSON pointers otherwise, every
// problem); it is signed (kVerifyFailed otherwise) by one of `keys` (kVerifyFailed naming
// the unknown signer otherwise) with a valid signature (kVerifyFailed: altered or forged);
// each amount has the scale of its currency and each currency's opening balance plus its
// entries gives its closing balance (kInvalid naming the member).
[[nodiscard]] Result<VerifiedStatement, Errors> verify_statement(
    const nlohmann::json& doc, std::span<const audit::NoteVerifier> keys);

// The statement format version build_statement writes. verify_statement reads 1 and 2.
inline constexpr int kStatementVersion = 2;

struct StatementImportOptions {
  std::string account;      // the book's account that mirrors the statement's: CRDT entries
                            // are credited to it, DBIT entries debited
  std::string counterpart;  // the other side of each entry (cash, due from the partner)
  bool dry_run = false;
  // A write-off entry's other side (the loss, or a loss reserve): a write-off is not cash the
  // partner owes. Required when a statement holds a write-off.
  std::string write_off_account;
  // Where a repayment's interest, fees and penalties go (the counterpart receives the whole
  // payment). Each is required when a repayment (or its reversal) has that component.
  std::string interest_account, fee_account, penalty_account;
};

// A verified statement and the name of the file it came from, which errors start with.
struct StatementFile {
  std::string name;  // "mfi-a-EC-001.json"; empty: errors are bare JSON pointers
  VerifiedStatement statement;
};

// What importing one statement did.
struct StatementImported {
  std::string file, id, issuer, enterprise;
  std::size_t entries = 0;
  std::size_t transactions_posted = 0;
  std::size_t write_offs = 0;        // of those, write-offs
  std::size_t repayments_split = 0;  // of those, repayments (or reversals) by component
  std::size_t unchanged = 0;         // entries already in the book with the same content
  std::size_t positions_recorded = 0;  // loan positions new to the book
  std::size_t positions_known = 0;     // loan positions the book held already
  std::uint64_t audit_seq = 0;  // its statement.import record; 0 when none was written
  // Everything it says was already in the book: nothing was written for it.
  [[nodiscard]] bool duplicate() const { return audit_seq == 0 && transactions_posted == 0; }
};

struct StatementImportReport {
  std::vector<StatementImported> statements;  // in the order given
  bool dry_run = false;
};

// Imports `files` in one database transaction: all of them or, on any problem in any of them,
// nothing. Each entry becomes a transaction of the statement's enterprise, dated its booking
// date, with external reference "<issuer id>/<entry_ref>", so that importing a statement
// again changes nothing:
//   - a write-off (version 2 operation "write-off"; in version 1, a loan's last CRDT entry
//     whose position says written-off) credits `account` and debits `write_off_account`;
//   - a repayment with components credits `account` the principal and the interest, fee and
//     penalty accounts their parts, and debits `counterpart` the whole payment; a reversal of
//     a repayment is its mirror;
//   - any other CRDT entry credits `account` and debits `counterpart`, a DBIT the opposite.
// Then, when it adds anything, a statement.import record (partner_loans.h) keeps the
// positions of its `loans` as of the period's last day. Errors name "<file>#<JSON pointer>"
// (or the option at fault, the entry in the message), every problem of every file.
[[nodiscard]] Result<StatementImportReport, Errors> import_statements(
    book::Book& book, std::span<const StatementFile> files, const StatementImportOptions& options);

// One statement, its counts as a batch report (transactions_posted, unchanged).
[[nodiscard]] Result<BatchReport, Errors> import_statement(book::Book& book,
                                                           const VerifiedStatement& statement,
                                                           const StatementImportOptions& options);

}  // namespace semilla::exchange
