// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "ledger/loans/decimal_internal.h"

namespace semilla::loans::internal {
namespace {

TEST(Decimal, ParsesExactDecimalsOnly) {
  EXPECT_EQ(parse_decimal("36.5", "--rate", 6).value(), Rational(73, 2));
  EXPECT_EQ(parse_decimal("0", "--rate", 6).value(), Rational(0));
  EXPECT_EQ(parse_decimal("0.000001", "--rate", 6).value(), Rational(1, 1000000));
  for (const char* bad : {"", "-1", "+1", ".5", "5.", "1e3", "1,5", "007", "0.0000001",
                          "1234567890123456789", " 1", "1 "}) {
    auto parsed = parse_decimal(bad, "--rate", 6);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().field, "--rate");
  }
}

TEST(Decimal, FormatsExactlyAndHalfEven) {
  EXPECT_EQ(format_exact_decimal(Rational(73, 2)), "36.5");
  EXPECT_EQ(format_exact_decimal(Rational(24)), "24");
  EXPECT_EQ(format_exact_decimal(Rational(1, 1000000)), "0.000001");
  EXPECT_EQ(format_exact_decimal(Rational(-5, 4)), "-1.25");
  EXPECT_EQ(format_half_even(Rational(125, 1000), 2), "0.12");
  EXPECT_EQ(format_half_even(Rational(135, 1000), 2), "0.14");
  EXPECT_EQ(format_half_even(Rational(-135, 1000), 2), "-0.14");
  EXPECT_EQ(format_half_even(Rational(-1, 1000), 2), "0.00");
  EXPECT_EQ(format_half_even(Rational(2, 3), 0), "1");
}

TEST(Decimal, ExactIntegerPowers) {
  EXPECT_EQ(pow_int(Rational(101, 100), 0), Rational(1));
  EXPECT_EQ(pow_int(Rational(101, 100), 3), Rational(1030301, 1000000));
  EXPECT_EQ(pow_int(Rational(-2), 5), Rational(-32));
}

}  // namespace
}  // namespace semilla::loans::internal
