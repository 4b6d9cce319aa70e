// SPDX-License-Identifier: Apache-2.0
// The partners' loan positions in SQLite (partner_loan_store.h).
#include "ledger/store/module_schema.h"
#include "ledger/store/partner_loan_store.h"
#include "ledger/store/sqlite_store_internal.h"

namespace semilla::store {
namespace {

// Version 1: one row per loan and statement day; append-only.
constexpr const char* kExchangeV1 = R"sql(
CREATE TABLE partner_loans(
  issuer TEXT NOT NULL, loan_id TEXT NOT NULL, as_of TEXT NOT NULL,
  enterprise TEXT NOT NULL REFERENCES enterprises(id), currency TEXT NOT NULL,
  status TEXT NOT NULL, position TEXT NOT NULL, audit_seq INTEGER NOT NULL,
  PRIMARY KEY (issuer, loan_id, as_of)) WITHOUT ROWID;
CREATE INDEX partner_loans_by_seq ON partner_loans(audit_seq, loan_id);
)sql";

constexpr const char* kColumns =
    "issuer, loan_id, as_of, enterprise, currency, status, position, audit_seq";

}  // namespace

// migrate_modules adds the append-only triggers of a module created from version 0.
ModuleSchema exchange_schema() { return {"exchange", {kExchangeV1}, {"partner_loans"}}; }

namespace detail {
namespace {

class SqlitePartnerLoanStore final : public PartnerLoanStore {
 public:
  explicit SqlitePartnerLoanStore(StatementCache& sql) : sql_(sql) {}

  Status insert_partner_loan(const PartnerLoanRow& r) override {
    return guarded<Status>([&] {
      static const std::string sql =
          std::string("INSERT INTO partner_loans(") + kColumns + ") VALUES (?,?,?,?,?,?,?,?)";
      auto& s = sql_.get(sql.c_str());
      s.bind(1, r.issuer);
      s.bind(2, r.loan_id);
      s.bind(3, r.as_of.to_string());
      s.bind(4, r.enterprise);
      s.bind(5, r.currency);
      s.bind(6, r.status);
      s.bind(7, r.position);
      s.bind(8, static_cast<std::int64_t>(r.audit_seq));
      s.exec();
      return Status::Ok();
    });
  }

  Result<std::optional<PartnerLoanRow>> find_partner_loan(std::string_view issuer,
                                                          std::string_view loan_id,
                                                          Date as_of) override {
    static const std::string sql = std::string("SELECT ") + kColumns +
                                   " FROM partner_loans WHERE issuer = ? AND loan_id = ? AND "
                                   "as_of = ?";
    return one(sql, issuer, loan_id, as_of.to_string());
  }

  Result<std::optional<PartnerLoanRow>> first_partner_loan(std::string_view issuer,
                                                           std::string_view loan_id) override {
    static const std::string sql = std::string("SELECT ") + kColumns +
                                   " FROM partner_loans WHERE issuer = ? AND loan_id = ? "
                                   "ORDER BY as_of LIMIT 1";
    return one(sql, issuer, loan_id, std::nullopt);
  }

  Result<std::vector<PartnerLoanRow>> partner_loans_as_of(Date as_of) override {
    using R = Result<std::vector<PartnerLoanRow>>;
    return guarded<R>([&]() -> R {
      // The primary key orders each loan's rows by date: the last one not after as_of.
      static const std::string sql =
          std::string("SELECT ") + kColumns +
          " FROM partner_loans p WHERE as_of = (SELECT MAX(as_of) FROM partner_loans q "
          "WHERE q.issuer = p.issuer AND q.loan_id = p.loan_id AND q.as_of <= ?1) "
          "ORDER BY issuer, loan_id";
      auto& s = sql_.get(sql.c_str());
      s.bind(1, as_of.to_string());
      std::vector<PartnerLoanRow> out;
      while (s.executeStep()) out.push_back(from_row(s));
      return out;
    });
  }

  Status for_each_partner_loan(const Visitor<PartnerLoanRow>& visit) override {
    return guarded<Status>([&]() -> Status {
      static const std::string sql = std::string("SELECT ") + kColumns +
                                     " FROM partner_loans ORDER BY audit_seq, loan_id";
      // Collected first: the visitor may read the store again.
      std::vector<PartnerLoanRow> rows;
      auto& s = sql_.get(sql.c_str());
      while (s.executeStep()) rows.push_back(from_row(s));
      s.reset();
      for (const auto& r : rows) SEMILLA_TRY(visit(r));
      return Status::Ok();
    });
  }

 private:
  static PartnerLoanRow from_row(SQLite::Statement& q) {
    PartnerLoanRow r;
    r.issuer = q.getColumn(0).getString();
    r.loan_id = q.getColumn(1).getString();
    r.as_of = date_of(q.getColumn(2));
    r.enterprise = q.getColumn(3).getString();
    r.currency = q.getColumn(4).getString();
    r.status = q.getColumn(5).getString();
    r.position = q.getColumn(6).getString();
    r.audit_seq = static_cast<std::uint64_t>(q.getColumn(7).getInt64());
    return r;
  }

  Result<std::optional<PartnerLoanRow>> one(const std::string& sql, std::string_view issuer,
                                            std::string_view loan_id,
                                            const std::optional<std::string>& as_of) {
    using R = Result<std::optional<PartnerLoanRow>>;
    return guarded<R>([&]() -> R {
      auto& s = sql_.get(sql.c_str());
      s.bind(1, std::string(issuer));
      s.bind(2, std::string(loan_id));
      if (as_of) s.bind(3, *as_of);
      if (!s.executeStep()) return std::optional<PartnerLoanRow>();
      auto row = from_row(s);
      s.reset();  // ends the read, so that this connection sees later commits
      return std::optional<PartnerLoanRow>(std::move(row));
    });
  }

  StatementCache& sql_;
};

}  // namespace

PartnerLoanStore& SqliteStore::partner_loans() {
  if (!partner_loans_) partner_loans_ = std::make_unique<SqlitePartnerLoanStore>(sql_);
  return *partner_loans_;
}

}  // namespace detail
}  // namespace semilla::store
