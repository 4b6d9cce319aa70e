// SPDX-License-Identifier: Apache-2.0
// Store: the only interface through which the book reaches its database. Every SQL statement
// of Semilla lives behind it (sqlite_store.cpp today; a PostgreSQL store for multi-office use
// would implement the same interface). The store keeps what it is told; the rules that make a
// change valid live in the book.
//
// Failures of the database itself (busy, disk full, unreadable) come back as kEnvironment
// errors; a file SQLite finds damaged (corrupt pages, not a database, malformed schema), or a
// row holding what Semilla never writes, comes back as kVerifyFailed on field "--db"
// ("the book file is damaged: ..."): the book can no longer be trusted, as when verify fails.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/hash.h"
#include "ledger/base/error.h"
#include "ledger/book/model.h"

namespace semilla::store {

class LoanStore;
class GrantStore;
class PeriodStore;
class PartnerLoanStore;

// The log's last record: how many there are and the hash of the newest.
struct AuditHead {
  std::uint64_t size = 0;   // number of records; the next record's seq
  audit::Hash hash{};       // hash of record size-1 (unused when size == 0)
};

// A stored audit record: seq, canonical bytes, and the hash kept beside them.
struct StoredRecord {
  std::uint64_t seq = 0;
  std::string kind;
  std::string bytes;
  audit::Hash hash{};
};

// A signed checkpoint as the book keeps it: the C2SP note, and its fields for listing. The
// note is the authority; the other columns repeat what it says.
struct StoredCheckpoint {
  std::int64_t id = 0;          // 1, 2, ... in signing order
  std::string origin;           // first line of the note
  std::uint64_t size = 0;       // tree size it commits to
  audit::Hash root{};           // Merkle root of the first `size` records
  std::string note;             // the complete signed note (text, blank line, signatures)
  std::string verifier_key;     // vkey of the key that signed it (public)
  std::string created_at;       // RFC 3339 time of the audit record that stored it
  std::uint64_t audit_seq = 0;  // that record's seq (== size)
};

// One posting of an enterprise's statement with its transaction's header.
struct StatementLine {
  std::int64_t transaction_id = 0;
  Date date = Date::from_ymd(1970, 1, 1);
  std::string memo;
  std::optional<std::string> ref;
  std::string account;
  money::Amount amount = money::Amount::zero(*money::Currency::find("USD"));
};

// What Store::check_file() found, beyond the file being sound.
struct FileCheck {
  enum class PageChecksums {
    kChecked,        // every page of the file carries a checksum, and each one matched
    kAbsent,         // the file has none: a SQLite book created before page checksums
    kNotApplicable,  // the database keeps no such pages (not a SQLite file)
  };
  PageChecksums page_checksums = PageChecksums::kNotApplicable;
  std::uint64_t pages = 0;  // pages checked (kChecked)
};

// Which postings the register (`semilla transactions`) shows. An empty or absent member does
// not filter.
struct PostingFilter {
  std::string account_prefix;   // the account of that name and those below it
  std::string enterprise;       // the transaction is tagged with it or the account is its own
  std::optional<Date> from, to;  // inclusive
  std::string ref_contains;     // in the transaction's ref, ASCII letters in any case
  std::string memo_contains;    // in the memo, the same
  std::string kind;             // "loan.repay", or a group ("loan": every loan.*)
  std::int64_t limit = 0;       // the newest lines, whole transactions (below); 0: all
};

// One posting of the register with its transaction's header. `kind` says which operation
// posted it: the record of the module that did ("loan.repay", "grant.disburse",
// "fund.receive"), else "reversal" or "post" (a person's post, a batch or a statement import).
struct RegisterLine {
  std::int64_t transaction_id = 0;
  int idx = 0;                  // the posting's place in its transaction
  Date date = Date::from_ymd(1970, 1, 1);
  std::string memo;
  std::optional<std::string> ref, enterprise;
  std::string kind;
  std::string account;
  money::Amount amount = money::Amount::zero(*money::Currency::find("USD"));
};

// The module operation that posted a transaction, if one did.
struct TransactionOrigin {
  std::string kind;             // "loan.repay", ...
  std::uint64_t audit_seq = 0;  // that operation's own record
};

template <typename T>
using Visitor = std::function<Status(const T&)>;

class Store {
 public:
  virtual ~Store() = default;

  // Write transactions. begin() takes the database's write lock (so two processes cannot
  // interleave changes); nothing is visible to others until commit(). rollback() undoes
  // everything since begin(). Nested begin() is a bug.
  [[nodiscard]] virtual Status begin() = 0;
  [[nodiscard]] virtual Status commit() = 0;
  virtual void rollback() = 0;

  // A read transaction: every read from begin_read() to end_read() sees the book as it was at
  // begin_read(), whatever other processes commit meanwhile (SQLite's snapshot in WAL mode),
  // for checks that compare one table with another (audit verify). Other processes keep
  // posting; their checkpoints stop at the snapshot, so the write-ahead log grows until
  // end_read(). Inside a write transaction, which sees one state already, both do nothing;
  // begin() or begin_read() inside a read transaction is a bug.
  [[nodiscard]] virtual Status begin_read() = 0;
  virtual void end_read() = 0;

  // Book settings; nullopt before `init`.
  [[nodiscard]] virtual Result<std::optional<book::BookInfo>> info() = 0;
  [[nodiscard]] virtual Status put_info(const book::BookInfo& info) = 0;

  // The audit log.
  [[nodiscard]] virtual Result<AuditHead> audit_head() = 0;
  // The record `seq`, or nullopt when there is none: one index seek.
  [[nodiscard]] virtual Result<std::optional<StoredRecord>> find_record(std::uint64_t seq) = 0;
  [[nodiscard]] virtual Status append_record(const StoredRecord& record) = 0;
  // Visits records with seq >= from in seq order; stops early when the visitor fails.
  [[nodiscard]] virtual Status for_each_record(std::uint64_t from,
                                               const Visitor<StoredRecord>& visit) = 0;

  // Merkle tree of the log (audit/stored_hashes.h): every complete-subtree hash at its dense
  // index. append_tree_hashes writes hashes[i] at first_index + i; the book calls it in the
  // same database transaction as append_record, so the tree always covers the records.
  [[nodiscard]] virtual Status append_tree_hashes(std::int64_t first_index,
                                                  std::span<const audit::Hash> hashes) = 0;
  // The hashes at `indexes`, in order. kNotFound naming the first index not stored. Sees
  // hashes written earlier in the open transaction.
  [[nodiscard]] virtual Result<std::vector<audit::Hash>> read_tree_hashes(
      std::span<const std::int64_t> indexes) = 0;
  // One past the largest stored tree-hash index (0 when none): one index seek.
  [[nodiscard]] virtual Result<std::int64_t> tree_hash_end() = 0;
  // Visits every stored tree hash in index order (for verification).
  [[nodiscard]] virtual Status for_each_tree_hash(
      const std::function<Status(std::int64_t, const audit::Hash&)>& visit) = 0;

  // Signed checkpoints, in id order. insert_checkpoint keeps checkpoint.id as given.
  [[nodiscard]] virtual Status insert_checkpoint(const StoredCheckpoint& checkpoint) = 0;
  [[nodiscard]] virtual Result<std::vector<StoredCheckpoint>> list_checkpoints() = 0;

  // Accounts. insert_account keeps account.id as given.
  [[nodiscard]] virtual Status insert_account(const book::Account& account) = 0;
  [[nodiscard]] virtual Result<std::optional<book::Account>> find_account(
      std::string_view name) = 0;
  [[nodiscard]] virtual Result<std::vector<book::Account>> list_accounts() = 0;
  // Some account named `prefix` or below it (`prefix:...`), if any: one index range probe.
  [[nodiscard]] virtual Result<std::optional<book::Account>> find_account_under(
      std::string_view prefix) = 0;
  [[nodiscard]] virtual Result<std::int64_t> account_count() = 0;

  // Enterprises: the attributes in the chain, and the name outside it (mutable).
  [[nodiscard]] virtual Status insert_enterprise(const book::Enterprise& enterprise) = 0;
  [[nodiscard]] virtual Status set_enterprise_name(std::string_view id,
                                                   std::string_view name) = 0;
  [[nodiscard]] virtual Result<std::optional<book::Enterprise>> find_enterprise(
      std::string_view id) = 0;
  [[nodiscard]] virtual Result<std::optional<std::string>> enterprise_name(
      std::string_view id) = 0;
  [[nodiscard]] virtual Result<std::vector<book::Enterprise>> list_enterprises() = 0;
  // find_enterprise and list_enterprises give the attributes of the latest enterprise.update
  // (their audit_seq is that record's), else those of enterprise.add.
  // An enterprise.update: the enterprise's full attributes after it, audit_seq its record.
  [[nodiscard]] virtual Status insert_enterprise_update(const book::Enterprise& after) = 0;
  // Every enterprise.update row, in seq order (for verification).
  [[nodiscard]] virtual Result<std::vector<book::Enterprise>> list_enterprise_updates() = 0;
  // Erases the enterprise's name (personal data, outside the chain); nothing when it has none.
  [[nodiscard]] virtual Status forget_enterprise_name(std::string_view id) = 0;

  // The migration statuses the book defined (status.define), in record order.
  [[nodiscard]] virtual Status insert_status_name(const book::StatusName& status) = 0;
  [[nodiscard]] virtual Result<std::vector<book::StatusName>> list_status_names() = 0;

  // The officer records (officer.add, officer.roles, officer.revoke), in record order.
  [[nodiscard]] virtual Status insert_officer_record(const book::OfficerRecord& r) = 0;
  [[nodiscard]] virtual Result<std::vector<book::OfficerRecord>> list_officer_records() = 0;

  // The records of policies and approvals (policy.set, approval.*), in record order.
  [[nodiscard]] virtual Status insert_approval_record(const book::ApprovalRecord& r) = 0;
  [[nodiscard]] virtual Result<std::vector<book::ApprovalRecord>> list_approval_records() = 0;

  // Transactions. insert_transaction keeps txn.id as given and updates the balance table in
  // the same database transaction. A closing balance beyond the signed 64-bit range is a
  // kLimitExceeded error.
  [[nodiscard]] virtual Status insert_transaction(const book::Transaction& txn) = 0;
  [[nodiscard]] virtual Result<std::int64_t> last_transaction_id() = 0;
  [[nodiscard]] virtual Result<std::optional<book::Transaction>> find_transaction(
      std::int64_t id) = 0;
  // The plain transactions (no ref, no reversal) dated `day` with memo `memo`, in id order,
  // postings included: `post`'s same-day duplicate check (one index range).
  [[nodiscard]] virtual Result<std::vector<book::Transaction>> find_same_day(
      Date day, std::string_view memo) = 0;
  [[nodiscard]] virtual Result<std::optional<book::Transaction>> find_transaction_by_ref(
      std::string_view ref) = 0;
  // The id of the transaction that reverses `id`, if any.
  [[nodiscard]] virtual Result<std::optional<std::int64_t>> find_reversal_of(
      std::int64_t id) = 0;

  // Balances from the balance table: every account whose name is `prefix` or starts with
  // `prefix:` (all accounts when empty), per currency, at the end of `as_of` (today's state
  // when nullopt). Zero balances are omitted. Ordered by account name, then currency.
  [[nodiscard]] virtual Result<std::vector<book::AccountBalance>> balances(
      std::string_view prefix, std::optional<Date> as_of) = 0;
  // Sum of the enterprise's own accounts per currency at the end of `as_of`.
  [[nodiscard]] virtual Result<std::vector<money::Amount>> enterprise_balance(
      std::string_view enterprise, Date as_of) = 0;
  // Postings on the enterprise's own accounts dated from..to inclusive, in date then
  // transaction order.
  [[nodiscard]] virtual Result<std::vector<StatementLine>> statement_lines(
      std::string_view enterprise, Date from, Date to) = 0;

  // The register: postings matching `filter`, newest first (date, transaction, posting
  // descending): filter.limit of them, and the other matching postings of the last
  // transaction so that none is cut. Reads each posting once, newest first, and stops there.
  [[nodiscard]] virtual Result<std::vector<RegisterLine>> find_postings(
      const PostingFilter& filter) = 0;
  // The module operation that posted transaction `id` (nullopt: a plain post or reversal).
  [[nodiscard]] virtual Result<std::optional<TransactionOrigin>> transaction_origin(
      std::int64_t id) = 0;

  // Full scans for verification, in primary-key order.
  [[nodiscard]] virtual Status for_each_transaction(const Visitor<book::Transaction>& v) = 0;
  [[nodiscard]] virtual Status for_each_balance_day(const Visitor<book::BalanceDay>& v) = 0;

  // The file itself, as SQLite reads it: the checksum of every page of the file (page 1 and
  // free pages included), PRAGMA integrity_check (every page, b-tree, index entry and
  // constraint) and the database header. kVerifyFailed on "--db" naming the first problems
  // ("the book file is damaged: page 7 ..."). Reads the whole file.
  [[nodiscard]] virtual Result<FileCheck> check_file() = 0;
  // Rewrites the file so that every page carries a checksum (SQLite: VACUUM with 8 reserved
  // bytes per page); true when it did, false when they were there already. Needs the book
  // to itself: kEnvironment ("busy") while another process has it open.
  [[nodiscard]] virtual Result<bool> add_page_checksums() = 0;
  // The schema (tables, indexes, append-only triggers) exactly as this program creates it.
  // kVerifyFailed on "--db" naming the first object that differs or is missing.
  [[nodiscard]] virtual Status check_schema() = 0;

  // The loan module's tables (loan_store.h), in this store's database and transactions.
  [[nodiscard]] virtual LoanStore& loans() = 0;
  // The grant module's tables and the closed periods (grant_store.h).
  [[nodiscard]] virtual GrantStore& grants() = 0;
  [[nodiscard]] virtual PeriodStore& periods() = 0;
  // Partners' loan positions from imported statements (partner_loan_store.h).
  [[nodiscard]] virtual PartnerLoanStore& partner_loans() = 0;
};

// How a SQLite book is opened.
enum class OpenMode {
  // An existing book, on a connection SQLite keeps query-only: reads never create or change
  // the file. The first begin() makes the connection writable. A book whose schema is older
  // than this program's is upgraded at open (the one change a read makes, once per upgrade).
  kRead,
  // An existing book, read-write from the start.
  kWrite,
  // A new or empty file becomes a book's database (or an existing book is opened read-write).
  kCreate,
};

struct OpenOptions {
  OpenMode mode = OpenMode::kWrite;
  // How long a statement waits for another process's lock before failing as busy. Set
  // before the connection's first statement, so that no pragma or schema read fails at once.
  int busy_timeout_ms = 30'000;
  // Whether a book this open creates has a checksum in every page (page_checksums.h). false
  // only to make a book as Semilla wrote them before page checksums (tests, benchmarks).
  bool page_checksums = true;
};

// Opens a SQLite book at `path`, migrating its schema to the current version.
// kEnvironment when the file does not exist (kRead, kWrite), when an existing file is empty or
// holds an empty schema without the book's first record (kRead), when it is a database but not
// a Semilla book, or is newer than this program; kVerifyFailed when SQLite finds it damaged.
[[nodiscard]] Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                               const OpenOptions& options);
// The same with mode kCreate when `create`, else kWrite.
[[nodiscard]] Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                               bool create);

}  // namespace semilla::store
