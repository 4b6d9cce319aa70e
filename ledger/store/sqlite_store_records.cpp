// SPDX-License-Identifier: Apache-2.0
// SqliteStore: book settings, the audit log, accounts and enterprises.
#include "ledger/store/module_schema.h"
#include "ledger/store/sqlite_store_internal.h"

namespace semilla::store {

// The book's own tables added after the core schema's version 2, as a module of their own so
// that they migrate like the feature modules' tables.
// Version 1: enterprise.update records. Each row holds the enterprise's full attributes after
// the change; the enterprises row keeps those of enterprise.add (both append-only), and reads
// take the latest (kFindEnterpriseSql).
// Version 2: transactions by day and memo, for `post`'s same-day duplicate check.
// Version 3: the migration statuses a book defines (status.define records).
// Version 4: the officer records (officer.add, officer.roles, officer.revoke), roles as
// their names joined by ',' and "" where a kind has no such member.
// Version 5: the records of policies and approvals (policy.set, approval.*), each with its
// time, signer, hash (hex) and canonical payload: a Writer rebuilds the approval rules'
// state from them (ledger/book/approvals.h).
ModuleSchema book_schema() {
  static const char* const kV1 = R"sql(
CREATE TABLE enterprise_updates(
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL REFERENCES enterprises(id), kind TEXT NOT NULL,
  sex TEXT NOT NULL, birth_year INTEGER, nationality TEXT NOT NULL, status TEXT NOT NULL,
  province TEXT NOT NULL, cohort TEXT NOT NULL);
CREATE INDEX enterprise_updates_by_id ON enterprise_updates(id, seq);
)sql";
  static const char* const kV2 = "CREATE INDEX transactions_by_day ON transactions(day, memo);";
  // A step's new append-only tables get their triggers in the step itself: the list below
  // is applied only when a module is created at version 0.
  static const std::string kV3 = std::string(R"sql(
CREATE TABLE migration_statuses(
  name TEXT PRIMARY KEY, label TEXT NOT NULL, audit_seq INTEGER NOT NULL UNIQUE);
)sql") + append_only_trigger_sql({"migration_statuses"});
  static const std::string kV4 = std::string(R"sql(
CREATE TABLE officer_records(
  audit_seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, roles TEXT NOT NULL,
  verifier_key TEXT NOT NULL, reason TEXT NOT NULL, signer TEXT NOT NULL);
)sql") + append_only_trigger_sql({"officer_records"});
  static const std::string kV5 = std::string(R"sql(
CREATE TABLE approval_records(
  audit_seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, time TEXT NOT NULL, signer TEXT NOT NULL,
  hash TEXT NOT NULL, payload TEXT NOT NULL);
)sql") + append_only_trigger_sql({"approval_records"});
  return ModuleSchema{"book",
                      {kV1, kV2, kV3.c_str(), kV4.c_str(), kV5.c_str()},
                      {"enterprise_updates"}};
}

}  // namespace semilla::store

namespace semilla::store::detail {
namespace {

// An enterprise's current attributes: its latest enterprise_updates row, else its own.
#define SEMILLA_ENTERPRISE_SQL(WHERE)                                                            \
  "SELECT e.id, COALESCE(u.kind, e.kind), COALESCE(u.sex, e.sex), "                            \
  "CASE WHEN u.seq IS NULL THEN e.birth_year ELSE u.birth_year END, "                          \
  "COALESCE(u.nationality, e.nationality), COALESCE(u.status, e.status), "                     \
  "COALESCE(u.province, e.province), COALESCE(u.cohort, e.cohort), "                           \
  "COALESCE(u.seq, e.audit_seq) FROM enterprises e LEFT JOIN enterprise_updates u "            \
  "ON u.seq = (SELECT max(x.seq) FROM enterprise_updates x WHERE x.id = e.id) " WHERE
constexpr const char* kFindEnterpriseSql = SEMILLA_ENTERPRISE_SQL("WHERE e.id = ?");
constexpr const char* kListEnterprisesSql = SEMILLA_ENTERPRISE_SQL("ORDER BY e.id");
#undef SEMILLA_ENTERPRISE_SQL

// Binds id, kind, sex, birth_year, nationality, status, province, cohort and audit_seq to
// parameters 1 to 9.
void bind_enterprise(SQLite::Statement& s, const Enterprise& e) {
  s.bind(1, e.id);
  s.bind(2, e.kind);
  s.bind(3, e.sex);
  if (e.birth_year) {
    s.bind(4, *e.birth_year);
  } else {
    s.bind(4);
  }
  s.bind(5, e.nationality);
  s.bind(6, e.status);
  s.bind(7, e.province);
  s.bind(8, e.cohort);
  s.bind(9, static_cast<std::int64_t>(e.audit_seq));
}

}  // namespace

Result<std::optional<book::BookInfo>> SqliteStore::info() {
  return guarded<Result<std::optional<book::BookInfo>>>(
      [&]() -> Result<std::optional<book::BookInfo>> {
        auto& s = stmt("SELECT key, value FROM meta");
        book::BookInfo info;
        int found = 0;
        while (s.executeStep()) {
          std::string key = s.getColumn(0).getString();
          std::string value = s.getColumn(1).getString();
          if (key == "name") info.name = value;
          if (key == "currency") info.currency = value;
          if (key == "timezone") info.timezone = value;
          ++found;
        }
        if (found == 0) return std::optional<book::BookInfo>();
        return std::optional<book::BookInfo>(info);
      });
}

Status SqliteStore::put_info(const book::BookInfo& info) {
  return guarded<Status>([&] {
    for (const auto& [k, v] : {std::pair<const char*, const std::string&>{"name", info.name},
                               {"currency", info.currency},
                               {"timezone", info.timezone}}) {
      auto& s = stmt("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
      s.bind(1, k);
      s.bind(2, v);
      s.exec();
    }
    return Status::Ok();
  });
}

Result<AuditHead> SqliteStore::audit_head() {
  return guarded<Result<AuditHead>>([&]() -> Result<AuditHead> {
    auto& s = stmt("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!s.executeStep()) return AuditHead{};
    return AuditHead{static_cast<std::uint64_t>(s.getColumn(0).getInt64()) + 1,
                     hash_from_blob(s.getColumn(1))};
  });
}

Result<std::optional<StoredRecord>> SqliteStore::find_record(std::uint64_t seq) {
  using R = Result<std::optional<StoredRecord>>;
  return guarded<R>([&]() -> R {
    auto& s = stmt("SELECT kind, bytes, hash FROM audit_log WHERE seq = ?");
    s.bind(1, static_cast<std::int64_t>(seq));
    if (!s.executeStep()) return std::optional<StoredRecord>();
    const auto& bytes = s.getColumn(1);
    return std::optional<StoredRecord>(StoredRecord{
        seq, s.getColumn(0).getString(),
        std::string(static_cast<const char*>(bytes.getBlob()),
                    static_cast<std::size_t>(bytes.getBytes())),
        hash_from_blob(s.getColumn(2))});
  });
}

Status SqliteStore::append_record(const StoredRecord& r) {
  return guarded<Status>([&] {
    auto& s = stmt("INSERT INTO audit_log(seq, kind, bytes, hash) VALUES (?, ?, ?, ?)");
    s.bind(1, static_cast<std::int64_t>(r.seq));
    s.bindNoCopy(2, r.kind);
    s.bindNoCopy(3, r.bytes.data(), static_cast<int>(r.bytes.size()));
    s.bindNoCopy(4, r.hash.data(), static_cast<int>(r.hash.size()));
    s.exec();
    return Status::Ok();
  });
}

Status SqliteStore::for_each_record(std::uint64_t from, const Visitor<StoredRecord>& visit) {
  return guarded<Status>([&]() -> Status {
    // A statement of its own: the visitor may call back into the store.
    SQLite::Statement s(db_, "SELECT seq, kind, bytes, hash FROM audit_log WHERE seq >= ? "
                             "ORDER BY seq");
    s.bind(1, static_cast<std::int64_t>(from));
    StoredRecord r;
    while (s.executeStep()) {
      r.seq = static_cast<std::uint64_t>(s.getColumn(0).getInt64());
      r.kind = s.getColumn(1).getString();
      const auto& bytes = s.getColumn(2);
      r.bytes.assign(static_cast<const char*>(bytes.getBlob()),
                     static_cast<std::size_t>(bytes.getBytes()));
      r.hash = hash_from_blob(s.getColumn(3));
      SEMILLA_TRY(visit(r));
    }
    return Status::Ok();
  });
}

Status SqliteStore::insert_account(const Account& a) {
  return guarded<Status>([&] {
    auto& s = stmt("INSERT INTO accounts(id, name, type, currency, enterprise, audit_seq) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, a.id);
    s.bind(2, a.name);
    s.bind(3, std::string(book::account_type_name(a.type)));
    bind_opt(s, 4, a.currency);
    bind_opt(s, 5, a.enterprise);
    s.bind(6, static_cast<std::int64_t>(a.audit_seq));
    s.exec();
    return Status::Ok();
  });
}

Result<std::optional<Account>> SqliteStore::find_account(std::string_view name) {
  return guarded<Result<std::optional<Account>>>([&]() -> Result<std::optional<Account>> {
    auto& s = stmt("SELECT id, name, type, currency, enterprise, audit_seq FROM accounts "
                   "WHERE name = ?");
    s.bind(1, std::string(name));
    if (!s.executeStep()) return std::optional<Account>();
    return std::optional<Account>(account_from_row(s));
  });
}

Result<std::optional<Account>> SqliteStore::find_account_under(std::string_view prefix) {
  return guarded<Result<std::optional<Account>>>([&]() -> Result<std::optional<Account>> {
    // ':' + 1 is ';', so [prefix:, prefix;) is exactly the names below prefix.
    auto& s = stmt("SELECT id, name, type, currency, enterprise, audit_seq FROM accounts "
                   "WHERE name = ?1 OR (name >= ?1 || ':' AND name < ?1 || ';') LIMIT 1");
    s.bind(1, std::string(prefix));
    if (!s.executeStep()) return std::optional<Account>();
    return std::optional<Account>(account_from_row(s));
  });
}

Result<std::vector<Account>> SqliteStore::list_accounts() {
  return guarded<Result<std::vector<Account>>>([&]() -> Result<std::vector<Account>> {
    auto& s = stmt("SELECT id, name, type, currency, enterprise, audit_seq FROM accounts "
                   "ORDER BY id");
    std::vector<Account> out;
    while (s.executeStep()) out.push_back(account_from_row(s));
    return out;
  });
}

Result<std::int64_t> SqliteStore::account_count() {
  return guarded<Result<std::int64_t>>([&]() -> Result<std::int64_t> {
    // Ids run 1..N without gaps (append-only, and verify holds every row to its record), so
    // the largest is the count: one step down the rowid b-tree, where count(*) visits every
    // page of the table, once per account added.
    auto& s = stmt("SELECT coalesce(max(id), 0) FROM accounts");
    s.executeStep();
    return s.getColumn(0).getInt64();
  });
}

Status SqliteStore::insert_enterprise(const Enterprise& e) {
  return guarded<Status>([&] {
    auto& s = stmt("INSERT INTO enterprises(id, kind, sex, birth_year, nationality, status, "
                   "province, cohort, audit_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_enterprise(s, e);
    s.exec();
    return Status::Ok();
  });
}

Status SqliteStore::set_enterprise_name(std::string_view id, std::string_view name) {
  return guarded<Status>([&] {
    auto& s = stmt("INSERT OR REPLACE INTO enterprise_private(id, name) VALUES (?, ?)");
    s.bind(1, std::string(id));
    s.bind(2, std::string(name));
    s.exec();
    return Status::Ok();
  });
}

Result<std::optional<Enterprise>> SqliteStore::find_enterprise(std::string_view id) {
  return guarded<Result<std::optional<Enterprise>>>(
      [&]() -> Result<std::optional<Enterprise>> {
        auto& s = stmt(kFindEnterpriseSql);
        s.bind(1, std::string(id));
        if (!s.executeStep()) return std::optional<Enterprise>();
        return std::optional<Enterprise>(enterprise_from_row(s));
      });
}

Result<std::optional<std::string>> SqliteStore::enterprise_name(std::string_view id) {
  return guarded<Result<std::optional<std::string>>>(
      [&]() -> Result<std::optional<std::string>> {
        auto& s = stmt("SELECT name FROM enterprise_private WHERE id = ?");
        s.bind(1, std::string(id));
        if (!s.executeStep()) return std::optional<std::string>();
        return std::optional<std::string>(s.getColumn(0).getString());
      });
}

Result<std::vector<Enterprise>> SqliteStore::list_enterprises() {
  return guarded<Result<std::vector<Enterprise>>>([&]() -> Result<std::vector<Enterprise>> {
    auto& s = stmt(kListEnterprisesSql);
    std::vector<Enterprise> out;
    while (s.executeStep()) out.push_back(enterprise_from_row(s));
    return out;
  });
}

Status SqliteStore::insert_enterprise_update(const Enterprise& e) {
  return guarded<Status>([&] {
    auto& s = stmt("INSERT INTO enterprise_updates(id, kind, sex, birth_year, nationality, "
                   "status, province, cohort, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bind_enterprise(s, e);
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<Enterprise>> SqliteStore::list_enterprise_updates() {
  return guarded<Result<std::vector<Enterprise>>>([&]() -> Result<std::vector<Enterprise>> {
    auto& s = stmt("SELECT id, kind, sex, birth_year, nationality, status, province, cohort, "
                   "seq FROM enterprise_updates ORDER BY seq");
    std::vector<Enterprise> out;
    while (s.executeStep()) out.push_back(enterprise_from_row(s));
    return out;
  });
}

Status SqliteStore::forget_enterprise_name(std::string_view id) {
  return guarded<Status>([&] {
    auto& s = stmt("DELETE FROM enterprise_private WHERE id = ?");
    s.bind(1, std::string(id));
    s.exec();
    return Status::Ok();
  });
}

Status SqliteStore::insert_status_name(const StatusName& status) {
  return guarded<Status>([&] {
    auto& s = stmt("INSERT INTO migration_statuses(name, label, audit_seq) VALUES (?, ?, ?)");
    s.bind(1, status.name);
    s.bind(2, status.label);
    s.bind(3, static_cast<std::int64_t>(status.audit_seq));
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<StatusName>> SqliteStore::list_status_names() {
  return guarded<Result<std::vector<StatusName>>>([&]() -> Result<std::vector<StatusName>> {
    auto& s = stmt("SELECT name, label, audit_seq FROM migration_statuses ORDER BY audit_seq");
    std::vector<StatusName> out;
    while (s.executeStep()) {
      out.push_back(StatusName{s.getColumn(0).getString(), s.getColumn(1).getString(),
                               static_cast<std::uint64_t>(s.getColumn(2).getInt64())});
    }
    return out;
  });
}

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (!text.empty()) {
    const std::size_t comma = text.find(',', start);
    out.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

Status SqliteStore::insert_officer_record(const book::OfficerRecord& r) {
  return guarded<Status>([&] {
    auto& s = stmt("INSERT INTO officer_records(audit_seq, kind, name, roles, verifier_key, "
                   "reason, signer) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, static_cast<std::int64_t>(r.audit_seq));
    s.bind(2, r.kind);
    s.bind(3, r.name);
    s.bind(4, joined(r.roles));
    s.bind(5, r.verifier_key);
    s.bind(6, r.reason);
    s.bind(7, r.signer);
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<book::OfficerRecord>> SqliteStore::list_officer_records() {
  using Rows = std::vector<book::OfficerRecord>;
  return guarded<Result<Rows>>([&]() -> Result<Rows> {
    auto& s = stmt("SELECT audit_seq, kind, name, roles, verifier_key, reason, signer "
                   "FROM officer_records ORDER BY audit_seq");
    Rows out;
    while (s.executeStep()) {
      out.push_back(book::OfficerRecord{
          static_cast<std::uint64_t>(s.getColumn(0).getInt64()), s.getColumn(1).getString(),
          s.getColumn(2).getString(), split(s.getColumn(3).getString()),
          s.getColumn(4).getString(), s.getColumn(5).getString(), s.getColumn(6).getString()});
    }
    return out;
  });
}

Status SqliteStore::insert_approval_record(const book::ApprovalRecord& r) {
  return guarded<Status>([&] {
    auto& s = stmt("INSERT INTO approval_records(audit_seq, kind, time, signer, hash, payload) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, static_cast<std::int64_t>(r.audit_seq));
    s.bind(2, r.kind);
    s.bind(3, r.time);
    s.bind(4, r.signer);
    s.bind(5, r.hash);
    s.bind(6, r.payload);
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<book::ApprovalRecord>> SqliteStore::list_approval_records() {
  using Rows = std::vector<book::ApprovalRecord>;
  return guarded<Result<Rows>>([&]() -> Result<Rows> {
    auto& s = stmt("SELECT audit_seq, kind, time, signer, hash, payload FROM approval_records "
                   "ORDER BY audit_seq");
    Rows out;
    while (s.executeStep()) {
      out.push_back(book::ApprovalRecord{
          static_cast<std::uint64_t>(s.getColumn(0).getInt64()), s.getColumn(1).getString(),
          s.getColumn(2).getString(), s.getColumn(3).getString(), s.getColumn(4).getString(),
          s.getColumn(5).getString()});
    }
    return out;
  });
}

}  // namespace semilla::store::detail
