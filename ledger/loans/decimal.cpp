// SPDX-License-Identifier: Apache-2.0
#include <boost/multiprecision/cpp_int.hpp>
#include <cstddef>
#include <string>

#include "ledger/base/check.h"
#include "ledger/base/limits.h"
#include "ledger/loans/decimal_internal.h"

namespace semilla::loans::internal {
namespace {

using BigInt = boost::multiprecision::cpp_int;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

BigInt pow10(int digits) {
  BigInt result = 1;
  for (int i = 0; i < digits; ++i) result *= 10;
  return result;
}

Error invalid(std::string_view field, std::string message) {
  return make_error(ErrorCode::kInvalid, std::string(field), std::move(message));
}

}  // namespace

Result<Rational> parse_decimal(std::string_view text, std::string_view field,
                               int fraction_digits_max) {
  const std::string shown = "\"" + std::string(text) + "\"";
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  bool digits_only = !whole.empty() && (dot == std::string_view::npos || !fraction.empty());
  for (char c : whole) digits_only = digits_only && is_digit(c);
  for (char c : fraction) digits_only = digits_only && is_digit(c);
  if (!digits_only) return invalid(field, shown + " is not a decimal number such as 24 or 36.5");
  if (whole.size() > 1 && whole[0] == '0') return invalid(field, shown + " has leading zeros");
  if (static_cast<int>(fraction.size()) > fraction_digits_max) {
    return invalid(field, shown + " has more than " + std::to_string(fraction_digits_max) +
                              " digits after the point");
  }
  if (static_cast<int>(whole.size() + fraction.size()) > limits::kAmountDigitsMax) {
    return invalid(field, shown + " has more than " + std::to_string(limits::kAmountDigitsMax) +
                              " digits");
  }
  const BigInt numerator(std::string(whole) + std::string(fraction));
  return Rational(numerator, pow10(static_cast<int>(fraction.size())));
}

std::string format_exact_decimal(const Rational& value) {
  const BigInt num = boost::multiprecision::numerator(value);
  const BigInt den = boost::multiprecision::denominator(value);
  int digits = 0;
  BigInt scale = 1;
  while (scale % den != 0) {
    scale *= 10;
    ++digits;
    SEMILLA_CHECK(digits <= 40);  // not a terminating decimal: a bug in the caller
  }
  const BigInt scaled = num * (scale / den);
  const bool negative = scaled < 0;
  std::string text = (negative ? BigInt(-scaled) : scaled).str();
  if (digits > 0) {
    if (static_cast<int>(text.size()) <= digits) {
      text.insert(0, static_cast<std::size_t>(digits) + 1 - text.size(), '0');
    }
    text.insert(text.size() - static_cast<std::size_t>(digits), ".");
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return negative ? "-" + text : text;
}

std::string format_half_even(const Rational& value, int digits) {
  SEMILLA_CHECK(digits >= 0 && digits <= 30);
  const bool negative = value < 0;
  const Rational scaled = (negative ? Rational(-value) : value) * Rational(pow10(digits));
  const BigInt num = boost::multiprecision::numerator(scaled);
  const BigInt den = boost::multiprecision::denominator(scaled);
  BigInt units = num / den;
  const BigInt twice_rest = (num % den) * 2;
  if (twice_rest > den || (twice_rest == den && units % 2 != 0)) ++units;
  std::string text = units.str();
  if (digits > 0) {
    if (static_cast<int>(text.size()) <= digits) {
      text.insert(0, static_cast<std::size_t>(digits) + 1 - text.size(), '0');
    }
    text.insert(text.size() - static_cast<std::size_t>(digits), ".");
  }
  return negative && units != 0 ? "-" + text : text;
}

Rational pow_int(const Rational& base, std::int64_t exponent) {
  SEMILLA_CHECK(exponent >= 0);
  Rational result = 1;
  Rational factor = base;
  while (exponent > 0) {  // square and multiply: log2(n) products instead of n
    if (exponent % 2 == 1) result *= factor;
    exponent /= 2;
    if (exponent > 0) factor *= factor;
  }
  return result;
}

}  // namespace semilla::loans::internal
