// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <string>

#include "ledger/loans/terms.h"
#include "tests/loans/loans_test_util.h"

namespace semilla::loans {
namespace {

using testing::amount;
using testing::currency;

std::vector<std::string> fields(const Errors& errors) {
  std::vector<std::string> out;
  for (const Error& e : errors) out.push_back(e.field);
  return out;
}

TEST(Terms, DefaultsAreFineractProductDefaults) {
  const LoanTerms t(currency());
  EXPECT_EQ(t.method, InterestMethod::kDecliningBalance);
  EXPECT_EQ(t.amortization, Amortization::kEqualInstallments);
  EXPECT_EQ(t.rounding, money::RoundingMode::kHalfEven);
  EXPECT_EQ(format_allocation_order(t.allocation.order), "penalties,fees,interest,principal");
  EXPECT_EQ(t.allocation.strategy, AllocationStrategy::kOldestFirst);
  EXPECT_TRUE(validate(t).empty());
}

TEST(Terms, FormatThenApplyRebuildsEqualTerms) {
  const LoanTerms t = testing::terms({{"--currency", "PEN"},
                                      {"--principal-min", "100"},
                                      {"--principal-max", "5000.50"},
                                      {"--rate", "36.5"},
                                      {"--installments", "16"},
                                      {"--unit", "weeks"},
                                      {"--every", "2"},
                                      {"--method", "flat"},
                                      {"--amortization", "equal-principal"},
                                      {"--grace-principal", "1"},
                                      {"--grace-interest-free", "1"},
                                      {"--interest-period", "daily"},
                                      {"--days-in-year", "actual"},
                                      {"--days-in-month", "30"},
                                      {"--fee", "2.25%"},
                                      {"--fee-mode", "deducted"},
                                      {"--rounding", "half-up"},
                                      {"--multiple-of", "20"},
                                      {"--allocation", "interest,principal,penalties,fees"},
                                      {"--allocation-strategy", "due-component-first"}});
  const auto options = format_options(t);
  LoanTerms rebuilt(currency("USD"));
  EXPECT_TRUE(apply_options(rebuilt, options).empty());
  EXPECT_EQ(rebuilt, t);
  EXPECT_EQ(options[3].first, "--rate");
  EXPECT_EQ(options[3].second, "36.5");
  LoanTerms fixed_fee = testing::terms({{"--fee", "12.50"}});
  LoanTerms again(currency());
  EXPECT_TRUE(apply_options(again, format_options(fixed_fee)).empty());
  EXPECT_EQ(again, fixed_fee);
}

TEST(Terms, LoanOverridesProductDefaults) {
  const LoanTerms product = testing::terms({{"--rate", "30"}, {"--installments", "12"}});
  LoanTerms loan = product;
  ASSERT_TRUE(set_option(loan, "--installments", "6").ok());
  EXPECT_EQ(loan.installments_count, 6);
  EXPECT_EQ(loan.annual_rate_percent, product.annual_rate_percent);
  ASSERT_TRUE(set_option(loan, "--fee", "none").ok());
  EXPECT_FALSE(loan.fee_fixed || loan.fee_percent);
}

TEST(Terms, EnumSpellingsRoundTrip) {
  for (auto u : {FrequencyUnit::kDays, FrequencyUnit::kWeeks, FrequencyUnit::kMonths}) {
    EXPECT_EQ(parse_unit(unit_name(u), "--unit").value(), u);
  }
  for (auto d : {DaysInYear::k360, DaysInYear::k364, DaysInYear::k365, DaysInYear::kActual}) {
    EXPECT_EQ(parse_days_in_year(days_in_year_name(d), "--days-in-year").value(), d);
  }
  EXPECT_EQ(parse_method("declining", "--method").value(), InterestMethod::kDecliningBalance);
  EXPECT_EQ(parse_amortization("equal-installments", "x").value(),
            Amortization::kEqualInstallments);
  EXPECT_EQ(parse_interest_period("same-as-repayment", "x").value(),
            InterestPeriod::kSameAsRepayment);
  EXPECT_EQ(parse_days_in_month("30", "x").value(), DaysInMonth::k30);
  EXPECT_EQ(parse_fee_mode("upfront", "x").value(), FeeMode::kUpfront);
  EXPECT_EQ(parse_allocation_strategy("oldest-first", "x").value(),
            AllocationStrategy::kOldestFirst);
  auto bad = parse_unit("month", "--unit");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().to_string(), "--unit: \"month\" is not one of: days, weeks, months");
}

TEST(Terms, MalformedValuesNameTheirFlag) {
  LoanTerms t(currency());
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"--rate", "24%"},       {"--rate", "-1"},          {"--rate", "1e2"},
      {"--rate", "0.1234567"}, {"--installments", "012"}, {"--installments", "1.5"},
      {"--every", ""},         {"--fee", "12.345"},       {"--fee", "x%"},
      {"--multiple-of", "abc"}, {"--currency", "usd"},    {"--rounding", "banker"}};
  for (const auto& [flag, value] : bad) {
    Status s = set_option(t, flag, value);
    ASSERT_FALSE(s.ok()) << flag << " " << value;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalid) << flag << " " << value;
    EXPECT_EQ(s.error().field, flag);
  }
  Status unknown = set_option(t, "--interest", "5");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kUsage);
}

TEST(Terms, AllocationOrderMustNameEachComponentOnce) {
  EXPECT_TRUE(parse_allocation_order("principal,interest,fees,penalties", "x").ok());
  EXPECT_FALSE(parse_allocation_order("penalties,fees,interest", "x").ok());
  EXPECT_FALSE(parse_allocation_order("penalties,fees,interest,interest", "x").ok());
  EXPECT_FALSE(parse_allocation_order("penalties,fees,interest,principal,fees", "x").ok());
  EXPECT_FALSE(parse_allocation_order("penalty,fees,interest,principal", "x").ok());
  EXPECT_FALSE(parse_allocation_order("", "x").ok());
}

TEST(Terms, ValidateReturnsEveryProblem) {
  LoanTerms t(currency());
  t.installments_count = 0;
  t.every = 0;
  t.annual_rate_percent = -1;
  t.grace_principal_count = 3;
  t.fee_fixed = amount("5");
  t.fee_percent = Rational(2);
  t.multiple_of = amount("0");
  EXPECT_EQ(fields(validate(t)),
            (std::vector<std::string>{"--installments", "--every", "--grace-principal",
                                      "--fee", "--multiple-of", "--rate"}));
}

TEST(Terms, LimitsAtTheirBoundaries) {
  LoanTerms t(currency());
  t.installments_count = kInstallmentsCountMax;
  t.every = kEveryMax;
  t.annual_rate_percent = kAnnualRatePercentMax;
  EXPECT_TRUE(validate(t).empty());
  EXPECT_FALSE(set_option(t, "--installments", "601").ok());
  EXPECT_FALSE(set_option(t, "--every", "367").ok());
  t.annual_rate_percent = Rational(kAnnualRatePercentMax) + Rational(1, 1000000);
  EXPECT_EQ(fields(validate(t)), std::vector<std::string>{"--rate"});
  EXPECT_TRUE(set_option(t, "--rate", "0.000001").ok());
  EXPECT_FALSE(set_option(t, "--rate", "0.0000001").ok());
}

TEST(Terms, GracesMustLeaveAnInstalment) {
  LoanTerms t = testing::terms({{"--installments", "4"}});
  t.grace_principal_count = 3;
  EXPECT_TRUE(validate(t).empty());
  t.grace_principal_count = 4;
  EXPECT_EQ(fields(validate(t)), std::vector<std::string>{"--grace-principal"});
  t.grace_principal_count = 0;
  t.grace_interest_count = 1;
  t.grace_interest_free_count = 1;
  EXPECT_EQ(fields(validate(t)), std::vector<std::string>{"--grace-interest"});
}

// Fineract accepts installmentAmountInMultiplesOf on every product; on a declining loan with
// equal principal its generator does not use it (cash_rounding_test.cpp pins the schedule).
TEST(Terms, MultipleOfIsAcceptedOnEveryAmortization) {
  LoanTerms t = testing::terms({{"--amortization", "equal-principal"}, {"--multiple-of", "20"}});
  EXPECT_TRUE(validate(t).empty());
  t.method = InterestMethod::kFlat;
  EXPECT_TRUE(validate(t).empty());
}

// The two options added with progressive schedules and cash rounding are written only when
// set, so that the terms of a book written before them keep their one spelling.
TEST(Terms, NewOptionsAreWrittenOnlyWhenSet) {
  const LoanTerms plain = testing::terms({});
  for (const auto& [flag, value] : format_options(plain)) {
    EXPECT_NE(flag, "--schedule");
    EXPECT_NE(flag, "--currency-multiple-of");
  }
  const LoanTerms set = testing::terms(
      {{"--schedule", "progressive"}, {"--currency-multiple-of", "0.05"}});
  const auto options = format_options(set);
  EXPECT_EQ(options[options.size() - 2],
            (std::pair<std::string, std::string>{"--schedule", "progressive"}));
  EXPECT_EQ(options.back(),
            (std::pair<std::string, std::string>{"--currency-multiple-of", "0.05"}));
  LoanTerms back(set.currency);
  EXPECT_TRUE(apply_options(back, options).empty());
  EXPECT_EQ(back, set);
  EXPECT_FALSE(set_option(back, "--schedule", "annuity").ok());
}

TEST(Terms, AmountsFollowTheCurrency) {
  LoanTerms t = testing::terms({{"--fee", "10"}, {"--principal-max", "900"}});
  ASSERT_TRUE(set_option(t, "--currency", "PEN").ok());
  const Errors errors = validate(t);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].code, ErrorCode::kCurrencyMismatch);
  LoanTerms ordered(currency());
  EXPECT_TRUE(apply_options(ordered, {{"--fee", "10"}, {"--currency", "PEN"}}).empty());
  EXPECT_EQ(ordered.fee_fixed->currency().code(), "PEN");
}

TEST(Terms, ValidateLoanChecksPrincipalRangeAndDeductedFee) {
  const LoanTerms t = testing::terms({{"--principal-min", "100"},
                                      {"--principal-max", "1000"},
                                      {"--fee", "100"},
                                      {"--fee-mode", "deducted"}});
  EXPECT_TRUE(validate_loan(t, amount("100.01")).empty());
  EXPECT_TRUE(validate_loan(t, amount("1000")).empty());
  EXPECT_EQ(fields(validate_loan(t, amount("99.99"))),
            (std::vector<std::string>{"--principal", "--fee"}));
  EXPECT_EQ(fields(validate_loan(t, amount("1000.01"))), std::vector<std::string>{"--principal"});
  EXPECT_EQ(validate_loan(t, amount("500", "PEN")).front().code, ErrorCode::kCurrencyMismatch);
}

}  // namespace
}  // namespace semilla::loans
