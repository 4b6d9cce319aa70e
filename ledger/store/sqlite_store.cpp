// SPDX-License-Identifier: Apache-2.0
// The SQLite implementation of Store: connection, row helpers and opening. Every statement is
// prepared once per connection and reused; library exceptions become Errors in guarded().
#include <filesystem>
#include <utility>

#include "ledger/store/sqlite_schema.h"
#include "ledger/store/sqlite_store_internal.h"

namespace semilla::store {
namespace detail {
Error db_error(const SQLite::Exception& e) {
  if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_CHECK) {
    return make_error(ErrorCode::kLimitExceeded, "",
                      "a balance would leave the range the book can store (about 9.2e18 "
                      "minor units)");
  }
  if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) {
    return make_error(ErrorCode::kEnvironment, "--db",
                      "the book is busy: another semilla process holds it; try again");
  }
  return make_error(ErrorCode::kEnvironment, "--db", std::string("database: ") + e.what());
}

money::Currency currency_of(const std::string& code) {
  auto c = money::Currency::find(code);
  SEMILLA_CHECK(c.ok());  // only validated codes are ever written
  return *c;
}

std::optional<std::string> opt_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

Date date_of(const SQLite::Column& c) {
  auto d = Date::parse(c.getString());
  SEMILLA_CHECK(d.ok());
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
  SEMILLA_CHECK(type.ok());
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
  SEMILLA_CHECK(c.getBytes() == static_cast<int>(h.size()));
  const auto* p = static_cast<const std::uint8_t*>(c.getBlob());
  std::copy(p, p + h.size(), h.begin());
  return h;
}

}  // namespace detail
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, bool create) {
  // SQLite's allocation statistics (sqlite3_memory_used) take a global mutex on every
  // allocation, several per statement; nothing here reads them. Only possible before SQLite
  // initialises (the first open), so later calls are refused harmlessly.
  static const bool no_memory_statistics = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)no_memory_statistics;
  std::error_code ec;
  bool exists = path == ":memory:" || std::filesystem::exists(path, ec);
  if (!exists && !create) {
    return make_error(ErrorCode::kNotFound, "--db",
                      "no book at " + path + " (create one with `semilla init`)");
  }
  try {
    auto store = std::make_unique<detail::SqliteStore>(path, create);
    SEMILLA_TRY(prepare_database(store->db(), !exists));
    return std::unique_ptr<Store>(std::move(store));
  } catch (const SQLite::Exception& e) {
    return make_error(ErrorCode::kEnvironment, "--db",
                      "cannot open " + path + ": " + e.what());
  }
}

}  // namespace semilla::store
