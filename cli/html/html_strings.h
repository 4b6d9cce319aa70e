// SPDX-License-Identifier: Apache-2.0
// Every word the HTML pages show, in one place: marked for the catalogue (po/) with tr_noop and
// translated with tr() where the page shows them, so a page comes in the language in use.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ledger/base/lang.h"

namespace semilla::html::words {

// Both pages.
inline constexpr const char* kFooter =
    tr_noop("Written by Semilla from the book's ledger. Every figure equals the same report's "
            "--json output; the charts are drawn from those figures.");
inline constexpr const char* kCurrency = tr_noop("Currency");
inline constexpr const char* kAmount = tr_noop("Amount");
inline constexpr const char* kEnterprise = tr_noop("Enterprise");
inline constexpr const char* kLoans = tr_noop("Loans");
inline constexpr const char* kLoansCount = tr_noop("loans:");
inline constexpr const char* kNone = tr_noop("None.");

// The donor report.
inline constexpr const char* kDonorTitle = tr_noop("Donor report");
inline constexpr const char* kFund = tr_noop("Fund");
inline constexpr const char* kDonor = tr_noop("Donor");
inline constexpr const char* kPeriod = tr_noop("Period");
inline constexpr const char* kTo = tr_noop("to");
inline constexpr const char* kMoney = tr_noop("Money of the fund");
inline constexpr const char* kItem = tr_noop("Item");
inline constexpr const char* kBudget = tr_noop("Budget against actual");
inline constexpr const char* kBudgetNote =
    tr_noop("Actual from the fund's start to the end of the period.");
inline constexpr const char* kCategory = tr_noop("Budget line");
inline constexpr const char* kBudgetColumn = tr_noop("Budget");
inline constexpr const char* kActual = tr_noop("Actual");
inline constexpr const char* kRemaining = tr_noop("Remaining");
inline constexpr const char* kNoBudget = tr_noop("The fund has no budget lines.");
inline constexpr const char* kOverTime = tr_noop("Disbursements over time");
inline constexpr const char* kMonth = tr_noop("Month");
inline constexpr const char* kCash = tr_noop("Cash");
inline constexpr const char* kInKind = tr_noop("In kind");
inline constexpr const char* kReturned = tr_noop("Returned");
inline constexpr const char* kReached = tr_noop("People reached");
inline constexpr const char* kReachedNote =
    tr_noop("Enterprises with a disbursement or a return in the period; each person counts in the "
            "group of their own attribute, the enterprise and its amount in its owner's.");
inline constexpr const char* kGroup = tr_noop("Group");
inline constexpr const char* kPeople = tr_noop("People");
inline constexpr const char* kWomen = tr_noop("Women");
inline constexpr const char* kMen = tr_noop("Men");
inline constexpr const char* kOther = tr_noop("Other");
inline constexpr const char* kUnknown = tr_noop("Unknown");
inline constexpr const char* kUnknownSex = tr_noop("Sex not recorded");
inline constexpr const char* kUnknownSexColumn = tr_noop("Sex unknown");
inline constexpr const char* kNetAmount = tr_noop("Paid less returned");
inline constexpr const char* kEnterprises = tr_noop("Enterprises");
inline constexpr const char* kGrants = tr_noop("Grants");
inline constexpr const char* kBySex = tr_noop("By sex");
inline constexpr const char* kByAge = tr_noop("By age group");
inline constexpr const char* kByNationality = tr_noop("By nationality");
inline constexpr const char* kByStatus = tr_noop("By migration status");
inline constexpr const char* kTranches = tr_noop("Tranches paid and pending");
inline constexpr const char* kTranchesNote =
    tr_noop("The fund's grants awarded by the period's end, as they stood then.");
inline constexpr const char* kTranchesCount = tr_noop("tranches:");
inline constexpr const char* kState = tr_noop("State");
inline constexpr const char* kGrant = tr_noop("Grant");
inline constexpr const char* kTranche = tr_noop("Tranche");
inline constexpr const char* kPaidOn = tr_noop("Paid on");
inline constexpr const char* kNotPaid = tr_noop("Tranches not paid");
inline constexpr const char* kReconciled =
    tr_noop("The grant events add up to the fund's accounts in the ledger.");
inline constexpr const char* kNotReconciled =
    tr_noop("Warning: the grant events do not add up to the fund's accounts: something was posted "
            "on them outside the grant commands. Transactions:");

// The money lines of the donor report: (JSON key, label to translate), in the report's order.
[[nodiscard]] const std::vector<std::pair<std::string_view, const char*>>& money_lines();
// The label of one of them, translated (the key itself when unknown).
[[nodiscard]] std::string_view money_line(std::string_view key);
// A tranche state (paid, pending, cancelled), a sex (female, male, other, unknown), a built-in
// migration status, an aging bucket, a built-in budget category, or another group value as
// the page shows it, translated: the value itself when it has no word (a status or category
// the book defined, a nationality's ISO code, an age group).
[[nodiscard]] std::string group_value(std::string_view value);

// The portfolio.
inline constexpr const char* kPortfolioTitle = tr_noop("Loan portfolio");
inline constexpr const char* kAsOf = tr_noop("As of");
inline constexpr const char* kOutstanding = tr_noop("Gross outstanding principal");
inline constexpr const char* kOutstandingShort = tr_noop("Outstanding");
inline constexpr const char* kPar30 = tr_noop("PAR30");
inline constexpr const char* kPar90 = tr_noop("PAR90");
inline constexpr const char* kParNote =
    tr_noop("Portfolio at risk: outstanding principal of loans more than 30 (90) days past due "
            "over the gross outstanding principal. Written-off loans are left out.");
inline constexpr const char* kHistory = tr_noop("PAR30 and PAR90 at each month end");
inline constexpr const char* kDate = tr_noop("Date");
inline constexpr const char* kNoLoans = tr_noop("-");
inline constexpr const char* kAging = tr_noop("Aging of the outstanding principal");
inline constexpr const char* kDaysPastDue = tr_noop("Days past due");
inline constexpr const char* kPrincipal = tr_noop("Principal");
inline constexpr const char* kByProduct = tr_noop("By product and cohort");
inline constexpr const char* kProduct = tr_noop("Product");
inline constexpr const char* kCohort = tr_noop("Cohort");
inline constexpr const char* kWrittenOff = tr_noop("Written off");
inline constexpr const char* kWrittenOffAmount = tr_noop("Owed when written off");
inline constexpr const char* kPar30Principal = tr_noop("Principal > 30 days");
inline constexpr const char* kPar90Principal = tr_noop("Principal > 90 days");
inline constexpr const char* kRecovered = tr_noop("Recovered");
inline constexpr const char* kAtRisk = tr_noop("Loans at risk");
inline constexpr const char* kLoan = tr_noop("Loan");
inline constexpr const char* kOverdue = tr_noop("Overdue");
inline constexpr const char* kAtRiskColumn = tr_noop("At risk");
inline constexpr const char* kNoneAtRisk = tr_noop("No active loan has an instalment past due.");
inline constexpr const char* kPartners = tr_noop("Partners' loans, from their statements");
inline constexpr const char* kPartner = tr_noop("Partner");

}  // namespace semilla::html::words
