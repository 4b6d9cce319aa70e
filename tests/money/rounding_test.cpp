// SPDX-License-Identifier: Apache-2.0
#include "ledger/money/rounding.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/money/money_test_util.h"

namespace semilla::money {
namespace {

using testing::amount;
using testing::currency;

constexpr RoundingMode kAllModes[] = {
    RoundingMode::kHalfEven, RoundingMode::kHalfUp, RoundingMode::kHalfDown, RoundingMode::kDown,
    RoundingMode::kUp,       RoundingMode::kFloor,  RoundingMode::kCeiling,
};

TEST(RoundingMode, NamesRoundTrip) {
  const char* names[] = {"half-even", "half-up", "half-down", "down", "up", "floor", "ceiling"};
  for (std::size_t i = 0; i < std::size(kAllModes); ++i) {
    EXPECT_EQ(rounding_mode_name(kAllModes[i]), names[i]);
    const Result<RoundingMode> parsed = parse_rounding_mode(names[i]);
    ASSERT_TRUE(parsed.ok()) << names[i];
    EXPECT_EQ(*parsed, kAllModes[i]);
  }
}

TEST(RoundingMode, UnknownNameListsTheModes) {
  for (const char* bad : {"", "HALF-EVEN", "half_even", "bankers", "round"}) {
    const Result<RoundingMode> r = parse_rounding_mode(bad, "--rounding");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, "--rounding");
    EXPECT_NE(r.error().message.find(
                  "use one of half-even, half-up, half-down, down, up, floor, ceiling"),
              std::string::npos);
  }
}

// The reference table of java.math.RoundingMode's documentation, in JPY (scale 0) so that the
// input in tenths is the value to round: 55 is 5.5 yen.
struct Row {
  RoundingMode mode;
  int expected[12];
};
constexpr int kTenths[12] = {55, 25, 16, 11, 10, 5, -5, -10, -11, -16, -25, -55};
constexpr Row kTable[] = {
    {RoundingMode::kUp, {6, 3, 2, 2, 1, 1, -1, -1, -2, -2, -3, -6}},
    {RoundingMode::kDown, {5, 2, 1, 1, 1, 0, 0, -1, -1, -1, -2, -5}},
    {RoundingMode::kCeiling, {6, 3, 2, 2, 1, 1, 0, -1, -1, -1, -2, -5}},
    {RoundingMode::kFloor, {5, 2, 1, 1, 1, 0, -1, -1, -2, -2, -3, -6}},
    {RoundingMode::kHalfUp, {6, 3, 2, 1, 1, 1, -1, -1, -1, -2, -3, -6}},
    {RoundingMode::kHalfDown, {5, 2, 2, 1, 1, 0, 0, -1, -1, -2, -2, -5}},
    {RoundingMode::kHalfEven, {6, 2, 2, 1, 1, 0, 0, -1, -1, -2, -2, -6}},
};

TEST(RoundToMinor, EveryModeAtTiesAndBothSigns) {
  for (const Row& row : kTable) {
    for (std::size_t i = 0; i < std::size(kTenths); ++i) {
      const Result<Amount> r = round_to_minor(Rational(kTenths[i], 10), currency("JPY"), row.mode);
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(r->minor(), row.expected[i])
          << rounding_mode_name(row.mode) << " of " << kTenths[i] << "/10";
    }
  }
}

TEST(RoundToMinor, TheIssueExamples) {
  const Rational minus_two_and_a_half(-5, 2);
  const Currency jpy = currency("JPY");
  EXPECT_EQ(round_to_minor(minus_two_and_a_half, jpy, RoundingMode::kHalfEven)->minor(), -2);
  EXPECT_EQ(round_to_minor(minus_two_and_a_half, jpy, RoundingMode::kHalfUp)->minor(), -3);
  EXPECT_EQ(round_to_minor(minus_two_and_a_half, jpy, RoundingMode::kFloor)->minor(), -3);
  EXPECT_EQ(round_to_minor(minus_two_and_a_half, jpy, RoundingMode::kCeiling)->minor(), -2);
}

TEST(RoundToMinor, ScalesToTheCurrency) {
  const Rational third_of_1001(1001, 3);  // 333.666...
  EXPECT_EQ(round_to_minor(third_of_1001, currency("USD"), RoundingMode::kHalfEven)->to_string(),
            "333.67");
  EXPECT_EQ(round_to_minor(third_of_1001, currency("USD"), RoundingMode::kDown)->to_string(),
            "333.66");
  EXPECT_EQ(round_to_minor(-third_of_1001, currency("USD"), RoundingMode::kCeiling)->to_string(),
            "-333.66");
  EXPECT_EQ(round_to_minor(third_of_1001, currency("KWD"), RoundingMode::kHalfUp)->to_string(),
            "333.667");
  EXPECT_EQ(round_to_minor(third_of_1001, currency("CLF"), RoundingMode::kFloor)->to_string(),
            "333.6666");
  EXPECT_EQ(round_to_minor(third_of_1001, currency("CLP"), RoundingMode::kUp)->to_string(),
            "334");
}

TEST(RoundToMinor, TiesAtTheCentAndJustBesideThem) {
  const Currency usd = currency("USD");
  const Rational tie(1, 200);                             // 0.005
  const Rational tiny(1, boost::multiprecision::cpp_int(1) << 100);
  EXPECT_EQ(round_to_minor(tie, usd, RoundingMode::kHalfEven)->to_string(), "0.00");
  EXPECT_EQ(round_to_minor(Rational(3, 200), usd, RoundingMode::kHalfEven)->to_string(), "0.02");
  EXPECT_EQ(round_to_minor(tie, usd, RoundingMode::kHalfUp)->to_string(), "0.01");
  EXPECT_EQ(round_to_minor(tie, usd, RoundingMode::kHalfDown)->to_string(), "0.00");
  EXPECT_EQ(round_to_minor(tie + tiny, usd, RoundingMode::kHalfDown)->to_string(), "0.01");
  EXPECT_EQ(round_to_minor(tie - tiny, usd, RoundingMode::kHalfUp)->to_string(), "0.00");
  EXPECT_EQ(round_to_minor(-tie - tiny, usd, RoundingMode::kHalfEven)->to_string(), "-0.01");
  EXPECT_EQ(round_to_minor(tiny, usd, RoundingMode::kUp)->to_string(), "0.01");
  EXPECT_EQ(round_to_minor(-tiny, usd, RoundingMode::kFloor)->to_string(), "-0.01");
  EXPECT_EQ(round_to_minor(-tiny, usd, RoundingMode::kCeiling)->to_string(), "0.00");
}

TEST(RoundToMinor, ExactValuesAreUntouchedByEveryMode) {
  for (const RoundingMode mode : kAllModes) {
    EXPECT_EQ(round_to_minor(Rational(-80050, 100), currency("USD"), mode).value(),
              amount("-800.50"));
    EXPECT_EQ(round_to_minor(Rational(0), currency("USD"), mode).value(), amount("0"));
  }
}

TEST(RoundToMinor, BeyondTheRangeIsLimitExceeded) {
  const Rational huge(boost::multiprecision::cpp_int(1) << 130);
  for (const Rational& value : {huge, Rational(-huge)}) {
    const Result<Amount> r = round_to_minor(value, currency("JPY"), RoundingMode::kHalfEven);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kLimitExceeded);
  }
  // 2^127 yen fits; the same number of dollars does not once scaled to cents.
  const Rational edge(boost::multiprecision::cpp_int(1) << 127);
  EXPECT_TRUE(round_to_minor(edge, currency("JPY"), RoundingMode::kDown).ok());
  EXPECT_FALSE(round_to_minor(edge, currency("USD"), RoundingMode::kDown).ok());
}

TEST(RoundToMultiple, RoundsToTheStep) {
  const Rational value = amount("123.45").to_rational();
  EXPECT_EQ(round_to_multiple(value, amount("1.00"), RoundingMode::kHalfUp)->to_string(),
            "123.00");
  EXPECT_EQ(round_to_multiple(value, amount("20.00"), RoundingMode::kCeiling)->to_string(),
            "140.00");
  EXPECT_EQ(round_to_multiple(value, amount("20.00"), RoundingMode::kHalfEven)->to_string(),
            "120.00");
  EXPECT_EQ(round_to_multiple(-value, amount("20.00"), RoundingMode::kFloor)->to_string(),
            "-140.00");
  EXPECT_EQ(round_to_multiple(-value, amount("20.00"), RoundingMode::kCeiling)->to_string(),
            "-120.00");
  EXPECT_EQ(round_to_multiple(value, amount("0.05"), RoundingMode::kHalfUp)->to_string(),
            "123.45");
  EXPECT_EQ(round_to_multiple(Rational(1234567), amount("1000", "COP"), RoundingMode::kHalfUp)
                ->to_string(),
            "1235000.00");
}

TEST(RoundToMultiple, TiesFollowTheModeInSteps) {
  const Amount twenty = amount("20");
  EXPECT_EQ(round_to_multiple(Rational(30), twenty, RoundingMode::kHalfEven).value(), amount("40"));
  EXPECT_EQ(round_to_multiple(Rational(50), twenty, RoundingMode::kHalfEven).value(), amount("40"));
  EXPECT_EQ(round_to_multiple(Rational(-50), twenty, RoundingMode::kHalfEven).value(),
            amount("-40"));
  EXPECT_EQ(round_to_multiple(Rational(-50), twenty, RoundingMode::kHalfUp).value(),
            amount("-60"));
  EXPECT_EQ(round_to_multiple(Rational(50), twenty, RoundingMode::kHalfDown).value(),
            amount("40"));
}

TEST(RoundToMultiple, StepMustBePositive) {
  for (const char* step : {"0", "-1.00"}) {
    const Result<Amount> r = round_to_multiple(Rational(5), amount(step), RoundingMode::kHalfUp);
    ASSERT_FALSE(r.ok()) << step;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, "step");
  }
}

TEST(RoundToMultiple, BeyondTheRangeIsLimitExceeded) {
  const Amount max = Amount::from_minor(std::numeric_limits<MinorUnits>::max(), currency("JPY"));
  const Result<Amount> r = round_to_multiple(max.to_rational(), amount("1000", "JPY"),
                                             RoundingMode::kUp);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kLimitExceeded);
}

// Java's BigDecimal under MathContext(12, mode), which Fineract's progressive schedules use:
// 31/365 x 0.094822 = 0.00805337534246575.. -> 0.00805337534247 (12 significant digits).
TEST(RoundToSignificantDigits, TwelveDigitsAsJavaMathContext) {
  const Rational factor = Rational(94822, 1000000) * Rational(31, 365);
  EXPECT_EQ(round_to_significant_digits(factor, 12, RoundingMode::kHalfEven),
            Rational(805337534247, 100000000000000));
  EXPECT_EQ(round_to_significant_digits(factor, 12, RoundingMode::kDown),
            Rational(805337534246, 100000000000000));
  // Large values keep their leading digits; exact short values stay as they are.
  EXPECT_EQ(round_to_significant_digits(Rational(1234567890123456), 12, RoundingMode::kHalfEven),
            Rational(1234567890120000));
  EXPECT_EQ(round_to_significant_digits(Rational(1, 4), 12, RoundingMode::kUp), Rational(1, 4));
  EXPECT_EQ(round_to_significant_digits(Rational(0), 12, RoundingMode::kUp), Rational(0));
  // Powers of ten at the boundary of the leading digit, and negative values by the mode.
  EXPECT_EQ(round_to_significant_digits(Rational(999999999999999, 1000), 12,
                                        RoundingMode::kHalfEven),
            Rational(1000000000000));
  EXPECT_EQ(round_to_significant_digits(Rational(-2, 3), 3, RoundingMode::kFloor),
            Rational(-667, 1000));
  EXPECT_EQ(round_to_significant_digits(Rational(-2, 3), 3, RoundingMode::kDown),
            Rational(-666, 1000));
  EXPECT_EQ(round_to_significant_digits(Rational(1, 1000), 1, RoundingMode::kHalfEven),
            Rational(1, 1000));
  // Far beyond the table of powers of ten: 11^600 (a growth factor over 600 periods) and its
  // inverse keep their 12 leading digits: 11^600 = 6.84874655417.. x 10^624, and its inverse
  // 1.46012119457.. x 10^-625.
  Rational big = 1;
  for (int i = 0; i < 600; ++i) big *= 11;
  const Rational rounded = round_to_significant_digits(big, 12, RoundingMode::kDown);
  Rational scale = 1;
  for (int i = 0; i < 624 - 11; ++i) scale *= 10;
  EXPECT_EQ(rounded / scale, Rational(684874655417LL));
  Rational tiny_scale = 1;
  for (int i = 0; i < 625 + 11; ++i) tiny_scale *= 10;
  EXPECT_EQ(round_to_significant_digits(1 / big, 12, RoundingMode::kHalfEven) * tiny_scale,
            Rational(146012119457LL));
}

}  // namespace
}  // namespace semilla::money
