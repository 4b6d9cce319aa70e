// SPDX-License-Identifier: Apache-2.0
#include "ledger/base/country.h"

#include <gtest/gtest.h>

#include <string>

namespace semilla {
namespace {

TEST(Country, TheProgrammesCountriesAndTheirNeighboursAreCodes) {
  for (const char* code : {"EC", "PE", "BO", "CO", "MX", "VE", "HT", "CU", "US", "ES"}) {
    EXPECT_TRUE(is_country_code(code)) << code;
  }
}

TEST(Country, StatelessAndKosovoAreAccepted) {
  EXPECT_TRUE(is_country_code("XX"));
  EXPECT_TRUE(is_country_code("XK"));
}

TEST(Country, ShapeAloneIsNotEnough) {
  // Withdrawn (AN, YU, CS), reserved (EU, UK), never assigned (ZZ, QQ).
  for (const char* code : {"AN", "YU", "CS", "EU", "UK", "ZZ", "QQ", "AA"}) {
    EXPECT_FALSE(is_country_code(code)) << code;
  }
  for (const char* code : {"", "E", "ec", "Ec", "ECU", "E1", " EC"}) {
    EXPECT_FALSE(is_country_code(code)) << "\"" << code << "\"";
  }
}

TEST(Country, ExactlyTheAssignedCodesPlusTwo) {
  int count = 0;
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) count += is_country_code(std::string{a, b}) ? 1 : 0;
  }
  EXPECT_EQ(count, 249 + 2);
}

}  // namespace
}  // namespace semilla
