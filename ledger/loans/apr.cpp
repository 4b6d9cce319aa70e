// SPDX-License-Identifier: Apache-2.0
#include "ledger/loans/apr.h"

#include <boost/multiprecision/cpp_int.hpp>

#include "ledger/base/lang.h"
#include "ledger/loans/decimal_internal.h"

namespace semilla::loans {
namespace {

using BigInt = boost::multiprecision::cpp_int;
using money::MinorUnits;

// Sign of the net present value at the rate a / 2^bits per period. With q = 2^bits and
// p = q + a (so 1 + rate = p/q), NPV * p^K * ... reduces to the integer
// sum_k f_k p^(K-k) q^k, whose sign is the NPV's: computed by Horner's scheme, exactly.
int npv_sign(const std::vector<BigInt>& flows, const BigInt& a, unsigned bits) {
  BigInt q = 1;
  q <<= bits;
  const BigInt p = q + a;
  BigInt acc = flows[0];
  BigInt q_power = 1;
  for (std::size_t k = 1; k < flows.size(); ++k) {
    q_power *= q;
    acc = acc * p + flows[k] * q_power;
  }
  return acc > 0 ? 1 : (acc < 0 ? -1 : 0);
}

Status check_flows(const std::vector<MinorUnits>& flows) {
  bool shaped = flows.size() >= 2 && flows[0] < 0;
  BigInt sum = 0;
  for (std::size_t k = 0; k < flows.size(); ++k) {
    shaped = shaped && (k == 0 || flows[k] >= 0);
    sum += BigInt(flows[k]);
  }
  if (!shaped) {
    return make_error(ErrorCode::kInvalid, "flows",
                      tr("need money lent at time 0 and only repayments after it"));
  }
  if (sum < 0) {
    return make_error(ErrorCode::kInvalid, "flows", tr("the repayments are less than the loan"));
  }
  return Status::Ok();
}

// (1 + rate)^(num/den) - 1: the power, then for den > 1 its den-th root by bisection to
// 2^-kIrrPrecisionBits (exact comparisons).
Rational compound(const Rational& rate, const Rational& exponent) {
  const BigInt num = boost::multiprecision::numerator(exponent);
  const BigInt den = boost::multiprecision::denominator(exponent);
  const Rational target = internal::pow_int(1 + rate, static_cast<std::int64_t>(num));
  if (den == 1) return target - 1;
  const auto root = static_cast<std::int64_t>(den);
  Rational lo = 0;
  Rational hi = target - 1;  // (1+y)^den >= 1+y, so the root is at most this
  const Rational width = Rational(1, BigInt(1) << kIrrPrecisionBits);
  while (hi - lo > width) {
    const Rational mid = (lo + hi) / 2;
    if (internal::pow_int(1 + mid, root) < target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

std::string percent(const Rational& fraction) {
  return internal::format_half_even(fraction * 100, 2);
}

}  // namespace

Result<Rational> irr_per_period(const std::vector<MinorUnits>& flows) {
  SEMILLA_TRY(check_flows(flows));
  std::vector<BigInt> big;
  for (const MinorUnits& f : flows) big.emplace_back(f);
  const unsigned bits = kIrrPrecisionBits;
  if (npv_sign(big, BigInt(0), bits) == 0) return Rational(0);
  // Bracket: NPV falls as the rate rises; find a power of two where it is negative.
  BigInt hi = BigInt(1) << bits;
  int exponent = 0;
  while (npv_sign(big, hi, bits) > 0) {
    if (++exponent > kIrrMaxExponent) {
      return make_error(ErrorCode::kLimitExceeded, "flows",
                        "the rate per period is above " +
                            std::to_string(1 << kIrrMaxExponent) + " (100% = 1)");
    }
    hi <<= 1;
  }
  BigInt lo = 0;
  while (hi - lo > 1) {
    const BigInt mid = (lo + hi) / 2;
    const int sign = npv_sign(big, mid, bits);
    if (sign == 0) return Rational(mid, BigInt(1) << bits);
    (sign > 0 ? lo : hi) = mid;
  }
  return Rational(lo + hi, BigInt(1) << (bits + 1));
}

Result<CostOfCredit> cost_of_credit(const LoanTerms& terms, const Schedule& schedule) {
  std::vector<MinorUnits> flows;
  // The borrower nets the principal less the fee, whether the fee is withheld or paid.
  flows.push_back(schedule.fee_at_disbursement.minor() - schedule.principal.minor());
  for (const Installment& line : schedule.installments) flows.push_back(line.total.minor());
  auto rate = irr_per_period(flows);
  if (!rate.ok()) return rate.error();
  const Rational per_year = periods_per_year(terms);
  const Rational apr = *rate * per_year;
  const Rational eir = compound(*rate, per_year);
  std::string ratio;
  if (terms.annual_rate_percent > 0) {
    ratio = internal::format_half_even(apr * 100 / terms.annual_rate_percent, 2);
  }
  return CostOfCredit{*rate,
                      per_year,
                      apr,
                      eir,
                      percent(apr),
                      percent(eir),
                      internal::format_exact_decimal(terms.annual_rate_percent),
                      ratio};
}

}  // namespace semilla::loans
