// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/book: one database transaction that appends audit records. Every change
// of the book goes through a Writer, so no table row exists without its record.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "audit/record.h"
#include "ledger/base/date.h"
#include "ledger/book/book.h"
#include "ledger/book/approvals.h"
#include "ledger/book/officers.h"
#include "ledger/store/store.h"

namespace semilla::book {

class Writer {
 public:
  // Takes the store's write lock (waiting for another process's turn), reads the log head and
  // checks it (check_log_head: kVerifyFailed, nothing written, on a damaged head). The clock
  // is read once, after the lock is taken, so records of one batch carry the same time and
  // the rules' "today" (today()) is the day of that time, as verify sees it.
  // With `officer` (issue 11), every record appended is signed by that officer (officers.h);
  // the book's officers are read here, once.
  [[nodiscard]] static Result<Writer> begin(store::Store& store, std::string actor,
                                            const OfficerKey* officer = nullptr);
  Writer(Writer&& other) noexcept;
  Writer& operator=(Writer&&) = delete;
  // Rolls back unless commit() succeeded.
  ~Writer();

  // Seals `payload` as the next record and appends it with the Merkle tree hashes it
  // completes (audit::stored_hashes_for_leaf). Returns the record's seq. The tree hashes
  // reach the store in batches, all of them by commit(): while a writer is open, read the
  // tree (roots, proofs) only before its first append.
  [[nodiscard]] Result<std::uint64_t> append(std::string_view kind, nlohmann::json payload);
  // The same with the payload already in canonical form (payload.h's canonical_payload):
  // the same bytes and the same errors, without a JSON tree.
  [[nodiscard]] Result<std::uint64_t> append_canonical(std::string_view kind,
                                                       const Result<std::string>& payload);
  // Appends a record sealed elsewhere, bytes unchanged (restoring a book from its bundle):
  // its seq must be the log's size and its prev the head's hash (kVerifyFailed otherwise).
  [[nodiscard]] Status append_sealed(const audit::SealedRecord& sealed);
  [[nodiscard]] Status commit();

  // Whether this writer may append a record of `kind`: OfficerRegistry::check_signer with its
  // officer (none: unsigned), whose key must be the one registered. kRefused naming "--as"
  // or "--key". append() and append_canonical() call it; a command may call it first, to
  // report the refusal before its own checks.
  [[nodiscard]] Status authorize(std::string_view kind) const;
  // The book's officers as of the records appended so far.
  [[nodiscard]] const OfficerRegistry& officers() const { return officers_; }
  // After appending an officer record: the registry follows it.
  void apply_officer(const OfficerRecord& r) { officers_.apply(r); }
  // The book's policies and approval requests as of the records appended so far. Every
  // record appended goes through ApprovalBook::step first (approvals.h), and an approval
  // record's row is written with it.
  [[nodiscard]] const ApprovalBook& approvals() const { return approvals_; }

  // The approval that completes a request (`approve`): the next Writer to begin in this
  // process appends it first, so that the request's operation, which the command then
  // records, commits with it or not at all. One record, taken once.
  static void arrange_prelude(std::string kind, nlohmann::json payload);
  // Whether the arranged approval was appended and committed.
  [[nodiscard]] static bool prelude_committed();

  [[nodiscard]] const std::string& time() const { return time_; }
  // The day of time() in `zone` (the book's): the one "today" of the writer's records.
  [[nodiscard]] Result<Date> today(std::string_view zone) const;
  // Number of records in the log, including those appended by this writer.
  [[nodiscard]] std::uint64_t size() const { return head_.size; }
  [[nodiscard]] store::Store& store() { return *store_; }

  // The existing account whose name equals `name` but for ASCII letter case, if any (the
  // guard of add_account_in). The names are read once per writer and followed as accounts
  // are added through it: read per account, a batch of 40,000 accounts read 800 million
  // rows. Valid because the writer holds the write lock and add_account_in is the only way
  // it adds accounts.
  [[nodiscard]] Result<std::optional<std::string>> case_twin(const std::string& name);
  void note_account(const std::string& name);

 private:
  Status append_tree(std::uint64_t leaf_index, const audit::Hash& leaf_hash);
  Result<std::uint64_t> append_bytes(std::string_view kind, std::string bytes,
                                     const audit::Hash& hash);
  Status flush_tree();
  // The officer's key is the one registered for them (none registered yet: OK).
  Status check_key() const;
  // The record's bytes, signed when the writer has an officer (record_signature.h).
  Result<std::string> signed_bytes(std::string bytes) const;
  // ApprovalBook::step for the record about to be appended as seq size(), and its row.
  Status step_approvals(std::string_view kind, const nlohmann::json& payload,
                        const audit::Hash& hash);

  Writer(store::Store& store, std::string actor, store::AuditHead head, Instant instant)
      : store_(&store),
        actor_(std::move(actor)),
        head_(head),
        time_(instant.to_rfc3339()),
        instant_(instant) {}

  store::Store* store_;
  std::string actor_;
  store::AuditHead head_;
  std::string time_;  // instant_ as the records spell it
  Instant instant_;
  bool open_ = true;
  // Right-edge subtree hashes written by this writer, by stored index: the left siblings the
  // next appends need. A batch then reads almost nothing back from the database.
  std::map<std::int64_t, audit::Hash> edge_;
  // Tree hashes appended but not yet written, from index pending_first_ on: written in
  // multi-row statements when many accumulate and before commit. EdgeReader answers from the
  // right edge, so nothing reads them back from the database meanwhile.
  std::vector<audit::Hash> pending_;
  std::int64_t pending_first_ = 0;
  std::optional<OfficerKey> officer_;
  OfficerRegistry officers_;
  ApprovalBook approvals_;
  bool holds_prelude_ = false;
  // Account names by their ASCII lower-case form, read at the first case_twin().
  std::optional<std::unordered_map<std::string, std::string>> folded_names_;
};

// Validate and add an account or enterprise inside `writer`'s database transaction (Book's
// add_account/add_enterprise and BookTransaction's). Errors name the CLI options.
[[nodiscard]] Result<Account> add_account_in(Writer& writer, const AccountDraft& d,
                                            std::string_view owner);
[[nodiscard]] Result<Enterprise> add_enterprise_in(Writer& writer, Date today,
                                                   const EnterpriseDraft& d);

}  // namespace semilla::book
