// SPDX-License-Identifier: Apache-2.0
// The loan module's tables in SQLite. Products, schedules, events and allocations are
// append-only (what happened); `loans` is the derived state, updated in the same database
// transaction as the record that changes it, like balance_days.
#include "ledger/store/loan_store.h"
#include "ledger/store/module_schema.h"
#include "ledger/store/sqlite_store_internal.h"
#include "ledger/store/statement_cache.h"

namespace semilla::store {

// Version 1. Amounts are INTEGER minor units in the loan's currency; the typeof() checks
// refuse the REAL that SQLite would silently produce on overflow.
ModuleSchema loans_schema() {
  static const char* const kV1 = R"sql(
CREATE TABLE loan_products(
  name TEXT PRIMARY KEY, currency TEXT NOT NULL, cash_account TEXT NOT NULL,
  terms TEXT NOT NULL, audit_seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE loans(
  id TEXT PRIMARY KEY, enterprise TEXT NOT NULL REFERENCES enterprises(id),
  product TEXT NOT NULL REFERENCES loan_products(name), currency TEXT NOT NULL,
  principal_minor INTEGER NOT NULL CHECK (typeof(principal_minor) = 'integer'),
  terms TEXT NOT NULL, cash_account TEXT NOT NULL, receivable_account TEXT NOT NULL,
  expected_on TEXT NOT NULL, status TEXT NOT NULL, disbursed_on TEXT, closed_on TEXT,
  written_off_on TEXT,
  written_off_minor INTEGER NOT NULL CHECK (typeof(written_off_minor) = 'integer'),
  recovered_minor INTEGER NOT NULL CHECK (typeof(recovered_minor) = 'integer'),
  audit_seq INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE loan_installments(
  loan_id TEXT NOT NULL REFERENCES loans(id), n INTEGER NOT NULL, due_date TEXT NOT NULL,
  principal_minor INTEGER NOT NULL CHECK (typeof(principal_minor) = 'integer'),
  interest_minor INTEGER NOT NULL CHECK (typeof(interest_minor) = 'integer'),
  fee_minor INTEGER NOT NULL CHECK (typeof(fee_minor) = 'integer'),
  PRIMARY KEY (loan_id, n)) WITHOUT ROWID;
CREATE TABLE loan_events(
  seq INTEGER PRIMARY KEY, loan_id TEXT NOT NULL REFERENCES loans(id), kind TEXT NOT NULL,
  day TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (typeof(amount_minor) = 'integer'),
  transaction_id INTEGER UNIQUE REFERENCES transactions(id), reverses_seq INTEGER UNIQUE,
  ref TEXT);
CREATE INDEX loan_events_by_loan ON loan_events(loan_id, seq);
CREATE TABLE loan_allocations(
  event_seq INTEGER NOT NULL REFERENCES loan_events(seq), idx INTEGER NOT NULL,
  loan_id TEXT NOT NULL, n INTEGER NOT NULL, component TEXT NOT NULL, day TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (typeof(amount_minor) = 'integer'),
  PRIMARY KEY (event_seq, idx)) WITHOUT ROWID;
CREATE INDEX loan_allocations_by_loan ON loan_allocations(loan_id, n, day);
)sql";
  // Version 2: an enterprise's loans without a scan of every loan (statements).
  static const char* const kV2 = "CREATE INDEX loans_by_enterprise ON loans(enterprise, id);";
  return ModuleSchema{"loans", {kV1, kV2},
                      {"loan_products", "loan_installments", "loan_events", "loan_allocations"}};
}

namespace detail {
namespace {

// Paid per component and instalment up to a date: one grouped pass over the allocations, of
// every loan (kAllPositionsSql) or of one, through the indexes (kLoanPositionsSql).
#define SEMILLA_POSITIONS_SQL(WHERE_ALLOCATION, WHERE_INSTALLMENT)                             \
  "SELECT i.loan_id, i.n, i.due_date, i.principal_minor, i.interest_minor, i.fee_minor, "     \
  "COALESCE(a.pe, 0), COALESCE(a.fe, 0), COALESCE(a.it, 0), COALESCE(a.pr, 0) "              \
  "FROM loan_installments i LEFT JOIN (SELECT loan_id, n, "                                   \
  "  SUM(CASE component WHEN 'penalty' THEN amount_minor ELSE 0 END) AS pe, "                 \
  "  SUM(CASE component WHEN 'fee' THEN amount_minor ELSE 0 END) AS fe, "                     \
  "  SUM(CASE component WHEN 'interest' THEN amount_minor ELSE 0 END) AS it, "                \
  "  SUM(CASE component WHEN 'principal' THEN amount_minor ELSE 0 END) AS pr "                \
  "  FROM loan_allocations WHERE day <= ?1 " WHERE_ALLOCATION                                 \
  "  GROUP BY loan_id, n) a ON a.loan_id = i.loan_id AND a.n = i.n " WHERE_INSTALLMENT        \
  "ORDER BY i.loan_id, i.n"
constexpr const char* kAllPositionsSql = SEMILLA_POSITIONS_SQL("", "");
constexpr const char* kLoanPositionsSql =
    SEMILLA_POSITIONS_SQL("AND loan_id = ?2", "WHERE i.loan_id = ?2");
#undef SEMILLA_POSITIONS_SQL

constexpr const char* kLoanColumns =
    "l.id, l.enterprise, l.product, l.currency, l.principal_minor, l.terms, l.cash_account, "
    "l.receivable_account, l.expected_on, l.status, l.disbursed_on, l.closed_on, "
    "l.written_off_on, l.written_off_minor, l.recovered_minor, l.audit_seq";

constexpr const char* kEventColumns =
    "seq, loan_id, kind, day, amount_minor, transaction_id, reverses_seq, ref";

std::optional<Date> opt_date(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return date_of(c);
}

void bind_date(SQLite::Statement& s, int i, const std::optional<Date>& d) {
  bind_opt(s, i, d ? std::optional<std::string>(d->to_string()) : std::nullopt);
}

LoanRow loan_from_row(SQLite::Statement& s) {
  LoanRow l;
  l.id = s.getColumn(0).getString();
  l.enterprise = s.getColumn(1).getString();
  l.product = s.getColumn(2).getString();
  l.currency = s.getColumn(3).getString();
  l.principal_minor = s.getColumn(4).getInt64();
  l.terms_json = s.getColumn(5).getString();
  l.cash_account = s.getColumn(6).getString();
  l.receivable_account = s.getColumn(7).getString();
  l.expected_on = date_of(s.getColumn(8));
  l.status = s.getColumn(9).getString();
  l.disbursed_on = opt_date(s.getColumn(10));
  l.closed_on = opt_date(s.getColumn(11));
  l.written_off_on = opt_date(s.getColumn(12));
  l.written_off_minor = s.getColumn(13).getInt64();
  l.recovered_minor = s.getColumn(14).getInt64();
  l.audit_seq = static_cast<std::uint64_t>(s.getColumn(15).getInt64());
  return l;
}

LoanEventRow event_from_row(SQLite::Statement& s) {
  LoanEventRow e;
  e.seq = static_cast<std::uint64_t>(s.getColumn(0).getInt64());
  e.loan_id = s.getColumn(1).getString();
  e.kind = s.getColumn(2).getString();
  e.day = date_of(s.getColumn(3));
  e.amount_minor = s.getColumn(4).getInt64();
  if (!s.getColumn(5).isNull()) e.transaction_id = s.getColumn(5).getInt64();
  if (!s.getColumn(6).isNull()) {
    e.reverses_seq = static_cast<std::uint64_t>(s.getColumn(6).getInt64());
  }
  e.ref = opt_text(s.getColumn(7));
  return e;
}

LoanInstallmentRow installment_from_row(SQLite::Statement& s) {
  return LoanInstallmentRow{s.getColumn(0).getString(), s.getColumn(1).getInt(),
                            date_of(s.getColumn(2)), s.getColumn(3).getInt64(),
                            s.getColumn(4).getInt64(), s.getColumn(5).getInt64()};
}

LoanAllocationRow allocation_from_row(SQLite::Statement& s) {
  return LoanAllocationRow{static_cast<std::uint64_t>(s.getColumn(0).getInt64()),
                           s.getColumn(1).getInt(),    s.getColumn(2).getString(),
                           s.getColumn(3).getInt(),    s.getColumn(4).getString(),
                           date_of(s.getColumn(5)),    s.getColumn(6).getInt64()};
}

LoanInstallmentPosition position_from_row(SQLite::Statement& s) {
  LoanInstallmentPosition p;
  p.due = installment_from_row(s);
  p.paid_penalty_minor = s.getColumn(6).getInt64();
  p.paid_fee_minor = s.getColumn(7).getInt64();
  p.paid_interest_minor = s.getColumn(8).getInt64();
  p.paid_principal_minor = s.getColumn(9).getInt64();
  return p;
}

// Balances "as of" no date: later than any date the book accepts.
constexpr const char* kEndOfTime = "9999-12-31";

}  // namespace

class SqliteLoanStore final : public LoanStore {
 public:
  explicit SqliteLoanStore(StatementCache& sql) : sql_(sql), db_(sql.db()) {}

  Status insert_product(const LoanProductRow& p) override;
  Result<std::optional<LoanProductRow>> find_product(std::string_view name) override;
  Result<std::vector<LoanProductRow>> list_products() override;
  Status insert_loan(const LoanRow& loan) override { return write_loan(loan, true); }
  Status update_loan(const LoanRow& loan) override { return write_loan(loan, false); }
  Result<std::optional<LoanRow>> find_loan(std::string_view id) override;
  Result<std::vector<LoanRow>> loans_of(std::string_view enterprise) override;
  Status for_each_loan(
      const std::function<Status(const LoanRow&, const std::string&)>& visit) override;
  Status insert_installments(const std::vector<LoanInstallmentRow>& rows) override;
  Status insert_event(const LoanEventRow& e) override;
  Status insert_allocations(const std::vector<LoanAllocationRow>& rows) override;
  Result<std::vector<LoanEventRow>> events(std::string_view loan_id) override;
  Result<std::optional<LoanEventRow>> find_event_by_transaction(std::int64_t txn) override;
  Result<std::vector<LoanAllocationRow>> allocations(std::uint64_t event_seq) override;
  Result<std::vector<LoanInstallmentPosition>> positions(std::string_view loan_id,
                                                         std::optional<Date> as_of) override;
  Status for_each_position(std::optional<Date> as_of,
                           const Visitor<LoanInstallmentPosition>& visit) override;
  Status for_each_installment(const Visitor<LoanInstallmentRow>& v) override;
  Status for_each_event(const Visitor<LoanEventRow>& v) override;
  Status for_each_allocation(const Visitor<LoanAllocationRow>& v) override;

 private:
  SQLite::Statement& stmt(const char* sql) { return sql_.get(sql); }
  Status write_loan(const LoanRow& l, bool insert);

  StatementCache& sql_;
  SQLite::Database& db_;  // for statements of their own (scans whose visitor may call back)
};

Status SqliteLoanStore::insert_product(const LoanProductRow& p) {
  return guarded<Status>([&]() -> Status {
    auto& s = stmt("INSERT INTO loan_products(name, currency, cash_account, terms, audit_seq) "
                   "VALUES (?, ?, ?, ?, ?)");
    s.bind(1, p.name);
    s.bind(2, p.currency);
    s.bind(3, p.cash_account);
    s.bind(4, p.terms_json);
    s.bind(5, static_cast<std::int64_t>(p.audit_seq));
    s.exec();
    return Status::Ok();
  });
}

Result<std::optional<LoanProductRow>> SqliteLoanStore::find_product(std::string_view name) {
  using R = Result<std::optional<LoanProductRow>>;
  return guarded<R>([&]() -> R {
    auto& s = stmt("SELECT name, currency, cash_account, terms, audit_seq FROM loan_products "
                   "WHERE name = ?");
    s.bind(1, std::string(name));
    if (!s.executeStep()) return std::optional<LoanProductRow>();
    return std::optional<LoanProductRow>(LoanProductRow{
        s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
        s.getColumn(3).getString(), static_cast<std::uint64_t>(s.getColumn(4).getInt64())});
  });
}

Result<std::vector<LoanProductRow>> SqliteLoanStore::list_products() {
  using R = Result<std::vector<LoanProductRow>>;
  return guarded<R>([&]() -> R {
    auto& s = stmt("SELECT name, currency, cash_account, terms, audit_seq FROM loan_products "
                   "ORDER BY name");
    std::vector<LoanProductRow> out;
    while (s.executeStep()) {
      out.push_back(LoanProductRow{
          s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
          s.getColumn(3).getString(), static_cast<std::uint64_t>(s.getColumn(4).getInt64())});
    }
    return out;
  });
}

Status SqliteLoanStore::write_loan(const LoanRow& l, bool insert) {
  return guarded<Status>([&]() -> Status {
    auto& s = stmt(insert
                       ? "INSERT INTO loans(id, enterprise, product, currency, principal_minor, "
                         "terms, cash_account, receivable_account, expected_on, status, "
                         "disbursed_on, closed_on, written_off_on, written_off_minor, "
                         "recovered_minor, audit_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                         "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
                       : "UPDATE loans SET enterprise = ?2, product = ?3, currency = ?4, "
                         "principal_minor = ?5, terms = ?6, cash_account = ?7, "
                         "receivable_account = ?8, expected_on = ?9, status = ?10, "
                         "disbursed_on = ?11, closed_on = ?12, written_off_on = ?13, "
                         "written_off_minor = ?14, recovered_minor = ?15, audit_seq = ?16 "
                         "WHERE id = ?1");
    s.bind(1, l.id);
    s.bind(2, l.enterprise);
    s.bind(3, l.product);
    s.bind(4, l.currency);
    s.bind(5, l.principal_minor);
    s.bind(6, l.terms_json);
    s.bind(7, l.cash_account);
    s.bind(8, l.receivable_account);
    s.bind(9, l.expected_on.to_string());
    s.bind(10, l.status);
    bind_date(s, 11, l.disbursed_on);
    bind_date(s, 12, l.closed_on);
    bind_date(s, 13, l.written_off_on);
    s.bind(14, l.written_off_minor);
    s.bind(15, l.recovered_minor);
    s.bind(16, static_cast<std::int64_t>(l.audit_seq));
    SEMILLA_CHECK(s.exec() == 1);
    return Status::Ok();
  });
}

Result<std::optional<LoanRow>> SqliteLoanStore::find_loan(std::string_view id) {
  using R = Result<std::optional<LoanRow>>;
  return guarded<R>([&]() -> R {
    static const std::string sql =
        std::string("SELECT ") + kLoanColumns + " FROM loans l WHERE l.id = ?";
    auto& s = stmt(sql.c_str());
    s.bind(1, std::string(id));
    if (!s.executeStep()) return std::optional<LoanRow>();
    return std::optional<LoanRow>(loan_from_row(s));
  });
}

Result<std::vector<LoanRow>> SqliteLoanStore::loans_of(std::string_view enterprise) {
  using R = Result<std::vector<LoanRow>>;
  return guarded<R>([&]() -> R {
    static const std::string sql = std::string("SELECT ") + kLoanColumns +
                                   " FROM loans l WHERE l.enterprise = ? ORDER BY l.id";
    auto& s = stmt(sql.c_str());
    s.bind(1, std::string(enterprise));
    std::vector<LoanRow> out;
    while (s.executeStep()) out.push_back(loan_from_row(s));
    return out;
  });
}

Status SqliteLoanStore::for_each_loan(
    const std::function<Status(const LoanRow&, const std::string&)>& visit) {
  return guarded<Status>([&]() -> Status {
    // The enterprise's cohort when the loan was opened (enterprise.update may change it).
    SQLite::Statement s(db_, std::string("SELECT ") + kLoanColumns +
                                 ", COALESCE((SELECT u.cohort FROM enterprise_updates u "
                                 "WHERE u.id = l.enterprise AND u.seq < l.audit_seq "
                                 "ORDER BY u.seq DESC LIMIT 1), e.cohort) "
                                 "FROM loans l JOIN enterprises e "
                                 "ON e.id = l.enterprise ORDER BY l.id");
    while (s.executeStep()) SEMILLA_TRY(visit(loan_from_row(s), s.getColumn(16).getString()));
    return Status::Ok();
  });
}

Status SqliteLoanStore::insert_installments(const std::vector<LoanInstallmentRow>& rows) {
  return guarded<Status>([&]() -> Status {
    for (const auto& r : rows) {
      auto& s = stmt("INSERT INTO loan_installments(loan_id, n, due_date, principal_minor, "
                     "interest_minor, fee_minor) VALUES (?, ?, ?, ?, ?, ?)");
      s.bind(1, r.loan_id);
      s.bind(2, r.n);
      s.bind(3, r.due_date.to_string());
      s.bind(4, r.principal_minor);
      s.bind(5, r.interest_minor);
      s.bind(6, r.fee_minor);
      s.exec();
    }
    return Status::Ok();
  });
}

Status SqliteLoanStore::insert_event(const LoanEventRow& e) {
  return guarded<Status>([&]() -> Status {
    auto& s = stmt("INSERT INTO loan_events(seq, loan_id, kind, day, amount_minor, "
                   "transaction_id, reverses_seq, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, static_cast<std::int64_t>(e.seq));
    s.bind(2, e.loan_id);
    s.bind(3, e.kind);
    s.bind(4, e.day.to_string());
    s.bind(5, e.amount_minor);
    if (e.transaction_id) s.bind(6, *e.transaction_id);
    if (e.reverses_seq) s.bind(7, static_cast<std::int64_t>(*e.reverses_seq));
    bind_opt(s, 8, e.ref);
    s.exec();
    return Status::Ok();
  });
}

Status SqliteLoanStore::insert_allocations(const std::vector<LoanAllocationRow>& rows) {
  return guarded<Status>([&]() -> Status {
    for (const auto& r : rows) {
      auto& s = stmt("INSERT INTO loan_allocations(event_seq, idx, loan_id, n, component, day, "
                     "amount_minor) VALUES (?, ?, ?, ?, ?, ?, ?)");
      s.bind(1, static_cast<std::int64_t>(r.event_seq));
      s.bind(2, r.idx);
      s.bind(3, r.loan_id);
      s.bind(4, r.n);
      s.bind(5, r.component);
      s.bind(6, r.day.to_string());
      s.bind(7, r.amount_minor);
      s.exec();
    }
    return Status::Ok();
  });
}

Result<std::vector<LoanEventRow>> SqliteLoanStore::events(std::string_view loan_id) {
  using R = Result<std::vector<LoanEventRow>>;
  return guarded<R>([&]() -> R {
    static const std::string sql = std::string("SELECT ") + kEventColumns +
                                   " FROM loan_events WHERE loan_id = ? ORDER BY seq";
    auto& s = stmt(sql.c_str());
    s.bind(1, std::string(loan_id));
    std::vector<LoanEventRow> out;
    while (s.executeStep()) out.push_back(event_from_row(s));
    return out;
  });
}

Result<std::optional<LoanEventRow>> SqliteLoanStore::find_event_by_transaction(
    std::int64_t txn) {
  using R = Result<std::optional<LoanEventRow>>;
  return guarded<R>([&]() -> R {
    static const std::string sql = std::string("SELECT ") + kEventColumns +
                                   " FROM loan_events WHERE transaction_id = ?";
    auto& s = stmt(sql.c_str());
    s.bind(1, txn);
    if (!s.executeStep()) return std::optional<LoanEventRow>();
    return std::optional<LoanEventRow>(event_from_row(s));
  });
}

Result<std::vector<LoanAllocationRow>> SqliteLoanStore::allocations(std::uint64_t event_seq) {
  using R = Result<std::vector<LoanAllocationRow>>;
  return guarded<R>([&]() -> R {
    auto& s = stmt("SELECT event_seq, idx, loan_id, n, component, day, amount_minor "
                   "FROM loan_allocations WHERE event_seq = ? ORDER BY idx");
    s.bind(1, static_cast<std::int64_t>(event_seq));
    std::vector<LoanAllocationRow> out;
    while (s.executeStep()) out.push_back(allocation_from_row(s));
    return out;
  });
}

Result<std::vector<LoanInstallmentPosition>> SqliteLoanStore::positions(
    std::string_view loan_id, std::optional<Date> as_of) {
  using R = Result<std::vector<LoanInstallmentPosition>>;
  return guarded<R>([&]() -> R {
    auto& s = stmt(kLoanPositionsSql);
    s.bind(1, as_of ? as_of->to_string() : std::string(kEndOfTime));
    s.bind(2, std::string(loan_id));
    std::vector<LoanInstallmentPosition> out;
    while (s.executeStep()) out.push_back(position_from_row(s));
    return out;
  });
}

Status SqliteLoanStore::for_each_position(std::optional<Date> as_of,
                                          const Visitor<LoanInstallmentPosition>& visit) {
  return guarded<Status>([&]() -> Status {
    SQLite::Statement s(db_, kAllPositionsSql);
    s.bind(1, as_of ? as_of->to_string() : std::string(kEndOfTime));
    while (s.executeStep()) SEMILLA_TRY(visit(position_from_row(s)));
    return Status::Ok();
  });
}

Status SqliteLoanStore::for_each_installment(const Visitor<LoanInstallmentRow>& visit) {
  return guarded<Status>([&]() -> Status {
    SQLite::Statement s(db_, "SELECT loan_id, n, due_date, principal_minor, interest_minor, "
                             "fee_minor FROM loan_installments ORDER BY loan_id, n");
    while (s.executeStep()) SEMILLA_TRY(visit(installment_from_row(s)));
    return Status::Ok();
  });
}

Status SqliteLoanStore::for_each_event(const Visitor<LoanEventRow>& visit) {
  return guarded<Status>([&]() -> Status {
    SQLite::Statement s(db_, std::string("SELECT ") + kEventColumns +
                                 " FROM loan_events ORDER BY seq");
    while (s.executeStep()) SEMILLA_TRY(visit(event_from_row(s)));
    return Status::Ok();
  });
}

Status SqliteLoanStore::for_each_allocation(const Visitor<LoanAllocationRow>& visit) {
  return guarded<Status>([&]() -> Status {
    SQLite::Statement s(db_, "SELECT event_seq, idx, loan_id, n, component, day, amount_minor "
                             "FROM loan_allocations ORDER BY event_seq, idx");
    while (s.executeStep()) SEMILLA_TRY(visit(allocation_from_row(s)));
    return Status::Ok();
  });
}

LoanStore& SqliteStore::loans() {
  if (!loans_) loans_ = std::make_unique<SqliteLoanStore>(sql_);
  return *loans_;
}

}  // namespace detail
}  // namespace semilla::store
