// SPDX-License-Identifier: Apache-2.0
// The grant module's tables in SQLite, and the closed periods the book's posting rules read.
#include <algorithm>
#include <limits>
#include <set>

#include "ledger/store/module_schema.h"
#include "ledger/store/sqlite_grant_store_internal.h"
#include "ledger/store/sqlite_store_internal.h"

namespace semilla::store {
namespace {

// Version 1. Money is INTEGER minor units in the fund's currency; every table is
// append-only (the state of a grant or a month is its latest event). closed_periods lives
// here, beside the module that closes periods, though the book reads it on every posting.
constexpr const char* kGrantsV1 = R"sql(
CREATE TABLE grant_funds(
  code TEXT PRIMARY KEY, donor TEXT NOT NULL, currency TEXT NOT NULL, start_day TEXT,
  end_day TEXT, audit_seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE grant_fund_budgets(
  fund TEXT NOT NULL REFERENCES grant_funds(code), category TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (typeof(amount_minor) = 'integer'),
  PRIMARY KEY (fund, category)) WITHOUT ROWID;
CREATE TABLE grant_fund_receipts(
  audit_seq INTEGER PRIMARY KEY, fund TEXT NOT NULL REFERENCES grant_funds(code),
  day TEXT NOT NULL, amount_minor INTEGER NOT NULL CHECK (typeof(amount_minor) = 'integer'),
  transaction_id INTEGER NOT NULL);
CREATE TABLE grant_milestones(
  enterprise TEXT NOT NULL REFERENCES enterprises(id), name TEXT NOT NULL, day TEXT NOT NULL,
  actor TEXT NOT NULL, audit_seq INTEGER NOT NULL,
  PRIMARY KEY (enterprise, name)) WITHOUT ROWID;
CREATE TABLE grant_members(
  audit_seq INTEGER PRIMARY KEY, enterprise TEXT NOT NULL REFERENCES enterprises(id),
  female INTEGER NOT NULL, male INTEGER NOT NULL, other INTEGER NOT NULL);
CREATE INDEX grant_members_by_enterprise ON grant_members(enterprise, audit_seq);
CREATE TABLE grants(
  id TEXT PRIMARY KEY, enterprise TEXT NOT NULL REFERENCES enterprises(id),
  fund TEXT NOT NULL REFERENCES grant_funds(code), currency TEXT NOT NULL,
  total_minor INTEGER NOT NULL CHECK (typeof(total_minor) = 'integer'), day TEXT NOT NULL,
  audit_seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE grant_tranches(
  grant_id TEXT NOT NULL REFERENCES grants(id), n INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (typeof(amount_minor) = 'integer'),
  conditions TEXT NOT NULL, PRIMARY KEY (grant_id, n)) WITHOUT ROWID;
CREATE TABLE grant_events(
  audit_seq INTEGER PRIMARY KEY, grant_id TEXT NOT NULL REFERENCES grants(id),
  enterprise TEXT NOT NULL, fund TEXT NOT NULL, type TEXT NOT NULL, day TEXT NOT NULL,
  tranche INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (typeof(amount_minor) = 'integer'),
  in_kind INTEGER NOT NULL, description TEXT NOT NULL, supplier TEXT NOT NULL,
  reason TEXT NOT NULL, override_reason TEXT NOT NULL, transaction_id INTEGER NOT NULL,
  e_kind TEXT NOT NULL, sex TEXT NOT NULL, birth_year INTEGER, nationality TEXT NOT NULL,
  status TEXT NOT NULL, province TEXT NOT NULL, cohort TEXT NOT NULL,
  members_known INTEGER NOT NULL, female INTEGER NOT NULL, male INTEGER NOT NULL,
  other INTEGER NOT NULL);
CREATE INDEX grant_events_by_grant ON grant_events(grant_id, audit_seq);
CREATE INDEX grant_events_by_fund ON grant_events(fund, day);
CREATE TABLE closed_periods(
  audit_seq INTEGER PRIMARY KEY, month TEXT NOT NULL, closed INTEGER NOT NULL,
  reason TEXT NOT NULL, time TEXT NOT NULL);
CREATE INDEX closed_periods_by_month ON closed_periods(month, audit_seq);
)sql";

// Version 2: money spent from a fund on its other budget categories (fund spend). Its
// append-only triggers are part of the step: migrate_modules adds the listed tables' triggers
// only when a module is created, not when a step adds a table to an existing book.
constexpr const char* kGrantsV2 = R"sql(
CREATE TABLE grant_fund_spending(
  audit_seq INTEGER PRIMARY KEY, fund TEXT NOT NULL REFERENCES grant_funds(code),
  category TEXT NOT NULL, day TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (typeof(amount_minor) = 'integer'),
  memo TEXT NOT NULL, override_reason TEXT NOT NULL, transaction_id INTEGER NOT NULL);
)sql";

// Version 3 (issue 12): the milestone names a programme defines, and why an award was allowed
// beyond what its fund could commit (NULL for grants awarded before: their record has no such
// member; '' when the award was within).
constexpr const char* kGrantsV3 = R"sql(
CREATE TABLE grant_milestone_names(
  name TEXT PRIMARY KEY, label TEXT NOT NULL, audit_seq INTEGER NOT NULL) WITHOUT ROWID;
ALTER TABLE grants ADD COLUMN over_commit TEXT;
)sql";

// Version 4: members registered one by one (enterprise members --member), without identity.
constexpr const char* kGrantsV4 = R"sql(
CREATE TABLE grant_member_people(
  audit_seq INTEGER NOT NULL REFERENCES grant_members(audit_seq), position INTEGER NOT NULL,
  sex TEXT NOT NULL, birth_year INTEGER, nationality TEXT NOT NULL, status TEXT NOT NULL,
  PRIMARY KEY (audit_seq, position)) WITHOUT ROWID;
)sql";

}  // namespace

ModuleSchema grants_schema() {
  static const std::string v2 =
      std::string(kGrantsV2) + append_only_trigger_sql({"grant_fund_spending"});
  static const std::string v3 =
      std::string(kGrantsV3) + append_only_trigger_sql({"grant_milestone_names"});
  static const std::string v4 =
      std::string(kGrantsV4) + append_only_trigger_sql({"grant_member_people"});
  return {"grants",
          {kGrantsV1, v2.c_str(), v3.c_str(), v4.c_str()},
          {"grant_funds", "grant_fund_budgets", "grant_fund_receipts", "grant_milestones",
           "grant_members", "grants", "grant_tranches", "grant_events", "closed_periods"}};
}

namespace detail {
namespace {

std::optional<Date> opt_date(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return date_of(c);
}

void bind_date(SQLite::Statement& s, int i, const std::optional<Date>& d) {
  if (d) {
    s.bind(i, d->to_string());
  } else {
    s.bind(i);
  }
}

std::string join_conditions(const std::vector<std::string>& conditions) {
  std::string out;
  for (const auto& c : conditions) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::vector<std::string> split_conditions(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

constexpr const char* kEventColumns =
    "audit_seq, grant_id, enterprise, fund, type, day, tranche, amount_minor, in_kind, "
    "description, supplier, reason, override_reason, transaction_id, e_kind, sex, birth_year, "
    "nationality, status, province, cohort, members_known, female, male, other";

GrantEventRow event_from_row(SQLite::Statement& s) {
  GrantEventRow e;
  e.audit_seq = static_cast<std::uint64_t>(s.getColumn(0).getInt64());
  e.grant_id = s.getColumn(1).getString();
  e.enterprise = s.getColumn(2).getString();
  e.fund = s.getColumn(3).getString();
  e.type = s.getColumn(4).getString();
  e.day = date_of(s.getColumn(5));
  e.tranche = s.getColumn(6).getInt();
  e.amount_minor = s.getColumn(7).getInt64();
  e.in_kind = s.getColumn(8).getInt() != 0;
  e.description = s.getColumn(9).getString();
  e.supplier = s.getColumn(10).getString();
  e.reason = s.getColumn(11).getString();
  e.override_reason = s.getColumn(12).getString();
  e.transaction_id = s.getColumn(13).getInt64();
  auto& a = e.snapshot;
  a.kind = s.getColumn(14).getString();
  a.sex = s.getColumn(15).getString();
  if (!s.getColumn(16).isNull()) a.birth_year = s.getColumn(16).getInt();
  a.nationality = s.getColumn(17).getString();
  a.status = s.getColumn(18).getString();
  a.province = s.getColumn(19).getString();
  a.cohort = s.getColumn(20).getString();
  a.members_known = s.getColumn(21).getInt() != 0;
  a.female = s.getColumn(22).getInt64();
  a.male = s.getColumn(23).getInt64();
  a.other = s.getColumn(24).getInt64();
  return e;
}

template <typename Row>
Result<std::vector<Row>> collect(SQLite::Statement& s, Row (*from_row)(SQLite::Statement&)) {
  std::vector<Row> out;
  while (s.executeStep()) out.push_back(from_row(s));
  return out;
}

}  // namespace

Status SqliteGrantStore::insert_fund(const FundRow& f) {
  return guarded<Status>([&] {
    auto& s = sql_.get("INSERT INTO grant_funds(code, donor, currency, start_day, end_day, "
                       "audit_seq) VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, f.code);
    s.bind(2, f.donor);
    s.bind(3, f.currency);
    bind_date(s, 4, f.start);
    bind_date(s, 5, f.end);
    s.bind(6, static_cast<std::int64_t>(f.audit_seq));
    s.exec();
    for (const auto& b : f.budget) {
      auto& bs = sql_.get("INSERT INTO grant_fund_budgets(fund, category, amount_minor) "
                          "VALUES (?, ?, ?)");
      bs.bind(1, f.code);
      bs.bind(2, b.category);
      bs.bind(3, b.amount_minor);
      bs.exec();
    }
    return Status::Ok();
  });
}

Result<std::vector<FundRow>> SqliteGrantStore::funds_where(const std::string& code) {
  return guarded<Result<std::vector<FundRow>>>([&]() -> Result<std::vector<FundRow>> {
    auto& s = sql_.get(code.empty() ? "SELECT code, donor, currency, start_day, end_day, "
                                      "audit_seq FROM grant_funds ORDER BY code"
                                    : "SELECT code, donor, currency, start_day, end_day, "
                                      "audit_seq FROM grant_funds WHERE code = ?1");
    if (!code.empty()) s.bind(1, code);
    std::vector<FundRow> out;
    while (s.executeStep()) {
      out.push_back(FundRow{s.getColumn(0).getString(), s.getColumn(1).getString(),
                            s.getColumn(2).getString(), opt_date(s.getColumn(3)),
                            opt_date(s.getColumn(4)), {},
                            static_cast<std::uint64_t>(s.getColumn(5).getInt64())});
    }
    for (auto& f : out) {
      auto& b = sql_.get("SELECT category, amount_minor FROM grant_fund_budgets "
                         "WHERE fund = ? ORDER BY category");
      b.bind(1, f.code);
      while (b.executeStep()) {
        f.budget.push_back(BudgetLineRow{b.getColumn(0).getString(), b.getColumn(1).getInt64()});
      }
    }
    return out;
  });
}

Result<std::optional<FundRow>> SqliteGrantStore::find_fund(std::string_view code) {
  if (code.empty()) return std::optional<FundRow>();
  auto all = funds_where(std::string(code));
  if (!all.ok()) return all.error();
  if (all->empty()) return std::optional<FundRow>();
  return std::optional<FundRow>(std::move(all->front()));
}

Result<std::vector<FundRow>> SqliteGrantStore::list_funds() { return funds_where(""); }

Status SqliteGrantStore::insert_receipt(const FundReceiptRow& r) {
  return guarded<Status>([&] {
    auto& s = sql_.get("INSERT INTO grant_fund_receipts(audit_seq, fund, day, amount_minor, "
                       "transaction_id) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, static_cast<std::int64_t>(r.audit_seq));
    s.bind(2, r.fund);
    s.bind(3, r.day.to_string());
    s.bind(4, r.amount_minor);
    s.bind(5, r.transaction_id);
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<FundReceiptRow>> SqliteGrantStore::list_receipts(std::string_view fund) {
  return guarded<Result<std::vector<FundReceiptRow>>>(
      [&]() -> Result<std::vector<FundReceiptRow>> {
        auto& s = sql_.get("SELECT audit_seq, fund, day, amount_minor, transaction_id "
                           "FROM grant_fund_receipts WHERE ?1 = '' OR fund = ?1 "
                           "ORDER BY audit_seq");
        s.bind(1, std::string(fund));
        return collect<FundReceiptRow>(s, [](SQLite::Statement& q) {
          return FundReceiptRow{static_cast<std::uint64_t>(q.getColumn(0).getInt64()),
                                q.getColumn(1).getString(), date_of(q.getColumn(2)),
                                q.getColumn(3).getInt64(), q.getColumn(4).getInt64()};
        });
      });
}

Status SqliteGrantStore::insert_spending(const FundSpendingRow& r) {
  return guarded<Status>([&] {
    auto& s = sql_.get("INSERT INTO grant_fund_spending(audit_seq, fund, category, day, "
                       "amount_minor, memo, override_reason, transaction_id) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, static_cast<std::int64_t>(r.audit_seq));
    s.bind(2, r.fund);
    s.bind(3, r.category);
    s.bind(4, r.day.to_string());
    s.bind(5, r.amount_minor);
    s.bind(6, r.memo);
    s.bind(7, r.override_reason);
    s.bind(8, r.transaction_id);
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<FundSpendingRow>> SqliteGrantStore::list_spending(std::string_view fund) {
  return guarded<Result<std::vector<FundSpendingRow>>>(
      [&]() -> Result<std::vector<FundSpendingRow>> {
        auto& s = sql_.get("SELECT audit_seq, fund, category, day, amount_minor, memo, "
                           "override_reason, transaction_id FROM grant_fund_spending "
                           "WHERE ?1 = '' OR fund = ?1 ORDER BY audit_seq");
        s.bind(1, std::string(fund));
        return collect<FundSpendingRow>(s, [](SQLite::Statement& q) {
          return FundSpendingRow{static_cast<std::uint64_t>(q.getColumn(0).getInt64()),
                                 q.getColumn(1).getString(), q.getColumn(2).getString(),
                                 date_of(q.getColumn(3)), q.getColumn(4).getInt64(),
                                 q.getColumn(5).getString(), q.getColumn(6).getString(),
                                 q.getColumn(7).getInt64()};
        });
      });
}

Status SqliteGrantStore::insert_milestone(const MilestoneRow& m) {
  return guarded<Status>([&] {
    auto& s = sql_.get("INSERT INTO grant_milestones(enterprise, name, day, actor, audit_seq) "
                       "VALUES (?, ?, ?, ?, ?)");
    s.bind(1, m.enterprise);
    s.bind(2, m.name);
    s.bind(3, m.day.to_string());
    s.bind(4, m.actor);
    s.bind(5, static_cast<std::int64_t>(m.audit_seq));
    s.exec();
    return Status::Ok();
  });
}

namespace {
MilestoneRow milestone_from_row(SQLite::Statement& q) {
  return MilestoneRow{q.getColumn(0).getString(), q.getColumn(1).getString(),
                      date_of(q.getColumn(2)), q.getColumn(3).getString(),
                      static_cast<std::uint64_t>(q.getColumn(4).getInt64())};
}
MembersRow members_from_row(SQLite::Statement& q) {
  return MembersRow{static_cast<std::uint64_t>(q.getColumn(0).getInt64()),
                    q.getColumn(1).getString(), q.getColumn(2).getInt64(),
                    q.getColumn(3).getInt64(), q.getColumn(4).getInt64(), {}};
}
}  // namespace

Result<std::optional<MilestoneRow>> SqliteGrantStore::find_milestone(std::string_view enterprise,
                                                                     std::string_view name) {
  return guarded<Result<std::optional<MilestoneRow>>>(
      [&]() -> Result<std::optional<MilestoneRow>> {
        auto& s = sql_.get("SELECT enterprise, name, day, actor, audit_seq FROM "
                           "grant_milestones WHERE enterprise = ? AND name = ?");
        s.bind(1, std::string(enterprise));
        s.bind(2, std::string(name));
        if (!s.executeStep()) return std::optional<MilestoneRow>();
        auto row = milestone_from_row(s);
        s.reset();  // ends the read, so that this connection sees later commits
        return std::optional<MilestoneRow>(std::move(row));
      });
}

Result<std::vector<MilestoneRow>> SqliteGrantStore::list_milestones() {
  return guarded<Result<std::vector<MilestoneRow>>>([&]() -> Result<std::vector<MilestoneRow>> {
    auto& s = sql_.get("SELECT enterprise, name, day, actor, audit_seq FROM grant_milestones "
                       "ORDER BY enterprise, name");
    return collect<MilestoneRow>(s, milestone_from_row);
  });
}

Status SqliteGrantStore::insert_milestone_name(const MilestoneNameRow& m) {
  return guarded<Status>([&] {
    auto& s = sql_.get("INSERT INTO grant_milestone_names(name, label, audit_seq) "
                       "VALUES (?, ?, ?)");
    s.bind(1, m.name);
    s.bind(2, m.label);
    s.bind(3, static_cast<std::int64_t>(m.audit_seq));
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<MilestoneNameRow>> SqliteGrantStore::list_milestone_names() {
  return guarded<Result<std::vector<MilestoneNameRow>>>(
      [&]() -> Result<std::vector<MilestoneNameRow>> {
        auto& s = sql_.get("SELECT name, label, audit_seq FROM grant_milestone_names "
                           "ORDER BY name");
        return collect<MilestoneNameRow>(s, [](SQLite::Statement& q) {
          return MilestoneNameRow{q.getColumn(0).getString(), q.getColumn(1).getString(),
                                  static_cast<std::uint64_t>(q.getColumn(2).getInt64())};
        });
      });
}

Result<std::vector<std::string>> SqliteGrantStore::used_milestone_names(
    std::uint64_t before_seq) {
  return guarded<Result<std::vector<std::string>>>([&]() -> Result<std::vector<std::string>> {
    const auto before = static_cast<std::int64_t>(
        std::min<std::uint64_t>(before_seq, std::numeric_limits<std::int64_t>::max()));
    std::set<std::string> names;
    auto& m = sql_.get("SELECT DISTINCT name FROM grant_milestones WHERE audit_seq < ?");
    m.bind(1, before);
    while (m.executeStep()) names.insert(m.getColumn(0).getString());
    auto& t = sql_.get("SELECT DISTINCT t.conditions FROM grant_tranches t JOIN grants g "
                       "ON g.id = t.grant_id WHERE g.audit_seq < ? AND t.conditions <> ''");
    t.bind(1, before);
    while (t.executeStep()) {
      for (auto& c : split_conditions(t.getColumn(0).getString())) names.insert(std::move(c));
    }
    return std::vector<std::string>(names.begin(), names.end());
  });
}

Status SqliteGrantStore::insert_members(const MembersRow& m) {
  return guarded<Status>([&] {
    auto& s = sql_.get("INSERT INTO grant_members(audit_seq, enterprise, female, male, other) "
                       "VALUES (?, ?, ?, ?, ?)");
    s.bind(1, static_cast<std::int64_t>(m.audit_seq));
    s.bind(2, m.enterprise);
    s.bind(3, m.female);
    s.bind(4, m.male);
    s.bind(5, m.other);
    s.exec();
    auto& p = sql_.get("INSERT INTO grant_member_people(audit_seq, position, sex, birth_year, "
                       "nationality, status) VALUES (?, ?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < m.people.size(); ++i) {
      const MemberPerson& person = m.people[i];
      p.bind(1, static_cast<std::int64_t>(m.audit_seq));
      p.bind(2, static_cast<std::int64_t>(i));
      p.bind(3, person.sex);
      if (person.birth_year) {
        p.bind(4, *person.birth_year);
      } else {
        p.bind(4);
      }
      p.bind(5, person.nationality);
      p.bind(6, person.status);
      p.exec();
      p.reset();
    }
    return Status::Ok();
  });
}

// Fills `m.people` from grant_member_people (empty when the members were counts only).
void SqliteGrantStore::load_people(MembersRow& m) {
  auto& s = sql_.get("SELECT sex, birth_year, nationality, status FROM grant_member_people "
                     "WHERE audit_seq = ? ORDER BY position");
  s.bind(1, static_cast<std::int64_t>(m.audit_seq));
  while (s.executeStep()) {
    MemberPerson p{s.getColumn(0).getString(), std::nullopt, s.getColumn(2).getString(),
                   s.getColumn(3).getString()};
    if (!s.getColumn(1).isNull()) p.birth_year = s.getColumn(1).getInt();
    m.people.push_back(std::move(p));
  }
  s.reset();
}

Result<std::optional<MembersRow>> SqliteGrantStore::latest_members(std::string_view enterprise) {
  constexpr auto kAll = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  return members_before(enterprise, kAll);
}

Result<std::optional<MembersRow>> SqliteGrantStore::members_before(std::string_view enterprise,
                                                                   std::uint64_t seq) {
  return guarded<Result<std::optional<MembersRow>>>([&]() -> Result<std::optional<MembersRow>> {
    auto& s = sql_.get("SELECT audit_seq, enterprise, female, male, other FROM grant_members "
                       "WHERE enterprise = ? AND audit_seq < ? ORDER BY audit_seq DESC LIMIT 1");
    s.bind(1, std::string(enterprise));
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    s.bind(2, static_cast<std::int64_t>(std::min(seq, kMax)));
    if (!s.executeStep()) return std::optional<MembersRow>();
    auto row = members_from_row(s);
    s.reset();  // ends the read, so that this connection sees later commits
    load_people(row);
    return std::optional<MembersRow>(std::move(row));
  });
}

Result<std::vector<MembersRow>> SqliteGrantStore::list_members() {
  return guarded<Result<std::vector<MembersRow>>>([&]() -> Result<std::vector<MembersRow>> {
    auto& s = sql_.get("SELECT audit_seq, enterprise, female, male, other FROM grant_members "
                       "ORDER BY audit_seq");
    auto rows = collect<MembersRow>(s, members_from_row);
    if (!rows.ok()) return rows;
    // Every person in one pass, both lists in audit_seq order (verification reads them all).
    auto& p = sql_.get("SELECT audit_seq, sex, birth_year, nationality, status FROM "
                       "grant_member_people ORDER BY audit_seq, position");
    std::size_t i = 0;
    while (p.executeStep()) {
      const auto seq = static_cast<std::uint64_t>(p.getColumn(0).getInt64());
      while (i < rows->size() && (*rows)[i].audit_seq < seq) ++i;
      if (i == rows->size() || (*rows)[i].audit_seq != seq) continue;  // FK: never happens
      MemberPerson person{p.getColumn(1).getString(), std::nullopt, p.getColumn(3).getString(),
                          p.getColumn(4).getString()};
      if (!p.getColumn(2).isNull()) person.birth_year = p.getColumn(2).getInt();
      (*rows)[i].people.push_back(std::move(person));
    }
    p.reset();
    return rows;
  });
}

Status SqliteGrantStore::insert_grant(const GrantRow& g) {
  return guarded<Status>([&] {
    auto& s = sql_.get("INSERT INTO grants(id, enterprise, fund, currency, total_minor, day, "
                       "audit_seq, over_commit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, g.id);
    s.bind(2, g.enterprise);
    s.bind(3, g.fund);
    s.bind(4, g.currency);
    s.bind(5, g.total_minor);
    s.bind(6, g.day.to_string());
    s.bind(7, static_cast<std::int64_t>(g.audit_seq));
    if (g.over_commit) {
      s.bind(8, *g.over_commit);
    } else {
      s.bind(8);
    }
    s.exec();
    int n = 0;
    for (const auto& t : g.tranches) {
      auto& ts = sql_.get("INSERT INTO grant_tranches(grant_id, n, amount_minor, conditions) "
                          "VALUES (?, ?, ?, ?)");
      ts.bind(1, g.id);
      ts.bind(2, ++n);
      ts.bind(3, t.amount_minor);
      ts.bind(4, join_conditions(t.conditions));
      ts.exec();
    }
    return Status::Ok();
  });
}

Result<std::vector<GrantRow>> SqliteGrantStore::grants_where(const std::string& id) {
  return guarded<Result<std::vector<GrantRow>>>([&]() -> Result<std::vector<GrantRow>> {
    // Two statements, not "?1 = '' OR id = ?1": the OR would stop SQLite using the key.
    auto& s = sql_.get(id.empty() ? "SELECT id, enterprise, fund, currency, total_minor, day, "
                                    "audit_seq, over_commit FROM grants ORDER BY id"
                                  : "SELECT id, enterprise, fund, currency, total_minor, day, "
                                    "audit_seq, over_commit FROM grants WHERE id = ?1");
    if (!id.empty()) s.bind(1, id);
    std::vector<GrantRow> out;
    while (s.executeStep()) {
      out.push_back(GrantRow{s.getColumn(0).getString(), s.getColumn(1).getString(),
                             s.getColumn(2).getString(), s.getColumn(3).getString(),
                             s.getColumn(4).getInt64(), {}, date_of(s.getColumn(5)),
                             static_cast<std::uint64_t>(s.getColumn(6).getInt64()),
                             s.getColumn(7).isNull()
                                 ? std::nullopt
                                 : std::optional<std::string>(s.getColumn(7).getString())});
    }
    auto& t = sql_.get(id.empty() ? "SELECT grant_id, amount_minor, conditions FROM "
                                    "grant_tranches ORDER BY grant_id, n"
                                  : "SELECT grant_id, amount_minor, conditions FROM "
                                    "grant_tranches WHERE grant_id = ?1 ORDER BY n");
    if (!id.empty()) t.bind(1, id);
    std::size_t g = 0;
    while (t.executeStep()) {
      const std::string owner = t.getColumn(0).getString();
      while (g < out.size() && out[g].id != owner) ++g;
      SEMILLA_CHECK(g < out.size());  // tranches reference grants, both ordered by id
      out[g].tranches.push_back(
          TrancheRow{t.getColumn(1).getInt64(), split_conditions(t.getColumn(2).getString())});
    }
    return out;
  });
}

Result<std::optional<GrantRow>> SqliteGrantStore::find_grant(std::string_view id) {
  if (id.empty()) return std::optional<GrantRow>();
  auto all = grants_where(std::string(id));
  if (!all.ok()) return all.error();
  if (all->empty()) return std::optional<GrantRow>();
  return std::optional<GrantRow>(std::move(all->front()));
}

Result<std::vector<GrantRow>> SqliteGrantStore::list_grants() { return grants_where(""); }

Status SqliteGrantStore::insert_event(const GrantEventRow& e) {
  return guarded<Status>([&] {
    auto& s = sql_.get(
        "INSERT INTO grant_events(audit_seq, grant_id, enterprise, fund, type, day, tranche, "
        "amount_minor, in_kind, description, supplier, reason, override_reason, "
        "transaction_id, e_kind, sex, birth_year, nationality, status, province, cohort, "
        "members_known, female, male, other) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int i = 0;
    s.bind(++i, static_cast<std::int64_t>(e.audit_seq));
    for (const auto* text : {&e.grant_id, &e.enterprise, &e.fund, &e.type}) s.bind(++i, *text);
    s.bind(++i, e.day.to_string());
    s.bind(++i, e.tranche);
    s.bind(++i, e.amount_minor);
    s.bind(++i, e.in_kind ? 1 : 0);
    for (const auto* text : {&e.description, &e.supplier, &e.reason, &e.override_reason}) {
      s.bind(++i, *text);
    }
    s.bind(++i, e.transaction_id);
    const auto& a = e.snapshot;
    s.bind(++i, a.kind);
    s.bind(++i, a.sex);
    if (a.birth_year) {
      s.bind(++i, *a.birth_year);
    } else {
      s.bind(++i);
    }
    for (const auto* text : {&a.nationality, &a.status, &a.province, &a.cohort}) {
      s.bind(++i, *text);
    }
    s.bind(++i, a.members_known ? 1 : 0);
    for (auto n : {a.female, a.male, a.other}) s.bind(++i, n);
    s.exec();
    return Status::Ok();
  });
}

Result<std::vector<GrantEventRow>> SqliteGrantStore::grant_events(std::string_view id) {
  return guarded<Result<std::vector<GrantEventRow>>>(
      [&]() -> Result<std::vector<GrantEventRow>> {
        static const std::string all = std::string("SELECT ") + kEventColumns +
                                       " FROM grant_events ORDER BY audit_seq";
        static const std::string one = std::string("SELECT ") + kEventColumns +
                                       " FROM grant_events WHERE grant_id = ?1 "
                                       "ORDER BY audit_seq";
        auto& s = sql_.get(id.empty() ? all.c_str() : one.c_str());
        if (!id.empty()) s.bind(1, std::string(id));
        return collect<GrantEventRow>(s, event_from_row);
      });
}

Result<std::vector<GrantEventRow>> SqliteGrantStore::fund_events(std::string_view fund,
                                                                 Date from, Date to) {
  return guarded<Result<std::vector<GrantEventRow>>>(
      [&]() -> Result<std::vector<GrantEventRow>> {
        static const std::string sql = std::string("SELECT ") + kEventColumns +
                                       " FROM grant_events WHERE fund = ? AND day >= ? AND "
                                       "day <= ? ORDER BY audit_seq";
        auto& s = sql_.get(sql.c_str());
        s.bind(1, std::string(fund));
        s.bind(2, from.to_string());
        s.bind(3, to.to_string());
        return collect<GrantEventRow>(s, event_from_row);
      });
}

Status SqlitePeriodStore::insert_period_event(const PeriodEventRow& e) {
  return guarded<Status>([&] {
    auto& s = sql_.get("INSERT INTO closed_periods(audit_seq, month, closed, reason, time) "
                       "VALUES (?, ?, ?, ?, ?)");
    s.bind(1, static_cast<std::int64_t>(e.audit_seq));
    s.bind(2, e.month);
    s.bind(3, e.closed ? 1 : 0);
    s.bind(4, e.reason);
    s.bind(5, e.time);
    s.exec();
    return Status::Ok();
  });
}

namespace {
PeriodEventRow period_from_row(SQLite::Statement& q) {
  return PeriodEventRow{static_cast<std::uint64_t>(q.getColumn(0).getInt64()),
                        q.getColumn(1).getString(), q.getColumn(2).getInt() != 0,
                        q.getColumn(3).getString(), q.getColumn(4).getString()};
}
}  // namespace

Result<std::optional<PeriodEventRow>> SqlitePeriodStore::latest_period_event(
    std::string_view month) {
  return guarded<Result<std::optional<PeriodEventRow>>>(
      [&]() -> Result<std::optional<PeriodEventRow>> {
        auto& s = sql_.get("SELECT audit_seq, month, closed, reason, time FROM closed_periods "
                           "WHERE month = ? ORDER BY audit_seq DESC LIMIT 1");
        s.bind(1, std::string(month));
        if (!s.executeStep()) return std::optional<PeriodEventRow>();
        auto row = period_from_row(s);
        s.reset();  // ends the read, so that this connection sees later commits
        return std::optional<PeriodEventRow>(std::move(row));
      });
}

Result<std::vector<PeriodEventRow>> SqlitePeriodStore::list_period_events() {
  return guarded<Result<std::vector<PeriodEventRow>>>(
      [&]() -> Result<std::vector<PeriodEventRow>> {
        auto& s = sql_.get("SELECT audit_seq, month, closed, reason, time FROM closed_periods "
                           "ORDER BY audit_seq");
        return collect<PeriodEventRow>(s, period_from_row);
      });
}

}  // namespace detail
}  // namespace semilla::store

namespace semilla::store::detail {

GrantStore& SqliteStore::grants() {
  if (!grants_) grants_ = std::make_unique<SqliteGrantStore>(sql_);
  return *grants_;
}

PeriodStore& SqliteStore::periods() {
  if (!periods_) periods_ = std::make_unique<SqlitePeriodStore>(sql_);
  return *periods_;
}

}  // namespace semilla::store::detail
