// SPDX-License-Identifier: Apache-2.0
#include "ledger/reports/enterprise_statement.h"

#include <algorithm>

#include "ledger/book/draft_checks.h"
#include "ledger/reports/figures.h"
#include "ledger/reports/reports_internal.h"

namespace semilla::reports {
namespace {

using internal::Figures;
using internal::Period;

// Checks every input at once; the period when all are sound.
Result<Period, Errors> statement_period(book::Book& book, const std::string& enterprise,
                                        const std::string& from, const std::string& to) {
  // The same checks as a statement request's (statement export): one rule for both.
  Errors errors = book::statement_period_problems(book.store(), enterprise, from, to);
  if (!errors.empty()) return errors;
  auto from_date = internal::optional_date(from, "--from", errors);
  auto to_date = internal::optional_date(to, "--to", errors);
  Period p;
  auto today = book.today();
  if (internal::read_ok(today, errors) && !to_date) to_date = *today;
  internal::check_period(from_date, to_date, errors);
  if (!errors.empty()) return errors;
  p.to = *to_date;
  p.stocks_at = std::min(p.to, *today);
  if (from_date && *from_date > Date::min()) {
    p.from = *from_date;
    p.has_opening = true;
  }
  return p;
}

Status add_account_figures(const book::Statement& st, Figures& figures) {
  std::vector<std::string> currencies;
  for (const auto* list : {&st.opening, &st.closing}) {
    for (const auto& a : *list) currencies.emplace_back(a.currency().code());
  }
  std::sort(currencies.begin(), currencies.end());
  currencies.erase(std::unique(currencies.begin(), currencies.end()), currencies.end());
  auto minor_in = [](const std::vector<money::Amount>& list, const std::string& code)
      -> Result<std::int64_t> {
    for (const auto& a : list) {
      if (a.currency().code() == code) return a.minor_int64();
    }
    return std::int64_t{0};
  };
  for (const auto& code : currencies) {
    auto opening = minor_in(st.opening, code);
    auto closing = minor_in(st.closing, code);
    if (!opening.ok()) return opening.error();
    if (!closing.ok()) return closing.error();
    SEMILLA_TRY(figures.add_stock("accounts.balance", code, *opening, *closing));
  }
  return Status::Ok();
}

Status add_tagged(store::Store& store, const std::string& enterprise, const Period& p,
                  EnterpriseStatement& out) {
  store::PostingFilter f;
  f.enterprise = enterprise;
  f.from = p.from;
  f.to = p.to;
  auto lines = store.find_postings(f);
  if (!lines.ok()) return lines.error();
  out.tagged.assign(lines->rbegin(), lines->rend());
  return Status::Ok();
}

Status fill(book::Book& book, const std::string& enterprise, const Period& p,
            EnterpriseStatement& out) {
  auto accounts = book.statement(enterprise, p.has_opening ? p.from.to_string() : "",
                                 p.to.to_string());
  if (!accounts.ok()) return accounts.error();
  out.accounts = std::move(*accounts);
  auto name = book.store().enterprise_name(enterprise);
  if (!name.ok()) return name.error();
  out.name = *name;
  auto grants = internal::statement_grants(book, enterprise, p);
  if (!grants.ok()) return grants.error();
  out.grants = std::move(*grants);
  auto loans = internal::statement_loans(book, enterprise, p);
  if (!loans.ok()) return loans.error();
  out.loans = std::move(*loans);
  SEMILLA_TRY(add_tagged(book.store(), enterprise, p, out));
  Figures summary;
  SEMILLA_TRY(add_account_figures(out.accounts, summary));
  for (const auto& g : out.grants) SEMILLA_TRY(summary.add_all(g.figures));
  for (const auto& l : out.loans) SEMILLA_TRY(summary.add_all(l.figures));
  out.summary = summary.sorted();
  return Status::Ok();
}

}  // namespace

Result<EnterpriseStatement, Errors> enterprise_statement(book::Book& book,
                                                         const std::string& enterprise,
                                                         const std::string& from,
                                                         const std::string& to) {
  auto period = statement_period(book, enterprise, from, to);
  if (!period.ok()) return period.error();
  EnterpriseStatement out;
  if (auto s = fill(book, enterprise, *period, out); !s.ok()) return Errors{s.error()};
  return out;
}

}  // namespace semilla::reports
