// SPDX-License-Identifier: Apache-2.0
// Exact decimal text <-> Rational for rates, percentages and ratios (not money: money goes
// through money::round_to_minor). Internal to ledger/loans.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/base/error.h"
#include "ledger/money/amount.h"

namespace semilla::loans::internal {

using money::Rational;

// Strict unsigned decimal: digits, optionally '.' and 1..fraction_digits_max digits. "24",
// "36.5", "0.125". Refused (kInvalid naming `field`): "", "-1", "+1", ".5", "5.", "1e3",
// "1,5", leading zeros ("007"), more fraction digits than allowed, more than 18 digits.
[[nodiscard]] Result<Rational> parse_decimal(std::string_view text, std::string_view field,
                                             int fraction_digits_max);

// Exact text of a Rational whose denominator divides a power of ten ("36.5", "24"); no
// trailing zeros. Precondition (checked): the value is a terminating decimal.
[[nodiscard]] std::string format_exact_decimal(const Rational& value);

// `value` rounded half-even to `digits` decimals, printed with exactly that many ("0.1235").
// This is the display rounding of ratios and percentages (PAR, APR), never of money.
[[nodiscard]] std::string format_half_even(const Rational& value, int digits);

// base^exponent exactly, exponent >= 0 (checked).
[[nodiscard]] Rational pow_int(const Rational& base, std::int64_t exponent);

}  // namespace semilla::loans::internal
