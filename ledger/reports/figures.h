// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/reports: figures with opening, period and closing values, collected per
// kind and currency (enterprise_statement.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ledger/base/date.h"
#include "ledger/base/error.h"
#include "ledger/grants/grants.h"
#include "ledger/loans/loan_book.h"
#include "ledger/reports/enterprise_statement.h"

namespace semilla::reports::internal {

// The statement's period: events before `from` are opening, those from `from` to `to` the
// period's, later ones are left out. Without --from, `from` is the first date there is.
struct Period {
  Date from = Date::min(), to = Date::max();
  bool has_opening = false;  // --from was given (after the first date there is)
  // Where loans are valued at the end: `to`, or today when `to` is later (arrears are not
  // projected into the future).
  Date stocks_at = Date::max();
};

// The figure kinds in the order statements print them.
[[nodiscard]] const std::vector<std::string>& figure_kinds();

class Figures {
 public:
  // Adds a flow of `minor` dated `day`. kLimitExceeded when a sum leaves the int64 range.
  [[nodiscard]] Status add_flow(const std::string& kind, const std::string& currency,
                                Date day, std::int64_t minor, const Period& period);
  // Sets a stock's value at the start and at the end of the period.
  [[nodiscard]] Status add_stock(const std::string& kind, const std::string& currency,
                                 std::int64_t opening_minor, std::int64_t closing_minor);
  // Adds every figure of `other` (same kind and currency add up).
  [[nodiscard]] Status add_all(const std::vector<Figure>& other);
  // In figure_kinds() order, then by currency.
  [[nodiscard]] std::vector<Figure> sorted() const;

 private:
  Figure& at(const std::string& kind, const std::string& currency);
  std::vector<Figure> list_;
};

// A grant's status at the end of `day`: awarded (nothing paid), partly-paid, paid (every
// tranche), cancelled.
[[nodiscard]] const std::vector<std::string>& grant_statuses();
[[nodiscard]] std::string grant_status_name(const grants::GrantStatus& status);

// A loan at the end of `day`: its status, outstanding principal, overdue amount and days past
// due (all zero before disbursement and once written off: the receivable then holds nothing).
struct LoanStock {
  std::int64_t outstanding_minor = 0, overdue_minor = 0, days_past_due = 0;
  std::string status = "open";
};
[[nodiscard]] Result<LoanStock> loan_stock(loans::LoanBook& loans, const std::string& id,
                                           Date day);

// The enterprise's grants awarded by period.to, with their figures, by grant id.
[[nodiscard]] Result<std::vector<StatementGrant>> statement_grants(
    book::Book& book, const std::string& enterprise, const Period& period);
// The enterprise's loans opened by period.to, with their figures, by loan id.
[[nodiscard]] Result<std::vector<StatementLoan>> statement_loans(
    book::Book& book, const std::string& enterprise, const Period& period);

}  // namespace semilla::reports::internal
