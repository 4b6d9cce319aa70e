// SPDX-License-Identifier: Apache-2.0
// LoanBook: a loan's status, the statuses of an enterprise's loans, and the portfolio report,
// as of any date. All read what was paid by the end of that date from the allocation rows, so
// a past date shows the past.
#include <map>

#include "ledger/loans/loan_book.h"
#include "ledger/loans/loan_book_internal.h"

namespace semilla::loans {

namespace {

// The loan's status at the end of `as_of`, from its dates and what it still owes then.
std::string status_as_of(const store::LoanRow& row, const Components& owed, Date as_of) {
  if (row.status == "cancelled" && row.closed_on && *row.closed_on <= as_of) return "cancelled";
  if (!row.disbursed_on || *row.disbursed_on > as_of) return "open";
  if (row.written_off_on && *row.written_off_on <= as_of) return "written-off";
  return owed.sum().is_zero() ? "closed" : "active";
}

InstallmentStatus installment_status(const InstallmentState& i, Date as_of) {
  const Amount due = i.due.sum(), paid = i.paid.sum();
  if (paid == due) return InstallmentStatus::kPaid;
  if (i.due_date < as_of) return InstallmentStatus::kOverdue;
  return paid.is_zero() ? InstallmentStatus::kDue : InstallmentStatus::kPartial;
}

}  // namespace

std::string_view installment_status_name(InstallmentStatus s) {
  switch (s) {
    case InstallmentStatus::kPaid: return "paid";
    case InstallmentStatus::kPartial: return "partial";
    case InstallmentStatus::kDue: return "due";
    case InstallmentStatus::kOverdue: return "overdue";
  }
  SEMILLA_CHECK(false);
  return "";
}

namespace {

// `text` as the report date, today when empty.
Result<Date> as_of_date(book::Book& b, const std::string& text) {
  auto today = b.today();
  if (!today.ok()) return today.error();
  return internal::date_or_today(text, *today, "--as-of");
}

// The status of the loan `row` at the end of `as_of`: two indexed queries (what was paid on
// its instalments by then, and its events).
Result<LoanStatus> status_of(store::LoanStore& loans, const store::LoanRow& row, Date as_of) {
  auto terms = internal::terms_from_json(nlohmann::json::parse(row.terms_json));
  if (!terms.ok()) return terms.error();
  auto positions = loans.positions(row.id, as_of);
  if (!positions.ok()) return positions.error();
  const Currency cur = terms->currency;
  LoanStatus out;
  out.loan = Loan{row, *terms, internal::state_from_positions(*positions, cur)};
  out.as_of = as_of;
  out.outstanding = outstanding(out.loan.state, cur);
  out.status = status_as_of(out.loan.row, out.outstanding, as_of);
  for (const InstallmentState& i : out.loan.state) {
    out.installments.push_back(installment_status(i, as_of));
    if (!out.next_due && i.paid.sum() != i.due.sum()) out.next_due = i;
  }
  if (out.status != "open" && out.status != "cancelled") {
    out.arrears = loan_arrears(out.loan.state, cur, as_of);
  }
  auto events = loans.events(row.id);
  if (!events.ok()) return events.error();
  for (auto& e : *events) {
    if (e.day <= as_of) out.events.push_back(std::move(e));
  }
  return out;
}

// Opened by the end of `as_of`: its date at `loan open`, or its disbursement when earlier.
bool opened_by(const store::LoanRow& row, Date as_of) {
  return row.expected_on <= as_of || (row.disbursed_on && *row.disbursed_on <= as_of);
}

}  // namespace

Result<LoanStatus> LoanBook::status(const std::string& id, const std::string& as_of_text) {
  auto as_of = as_of_date(book_, as_of_text);
  if (!as_of.ok()) return as_of.error();
  auto& loans = book_.store().loans();
  auto row = loans.find_loan(id);
  if (!row.ok()) return row.error();
  if (!row->has_value()) {
    return make_error(ErrorCode::kNotFound, "LOAN-ID", "no loan \"" + id + "\"");
  }
  return status_of(loans, **row, *as_of);
}

Result<std::vector<LoanStatus>> LoanBook::statuses_of(const std::string& enterprise,
                                                      const std::string& as_of_text) {
  auto as_of = as_of_date(book_, as_of_text);
  if (!as_of.ok()) return as_of.error();
  auto found = book_.store().find_enterprise(enterprise);
  if (!found.ok()) return found.error();
  if (!found->has_value()) {
    return make_error(ErrorCode::kNotFound, "ENTERPRISE-ID",
                      "no enterprise \"" + enterprise + "\"");
  }
  auto& loans = book_.store().loans();
  auto rows = loans.loans_of(enterprise);
  if (!rows.ok()) return rows.error();
  std::vector<LoanStatus> out;
  for (const store::LoanRow& row : *rows) {
    if (!opened_by(row, *as_of)) continue;
    auto s = status_of(loans, row, *as_of);
    if (!s.ok()) return s.error();
    out.push_back(std::move(*s));
  }
  return out;
}

namespace {

// Arrears of the loans of one currency, grouped.
struct Groups {
  std::vector<LoanArrears> total;
  std::map<std::string, std::vector<LoanArrears>> by_product, by_cohort;
  std::size_t written_off_count = 0;
  money::MinorUnits written_off = 0, recovered = 0;
};

struct Collector {
  Date as_of;
  std::vector<std::pair<store::LoanRow, std::string>> loans;  // with cohort, in id order
  std::size_t next = 0;                                        // index into loans
  std::map<std::string, Groups> by_currency;

  // Adds the loan `loans[index]` with its instalment positions.
  void add(std::size_t index, const std::vector<store::LoanInstallmentPosition>& positions) {
    const auto& [row, cohort] = loans[index];
    if (!row.disbursed_on || *row.disbursed_on > as_of) return;
    if (row.status == "cancelled" && *row.closed_on <= as_of) return;  // disbursement undone
    Groups& g = by_currency[row.currency];
    if (row.written_off_on && *row.written_off_on <= as_of) {
      ++g.written_off_count;
      g.written_off += row.written_off_minor;
      g.recovered += row.recovered_minor;
      return;
    }
    const Currency cur = Currency::find(row.currency).value();
    LoanArrears a = loan_arrears(internal::state_from_positions(positions, cur), cur, as_of);
    g.total.push_back(a);
    g.by_product[row.product].push_back(a);
    g.by_cohort[cohort].push_back(std::move(a));
  }
};

Result<std::vector<PortfolioGroup>> groups_of(
    const std::map<std::string, std::vector<LoanArrears>>& groups, Currency cur) {
  std::vector<PortfolioGroup> out;
  for (const auto& [key, loans] : groups) {
    auto p = portfolio_arrears(loans, cur);
    if (!p.ok()) return p.error();
    out.push_back(PortfolioGroup{key, std::move(*p)});
  }
  return out;
}

Result<PortfolioCurrency> currency_report(const std::string& code, const Groups& g) {
  const Currency cur = Currency::find(code).value();
  auto total = portfolio_arrears(g.total, cur);
  if (!total.ok()) return total.error();
  auto by_product = groups_of(g.by_product, cur);
  if (!by_product.ok()) return by_product.error();
  auto by_cohort = groups_of(g.by_cohort, cur);
  if (!by_cohort.ok()) return by_cohort.error();
  return PortfolioCurrency{cur,
                           PortfolioGroup{"", std::move(*total)},
                           std::move(*by_product),
                           std::move(*by_cohort),
                           g.written_off_count,
                           Amount::from_minor(g.written_off, cur),
                           Amount::from_minor(g.recovered, cur)};
}

}  // namespace

Result<Portfolio> LoanBook::portfolio(const std::string& as_of_text) {
  auto as_of = as_of_date(book_, as_of_text);
  if (!as_of.ok()) return as_of.error();
  Collector c{*as_of, {}, 0, {}};
  auto& loans = book_.store().loans();
  SEMILLA_TRY(loans.for_each_loan([&](const store::LoanRow& row, const std::string& cohort) {
    c.loans.emplace_back(row, cohort);
    return Status::Ok();
  }));
  // Positions come in loan id order, as the loans do: one merge pass.
  std::vector<store::LoanInstallmentPosition> current;
  auto flush = [&] {
    while (!current.empty() && c.next < c.loans.size()) {
      const bool match = c.loans[c.next].first.id == current.front().due.loan_id;
      if (match) c.add(c.next, current);
      ++c.next;
      if (match) break;
    }
    current.clear();
  };
  SEMILLA_TRY(loans.for_each_position(*as_of, [&](const store::LoanInstallmentPosition& p) {
    if (!current.empty() && current.front().due.loan_id != p.due.loan_id) flush();
    current.push_back(p);
    return Status::Ok();
  }));
  flush();
  Portfolio out{*as_of, {}};
  for (const auto& [code, groups] : c.by_currency) {
    auto report = currency_report(code, groups);
    if (!report.ok()) return report.error();
    out.currencies.push_back(std::move(*report));
  }
  return out;
}

}  // namespace semilla::loans
