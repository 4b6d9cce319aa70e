// SPDX-License-Identifier: Apache-2.0
// Repayment schedules: due dates and the principal, interest and fee due on each.
//
// Computed with exact rationals; each figure is rounded once, to the currency's minor unit (or
// to the "--multiple-of" step) through money::round_to_minor / round_to_multiple, with the
// terms' rounding mode, and then to the "--currency-multiple-of" step when the terms have one.
// The last instalment takes what is left, so the principal parts sum exactly to the principal.
// The rules follow Apache Fineract's cumulative schedule generators, or with --schedule
// progressive its ProgressiveEMICalculator; docs/loans.md lists each one with its source and
// the few places where Semilla differs.
#pragma once

#include <vector>

#include "ledger/base/date.h"
#include "ledger/base/error.h"
#include "ledger/loans/terms.h"
#include "ledger/money/amount.h"

namespace semilla::loans {

// One instalment. Every amount is in the loan's currency; total = principal + interest + fee.
struct Installment {
  int number;              // 1-based position in the schedule
  Date due_date;
  Amount principal;
  Amount interest;
  Amount fee;              // zero today: the loan fee of terms.h is due at disbursement
  Amount total;
  Amount balance_after;    // principal still owed once this instalment is paid
};

struct Schedule {
  Date disbursement_date;
  Amount principal;
  Amount fee_at_disbursement;   // the loan fee (fixed or % of principal), due on disbursement
  FeeMode fee_mode;             // upfront: paid by the borrower; deducted: withheld from cash
  Amount net_disbursement;      // cash the borrower receives: principal less a deducted fee
  std::vector<Installment> installments;
  Amount total_principal;       // == principal, always
  Amount total_interest;
  Amount total_fee;             // sum of the instalments' fee column
  Amount total_due;             // sum of the instalments' totals
};

// The schedule of a loan of `principal` disbursed on `disbursement_date` under `terms`.
// Failures: the first problem validate_loan() finds (call it first to show them all);
// kLimitExceeded when the last due date would fall after limits::kYearMax or an amount leaves
// the representable range; kInvalid naming "--multiple-of" (or "--currency-multiple-of") when a
// progressive instalment rounded to the step does not cover a period's interest. The schedule
// has terms.installments_count instalments, fewer only when instalments rounded up to
// "--multiple-of" repay the principal early.
[[nodiscard]] Result<Schedule> generate_schedule(const LoanTerms& terms, const Amount& principal,
                                                 Date disbursement_date);

// The k-th due date (k >= 1) counted from `start`: k*every days or weeks later, or k*every
// calendar months later with the day clamped to the month's end (Jan 31 -> Feb 28 -> Mar 31),
// which is what Fineract's DefaultScheduledDateGenerator produces. Precondition: in range.
[[nodiscard]] Date due_date(const LoanTerms& terms, Date start, int k);

// Periods per year for the repayment frequency: 12/every months, 52/every weeks (Fineract's
// DefaultPaymentPeriodsInOneYearCalculator), or days-in-year/every days (365 for "actual").
[[nodiscard]] Rational periods_per_year(const LoanTerms& terms);

}  // namespace semilla::loans
