// SPDX-License-Identifier: Apache-2.0
// APR and EIR from real cash flows. Expected figures: the IRR of the same flows found
// independently by bisection in 60-digit decimal arithmetic (Python decimal), outside Semilla.
#include <gtest/gtest.h>

#include <boost/multiprecision/cpp_int.hpp>
#include <string>

#include "ledger/loans/apr.h"
#include "tests/loans/loans_test_util.h"

namespace semilla::loans {
namespace {

using money::MinorUnits;

CostOfCredit cost(const LoanTerms& t, std::string_view principal) {
  const Schedule s = testing::schedule(t, principal, "2024-01-10");
  auto c = cost_of_credit(t, s);
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().to_string());
  return std::move(c).value();
}

// A decimal reference "0.0199..." as an exact Rational.
Rational decimal(const std::string& digits_after_point) {
  boost::multiprecision::cpp_int den = 1;
  for (std::size_t i = 0; i < digits_after_point.size(); ++i) den *= 10;
  // cpp_int reads a leading 0 as octal: drop the leading zeros first.
  const std::size_t first = digits_after_point.find_first_not_of('0');
  return Rational(boost::multiprecision::cpp_int(digits_after_point.substr(first)), den);
}

void expect_near(const Rational& value, const Rational& reference) {
  const Rational diff = value > reference ? value - reference : reference - value;
  EXPECT_LT(diff, Rational(1, 1000000000000LL)) << value.str() << " vs " << reference.str();
}

// 24% declining over 12 months, no fee: the IRR is the nominal 2% a month but for the rounding
// of the instalments (94.56, last 94.54): 0.0199981267806.. -> APR 23.9978% -> "24.00";
// EIR 26.8214% -> "26.82".
TEST(CostOfCredit, DecliningLoanCostsItsNominalRate) {
  const CostOfCredit c =
      cost(testing::terms({{"--rate", "24"}, {"--installments", "12"}}), "1000");
  expect_near(c.rate_per_period, decimal("0199981267806183961037051900"));
  EXPECT_EQ(c.apr_percent, "24.00");
  EXPECT_EQ(c.eir_percent, "26.82");
  EXPECT_EQ(c.nominal_percent, "24");
  EXPECT_EQ(c.apr_to_nominal, "1.00");
  EXPECT_EQ(c.periods_per_year, Rational(12));
}

// The flat loan of the hand schedule test (1,000.00, 12 months, 24% flat: 103.33 a month, last
// 103.37) costs 0.03475163143886.. a month: APR 41.70%, EIR 50.67%, 1.74 times its nominal.
TEST(CostOfCredit, FlatLoanIsMuchDearerThanItsNominalRate) {
  const CostOfCredit c = cost(
      testing::terms({{"--method", "flat"}, {"--rate", "24"}, {"--installments", "12"}}),
      "1000");
  expect_near(c.rate_per_period, decimal("0347516314388681145851406725"));
  EXPECT_EQ(c.apr_percent, "41.70");
  EXPECT_EQ(c.eir_percent, "50.67");
  EXPECT_EQ(c.apr_to_nominal, "1.74");
}

// A typical weekly microcredit: 500.00 over 16 weeks at 52% flat (36.25 a week). IRR
// 0.01802004881134.. a week: APR 93.70%, about double the nominal 52% (1.80 times).
TEST(CostOfCredit, WeeklyFlatLoanCostsAboutDoubleItsNominalRate) {
  const CostOfCredit c = cost(testing::terms({{"--method", "flat"},
                                              {"--rate", "52"},
                                              {"--installments", "16"},
                                              {"--unit", "weeks"}}),
                              "500");
  expect_near(c.rate_per_period, decimal("0180200488113495625758848044"));
  EXPECT_EQ(c.apr_percent, "93.70");
  EXPECT_EQ(c.eir_percent, "153.12");
  EXPECT_EQ(c.apr_to_nominal, "1.80");
}

// A 2.5% fee deducted from the disbursement: the borrower nets 975.00 for the same
// instalments. IRR 0.02414496222095.. : APR 28.97%, EIR 33.15%. Paid upfront, the same.
TEST(CostOfCredit, FeesRaiseTheCost) {
  for (const char* mode : {"deducted", "upfront"}) {
    const CostOfCredit c = cost(testing::terms({{"--rate", "24"},
                                                {"--installments", "12"},
                                                {"--fee", "2.5%"},
                                                {"--fee-mode", mode}}),
                                "1000");
    expect_near(c.rate_per_period, decimal("0241449622209525799262144883"));
    EXPECT_EQ(c.apr_percent, "28.97");
    EXPECT_EQ(c.eir_percent, "33.15");
  }
}

// Every 5 months: 2.4 periods a year, so the EIR needs the 5th root of (1+i)^12. Flows -1000,
// 576.19, 576.19: IRR 0.09999938416417.., APR 23.9999% -> "24.00", EIR 25.7019% -> "25.70".
TEST(CostOfCredit, FractionalPeriodsPerYear) {
  const CostOfCredit c = cost(testing::terms({{"--rate", "24"},
                                              {"--installments", "2"},
                                              {"--every", "5"}}),
                              "1000");
  EXPECT_EQ(c.periods_per_year, Rational(12, 5));
  expect_near(c.rate_per_period, decimal("0999993841641699128779727341"));
  EXPECT_EQ(c.apr_percent, "24.00");
  EXPECT_EQ(c.eir_percent, "25.70");
}

TEST(CostOfCredit, InterestFreeLoanWithoutFeeCostsNothing) {
  const CostOfCredit c =
      cost(testing::terms({{"--rate", "0"}, {"--installments", "6"}}), "600");
  EXPECT_EQ(c.rate_per_period, Rational(0));
  EXPECT_EQ(c.apr_percent, "0.00");
  EXPECT_EQ(c.eir_percent, "0.00");
  EXPECT_EQ(c.apr_to_nominal, "");
}

TEST(Irr, RefusesFlowsWithoutARate) {
  EXPECT_EQ(irr_per_period({}).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(irr_per_period({MinorUnits(100), MinorUnits(-50)}).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(irr_per_period({MinorUnits(-100), MinorUnits(50)}).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(irr_per_period({MinorUnits(-1), MinorUnits(5000)}).error().code,
            ErrorCode::kLimitExceeded);
}

TEST(Irr, ExactWhenTheRateIsDyadic) {
  // -100 now, 150 in one period: exactly 50%.
  EXPECT_EQ(irr_per_period({MinorUnits(-100), MinorUnits(150)}).value(), Rational(1, 2));
  // -400 now, 0, 900 two periods later: (1+i)^2 = 9/4, i = 1/2.
  EXPECT_EQ(irr_per_period({MinorUnits(-400), MinorUnits(0), MinorUnits(900)}).value(),
            Rational(1, 2));
}

}  // namespace
}  // namespace semilla::loans
