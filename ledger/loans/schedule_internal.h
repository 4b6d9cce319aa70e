// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/loans: the rounding points of a schedule's figures, and the progressive
// generator that schedule.cpp calls for --schedule progressive. docs/loans.md gives the rules.
#pragma once

#include <vector>

#include "ledger/base/date.h"
#include "ledger/base/error.h"
#include "ledger/loans/terms.h"
#include "ledger/money/amount.h"

namespace semilla::loans::internal {

using money::MinorUnits;

// A figure rounded where Fineract rounds it *after* bringing it to the currency's scale (its
// divisions and multiplyRetainScale): to the minor unit with the terms' mode, then, when the
// terms have a --currency-multiple-of step and the figure is positive, to the nearest multiple of
// the step, a tie going up (Fineract Money's constructor).
[[nodiscard]] Result<MinorUnits> round_minor_then_cash(const LoanTerms& terms,
                                                       const Rational& major);

// A figure rounded where Fineract builds it with Money.of from an unrounded value (the annuity,
// the progressive instalment and interest): a positive figure goes straight to the nearest
// multiple of the currency step, a tie going up; without a step (or when not positive) it is
// rounded to the minor unit with the terms' mode.
[[nodiscard]] Result<MinorUnits> round_cash(const LoanTerms& terms, const Rational& major);

// The interest rate of the period [from, to) of a progressive schedule as a fraction (Fineract
// calculateRateFactorPerPeriod, each operation to 12 significant digits): 24% a year over a
// 30-day month of a 360-day year is 0.02.
[[nodiscard]] Rational progressive_rate_factor(const LoanTerms& terms, Date from, Date to);

// Principal and interest of one instalment, in minor units.
struct InstalmentFigures {
  MinorUnits principal;
  MinorUnits interest;
};

// The instalments of a progressive schedule (Fineract ProgressiveEMICalculator): `due` holds
// the due dates, the first period starting at `disbursed`. Fewer than due.size() instalments
// when an instalment rounded up to --multiple-of repays the balance early. kInvalid naming
// "--multiple-of" when the rounded instalment does not cover a period's interest.
// Precondition: the terms validate and are progressive; `principal` is positive.
[[nodiscard]] Result<std::vector<InstalmentFigures>> progressive_instalments(
    const LoanTerms& terms, const MinorUnits& principal, Date disbursed,
    const std::vector<Date>& due);

}  // namespace semilla::loans::internal
