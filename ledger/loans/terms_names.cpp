// SPDX-License-Identifier: Apache-2.0
// The CLI spellings of the enum options, one table each so that name and parse never drift.
#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "ledger/base/check.h"
#include "ledger/loans/terms.h"

namespace semilla::loans {
namespace {

template <typename E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<FrequencyUnit, 3> kUnits = {{{FrequencyUnit::kDays, "days"},
                                             {FrequencyUnit::kWeeks, "weeks"},
                                             {FrequencyUnit::kMonths, "months"}}};
constexpr Table<InterestMethod, 2> kMethods = {
    {{InterestMethod::kFlat, "flat"}, {InterestMethod::kDecliningBalance, "declining"}}};
constexpr Table<Amortization, 2> kAmortizations = {
    {{Amortization::kEqualInstallments, "equal-installments"},
     {Amortization::kEqualPrincipal, "equal-principal"}}};
constexpr Table<InterestPeriod, 2> kInterestPeriods = {
    {{InterestPeriod::kSameAsRepayment, "same-as-repayment"}, {InterestPeriod::kDaily, "daily"}}};
constexpr Table<DaysInYear, 4> kDaysInYear = {{{DaysInYear::k360, "360"},
                                               {DaysInYear::k364, "364"},
                                               {DaysInYear::k365, "365"},
                                               {DaysInYear::kActual, "actual"}}};
constexpr Table<DaysInMonth, 2> kDaysInMonth = {
    {{DaysInMonth::k30, "30"}, {DaysInMonth::kActual, "actual"}}};
constexpr Table<FeeMode, 2> kFeeModes = {
    {{FeeMode::kUpfront, "upfront"}, {FeeMode::kDeducted, "deducted"}}};
constexpr Table<Component, kComponentsCount> kComponents = {
    {{Component::kPenalty, "penalties"},
     {Component::kFee, "fees"},
     {Component::kInterest, "interest"},
     {Component::kPrincipal, "principal"}}};
constexpr Table<AllocationStrategy, 2> kStrategies = {
    {{AllocationStrategy::kOldestFirst, "oldest-first"},
     {AllocationStrategy::kDueComponentFirst, "due-component-first"}}};
constexpr Table<ScheduleType, 2> kScheduleTypes = {
    {{ScheduleType::kCumulative, "cumulative"}, {ScheduleType::kProgressive, "progressive"}}};

template <typename E, std::size_t N>
std::string_view name_in(const Table<E, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  SEMILLA_CHECK(false);  // every enumerator has a row
  return {};
}

template <typename E, std::size_t N>
Result<E> parse_in(const Table<E, N>& table, std::string_view text, std::string_view field) {
  std::string choices;
  for (const auto& [e, name] : table) {
    if (name == text) return e;
    choices += choices.empty() ? "" : ", ";
    choices += name;
  }
  return make_error(ErrorCode::kInvalid, std::string(field),
                    "\"" + std::string(text) + "\" is not one of: " + choices);
}

}  // namespace

std::string_view unit_name(FrequencyUnit v) { return name_in(kUnits, v); }
std::string_view method_name(InterestMethod v) { return name_in(kMethods, v); }
std::string_view amortization_name(Amortization v) { return name_in(kAmortizations, v); }
std::string_view interest_period_name(InterestPeriod v) { return name_in(kInterestPeriods, v); }
std::string_view days_in_year_name(DaysInYear v) { return name_in(kDaysInYear, v); }
std::string_view days_in_month_name(DaysInMonth v) { return name_in(kDaysInMonth, v); }
std::string_view fee_mode_name(FeeMode v) { return name_in(kFeeModes, v); }
std::string_view component_name(Component v) { return name_in(kComponents, v); }
std::string_view allocation_strategy_name(AllocationStrategy v) {
  return name_in(kStrategies, v);
}
std::string_view schedule_type_name(ScheduleType v) { return name_in(kScheduleTypes, v); }

Result<FrequencyUnit> parse_unit(std::string_view t, std::string_view f) {
  return parse_in(kUnits, t, f);
}
Result<InterestMethod> parse_method(std::string_view t, std::string_view f) {
  return parse_in(kMethods, t, f);
}
Result<Amortization> parse_amortization(std::string_view t, std::string_view f) {
  return parse_in(kAmortizations, t, f);
}
Result<InterestPeriod> parse_interest_period(std::string_view t, std::string_view f) {
  return parse_in(kInterestPeriods, t, f);
}
Result<DaysInYear> parse_days_in_year(std::string_view t, std::string_view f) {
  return parse_in(kDaysInYear, t, f);
}
Result<DaysInMonth> parse_days_in_month(std::string_view t, std::string_view f) {
  return parse_in(kDaysInMonth, t, f);
}
Result<FeeMode> parse_fee_mode(std::string_view t, std::string_view f) {
  return parse_in(kFeeModes, t, f);
}
Result<AllocationStrategy> parse_allocation_strategy(std::string_view t, std::string_view f) {
  return parse_in(kStrategies, t, f);
}
Result<ScheduleType> parse_schedule_type(std::string_view t, std::string_view f) {
  return parse_in(kScheduleTypes, t, f);
}

Result<std::array<Component, kComponentsCount>> parse_allocation_order(std::string_view text,
                                                                       std::string_view field) {
  std::array<Component, kComponentsCount> order{};
  std::array<bool, kComponentsCount> seen{};
  std::size_t count = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    auto component = parse_in(kComponents, text.substr(start, comma - start), field);
    if (!component.ok()) return component.error();
    const auto index = static_cast<std::size_t>(*component);
    if (seen[index] || count == kComponentsCount) {
      return make_error(ErrorCode::kInvalid, std::string(field),
                        "\"" + std::string(text) + "\" names a component twice");
    }
    seen[index] = true;
    order[count++] = *component;
    start = comma + 1;
  }
  if (count != kComponentsCount) {
    return make_error(ErrorCode::kInvalid, std::string(field),
                      "\"" + std::string(text) +
                          "\" must name penalties, fees, interest and principal once each");
  }
  return order;
}

std::string format_allocation_order(const std::array<Component, kComponentsCount>& order) {
  std::string text;
  for (Component c : order) {
    if (!text.empty()) text += ",";
    text += component_name(c);
  }
  return text;
}

}  // namespace semilla::loans
