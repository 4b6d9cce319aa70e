// SPDX-License-Identifier: Apache-2.0
#include "ledger/money/balance.h"

#include <gtest/gtest.h>

#include "tests/money/money_test_util.h"

namespace semilla::money {
namespace {

using testing::amount;
using testing::currency;
using testing::texts;

TEST(Balance, KeepsOneTotalPerCurrency) {
  Balance b;
  ASSERT_TRUE(b.add(amount("10.00")).ok());
  ASSERT_TRUE(b.add(amount("5", "JPY")).ok());
  ASSERT_TRUE(b.add(amount("-2.50")).ok());
  ASSERT_TRUE(b.add(amount("1.00", "EUR")).ok());
  EXPECT_EQ(b.get(currency("USD")), amount("7.50"));
  EXPECT_EQ(b.get(currency("JPY")), amount("5", "JPY"));
  EXPECT_EQ(b.get(currency("BOB")), amount("0", "BOB"));
  EXPECT_FALSE(b.is_zero());
  EXPECT_EQ(texts(b.amounts()), (std::vector<std::string>{"1.00", "5", "7.50"}));  // EUR JPY USD
  EXPECT_EQ(b.amounts()[0].currency(), currency("EUR"));
}

TEST(Balance, ZeroTotalsAreLeftOut) {
  Balance b;
  EXPECT_TRUE(b.is_zero());
  EXPECT_TRUE(b.amounts().empty());
  ASSERT_TRUE(b.add(amount("3.00")).ok());
  ASSERT_TRUE(b.add(amount("-3.00")).ok());
  ASSERT_TRUE(b.add(amount("0", "EUR")).ok());
  EXPECT_TRUE(b.is_zero());
  EXPECT_TRUE(b.amounts().empty());
  EXPECT_EQ(b, Balance());
}

TEST(Balance, EqualityComparesTheMoneyHeld) {
  Balance a;
  Balance b;
  ASSERT_TRUE(a.add(amount("1.00")).ok());
  ASSERT_TRUE(a.add(amount("2.00", "EUR")).ok());
  ASSERT_TRUE(b.add(amount("2.00", "EUR")).ok());
  EXPECT_FALSE(a == b);
  ASSERT_TRUE(b.add(amount("0.40")).ok());
  ASSERT_TRUE(b.add(amount("0.60")).ok());
  EXPECT_EQ(a, b);
  ASSERT_TRUE(b.add(amount("0", "JPY")).ok());
  EXPECT_EQ(a, b);
}

TEST(Balance, OverflowIsRefusedAndChangesNothing) {
  Balance b;
  const Amount max = Amount::from_minor(std::numeric_limits<MinorUnits>::max(), currency("USD"));
  ASSERT_TRUE(b.add(max).ok());
  const Status s = b.add(amount("0.01"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(b.get(currency("USD")), max);
  EXPECT_TRUE(b.add(amount("-0.01")).ok());
}

}  // namespace
}  // namespace semilla::money
