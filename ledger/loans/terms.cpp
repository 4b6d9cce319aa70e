// SPDX-License-Identifier: Apache-2.0
#include "ledger/loans/terms.h"

#include <algorithm>
#include <array>
#include <string>

#include "ledger/base/lang.h"
#include "ledger/loans/decimal_internal.h"

namespace semilla::loans {
namespace {

Error invalid(std::string_view field, std::string message) {
  return make_error(ErrorCode::kInvalid, std::string(field), std::move(message));
}

// Strict positive-or-zero integer without sign or leading zeros, at most `max`.
Result<int> parse_count(std::string_view text, std::string_view field, int max) {
  const bool digits = !text.empty() && text.size() <= 9 &&
                      std::all_of(text.begin(), text.end(),
                                  [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || (text.size() > 1 && text[0] == '0')) {
    return invalid(field, "\"" + std::string(text) + "\" is not a whole number such as 12");
  }
  const int value = std::stoi(std::string(text));
  if (value > max) return invalid(field, "must be at most " + std::to_string(max));
  return value;
}

Result<std::optional<Amount>> parse_optional_amount(std::string_view text, Currency currency,
                                                    std::string_view field) {
  if (text == "none") return std::optional<Amount>();
  auto amount = Amount::parse(text, currency, field);
  if (!amount.ok()) return amount.error();
  return std::optional<Amount>(*amount);
}

Result<Rational> parse_percent(std::string_view v, std::string_view f) {
  return internal::parse_decimal(v, f, kPercentFractionDigitsMax);
}

Status set_fee(LoanTerms& t, std::string_view v, std::string_view f) {
  if (v == "none") {
    t.fee_fixed.reset();
    t.fee_percent.reset();
    return Status::Ok();
  }
  if (!v.empty() && v.back() == '%') {
    auto pct = parse_percent(v.substr(0, v.size() - 1), f);
    if (!pct.ok()) return pct.error();
    t.fee_fixed.reset();
    t.fee_percent = *pct;
    return Status::Ok();
  }
  auto amount = Amount::parse(v, t.currency, f);
  if (!amount.ok()) return amount.error();
  t.fee_percent.reset();
  t.fee_fixed = *amount;
  return Status::Ok();
}

// Assigns the parsed value to `target` or returns the parse error.
template <typename T>
Status assign(T& target, Result<T> parsed) {
  if (!parsed.ok()) return parsed.error();
  target = std::move(parsed).value();
  return Status::Ok();
}

using Setter = Status (*)(LoanTerms&, std::string_view value, std::string_view flag);
struct OptionRow {
  std::string_view flag;
  Setter set;
};

// A setter that parses the value with `Parse` and stores it in the member `Field`.
template <auto Field, auto Parse>
Status set_field(LoanTerms& t, std::string_view v, std::string_view f) {
  return assign(t.*Field, Parse(v, f));
}

template <int Max>
Result<int> parse_count_to(std::string_view v, std::string_view f) {
  return parse_count(v, f, Max);
}

// Amount-valued options parse in the terms' currency, so they need the terms themselves.
template <std::optional<Amount> LoanTerms::*Field>
Status set_amount(LoanTerms& t, std::string_view v, std::string_view f) {
  return assign(t.*Field, parse_optional_amount(v, t.currency, f));
}

Status set_currency(LoanTerms& t, std::string_view v, std::string_view f) {
  return assign(t.currency, Currency::find(v, f));
}

Status set_order(LoanTerms& t, std::string_view v, std::string_view f) {
  return assign(t.allocation.order, parse_allocation_order(v, f));
}

Status set_strategy(LoanTerms& t, std::string_view v, std::string_view f) {
  return assign(t.allocation.strategy, parse_allocation_strategy(v, f));
}

constexpr int kCountMax = kInstallmentsCountMax;

// One row per option; the order is format_options' order.
const std::array<OptionRow, 23> kOptions = {{
    {"--currency", set_currency},
    {"--principal-min", set_amount<&LoanTerms::principal_min>},
    {"--principal-max", set_amount<&LoanTerms::principal_max>},
    {"--rate", set_field<&LoanTerms::annual_rate_percent, parse_percent>},
    {"--installments", set_field<&LoanTerms::installments_count, parse_count_to<kCountMax>>},
    {"--unit", set_field<&LoanTerms::unit, parse_unit>},
    {"--every", set_field<&LoanTerms::every, parse_count_to<kEveryMax>>},
    {"--method", set_field<&LoanTerms::method, parse_method>},
    {"--amortization", set_field<&LoanTerms::amortization, parse_amortization>},
    {"--grace-principal",
     set_field<&LoanTerms::grace_principal_count, parse_count_to<kCountMax>>},
    {"--grace-interest", set_field<&LoanTerms::grace_interest_count, parse_count_to<kCountMax>>},
    {"--grace-interest-free",
     set_field<&LoanTerms::grace_interest_free_count, parse_count_to<kCountMax>>},
    {"--interest-period", set_field<&LoanTerms::interest_period, parse_interest_period>},
    {"--days-in-year", set_field<&LoanTerms::days_in_year, parse_days_in_year>},
    {"--days-in-month", set_field<&LoanTerms::days_in_month, parse_days_in_month>},
    {"--fee", set_fee},
    {"--fee-mode", set_field<&LoanTerms::fee_mode, parse_fee_mode>},
    {"--rounding", set_field<&LoanTerms::rounding, money::parse_rounding_mode>},
    {"--multiple-of", set_amount<&LoanTerms::multiple_of>},
    {"--allocation", set_order},
    {"--allocation-strategy", set_strategy},
    {"--schedule", set_field<&LoanTerms::schedule, parse_schedule_type>},
    {"--currency-multiple-of", set_amount<&LoanTerms::currency_multiple_of>},
}};

}  // namespace

Status set_option(LoanTerms& terms, std::string_view flag, std::string_view value) {
  for (const OptionRow& row : kOptions) {
    if (row.flag == flag) return row.set(terms, value, flag);
  }
  return make_error(ErrorCode::kUsage, std::string(flag), tr("is not a loan term option"));
}

Errors apply_options(LoanTerms& terms,
                     const std::vector<std::pair<std::string, std::string>>& options) {
  Errors errors;
  // The currency decides how amount-valued options parse, so it goes first.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& [flag, value] : options) {
      if ((flag == "--currency") != (pass == 0)) continue;
      Status status = set_option(terms, flag, value);
      if (!status.ok()) errors.push_back(status.error());
    }
  }
  return errors;
}

std::vector<std::pair<std::string, std::string>> format_options(const LoanTerms& t) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto add = [&out](std::string_view flag, std::string value) {
    out.emplace_back(std::string(flag), std::move(value));
  };
  add("--currency", std::string(t.currency.code()));
  if (t.principal_min) add("--principal-min", t.principal_min->to_string());
  if (t.principal_max) add("--principal-max", t.principal_max->to_string());
  add("--rate", internal::format_exact_decimal(t.annual_rate_percent));
  add("--installments", std::to_string(t.installments_count));
  add("--unit", std::string(unit_name(t.unit)));
  add("--every", std::to_string(t.every));
  add("--method", std::string(method_name(t.method)));
  add("--amortization", std::string(amortization_name(t.amortization)));
  add("--grace-principal", std::to_string(t.grace_principal_count));
  add("--grace-interest", std::to_string(t.grace_interest_count));
  add("--grace-interest-free", std::to_string(t.grace_interest_free_count));
  add("--interest-period", std::string(interest_period_name(t.interest_period)));
  add("--days-in-year", std::string(days_in_year_name(t.days_in_year)));
  add("--days-in-month", std::string(days_in_month_name(t.days_in_month)));
  if (t.fee_fixed) add("--fee", t.fee_fixed->to_string());
  if (t.fee_percent) add("--fee", internal::format_exact_decimal(*t.fee_percent) + "%");
  add("--fee-mode", std::string(fee_mode_name(t.fee_mode)));
  add("--rounding", std::string(money::rounding_mode_name(t.rounding)));
  if (t.multiple_of) add("--multiple-of", t.multiple_of->to_string());
  add("--allocation", format_allocation_order(t.allocation.order));
  add("--allocation-strategy", std::string(allocation_strategy_name(t.allocation.strategy)));
  // The two options added after the first books were written appear only when they differ from
  // the behaviour before them, so that the terms of an older book keep their one spelling.
  if (t.schedule != ScheduleType::kCumulative) {
    add("--schedule", std::string(schedule_type_name(t.schedule)));
  }
  if (t.currency_multiple_of) add("--currency-multiple-of", t.currency_multiple_of->to_string());
  return out;
}

}  // namespace semilla::loans
