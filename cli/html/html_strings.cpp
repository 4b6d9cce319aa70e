// SPDX-License-Identifier: Apache-2.0
#include "cli/html/html_strings.h"

#include <utility>

namespace semilla::html::words {

const std::vector<std::pair<std::string_view, std::string_view>>& money_lines() {
  static const std::vector<std::pair<std::string_view, std::string_view>> kLines = {
      {"opening_balance", "Opening balance"},
      {"received", "Received from the donor"},
      {"disbursed_cash", "Disbursed in cash"},
      {"disbursed_in_kind", "Disbursed in kind"},
      {"returned", "Returned to the fund"},
      {"spent", "Spent on other budget lines"},
      {"other_movements", "Other movements"},
      {"closing_balance", "Closing balance"},
      {"committed_opening", "Committed, not paid, at the start"},
      {"awarded", "Awarded in the period"},
      {"released", "Released by cancellation"},
      {"committed_closing", "Committed, not paid, at the end"}};
  return kLines;
}

std::string_view money_line(std::string_view key) {
  for (const auto& [k, label] : money_lines()) {
    if (k == key) return label;
  }
  return key;
}

std::string group_value(std::string_view value) {
  static constexpr std::pair<std::string_view, std::string_view> kValues[] = {
      {"female", kWomen}, {"male", kMen}, {"other", kOther}, {"unknown", kUnknown},
      {"paid", "Paid"}, {"pending", "Pending"}, {"cancelled", "Cancelled"},
      {"current", "Current"}, {"1-30", "1-30 days"}, {"31-60", "31-60 days"},
      {"61-90", "61-90 days"}, {"91-180", "91-180 days"}, {">180", "More than 180 days"},
      {"migrant", "Migrant"}, {"refugee", "Refugee"}, {"asylum-seeker", "Asylum seeker"},
      {"irregular", "Irregular status"}, {"returnee", "Returnee"},
      {"host", "Host community"}, {"stateless", "Stateless"},
      {"seed-capital-cash", "Seed capital, cash"},
      {"seed-capital-in-kind", "Seed capital, in kind"}};
  for (const auto& [k, word] : kValues) {
    if (k == value) return std::string(word);
  }
  return std::string(value);
}

}  // namespace semilla::html::words
