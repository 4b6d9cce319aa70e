// SPDX-License-Identifier: Apache-2.0
// The SQLite implementation of Store: connection, row helpers and opening. Every statement is
// prepared once per connection and reused; library exceptions become Errors in guarded().
#include <filesystem>
#include <utility>

#include "ledger/store/page_checksums.h"
#include "ledger/base/lang.h"
#include "ledger/store/sqlite_schema.h"
#include "ledger/store/sqlite_store_internal.h"

namespace semilla::store {
namespace detail {
void expect_stored(bool ok, const char* what) {
  if (!ok) throw DamagedRow(what);
}

Error damaged_error(const std::string& what) { return damaged_book_error(what); }

Error db_error(const SQLite::Exception& e) {
  const int code = e.getErrorCode() & 0xff;  // the connection reports extended codes
  if (e.getExtendedErrorCode() == SQLITE_IOERR_DATA) {  // the page checksum shim's verdict
    return damaged_error(last_checksum_failure() + " fails its checksum: bytes changed "
                         "outside SQLite (audit verify names the first damaged page)");
  }
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_FORMAT) {
    return damaged_error(e.what());
  }
  if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_CHECK) {
    return make_error(ErrorCode::kLimitExceeded, "",
                      tr("a balance would leave the range the book can store (about 9.2e18 minor "
                         "units)"));
  }
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    return make_error(ErrorCode::kEnvironment, "--db",
                      tr("the book is busy: another process held it for longer than --wait "
                         "allows; try again, or wait longer (--wait SECONDS)"));
  }
  return make_error(ErrorCode::kEnvironment, "--db", std::string("database: ") + e.what());
}

money::Currency currency_of(const std::string& code) {
  auto c = money::Currency::find(code);
  expect_stored(c.ok(), "a row holds an unknown currency code");  // only valid codes are written
  return *c;
}

std::optional<std::string> opt_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

Date date_of(const SQLite::Column& c) {
  auto d = Date::parse(c.getString());
  expect_stored(d.ok(), "a row holds a date that is not one");
  return *d;
}

void bind_opt(SQLite::Statement& s, int i, const std::optional<std::string>& v) {
  if (v) {
    s.bind(i, *v);
  } else {
    s.bind(i);
  }
}


Transaction transaction_from_row(SQLite::Statement& s) {
  Transaction t;
  t.id = s.getColumn(0).getInt64();
  t.date = date_of(s.getColumn(1));
  t.recorded_at = s.getColumn(2).getString();
  t.memo = s.getColumn(3).getString();
  t.ref = opt_text(s.getColumn(4));
  t.enterprise = opt_text(s.getColumn(5));
  if (!s.getColumn(6).isNull()) t.reverses = s.getColumn(6).getInt64();
  t.reason = s.getColumn(7).getString();
  t.audit_seq = static_cast<std::uint64_t>(s.getColumn(8).getInt64());
  return t;
}

Account account_from_row(SQLite::Statement& s) {
  Account a;
  a.id = s.getColumn(0).getInt64();
  a.name = s.getColumn(1).getString();
  auto type = book::parse_account_type(s.getColumn(2).getString());
  expect_stored(type.ok(), "an account row holds an unknown account type");
  a.type = *type;
  a.currency = opt_text(s.getColumn(3));
  a.enterprise = opt_text(s.getColumn(4));
  a.audit_seq = static_cast<std::uint64_t>(s.getColumn(5).getInt64());
  return a;
}

Enterprise enterprise_from_row(SQLite::Statement& s) {
  Enterprise e;
  e.id = s.getColumn(0).getString();
  e.kind = s.getColumn(1).getString();
  e.sex = s.getColumn(2).getString();
  if (!s.getColumn(3).isNull()) e.birth_year = s.getColumn(3).getInt();
  e.nationality = s.getColumn(4).getString();
  e.status = s.getColumn(5).getString();
  e.province = s.getColumn(6).getString();
  e.cohort = s.getColumn(7).getString();
  e.audit_seq = static_cast<std::uint64_t>(s.getColumn(8).getInt64());
  return e;
}

audit::Hash hash_from_blob(const SQLite::Column& c) {
  audit::Hash h{};
  expect_stored(c.getBytes() == static_cast<int>(h.size()), "a stored hash is not 32 bytes");
  const auto* p = static_cast<const std::uint8_t*>(c.getBlob());
  std::copy(p, p + h.size(), h.begin());
  return h;
}

// kRead opens the file read-write but query-only, not SQLITE_OPEN_READONLY: a read-only
// connection to a WAL book creates FILE-wal and FILE-shm and cannot remove them when it
// closes, so every read would leave two files behind. query_only makes SQLite refuse any write
// on the connection; without OPEN_CREATE no file is created; and closing a connection that
// wrote nothing writes nothing to the book. A write-protected file is opened read-only by
// SQLite itself, and reads work on it.
SqliteStore::SqliteStore(const std::string& path, const OpenOptions& options)
    : path_(path),
      query_only_(options.mode == OpenMode::kRead),
      page_checksums_(options.page_checksums),
      db_(path,
          options.mode == OpenMode::kCreate ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE
                                            : SQLite::OPEN_READWRITE,
          options.busy_timeout_ms, std::string(page_checksum_vfs())),
      sql_(db_) {
  // Extended result codes: without them a read error inside SQLite's own nested statements
  // (loading the schema) loses its SQLITE_IOERR_DATA, the page checksum's verdict.
  sqlite3_extended_result_codes(db_.getHandle(), 1);
  if (query_only_) db_.exec("PRAGMA query_only = ON");
}

Status SqliteStore::prepare(OpenMode mode) {
  auto state = inspect_database(db_);
  if (!state.ok()) return state.error();
  if (*state == SchemaState::kEmpty && mode != OpenMode::kCreate) {
    return make_error(ErrorCode::kEnvironment, "--db",
                      path_ + " is empty: not a book (create one with `semilla init`)");
  }
  if (mode == OpenMode::kRead && *state != SchemaState::kEmpty &&
      !db_.execAndGet("SELECT EXISTS (SELECT 1 FROM audit_log)").getInt()) {
    return make_error(ErrorCode::kEnvironment, "--db",
                      path_ + " holds no book, only an empty schema (run `semilla init`)");
  }
  if (*state == SchemaState::kEmpty && path_ != ":memory:" && page_checksums_) {
    return create_book_file();
  }
  if (!query_only_) return prepare_for_writing(db_);
  if (*state == SchemaState::kCurrent) {
    prepare_for_reading(db_);
    return Status::Ok();
  }
  return allow_writes();  // an older schema is upgraded once, by whichever command comes first
}

// A new book: every page has a checksum from its first write on. The reserve can only be set
// before the first page is written; a file SQLite already wrote (a database without tables,
// as `sqlite3 FILE 'PRAGMA user_version = 0'` leaves) gets its checksums by add_page_checksums.
Status SqliteStore::create_book_file() {
  std::error_code ec;
  if (std::filesystem::file_size(path_, ec) > 0 || ec) {
    SEMILLA_TRY(prepare_for_writing(db_));
    auto added = add_page_checksums();
    return added.ok() ? Status::Ok() : Status(added.error());
  }
  SEMILLA_TRY(start_page_checksums(db_.getHandle()));
  const Status prepared = prepare_for_writing(db_);
  follow_checksum_header(db_.getHandle());
  return prepared;
}

// A deferred BEGIN takes no snapshot until the first read: one is made here, so that the
// transaction's view is the book at begin_read(). Statements left active would pin a
// snapshot of their own (stmt()); all are reset first.
Status SqliteStore::begin_read() {
  if (in_txn_) return Status::Ok();
  SEMILLA_CHECK(!reading_);
  return guarded<Status>([&] {
    reset_all();
    stmt("BEGIN").exec();
    reading_ = true;
    try {
      SQLite::Statement& first = stmt("SELECT count(*) FROM sqlite_schema");
      (void)first.executeStep();
      first.reset();
    } catch (const SQLite::Exception&) {
      end_read();
      throw;
    }
    return Status::Ok();
  });
}

void SqliteStore::end_read() {
  if (!reading_) return;
  reading_ = false;
  reset_all();
  try {
    stmt("COMMIT").exec();
  } catch (const SQLite::Exception&) {
    try {
      db_.exec("ROLLBACK");  // nothing was written: the same end of a read transaction
    } catch (const SQLite::Exception&) {
      // No transaction is left open: SQLite already ended it.
    }
  }
}

Status SqliteStore::allow_writes() {
  return guarded<Status>([&]() -> Status {
    SEMILLA_CHECK(!in_txn_);
    reset_all();
    db_.exec("PRAGMA query_only = OFF");
    query_only_ = false;
    return prepare_for_writing(db_);
  });
}

}  // namespace detail

namespace {

Error open_error(const std::string& path, const SQLite::Exception& e) {
  Error error = detail::db_error(e);
  if (error.code == ErrorCode::kEnvironment) {
    error.message = "cannot open " + path + ": " + e.what();
  }
  return error;
}

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 const OpenOptions& options) {
  // SQLite's allocation statistics (sqlite3_memory_used) take a global mutex on every
  // allocation, several per statement; nothing here reads them. Only possible before SQLite
  // initialises (the first open), so later calls are refused harmlessly.
  static const bool no_memory_statistics = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)no_memory_statistics;
  std::error_code ec;
  const bool exists = path == ":memory:" || std::filesystem::exists(path, ec);
  if (!exists && options.mode != OpenMode::kCreate) {
    // A missing book is the environment's problem (a wrong path or SEMILLA_DB), not the
    // input's, and SQLite must not create the file a read names.
    return make_error(ErrorCode::kEnvironment, "--db",
                      "no book at " + path + " (create one with `semilla init`)");
  }
  try {
    auto store = std::make_unique<detail::SqliteStore>(path, options);
    SEMILLA_TRY(store->prepare(options.mode));
    return std::unique_ptr<Store>(std::move(store));
  } catch (const SQLite::Exception& e) {
    return open_error(path, e);
  } catch (const detail::DamagedRow& e) {
    return detail::damaged_error(e.what());
  }
}

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, bool create) {
  return open_sqlite_store(path, OpenOptions{create ? OpenMode::kCreate : OpenMode::kWrite});
}

}  // namespace semilla::store
