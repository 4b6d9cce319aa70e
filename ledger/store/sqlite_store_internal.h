// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/store: the SQLite Store class, shared by the sqlite_store*.cpp files.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <functional>
#include <map>
#include <stdexcept>
#include <memory>
#include <string>

#include "ledger/base/check.h"
#include "ledger/store/grant_store.h"
#include "ledger/store/loan_store.h"
#include "ledger/store/partner_loan_store.h"
#include "ledger/store/statement_cache.h"
#include "ledger/store/store.h"

namespace semilla::store::detail {

using book::Account;
using book::AccountBalance;
using book::BalanceDay;
using book::Enterprise;
using book::StatusName;
using book::Transaction;

// A row holds a value Semilla never writes (a date that is not one, an unknown currency or
// account type, a hash of the wrong length): the file was damaged or edited. Thrown by the
// row readers below, and turned into a kVerifyFailed Error by guarded().
class DamagedRow : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws DamagedRow saying `what` unless `ok`.
void expect_stored(bool ok, const char* what);

// The Error for a library exception: kVerifyFailed "the book file is damaged: ..." for what
// SQLite finds corrupt (SQLITE_CORRUPT, SQLITE_NOTADB, a malformed schema), kEnvironment for
// the rest (busy, disk, permissions).
Error db_error(const SQLite::Exception& e);
Error damaged_error(const std::string& what);

// Runs `body`, converting the exceptions SQLiteCpp throws, and DamagedRow, into an Error.
template <typename R, typename F>
R guarded(F&& body) {
  try {
    return body();
  } catch (const SQLite::Exception& e) {
    return db_error(e);
  } catch (const DamagedRow& e) {
    return damaged_error(e.what());
  }
}

money::Currency currency_of(const std::string& code);
std::optional<std::string> opt_text(const SQLite::Column& c);
Date date_of(const SQLite::Column& c);
void bind_opt(SQLite::Statement& s, int i, const std::optional<std::string>& v);
audit::Hash hash_from_blob(const SQLite::Column& c);

Transaction transaction_from_row(SQLite::Statement& s);
Account account_from_row(SQLite::Statement& s);
Enterprise enterprise_from_row(SQLite::Statement& s);

class SqliteStore final : public Store {
 public:
  // Opens the connection. The busy timeout is given to the constructor, so that it holds from
  // the connection's first statement.
  SqliteStore(const std::string& path, const OpenOptions& options);

  SQLite::Database& db() { return db_; }

  // Checks what the file holds and prepares the connection (open_sqlite_store's errors).
  [[nodiscard]] Status prepare(OpenMode mode);

  Status begin() override {
    // A query-only connection becomes writable at the first write: reads before it never
    // touched the file.
    if (query_only_) SEMILLA_TRY(allow_writes());
    return guarded<Status>([&] {
      SEMILLA_CHECK(!in_txn_ && !reading_);
      // IMMEDIATE: the write lock is taken here, waiting (busy timeout) for another
      // process's turn to end; a deferred BEGIN would fail at its first write instead, since
      // SQLite cannot let a reader wait to become a writer without risking a deadlock.
      stmt("BEGIN IMMEDIATE").exec();
      in_txn_ = true;
      forget_tails_if_changed_elsewhere();
      return Status::Ok();
    });
  }
  Status commit() override {
    SEMILLA_TRY(flush_balances());
    return guarded<Status>([&] {
      SEMILLA_CHECK(in_txn_);
      stmt("COMMIT").exec();
      in_txn_ = false;
      reset_all();
      return Status::Ok();
    });
  }
  void rollback() override {
    if (!in_txn_) return;
    in_txn_ = false;
    tails_.clear();  // they may describe rows the rollback removed
    dirty_tails_ = 0;
    try {
      stmt("ROLLBACK").exec();
    } catch (const SQLite::Exception&) {
      // SQLite already rolled back (e.g. after SQLITE_FULL); nothing is left to undo.
    }
    reset_all();
  }

  Status begin_read() override;  // sqlite_store.cpp
  void end_read() override;

  Result<std::optional<book::BookInfo>> info() override;
  Status put_info(const book::BookInfo& info) override;
  Result<AuditHead> audit_head() override;
  Result<std::optional<StoredRecord>> find_record(std::uint64_t seq) override;
  Status append_record(const StoredRecord& r) override;
  Status for_each_record(std::uint64_t from, const Visitor<StoredRecord>& visit) override;
  Status append_tree_hashes(std::int64_t first_index,
                            std::span<const audit::Hash> hashes) override;
  Result<std::vector<audit::Hash>> read_tree_hashes(
      std::span<const std::int64_t> indexes) override;
  Result<std::int64_t> tree_hash_end() override;
  Status for_each_tree_hash(
      const std::function<Status(std::int64_t, const audit::Hash&)>& visit) override;
  Status insert_checkpoint(const StoredCheckpoint& c) override;
  Result<std::vector<StoredCheckpoint>> list_checkpoints() override;
  Status insert_account(const Account& a) override;
  Result<std::optional<Account>> find_account(std::string_view name) override;
  Result<std::vector<Account>> list_accounts() override;
  Result<std::optional<Account>> find_account_under(std::string_view prefix) override;
  Result<std::int64_t> account_count() override;
  Status insert_enterprise(const Enterprise& e) override;
  Status set_enterprise_name(std::string_view id, std::string_view name) override;
  Result<std::optional<Enterprise>> find_enterprise(std::string_view id) override;
  Result<std::optional<std::string>> enterprise_name(std::string_view id) override;
  Result<std::vector<Enterprise>> list_enterprises() override;
  Status insert_enterprise_update(const Enterprise& after) override;
  Result<std::vector<Enterprise>> list_enterprise_updates() override;
  Status forget_enterprise_name(std::string_view id) override;
  Status insert_status_name(const StatusName& status) override;
  Result<std::vector<StatusName>> list_status_names() override;
  Status insert_officer_record(const book::OfficerRecord& r) override;
  Result<std::vector<book::OfficerRecord>> list_officer_records() override;
  Status insert_approval_record(const book::ApprovalRecord& r) override;
  Result<std::vector<book::ApprovalRecord>> list_approval_records() override;
  Status insert_transaction(const Transaction& t) override;
  Result<std::int64_t> last_transaction_id() override;
  Result<std::optional<Transaction>> find_transaction(std::int64_t id) override;
  Result<std::optional<Transaction>> find_transaction_by_ref(std::string_view ref) override;
  Result<std::vector<Transaction>> find_same_day(Date day, std::string_view memo) override;
  Result<std::optional<std::int64_t>> find_reversal_of(std::int64_t id) override;
  Result<std::vector<AccountBalance>> balances(std::string_view prefix,
                                               std::optional<Date> as_of) override;
  Result<std::vector<money::Amount>> enterprise_balance(std::string_view enterprise,
                                                        Date as_of) override;
  Result<std::vector<StatementLine>> statement_lines(std::string_view enterprise, Date from,
                                                     Date to) override;
  Result<std::vector<RegisterLine>> find_postings(const PostingFilter& filter) override;
  Result<std::optional<TransactionOrigin>> transaction_origin(std::int64_t id) override;
  Status for_each_transaction(const Visitor<Transaction>& v) override;
  Status for_each_balance_day(const Visitor<BalanceDay>& v) override;
  Result<FileCheck> check_file() override;  // sqlite_file_check.cpp
  Result<bool> add_page_checksums() override;  // sqlite_file_check.cpp
  Status check_schema() override;  // sqlite_file_check.cpp
  LoanStore& loans() override;  // sqlite_loan_store.cpp
  GrantStore& grants() override;  // sqlite_grant_store.cpp
  PeriodStore& periods() override;  // sqlite_grant_store.cpp
  PartnerLoanStore& partner_loans() override;  // sqlite_partner_loan_store.cpp

 private:
  // A prepared statement for `sql`, reset and ready for binding. Outside a write transaction
  // every other cached statement is reset first: a statement stepped once (a LIMIT 1 lookup)
  // and left active would pin an old read snapshot, so that later reads miss what other
  // processes committed and the next BEGIN IMMEDIATE fails as busy.
  SQLite::Statement& stmt(const char* sql) {
    if (!in_txn_) reset_all();
    return sql_.get(sql);
  }
  // The same for a statement whose every parameter the caller binds before each use: its old
  // bindings are left in place to be overwritten (clearing them costs as much as binding).
  SQLite::Statement& stmt_rebound(const char* sql) {
    if (!in_txn_) reset_all();
    return sql_.get_rebound(sql);
  }

  // Every cached statement, the module stores' included: they share sql_.
  void reset_all() { sql_.reset_all(); }
  Status load_postings(Transaction& t);
  Result<std::optional<Transaction>> find_transaction_where(
      const char* sql, const std::function<void(SQLite::Statement&)>& bind);
  Status add_to_balance(std::int64_t account_id, const std::string& currency,
                        const std::string& day, std::int64_t amount_minor);
  Status add_backdated(std::int64_t account_id, const std::string& currency,
                       const std::string& day, std::int64_t amount_minor);
  void forget_tails_if_changed_elsewhere();
  // Lifts query_only and sets the pragmas of a writing connection.
  Status allow_writes();
  // Makes an empty file a book's database, with page checksums (prepare()).
  Status create_book_file();

  // The newest balance_days row of each (account, currency) this connection has touched, so
  // that the usual posting (dated on or after the newest day) costs no statement at all: the
  // row is kept here, and written when the series moves to a later day, before anything reads
  // the balance table, and at commit (flush_balances), inside the same database transaction.
  // Dropped on rollback and whenever another connection has committed (PRAGMA data_version).
  struct SeriesTail {
    std::string day;
    std::int64_t delta_minor = 0;    // the row's values, as they will be written
    std::int64_t closing_minor = 0;
    bool stored = false;             // a row for `day` is in the table
    bool dirty = false;              // the table's row (if any) is behind these values
  };
  using SeriesKey = std::pair<std::int64_t, std::string>;
  Status flush_tail(const SeriesKey& key, SeriesTail& tail);
  Status flush_balances();
  std::map<SeriesKey, SeriesTail> tails_;
  std::size_t dirty_tails_ = 0;
  std::int64_t data_version_ = -1;

  std::string path_;
  // OpenMode::kRead until the first begin(): SQLite refuses every write on the connection.
  bool query_only_;
  bool page_checksums_;  // OpenOptions::page_checksums
  SQLite::Database db_;
  StatementCache sql_;
  std::unique_ptr<LoanStore> loans_;
  std::unique_ptr<GrantStore> grants_;
  std::unique_ptr<PeriodStore> periods_;
  std::unique_ptr<PartnerLoanStore> partner_loans_;
  bool in_txn_ = false;
  bool reading_ = false;  // between begin_read() and end_read()
};

}  // namespace semilla::store::detail
