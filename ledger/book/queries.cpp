// SPDX-License-Identifier: Apache-2.0
// Book: reading balances, transactions and statements.
#include <map>

#include "ledger/base/limits.h"

#include "ledger/base/lang.h"
#include "ledger/book/book.h"
#include "ledger/money/balance.h"

namespace semilla::book {

Result<Transaction> Book::transaction(std::int64_t id) {
  auto t = store_->find_transaction(id);
  if (!t.ok()) return t.error();
  if (!t->has_value()) {
    return make_error(ErrorCode::kNotFound, "TXN-ID", "no transaction " + std::to_string(id));
  }
  return **t;
}

Result<std::vector<AccountBalance>> Book::balances(const std::string& prefix,
                                                   const std::string& as_of) {
  std::optional<Date> date;
  if (!as_of.empty()) {
    auto d = Date::parse(as_of, "--as-of");
    if (!d.ok()) return d.error();
    date = *d;
  }
  return store_->balances(prefix, date);
}

Result<Statement> Book::statement(const std::string& enterprise, const std::string& from,
                                  const std::string& to) {
  auto e = store_->find_enterprise(enterprise);
  if (!e.ok()) return e.error();
  if (!e->has_value()) {
    return make_error(ErrorCode::kNotFound, "ENTERPRISE-ID",
                      "no enterprise \"" + enterprise + "\"");
  }
  auto today_date = today();
  if (!today_date.ok()) return today_date.error();
  Date start = Date::from_ymd(limits::kYearMin, 1, 1);
  Date end = *today_date;
  if (!from.empty()) {
    auto d = Date::parse(from, "--from");
    if (!d.ok()) return d.error();
    start = *d;
  }
  if (!to.empty()) {
    auto d = Date::parse(to, "--to");
    if (!d.ok()) return d.error();
    end = *d;
  }
  if (end < start) {
    return make_error(ErrorCode::kInvalid, "--to", tr("the period ends before it starts"));
  }
  Statement st{**e, start, end, {}, {}, {}};
  // Without --from, or from the first date there is, nothing comes before the statement.
  if (!from.empty() && start > Date::min()) {
    auto opening = store_->enterprise_balance(enterprise, start.add_days(-1));
    if (!opening.ok()) return opening.error();
    st.opening = *opening;
  }
  auto lines = store_->statement_lines(enterprise, start, end);
  if (!lines.ok()) return lines.error();
  money::Balance running;
  for (const auto& a : st.opening) SEMILLA_TRY(running.add(a));
  for (auto& line : *lines) {
    SEMILLA_TRY(running.add(line.amount));
    st.entries.push_back(StatementEntry{line, running.get(line.amount.currency())});
  }
  st.closing = running.amounts();
  return st;
}

}  // namespace semilla::book
