// SPDX-License-Identifier: Apache-2.0
// Amount: an exact quantity of one currency, held as a signed count of its minor units.
//
// There is no floating point here and no constructor from one. Arithmetic is checked: a result
// beyond the range of the 128-bit count is a kLimitExceeded error, never a wrapped value.
// Parsing accepts at most limits::kAmountDigitsMax significant digits, so every parsed amount
// also fits the signed 64-bit column the store uses.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/base/error.h"
#include "ledger/money/currency.h"

namespace semilla::money {

// Minor units: overflow throws std::overflow_error inside this module, turned into an Error
// before it leaves it.
using MinorUnits = boost::multiprecision::checked_int128_t;
// Exact fractions for intermediate results (interest, pro-rating, exchange).
using Rational = boost::multiprecision::cpp_rational;

class Amount {
 public:
  // Strict decimal: optional '-', digits, optional '.' and 1..scale digits.
  // Accepted for USD: "800", "800.5", "800.50", "-12.34", "0.00".
  // Refused, each with a reason naming `field`: "", " 5", "5 " (any space around or inside
  // the number: "has spaces"), "+5", "1e3", "12,34", "NaN",
  // "0x10", ".5", "5.", "007" (leading zeros), "800.505" (more decimals than USD allows) are
  // kInvalid; more than kAmountDigitsMax significant digits is kLimitExceeded. The digits
  // counted are those of the minor-unit count, so the largest USD amount is
  // 9999999999999999.99 and the largest JPY amount 999999999999999999. "-0" parses as zero.
  [[nodiscard]] static Result<Amount> parse(std::string_view text, Currency currency,
                                            std::string_view field = "amount");
  // parse(), then only the one spelling to_string() writes: exactly scale() fraction digits
  // ("1.00" USD, "1" JPY, "1.0000" CLF) and no "-" on zero. For text that a program wrote
  // (audit payloads), where a second spelling of the same amount would be a second record.
  // "1", "1.0" or "-0.00" for USD are kInvalid naming `field`, saying what to write.
  [[nodiscard]] static Result<Amount> parse_canonical(std::string_view text, Currency currency,
                                                      std::string_view field = "amount");

  // From a count of minor units (the store's representation).
  [[nodiscard]] static Amount from_minor(std::int64_t minor, Currency currency);
  [[nodiscard]] static Amount from_minor(const MinorUnits& minor, Currency currency);
  [[nodiscard]] static Amount zero(Currency currency);

  [[nodiscard]] Currency currency() const { return currency_; }
  [[nodiscard]] const MinorUnits& minor() const { return minor_; }
  // The minor units as int64, or kLimitExceeded when they do not fit.
  [[nodiscard]] Result<std::int64_t> minor_int64(std::string_view field = "amount") const;

  // Canonical text: "-" if negative, integer part without leading zeros, and exactly
  // scale() fraction digits: "800.50", "-0.05", "1000" for JPY, "1.2340" for CLF.
  [[nodiscard]] std::string to_string() const;
  // The value in major units as an exact fraction.
  [[nodiscard]] Rational to_rational() const;

  [[nodiscard]] bool is_zero() const { return minor_ == 0; }
  [[nodiscard]] bool is_negative() const { return minor_ < 0; }
  [[nodiscard]] bool is_positive() const { return minor_ > 0; }
  [[nodiscard]] Amount negated() const;
  [[nodiscard]] Amount abs() const;

  // Same-currency arithmetic. A different currency is kCurrencyMismatch; overflow of the
  // 128-bit count is kLimitExceeded.
  [[nodiscard]] Result<Amount> plus(const Amount& other) const;
  [[nodiscard]] Result<Amount> minus(const Amount& other) const;

  // Equality includes the currency. Ordering is defined only within one currency;
  // comparing two currencies is a bug (SEMILLA_CHECK).
  friend bool operator==(const Amount& a, const Amount& b);
  friend std::strong_ordering operator<=>(const Amount& a, const Amount& b);

 private:
  Amount(MinorUnits minor, Currency currency) : minor_(std::move(minor)), currency_(currency) {}
  MinorUnits minor_;
  Currency currency_;
};

// An amount as typed on a command line or in a batch: "AMOUNT" or "AMOUNT CUR".
struct AmountText {
  std::string_view number;    // the text before the first space: what Amount::parse reads
  std::string_view currency;  // the text after it; empty when there is none
};
// Splits `text` at its first space. Text with a space (or tab, newline) before or after it,
// "1.00 " or " 1.00", is kInvalid naming `field`: refused as an amount, never read as an
// amount in the default currency or as a currency code. The parts are views into `text`.
[[nodiscard]] Result<AmountText> split_amount_text(std::string_view text,
                                                   std::string_view field);

}  // namespace semilla::money
