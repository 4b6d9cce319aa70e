// SPDX-License-Identifier: Apache-2.0
#include "ledger/store/sqlite_schema.h"

#include "ledger/base/lang.h"
#include "ledger/store/module_schema.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <string>
#include <vector>

#include "audit/merkle.h"
#include "audit/stored_hashes.h"
#include "ledger/base/check.h"

namespace semilla::store {
namespace {

// Version 1. Dates are ISO 'YYYY-MM-DD' text: they sort correctly and read well in sqlite3.
// Money is INTEGER minor units with a currency column; the typeof() checks refuse the REAL
// that SQLite would silently produce on integer overflow.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE audit_log(
  seq   INTEGER PRIMARY KEY,
  kind  TEXT NOT NULL,
  bytes BLOB NOT NULL,
  hash  BLOB NOT NULL CHECK (length(hash) = 32));
CREATE TABLE enterprises(
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, sex TEXT NOT NULL, birth_year INTEGER,
  nationality TEXT NOT NULL, status TEXT NOT NULL, province TEXT NOT NULL,
  cohort TEXT NOT NULL, audit_seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE enterprise_private(
  id TEXT PRIMARY KEY REFERENCES enterprises(id), name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE accounts(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, type TEXT NOT NULL, currency TEXT,
  enterprise TEXT REFERENCES enterprises(id), audit_seq INTEGER NOT NULL);
CREATE INDEX accounts_by_enterprise ON accounts(enterprise) WHERE enterprise IS NOT NULL;
CREATE TABLE transactions(
  id INTEGER PRIMARY KEY, day TEXT NOT NULL, recorded_at TEXT NOT NULL, memo TEXT NOT NULL,
  ref TEXT UNIQUE, enterprise TEXT REFERENCES enterprises(id),
  reverses INTEGER UNIQUE REFERENCES transactions(id), reason TEXT NOT NULL,
  audit_seq INTEGER NOT NULL);
CREATE TABLE postings(
  transaction_id INTEGER NOT NULL REFERENCES transactions(id),
  idx INTEGER NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  day TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (typeof(amount_minor) = 'integer'),
  currency TEXT NOT NULL,
  PRIMARY KEY (transaction_id, idx)) WITHOUT ROWID;
CREATE INDEX postings_by_account ON postings(account_id, day);
CREATE TABLE account_currencies(
  account_id INTEGER NOT NULL REFERENCES accounts(id), currency TEXT NOT NULL,
  PRIMARY KEY (account_id, currency)) WITHOUT ROWID;
CREATE TABLE balance_days(
  account_id INTEGER NOT NULL, currency TEXT NOT NULL, day TEXT NOT NULL,
  delta_minor INTEGER NOT NULL CHECK (typeof(delta_minor) = 'integer'),
  closing_minor INTEGER NOT NULL CHECK (typeof(closing_minor) = 'integer'),
  PRIMARY KEY (account_id, currency, day)) WITHOUT ROWID;
)sql";

// Version 2: the Merkle tree over the audit log (audit/stored_hashes.h: every complete
// subtree hash at its dense index) and the signed checkpoints. A checkpoint row repeats the
// audit record that stored it (kind checkpoint.sign), so that listing needs no log scan.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE tree_hashes(
  idx  INTEGER PRIMARY KEY,
  hash BLOB NOT NULL CHECK (length(hash) = 32));
CREATE TABLE checkpoints(
  id INTEGER PRIMARY KEY, origin TEXT NOT NULL, size INTEGER NOT NULL,
  root BLOB NOT NULL CHECK (length(root) = 32), note TEXT NOT NULL,
  verifier_key TEXT NOT NULL, created_at TEXT NOT NULL, audit_seq INTEGER NOT NULL);
)sql";

// Posted records are never changed. The book's API never tries; these make the database
// itself refuse, so that only someone who drops them (and is then caught by verify) can.
const std::vector<const char*> kAppendOnlyTablesV1 = {"audit_log", "enterprises", "accounts",
                                                     "transactions", "postings"};
const std::vector<const char*> kAppendOnlyTablesV2 = {"tree_hashes", "checkpoints"};

// Version 1 books have records but no tree: compute its stored hashes from the records' bytes
// as they are. The tree then commits to whatever the log held at migration time; the chain,
// checked by verify, still catches any record altered before.
void backfill_tree(SQLite::Database& db) {
  audit::MemoryHashStore tree;
  SQLite::Statement records(db, "SELECT bytes FROM audit_log ORDER BY seq");
  while (records.executeStep()) {
    const auto& c = records.getColumn(0);
    std::string_view bytes(static_cast<const char*>(c.getBlob()),
                           static_cast<std::size_t>(c.getBytes()));
    SEMILLA_CHECK(tree.append_leaf(audit::merkle_leaf_hash(bytes)).ok());
  }
  SQLite::Statement insert(db, "INSERT INTO tree_hashes(idx, hash) VALUES (?, ?)");
  const auto& hashes = tree.stored();
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    insert.reset();
    insert.bind(1, static_cast<std::int64_t>(i));
    insert.bindNoCopy(2, hashes[i].data(), static_cast<int>(hashes[i].size()));
    insert.exec();
  }
}

int schema_version(SQLite::Database& db) {
  return db.execAndGet("PRAGMA user_version").getInt();
}

Status migrate(SQLite::Database& db) {
  SQLite::Transaction txn(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Read under the write lock: another process may have migrated since this one looked.
  const int from_version = schema_version(db);
  if (from_version >= kSchemaVersion) return Status::Ok();  // the transaction rolls back
  if (from_version < 1) {
    db.exec(kSchemaV1);
    db.exec(append_only_trigger_sql(kAppendOnlyTablesV1));
  }
  if (from_version < 2) {
    db.exec(kSchemaV2);
    db.exec(append_only_trigger_sql(kAppendOnlyTablesV2));
    if (from_version == 1) backfill_tree(db);
  }
  db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
  txn.commit();
  return Status::Ok();
}

}  // namespace

Result<SchemaState> inspect_database(SQLite::Database& db) {
  const int app_id = db.execAndGet("PRAGMA application_id").getInt();
  const int version = schema_version(db);
  const int tables = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
  if (app_id == 0 && version == 0 && tables == 0) return SchemaState::kEmpty;
  if (app_id != kApplicationId) {
    return make_error(ErrorCode::kEnvironment, "--db", tr("file is not a Semilla book"));
  }
  if (version > kSchemaVersion) {
    return make_error(ErrorCode::kEnvironment, "--db",
                      "book has schema version " + std::to_string(version) +
                          "; this program knows up to " + std::to_string(kSchemaVersion) +
                          ": upgrade semilla");
  }
  auto modules = modules_current(db);
  if (!modules.ok()) return modules.error();
  return version == kSchemaVersion && *modules ? SchemaState::kCurrent : SchemaState::kBehind;
}

void prepare_for_reading(SQLite::Database& db) {
  // As prepare_for_writing: the indexes of a large book stay in memory during a report.
  db.exec("PRAGMA cache_size = -65536");
}

Status prepare_for_writing(SQLite::Database& db) {
  // WAL: readers read the last commit while a writer writes, so a report never waits for a
  // posting nor fails because of one; writers still take turns (BEGIN IMMEDIATE).
  db.exec("PRAGMA journal_mode = WAL");
  // FULL: a committed posting survives a power cut, not only a crash of the program.
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = ON");
  // 64 MiB of page cache (the default is 2 MiB): the indexes of a book of a million postings
  // then stay in memory during a batch, which doubles the posting rate.
  db.exec("PRAGMA cache_size = -65536");
  if (schema_version(db) < kSchemaVersion) SEMILLA_TRY(migrate(db));
  return migrate_modules(db);
}

}  // namespace semilla::store
