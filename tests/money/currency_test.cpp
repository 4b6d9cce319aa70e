// SPDX-License-Identifier: Apache-2.0
#include "ledger/money/currency.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace semilla::money {
namespace {

struct Expected {
  const char* code;
  int scale;
};

// ISO 4217 List One minor units of the currencies the product's issue names.
TEST(Currency, KnowsTheIsoMinorUnits) {
  const Expected expected[] = {
      {"USD", 2}, {"EUR", 2}, {"BOB", 2}, {"PEN", 2}, {"COP", 2}, {"MXN", 2}, {"CLP", 0},
      {"ARS", 2}, {"BRL", 2}, {"GTQ", 2}, {"HNL", 2}, {"NIO", 2}, {"CRC", 2}, {"PAB", 2},
      {"PYG", 0}, {"UYU", 2}, {"DOP", 2}, {"VES", 2}, {"JPY", 0}, {"KWD", 3}, {"BHD", 3},
      {"CLF", 4}, {"GBP", 2}, {"CHF", 2}, {"CAD", 2}, {"XOF", 0}, {"ISK", 0}, {"UYW", 4},
      {"UYI", 0}, {"KRW", 0}, {"JOD", 3}, {"OMR", 3}, {"TND", 3}, {"XAF", 0}};
  for (const Expected& e : expected) {
    const Result<Currency> c = Currency::find(e.code);
    ASSERT_TRUE(c.ok()) << e.code << ": " << c.error().to_string();
    EXPECT_EQ(c->code(), e.code);
    EXPECT_EQ(c->scale(), e.scale) << e.code;
  }
}

TEST(Currency, TableIsSortedUniqueAndFindable) {
  const std::vector<Currency>& all = Currency::all();
  ASSERT_GE(all.size(), 30u);
  for (std::size_t i = 1; i < all.size(); ++i) {
    EXPECT_LT(all[i - 1].code(), all[i].code()) << "at " << i;
  }
  for (const Currency& c : all) {
    const Result<Currency> found = Currency::find(c.code());
    ASSERT_TRUE(found.ok()) << c.code();
    EXPECT_EQ(found->scale(), c.scale());
    EXPECT_GE(c.scale(), 0);
    EXPECT_LE(c.scale(), 4) << "limits::kAmountDigitsMax assumes scales of at most 4";
  }
}

TEST(Currency, RefusesMalformedCodes) {
  for (const char* bad : {"", "usd", "Usd", "US", "USDD", "U$D", " USD", "USD ", "123"}) {
    const Result<Currency> c = Currency::find(bad, "/postings/0/currency");
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(c.error().field, "/postings/0/currency");
    EXPECT_NE(c.error().message.find("three upper-case letters"), std::string::npos)
        << c.error().message;
  }
}

TEST(Currency, RefusesUnknownCodesByName) {
  const Result<Currency> c = Currency::find("XYZ");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(c.error().to_string(), "currency: \"XYZ\" is not a currency Semilla knows");
}

TEST(Currency, MessagesEscapeAndCutWhatTheUserTyped) {
  const Result<Currency> control = Currency::find(std::string("U\nD"));
  ASSERT_FALSE(control.ok());
  EXPECT_EQ(control.error().message.rfind("\"U\\x0aD\" is not", 0), 0u) << control.error().message;
  const Result<Currency> long_code = Currency::find(std::string(1000, 'A'));
  ASSERT_FALSE(long_code.ok());
  EXPECT_LT(long_code.error().message.size(), 200u);
  EXPECT_NE(long_code.error().message.find("(1000 bytes)"), std::string::npos);
}

TEST(Currency, EqualityIsByCode) {
  EXPECT_EQ(Currency::find("USD").value(), Currency::find("USD").value());
  EXPECT_FALSE(Currency::find("USD").value() == Currency::find("EUR").value());
}

}  // namespace
}  // namespace semilla::money
