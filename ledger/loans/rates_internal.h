// SPDX-License-Identifier: Apache-2.0
// Interest rates per period as exact fractions (not percent), internal to ledger/loans.
// Each function names the Fineract rule it follows; docs/loans.md explains them.
#pragma once

#include "ledger/base/date.h"
#include "ledger/loans/terms.h"

namespace semilla::loans::internal {

// Fraction of a year between two dates under terms.days_in_year: days/360, /364, /365, or for
// "actual" each day over the length of its own calendar year (366 in leap years).
[[nodiscard]] Rational year_fraction(const LoanTerms& terms, Date from, Date to);

// Declining-balance interest rate of the period [from, to): the nominal rate over the periods
// per year (same-as-repayment), or day-counted (daily; a month counts 30 days under
// --days-in-month 30).
[[nodiscard]] Rational period_rate(const LoanTerms& terms, Date from, Date to);

// Rate per period used for the annuity (equal instalment) amount. Fineract computes it with
// 30-day months whatever the day count (LoanApplicationTerms.pmtForInstallment).
[[nodiscard]] Rational annuity_rate(const LoanTerms& terms);

// Flat rate for the whole term from disbursement to the last due date: the period rate times
// the number of periods, or day-counted (daily).
[[nodiscard]] Rational flat_term_rate(const LoanTerms& terms, Date disbursed, Date last_due);

}  // namespace semilla::loans::internal
