// SPDX-License-Identifier: Apache-2.0
#include "ledger/reports/lists.h"

#include <algorithm>
#include <tuple>

#include "ledger/base/suggest.h"
#include "ledger/reports/figures.h"
#include "ledger/reports/reports_internal.h"

namespace semilla::reports {
namespace {

using internal::read_ok;

void check_choice(const std::string& value, const std::vector<std::string>& known,
                  const std::string& field, const std::string& what, Errors& errors) {
  if (value.empty() || std::find(known.begin(), known.end(), value) != known.end()) return;
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  std::string message = "\"" + value + "\" is not a " + what;
  const auto close = closest_names(value, known);
  message += close.empty() ? "; use one of " + list : did_you_mean(close);
  errors.push_back(make_error(ErrorCode::kInvalid, field, message));
}

void check_fund(store::GrantStore& store, const std::string& code, Errors& errors) {
  if (code.empty()) return;
  auto funds = store.list_funds();
  if (!read_ok(funds, errors)) return;
  std::vector<std::string> codes;
  for (const auto& f : *funds) codes.push_back(f.code);
  if (std::find(codes.begin(), codes.end(), code) != codes.end()) return;
  errors.push_back(make_error(ErrorCode::kNotFound, "--fund",
                              "no fund \"" + code + "\"" +
                                  did_you_mean(closest_names(code, codes))));
}

}  // namespace

Result<std::vector<GrantListRow>, Errors> list_grants(book::Book& book, const GrantFilter& f) {
  Errors errors;
  auto& store = book.store().grants();
  check_fund(store, f.fund, errors);
  internal::check_enterprise(book.store(), f.enterprise, "--enterprise", errors);
  check_choice(f.status, internal::grant_statuses(), "--status", "grant status", errors);
  if (!errors.empty()) return errors;
  auto all = store.list_grants();
  if (!all.ok()) return Errors{all.error()};
  std::vector<GrantListRow> out;
  for (auto& g : *all) {
    if ((!f.fund.empty() && g.fund != f.fund) ||
        (!f.enterprise.empty() && g.enterprise != f.enterprise)) {
      continue;
    }
    auto events = store.grant_events(g.id);
    if (!events.ok()) return Errors{events.error()};
    auto status = grants::fold_status(std::move(g), std::move(*events));
    std::string name = internal::grant_status_name(status);
    if (!f.status.empty() && name != f.status) continue;
    out.push_back(GrantListRow{std::move(status), std::move(name)});
  }
  return out;
}

Result<std::vector<store::MilestoneRow>, Errors> list_milestones(book::Book& book,
                                                                 const std::string& enterprise) {
  Errors errors;
  internal::check_enterprise(book.store(), enterprise, "--enterprise", errors);
  if (!errors.empty()) return errors;
  auto all = book.store().grants().list_milestones();
  if (!all.ok()) return Errors{all.error()};
  std::vector<store::MilestoneRow> out;
  for (auto& m : *all) {
    if (enterprise.empty() || m.enterprise == enterprise) out.push_back(std::move(m));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.enterprise, a.day, a.name) < std::tie(b.enterprise, b.day, b.name);
  });
  return out;
}

Result<std::vector<LoanListRow>, Errors> list_loans(book::Book& book, const LoanFilter& f) {
  static const std::vector<std::string> statuses{"open", "active", "closed", "written-off"};
  Errors errors;
  internal::check_enterprise(book.store(), f.enterprise, "--enterprise", errors);
  check_choice(f.status, statuses, "--status", "loan status", errors);
  auto today = book.today();
  std::optional<Date> as_of = internal::optional_date(f.as_of, "--as-of", errors);
  if (!as_of && read_ok(today, errors)) as_of = *today;
  if (!errors.empty()) return errors;
  std::vector<store::LoanRow> rows;
  auto visit = [&](const store::LoanRow& row, const std::string&) {
    if (f.enterprise.empty() || row.enterprise == f.enterprise) rows.push_back(row);
    return Status::Ok();
  };
  if (auto s = book.store().loans().for_each_loan(visit); !s.ok()) return Errors{s.error()};
  loans::LoanBook loans(book);
  std::vector<LoanListRow> out;
  for (auto& row : rows) {
    auto stock = internal::loan_stock(loans, row.id, *as_of);
    if (!stock.ok()) return Errors{stock.error()};
    if (!f.status.empty() && stock->status != f.status) continue;
    out.push_back(LoanListRow{std::move(row), stock->status, stock->outstanding_minor,
                              stock->overdue_minor, stock->days_past_due});
  }
  return out;
}

}  // namespace semilla::reports

namespace semilla::reports {

Result<std::vector<LoanListRow>, Errors> loans_at_risk(book::Book& book,
                                                       const std::string& as_of) {
  auto all = list_loans(book, LoanFilter{"active", "", as_of});
  if (!all.ok()) return all.error();
  std::vector<LoanListRow> out;
  for (auto& r : *all) {
    if (r.days_past_due > 0) out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const LoanListRow& a, const LoanListRow& b) {
    return a.days_past_due > b.days_past_due;
  });
  return out;
}

}  // namespace semilla::reports
