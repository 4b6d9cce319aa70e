// SPDX-License-Identifier: Apache-2.0
// Arrears as of a date: per loan the days past due and what is overdue, per portfolio the
// portfolio at risk (PAR30, PAR90) and the aging buckets. Definitions in docs/loans.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/date.h"
#include "ledger/base/error.h"
#include "ledger/loans/allocation.h"

namespace semilla::loans {

struct LoanArrears {
  // Days from the oldest instalment due before `as_of` and not fully paid, to `as_of`;
  // 0 when nothing is overdue. An instalment due on `as_of` itself is not yet overdue.
  std::int64_t days_past_due;
  std::optional<Date> oldest_unpaid_due_date;  // that instalment's due date, if any
  Components overdue;                // unpaid on instalments due before `as_of`, per component
  Amount outstanding_principal;      // all principal not yet paid, overdue or not
};

// The arrears of one loan from its state (allocation.h). `currency` is the loan's.
[[nodiscard]] LoanArrears loan_arrears(const std::vector<InstallmentState>& state,
                                       Currency currency, Date as_of);

enum class AgingBucket { kCurrent, k1To30, k31To60, k61To90, k91To180, kOver180 };
inline constexpr std::size_t kAgingBucketsCount = 6;

// "current", "1-30", "31-60", "61-90", "91-180", ">180".
[[nodiscard]] std::string_view aging_bucket_name(AgingBucket bucket);
// The bucket of a number of days past due (0 is current).
[[nodiscard]] AgingBucket aging_bucket_for(std::int64_t days_past_due);

struct BucketLine {
  AgingBucket bucket;
  std::size_t loans_count;
  Amount principal;  // outstanding principal of those loans
};

struct PortfolioArrears {
  std::size_t loans_count;              // loans that still owe anything
  Amount gross_outstanding_principal;   // of those loans
  Amount par30_principal;               // outstanding principal of loans more than 30 DPD
  Amount par90_principal;               // ... more than 90 DPD
  Rational par30;                       // par30_principal / gross (0 for an empty portfolio)
  Rational par90;
  std::array<BucketLine, kAgingBucketsCount> buckets;  // in AgingBucket order
};

// Portfolio figures over the loans of one currency (written-off loans are the caller's to
// leave out). A loan in another currency is kCurrencyMismatch naming its position.
// Loans that owe nothing are not counted.
[[nodiscard]] Result<PortfolioArrears> portfolio_arrears(const std::vector<LoanArrears>& loans,
                                                         Currency currency);

// A ratio printed with 4 decimals, rounded half-even: 3/8 -> "0.3750". Display only.
[[nodiscard]] std::string format_ratio(const Rational& ratio);
// The same ratio as a percentage with 2 decimals, rounded half-even: 3/8 -> "37.50%". For
// tables; JSON keeps format_ratio.
[[nodiscard]] std::string format_percent(const Rational& ratio);

}  // namespace semilla::loans
