// SPDX-License-Identifier: Apache-2.0
// The one place where an exact fraction becomes a count of minor units. Every rounding in
// Semilla goes through round_to_minor() with a named mode; nothing else truncates money.
#pragma once

#include <string_view>
#include <vector>

#include "ledger/base/error.h"
#include "ledger/money/amount.h"

namespace semilla::money {

enum class RoundingMode {
  kHalfEven,  // to nearest, ties to the even neighbour (banker's rounding; Fineract's default)
  kHalfUp,    // to nearest, ties away from zero (commercial rounding)
  kHalfDown,  // to nearest, ties toward zero
  kDown,      // toward zero (truncate)
  kUp,        // away from zero
  kFloor,     // toward negative infinity
  kCeiling,   // toward positive infinity
};

// "half-even", "half-up", "half-down", "down", "up", "floor", "ceiling".
[[nodiscard]] std::string_view rounding_mode_name(RoundingMode mode);
[[nodiscard]] Result<RoundingMode> parse_rounding_mode(std::string_view text,
                                                       std::string_view field = "rounding");

// Rounds `major` (an exact value in major units, e.g. 1001/3 dollars) to the currency's
// minor unit with `mode`. kLimitExceeded when the result does not fit an Amount.
[[nodiscard]] Result<Amount> round_to_minor(const Rational& major, Currency currency,
                                            RoundingMode mode);

// Rounds an exact value to a multiple of `step` (a positive amount, e.g. 1.00 or 20.00, for
// instalments "in multiples of" a note) with `mode`.
[[nodiscard]] Result<Amount> round_to_multiple(const Rational& major, const Amount& step,
                                               RoundingMode mode);

// `value` rounded to `digits` significant decimal digits with `mode` (0 stays 0): what Java's
// BigDecimal does under a MathContext(digits, mode), which Fineract's progressive schedules use
// for their rate factors. Precondition: 1 <= digits <= 100 (checked). Not money: a ratio.
[[nodiscard]] Rational round_to_significant_digits(const Rational& value, int digits,
                                                   RoundingMode mode);

// Splits `total` into `parts` amounts that differ by at most one minor unit and sum exactly
// to `total`; the earlier parts get the extra units (largest remainder with ties to the first).
// parts == 0 is kInvalid.
[[nodiscard]] Result<std::vector<Amount>> allocate_evenly(const Amount& total, std::size_t parts);

// Splits `total` in proportion to non-negative `weights` (at least one positive) by the
// largest-remainder method: each part is floor(total*w/W) (toward zero for negative totals),
// and the leftover minor units go one each to the largest remainders, ties to the earlier part.
// The parts sum exactly to `total`.
[[nodiscard]] Result<std::vector<Amount>> allocate_by_weights(const Amount& total,
                                                              const std::vector<Rational>& weights);

}  // namespace semilla::money
