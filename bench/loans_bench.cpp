// SPDX-License-Identifier: Apache-2.0
// Loans benchmark: schedules, cost of credit, allocation and portfolio arrears at the sizes a
// field office meets, and at the limits of terms.h. Prints microseconds per operation.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "ledger/loans/allocation.h"
#include "ledger/loans/apr.h"
#include "ledger/loans/arrears.h"
#include "ledger/loans/schedule.h"

namespace {

using namespace semilla;
using namespace semilla::loans;

LoanTerms terms_of(const std::vector<std::pair<std::string, std::string>>& options) {
  LoanTerms t(money::Currency::find("USD").value());
  if (!apply_options(t, options).empty()) std::abort();
  return t;
}

// Runs `op` `count` times and prints the mean in microseconds.
void measure(const char* name, int count, const std::function<void()>& op) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) op();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count();
  std::printf("%-44s %8lld us/op  (%d runs)\n", name, static_cast<long long>(micros / count),
              count);
}

Schedule make(const LoanTerms& t, const char* principal) {
  auto s = generate_schedule(t, money::Amount::parse(principal, t.currency).value(),
                             Date::from_ymd(2024, 1, 31));
  if (!s.ok()) std::abort();
  return std::move(s).value();
}

}  // namespace

int main() {
  const LoanTerms monthly = terms_of({{"--rate", "24"}, {"--installments", "12"}});
  const LoanTerms weekly_flat = terms_of(
      {{"--method", "flat"}, {"--rate", "52"}, {"--installments", "52"}, {"--unit", "weeks"}});
  const LoanTerms longest = terms_of(
      {{"--rate", "36.5"}, {"--installments", "600"}, {"--unit", "weeks"}, {"--fee", "2%"}});
  const LoanTerms daily = terms_of({{"--rate", "30"}, {"--installments", "24"},
                                    {"--interest-period", "daily"}, {"--days-in-year", "actual"}});
  measure("schedule: 12 months declining", 2000, [&] { (void)make(monthly, "1000"); });
  measure("schedule: 52 weeks flat", 2000, [&] { (void)make(weekly_flat, "500"); });
  measure("schedule: 24 months daily actual/actual", 500, [&] { (void)make(daily, "5000"); });
  measure("schedule: 600 weeks declining (limit)", 20, [&] { (void)make(longest, "250000"); });
  const Schedule s12 = make(monthly, "1000");
  const Schedule s600 = make(longest, "250000");
  measure("cost of credit: 12 months", 200, [&] { (void)cost_of_credit(monthly, s12); });
  measure("cost of credit: 600 weeks (limit)", 3, [&] { (void)cost_of_credit(longest, s600); });
  const std::vector<InstallmentState> state = initial_state(s600);
  const money::Amount payment = money::Amount::parse("20000", longest.currency).value();
  measure("allocate a payment over 600 instalments", 200, [&] {
    (void)allocate_payment(state, payment, Date::from_ymd(2030, 1, 1), AllocationPolicy{});
  });
  std::vector<LoanArrears> book;
  const std::vector<InstallmentState> loan = initial_state(s12);
  for (int i = 0; i < 10000; ++i) {
    const Date as_of = Date::from_ymd(2024, 3, 1).add_days(i % 400);
    book.push_back(loan_arrears(loan, monthly.currency, as_of));
  }
  measure("portfolio arrears of 10,000 loans", 20,
          [&] { (void)portfolio_arrears(book, monthly.currency); });
  return 0;
}
