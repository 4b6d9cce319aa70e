// SPDX-License-Identifier: Apache-2.0
#include "ledger/money/currency.h"

#include <algorithm>
#include <array>
#include <string>

#include "ledger/base/lang.h"
#include "ledger/money/money_internal.h"

namespace semilla::money {
namespace {

struct Entry {
  std::string_view code;
  int scale;
};

// ISO 4217 minor units (List One, SIX Group), not the coins in circulation: COP keeps 2 although
// Colombian cash has no cents, because bank statements and SWIFT messages carry 2. The table is
// every currency of Latin America and the Caribbean, the donors' currencies, and the 0, 3 and 4
// scales that tests need. Adding one is safe; changing a scale changes stored amounts' meaning.
constexpr std::array kTable = {
    Entry{"ARS", 2}, Entry{"AUD", 2}, Entry{"BBD", 2}, Entry{"BHD", 3}, Entry{"BOB", 2},
    Entry{"BOV", 2}, Entry{"BRL", 2}, Entry{"BSD", 2}, Entry{"BZD", 2}, Entry{"CAD", 2},
    Entry{"CHF", 2}, Entry{"CLF", 4}, Entry{"CLP", 0}, Entry{"CNY", 2}, Entry{"COP", 2},
    Entry{"COU", 2}, Entry{"CRC", 2}, Entry{"CUP", 2}, Entry{"DKK", 2}, Entry{"DOP", 2},
    Entry{"EUR", 2}, Entry{"GBP", 2}, Entry{"GTQ", 2}, Entry{"GYD", 2}, Entry{"HNL", 2},
    Entry{"HTG", 2}, Entry{"IQD", 3}, Entry{"ISK", 0}, Entry{"JMD", 2}, Entry{"JOD", 3},
    Entry{"JPY", 0}, Entry{"KRW", 0}, Entry{"KWD", 3}, Entry{"LYD", 3}, Entry{"MXN", 2},
    Entry{"MXV", 2}, Entry{"NIO", 2}, Entry{"NOK", 2}, Entry{"OMR", 3}, Entry{"PAB", 2},
    Entry{"PEN", 2}, Entry{"PYG", 0}, Entry{"SEK", 2}, Entry{"SRD", 2}, Entry{"SVC", 2},
    Entry{"TND", 3}, Entry{"TTD", 2}, Entry{"UGX", 0}, Entry{"USD", 2}, Entry{"UYI", 0},
    Entry{"UYU", 2}, Entry{"UYW", 4}, Entry{"VED", 2}, Entry{"VES", 2}, Entry{"VND", 0},
    Entry{"XAF", 0}, Entry{"XCD", 2}, Entry{"XOF", 0}, Entry{"XPF", 0}, Entry{"ZAR", 2},
};

constexpr bool is_code_shape(std::string_view code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(),
                                         [](char c) { return c >= 'A' && c <= 'Z'; });
}

constexpr bool table_is_well_formed() {
  for (std::size_t i = 0; i < kTable.size(); ++i) {
    // limits::kAmountDigitsMax relies on no scale exceeding 4.
    if (!is_code_shape(kTable[i].code) || kTable[i].scale < 0 || kTable[i].scale > 4) {
      return false;
    }
    if (i > 0 && !(kTable[i - 1].code < kTable[i].code)) return false;
  }
  return true;
}

// find() binary-searches the table, so sortedness is a correctness fact, not a nicety.
static_assert(table_is_well_formed(), "currency table must be sorted, unique and well formed");

}  // namespace

Result<Currency> Currency::find(std::string_view code, std::string_view field) {
  if (!is_code_shape(code)) {
    return make_error(ErrorCode::kInvalid, std::string(field),
                      trf("{value} is not a currency code: write three upper-case letters "
                          "(ISO 4217), such as USD",
                          {{"value", internal::quote(code)}}));
  }
  const auto* it = std::lower_bound(kTable.begin(), kTable.end(), code,
                                    [](const Entry& e, std::string_view c) { return e.code < c; });
  if (it == kTable.end() || it->code != code) {
    return make_error(ErrorCode::kInvalid, std::string(field),
                      trf("{value} is not a currency Semilla knows",
                          {{"value", internal::quote(code)}}));
  }
  return Currency(it->code, it->scale);
}

const std::vector<Currency>& Currency::all() {
  static const std::vector<Currency> currencies = [] {
    std::vector<Currency> out;
    out.reserve(kTable.size());
    for (const Entry& e : kTable) out.push_back(Currency(e.code, e.scale));
    return out;
  }();
  return currencies;
}

}  // namespace semilla::money
