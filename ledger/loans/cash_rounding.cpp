// SPDX-License-Identifier: Apache-2.0
// The currency step of --currency-multiple-of (Fineract's currency "inMultiplesOf"). Fineract
// applies it in Money's constructor: a positive amount goes to the nearest multiple, and when
// the two multiples are equally near, to the upper one (its floor/ceiling comparison keeps the
// floor only when it is strictly nearer), whatever the rounding mode.
#include "ledger/loans/schedule_internal.h"
#include "ledger/money/rounding.h"

namespace semilla::loans::internal {
namespace {

// `minor` to the nearest multiple of `step` (both in minor units, step > 0), ties up.
MinorUnits nearest_multiple_ties_up(const MinorUnits& minor, const MinorUnits& step) {
  const MinorUnits rest = minor % step;
  const MinorUnits floor = minor - rest;
  return 2 * rest < step ? floor : floor + step;
}

}  // namespace

Result<MinorUnits> round_minor_then_cash(const LoanTerms& terms, const Rational& major) {
  auto rounded = money::round_to_minor(major, terms.currency, terms.rounding);
  if (!rounded.ok()) return rounded.error();
  const MinorUnits minor = rounded->minor();
  if (!terms.currency_multiple_of || minor <= 0) return minor;
  return nearest_multiple_ties_up(minor, terms.currency_multiple_of->minor());
}

Result<MinorUnits> round_cash(const LoanTerms& terms, const Rational& major) {
  if (!terms.currency_multiple_of || major <= 0) {
    return round_minor_then_cash(terms, major);
  }
  // Ties up from the exact value: the nearest multiple k * step with k = floor(x/step + 1/2).
  const Amount& step = *terms.currency_multiple_of;
  auto multiple = money::round_to_multiple(major + step.to_rational() / 2, step,
                                           money::RoundingMode::kFloor);
  if (!multiple.ok()) return multiple.error();
  return multiple->minor();
}

}  // namespace semilla::loans::internal
