// SPDX-License-Identifier: Apache-2.0
#include "cli/html/html_strings.h"

#include <utility>

namespace semilla::html::words {

const std::vector<std::pair<std::string_view, const char*>>& money_lines() {
  static const std::vector<std::pair<std::string_view, const char*>> kLines = {
      {"opening_balance", tr_noop("Opening balance")},
      {"received", tr_noop("Received from the donor")},
      {"disbursed_cash", tr_noop("Disbursed in cash")},
      {"disbursed_in_kind", tr_noop("Disbursed in kind")},
      {"returned", tr_noop("Returned to the fund")},
      {"spent", tr_noop("Spent on other budget lines")},
      {"other_movements", tr_noop("Other movements")},
      {"closing_balance", tr_noop("Closing balance")},
      {"committed_opening", tr_noop("Committed, not paid, at the start")},
      {"awarded", tr_noop("Awarded in the period")},
      {"released", tr_noop("Released by cancellation")},
      {"committed_closing", tr_noop("Committed, not paid, at the end")}};
  return kLines;
}

std::string_view money_line(std::string_view key) {
  for (const auto& [k, label] : money_lines()) {
    if (k == key) return tr(label);
  }
  return key;
}

std::string group_value(std::string_view value) {
  static constexpr std::pair<std::string_view, const char*> kValues[] = {
      {"female", kWomen},
      {"male", kMen},
      {"other", kOther},
      {"unknown", kUnknown},
      {"paid", tr_noop("Paid")},
      {"pending", tr_noop("Pending")},
      {"cancelled", tr_noop("Cancelled")},
      {"current", tr_noop("Current")},
      {"1-30", tr_noop("1-30 days")},
      {"31-60", tr_noop("31-60 days")},
      {"61-90", tr_noop("61-90 days")},
      {"91-180", tr_noop("91-180 days")},
      {">180", tr_noop("More than 180 days")},
      {"migrant", tr_noop("Migrant")},
      {"refugee", tr_noop("Refugee")},
      {"asylum-seeker", tr_noop("Asylum seeker")},
      {"irregular", tr_noop("Irregular status")},
      {"returnee", tr_noop("Returnee")},
      {"host", tr_noop("Host community")},
      {"stateless", tr_noop("Stateless")},
      {"seed-capital-cash", tr_noop("Seed capital, cash")},
      {"seed-capital-in-kind", tr_noop("Seed capital, in kind")}};
  for (const auto& [k, word] : kValues) {
    if (k == value) return tr(word);
  }
  return std::string(value);
}

}  // namespace semilla::html::words
