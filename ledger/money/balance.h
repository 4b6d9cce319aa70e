// SPDX-License-Identifier: Apache-2.0
// Balance: amounts in several currencies that are never added together (ledger-cli's
// balance_t idea, without its operator tower).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ledger/base/error.h"
#include "ledger/money/amount.h"

namespace semilla::money {

class Balance {
 public:
  // Adds `amount` to its currency's total. kLimitExceeded on overflow (nothing changes then).
  [[nodiscard]] Status add(const Amount& amount);
  // The total in `currency` (zero when absent).
  [[nodiscard]] Amount get(Currency currency) const;
  // True when every currency's total is zero.
  [[nodiscard]] bool is_zero() const;
  // Non-zero totals, ordered by currency code.
  [[nodiscard]] std::vector<Amount> amounts() const;

  // Equal when they hold the same non-zero totals: a currency added and cancelled out to zero
  // makes no difference.
  friend bool operator==(const Balance& a, const Balance& b);

 private:
  std::map<std::string, Amount, std::less<>> totals_;
};

}  // namespace semilla::money
