// SPDX-License-Identifier: Apache-2.0
// Lists a finance officer filters: grants, milestones, loans (`grant list`, `milestone list`,
// `loan list`). Each reports every problem of its filters at once: an unknown fund,
// enterprise or status is named with the closest known ones.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/book/book.h"
#include "ledger/grants/grants.h"
#include "ledger/store/grant_store.h"
#include "ledger/store/loan_store.h"

namespace semilla::reports {

// Raw user text; an empty member does not filter.
struct GrantFilter {
  std::string fund, enterprise, status;  // status: awarded | partly-paid | paid | cancelled
};
struct GrantListRow {
  grants::GrantStatus grant;
  std::string status;  // as in GrantFilter
};
// By grant id.
[[nodiscard]] Result<std::vector<GrantListRow>, Errors> list_grants(book::Book& book,
                                                                    const GrantFilter& filter);

// Every milestone recorded (of one enterprise when `enterprise` is not empty), by enterprise,
// then date, then name.
[[nodiscard]] Result<std::vector<store::MilestoneRow>, Errors> list_milestones(
    book::Book& book, const std::string& enterprise);

struct LoanFilter {
  std::string status, enterprise;  // status: open | active | closed | written-off
  std::string as_of;               // default: today
};
struct LoanListRow {
  store::LoanRow loan;
  std::string status;                   // at the end of as_of
  std::int64_t outstanding_minor = 0;   // principal still owed then
  std::int64_t overdue_minor = 0;       // due before as_of and unpaid
  std::int64_t days_past_due = 0;
};
// By loan id.
[[nodiscard]] Result<std::vector<LoanListRow>, Errors> list_loans(book::Book& book,
                                                                  const LoanFilter& filter);
// The loans at risk at the end of `as_of` (default today): active loans with an instalment
// past due (days past due >= 1); their amount at risk is their outstanding principal, as for
// PAR. Most days past due first, then by loan id.
[[nodiscard]] Result<std::vector<LoanListRow>, Errors> loans_at_risk(book::Book& book,
                                                                     const std::string& as_of);

}  // namespace semilla::reports
