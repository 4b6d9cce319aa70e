// SPDX-License-Identifier: Apache-2.0
// SqliteStore: transactions, postings and the balance table derived from them.
#include "ledger/money/balance.h"
#include "ledger/base/lang.h"
#include "ledger/store/sqlite_store_internal.h"

namespace semilla::store::detail {
namespace {

// Balances "as of" no date: later than any date the book accepts.
constexpr const char* kEndOfTime = "9999-12-31";

}  // namespace

namespace {

// Binds without copying: every text bound here outlives the statement's step.
void bind_text(SQLite::Statement& s, int i, const std::string& v) { s.bindNoCopy(i, v); }
void bind_text(SQLite::Statement& s, int i, const std::optional<std::string>& v) {
  if (v) {
    s.bindNoCopy(i, *v);
  } else {
    s.bind(i);
  }
}

}  // namespace

Status SqliteStore::insert_transaction(const Transaction& t) {
  return guarded<Status>([&]() -> Status {
    auto& s = stmt_rebound("INSERT INTO transactions(id, day, recorded_at, memo, ref, "
                           "enterprise, reverses, reason, audit_seq) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const std::string day = t.date.to_string();
    s.bind(1, t.id);
    bind_text(s, 2, day);
    bind_text(s, 3, t.recorded_at);
    bind_text(s, 4, t.memo);
    bind_text(s, 5, t.ref);
    bind_text(s, 6, t.enterprise);
    if (t.reverses) {
      s.bind(7, *t.reverses);
    } else {
      s.bind(7);
    }
    bind_text(s, 8, t.reason);
    s.bind(9, static_cast<std::int64_t>(t.audit_seq));
    s.exec();
    int idx = 0;
    for (const auto& p : t.postings) {
      auto minor = p.amount.minor_int64();
      if (!minor.ok()) return minor.error();
      const std::string currency(p.amount.currency().code());
      auto& ps = stmt_rebound("INSERT INTO postings(transaction_id, idx, account_id, day, "
                              "amount_minor, currency) VALUES (?, ?, ?, ?, ?, ?)");
      ps.bind(1, t.id);
      ps.bind(2, idx++);
      ps.bind(3, p.account_id);
      bind_text(ps, 4, day);
      ps.bind(5, *minor);
      bind_text(ps, 6, currency);
      ps.exec();
      SEMILLA_TRY(add_to_balance(p.account_id, currency, day, *minor));
    }
    return Status::Ok();
  });
}

void SqliteStore::forget_tails_if_changed_elsewhere() {
  auto& s = stmt("PRAGMA data_version");
  const std::int64_t version = s.executeStep() ? s.getColumn(0).getInt64() : -1;
  if (version != data_version_) {
    tails_.clear();
    dirty_tails_ = 0;
  }
  data_version_ = version;
}

namespace {

Error balance_out_of_range() {
  return make_error(ErrorCode::kLimitExceeded, "",
                    tr("a balance would leave the range the book can store (about 9.2e18 minor "
                       "units)"));
}

}  // namespace

// Keeps balance_days in step: the day's delta and closing grow by the amount, and so does the
// closing of every later day. The common case, a posting on or after the series' newest day,
// only changes the series' tail here (written by flush_tail); a backdated posting needs the
// general statements.
Status SqliteStore::add_to_balance(std::int64_t account_id, const std::string& currency,
                                   const std::string& day, std::int64_t amount_minor) {
  auto key = std::make_pair(account_id, currency);
  auto it = tails_.find(key);
  if (it == tails_.end()) {
    auto& newest = stmt("SELECT day, delta_minor, closing_minor FROM balance_days "
                        "WHERE account_id = ? AND currency = ? ORDER BY day DESC LIMIT 1");
    newest.bind(1, account_id);
    newest.bind(2, currency);
    SeriesTail tail;
    if (newest.executeStep()) {
      tail = SeriesTail{newest.getColumn(0).getString(), newest.getColumn(1).getInt64(),
                        newest.getColumn(2).getInt64(), true, false};
    } else {
      auto& known = stmt("INSERT INTO account_currencies(account_id, currency) VALUES (?, ?)");
      known.bind(1, account_id);
      known.bind(2, currency);
      known.exec();
    }
    newest.reset();
    it = tails_.emplace(key, std::move(tail)).first;
  }
  SeriesTail& tail = it->second;
  std::int64_t closing = 0;
  if (__builtin_add_overflow(tail.closing_minor, amount_minor, &closing)) {
    return balance_out_of_range();
  }
  if (day < tail.day) {
    SEMILLA_TRY(flush_tail(it->first, tail));
    return add_backdated(account_id, currency, day, amount_minor);
  }
  std::int64_t delta = amount_minor;
  if (day == tail.day && __builtin_add_overflow(tail.delta_minor, amount_minor, &delta)) {
    return balance_out_of_range();  // as the table's CHECK would refuse the day's change
  }
  if (day != tail.day) {
    SEMILLA_TRY(flush_tail(it->first, tail));
    tail.day = day;
    tail.stored = false;
  }
  tail.delta_minor = delta;
  tail.closing_minor = closing;
  if (!tail.dirty) ++dirty_tails_;
  tail.dirty = true;
  return Status::Ok();
}

Status SqliteStore::flush_tail(const SeriesKey& key, SeriesTail& tail) {
  if (!tail.dirty) return Status::Ok();
  return guarded<Status>([&]() -> Status {
    auto& s = tail.stored
                  ? stmt_rebound("UPDATE balance_days SET delta_minor = ?4, closing_minor = ?5 "
                                 "WHERE account_id = ?1 AND currency = ?2 AND day = ?3")
                  : stmt_rebound("INSERT INTO balance_days(account_id, currency, day, "
                                 "delta_minor, closing_minor) VALUES (?1, ?2, ?3, ?4, ?5)");
    s.bind(1, key.first);
    s.bindNoCopy(2, key.second);
    s.bindNoCopy(3, tail.day);
    s.bind(4, tail.delta_minor);
    s.bind(5, tail.closing_minor);
    s.exec();
    tail.stored = true;
    tail.dirty = false;
    --dirty_tails_;
    return Status::Ok();
  });
}

// Writes every series' pending tail row. Called before anything reads balance_days and
// before COMMIT, so that readers and the committed book see exactly what the postings say.
Status SqliteStore::flush_balances() {
  if (dirty_tails_ == 0) return Status::Ok();
  for (auto& [key, tail] : tails_) SEMILLA_TRY(flush_tail(key, tail));
  return Status::Ok();
}

// A posting dated before the series' newest day: upsert its day (closing from the day before)
// and move every later closing. The newest day's closing moves by the amount too.
Status SqliteStore::add_backdated(std::int64_t account_id, const std::string& currency,
                                  const std::string& day, std::int64_t amount_minor) {
  auto& upsert = stmt(
      "INSERT INTO balance_days(account_id, currency, day, delta_minor, closing_minor) "
      "VALUES (?1, ?2, ?3, ?4, ?4 + COALESCE((SELECT closing_minor FROM balance_days "
      "  WHERE account_id = ?1 AND currency = ?2 AND day < ?3 ORDER BY day DESC LIMIT 1), 0)) "
      "ON CONFLICT(account_id, currency, day) DO UPDATE SET "
      "delta_minor = delta_minor + excluded.delta_minor, "
      "closing_minor = closing_minor + excluded.delta_minor");
  upsert.bind(1, account_id);
  upsert.bind(2, currency);
  upsert.bind(3, day);
  upsert.bind(4, amount_minor);
  upsert.exec();
  auto& later = stmt("UPDATE balance_days SET closing_minor = closing_minor + ?4 "
                     "WHERE account_id = ?1 AND currency = ?2 AND day > ?3");
  later.bind(1, account_id);
  later.bind(2, currency);
  later.bind(3, day);
  later.bind(4, amount_minor);
  later.exec();
  tails_.at(std::make_pair(account_id, currency)).closing_minor += amount_minor;
  return Status::Ok();
}

Result<std::int64_t> SqliteStore::last_transaction_id() {
  return guarded<Result<std::int64_t>>([&]() -> Result<std::int64_t> {
    auto& s = stmt("SELECT COALESCE(MAX(id), 0) FROM transactions");
    s.executeStep();
    return s.getColumn(0).getInt64();
  });
}

Status SqliteStore::load_postings(Transaction& t) {
  auto& s = stmt("SELECT p.account_id, a.name, p.amount_minor, p.currency FROM postings p "
                 "JOIN accounts a ON a.id = p.account_id WHERE p.transaction_id = ? "
                 "ORDER BY p.idx");
  s.bind(1, t.id);
  while (s.executeStep()) {
    t.postings.push_back(book::Posting{
        s.getColumn(0).getInt64(), s.getColumn(1).getString(),
        money::Amount::from_minor(s.getColumn(2).getInt64(),
                                  currency_of(s.getColumn(3).getString()))});
  }
  return Status::Ok();
}

Result<std::optional<Transaction>> SqliteStore::find_transaction_where(
    const char* sql, const std::function<void(SQLite::Statement&)>& bind) {
  return guarded<Result<std::optional<Transaction>>>(
      [&]() -> Result<std::optional<Transaction>> {
        auto& s = stmt(sql);
        bind(s);
        if (!s.executeStep()) return std::optional<Transaction>();
        Transaction t = transaction_from_row(s);
        SEMILLA_TRY(load_postings(t));
        return std::optional<Transaction>(std::move(t));
      });
}

Result<std::optional<Transaction>> SqliteStore::find_transaction(std::int64_t id) {
  return find_transaction_where(
      "SELECT id, day, recorded_at, memo, ref, enterprise, reverses, reason, audit_seq "
      "FROM transactions WHERE id = ?",
      [id](SQLite::Statement& s) { s.bind(1, id); });
}

Result<std::optional<Transaction>> SqliteStore::find_transaction_by_ref(std::string_view ref) {
  return find_transaction_where(
      "SELECT id, day, recorded_at, memo, ref, enterprise, reverses, reason, audit_seq "
      "FROM transactions WHERE ref = ?",
      [ref](SQLite::Statement& s) { s.bind(1, std::string(ref)); });
}

Result<std::vector<Transaction>> SqliteStore::find_same_day(Date day, std::string_view memo) {
  std::vector<std::int64_t> ids;
  auto found = guarded<Status>([&]() -> Status {
    auto& s = stmt("SELECT id FROM transactions WHERE day = ? AND memo = ? AND ref IS NULL "
                   "AND reverses IS NULL ORDER BY id");
    s.bind(1, day.to_string());
    s.bind(2, std::string(memo));
    while (s.executeStep()) ids.push_back(s.getColumn(0).getInt64());
    return Status::Ok();
  });
  if (!found.ok()) return found.error();
  std::vector<Transaction> out;
  for (std::int64_t id : ids) {
    auto t = find_transaction(id);
    if (!t.ok()) return t.error();
    if (t->has_value()) out.push_back(std::move(**t));
  }
  return out;
}

Result<std::optional<std::int64_t>> SqliteStore::find_reversal_of(std::int64_t id) {
  return guarded<Result<std::optional<std::int64_t>>>(
      [&]() -> Result<std::optional<std::int64_t>> {
        auto& s = stmt("SELECT id FROM transactions WHERE reverses = ?");
        s.bind(1, id);
        if (!s.executeStep()) return std::optional<std::int64_t>();
        return std::optional<std::int64_t>(s.getColumn(0).getInt64());
      });
}

Result<std::vector<AccountBalance>> SqliteStore::balances(std::string_view prefix,
                                                          std::optional<Date> as_of) {
  SEMILLA_TRY(flush_balances());
  return guarded<Result<std::vector<AccountBalance>>>(
      [&]() -> Result<std::vector<AccountBalance>> {
        // One index seek per (account, currency): independent of the journal's length.
        auto& s = stmt(
            "SELECT a.name, a.type, c.currency, (SELECT b.closing_minor FROM balance_days b "
            "  WHERE b.account_id = a.id AND b.currency = c.currency AND b.day <= ?2 "
            "  ORDER BY b.day DESC LIMIT 1) "
            "FROM accounts a JOIN account_currencies c ON c.account_id = a.id "
            "WHERE ?1 = '' OR a.name = ?1 OR (a.name >= ?1 || ':' AND a.name < ?1 || ';') "
            "ORDER BY a.name, c.currency");
        s.bind(1, std::string(prefix));
        s.bind(2, as_of ? as_of->to_string() : std::string(kEndOfTime));
        std::vector<AccountBalance> out;
        while (s.executeStep()) {
          if (s.getColumn(3).isNull() || s.getColumn(3).getInt64() == 0) continue;
          auto type = book::parse_account_type(s.getColumn(1).getString());
          expect_stored(type.ok(), "an account row holds an unknown account type");
          out.push_back(AccountBalance{
              s.getColumn(0).getString(), *type,
              money::Amount::from_minor(s.getColumn(3).getInt64(),
                                        currency_of(s.getColumn(2).getString()))});
        }
        return out;
      });
}

Result<std::vector<money::Amount>> SqliteStore::enterprise_balance(std::string_view enterprise,
                                                                   Date as_of) {
  SEMILLA_TRY(flush_balances());
  return guarded<Result<std::vector<money::Amount>>>(
      [&]() -> Result<std::vector<money::Amount>> {
        auto& s = stmt(
            "SELECT c.currency, (SELECT b.closing_minor FROM balance_days b "
            "  WHERE b.account_id = a.id AND b.currency = c.currency AND b.day <= ?2 "
            "  ORDER BY b.day DESC LIMIT 1) "
            "FROM accounts a JOIN account_currencies c ON c.account_id = a.id "
            "WHERE a.enterprise = ?1");
        s.bind(1, std::string(enterprise));
        s.bind(2, as_of.to_string());
        money::Balance total;
        while (s.executeStep()) {
          if (s.getColumn(1).isNull()) continue;
          SEMILLA_TRY(total.add(money::Amount::from_minor(
              s.getColumn(1).getInt64(), currency_of(s.getColumn(0).getString()))));
        }
        return total.amounts();
      });
}

Result<std::vector<StatementLine>> SqliteStore::statement_lines(std::string_view enterprise,
                                                                Date from, Date to) {
  return guarded<Result<std::vector<StatementLine>>>(
      [&]() -> Result<std::vector<StatementLine>> {
        auto& s = stmt(
            "SELECT p.transaction_id, p.day, t.memo, t.ref, a.name, p.amount_minor, "
            "p.currency FROM accounts a JOIN postings p ON p.account_id = a.id "
            "JOIN transactions t ON t.id = p.transaction_id "
            "WHERE a.enterprise = ?1 AND p.day >= ?2 AND p.day <= ?3 "
            "ORDER BY p.day, p.transaction_id, p.idx");
        s.bind(1, std::string(enterprise));
        s.bind(2, from.to_string());
        s.bind(3, to.to_string());
        std::vector<StatementLine> out;
        while (s.executeStep()) {
          out.push_back(StatementLine{
              s.getColumn(0).getInt64(), date_of(s.getColumn(1)), s.getColumn(2).getString(),
              opt_text(s.getColumn(3)), s.getColumn(4).getString(),
              money::Amount::from_minor(s.getColumn(5).getInt64(),
                                        currency_of(s.getColumn(6).getString()))});
        }
        return out;
      });
}

Status SqliteStore::for_each_transaction(const Visitor<Transaction>& visit) {
  return guarded<Status>([&]() -> Status {
    // Two ordered cursors merged: one pass over each table, whatever the journal's size.
    SQLite::Statement ts(db_, "SELECT id, day, recorded_at, memo, ref, enterprise, reverses, "
                              "reason, audit_seq FROM transactions ORDER BY id");
    SQLite::Statement ps(db_, "SELECT p.transaction_id, p.account_id, a.name, p.amount_minor, "
                              "p.currency FROM postings p JOIN accounts a ON "
                              "a.id = p.account_id ORDER BY p.transaction_id, p.idx");
    bool more_postings = ps.executeStep();
    while (ts.executeStep()) {
      Transaction t = transaction_from_row(ts);
      while (more_postings && ps.getColumn(0).getInt64() <= t.id) {
        if (ps.getColumn(0).getInt64() == t.id) {
          t.postings.push_back(book::Posting{
              ps.getColumn(1).getInt64(), ps.getColumn(2).getString(),
              money::Amount::from_minor(ps.getColumn(3).getInt64(),
                                        currency_of(ps.getColumn(4).getString()))});
        }
        more_postings = ps.executeStep();
      }
      SEMILLA_TRY(visit(t));
    }
    return Status::Ok();
  });
}

Status SqliteStore::for_each_balance_day(const Visitor<BalanceDay>& visit) {
  SEMILLA_TRY(flush_balances());
  return guarded<Status>([&]() -> Status {
    SQLite::Statement s(db_, "SELECT account_id, currency, day, delta_minor, closing_minor "
                             "FROM balance_days ORDER BY account_id, currency, day");
    while (s.executeStep()) {
      SEMILLA_TRY(visit(BalanceDay{s.getColumn(0).getInt64(), s.getColumn(1).getString(),
                                   date_of(s.getColumn(2)), s.getColumn(3).getInt64(),
                                   s.getColumn(4).getInt64()}));
    }
    return Status::Ok();
  });
}

}  // namespace semilla::store::detail
