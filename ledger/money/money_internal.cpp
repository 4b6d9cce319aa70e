// SPDX-License-Identifier: Apache-2.0
#include "ledger/money/money_internal.h"

#include <limits>

namespace semilla::money::internal {
namespace {

// Enough for any real amount, code or mode name; longer input is a mistake to point at, not
// something to echo back in full.
constexpr std::size_t kQuotedBytesMax = 40;

}  // namespace

std::string quote(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  const std::string_view shown = text.substr(0, kQuotedBytesMax);
  for (const char c : shown) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  out += '"';
  if (shown.size() < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

BigInt pow10(int exponent) {
  BigInt result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

BigInt to_big(const MinorUnits& minor) { return BigInt(minor); }

bool fits_minor_units(const BigInt& value) {
  static const BigInt kMax(std::numeric_limits<MinorUnits>::max());
  static const BigInt kMin(std::numeric_limits<MinorUnits>::lowest());
  return value >= kMin && value <= kMax;
}

Error range_error(std::string_view what, Currency currency) {
  return make_error(ErrorCode::kLimitExceeded, "",
                    std::string(what) + " in " + std::string(currency.code()) +
                        " is beyond the range of an amount (about 3.4e38 minor units)");
}

Result<Amount> amount_from_big(const BigInt& value, Currency currency, std::string_view what) {
  if (!fits_minor_units(value)) return range_error(what, currency);
  return Amount::from_minor(MinorUnits(value), currency);
}

}  // namespace semilla::money::internal
