// SPDX-License-Identifier: Apache-2.0
#include "ledger/reports/figures.h"

#include <algorithm>

#include "ledger/base/lang.h"

namespace semilla::reports::internal {
namespace {

Error out_of_range() {
  return make_error(ErrorCode::kLimitExceeded, "",
                    tr("a statement total leaves the range the book can count (about 9.2e18 "
                       "minor units)"));
}

Status checked_add(std::int64_t& total, std::int64_t minor) {
  if (__builtin_add_overflow(total, minor, &total)) return out_of_range();
  return Status::Ok();
}

std::size_t rank(const std::string& kind) {
  const auto& kinds = figure_kinds();
  return static_cast<std::size_t>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
}

}  // namespace

const std::vector<std::string>& figure_kinds() {
  static const std::vector<std::string> kinds{
      "accounts.balance",        "grants.awarded",        "grants.disbursed",
      "grants.returned",         "grants.released",       "loans.disbursed",
      "loans.principal-repaid",  "loans.interest-paid",   "loans.fees-paid",
      "loans.penalties-paid",    "loans.written-off",     "loans.recovered",
      "loans.outstanding",       "loans.overdue"};
  return kinds;
}

const std::vector<std::string>& grant_statuses() {
  static const std::vector<std::string> statuses{"awarded", "partly-paid", "paid",
                                                 "cancelled"};
  return statuses;
}

Figure& Figures::at(const std::string& kind, const std::string& currency) {
  for (auto& f : list_) {
    if (f.kind == kind && f.currency == currency) return f;
  }
  list_.push_back(Figure{kind, currency, 0, 0, 0});
  return list_.back();
}

Status Figures::add_flow(const std::string& kind, const std::string& currency, Date day,
                         std::int64_t minor, const Period& period) {
  if (day > period.to) return Status::Ok();
  Figure& f = at(kind, currency);
  SEMILLA_TRY(checked_add(day < period.from ? f.opening_minor : f.period_minor, minor));
  return checked_add(f.closing_minor, minor);
}

Status Figures::add_stock(const std::string& kind, const std::string& currency,
                          std::int64_t opening_minor, std::int64_t closing_minor) {
  Figure& f = at(kind, currency);
  SEMILLA_TRY(checked_add(f.opening_minor, opening_minor));
  SEMILLA_TRY(checked_add(f.closing_minor, closing_minor));
  if (__builtin_sub_overflow(f.closing_minor, f.opening_minor, &f.period_minor)) {
    return out_of_range();
  }
  return Status::Ok();
}

Status Figures::add_all(const std::vector<Figure>& other) {
  for (const auto& o : other) {
    Figure& f = at(o.kind, o.currency);
    SEMILLA_TRY(checked_add(f.opening_minor, o.opening_minor));
    SEMILLA_TRY(checked_add(f.period_minor, o.period_minor));
    SEMILLA_TRY(checked_add(f.closing_minor, o.closing_minor));
  }
  return Status::Ok();
}

std::vector<Figure> Figures::sorted() const {
  std::vector<Figure> out = list_;
  std::stable_sort(out.begin(), out.end(), [](const Figure& a, const Figure& b) {
    const auto ra = rank(a.kind), rb = rank(b.kind);
    return ra != rb ? ra < rb : a.currency < b.currency;
  });
  return out;
}

}  // namespace semilla::reports::internal
