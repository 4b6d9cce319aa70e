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

#include "audit/note_key.h"
#include "ledger/book/book.h"
#include "ledger/exchange/batch.h"

namespace semilla::exchange {

struct StatementRequest {
  std::string enterprise;
  std::string from, to;  // YYYY-MM-DD; empty: from the beginning / to today
  std::string issuer_id = "semilla";  // namespaces the entry references (an identifier)
};

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

struct StatementImportOptions {
  std::string account;      // the book's account that mirrors the statement's: CRDT entries
                            // are credited to it, DBIT entries debited
  std::string counterpart;  // the other side of each entry (cash, due from the partner)
  bool dry_run = false;
};

// Posts every entry of a verified statement as a transaction of the statement's enterprise,
// dated its booking date, with external reference "<issuer id>/<entry_ref>": importing the
// same statement again changes nothing. All entries or none, in one database transaction;
// errors name the entry ("/statement/entries/3/...").
[[nodiscard]] Result<BatchReport, Errors> import_statement(book::Book& book,
                                                           const VerifiedStatement& statement,
                                                           const StatementImportOptions& options);

}  // namespace semilla::exchange
