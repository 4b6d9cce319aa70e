// SPDX-License-Identifier: Apache-2.0
#include "ledger/store/statement_cache.h"

namespace semilla::store::detail {

SQLite::Statement& StatementCache::find(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    it = cache_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
  }
  return *it->second;
}

SQLite::Statement& StatementCache::get(const char* sql) {
  SQLite::Statement& s = find(sql);
  // tryReset: sqlite3_reset answers the error of the statement's last step, already reported
  // where it happened; a new use must not raise it again.
  (void)s.tryReset();
  s.clearBindings();
  return s;
}

SQLite::Statement& StatementCache::get_rebound(const char* sql) {
  SQLite::Statement& s = find(sql);
  (void)s.tryReset();
  return s;
}

void StatementCache::reset_all() {
  // Never throws: it runs on rollback, after a failure, where a statement's reset answers that
  // failure again (a damaged page, a full disk).
  for (auto& [sql, statement] : cache_) (void)statement->tryReset();
}

}  // namespace semilla::store::detail
