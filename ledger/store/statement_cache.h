// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/store: the prepared statements of one connection. The core store and the
// module stores (loans, grants, periods) share one cache, so that resetting it leaves no
// statement of any of them holding an old read snapshot.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <memory>

namespace semilla::store::detail {

class StatementCache {
 public:
  explicit StatementCache(SQLite::Database& db) : db_(db) {}

  // The statement for `sql` (a string literal: the cache is keyed by its address), prepared
  // on first use, reset and with its bindings cleared.
  SQLite::Statement& get(const char* sql);
  // The same, reset but with its bindings kept: for a caller that binds every parameter.
  SQLite::Statement& get_rebound(const char* sql);
  // Resets every statement: one stepped part-way (a LIMIT 1 lookup) keeps a read transaction
  // open until it is reset.
  void reset_all();
  SQLite::Database& db() { return db_; }

 private:
  SQLite::Statement& find(const char* sql);

  SQLite::Database& db_;
  std::map<const char*, std::unique_ptr<SQLite::Statement>> cache_;
};

}  // namespace semilla::store::detail
