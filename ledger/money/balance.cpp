// SPDX-License-Identifier: Apache-2.0
#include "ledger/money/balance.h"

#include <algorithm>

namespace semilla::money {

Status Balance::add(const Amount& amount) {
  const auto it = totals_.find(amount.currency().code());
  if (it == totals_.end()) {
    totals_.emplace(std::string(amount.currency().code()), amount);
    return Status::Ok();
  }
  Result<Amount> sum = it->second.plus(amount);
  if (!sum.ok()) return sum.error();
  it->second = *sum;
  return Status::Ok();
}

Amount Balance::get(Currency currency) const {
  const auto it = totals_.find(currency.code());
  return it == totals_.end() ? Amount::zero(currency) : it->second;
}

bool Balance::is_zero() const {
  return std::all_of(totals_.begin(), totals_.end(),
                     [](const auto& entry) { return entry.second.is_zero(); });
}

std::vector<Amount> Balance::amounts() const {
  std::vector<Amount> out;
  for (const auto& [code, total] : totals_) {
    if (!total.is_zero()) out.push_back(total);
  }
  return out;
}

// A currency that was added and then cancelled out leaves a zero total behind; it must not make
// two balances that hold the same money compare different.
bool operator==(const Balance& a, const Balance& b) { return a.amounts() == b.amounts(); }

}  // namespace semilla::money
