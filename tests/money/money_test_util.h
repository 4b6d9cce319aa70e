// SPDX-License-Identifier: Apache-2.0
// Shorthands for the money tests: values that a test states literally and that cannot fail.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ledger/money/amount.h"
#include "ledger/money/currency.h"

namespace semilla::money::testing {

inline Currency currency(std::string_view code) { return Currency::find(code).value(); }

inline Amount amount(std::string_view text, std::string_view code = "USD") {
  return Amount::parse(text, currency(code)).value();
}

inline Amount minor(std::int64_t value, std::string_view code = "USD") {
  return Amount::from_minor(value, currency(code));
}

inline std::vector<std::string> texts(const std::vector<Amount>& amounts) {
  std::vector<std::string> out;
  for (const Amount& a : amounts) out.push_back(a.to_string());
  return out;
}

}  // namespace semilla::money::testing
