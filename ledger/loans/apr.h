// SPDX-License-Identifier: Apache-2.0
// The cost of a loan to the borrower, from its real cash flows (client-protection disclosure).
//
// The internal rate of return per period is found by bisection on exact dyadic fractions: the
// sign of the net present value at a trial rate is computed in integers, so no step rounds.
// The bracket is narrowed to 2^-48 (below 4e-15) per period; the midpoint is returned.
#pragma once

#include <string>
#include <vector>

#include "ledger/base/error.h"
#include "ledger/loans/schedule.h"
#include "ledger/loans/terms.h"

namespace semilla::loans {

// Width of the final IRR bracket, per period: 2^-48.
inline constexpr int kIrrPrecisionBits = 48;
// The search gives up above 2^10 = 1024 (102400%) per period: such a loan is a typing mistake.
inline constexpr int kIrrMaxExponent = 10;

struct CostOfCredit {
  Rational rate_per_period;   // the IRR per period (a fraction: 0.035 is 3.5%)
  Rational periods_per_year;  // schedule.h periods_per_year()
  Rational apr;               // rate_per_period * periods_per_year
  Rational eir;               // (1 + rate_per_period)^periods_per_year - 1
  std::string apr_percent;    // 100*apr, 2 decimals, half-even: "42.58"
  std::string eir_percent;    // 100*eir, 2 decimals, half-even
  std::string nominal_percent;  // the terms' nominal rate, as given: "24"
  // apr / nominal rate, 2 decimals ("1.77": the loan costs 1.77 times its nominal rate);
  // empty when the nominal rate is zero.
  std::string apr_to_nominal;
};

// IRR per period of equally spaced cash flows in minor units, flows[0] at time 0, from the
// lender's side: flows[0] < 0 (money lent), later flows >= 0 (money received). kInvalid when
// that shape does not hold or the flows repay less than was lent (no non-negative rate);
// kLimitExceeded when the rate would pass 2^kIrrMaxExponent per period.
[[nodiscard]] Result<Rational> irr_per_period(const std::vector<money::MinorUnits>& flows);

// Cost of credit of a schedule: time 0 is the disbursement, where the borrower nets the
// principal less the loan fee (deducted or paid upfront alike); instalment k is at period k.
[[nodiscard]] Result<CostOfCredit> cost_of_credit(const LoanTerms& terms,
                                                  const Schedule& schedule);

}  // namespace semilla::loans
