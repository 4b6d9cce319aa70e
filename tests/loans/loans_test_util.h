// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the loans tests: terms from CLI options, schedules as readable rows.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "ledger/base/date.h"
#include "ledger/loans/schedule.h"
#include "ledger/loans/terms.h"
#include "ledger/money/amount.h"
#include "ledger/money/currency.h"

namespace semilla::loans::testing {

inline money::Currency currency(std::string_view code = "USD") {
  return money::Currency::find(code).value();
}

inline money::Amount amount(std::string_view text, std::string_view code = "USD") {
  return money::Amount::parse(text, currency(code)).value();
}

inline Date date(std::string_view text) { return Date::parse(text).value(); }

// Terms in `code` with the given CLI options applied; a bad option fails the test.
inline LoanTerms terms(const std::vector<std::pair<std::string, std::string>>& options,
                       std::string_view code = "USD") {
  LoanTerms t(currency(code));
  const Errors errors = apply_options(t, options);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front().to_string());
  return t;
}

// "n date principal interest fee total balance" per instalment.
inline std::vector<std::string> rows(const Schedule& s) {
  std::vector<std::string> out;
  for (const Installment& i : s.installments) {
    out.push_back(std::to_string(i.number) + " " + i.due_date.to_string() + " " +
                  i.principal.to_string() + " " + i.interest.to_string() + " " +
                  i.fee.to_string() + " " + i.total.to_string() + " " +
                  i.balance_after.to_string());
  }
  return out;
}

// The schedule of `principal` disbursed on `disbursed`; a refusal fails the test.
inline Schedule schedule(const LoanTerms& t, std::string_view principal,
                         std::string_view disbursed) {
  auto s = generate_schedule(t, amount(principal, t.currency.code()), date(disbursed));
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().to_string());
  return s.ok() ? std::move(s).value() : Schedule{date(disbursed), amount("0", t.currency.code()),
                                                  amount("0", t.currency.code()), t.fee_mode,
                                                  amount("0", t.currency.code()), {},
                                                  amount("0", t.currency.code()),
                                                  amount("0", t.currency.code()),
                                                  amount("0", t.currency.code()),
                                                  amount("0", t.currency.code())};
}

}  // namespace semilla::loans::testing
