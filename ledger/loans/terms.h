// SPDX-License-Identifier: Apache-2.0
// Loan terms: every parameter that shapes a schedule, with the CLI spelling of each option.
//
// A loan product is a LoanTerms holding the product's defaults; a loan starts from a copy of
// them and overrides what it names (set_option per flag). Rates are exact decimals parsed to
// Rational ("24", "36.5"); there is no binary fraction anywhere. docs/loans.md gives the source
// of every convention.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ledger/base/error.h"
#include "ledger/money/amount.h"
#include "ledger/money/currency.h"
#include "ledger/money/rounding.h"

namespace semilla::loans {

using money::Amount;
using money::Currency;
using money::Rational;
using money::RoundingMode;

// Instalments of one loan. Weekly loans over ten years stay far below; a bigger count is a typing
// mistake, and the exact annuity power (1+r)^n grows with n.
inline constexpr int kInstallmentsCountMax = 600;
// "--every N": at most a year of the unit's largest sensible step.
inline constexpr int kEveryMax = 366;
// Nominal annual rate in percent. Microfinance flat rates reach ~100%; 1000% is a typing mistake.
inline constexpr int kAnnualRatePercentMax = 1000;
// Digits after the decimal point in a rate or fee percentage ("36.5", "2.25").
inline constexpr int kPercentFractionDigitsMax = 6;

enum class FrequencyUnit { kDays, kWeeks, kMonths };                    // --unit
enum class InterestMethod { kFlat, kDecliningBalance };                 // --method
enum class Amortization { kEqualInstallments, kEqualPrincipal };        // --amortization
enum class InterestPeriod { kSameAsRepayment, kDaily };                 // --interest-period
enum class DaysInYear { k360, k364, k365, kActual };                    // --days-in-year
enum class DaysInMonth { k30, kActual };                                // --days-in-month
enum class FeeMode { kUpfront, kDeducted };                             // --fee-mode
enum class Component { kPenalty, kFee, kInterest, kPrincipal };          // --allocation items
enum class AllocationStrategy { kOldestFirst, kDueComponentFirst };     // --allocation-strategy
enum class ScheduleType { kCumulative, kProgressive };                  // --schedule

inline constexpr std::size_t kComponentsCount = 4;
inline constexpr std::array<Component, kComponentsCount> kAllComponents = {
    Component::kPenalty, Component::kFee, Component::kInterest, Component::kPrincipal};

// How a repayment is split (allocation.h): the component order and the strategy.
struct AllocationPolicy {
  std::array<Component, kComponentsCount> order = {Component::kPenalty, Component::kFee,
                                                   Component::kInterest, Component::kPrincipal};
  AllocationStrategy strategy = AllocationStrategy::kOldestFirst;

  friend bool operator==(const AllocationPolicy&, const AllocationPolicy&) = default;
};

// All terms of a loan. Defaults are Fineract's product defaults where it has one.
struct LoanTerms {
  explicit LoanTerms(Currency c) : currency(c) {}

  Currency currency;                                 // --currency USD
  std::optional<Amount> principal_min;               // --principal-min (product range)
  std::optional<Amount> principal_max;               // --principal-max
  Rational annual_rate_percent = 0;                  // --rate 24 (nominal, percent per year)
  int installments_count = 1;                        // --installments 12
  FrequencyUnit unit = FrequencyUnit::kMonths;       // --unit months
  int every = 1;                                     // --every 1
  InterestMethod method = InterestMethod::kDecliningBalance;
  Amortization amortization = Amortization::kEqualInstallments;
  // Instalments at the start with no principal due (--grace-principal).
  int grace_principal_count = 0;
  // Instalments at the start whose interest is deferred to the first one after (--grace-interest).
  int grace_interest_count = 0;
  // Instalments at the start on which no interest is charged at all (--grace-interest-free).
  int grace_interest_free_count = 0;
  InterestPeriod interest_period = InterestPeriod::kSameAsRepayment;
  DaysInYear days_in_year = DaysInYear::k365;
  DaysInMonth days_in_month = DaysInMonth::kActual;
  std::optional<Amount> fee_fixed;                   // --fee 25.00
  std::optional<Rational> fee_percent;               // --fee 2%  (of the principal)
  FeeMode fee_mode = FeeMode::kUpfront;
  RoundingMode rounding = RoundingMode::kHalfEven;   // as Fineract's default
  std::optional<Amount> multiple_of;                 // --multiple-of 20
  // Which of Fineract's schedule generators the schedule follows (--schedule).
  ScheduleType schedule = ScheduleType::kCumulative;
  // Cash rounding of the currency (--currency-multiple-of 100): every figure of the schedule is
  // rounded to a multiple of it, as Fineract's currency "inMultiplesOf" (schedule.h).
  std::optional<Amount> currency_multiple_of;
  AllocationPolicy allocation;                       // --allocation, --allocation-strategy

  friend bool operator==(const LoanTerms&, const LoanTerms&) = default;
};

// Sets the field named by the CLI flag (with its leading "--") from `value`. An unknown flag is
// kUsage; a malformed value is kInvalid naming the flag. Amount-valued options are parsed in
// terms.currency, so apply "--currency" first (apply_options does).
[[nodiscard]] Status set_option(LoanTerms& terms, std::string_view flag, std::string_view value);

// Applies every (flag, value) pair, "--currency" first, and returns every problem found.
[[nodiscard]] Errors apply_options(LoanTerms& terms,
                                   const std::vector<std::pair<std::string, std::string>>& options);

// Every option in its canonical spelling, in a fixed order; apply_options on the result
// rebuilds terms equal to `terms`. Used to store a product and to print a loan's terms.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> format_options(
    const LoanTerms& terms);

// Every inconsistency of the terms, each naming its flag ("--installments", "--rate"):
// counts and ranges out of their limits, graces that leave no instalment to repay, amounts in
// another currency, an empty or repeated allocation order, options a progressive schedule does
// not take. Empty when the terms are usable.
[[nodiscard]] Errors validate(const LoanTerms& terms);

// validate() plus the principal itself: positive, in terms.currency, within the product range,
// and with a currency step, a multiple of it (as is a fixed fee).
[[nodiscard]] Errors validate_loan(const LoanTerms& terms, const Amount& principal);

// CLI spellings of the enum options ("months", "declining", "equal-principal", ...), and their
// parsers (kInvalid naming `field` on anything else).
[[nodiscard]] std::string_view unit_name(FrequencyUnit unit);
[[nodiscard]] std::string_view method_name(InterestMethod method);
[[nodiscard]] std::string_view amortization_name(Amortization amortization);
[[nodiscard]] std::string_view interest_period_name(InterestPeriod period);
[[nodiscard]] std::string_view days_in_year_name(DaysInYear days);
[[nodiscard]] std::string_view days_in_month_name(DaysInMonth days);
[[nodiscard]] std::string_view fee_mode_name(FeeMode mode);
[[nodiscard]] std::string_view component_name(Component component);
[[nodiscard]] std::string_view allocation_strategy_name(AllocationStrategy strategy);
[[nodiscard]] std::string_view schedule_type_name(ScheduleType type);
[[nodiscard]] Result<FrequencyUnit> parse_unit(std::string_view text, std::string_view field);
[[nodiscard]] Result<InterestMethod> parse_method(std::string_view text, std::string_view field);
[[nodiscard]] Result<Amortization> parse_amortization(std::string_view text,
                                                      std::string_view field);
[[nodiscard]] Result<InterestPeriod> parse_interest_period(std::string_view text,
                                                           std::string_view field);
[[nodiscard]] Result<DaysInYear> parse_days_in_year(std::string_view text, std::string_view field);
[[nodiscard]] Result<DaysInMonth> parse_days_in_month(std::string_view text,
                                                      std::string_view field);
[[nodiscard]] Result<FeeMode> parse_fee_mode(std::string_view text, std::string_view field);
[[nodiscard]] Result<AllocationStrategy> parse_allocation_strategy(std::string_view text,
                                                                   std::string_view field);
[[nodiscard]] Result<ScheduleType> parse_schedule_type(std::string_view text,
                                                     std::string_view field);
// "penalties,fees,interest,principal": each of the four exactly once.
[[nodiscard]] Result<std::array<Component, kComponentsCount>> parse_allocation_order(
    std::string_view text, std::string_view field);
[[nodiscard]] std::string format_allocation_order(
    const std::array<Component, kComponentsCount>& order);

}  // namespace semilla::loans
