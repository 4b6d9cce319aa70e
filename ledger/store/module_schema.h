// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/store: the tables of feature modules (loans, grants...), created and
// migrated apart from the core schema, each module with its own version. Modules then evolve
// without renumbering each other's migrations.
#pragma once

#include <SQLiteCpp/Database.h>

#include <vector>

#include "ledger/base/error.h"

namespace semilla::store {

struct ModuleSchema {
  const char* module;                        // "loans"
  std::vector<const char*> steps;            // steps[i] takes the module from version i to i+1
  std::vector<const char*> append_only;      // tables that get the no-UPDATE/DELETE triggers
};

// Every module's schema. A module adds itself here, one line, and defines its schema
// function in its own sqlite_*_store.cpp file.
[[nodiscard]] std::vector<ModuleSchema> module_schemas();
[[nodiscard]] ModuleSchema loans_schema();  // sqlite_loan_store.cpp
[[nodiscard]] ModuleSchema grants_schema();  // sqlite_grant_store.cpp
[[nodiscard]] ModuleSchema book_schema();  // sqlite_store_records.cpp
[[nodiscard]] ModuleSchema exchange_schema();  // sqlite_partner_loan_store.cpp

// Whether every module's tables are at the version this program knows, without writing.
// kEnvironment when the book has a module version newer than this program knows.
[[nodiscard]] Result<bool> modules_current(SQLite::Database& db);

// Applies the missing steps of every module inside one transaction. kEnvironment when the
// book has a module version newer than this program knows.
[[nodiscard]] Status migrate_modules(SQLite::Database& db);

// CREATE TRIGGER statements refusing UPDATE and DELETE on `tables`.
[[nodiscard]] std::string append_only_trigger_sql(const std::vector<const char*>& tables);

}  // namespace semilla::store
