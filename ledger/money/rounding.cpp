// SPDX-License-Identifier: Apache-2.0
#include "ledger/money/rounding.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "ledger/base/check.h"
#include "ledger/money/money_internal.h"

namespace semilla::money {
namespace {

using internal::BigInt;

struct ModeName {
  RoundingMode mode;
  std::string_view name;
};

constexpr std::array kModeNames = {
    ModeName{RoundingMode::kHalfEven, "half-even"}, ModeName{RoundingMode::kHalfUp, "half-up"},
    ModeName{RoundingMode::kHalfDown, "half-down"}, ModeName{RoundingMode::kDown, "down"},
    ModeName{RoundingMode::kUp, "up"},              ModeName{RoundingMode::kFloor, "floor"},
    ModeName{RoundingMode::kCeiling, "ceiling"},
};

// Every enumerator has a name, in declaration order (rounding_mode_name indexes by value).
constexpr bool names_follow_enum() {
  for (std::size_t i = 0; i < kModeNames.size(); ++i) {
    if (static_cast<std::size_t>(kModeNames[i].mode) != i) return false;
  }
  return kModeNames.size() == static_cast<std::size_t>(RoundingMode::kCeiling) + 1;
}
static_assert(names_follow_enum(), "kModeNames must list every RoundingMode in order");

}  // namespace

namespace internal {

BigInt divide_rounded(const BigInt& numerator, const BigInt& denominator, RoundingMode mode) {
  const BigInt quotient = numerator / denominator;  // truncates toward zero
  const BigInt remainder = numerator % denominator;  // takes the numerator's sign
  if (remainder == 0) return quotient;
  const int sign = numerator < 0 ? -1 : 1;
  const BigInt twice = 2 * boost::multiprecision::abs(remainder);
  const int vs_half = twice < denominator ? -1 : (twice > denominator ? 1 : 0);
  bool away = false;  // away from zero, else toward zero
  switch (mode) {
    case RoundingMode::kDown: away = false; break;
    case RoundingMode::kUp: away = true; break;
    case RoundingMode::kFloor: away = sign < 0; break;
    case RoundingMode::kCeiling: away = sign > 0; break;
    case RoundingMode::kHalfUp: away = vs_half >= 0; break;
    case RoundingMode::kHalfDown: away = vs_half > 0; break;
    case RoundingMode::kHalfEven:
      away = vs_half > 0 || (vs_half == 0 && boost::multiprecision::bit_test(
                                                 boost::multiprecision::abs(quotient), 0));
      break;
  }
  return away ? quotient + sign : quotient;
}

}  // namespace internal

std::string_view rounding_mode_name(RoundingMode mode) {
  return kModeNames[static_cast<std::size_t>(mode)].name;
}

Result<RoundingMode> parse_rounding_mode(std::string_view text, std::string_view field) {
  std::string names;
  for (const ModeName& m : kModeNames) {
    if (m.name == text) return m.mode;
    names += names.empty() ? "" : ", ";
    names += m.name;
  }
  return make_error(ErrorCode::kInvalid, std::string(field),
                    internal::quote(text) + " is not a rounding mode; use one of " + names);
}

Result<Amount> round_to_minor(const Rational& major, Currency currency, RoundingMode mode) {
  const BigInt scaled = boost::multiprecision::numerator(major) * internal::pow10(currency.scale());
  const BigInt minor =
      internal::divide_rounded(scaled, boost::multiprecision::denominator(major), mode);
  return internal::amount_from_big(minor, currency, "rounded value");
}

Result<Amount> round_to_multiple(const Rational& major, const Amount& step, RoundingMode mode) {
  if (!step.is_positive()) {
    return make_error(ErrorCode::kInvalid, "step",
                      "rounding step must be positive, got " + step.to_string() + " " +
                          std::string(step.currency().code()));
  }
  const BigInt step_minor = internal::to_big(step.minor());
  const BigInt scaled =
      boost::multiprecision::numerator(major) * internal::pow10(step.currency().scale());
  const BigInt steps = internal::divide_rounded(
      scaled, boost::multiprecision::denominator(major) * step_minor, mode);
  return internal::amount_from_big(steps * step_minor, step.currency(), "rounded value");
}

namespace {

// 10^exponent (exponent >= 0), from a table built once for the common sizes: significant-digit
// rounding runs in schedule loops. Larger exponents (a power of a growth factor over hundreds
// of periods) are computed.
constexpr std::size_t kPowersCount = 160;
BigInt power_of_ten(int exponent) {
  static const std::vector<BigInt> powers = [] {
    std::vector<BigInt> p(kPowersCount);
    p[0] = 1;
    for (std::size_t i = 1; i < kPowersCount; ++i) p[i] = p[i - 1] * 10;
    return p;
  }();
  SEMILLA_CHECK(exponent >= 0);
  if (static_cast<std::size_t>(exponent) < kPowersCount) {
    return powers[static_cast<std::size_t>(exponent)];
  }
  return internal::pow10(exponent);
}

// True when num / den >= 10^exponent (num, den > 0).
bool at_least_power(const BigInt& num, const BigInt& den, int exponent) {
  return exponent >= 0 ? num >= den * power_of_ten(exponent)
                       : num * power_of_ten(-exponent) >= den;
}

}  // namespace

Rational round_to_significant_digits(const Rational& value, int digits, RoundingMode mode) {
  SEMILLA_CHECK(digits >= 1 && digits <= 100);
  if (value == 0) return value;
  const BigInt num = boost::multiprecision::numerator(value);
  const BigInt den = boost::multiprecision::denominator(value);
  const BigInt abs_num = boost::multiprecision::abs(num);
  // The decimal exponent of the leading digit, 10^lead <= |value| < 10^(lead+1): estimated
  // from the bit lengths (log10 2 ~ 0.30103), then corrected by exact comparisons.
  const long long bits = static_cast<long long>(boost::multiprecision::msb(abs_num)) -
                         static_cast<long long>(boost::multiprecision::msb(den));
  int lead = static_cast<int>((bits * 30103 - (bits < 0 ? 99999 : 0)) / 100000);
  while (!at_least_power(abs_num, den, lead)) --lead;
  while (at_least_power(abs_num, den, lead + 1)) ++lead;
  // Keep `digits` digits: scale by 10^(digits - 1 - lead), round to an integer, scale back.
  const int shift = digits - 1 - lead;
  const BigInt up = power_of_ten(std::max(shift, 0));
  const BigInt down = power_of_ten(std::max(-shift, 0));
  const BigInt units = internal::divide_rounded(num * up, den * down, mode);
  return Rational(units * down, up);
}

}  // namespace semilla::money
