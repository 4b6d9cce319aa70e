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

// Brings a freshly opened database to kSchemaVersion, inside one transaction, and sets the
// connection's pragmas. kEnvironment for a file that is not a Semilla book or is newer.
[[nodiscard]] Status prepare_database(SQLite::Database& db, bool created);

}  // namespace semilla::store
