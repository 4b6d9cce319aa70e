// SPDX-License-Identifier: Apache-2.0
// Currency cash rounding (--currency-multiple-of, Fineract's currency "inMultiplesOf"): every
// figure of a schedule in multiples of the smallest coin or note in use. The zero-decimal
// figures are Fineract's (ClientLoanIntegrationTest, commit 4198b0bc); the two-decimal ones
// follow the same rule by hand (Fineract applies its whole-number inMultiplesOf only to
// zero-decimal currencies; docs/loans.md).
#include <gtest/gtest.h>

#include "ledger/loans/schedule.h"
#include "tests/loans/loans_test_util.h"

namespace semilla::loans {
namespace {

using ::testing::ElementsAre;
using testing::amount;
using testing::date;
using testing::rows;
using testing::schedule;
using testing::terms;

// "n date principal interest" of instalment n (1-based).
std::string line(const Schedule& s, std::size_t n) {
  const Installment& i = s.installments.at(n - 1);
  return std::to_string(i.number) + " " + i.due_date.to_string() + " " +
         i.principal.to_string() + " " + i.interest.to_string();
}

LoanTerms guarani(std::vector<std::pair<std::string, std::string>> options) {
  options.insert(options.end(), {{"--rate", "24"},
                                 {"--installments", "24"},
                                 {"--amortization", "equal-principal"},
                                 {"--currency-multiple-of", "100"}});
  return terms(options, "PYG");
}

// Source: Fineract ClientLoanIntegrationTest.testClientLoanScheduleWithCurrencyDetails
// (verifyLoanRepaymentScheduleForEqualPrincipal): a currency with 0 decimals in multiples of
// 100; 10,000,000 at 2% a month, 24 monthly, declining balance, equal principal, disbursed
// 2 June 2014. Principal 10,000,000/24 = 416,666.67 -> 416,667 -> 416,700; interest
// 2% of each balance to the nearest 100; the last principal takes the rest, 415,900. Fineract
// runs it with USD set to 0 decimals; Semilla uses the guarani (PYG, 0 decimals).
TEST(CashRoundingFineract, EqualPrincipalInMultiplesOfHundred) {
  const Schedule s = schedule(guarani({}), "10000000", "2014-06-02");
  ASSERT_EQ(s.installments.size(), 24u);
  EXPECT_EQ(line(s, 1), "1 2014-07-02 416700 200000");
  EXPECT_EQ(line(s, 2), "2 2014-08-02 416700 191700");
  EXPECT_EQ(line(s, 3), "3 2014-09-02 416700 183300");
  EXPECT_EQ(line(s, 4), "4 2014-10-02 416700 175000");
  EXPECT_EQ(line(s, 5), "5 2014-11-02 416700 166700");
  EXPECT_EQ(line(s, 6), "6 2014-12-02 416700 158300");
  EXPECT_EQ(line(s, 10), "10 2015-04-02 416700 125000");
  EXPECT_EQ(line(s, 20), "20 2016-02-02 416700 41700");
  EXPECT_EQ(line(s, 24), "24 2016-06-02 415900 8300");
}

// Source: Fineract ClientLoanIntegrationTest.testClientLoanScheduleWithCurrencyDetails_with_grace
// (verifyLoanRepaymentScheduleForEqualPrincipalWithGrace): the same loan with 5 instalments of
// principal grace: 10,000,000/19 -> 526,300 from the 6th; the last takes 526,600.
TEST(CashRoundingFineract, EqualPrincipalWithGraceInMultiplesOfHundred) {
  const Schedule s = schedule(guarani({{"--grace-principal", "5"}}), "10000000", "2014-06-02");
  ASSERT_EQ(s.installments.size(), 24u);
  for (std::size_t n = 1; n <= 5; ++n) {
    EXPECT_EQ(s.installments[n - 1].principal, amount("0", "PYG")) << n;
    EXPECT_EQ(s.installments[n - 1].interest, amount("200000", "PYG")) << n;
  }
  EXPECT_EQ(line(s, 6), "6 2014-12-02 526300 200000");
  EXPECT_EQ(line(s, 7), "7 2015-01-02 526300 189500");
  EXPECT_EQ(line(s, 10), "10 2015-04-02 526300 157900");
  EXPECT_EQ(line(s, 20), "20 2016-02-02 526300 52600");
  EXPECT_EQ(line(s, 24), "24 2016-06-02 526600 10500");
}

// Hand: the step's tie goes up whatever the rounding mode (Fineract Money keeps the lower
// multiple only when it is strictly nearer): 7,500 at 2% for one month is 150 of interest,
// exactly between 100 and 200 -> 200, under half-even and under down alike.
TEST(CashRoundingHand, TieGoesUpWhateverTheMode) {
  for (const char* mode : {"half-even", "down"}) {
    const Schedule s = schedule(terms({{"--rate", "24"},
                                       {"--currency-multiple-of", "100"},
                                       {"--rounding", mode}},
                                      "PYG"),
                                "7500", "2024-01-10");
    EXPECT_THAT(rows(s), ElementsAre("1 2024-02-10 7500 200 0 7700 0")) << mode;
  }
}

// Hand, a two-decimal currency whose smallest coin is 0.10 (the boliviano): 1,000.00 at 1% a
// month in 4, equal instalments. The annuity 256.281.. goes to the nearest 0.10, 256.30;
// interest 10.00, then 753.70 x 1% = 7.537 -> 7.54 -> 7.50, 504.90 x 1% = 5.049 -> 5.05 -> 5.10
// (the tie goes up), 253.70 x 1% = 2.537 -> 2.54 -> 2.50; the last repays 253.70.
TEST(CashRoundingHand, TwoDecimalCurrencyInTenCents) {
  const Schedule s = schedule(terms({{"--rate", "12"},
                                     {"--installments", "4"},
                                     {"--currency-multiple-of", "0.10"}},
                                    "BOB"),
                              "1000", "2024-01-10");
  EXPECT_THAT(rows(s), ElementsAre("1 2024-02-10 246.30 10.00 0.00 256.30 753.70",
                                   "2 2024-03-10 248.80 7.50 0.00 256.30 504.90",
                                   "3 2024-04-10 251.20 5.10 0.00 256.30 253.70",
                                   "4 2024-05-10 253.70 2.50 0.00 256.20 0.00"));
}

// Hand: a flat loan and a progressive one in multiples of 5 units of the franc CFA (XOF, 0
// decimals): every figure of the schedule is a multiple of the step, and the principal parts
// sum exactly to the principal.
TEST(CashRoundingHand, EveryFigureIsAMultipleOfTheStep) {
  const std::vector<std::vector<std::pair<std::string, std::string>>> cases = {
      {{"--method", "flat"}, {"--rate", "30"}, {"--installments", "7"}},
      {{"--schedule", "progressive"}, {"--rate", "30"}, {"--installments", "7"}},
      {{"--rate", "30"}, {"--installments", "7"}, {"--unit", "weeks"}}};
  for (auto options : cases) {
    options.emplace_back("--currency-multiple-of", "5");
    const Schedule s = schedule(terms(options, "XOF"), "100000", "2024-01-31");
    ASSERT_EQ(s.installments.size(), 7u);
    for (const Installment& i : s.installments) {
      EXPECT_EQ(i.principal.minor() % 5, 0) << i.number;
      EXPECT_EQ(i.interest.minor() % 5, 0) << i.number;
    }
    EXPECT_EQ(s.total_principal, amount("100000", "XOF"));
  }
}

// The principal and a fixed fee change hands in cash: they must be multiples of the step, and
// so must the instalment step. Each refusal names its option.
TEST(CashRoundingErrors, AmountsOffTheStepAreRefused) {
  const LoanTerms t = terms({{"--currency-multiple-of", "100"}, {"--fee", "250"}}, "PYG");
  std::vector<std::string> fields;
  for (const Error& e : validate_loan(t, amount("10050", "PYG"))) fields.push_back(e.field);
  EXPECT_THAT(fields, ElementsAre("--principal", "--fee"));
  const LoanTerms bad_step =
      terms({{"--currency-multiple-of", "100"}, {"--multiple-of", "50"}}, "PYG");
  fields.clear();
  for (const Error& e : validate(bad_step)) fields.push_back(e.field);
  EXPECT_THAT(fields, ElementsAre("--multiple-of"));
  const LoanTerms zero = terms({{"--currency-multiple-of", "0"}}, "PYG");
  fields.clear();
  for (const Error& e : validate(zero)) fields.push_back(e.field);
  EXPECT_THAT(fields, ElementsAre("--currency-multiple-of"));
}

// Source: Fineract LoanApplicationTerms.calculateEqualPrincipalDueForInstallment, which does
// not read installmentAmountInMultiplesOf: Fineract accepts the option on a declining loan with
// equal principal and its schedule is the one without it. Semilla accepts it and does the same.
TEST(MultipleOfFineract, EqualPrincipalAcceptsTheStepAndKeepsItsSchedule) {
  const std::vector<std::pair<std::string, std::string>> base = {
      {"--amortization", "equal-principal"}, {"--rate", "24"}, {"--installments", "5"}};
  auto with_step = base;
  with_step.emplace_back("--multiple-of", "20");
  EXPECT_TRUE(validate(terms(with_step)).empty());
  EXPECT_EQ(rows(schedule(terms(with_step), "1000", "2024-01-15")),
            rows(schedule(terms(base), "1000", "2024-01-15")));
}

}  // namespace
}  // namespace semilla::loans
