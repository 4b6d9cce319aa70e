// SPDX-License-Identifier: Apache-2.0
#include "ledger/money/amount.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <regex>
#include <string>

#include "ledger/base/check.h"
#include "ledger/base/limits.h"
#include "tests/money/money_test_util.h"

namespace semilla::money {
namespace {

using testing::amount;
using testing::currency;
using testing::minor;

struct Accepted {
  const char* text;
  const char* code;
  const char* canonical;
};

TEST(AmountParse, AcceptsStrictDecimals) {
  const Accepted cases[] = {
      {"800", "USD", "800.00"},     {"800.5", "USD", "800.50"},  {"800.50", "USD", "800.50"},
      {"-12.34", "USD", "-12.34"},  {"0.00", "USD", "0.00"},     {"0", "USD", "0.00"},
      {"0.50", "USD", "0.50"},      {"-0.05", "USD", "-0.05"},   {"-0", "USD", "0.00"},
      {"-0.00", "USD", "0.00"},     {"1000", "JPY", "1000"},     {"1.234", "CLF", "1.2340"},
      {"1.5", "KWD", "1.500"},      {"-7", "CLP", "-7"},         {"0.0001", "CLF", "0.0001"},
      {"10", "PYG", "10"},          {"1000000", "COP", "1000000.00"},
  };
  for (const Accepted& c : cases) {
    const Result<Amount> a = Amount::parse(c.text, currency(c.code));
    ASSERT_TRUE(a.ok()) << c.text << ": " << a.error().to_string();
    EXPECT_EQ(a->to_string(), c.canonical) << c.text;
    EXPECT_EQ(a->currency(), currency(c.code));
  }
}

TEST(AmountParse, StoresMinorUnits) {
  EXPECT_EQ(amount("800.50").minor(), 80050);
  EXPECT_EQ(amount("-12.3").minor(), -1230);
  EXPECT_EQ(amount("1000", "JPY").minor(), 1000);
  EXPECT_EQ(amount("1.2", "CLF").minor(), 12000);
  EXPECT_FALSE(amount("-0").is_negative());
}

struct Refused {
  const char* text;
  const char* why;  // a substring of the message
};

TEST(AmountParse, RefusesWithAReason) {
  const Refused cases[] = {
      {"", "is empty"},
      {" 5", "has spaces"},
      {"5 ", "has spaces"},
      {"+5", "'+' sign"},
      {"1e3", "exponent notation"},
      {"1E3", "exponent notation"},
      {"12,34", "decimal comma; write 12.34"},
      {"1,234.00", "thousands separators or a decimal comma; write 1234.00"},
      {"1.000,50", "thousands separators or a decimal comma; write 1000.50"},
      {"-1.234.567,5", "write -1234567.5"},
      {"1.000.000", "thousands separators; write 1000000"},
      {"1,000,000", "write 1000000"},
      {"1,000", "has ','; write the decimal part after '.'"},  // a thousand, or one?
      {"12,34,5", "has ','; write the decimal part after '.'"},
      {"1.00,0.5", "has ','; write the decimal part after '.'"},
      {"1,0000.5", "has ','; write the decimal part after '.'"},
      {",5", "has ','; write the decimal part after '.'"},
      {"NaN", "\"N\", which is not a digit"},
      {"inf", "\"i\", which is not a digit"},
      {"0x10", "\"x\", which is not a digit"},
      {"$5", "\"$\", which is not a digit"},
      {".5", "no digit before '.'; write 0.5"},
      {"-.5", "no digit before '.'; write -0.5"},
      {".", "has no digits"},
      {"-.", "has no digits"},
      {"-5.", "ends with '.'; write -5"},
      {"-007.10", "leading zeros; write -7.10"},
      {"5.", "ends with '.'; write 5"},
      {"007", "leading zeros; write 7"},
      {"-00.5", "leading zeros; write -0.5"},
      {"00", "leading zeros; write 0"},
      {"1.2.3", "more than one '.'"},
      {"-", "no digits"},
      {"--5", "'-' that is not the first"},
      {"5-", "'-' that is not the first"},
      {"800.505", "has 3 decimals; USD allows at most 2"},
  };
  for (const Refused& c : cases) {
    const Result<Amount> a = Amount::parse(c.text, currency("USD"), "--debit");
    ASSERT_FALSE(a.ok()) << "accepted " << c.text;
    EXPECT_EQ(a.error().code, ErrorCode::kInvalid) << c.text;
    EXPECT_EQ(a.error().field, "--debit");
    EXPECT_NE(a.error().message.find(c.why), std::string::npos)
        << c.text << " gave: " << a.error().message;
  }
}

TEST(AmountParse, NamesTheCurrencyScaleInTheMessage) {
  EXPECT_EQ(Amount::parse("800.505", currency("USD")).error().to_string(),
            "amount: \"800.505\" has 3 decimals; USD allows at most 2");
  EXPECT_EQ(Amount::parse("1.5", currency("JPY")).error().message,
            "\"1.5\" has 1 decimal; JPY has no minor unit, so it allows none");
  EXPECT_FALSE(Amount::parse("1.0", currency("CLP")).ok());
  EXPECT_FALSE(Amount::parse("1.23456", currency("CLF")).ok());
  EXPECT_FALSE(Amount::parse("1.2345", currency("KWD")).ok());
}

// limits::kAmountDigitsMax counts the digits of the minor-unit count.
TEST(AmountParse, DigitsLimitAtItsBoundary) {
  static_assert(limits::kAmountDigitsMax == 18);
  EXPECT_EQ(amount("9999999999999999.99").minor(), 999999999999999999);
  EXPECT_EQ(amount("-9999999999999999.99").minor(), -999999999999999999);
  EXPECT_EQ(amount("999999999999999999", "JPY").minor(), 999999999999999999);
  EXPECT_EQ(amount("99999999999999.9999", "CLF").minor(), 999999999999999999);
  const Result<Amount> usd = Amount::parse("10000000000000000", currency("USD"));
  ASSERT_FALSE(usd.ok());
  EXPECT_EQ(usd.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(usd.error().message,
            "\"10000000000000000\" has 19 significant digits (counting the 2 decimals of USD); "
            "at most 18 are allowed");
  const Result<Amount> jpy = Amount::parse("1000000000000000000", currency("JPY"));
  ASSERT_FALSE(jpy.ok());
  EXPECT_EQ(jpy.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(jpy.error().message,
            "\"1000000000000000000\" has 19 significant digits; at most 18 are allowed");
  for (const char* huge : {"1000000000000000000000000000000", "-1000000000000000000000000000000",
                           "340282366920938463463374607431768211456"}) {
    const Result<Amount> a = Amount::parse(huge, currency("JPY"));
    ASSERT_FALSE(a.ok()) << huge;
    EXPECT_EQ(a.error().code, ErrorCode::kLimitExceeded);
  }
  // Leading zeros of the fraction are not significant.
  EXPECT_EQ(amount("0.0001", "CLF").minor(), 1);
}

TEST(AmountParse, EveryParsedAmountFitsInt64) {
  for (const Currency& c : Currency::all()) {
    const auto scale = static_cast<std::size_t>(c.scale());
    const std::string nines(static_cast<std::size_t>(limits::kAmountDigitsMax) - scale, '9');
    const std::string text = scale == 0 ? nines : nines + "." + std::string(scale, '9');
    const Result<Amount> a = Amount::parse("-" + text, c);
    ASSERT_TRUE(a.ok()) << c.code() << ": " << a.error().to_string();
    EXPECT_TRUE(a->minor_int64().ok()) << c.code();
  }
}

// Random strings over the characters that matter: parse() accepts exactly the strict grammar
// (checked against a regular expression), within the digit limit, and keeps the value typed.
TEST(AmountParse, AcceptsExactlyTheStrictGrammar) {
  const std::regex grammar("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
  const std::string alphabet = "0000111999..--+e, x";
  std::mt19937_64 random(800505);
  std::uniform_int_distribution<std::size_t> length(0, 12);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n) text += alphabet[pick(random)];
    for (const char* code : {"USD", "JPY", "CLF"}) {
      const Currency c = currency(code);
      const Result<Amount> a = Amount::parse(text, c);
      const std::size_t point = text.find('.');
      const bool fits = point == std::string::npos ||
                        text.size() - point - 1 <= static_cast<std::size_t>(c.scale());
      ASSERT_EQ(a.ok(), std::regex_match(text, grammar) && fits) << text << " " << code;
      if (!a.ok()) continue;
      ++accepted;
      // The value is the one typed: its exact fraction equals the text read as a fraction.
      std::string digits = std::regex_replace(text, std::regex("[-.]"), "");
      digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));  // not octal
      const std::size_t decimals = point == std::string::npos ? 0 : text.size() - point - 1;
      Rational typed(boost::multiprecision::cpp_int(digits),
                     boost::multiprecision::pow(boost::multiprecision::cpp_int(10),
                                                static_cast<unsigned>(decimals)));
      if (text.front() == '-') typed = -typed;
      ASSERT_EQ(a->to_rational(), typed) << text;
    }
  }
  EXPECT_GT(accepted, 500);  // the alphabet is rich enough to exercise acceptance too
}

TEST(AmountFormat, IsCanonical) {
  EXPECT_EQ(minor(-5).to_string(), "-0.05");
  EXPECT_EQ(minor(5).to_string(), "0.05");
  EXPECT_EQ(minor(0).to_string(), "0.00");
  EXPECT_EQ(minor(100).to_string(), "1.00");
  EXPECT_EQ(minor(-123456).to_string(), "-1234.56");
  EXPECT_EQ(minor(1000, "JPY").to_string(), "1000");
  EXPECT_EQ(minor(-1, "JPY").to_string(), "-1");
  EXPECT_EQ(minor(12340, "CLF").to_string(), "1.2340");
  EXPECT_EQ(minor(-1, "KWD").to_string(), "-0.001");
  const MinorUnits big = std::numeric_limits<MinorUnits>::max();
  EXPECT_EQ(Amount::from_minor(big, currency("USD")).to_string(),
            "3402823669209384634633746074317682114.55");
}

TEST(AmountFormat, ParseOfToStringIsIdentity) {
  std::mt19937_64 random(20260301);
  std::uniform_int_distribution<std::int64_t> value(-999999999999999999, 999999999999999999);
  for (int i = 0; i < 2000; ++i) {
    for (const Currency& c : Currency::all()) {
      const Amount a = Amount::from_minor(value(random), c);
      const Result<Amount> back = Amount::parse(a.to_string(), c);
      ASSERT_TRUE(back.ok()) << a.to_string() << ": " << back.error().to_string();
      ASSERT_EQ(*back, a);
    }
  }
}

TEST(Amount, MinorInt64AtTheInt64Boundary) {
  const auto max = std::numeric_limits<std::int64_t>::max();
  const auto min = std::numeric_limits<std::int64_t>::min();
  EXPECT_EQ(minor(max).minor_int64().value(), max);
  EXPECT_EQ(minor(min).minor_int64().value(), min);
  const Amount above = Amount::from_minor(MinorUnits(max) + 1, currency("USD"));
  const Amount below = Amount::from_minor(MinorUnits(min) - 1, currency("USD"));
  for (const Amount& a : {above, below}) {
    const Result<std::int64_t> r = a.minor_int64("/amount_minor");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kLimitExceeded);
    EXPECT_EQ(r.error().field, "/amount_minor");
  }
}

TEST(Amount, ToRationalIsExactMajorUnits) {
  EXPECT_EQ(amount("800.50").to_rational(), Rational(1601, 2));
  EXPECT_EQ(amount("-0.01").to_rational(), Rational(-1, 100));
  EXPECT_EQ(amount("7", "JPY").to_rational(), Rational(7));
  EXPECT_EQ(amount("0.0001", "CLF").to_rational(), Rational(1, 10000));
}

TEST(Amount, SignsNegationAndAbs) {
  EXPECT_TRUE(amount("0").is_zero());
  EXPECT_TRUE(amount("-0.01").is_negative());
  EXPECT_TRUE(amount("0.01").is_positive());
  EXPECT_FALSE(amount("0").is_positive());
  EXPECT_FALSE(amount("0").is_negative());
  EXPECT_EQ(amount("12.34").negated(), amount("-12.34"));
  EXPECT_EQ(amount("-12.34").abs(), amount("12.34"));
  EXPECT_EQ(amount("12.34").abs(), amount("12.34"));
  const MinorUnits low = std::numeric_limits<MinorUnits>::lowest();
  const Amount lowest = Amount::from_minor(low, currency("USD"));
  EXPECT_EQ(lowest.negated().minor(), std::numeric_limits<MinorUnits>::max());
  EXPECT_EQ(lowest.abs().minor(), std::numeric_limits<MinorUnits>::max());
}

TEST(Amount, PlusAndMinusInOneCurrency) {
  EXPECT_EQ(amount("800.50").plus(amount("0.55")).value(), amount("801.05"));
  EXPECT_EQ(amount("0.10").minus(amount("0.25")).value(), amount("-0.15"));
  EXPECT_EQ(amount("5", "JPY").minus(amount("5", "JPY")).value(), amount("0", "JPY"));
}

TEST(Amount, MixedCurrenciesAreRefused) {
  const Result<Amount> sum = amount("1").plus(amount("1", "EUR"));
  ASSERT_FALSE(sum.ok());
  EXPECT_EQ(sum.error().code, ErrorCode::kCurrencyMismatch);
  EXPECT_EQ(sum.error().message,
            "cannot add EUR to USD: currencies are never mixed without an explicit exchange");
  const Result<Amount> difference = amount("1", "BOB").minus(amount("1", "PEN"));
  ASSERT_FALSE(difference.ok());
  EXPECT_EQ(difference.error().code, ErrorCode::kCurrencyMismatch);
  EXPECT_NE(difference.error().message.find("cannot subtract PEN from BOB"), std::string::npos);
}

TEST(Amount, OverflowIsAnErrorNeverAWrap) {
  const Amount max = Amount::from_minor(std::numeric_limits<MinorUnits>::max(), currency("USD"));
  const Amount low = Amount::from_minor(std::numeric_limits<MinorUnits>::lowest(), currency("USD"));
  const Result<Amount> over = max.plus(minor(1));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::kLimitExceeded);
  EXPECT_NE(over.error().message.find("sum in USD is beyond the range"), std::string::npos);
  const Result<Amount> under = low.minus(minor(1));
  ASSERT_FALSE(under.ok());
  EXPECT_EQ(under.error().code, ErrorCode::kLimitExceeded);
  EXPECT_FALSE(max.minus(minor(-1)).ok());
  EXPECT_TRUE(max.plus(minor(0)).ok());
  EXPECT_TRUE(max.plus(low).ok());
}

TEST(Amount, EqualityIncludesTheCurrency) {
  EXPECT_EQ(amount("1.00"), amount("1"));
  EXPECT_NE(amount("1"), amount("1", "EUR"));
  EXPECT_NE(amount("1"), amount("1.01"));
}

TEST(Amount, OrdersWithinOneCurrency) {
  EXPECT_LT(amount("-1"), amount("0"));
  EXPECT_GT(amount("0.01"), amount("0"));
  EXPECT_LE(amount("2"), amount("2.00"));
  EXPECT_EQ(amount("2") <=> amount("2.00"), std::strong_ordering::equal);
}

TEST(Amount, OrderingTwoCurrenciesIsABug) {
  EXPECT_THROW(static_cast<void>(amount("1") < amount("1", "EUR")), InvariantViolation);
}

TEST(Amount, ZeroAndFromMinor) {
  EXPECT_EQ(Amount::zero(currency("CLF")).to_string(), "0.0000");
  EXPECT_EQ(Amount::from_minor(MinorUnits(-250), currency("KWD")), amount("-0.25", "KWD"));
}

}  // namespace
}  // namespace semilla::money
