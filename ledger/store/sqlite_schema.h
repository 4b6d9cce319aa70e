// SPDX-License-Identifier: Apache-2.0
// Schema and migrations of the SQLite store (internal to ledger/store).
#pragma once

#include <SQLiteCpp/Database.h>

#include "ledger/base/error.h"

namespace semilla::store {

// 'SEML' in PRAGMA application_id marks a file as a Semilla book.
inline constexpr int kApplicationId = 0x53454D4C;
// PRAGMA user_version of the newest schema this program knows.
inline constexpr int kSchemaVersion = 2;

// What a file holds, as far as opening it is concerned.
enum class SchemaState {
  kEmpty,    // no table and no Semilla marks: a new or 0-byte file
  kBehind,   // a Semilla book whose core or module schema is older than this program's
  kCurrent,  // a Semilla book at this program's schema
};

// Reads the file's marks (application id, schema and module versions) and writes nothing.
// kEnvironment for a database that is not a Semilla book or is newer than this program.
[[nodiscard]] Result<SchemaState> inspect_database(SQLite::Database& db);

// Sets a read-write connection's pragmas and brings the schema to kSchemaVersion, each
// migration in one transaction. kEnvironment as inspect_database.
[[nodiscard]] Status prepare_for_writing(SQLite::Database& db);
// Sets a read-only connection's pragmas.
void prepare_for_reading(SQLite::Database& db);

}  // namespace semilla::store
