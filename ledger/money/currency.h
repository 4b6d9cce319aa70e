// SPDX-License-Identifier: Apache-2.0
// ISO 4217 currencies and their minor units (the "scale": digits after the decimal point).
#pragma once

#include <string_view>
#include <vector>

#include "ledger/base/error.h"

namespace semilla::money {

// A currency Semilla knows. Cheap to copy: it refers to an entry of a static table.
class Currency {
 public:
  // Looks up an ISO 4217 alphabetic code, exactly three upper-case letters ("USD").
  // Unknown or malformed codes are kInvalid errors naming `field`.
  [[nodiscard]] static Result<Currency> find(std::string_view code,
                                             std::string_view field = "currency");

  [[nodiscard]] std::string_view code() const { return code_; }
  // Digits after the decimal point of the minor unit: USD 2, JPY 0, KWD 3, CLF 4.
  [[nodiscard]] int scale() const { return scale_; }

  // Every currency in the table, ordered by code.
  [[nodiscard]] static const std::vector<Currency>& all();

  friend bool operator==(const Currency& a, const Currency& b) { return a.code_ == b.code_; }

 private:
  Currency(std::string_view code, int scale) : code_(code), scale_(scale) {}
  std::string_view code_;
  int scale_ = 0;
};

}  // namespace semilla::money
