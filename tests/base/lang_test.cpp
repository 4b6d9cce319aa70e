// SPDX-License-Identifier: Apache-2.0
#include "ledger/base/lang.h"

#include <gtest/gtest.h>

#include <clocale>
#include <cstdio>
#include <string>

namespace semilla {
namespace {

const std::string kLocaleDir = SEMILLA_BINARY_DIR "/share/locale";

// Every test leaves the process in English, as the other tests of this binary expect.
class Lang : public ::testing::Test {
 protected:
  void TearDown() override { use_language(Language::kEnglish, kLocaleDir); }
};

TEST_F(Lang, LocaleNamesChooseTheLanguage) {
  for (const char* es : {"es", "es_EC.UTF-8", "es_PE", "es-PE", "es_BO@euro", "es.UTF-8"}) {
    EXPECT_EQ(language_from_name(es), Language::kSpanish) << es;
  }
  for (const char* en : {"en", "en_US.UTF-8", "C", "POSIX", "C.UTF-8"}) {
    EXPECT_EQ(language_from_name(en), Language::kEnglish) << en;
  }
  for (const char* other : {"", "fr_FR.UTF-8", "pt_BR", "spanish", "e", "ES"}) {
    EXPECT_EQ(language_from_name(other), std::nullopt) << other;
  }
}

TEST_F(Lang, EnglishNumbersGroupThousandsWithCommas) {
  use_language(Language::kEnglish, kLocaleDir);
  EXPECT_EQ(display_number("0.00"), "0.00");
  EXPECT_EQ(display_number("999.99"), "999.99");
  EXPECT_EQ(display_number("1000.50"), "1,000.50");
  EXPECT_EQ(display_number("-1234567.891"), "-1,234,567.891");
  EXPECT_EQ(display_number("12"), "12");
  EXPECT_EQ(display_number("999999999999999999"), "999,999,999,999,999,999");
  EXPECT_EQ(display_number("9999999999999999.99"), "9,999,999,999,999,999.99");
  for (const char* other : {"", "-", "abc", "1.2.3", "1,000", ".5", "5.", "--1", "1e5", "USD"}) {
    EXPECT_EQ(display_number(other), other) << other;
  }
}

TEST_F(Lang, SpanishNumbersGroupThousandsWithPointsAndUseADecimalComma) {
  use_language(Language::kSpanish, kLocaleDir);
  EXPECT_EQ(display_number("1234.56"), "1.234,56");
  EXPECT_EQ(display_number("-1234567.891"), "-1.234.567,891");
  EXPECT_EQ(display_number("0.1250"), "0,1250");
  EXPECT_EQ(display_number("1500"), "1.500");
  EXPECT_EQ(display_number("999.99"), "999,99");
  EXPECT_EQ(display_number("1.2.3"), "1.2.3");
  EXPECT_EQ(display_number("12.50%"), "12,50%");
  EXPECT_EQ(display_number("%"), "%");
  EXPECT_EQ(display_number("x%"), "x%");
}

TEST_F(Lang, SpanishComesFromTheCatalogueWithoutASpanishLocaleOrNumericChanges) {
  use_language(Language::kSpanish, kLocaleDir);
  EXPECT_STREQ(tr("Balance"), "Saldo");
  EXPECT_EQ(trf("\"{value}\" is not a transaction number", {{"value", "x"}}),
            "\"x\" no es un número de asiento");
  EXPECT_STREQ(tr("no such message in the catalogue"), "no such message in the catalogue");
  // Numbers are printed and read as ever: LC_NUMERIC is still "C".
  EXPECT_STREQ(std::setlocale(LC_NUMERIC, nullptr), "C");
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%d.%02d", 1234, 5);
  EXPECT_STREQ(buffer, "1234.05");
  use_language(Language::kEnglish, kLocaleDir);
  EXPECT_STREQ(tr("Balance"), "Balance");
  EXPECT_EQ(trf("{a} and {a}, {b}", {{"a", "x"}, {"b", "{a}"}}), "x and x, {a}");
}

}  // namespace
}  // namespace semilla
