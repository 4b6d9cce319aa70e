// SPDX-License-Identifier: Apache-2.0
// Repayment allocation on a small hand-made loan: flat 12% on 300.00 over 3 months gives
// instalments of 100.00 principal + 3.00 interest, due 10 Feb, 10 Mar and 10 Apr 2024; the
// book has charged a 5.00 penalty on the first.
#include <gtest/gtest.h>

#include <string>

#include "ledger/loans/allocation.h"
#include "tests/loans/loans_test_util.h"

namespace semilla::loans {
namespace {

using ::testing::ElementsAre;
using testing::amount;
using testing::date;

std::vector<InstallmentState> hand_loan() {
  const Schedule s = testing::schedule(
      testing::terms({{"--method", "flat"}, {"--rate", "12"}, {"--installments", "3"}}), "300",
      "2024-01-10");
  std::vector<InstallmentState> state = initial_state(s);
  state[0].due.penalty = amount("5.00");
  return state;
}

std::vector<std::string> lines(const Allocation& a) {
  std::vector<std::string> out;
  for (const AllocationLine& l : a.lines) {
    out.push_back(std::to_string(l.installment_number) + " " +
                  std::string(component_name(l.component)) + " " + l.amount.to_string());
  }
  return out;
}

AllocationPolicy policy(std::string_view order, AllocationStrategy strategy) {
  return AllocationPolicy{parse_allocation_order(order, "x").value(), strategy};
}

const AllocationPolicy kOldest = AllocationPolicy{};
const AllocationPolicy kDueFirst =
    policy("penalties,fees,interest,principal", AllocationStrategy::kDueComponentFirst);

TEST(Allocation, InitialStateCopiesTheSchedule) {
  const std::vector<InstallmentState> state = hand_loan();
  ASSERT_EQ(state.size(), 3u);
  EXPECT_EQ(state[1].due.principal, amount("100.00"));
  EXPECT_EQ(state[1].due.interest, amount("3.00"));
  EXPECT_EQ(state[1].paid.sum(), amount("0"));
  EXPECT_EQ(outstanding(state, testing::currency()).sum(), amount("314.00"));
}

TEST(Allocation, OldestFirstFinishesEachInstalmentBeforeTheNext) {
  auto a = allocate_payment(hand_loan(), amount("50"), date("2024-03-15"), kOldest);
  ASSERT_TRUE(a.ok());
  EXPECT_THAT(lines(*a), ElementsAre("1 penalties 5.00", "1 interest 3.00", "1 principal 42.00"));
  EXPECT_EQ(a->totals.principal, amount("42.00"));
  EXPECT_EQ(a->in_advance, amount("0"));
}

TEST(Allocation, DueComponentFirstTakesEachComponentAcrossDueInstalments) {
  auto a = allocate_payment(hand_loan(), amount("50"), date("2024-03-15"), kDueFirst);
  ASSERT_TRUE(a.ok());
  EXPECT_THAT(lines(*a), ElementsAre("1 penalties 5.00", "1 interest 3.00", "2 interest 3.00",
                                     "1 principal 39.00"));
  EXPECT_EQ(a->totals.interest, amount("6.00"));
  EXPECT_EQ(a->totals.sum(), amount("50.00"));
}

TEST(Allocation, ConfigurableOrderPrincipalFirst) {
  auto a = allocate_payment(hand_loan(), amount("104"), date("2024-02-10"),
                            policy("principal,interest,fees,penalties",
                                   AllocationStrategy::kOldestFirst));
  ASSERT_TRUE(a.ok());
  EXPECT_THAT(lines(*a), ElementsAre("1 principal 100.00", "1 interest 3.00",
                                     "1 penalties 1.00"));
}

// Prepayment (Fineract's default, interest recalculation off): what exceeds the instalments
// due pays the next ones in due-date order; no interest is rebated.
TEST(Allocation, PrepaymentPaysTheNextInstalments) {
  for (const AllocationPolicy& p : {kOldest, kDueFirst}) {
    auto a = allocate_payment(hand_loan(), amount("160"), date("2024-02-10"), p);
    ASSERT_TRUE(a.ok());
    EXPECT_THAT(lines(*a), ElementsAre("1 penalties 5.00", "1 interest 3.00",
                                       "1 principal 100.00", "2 interest 3.00",
                                       "2 principal 49.00"));
    EXPECT_EQ(a->in_advance, amount("52.00"));
  }
}

TEST(Allocation, PayingEverythingClosesTheLoan) {
  std::vector<InstallmentState> state = hand_loan();
  auto a = allocate_payment(state, amount("314"), date("2024-01-20"), kOldest);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->in_advance, amount("314.00"));
  state = apply_allocation(state, *a);
  EXPECT_TRUE(outstanding(state, testing::currency()).sum().is_zero());
}

TEST(Allocation, SuccessivePaymentsContinueWhereTheLastStopped) {
  std::vector<InstallmentState> state = hand_loan();
  state = apply_allocation(state, allocate_payment(state, amount("50"), date("2024-02-12"),
                                                   kOldest).value());
  auto second = allocate_payment(state, amount("70"), date("2024-03-12"), kOldest);
  ASSERT_TRUE(second.ok());
  EXPECT_THAT(lines(*second), ElementsAre("1 principal 58.00", "2 interest 3.00",
                                          "2 principal 9.00"));
  state = apply_allocation(state, *second);
  EXPECT_EQ(outstanding(state, testing::currency()).sum(), amount("194.00"));
}

// Overpayment beyond everything owed is refused; the caller records the excess elsewhere.
TEST(Allocation, RefusesOverpaymentAndBadAmounts) {
  auto over = allocate_payment(hand_loan(), amount("400"), date("2024-02-10"), kOldest);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::kRefused);
  EXPECT_EQ(over.error().to_string(),
            "--amount: the repayment exceeds everything owed (314.00) by 86.00; record the "
            "excess separately");
  EXPECT_EQ(allocate_payment(hand_loan(), amount("0"), date("2024-02-10"), kOldest)
                .error().code, ErrorCode::kInvalid);
  EXPECT_EQ(allocate_payment(hand_loan(), amount("-1"), date("2024-02-10"), kOldest)
                .error().code, ErrorCode::kInvalid);
  EXPECT_EQ(allocate_payment(hand_loan(), amount("10", "PEN"), date("2024-02-10"), kOldest)
                .error().code, ErrorCode::kCurrencyMismatch);
}

}  // namespace
}  // namespace semilla::loans
