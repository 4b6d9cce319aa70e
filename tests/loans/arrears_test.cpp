// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <string>

#include "ledger/loans/arrears.h"
#include "tests/loans/loans_test_util.h"

namespace semilla::loans {
namespace {

using testing::amount;
using testing::date;

// Flat 12% on 300.00 over 3 months: 100.00 + 3.00 due 10 Feb, 10 Mar, 10 Apr 2024, a 5.00
// penalty on the first; 50.00 paid on 12 Feb covers the penalty, 3.00 interest, 42.00 principal.
std::vector<InstallmentState> partly_paid_loan() {
  const Schedule s = testing::schedule(
      testing::terms({{"--method", "flat"}, {"--rate", "12"}, {"--installments", "3"}}), "300",
      "2024-01-10");
  std::vector<InstallmentState> state = initial_state(s);
  state[0].due.penalty = amount("5.00");
  auto paid = allocate_payment(state, amount("50"), date("2024-02-12"), AllocationPolicy{});
  return apply_allocation(state, paid.value());
}

TEST(LoanArrears, DaysPastDueCountFromTheOldestUnpaidDueDate) {
  const auto state = partly_paid_loan();
  // On 10 Mar the second instalment falls due that very day: not yet overdue.
  const LoanArrears on_due = loan_arrears(state, testing::currency(), date("2024-03-10"));
  EXPECT_EQ(on_due.days_past_due, 29);  // 10 Feb -> 10 Mar 2024 (29 days in February)
  EXPECT_EQ(on_due.oldest_unpaid_due_date->to_string(), "2024-02-10");
  EXPECT_EQ(on_due.overdue.principal, amount("58.00"));
  EXPECT_EQ(on_due.overdue.interest, amount("0"));
  EXPECT_EQ(on_due.overdue.penalty, amount("0"));
  EXPECT_EQ(on_due.outstanding_principal, amount("258.00"));
  const LoanArrears next_day = loan_arrears(state, testing::currency(), date("2024-03-11"));
  EXPECT_EQ(next_day.days_past_due, 30);
  EXPECT_EQ(next_day.overdue.principal, amount("158.00"));
  EXPECT_EQ(next_day.overdue.interest, amount("3.00"));
  EXPECT_EQ(next_day.overdue.sum(), amount("161.00"));
}

TEST(LoanArrears, CurrentLoanHasNoDaysPastDue) {
  const auto state = partly_paid_loan();
  const LoanArrears before = loan_arrears(state, testing::currency(), date("2024-02-10"));
  EXPECT_EQ(before.days_past_due, 0);
  EXPECT_FALSE(before.oldest_unpaid_due_date.has_value());
  EXPECT_TRUE(before.overdue.sum().is_zero());
}

TEST(LoanArrears, AgingBucketBoundaries) {
  const std::vector<std::pair<int, std::string>> cases = {
      {0, "current"}, {1, "1-30"},    {30, "1-30"},    {31, "31-60"},  {60, "31-60"},
      {61, "61-90"},  {90, "61-90"},  {91, "91-180"},  {180, "91-180"}, {181, ">180"}};
  for (const auto& [days, name] : cases) {
    EXPECT_EQ(aging_bucket_name(aging_bucket_for(days)), name) << days;
  }
}

LoanArrears arrears_of(std::int64_t days, std::string_view principal) {
  const auto c = testing::currency();
  return LoanArrears{days, std::nullopt, Components::zero(c), amount(principal)};
}

// Hand portfolio: five loans, outstanding 1000 (current), 500 (30 days: still 1-30, not
// PAR30), 800 (31 days), 300 (91 days) and 200 (181 days), and one repaid loan that is not
// counted. Gross 2800. PAR30 = (800+300+200)/2800 = 13/28 = 0.46428.. -> 0.4643; PAR90 =
// (300+200)/2800 = 5/28 = 0.17857.. -> 0.1786.
TEST(PortfolioArrears, HandPortfolio) {
  const std::vector<LoanArrears> loans = {arrears_of(0, "1000"), arrears_of(30, "500"),
                                          arrears_of(31, "800"), arrears_of(91, "300"),
                                          arrears_of(181, "200"), arrears_of(0, "0")};
  auto p = portfolio_arrears(loans, testing::currency());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->loans_count, 5u);
  EXPECT_EQ(p->gross_outstanding_principal, amount("2800"));
  EXPECT_EQ(p->par30_principal, amount("1300"));
  EXPECT_EQ(p->par90_principal, amount("500"));
  EXPECT_EQ(p->par30, Rational(13, 28));
  EXPECT_EQ(p->par90, Rational(5, 28));
  EXPECT_EQ(format_ratio(p->par30), "0.4643");
  EXPECT_EQ(format_ratio(p->par90), "0.1786");
  const std::vector<std::pair<std::size_t, std::string>> expected = {
      {1, "1000.00"}, {1, "500.00"}, {1, "800.00"}, {0, "0.00"}, {1, "300.00"}, {1, "200.00"}};
  for (std::size_t b = 0; b < kAgingBucketsCount; ++b) {
    EXPECT_EQ(p->buckets[b].loans_count, expected[b].first) << b;
    EXPECT_EQ(p->buckets[b].principal.to_string(), expected[b].second) << b;
  }
}

TEST(PortfolioArrears, EmptyPortfolioAndCurrencyMismatch) {
  auto empty = portfolio_arrears({}, testing::currency());
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(format_ratio(empty->par30), "0.0000");
  const auto c = testing::currency("PEN");
  auto mixed = portfolio_arrears(
      {arrears_of(0, "10"), LoanArrears{0, std::nullopt, Components::zero(c), amount("5", "PEN")}},
      testing::currency());
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.error().code, ErrorCode::kCurrencyMismatch);
  EXPECT_EQ(mixed.error().field, "/loans/1");
}

TEST(PortfolioArrears, RatioPrintsHalfEvenToFourDecimals) {
  EXPECT_EQ(format_ratio(Rational(3, 8)), "0.3750");
  EXPECT_EQ(format_ratio(Rational(1, 20000)), "0.0000");   // 0.00005: tie to even 0
  EXPECT_EQ(format_ratio(Rational(3, 20000)), "0.0002");   // 0.00015: tie to even 2
  EXPECT_EQ(format_ratio(Rational(1)), "1.0000");
}

TEST(PortfolioArrears, PercentPrintsHalfEvenToTwoDecimals) {
  EXPECT_EQ(format_percent(Rational(3, 8)), "37.50%");
  EXPECT_EQ(format_percent(Rational(13, 28)), "46.43%");   // 46.428...
  EXPECT_EQ(format_percent(Rational(1, 20000)), "0.00%");  // 0.005%: tie to even 0
  EXPECT_EQ(format_percent(Rational(3, 20000)), "0.02%");  // 0.015%: tie to even 2
  EXPECT_EQ(format_percent(Rational(1)), "100.00%");
  EXPECT_EQ(format_percent(Rational(0)), "0.00%");
}

}  // namespace
}  // namespace semilla::loans
