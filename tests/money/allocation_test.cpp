// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "ledger/money/rounding.h"
#include "tests/money/money_test_util.h"

namespace semilla::money {
namespace {

using testing::amount;
using testing::currency;
using testing::minor;
using testing::texts;
using Texts = std::vector<std::string>;

MinorUnits sum_minor(const std::vector<Amount>& parts) {
  MinorUnits sum = 0;
  for (const Amount& p : parts) sum += p.minor();
  return sum;
}

std::vector<Rational> weights(std::initializer_list<int> values) {
  std::vector<Rational> out;
  for (const int v : values) out.emplace_back(v);
  return out;
}

TEST(AllocateEvenly, EarlierPartsTakeTheExtraUnits) {
  EXPECT_EQ(texts(allocate_evenly(amount("10.00"), 3).value()), (Texts{"3.34", "3.33", "3.33"}));
  EXPECT_EQ(texts(allocate_evenly(amount("0.02"), 3).value()), (Texts{"0.01", "0.01", "0.00"}));
  EXPECT_EQ(texts(allocate_evenly(amount("100"), 4).value()),
            (Texts{"25.00", "25.00", "25.00", "25.00"}));
  EXPECT_EQ(texts(allocate_evenly(amount("7", "JPY"), 2).value()), (Texts{"4", "3"}));
  EXPECT_EQ(texts(allocate_evenly(amount("0"), 2).value()), (Texts{"0.00", "0.00"}));
  EXPECT_EQ(texts(allocate_evenly(amount("5.55"), 1).value()), (Texts{"5.55"}));
}

TEST(AllocateEvenly, NegativeTotalsAreTheMirrorImage) {
  EXPECT_EQ(texts(allocate_evenly(amount("-10.00"), 3).value()),
            (Texts{"-3.34", "-3.33", "-3.33"}));
  EXPECT_EQ(texts(allocate_evenly(amount("-0.02"), 5).value()),
            (Texts{"-0.01", "-0.01", "0.00", "0.00", "0.00"}));
}

TEST(AllocateEvenly, ZeroPartsIsInvalid) {
  const Result<std::vector<Amount>> r = allocate_evenly(amount("1"), 0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
}

TEST(AllocateEvenly, WorksAtTheEdgeOfTheRange) {
  const Amount max = Amount::from_minor(std::numeric_limits<MinorUnits>::max(), currency("JPY"));
  const std::vector<Amount> parts = allocate_evenly(max, 7).value();
  EXPECT_EQ(sum_minor(parts), max.minor());
  const std::vector<Amount> low = allocate_evenly(max.negated(), 7).value();
  EXPECT_EQ(sum_minor(low), max.negated().minor());
}

TEST(AllocateByWeights, LargestRemainderGetsTheUnit) {
  EXPECT_EQ(texts(allocate_by_weights(amount("100.00"), weights({1, 1, 1})).value()),
            (Texts{"33.34", "33.33", "33.33"}));
  EXPECT_EQ(texts(allocate_by_weights(amount("0.01"), weights({1, 2})).value()),
            (Texts{"0.00", "0.01"}));
  EXPECT_EQ(texts(allocate_by_weights(amount("1000.00"), weights({50, 30, 20})).value()),
            (Texts{"500.00", "300.00", "200.00"}));
  // 10.00 * (1/6, 2/6, 3/6) = 1.666.., 3.333.., 5.00: the 0.666 remainder wins the cent.
  EXPECT_EQ(texts(allocate_by_weights(amount("10.00"), weights({1, 2, 3})).value()),
            (Texts{"1.67", "3.33", "5.00"}));
}

TEST(AllocateByWeights, TiesGoToTheEarlierPart) {
  EXPECT_EQ(texts(allocate_by_weights(amount("0.01"), weights({1, 1})).value()),
            (Texts{"0.01", "0.00"}));
  EXPECT_EQ(texts(allocate_by_weights(amount("0.02"), weights({2, 1, 2, 1})).value()),
            (Texts{"0.01", "0.00", "0.01", "0.00"}));
}

TEST(AllocateByWeights, NegativeTotalsAreTheMirrorImage) {
  EXPECT_EQ(texts(allocate_by_weights(amount("-100.00"), weights({1, 1, 1})).value()),
            (Texts{"-33.34", "-33.33", "-33.33"}));
  EXPECT_EQ(texts(allocate_by_weights(amount("-0.01"), weights({1, 2})).value()),
            (Texts{"0.00", "-0.01"}));
}

TEST(AllocateByWeights, ZeroWeightsGetNothing) {
  EXPECT_EQ(texts(allocate_by_weights(amount("0.03"), weights({0, 1, 1, 0})).value()),
            (Texts{"0.00", "0.02", "0.01", "0.00"}));
}

TEST(AllocateByWeights, AcceptsFractionalWeights) {
  const std::vector<Rational> thirds = {Rational(1, 3), Rational(2, 3)};
  EXPECT_EQ(texts(allocate_by_weights(amount("1.00"), thirds).value()), (Texts{"0.33", "0.67"}));
}

TEST(AllocateByWeights, RefusesBadWeights) {
  const std::vector<std::vector<Rational>> bad = {{}, weights({0, 0}), weights({1, -1})};
  for (const std::vector<Rational>& w : bad) {
    const Result<std::vector<Amount>> r = allocate_by_weights(amount("1"), w);
    ASSERT_FALSE(r.ok()) << w.size();
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  }
  EXPECT_EQ(allocate_by_weights(amount("1"), weights({1, -1})).error().field, "weights/1");
}

// Random totals, part counts and weights with a fixed seed: the properties, not the values.
TEST(Allocation, PropertiesHoldForRandomInputs) {
  std::mt19937_64 random(4217);
  std::uniform_int_distribution<std::int64_t> total_dist(-1'000'000'000'000, 1'000'000'000'000);
  std::uniform_int_distribution<std::size_t> parts_dist(1, 20);
  std::uniform_int_distribution<int> weight_dist(0, 100);
  for (int i = 0; i < 3000; ++i) {
    const std::int64_t total_minor = i % 10 == 0 ? total_dist(random) % 50 : total_dist(random);
    const Amount total = minor(total_minor);
    const std::size_t parts = parts_dist(random);
    const std::vector<Amount> even = allocate_evenly(total, parts).value();
    ASSERT_EQ(even.size(), parts);
    ASSERT_EQ(sum_minor(even), total.minor());
    for (std::size_t k = 1; k < parts; ++k) {
      // Non-increasing in magnitude and within one unit of each other.
      ASSERT_GE(even[k - 1].abs().minor(), even[k].abs().minor());
      ASSERT_LE(even[0].abs().minor() - even[k].abs().minor(), 1);
    }
    std::vector<Rational> w(parts);
    for (Rational& x : w) x = weight_dist(random);
    if (std::all_of(w.begin(), w.end(), [](const Rational& x) { return x == 0; })) w[0] = 1;
    const Rational w_sum = std::accumulate(w.begin(), w.end(), Rational(0));
    const std::vector<Amount> shares = allocate_by_weights(total, w).value();
    ASSERT_EQ(sum_minor(shares), total.minor());
    const std::vector<Amount> mirror = allocate_by_weights(total.negated(), w).value();
    for (std::size_t k = 0; k < parts; ++k) {
      const Rational exact = Rational(total_minor) * w[k] / w_sum;
      const Rational error = Rational(boost::multiprecision::cpp_int(shares[k].minor())) - exact;
      ASSERT_LT(boost::multiprecision::abs(error), 1) << "part " << k << " of case " << i;
      ASSERT_TRUE(w[k] != 0 || shares[k].is_zero());
      ASSERT_EQ(mirror[k], shares[k].negated());
    }
  }
}

}  // namespace
}  // namespace semilla::money
