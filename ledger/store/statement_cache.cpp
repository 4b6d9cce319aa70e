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
  s.reset();
  s.clearBindings();
  return s;
}

SQLite::Statement& StatementCache::get_rebound(const char* sql) {
  SQLite::Statement& s = find(sql);
  s.reset();
  return s;
}

void StatementCache::reset_all() {
  for (auto& [sql, statement] : cache_) statement->reset();
}

}  // namespace semilla::store::detail
