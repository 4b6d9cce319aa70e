// SPDX-License-Identifier: Apache-2.0
// Parsing is strict on purpose: an amount typed by a finance officer or sent by a partner either
// means exactly one number of minor units or is refused with the reason, never guessed at. "12,34"
// could be twelve or twelve hundred; "1e3" and "NaN" come from spreadsheets that already lost
// precision; "800.505" USD hides a rounding someone else should have done.
#include "ledger/money/amount.h"

#include <limits>
#include <stdexcept>

#include "ledger/base/check.h"
#include "ledger/base/lang.h"
#include "ledger/base/limits.h"
#include "ledger/money/money_internal.h"

namespace semilla::money {
namespace {

using internal::quote;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The pieces of a well-shaped decimal: "-12.34" is {true, "12", "34"}.
struct DecimalParts {
  bool negative = false;
  std::string_view integer;
  std::string_view fraction;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// `text` as Semilla reads it when it is a number written with thousands separators or a decimal
// comma, as spreadsheets show them ("1.000,50", "1,000.50", "800,50", "1.000.000"): "1000.50";
// empty when the writing is ambiguous ("1,000" may be a thousand or one) or no such number.
std::string plain_number(std::string_view text) {
  std::string_view rest = text;
  const bool negative = rest.starts_with('-');
  if (negative) rest.remove_prefix(1);
  const std::size_t last_point = rest.rfind('.'), last_comma = rest.rfind(',');
  const bool points = last_point != std::string_view::npos;
  const bool commas = last_comma != std::string_view::npos;
  char decimal = 0, group = 0;  // the decimal mark and the thousands separator, 0 for none
  if (points && commas) {
    decimal = last_point > last_comma ? '.' : ',';
    group = decimal == '.' ? ',' : '.';
  } else if (commas && rest.find(',') == last_comma) {
    if (rest.size() - last_comma - 1 == 3) return {};  // "1,000": a thousand, or one?
    decimal = ',';  // "800,50"
  } else if (commas) {
    group = ',';  // "1,000,000"
  } else if (points && rest.find('.') != last_point) {
    group = '.';  // "1.000.000"
  } else {
    return {};
  }
  const std::size_t mark = decimal == 0 ? std::string_view::npos : rest.rfind(decimal);
  const std::string_view whole = rest.substr(0, mark);
  if (whole.empty()) return {};
  std::string out = negative ? "-" : "";
  std::size_t since_group = 0;
  bool grouped = false;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (whole[i] == group) {
      if (i == 0 || (grouped && since_group != 3) || (!grouped && since_group > 3)) return {};
      grouped = true;
      since_group = 0;
    } else if (is_digit(whole[i])) {
      out += whole[i];
      ++since_group;
    } else {
      return {};
    }
  }
  if (grouped && since_group != 3) return {};
  if (mark != std::string_view::npos) {
    const std::string_view fraction = rest.substr(mark + 1);
    if (fraction.empty()) return {};
    for (char c : fraction) {
      if (!is_digit(c)) return {};
    }
    out += "." + std::string(fraction);
  }
  return out;
}

// Why a character that is neither a digit, '.' nor '-' is in `text`, in the user's terms.
std::string bad_character_reason(std::string_view text, char c) {
  const std::string value = quote(text);
  if (is_space(text.front()) || is_space(text.back())) {
    return trf("{value} has spaces around the number; write the number alone",
               {{"value", value}});
  }
  if (is_space(c)) return trf("{value} has spaces; write the number alone", {{"value", value}});
  if (c == ',') {
    if (const std::string plain = plain_number(text); !plain.empty()) {
      return trf("{value} has thousands separators or a decimal comma; write {plain} (digits, "
                 "and '.' before the decimals)",
                 {{"value", value}, {"plain", plain}});
    }
    return trf("{value} has ','; write the decimal part after '.' (12.34) and no thousands "
               "separators",
               {{"value", value}});
  }
  if (c == '+') {
    return trf("{value} has a '+' sign; write positive amounts without a sign",
               {{"value", value}});
  }
  if ((c == 'e' || c == 'E') && !text.empty() && is_digit(text.front())) {
    return trf("{value} uses exponent notation; write every digit (1000, not 1e3)",
               {{"value", value}});
  }
  return trf("{value} contains {character}, which is not a digit; write digits, at most one "
             "'.', and '-' first when negative",
             {{"value", value}, {"character", quote(std::string_view(&c, 1))}});
}

// The whole message; the caller adds the field.
Error reason(std::string message) {
  return make_error(ErrorCode::kInvalid, "", std::move(message));
}

// Splits `text` into DecimalParts, or returns the reason its shape is wrong.
Result<DecimalParts> split_decimal(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!is_digit(c) && c != '.' && c != '-') return reason(bad_character_reason(text, c));
    if (c == '-' && i != 0) {
      return reason(trf("{value} has a '-' that is not the first character",
                        {{"value", quote(text)}}));
    }
  }
  DecimalParts parts;
  std::string_view rest = text;
  if (!rest.empty() && rest.front() == '-') {
    parts.negative = true;
    rest.remove_prefix(1);
  }
  const std::size_t point = rest.find('.');
  parts.integer = rest.substr(0, point);
  if (point != std::string_view::npos) parts.fraction = rest.substr(point + 1);
  const std::string value = quote(text);
  if (parts.fraction.find('.') != std::string_view::npos) {
    if (const std::string plain = plain_number(text); !plain.empty()) {
      return reason(trf("{value} has thousands separators; write {plain} (digits, and '.' "
                        "before the decimals)",
                        {{"value", value}, {"plain", plain}}));
    }
    return reason(trf("{value} has more than one '.'", {{"value", value}}));
  }
  const std::string sign = parts.negative ? "-" : "";
  if (parts.integer.empty() && parts.fraction.empty()) {
    return reason(trf("{value} has no digits", {{"value", value}}));
  }
  if (parts.integer.empty()) {
    return reason(trf("{value} has no digit before '.'; write {fixed}",
                      {{"value", value}, {"fixed", sign + "0." + std::string(parts.fraction)}}));
  }
  if (point != std::string_view::npos && parts.fraction.empty()) {
    return reason(trf("{value} ends with '.'; write {fixed}",
                      {{"value", value}, {"fixed", sign + std::string(parts.integer)}}));
  }
  if (parts.integer.size() > 1 && parts.integer.front() == '0') {
    const std::size_t first = parts.integer.find_first_not_of('0');
    const std::string_view kept =
        first == std::string_view::npos ? "0" : parts.integer.substr(first);
    std::string fixed = sign + std::string(kept);
    if (!parts.fraction.empty()) fixed += "." + std::string(parts.fraction);
    return reason(trf("{value} has leading zeros; write {fixed}",
                      {{"value", value}, {"fixed", fixed}}));
  }
  return parts;
}

// The digits of the minor-unit count without leading zeros: "0.05" USD is "5", "800.5" is
// "80050". Counting these, rather than the digits typed, is what keeps every parsed amount
// inside the store's 64-bit column at every scale.
std::string minor_digits(const DecimalParts& parts, int scale) {
  std::string digits(parts.integer);
  digits += parts.fraction;
  digits.append(static_cast<std::size_t>(scale) - parts.fraction.size(), '0');
  const std::size_t first = digits.find_first_not_of('0');
  return first == std::string::npos ? std::string() : digits.substr(first);
}

std::string decimals_reason(std::string_view text, std::size_t decimals, Currency currency) {
  const std::string value = quote(text), code(currency.code());
  if (currency.scale() == 0 && decimals == 1) {
    return trf("{value} has 1 decimal; {currency} has no minor unit, so it allows none",
               {{"value", value}, {"currency", code}});
  }
  if (currency.scale() == 0) {
    return trf("{value} has {count} decimals; {currency} has no minor unit, so it allows none",
               {{"value", value}, {"count", std::to_string(decimals)}, {"currency", code}});
  }
  return trf("{value} has {count} decimals; {currency} allows at most {scale}",
             {{"value", value}, {"count", std::to_string(decimals)}, {"currency", code},
              {"scale", std::to_string(currency.scale())}});
}

Result<Amount> combine(const Amount& a, const Amount& b, bool subtract) {
  if (!(a.currency() == b.currency())) {
    return make_error(ErrorCode::kCurrencyMismatch, "",
                      std::string("cannot ") + (subtract ? "subtract " : "add ") +
                          std::string(b.currency().code()) + (subtract ? " from " : " to ") +
                          std::string(a.currency().code()) +
                          ": currencies are never mixed without an explicit exchange");
  }
  try {
    MinorUnits result = subtract ? a.minor() - b.minor() : a.minor() + b.minor();
    return Amount::from_minor(result, a.currency());
  } catch (const std::overflow_error&) {
    return internal::range_error(subtract ? "difference" : "sum", a.currency());
  }
}

}  // namespace

Result<Amount> Amount::parse(std::string_view text, Currency currency, std::string_view field) {
  if (text.empty()) {
    return make_error(ErrorCode::kInvalid, std::string(field),
                      tr("is empty; write a number such as 800.50"));
  }
  Result<DecimalParts> parts = split_decimal(text);
  if (!parts.ok()) {
    return make_error(ErrorCode::kInvalid, std::string(field), parts.error().message);
  }
  if (parts->fraction.size() > static_cast<std::size_t>(currency.scale())) {
    return make_error(ErrorCode::kInvalid, std::string(field),
                      decimals_reason(text, parts->fraction.size(), currency));
  }
  const std::string digits = minor_digits(*parts, currency.scale());
  if (digits.size() > static_cast<std::size_t>(limits::kAmountDigitsMax)) {
    const TrArgs args = {{"value", quote(text)},
                         {"count", std::to_string(digits.size())},
                         {"scale", std::to_string(currency.scale())},
                         {"currency", std::string(currency.code())},
                         {"max", std::to_string(limits::kAmountDigitsMax)}};
    return make_error(ErrorCode::kLimitExceeded, std::string(field),
                      currency.scale() > 0
                          ? trf("{value} has {count} significant digits (counting the {scale} "
                                "decimals of {currency}); at most {max} are allowed",
                                args)
                          : trf("{value} has {count} significant digits; at most {max} are "
                                "allowed",
                                args));
  }
  std::int64_t minor = 0;  // at most 18 digits: cannot overflow
  for (const char c : digits) minor = minor * 10 + (c - '0');
  return from_minor(parts->negative ? -minor : minor, currency);
}

Result<Amount> Amount::parse_canonical(std::string_view text, Currency currency,
                                       std::string_view field) {
  Result<Amount> amount = parse(text, currency, field);
  if (!amount.ok()) return amount;
  const auto scale = static_cast<std::size_t>(currency.scale());
  const std::size_t point = text.find('.');
  const std::size_t decimals = point == std::string_view::npos ? 0 : text.size() - point - 1;
  const bool negative_zero = amount->is_zero() && text.front() == '-';
  if (decimals != scale || negative_zero) {
    std::string why = quote(text) + " is not written as Semilla writes amounts: ";
    why += scale == 0 ? "no decimals" : "exactly " + std::to_string(scale) + " decimals";
    if (negative_zero) why += " and no '-' on zero";
    return make_error(ErrorCode::kInvalid, std::string(field),
                      why + " (" + amount->to_string() + ")");
  }
  return amount;
}

Result<AmountText> split_amount_text(std::string_view text, std::string_view field) {
  if (!text.empty() && (is_space(text.front()) || is_space(text.back()))) {
    return make_error(ErrorCode::kInvalid, std::string(field),
                      quote(text) + " has spaces around the amount; write the amount alone, "
                                    "or the amount, one space and the currency (12.50 USD)");
  }
  const std::size_t space = text.find(' ');
  if (space == std::string_view::npos) return AmountText{text, {}};
  return AmountText{text.substr(0, space), text.substr(space + 1)};
}

Amount Amount::from_minor(std::int64_t minor, Currency currency) {
  return Amount(MinorUnits(minor), currency);
}

Amount Amount::from_minor(const MinorUnits& minor, Currency currency) {
  return Amount(minor, currency);
}

Amount Amount::zero(Currency currency) { return Amount(MinorUnits(0), currency); }

Result<std::int64_t> Amount::minor_int64(std::string_view field) const {
  if (minor_ > std::numeric_limits<std::int64_t>::max() ||
      minor_ < std::numeric_limits<std::int64_t>::min()) {
    return make_error(ErrorCode::kLimitExceeded, std::string(field),
                      to_string() + " " + std::string(currency_.code()) +
                          " does not fit a 64-bit count of minor units");
  }
  return minor_.convert_to<std::int64_t>();
}

std::string Amount::to_string() const {
  std::string digits = boost::multiprecision::abs(minor_).str();
  const auto scale = static_cast<std::size_t>(currency_.scale());
  if (scale > 0) {
    if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
    digits.insert(digits.size() - scale, ".");
  }
  return minor_ < 0 ? "-" + digits : digits;
}

Rational Amount::to_rational() const {
  return Rational(internal::to_big(minor_), internal::pow10(currency_.scale()));
}

// Negation and absolute value cannot overflow: the checked 128-bit type is sign-magnitude, so
// its range is symmetric.
Amount Amount::negated() const { return Amount(-minor_, currency_); }

Amount Amount::abs() const { return Amount(boost::multiprecision::abs(minor_), currency_); }

Result<Amount> Amount::plus(const Amount& other) const { return combine(*this, other, false); }

Result<Amount> Amount::minus(const Amount& other) const { return combine(*this, other, true); }

bool operator==(const Amount& a, const Amount& b) {
  return a.currency_ == b.currency_ && a.minor_ == b.minor_;
}

std::strong_ordering operator<=>(const Amount& a, const Amount& b) {
  SEMILLA_CHECK(a.currency_ == b.currency_);
  if (a.minor_ < b.minor_) return std::strong_ordering::less;
  if (a.minor_ > b.minor_) return std::strong_ordering::greater;
  return std::strong_ordering::equal;
}

}  // namespace semilla::money
