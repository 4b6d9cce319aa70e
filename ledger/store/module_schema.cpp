// SPDX-License-Identifier: Apache-2.0
#include "ledger/store/module_schema.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <string>

namespace semilla::store {

std::vector<ModuleSchema> module_schemas() {
  return {
      loans_schema(),
      grants_schema(),
      book_schema(),
      exchange_schema(),
  };
}

std::string append_only_trigger_sql(const std::vector<const char*>& tables) {
  std::string sql;
  for (const char* table : tables) {
    for (const char* op : {"UPDATE", "DELETE"}) {
      sql += std::string("CREATE TRIGGER ") + table + "_no_" + op + " BEFORE " + op + " ON " +
             table + " BEGIN SELECT RAISE(ABORT, '" + table +
             " is append-only: corrections are reversals'); END;\n";
    }
  }
  return sql;
}

namespace {

// The module's version in this book: 0 before its first step.
int module_version(SQLite::Database& db, const char* module) {
  if (!db.tableExists("schema_modules")) return 0;
  SQLite::Statement get(db, "SELECT version FROM schema_modules WHERE module = ?");
  get.bind(1, module);
  return get.executeStep() ? get.getColumn(0).getInt() : 0;
}

Status check_not_newer(const ModuleSchema& m, int version) {
  const auto known = static_cast<int>(m.steps.size());
  if (version <= known) return Status::Ok();
  return make_error(ErrorCode::kEnvironment, "--db",
                    std::string("book has ") + m.module + " tables of version " +
                        std::to_string(version) + "; this program knows up to " +
                        std::to_string(known) + ": upgrade semilla");
}

}  // namespace

Result<bool> modules_current(SQLite::Database& db) {
  bool current = true;
  for (const auto& m : module_schemas()) {
    const int version = module_version(db, m.module);
    SEMILLA_TRY(check_not_newer(m, version));
    current = current && version == static_cast<int>(m.steps.size());
  }
  return current;
}

Status migrate_modules(SQLite::Database& db) {
  // The common case: read the versions, take no write lock.
  auto current = modules_current(db);
  if (!current.ok()) return current.error();
  if (*current) return Status::Ok();
  const auto modules = module_schemas();
  SQLite::Transaction txn(db, SQLite::TransactionBehavior::IMMEDIATE);
  db.exec("CREATE TABLE IF NOT EXISTS schema_modules("
          "module TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID");
  for (const auto& m : modules) {
    const int version = module_version(db, m.module);  // again, now under the lock
    SEMILLA_TRY(check_not_newer(m, version));
    const auto known = static_cast<int>(m.steps.size());
    if (version == known) continue;
    for (int step = version; step < known; ++step) {
      db.exec(m.steps[static_cast<std::size_t>(step)]);
    }
    if (version == 0) db.exec(append_only_trigger_sql(m.append_only));
    SQLite::Statement set(db, "INSERT OR REPLACE INTO schema_modules(module, version) "
                              "VALUES (?, ?)");
    set.bind(1, m.module);
    set.bind(2, known);
    set.exec();
  }
  txn.commit();
  return Status::Ok();
}

}  // namespace semilla::store
