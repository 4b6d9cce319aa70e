// SPDX-License-Identifier: Apache-2.0
// The grants and loans of an enterprise's statement: their events folded into figures.
#include <algorithm>
#include <map>

#include "ledger/loans/loan_book.h"
#include "ledger/reports/figures.h"

namespace semilla::reports::internal {

std::string grant_status_name(const grants::GrantStatus& s) {
  if (s.cancelled) return "cancelled";
  std::size_t paid = 0;
  for (bool p : s.paid) paid += p ? 1 : 0;
  if (paid == 0) return "awarded";
  return paid == s.paid.size() ? "paid" : "partly-paid";
}

namespace {

const std::map<std::string, std::string>& grant_event_kinds() {
  static const std::map<std::string, std::string> kinds{{"award", "grants.awarded"},
                                                        {"disburse", "grants.disbursed"},
                                                        {"return", "grants.returned"},
                                                        {"cancel", "grants.released"}};
  return kinds;
}

Result<StatementGrant> statement_grant(store::GrantStore& store, store::GrantRow g,
                                       const Period& period) {
  auto events = store.grant_events(g.id);
  if (!events.ok()) return events.error();
  StatementGrant out{g.id, g.fund, g.currency, "", {}};
  Figures figures;
  std::vector<store::GrantEventRow> by_to;
  for (auto& e : *events) {
    if (e.day > period.to) continue;
    auto kind = grant_event_kinds().find(e.type);
    if (kind != grant_event_kinds().end()) {
      SEMILLA_TRY(figures.add_flow(kind->second, g.currency, e.day, e.amount_minor, period));
    }
    by_to.push_back(std::move(e));
  }
  out.status = grant_status_name(grants::fold_status(std::move(g), std::move(by_to)));
  out.figures = figures.sorted();
  return out;
}

}  // namespace

Result<std::vector<StatementGrant>> statement_grants(book::Book& book,
                                                     const std::string& enterprise,
                                                     const Period& period) {
  auto& store = book.store().grants();
  auto all = store.list_grants();
  if (!all.ok()) return all.error();
  std::vector<StatementGrant> out;
  for (auto& g : *all) {
    if (g.enterprise != enterprise || g.day > period.to) continue;
    auto one = statement_grant(store, std::move(g), period);
    if (!one.ok()) return one.error();
    out.push_back(std::move(*one));
  }
  return out;
}

Result<LoanStock> loan_stock(loans::LoanBook& loans, const std::string& id, Date day) {
  auto s = loans.status(id, day.to_string());
  if (!s.ok()) return s.error();
  LoanStock out;
  out.status = s->status;
  if (!s->arrears || s->status == "written-off") return out;
  auto outstanding = s->arrears->outstanding_principal.minor_int64();
  auto overdue = s->arrears->overdue.sum().minor_int64();
  if (!outstanding.ok()) return outstanding.error();
  if (!overdue.ok()) return overdue.error();
  out.outstanding_minor = *outstanding;
  out.overdue_minor = *overdue;
  out.days_past_due = s->arrears->days_past_due;
  return out;
}

namespace {

const std::map<std::string, std::string>& loan_flow_kinds() {
  static const std::map<std::string, std::string> kinds{
      {"loan.disburse", "loans.disbursed"}, {"loan.write-off", "loans.written-off"},
      {"loan.recover", "loans.recovered"},  {"principal", "loans.principal-repaid"},
      {"interest", "loans.interest-paid"},  {"fee", "loans.fees-paid"},
      {"penalty", "loans.penalties-paid"}};
  return kinds;
}

// Disbursements, write-offs and recoveries by their amounts; repayments and their reversals
// by the components their allocations name.
Status add_loan_flows(store::LoanStore& store, const store::LoanRow& row, const Period& period,
                      Figures& figures) {
  auto events = store.events(row.id);
  if (!events.ok()) return events.error();
  const auto& kinds = loan_flow_kinds();
  for (const auto& e : *events) {
    if (e.day > period.to) continue;
    if (auto k = kinds.find(e.kind); k != kinds.end()) {
      SEMILLA_TRY(figures.add_flow(k->second, row.currency, e.day, e.amount_minor, period));
      continue;
    }
    auto pieces = store.allocations(e.seq);
    if (!pieces.ok()) return pieces.error();
    for (const auto& a : *pieces) {
      if (auto k = kinds.find(a.component); k != kinds.end()) {
        SEMILLA_TRY(figures.add_flow(k->second, row.currency, e.day, a.amount_minor, period));
      }
    }
  }
  return Status::Ok();
}

Result<StatementLoan> statement_loan(book::Book& book, const store::LoanRow& row,
                                     const Period& period) {
  loans::LoanBook loans(book);
  Figures figures;
  SEMILLA_TRY(add_loan_flows(book.store().loans(), row, period, figures));
  LoanStock opening;
  if (period.has_opening) {
    auto o = loan_stock(loans, row.id, std::min(period.from.add_days(-1), period.stocks_at));
    if (!o.ok()) return o.error();
    opening = *o;
  }
  auto closing = loan_stock(loans, row.id, period.stocks_at);
  if (!closing.ok()) return closing.error();
  SEMILLA_TRY(figures.add_stock("loans.outstanding", row.currency, opening.outstanding_minor,
                                closing->outstanding_minor));
  SEMILLA_TRY(figures.add_stock("loans.overdue", row.currency, opening.overdue_minor,
                                closing->overdue_minor));
  return StatementLoan{row.id, row.product, row.currency, closing->status,
                       closing->days_past_due, figures.sorted()};
}

}  // namespace

Result<std::vector<StatementLoan>> statement_loans(book::Book& book,
                                                   const std::string& enterprise,
                                                   const Period& period) {
  auto rows = book.store().loans().loans_of(enterprise);
  if (!rows.ok()) return rows.error();
  std::vector<StatementLoan> out;
  for (const auto& row : *rows) {
    const bool opened = row.expected_on <= period.to ||
                        (row.disbursed_on && *row.disbursed_on <= period.to);
    if (!opened) continue;
    auto one = statement_loan(book, row, period);
    if (!one.ok()) return one.error();
    out.push_back(std::move(*one));
  }
  return out;
}

}  // namespace semilla::reports::internal
