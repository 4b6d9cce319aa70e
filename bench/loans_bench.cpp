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

#include "ledger/book/verify.h"
#include "ledger/loans/allocation.h"
#include "ledger/loans/loan_book.h"
#include "ledger/loans/apr.h"
#include "ledger/loans/arrears.h"
#include "ledger/loans/schedule.h"
#include "ledger/store/sqlite_store_internal.h"

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

// Seconds since `start`, as text with milliseconds, for the one-shot measures.
std::string seconds_since(std::chrono::steady_clock::time_point start) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  return std::to_string(ms / 1000) + "." + std::to_string(1000 + ms % 1000).substr(1) + " s";
}

// 100,000 schedules of a mix of terms, one after the other, and the time they took.
void schedules_100k(const char* name, const std::vector<LoanTerms>& mix) {
  const auto start = std::chrono::steady_clock::now();
  std::size_t installments = 0;
  for (int i = 0; i < 100000; ++i) {
    const LoanTerms& t = mix[static_cast<std::size_t>(i) % mix.size()];
    auto s = generate_schedule(
        t, money::Amount::from_minor(std::int64_t{50000} + (i % 400) * 1000, t.currency),
        Date::from_ymd(2025, 1, 1).add_days(i % 365));
    if (!s.ok()) std::abort();
    installments += s->installments.size();
  }
  std::printf("%-44s %s (%zu instalments)\n", name, seconds_since(start).c_str(), installments);
}

// A field office's mix: monthly declining, weekly flat, daily interest.
void cumulative_schedules_100k() {
  schedules_100k("schedules of 100,000 loans",
                 {terms_of({{"--rate", "24"}, {"--installments", "12"}, {"--fee", "2%"}}),
                  terms_of({{"--method", "flat"}, {"--rate", "52"}, {"--installments", "16"},
                            {"--unit", "weeks"}, {"--multiple-of", "1"}}),
                  terms_of({{"--rate", "30"}, {"--installments", "6"},
                            {"--interest-period", "daily"}})});
}

// The same office on Fineract's progressive schedules: monthly actual/actual (periods across
// 1 January included), 26 weeks on a 364-day year, every 15 days on 360 in multiples of 1.
void progressive_schedules_100k() {
  schedules_100k("progressive schedules of 100,000 loans",
                 {terms_of({{"--schedule", "progressive"}, {"--rate", "24"},
                            {"--installments", "12"}, {"--days-in-year", "actual"}}),
                  terms_of({{"--schedule", "progressive"}, {"--rate", "52"},
                            {"--installments", "26"}, {"--unit", "weeks"},
                            {"--days-in-year", "364"}}),
                  terms_of({{"--schedule", "progressive"}, {"--rate", "30"},
                            {"--installments", "12"}, {"--unit", "days"}, {"--every", "15"},
                            {"--days-in-year", "360"}, {"--multiple-of", "1"}})});
}

// A book with `count` loans, opened, disbursed and partly repaid through LoanBook (every
// operation is its own database transaction with its audit records, as from the CLI). In
// memory: the figures are the work of the code, not of the disk's fsync (~5 ms a commit here).
// With `save_to`, the book is then copied to that file (for `semilla --db FILE audit verify`
// under /usr/bin/time -v: the peak memory of verify alone).
void portfolio_of(int count, const std::string& path, const std::string& save_to) {
  setenv("SEMILLA_NOW", "2027-12-31T12:00:00Z", 1);
  auto store = store::open_sqlite_store(path, true).value();
  auto b = book::Book::init(*store, {"USD", "Bench", "UTC"}, "bench").value();
  if (!b.add_account({"Assets:Bank", "asset", "USD", ""}).ok()) std::abort();
  for (int c = 0; c < 20; ++c) {
    book::EnterpriseDraft e;
    e.id = "EC-" + std::to_string(c);
    e.cohort = "2025-" + std::to_string(c % 4);
    if (!b.add_enterprise(e).ok()) std::abort();
  }
  LoanBook loans(b);
  if (!loans.add_product({"P12", "", {{"--currency", "USD"}, {"--rate", "24"},
                                      {"--installments", "12"}}}).ok()) {
    std::abort();
  }
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    const std::string id = "L" + std::to_string(i);
    const std::string day = Date::from_ymd(2025, 1, 1).add_days(i % 360).to_string();
    if (!loans.open({id, "EC-" + std::to_string(i % 20), "P12", "1000", day, "", {}}).ok() ||
        !loans.disburse(id, day, "").ok()) {
      std::abort();
    }
    // Loan i pays (i mod 12) instalments' worth (94.56 each) in one lump, some of it late.
    const int paid_count = i % 12;
    const Date paid = Date::parse(day).value().add_days(30 * paid_count + (i % 5) * 9);
    if (paid_count > 0 &&
        !loans.repay({id, std::to_string(94 * paid_count), paid.to_string(), "", ""}).ok()) {
      std::abort();
    }
  }
  std::printf("%-44s %s (open, disburse, 11 in 12 repay)\n",
              ("book " + std::to_string(count) + " loans").c_str(),
              seconds_since(start).c_str());
  start = std::chrono::steady_clock::now();
  auto p = loans.portfolio("2026-06-30");
  if (!p.ok()) std::abort();
  std::printf("%-44s %s (PAR30 %s, %zu loans)\n",
              ("portfolio of " + std::to_string(count) + " loans").c_str(),
              seconds_since(start).c_str(),
              format_ratio(p->currencies[0].total.arrears.par30).c_str(),
              p->currencies[0].total.arrears.loans_count);
  start = std::chrono::steady_clock::now();
  if (!loans.status("L7", "2026-06-30").ok()) std::abort();
  std::printf("%-44s %s\n", "status of one loan in that book", seconds_since(start).c_str());
  start = std::chrono::steady_clock::now();
  register_module();
  auto verified = book::verify_book(*store);
  if (!verified.ok()) std::abort();
  std::printf("%-44s %s (%llu records)\n", "audit verify of that book (loan tables too)",
              seconds_since(start).c_str(),
              static_cast<unsigned long long>(verified->records));
  if (!save_to.empty()) {
    SQLite::Statement copy(dynamic_cast<store::detail::SqliteStore&>(*store).db(),
                           "VACUUM INTO ?");
    copy.bind(1, save_to);
    copy.exec();
    std::printf("%-44s %s\n", "book saved to", save_to.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  // bench_loans_bench [LOANS [FILE]]: the book-level figures for LOANS loans (default
  // 100,000); with FILE, that book is also saved there.
  const int loans_count = argc > 1 ? std::atoi(argv[1]) : 100000;
  const std::string save_to = argc > 2 ? argv[2] : "";
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
  LoanTerms progressive_monthly = monthly;
  progressive_monthly.schedule = ScheduleType::kProgressive;
  LoanTerms progressive_longest = longest;
  progressive_longest.schedule = ScheduleType::kProgressive;
  measure("schedule: 12 months progressive", 2000,
          [&] { (void)make(progressive_monthly, "1000"); });
  measure("schedule: 600 weeks progressive (limit)", 20,
          [&] { (void)make(progressive_longest, "250000"); });
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
  cumulative_schedules_100k();
  progressive_schedules_100k();
  portfolio_of(loans_count, ":memory:", save_to);
  return 0;
}
