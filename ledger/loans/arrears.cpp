// SPDX-License-Identifier: Apache-2.0
#include "ledger/loans/arrears.h"

#include <string>

#include "ledger/base/check.h"
#include "ledger/loans/decimal_internal.h"

namespace semilla::loans {

using money::MinorUnits;

namespace {

void add_to(Amount& target, const MinorUnits& minor) {
  target = Amount::from_minor(target.minor() + minor, target.currency());
}

std::array<BucketLine, kAgingBucketsCount> empty_buckets(const Amount& zero) {
  return {{{AgingBucket::kCurrent, 0, zero},
           {AgingBucket::k1To30, 0, zero},
           {AgingBucket::k31To60, 0, zero},
           {AgingBucket::k61To90, 0, zero},
           {AgingBucket::k91To180, 0, zero},
           {AgingBucket::kOver180, 0, zero}}};
}

}  // namespace

LoanArrears loan_arrears(const std::vector<InstallmentState>& state, Currency currency,
                         Date as_of) {
  LoanArrears out{0, std::nullopt, Components::zero(currency), Amount::zero(currency)};
  for (const InstallmentState& line : state) {
    bool unpaid = false;
    for (Component c : kAllComponents) {
      const MinorUnits owed = line.due.get(c).minor() - line.paid.get(c).minor();
      if (owed <= 0) continue;
      unpaid = true;
      if (line.due_date < as_of) add_to(out.overdue.get(c), owed);
      if (c == Component::kPrincipal) add_to(out.outstanding_principal, owed);
    }
    if (unpaid && line.due_date < as_of &&
        (!out.oldest_unpaid_due_date || line.due_date < *out.oldest_unpaid_due_date)) {
      out.oldest_unpaid_due_date = line.due_date;
    }
  }
  if (out.oldest_unpaid_due_date) {
    out.days_past_due = days_between(*out.oldest_unpaid_due_date, as_of);
  }
  return out;
}

std::string_view aging_bucket_name(AgingBucket bucket) {
  switch (bucket) {
    case AgingBucket::kCurrent: return "current";
    case AgingBucket::k1To30: return "1-30";
    case AgingBucket::k31To60: return "31-60";
    case AgingBucket::k61To90: return "61-90";
    case AgingBucket::k91To180: return "91-180";
    case AgingBucket::kOver180: return ">180";
  }
  SEMILLA_CHECK(false);
  return {};
}

AgingBucket aging_bucket_for(std::int64_t days_past_due) {
  if (days_past_due <= 0) return AgingBucket::kCurrent;
  if (days_past_due <= 30) return AgingBucket::k1To30;
  if (days_past_due <= 60) return AgingBucket::k31To60;
  if (days_past_due <= 90) return AgingBucket::k61To90;
  if (days_past_due <= 180) return AgingBucket::k91To180;
  return AgingBucket::kOver180;
}

Result<PortfolioArrears> portfolio_arrears(const std::vector<LoanArrears>& loans,
                                           Currency currency) {
  const Amount zero = Amount::zero(currency);
  PortfolioArrears out{0, zero, zero, zero, 0, 0, empty_buckets(zero)};
  for (std::size_t i = 0; i < loans.size(); ++i) {
    const LoanArrears& loan = loans[i];
    if (!(loan.outstanding_principal.currency() == currency)) {
      return make_error(ErrorCode::kCurrencyMismatch, "/loans/" + std::to_string(i),
                        std::string(loan.outstanding_principal.currency().code()) +
                            " loan in a " + std::string(currency.code()) + " portfolio");
    }
    if (loan.outstanding_principal.is_zero() && loan.overdue.sum().is_zero()) continue;
    const MinorUnits principal = loan.outstanding_principal.minor();
    ++out.loans_count;
    add_to(out.gross_outstanding_principal, principal);
    if (loan.days_past_due > 30) add_to(out.par30_principal, principal);
    if (loan.days_past_due > 90) add_to(out.par90_principal, principal);
    const AgingBucket bucket = aging_bucket_for(loan.days_past_due);
    BucketLine& line = out.buckets[static_cast<std::size_t>(bucket)];
    ++line.loans_count;
    add_to(line.principal, principal);
  }
  if (out.gross_outstanding_principal.is_positive()) {
    const Rational gross = out.gross_outstanding_principal.to_rational();
    out.par30 = out.par30_principal.to_rational() / gross;
    out.par90 = out.par90_principal.to_rational() / gross;
  }
  return out;
}

std::string format_ratio(const Rational& ratio) { return internal::format_half_even(ratio, 4); }

std::string format_percent(const Rational& ratio) {
  return internal::format_half_even(ratio * 100, 2) + "%";
}

}  // namespace semilla::loans
