// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the money module's .cpp files; not part of its public interface.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <string>
#include <string_view>

#include "ledger/base/error.h"
#include "ledger/money/amount.h"
#include "ledger/money/rounding.h"

namespace semilla::money::internal {

// Unbounded integers for intermediate results, so that only the final value is range-checked.
using BigInt = boost::multiprecision::cpp_int;

// `text` in quotation marks for an error message. Control and non-ASCII bytes are escaped and long
// input is cut, so that a message stays one readable line whatever the user typed.
[[nodiscard]] std::string quote(std::string_view text);

// 10^exponent, exponent >= 0.
[[nodiscard]] BigInt pow10(int exponent);

[[nodiscard]] BigInt to_big(const MinorUnits& minor);

// True when `value` fits MinorUnits.
[[nodiscard]] bool fits_minor_units(const BigInt& value);

// kLimitExceeded: the result of `what` ("sum", "rounded value") in `currency` does not fit.
[[nodiscard]] Error range_error(std::string_view what, Currency currency);

// An Amount of `value` minor units, or kLimitExceeded (naming `what`) when it does not fit.
[[nodiscard]] Result<Amount> amount_from_big(const BigInt& value, Currency currency,
                                             std::string_view what);

// numerator / denominator rounded to an integer with `mode`. Precondition: denominator > 0.
[[nodiscard]] BigInt divide_rounded(const BigInt& numerator, const BigInt& denominator,
                                    RoundingMode mode);

}  // namespace semilla::money::internal
