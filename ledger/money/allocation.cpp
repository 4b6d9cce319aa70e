// SPDX-License-Identifier: Apache-2.0
// Allocation splits an amount without creating or losing a minor unit: the parts always sum to
// the whole, which is what keeps a donor report equal to the bank statement. Negative totals are
// handled as the mirror image of positive ones, so reversing an allocation reverses every part.
#include <algorithm>
#include <numeric>
#include <string>

#include "ledger/money/money_internal.h"
#include "ledger/base/lang.h"
#include "ledger/money/rounding.h"

namespace semilla::money {
namespace {

using internal::BigInt;

// Each part is at most the total in magnitude, so it always fits an Amount.
std::vector<Amount> to_amounts(const std::vector<BigInt>& parts_minor, Currency currency) {
  std::vector<Amount> out;
  out.reserve(parts_minor.size());
  for (const BigInt& p : parts_minor) out.push_back(Amount::from_minor(MinorUnits(p), currency));
  return out;
}

Status check_weights(const std::vector<Rational>& weights) {
  if (weights.empty()) {
    return make_error(ErrorCode::kInvalid, "weights", tr("at least one weight is needed"));
  }
  bool any_positive = false;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] < 0) {
      return make_error(ErrorCode::kInvalid, "weights/" + std::to_string(i),
                        "weight " + weights[i].str() + " is negative; weights must be >= 0");
    }
    any_positive = any_positive || weights[i] > 0;
  }
  if (!any_positive) {
    return make_error(ErrorCode::kInvalid, "weights", tr("every weight is zero; one must be "
                                                         "positive"));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Amount>> allocate_evenly(const Amount& total, std::size_t parts) {
  if (parts == 0) {
    return make_error(ErrorCode::kInvalid, "parts", tr("cannot split an amount into 0 parts"));
  }
  const BigInt total_minor = internal::to_big(total.minor());
  const BigInt count(parts);
  const BigInt base = total_minor / count;         // toward zero
  const BigInt leftover = total_minor % count;     // same sign as the total
  const auto extra = boost::multiprecision::abs(leftover).convert_to<std::size_t>();
  const int unit = total_minor < 0 ? -1 : 1;
  std::vector<BigInt> minor(parts, base);
  for (std::size_t i = 0; i < extra; ++i) minor[i] += unit;
  return to_amounts(minor, total.currency());
}

Result<std::vector<Amount>> allocate_by_weights(const Amount& total,
                                                const std::vector<Rational>& weights) {
  SEMILLA_TRY(check_weights(weights));
  const Rational weight_sum = std::accumulate(weights.begin(), weights.end(), Rational(0));
  const BigInt total_minor = internal::to_big(total.minor());
  std::vector<BigInt> minor;
  std::vector<Rational> remainder;  // |exact share - truncated share|, in [0, 1)
  minor.reserve(weights.size());
  remainder.reserve(weights.size());
  BigInt allocated = 0;
  for (const Rational& w : weights) {
    const Rational exact = Rational(total_minor) * w / weight_sum;
    const BigInt truncated =
        boost::multiprecision::numerator(exact) / boost::multiprecision::denominator(exact);
    minor.push_back(truncated);
    remainder.push_back(boost::multiprecision::abs(exact - Rational(truncated)));
    allocated += truncated;
  }
  // The remainders sum to |leftover| and each is below 1, so more than |leftover| parts have a
  // positive remainder: a zero weight never receives a unit.
  const BigInt leftover = total_minor - allocated;
  const auto extra = boost::multiprecision::abs(leftover).convert_to<std::size_t>();
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&remainder](std::size_t a, std::size_t b) {
    return remainder[a] > remainder[b];
  });
  const int unit = total_minor < 0 ? -1 : 1;
  for (std::size_t i = 0; i < extra; ++i) minor[order[i]] += unit;
  return to_amounts(minor, total.currency());
}

}  // namespace semilla::money
