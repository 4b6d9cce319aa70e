// SPDX-License-Identifier: Apache-2.0
#include "ledger/store/statement_cache.h"

namespace semilla::store::detail {

SQLite::Statement& StatementCache::get(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    it = cache_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
  }
  it->second->reset();
  it->second->clearBindings();
  return *it->second;
}

void StatementCache::reset_all() {
  for (auto& [sql, statement] : cache_) statement->reset();
}

}  // namespace semilla::store::detail
