// SPDX-License-Identifier: Apache-2.0
// Schedules pinned to worked examples. Each test names the source of its expected figures:
// a Fineract test (its figures copied), or a hand computation written out in the comment.
#include <gtest/gtest.h>

#include "ledger/loans/schedule.h"
#include "tests/loans/loans_test_util.h"

namespace semilla::loans {
namespace {

using ::testing::ElementsAre;
using testing::amount;
using testing::rows;
using testing::schedule;
using testing::terms;

// Source: Apache Fineract, ClientLoanIntegrationTest.checkClientLoanCreateAndDisburseFlow
// (verifyLoanRepaymentSchedule): 12,000.00, 4 monthly repayments, 2% per month (24% a year),
// declining balance, equal instalments, interest same as repayment period, disbursed
// 20 September 2011. Principal and interest per instalment and due dates are Fineract's.
TEST(ScheduleFineract, DecliningEqualInstallmentsClientLoanIntegrationTest) {
  const Schedule s = schedule(terms({{"--rate", "24"}, {"--installments", "4"}}), "12000.00",
                              "2011-09-20");
  EXPECT_THAT(rows(s), ElementsAre("1 2011-10-20 2911.49 240.00 0.00 3151.49 9088.51",
                                   "2 2011-11-20 2969.72 181.77 0.00 3151.49 6118.79",
                                   "3 2011-12-20 3029.11 122.38 0.00 3151.49 3089.68",
                                   "4 2012-01-20 3089.68 61.79 0.00 3151.47 0.00"));
  EXPECT_EQ(s.total_principal, amount("12000.00"));
  EXPECT_EQ(s.total_interest, amount("605.94"));
}

// Source: a Fineract integration test (verifyLoanRepaymentSchedule, 1 March 2014): 10,000.00,
// one monthly repayment, flat interest of 25% per month (300% a year), equal instalments:
// principal 10000.00 and interest 2500.00 due 1 April 2014.
TEST(ScheduleFineract, FlatSingleRepayment) {
  const Schedule s = schedule(
      terms({{"--method", "flat"}, {"--rate", "300"}, {"--installments", "1"}}), "10000",
      "2014-03-01");
  EXPECT_THAT(rows(s), ElementsAre("1 2014-04-01 10000.00 2500.00 0.00 12500.00 0.00"));
}

// Source: Fineract ClientLoanIntegrationTest.testLoanRepaymentPerSemiMonth... (10,000.00 in 24
// repayments, flat): principal 416.67 on each instalment and 416.59 on the last; interest 50
// each. The frequency there is semi-monthly, which Semilla lacks; the flat principal split and
// the interest per instalment (10000 x 6% / 12 = 50) do not depend on it.
TEST(ScheduleFineract, FlatLastInstallmentAbsorbsPrincipalRemainder) {
  const Schedule s = schedule(
      terms({{"--method", "flat"}, {"--rate", "6"}, {"--installments", "24"}}), "10000",
      "2019-10-30");
  ASSERT_EQ(s.installments.size(), 24u);
  for (std::size_t i = 0; i + 1 < 24; ++i) {
    EXPECT_EQ(s.installments[i].principal, amount("416.67"));
    EXPECT_EQ(s.installments[i].interest, amount("50.00"));
  }
  EXPECT_EQ(s.installments[23].principal, amount("416.59"));
  EXPECT_EQ(s.installments[23].interest, amount("50.00"));
  EXPECT_EQ(s.installments[23].due_date.to_string(), "2021-10-30");
}

// Hand: flat 24% a year on 1,000.00 for 12 months: interest 1000 x 0.24 = 240.00, 20.00 an
// instalment; principal 1000/12 = 83.333.. -> 83.33, the last 1000 - 11 x 83.33 = 83.37.
TEST(ScheduleHand, FlatTwelveMonths) {
  const Schedule s = schedule(
      terms({{"--method", "flat"}, {"--rate", "24"}, {"--installments", "12"}}), "1000",
      "2024-01-15");
  ASSERT_EQ(s.installments.size(), 12u);
  EXPECT_EQ(rows(s)[0], "1 2024-02-15 83.33 20.00 0.00 103.33 916.67");
  EXPECT_EQ(rows(s)[11], "12 2025-01-15 83.37 20.00 0.00 103.37 0.00");
  EXPECT_EQ(s.total_interest, amount("240.00"));
  EXPECT_EQ(s.total_due, amount("1240.00"));
}

// Hand: declining, equal principal, 1,200.00 in 3 months at 12%: 400.00 each; interest 1% of
// the balance: 12.00, 8.00, 4.00.
TEST(ScheduleHand, DecliningEqualPrincipal) {
  const Schedule s = schedule(terms({{"--amortization", "equal-principal"},
                                     {"--rate", "12"},
                                     {"--installments", "3"}}),
                              "1200", "2024-01-15");
  EXPECT_THAT(rows(s), ElementsAre("1 2024-02-15 400.00 12.00 0.00 412.00 800.00",
                                   "2 2024-03-15 400.00 8.00 0.00 408.00 400.00",
                                   "3 2024-04-15 400.00 4.00 0.00 404.00 0.00"));
}

// Hand: disbursed on 31 January of a leap year, monthly: the day is clamped to each month's
// end (29 Feb, 30 Apr) and comes back to 31 where the month has it (Fineract's
// DefaultScheduledDateGenerator.adjustDate keeps the seed day). Annuity at 1% a month over
// 4: 1000 x 0.01 x 1.01^4 / (1.01^4 - 1) = 256.281.. -> 256.28; interest 10.00, 7.5372 ->
// 7.54, 5.0498 -> 5.05, 2.5375 -> 2.54; the last takes the balance 253.75.
TEST(ScheduleHand, MonthEndDisbursementJanuary31) {
  const Schedule s = schedule(terms({{"--rate", "12"}, {"--installments", "4"}}), "1000",
                              "2024-01-31");
  EXPECT_THAT(rows(s), ElementsAre("1 2024-02-29 246.28 10.00 0.00 256.28 753.72",
                                   "2 2024-03-31 248.74 7.54 0.00 256.28 504.98",
                                   "3 2024-04-30 251.23 5.05 0.00 256.28 253.75",
                                   "4 2024-05-31 253.75 2.54 0.00 256.29 0.00"));
  const Schedule common = schedule(terms({{"--rate", "12"}, {"--installments", "2"}}), "1000",
                                   "2023-01-31");
  EXPECT_EQ(common.installments[0].due_date.to_string(), "2023-02-28");
  EXPECT_EQ(common.installments[1].due_date.to_string(), "2023-03-31");
}

// Hand: 2 instalments of principal grace: interest only (10.00), then the annuity over the
// remaining 4 instalments, as in the month-end example (Fineract paymentPerPeriod counts only
// the instalments that repay principal).
TEST(ScheduleHand, GraceOnPrincipal) {
  const Schedule s = schedule(terms({{"--rate", "12"},
                                     {"--installments", "6"},
                                     {"--grace-principal", "2"}}),
                              "1000", "2024-01-10");
  EXPECT_THAT(rows(s), ElementsAre("1 2024-02-10 0.00 10.00 0.00 10.00 1000.00",
                                   "2 2024-03-10 0.00 10.00 0.00 10.00 1000.00",
                                   "3 2024-04-10 246.28 10.00 0.00 256.28 753.72",
                                   "4 2024-05-10 248.74 7.54 0.00 256.28 504.98",
                                   "5 2024-06-10 251.23 5.05 0.00 256.28 253.75",
                                   "6 2024-07-10 253.75 2.54 0.00 256.29 0.00"));
}

// Hand: 1 instalment of interest grace (deferred, Fineract graceOnInterestPayment): the first
// pays principal 256.28 - 10.00 only; its 10.00 falls due with the second (10.00 + 7.54).
TEST(ScheduleHand, GraceOnInterestDefersIt) {
  const Schedule s = schedule(terms({{"--rate", "12"},
                                     {"--installments", "4"},
                                     {"--grace-interest", "1"}}),
                              "1000", "2024-01-10");
  EXPECT_THAT(rows(s), ElementsAre("1 2024-02-10 246.28 0.00 0.00 246.28 753.72",
                                   "2 2024-03-10 248.74 17.54 0.00 266.28 504.98",
                                   "3 2024-04-10 251.23 5.05 0.00 256.28 253.75",
                                   "4 2024-05-10 253.75 2.54 0.00 256.29 0.00"));
}

// Hand: flat 12% on 1,200.00 over 6 months = 72.00, 12.00 an instalment; 2 interest-free
// instalments waive 24.00 (Fineract graceOnInterestCharged); 48.00 spread over the 4 others.
TEST(ScheduleHand, FlatInterestFreeGrace) {
  const Schedule s = schedule(terms({{"--method", "flat"},
                                     {"--rate", "12"},
                                     {"--installments", "6"},
                                     {"--grace-interest-free", "2"}}),
                              "1200", "2024-01-10");
  EXPECT_EQ(rows(s)[0], "1 2024-02-10 200.00 0.00 0.00 200.00 1000.00");
  EXPECT_EQ(rows(s)[2], "3 2024-04-10 200.00 12.00 0.00 212.00 600.00");
  EXPECT_EQ(s.total_interest, amount("48.00"));
}

// Hand: flat, equal principal amortization, 1 instalment of principal grace and 2 of interest
// grace: principal 1200/5 = 240.00 from the 2nd; interest 12.00 each, the 2 deferred ones
// falling due with the 3rd (Fineract calculateTotalFlatInterestForPeriod): 36.00.
TEST(ScheduleHand, FlatEqualPrincipalDeferredInterest) {
  const Schedule s = schedule(terms({{"--method", "flat"},
                                     {"--amortization", "equal-principal"},
                                     {"--rate", "12"},
                                     {"--installments", "6"},
                                     {"--grace-interest", "2"},
                                     {"--grace-principal", "1"}}),
                              "1200", "2024-01-10");
  EXPECT_THAT(rows(s), ElementsAre("1 2024-02-10 0.00 0.00 0.00 0.00 1200.00",
                                   "2 2024-03-10 240.00 0.00 0.00 240.00 960.00",
                                   "3 2024-04-10 240.00 36.00 0.00 276.00 720.00",
                                   "4 2024-05-10 240.00 12.00 0.00 252.00 480.00",
                                   "5 2024-06-10 240.00 12.00 0.00 252.00 240.00",
                                   "6 2024-07-10 240.00 12.00 0.00 252.00 0.00"));
}

// Hand: the annuity 94.56 (24% on 1,000.00 over 12 months) rounded to a multiple of 20
// (94.56/20 = 4.728 -> 5) is 100.00; interest 2% of the balance each month; the last
// instalment takes what is left (26.51 + 0.53). Fineract rounds the EMI the same way
// (Money.roundToMultiplesOf in paymentPerPeriod).
TEST(ScheduleHand, MultipleOfTwentyOnAnnuity) {
  const Schedule s = schedule(terms({{"--rate", "24"},
                                     {"--installments", "12"},
                                     {"--multiple-of", "20"}}),
                              "1000", "2024-01-10");
  ASSERT_EQ(s.installments.size(), 12u);
  EXPECT_EQ(rows(s)[0], "1 2024-02-10 80.00 20.00 0.00 100.00 920.00");
  EXPECT_EQ(rows(s)[1], "2 2024-03-10 81.60 18.40 0.00 100.00 838.40");
  EXPECT_EQ(rows(s)[11], "12 2025-01-10 26.51 0.53 0.00 27.04 0.00");
}

// Hand, Fineract's rule for flat loans in multiples (calculateTotalPrincipalPerPeriod...):
// principal 83.33 -> 83, interest 20.00 -> 20: principal 83 + 20 - 20.00 = 83.00, total 103.
TEST(ScheduleHand, MultipleOfOneOnFlat) {
  const Schedule s = schedule(terms({{"--method", "flat"},
                                     {"--rate", "24"},
                                     {"--installments", "12"},
                                     {"--multiple-of", "1"}}),
                              "1000", "2024-01-10");
  EXPECT_EQ(rows(s)[0], "1 2024-02-10 83.00 20.00 0.00 103.00 917.00");
  EXPECT_EQ(rows(s)[11], "12 2025-01-10 87.00 20.00 0.00 107.00 0.00");
}

// Hand: instalments rounded up to 100 repay 1,000.00 after 10 of the 12: the schedule ends
// there, as Fineract's generator stops once the balance is zero.
TEST(ScheduleHand, MultipleOfRoundingUpEndsEarly) {
  const Schedule s = schedule(terms({{"--method", "flat"},
                                     {"--rate", "0"},
                                     {"--installments", "12"},
                                     {"--multiple-of", "100"}}),
                              "1000", "2024-01-10");
  ASSERT_EQ(s.installments.size(), 10u);
  EXPECT_EQ(rows(s)[9], "10 2024-11-10 100.00 0.00 0.00 100.00 0.00");
}

// Hand: weekly flat loan, 500.00 over 16 weeks at 52% a year (52 weeks a year, Fineract's
// DefaultPaymentPeriodsInOneYearCalculator): 500 x 0.52 / 52 x 16 = 80.00, 5.00 a week.
TEST(ScheduleHand, WeeklyFlat) {
  const Schedule s = schedule(terms({{"--method", "flat"},
                                     {"--rate", "52"},
                                     {"--installments", "16"},
                                     {"--unit", "weeks"}}),
                              "500", "2024-03-04");
  EXPECT_EQ(rows(s)[0], "1 2024-03-11 31.25 5.00 0.00 36.25 468.75");
  EXPECT_EQ(rows(s)[15], "16 2024-06-24 31.25 5.00 0.00 36.25 0.00");
  EXPECT_EQ(s.total_interest, amount("80.00"));
}

// Hand: every 2 weeks and every 10 days.
TEST(ScheduleHand, EveryNUnits) {
  const Schedule fortnight = schedule(
      terms({{"--rate", "0"}, {"--installments", "2"}, {"--unit", "weeks"}, {"--every", "2"}}),
      "100", "2024-03-04");
  EXPECT_EQ(fortnight.installments[1].due_date.to_string(), "2024-04-01");
  const Schedule tens = schedule(
      terms({{"--rate", "0"}, {"--installments", "3"}, {"--unit", "days"}, {"--every", "10"}}),
      "90", "2024-02-25");
  EXPECT_EQ(tens.installments[2].due_date.to_string(), "2024-03-26");
}

// Hand, daily interest on 360 days: 18% on 3,000.00 disbursed 31 Jan 2024. Interest of each
// period: balance x 0.18 x days / 360 (29 days to 29 Feb: 43.50; 31: 2013.35 x 0.0155 =
// 31.21; 30: 1014.41 x 0.015 = 15.22). The annuity uses 30-day months as Fineract's
// pmtForInstallment does: rate 0.18 x 30/360 = 1.5%, 3000 x 0.015 / (1 - 1.015^-3) = 1030.15.
TEST(ScheduleHand, DailyInterest360) {
  const Schedule s = schedule(terms({{"--rate", "18"},
                                     {"--installments", "3"},
                                     {"--interest-period", "daily"},
                                     {"--days-in-year", "360"}}),
                              "3000", "2024-01-31");
  EXPECT_THAT(rows(s), ElementsAre("1 2024-02-29 986.65 43.50 0.00 1030.15 2013.35",
                                   "2 2024-03-31 998.94 31.21 0.00 1030.15 1014.41",
                                   "3 2024-04-30 1014.41 15.22 0.00 1029.63 0.00"));
}

// Hand, actual/actual: 36.6% on 1,000.00 from 2023-12-01 to 2024-01-01 (31 days of 2023, over
// 365) is 1000 x 0.366 x 31/365 = 31.084.. -> 31.08; from 2023-12-17 to 2024-01-17 it is
// 1000 x 0.366 x (15/365 + 16/366) = 15.041.. + 16.000 = 31.04.
TEST(ScheduleHand, DailyActualActualSplitsAtNewYear) {
  const LoanTerms t = terms({{"--method", "flat"},
                             {"--rate", "36.6"},
                             {"--installments", "1"},
                             {"--interest-period", "daily"},
                             {"--days-in-year", "actual"}});
  EXPECT_EQ(schedule(t, "1000", "2023-12-01").total_interest, amount("31.08"));
  EXPECT_EQ(schedule(t, "1000", "2023-12-17").total_interest, amount("31.04"));
}

// Hand: 1.00 in 8 equal parts is 0.125 each: a tie. Half-even gives 0.12 (last 0.16),
// half-up 0.13 (last 0.09), down 0.12, up 0.13.
TEST(ScheduleRounding, TieFollowsTheMode) {
  const auto first_and_last = [](std::string mode) {
    const Schedule s = schedule(terms({{"--rate", "0"},
                                       {"--installments", "8"},
                                       {"--rounding", mode}}),
                                "1", "2024-01-10");
    return s.installments.front().principal.to_string() + "/" +
           s.installments.back().principal.to_string();
  };
  EXPECT_EQ(first_and_last("half-even"), "0.12/0.16");
  EXPECT_EQ(first_and_last("half-up"), "0.13/0.09");
  EXPECT_EQ(first_and_last("half-down"), "0.12/0.16");
  EXPECT_EQ(first_and_last("down"), "0.12/0.16");
  EXPECT_EQ(first_and_last("up"), "0.13/0.09");
}

// Hand, a currency without minor unit: 100,000 JPY at 12% over 3 months. Annuity
// 100000 x 0.01 x 1.01^3/(1.01^3 - 1) = 34002.21 -> 34002; interest 1000, 670, 337.
TEST(ScheduleRounding, YenHasNoMinorUnit) {
  const Schedule s = schedule(terms({{"--rate", "12"}, {"--installments", "3"}}, "JPY"),
                              "100000", "2024-01-10");
  EXPECT_THAT(rows(s), ElementsAre("1 2024-02-10 33002 1000 0 34002 66998",
                                   "2 2024-03-10 33332 670 0 34002 33666",
                                   "3 2024-04-10 33666 337 0 34003 0"));
}

// Hand: a 2.5% fee on 1,000.00 is 25.00; deducted it leaves 975.00 in hand, upfront the
// borrower receives 1,000.00 and pays 25.00. Instalments are the same either way.
TEST(ScheduleFees, PercentFeeDeductedOrUpfront) {
  const Schedule deducted = schedule(terms({{"--rate", "12"},
                                            {"--installments", "3"},
                                            {"--fee", "2.5%"},
                                            {"--fee-mode", "deducted"}}),
                                     "1000", "2024-01-10");
  EXPECT_EQ(deducted.fee_at_disbursement, amount("25.00"));
  EXPECT_EQ(deducted.net_disbursement, amount("975.00"));
  const Schedule upfront = schedule(terms({{"--rate", "12"},
                                           {"--installments", "3"},
                                           {"--fee", "25"}}),
                                    "1000", "2024-01-10");
  EXPECT_EQ(upfront.fee_at_disbursement, amount("25.00"));
  EXPECT_EQ(upfront.net_disbursement, amount("1000.00"));
  EXPECT_EQ(rows(upfront), rows(deducted));
}

TEST(ScheduleErrors, RefusesInvalidTermsAndFarDates) {
  LoanTerms t = terms({{"--rate", "12"}, {"--installments", "3"}});
  auto negative = generate_schedule(t, amount("-5"), testing::date("2024-01-10"));
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().field, "--principal");
  auto yen = generate_schedule(t, amount("5", "JPY"), testing::date("2024-01-10"));
  ASSERT_FALSE(yen.ok());
  EXPECT_EQ(yen.error().code, ErrorCode::kCurrencyMismatch);
  t.installments_count = 600;
  auto far = generate_schedule(t, amount("5"), testing::date("2960-01-10"));
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.error().code, ErrorCode::kLimitExceeded);
}

// The 600-instalment limit at its boundary: exact powers of (1 + r)^600 stay usable.
TEST(ScheduleLimits, SixHundredWeeklyInstallments) {
  const Schedule s = schedule(terms({{"--rate", "36.5"},
                                     {"--installments", "600"},
                                     {"--unit", "weeks"}}),
                              "250000", "2024-01-10");
  ASSERT_EQ(s.installments.size(), 600u);
  EXPECT_EQ(s.total_principal, amount("250000"));
  EXPECT_TRUE(s.installments.back().balance_after.is_zero());
}

}  // namespace
}  // namespace semilla::loans
