// SPDX-License-Identifier: Apache-2.0
// Amount::parse_canonical (the one spelling to_string writes, for audit payloads) and
// split_amount_text (an amount typed with or without its currency; no space around it).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "ledger/money/amount.h"
#include "tests/money/money_test_util.h"

namespace semilla::money {
namespace {

using testing::currency;

TEST(AmountParseCanonical, AcceptsExactlyWhatToStringWrites) {
  for (const auto& [text, code] : std::initializer_list<std::pair<const char*, const char*>>{
           {"1.00", "USD"}, {"-1.00", "USD"}, {"0.00", "USD"}, {"0.05", "USD"},
           {"1", "JPY"}, {"-7", "CLP"}, {"0", "JPY"}, {"1.2340", "CLF"}, {"1.500", "KWD"}}) {
    auto a = Amount::parse_canonical(text, currency(code));
    ASSERT_TRUE(a.ok()) << text << " " << code << ": " << a.error().to_string();
    EXPECT_EQ(a->to_string(), text);
  }
}

TEST(AmountParseCanonical, RefusesEveryOtherSpellingNamingTheField) {
  for (const auto& [text, code] : std::initializer_list<std::pair<const char*, const char*>>{
           {"1", "USD"}, {"1.0", "USD"}, {"1.000", "USD"}, {"-0.00", "USD"}, {"-0", "JPY"},
           {"+1.00", "USD"}, {"01.00", "USD"}, {" 1.00", "USD"}, {"1.00 ", "USD"},
           {"1.0", "JPY"}, {"1.234", "CLF"}, {"", "USD"}, {"1e2", "USD"}, {".50", "USD"}}) {
    auto a = Amount::parse_canonical(text, currency(code), "payload/amount");
    ASSERT_FALSE(a.ok()) << "accepted \"" << text << "\" " << code;
    EXPECT_EQ(a.error().field, "payload/amount");
  }
  auto one = Amount::parse_canonical("1", currency("USD"));
  ASSERT_FALSE(one.ok());
  EXPECT_NE(one.error().message.find("exactly 2 decimals"), std::string::npos)
      << one.error().message;
  EXPECT_NE(one.error().message.find("1.00"), std::string::npos) << one.error().message;
}

TEST(AmountParseCanonical, RoundTripsRandomAmounts) {
  std::mt19937_64 rng(8785);
  for (int i = 0; i < 20000; ++i) {
    const Currency c = Currency::all()[rng() % Currency::all().size()];
    const auto minor = static_cast<std::int64_t>(rng() % 2000000000000ULL) - 1000000000000LL;
    const std::string text = Amount::from_minor(minor, c).to_string();
    auto a = Amount::parse_canonical(text, c);
    ASSERT_TRUE(a.ok()) << text << " " << c.code();
    ASSERT_EQ(a->to_string(), text);
  }
}

TEST(AmountParse, SurroundingSpaceIsRefusedAsSuch) {
  for (const char* text : {" 1.00", "1.00 ", "\t1.00", "1.00\n", " 1.00 "}) {
    auto a = Amount::parse(text, currency("USD"), "AMOUNT");
    ASSERT_FALSE(a.ok()) << text;
    EXPECT_EQ(a.error().field, "AMOUNT");
    EXPECT_NE(a.error().message.find("spaces around the number"), std::string::npos)
        << a.error().message;
  }
}

TEST(SplitAmountText, SplitsTheNumberFromItsCurrency) {
  auto plain = split_amount_text("12.50", "AMOUNT");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->number, "12.50");
  EXPECT_EQ(plain->currency, "");
  auto with = split_amount_text("12.50 USD", "AMOUNT");
  ASSERT_TRUE(with.ok());
  EXPECT_EQ(with->number, "12.50");
  EXPECT_EQ(with->currency, "USD");
}

TEST(SplitAmountText, RefusesASpaceBeforeOrAfterAsAnAmountError) {
  for (const char* text : {"1.00 ", " 1.00", " 1.00 USD", "1.00 USD ", "\t1.00", "1.00\n"}) {
    auto s = split_amount_text(text, "--debit 1");
    ASSERT_FALSE(s.ok()) << "accepted \"" << text << "\"";
    EXPECT_EQ(s.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(s.error().field, "--debit 1");
    EXPECT_NE(s.error().message.find("spaces around the amount"), std::string::npos)
        << s.error().message;
  }
}

}  // namespace
}  // namespace semilla::money
