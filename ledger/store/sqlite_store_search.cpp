// SPDX-License-Identifier: Apache-2.0
// SqliteStore: the register (postings found by account, enterprise, dates, ref, memo, kind)
// and the module operation behind a transaction.
#include <map>

#include "ledger/store/sqlite_store_internal.h"

namespace semilla::store::detail {
namespace {

// The grant module's operations that posted a transaction, by transaction. The loans' come
// from loan_events, joined by its unique transaction_id; these tables have no such index and
// are small (one row per fund receipt, spending or grant event).
constexpr const char* kGrantOrigins =
    "SELECT transaction_id, 'grant.' || type, audit_seq FROM grant_events "
    "WHERE transaction_id <> 0 "
    "UNION ALL SELECT transaction_id, 'fund.receive', audit_seq FROM grant_fund_receipts "
    "UNION ALL SELECT transaction_id, 'fund.spend', audit_seq FROM grant_fund_spending";

using Origins = std::map<std::int64_t, TransactionOrigin>;

Origins grant_origins(SQLite::Database& db) {
  Origins out;
  SQLite::Statement s(db, kGrantOrigins);
  while (s.executeStep()) {
    out[s.getColumn(0).getInt64()] = TransactionOrigin{
        s.getColumn(1).getString(), static_cast<std::uint64_t>(s.getColumn(2).getInt64())};
  }
  return out;
}

// "loan" matches "loan.repay"; "loan.repay" matches itself only.
bool kind_matches(const std::string& kind, const std::string& wanted) {
  if (wanted.empty() || kind == wanted) return true;
  return kind.size() > wanted.size() && kind.compare(0, wanted.size(), wanted) == 0 &&
         kind[wanted.size()] == '.';
}

constexpr const char* kFindPostings =
    "SELECT p.transaction_id, p.idx, p.day, t.memo, t.ref, t.enterprise, t.reverses, "
    "le.kind, a.name, p.amount_minor, p.currency "
    "FROM postings p JOIN transactions t ON t.id = p.transaction_id "
    "JOIN accounts a ON a.id = p.account_id "
    "LEFT JOIN loan_events le ON le.transaction_id = p.transaction_id "
    "WHERE (?1 = '' OR a.name = ?1 OR (a.name >= ?1 || ':' AND a.name < ?1 || ';')) "
    "AND (?2 = '' OR t.enterprise = ?2 OR a.enterprise = ?2) "
    "AND p.day >= ?3 AND p.day <= ?4 "
    "AND (?5 = '' OR instr(lower(COALESCE(t.ref, '')), lower(?5)) > 0) "
    "AND (?6 = '' OR instr(lower(t.memo), lower(?6)) > 0) "
    "ORDER BY p.day DESC, p.transaction_id DESC, p.idx DESC";

RegisterLine register_line(SQLite::Statement& s, const Origins& origins) {
  RegisterLine line;
  line.transaction_id = s.getColumn(0).getInt64();
  line.idx = s.getColumn(1).getInt();
  line.date = date_of(s.getColumn(2));
  line.memo = s.getColumn(3).getString();
  line.ref = opt_text(s.getColumn(4));
  line.enterprise = opt_text(s.getColumn(5));
  if (!s.getColumn(7).isNull()) {
    line.kind = s.getColumn(7).getString();
  } else if (auto it = origins.find(line.transaction_id); it != origins.end()) {
    line.kind = it->second.kind;
  } else {
    line.kind = s.getColumn(6).isNull() ? "post" : "reversal";
  }
  line.account = s.getColumn(8).getString();
  line.amount = money::Amount::from_minor(s.getColumn(9).getInt64(),
                                          currency_of(s.getColumn(10).getString()));
  return line;
}

}  // namespace

Result<std::vector<RegisterLine>> SqliteStore::find_postings(const PostingFilter& f) {
  return guarded<Result<std::vector<RegisterLine>>>(
      [&]() -> Result<std::vector<RegisterLine>> {
        const Origins origins = grant_origins(db_);
        auto& s = stmt(kFindPostings);
        s.bind(1, f.account_prefix);
        s.bind(2, f.enterprise);
        s.bind(3, f.from ? f.from->to_string() : std::string("0000-01-01"));
        s.bind(4, f.to ? f.to->to_string() : std::string("9999-12-31"));
        s.bind(5, f.ref_contains);
        s.bind(6, f.memo_contains);
        std::vector<RegisterLine> out;
        // Past the limit, the rest of the last transaction's postings: none is cut in two.
        auto full = [&] {
          return f.limit != 0 && static_cast<std::int64_t>(out.size()) >= f.limit;
        };
        while (s.executeStep()) {
          RegisterLine line = register_line(s, origins);
          if (full() && line.transaction_id != out.back().transaction_id) break;
          if (kind_matches(line.kind, f.kind)) out.push_back(std::move(line));
        }
        s.reset();
        return out;
      });
}

Result<std::optional<TransactionOrigin>> SqliteStore::transaction_origin(std::int64_t id) {
  return guarded<Result<std::optional<TransactionOrigin>>>(
      [&]() -> Result<std::optional<TransactionOrigin>> {
        auto& s = stmt_rebound(
            "SELECT kind, seq FROM loan_events WHERE transaction_id = ?1 "
            "UNION ALL SELECT 'grant.' || type, audit_seq FROM grant_events "
            "WHERE transaction_id = ?1 "
            "UNION ALL SELECT 'fund.receive', audit_seq FROM grant_fund_receipts "
            "WHERE transaction_id = ?1 "
            "UNION ALL SELECT 'fund.spend', audit_seq FROM grant_fund_spending "
            "WHERE transaction_id = ?1");
        s.bind(1, id);
        if (!s.executeStep()) return std::optional<TransactionOrigin>();
        TransactionOrigin o{s.getColumn(0).getString(),
                            static_cast<std::uint64_t>(s.getColumn(1).getInt64())};
        s.reset();
        return std::optional<TransactionOrigin>(std::move(o));
      });
}

}  // namespace semilla::store::detail
