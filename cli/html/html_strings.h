// SPDX-License-Identifier: Apache-2.0
// Every word the HTML pages show, in one place, so that a translation (gettext, issue 13)
// replaces them here and nowhere else. English: the donors read English.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace semilla::html::words {

// Both pages.
inline constexpr std::string_view kFooter =
    "Written by Semilla from the book's ledger. Every figure equals the same report's --json "
    "output; the charts are drawn from those figures.";
inline constexpr std::string_view kCurrency = "Currency";
inline constexpr std::string_view kAmount = "Amount";
inline constexpr std::string_view kEnterprise = "Enterprise";
inline constexpr std::string_view kLoans = "Loans";
inline constexpr std::string_view kLoansCount = "loans:";
inline constexpr std::string_view kNone = "None.";

// The donor report.
inline constexpr std::string_view kDonorTitle = "Donor report";
inline constexpr std::string_view kFund = "Fund";
inline constexpr std::string_view kDonor = "Donor";
inline constexpr std::string_view kPeriod = "Period";
inline constexpr std::string_view kTo = "to";
inline constexpr std::string_view kMoney = "Money of the fund";
inline constexpr std::string_view kItem = "Item";
inline constexpr std::string_view kBudget = "Budget against actual";
inline constexpr std::string_view kBudgetNote =
    "Actual from the fund's start to the end of the period.";
inline constexpr std::string_view kCategory = "Budget line";
inline constexpr std::string_view kBudgetColumn = "Budget";
inline constexpr std::string_view kActual = "Actual";
inline constexpr std::string_view kRemaining = "Remaining";
inline constexpr std::string_view kNoBudget = "The fund has no budget lines.";
inline constexpr std::string_view kOverTime = "Disbursements over time";
inline constexpr std::string_view kMonth = "Month";
inline constexpr std::string_view kCash = "Cash";
inline constexpr std::string_view kInKind = "In kind";
inline constexpr std::string_view kReturned = "Returned";
inline constexpr std::string_view kReached = "People reached";
inline constexpr std::string_view kReachedNote =
    "Enterprises with a disbursement or a return in the period; each person counts in the "
    "group of their own attribute, the enterprise and its amount in its owner's.";
inline constexpr std::string_view kGroup = "Group";
inline constexpr std::string_view kPeople = "People";
inline constexpr std::string_view kWomen = "Women";
inline constexpr std::string_view kMen = "Men";
inline constexpr std::string_view kOther = "Other";
inline constexpr std::string_view kUnknown = "Unknown";
inline constexpr std::string_view kUnknownSex = "Sex not recorded";
inline constexpr std::string_view kUnknownSexColumn = "Sex unknown";
inline constexpr std::string_view kNetAmount = "Paid less returned";
inline constexpr std::string_view kEnterprises = "Enterprises";
inline constexpr std::string_view kGrants = "Grants";
inline constexpr std::string_view kBySex = "By sex";
inline constexpr std::string_view kByAge = "By age group";
inline constexpr std::string_view kByNationality = "By nationality";
inline constexpr std::string_view kByStatus = "By migration status";
inline constexpr std::string_view kTranches = "Tranches paid and pending";
inline constexpr std::string_view kTranchesNote = "The fund's grants awarded by the period's end, "
                                                  "as they stood then.";
inline constexpr std::string_view kTranchesCount = "tranches:";
inline constexpr std::string_view kState = "State";
inline constexpr std::string_view kGrant = "Grant";
inline constexpr std::string_view kTranche = "Tranche";
inline constexpr std::string_view kPaidOn = "Paid on";
inline constexpr std::string_view kNotPaid = "Tranches not paid";
inline constexpr std::string_view kReconciled =
    "The grant events add up to the fund's accounts in the ledger.";
inline constexpr std::string_view kNotReconciled =
    "Warning: the grant events do not add up to the fund's accounts: something was posted on "
    "them outside the grant commands. Transactions:";

// The money lines of the donor report: (JSON key, label), in the report's order.
[[nodiscard]] const std::vector<std::pair<std::string_view, std::string_view>>& money_lines();
// The label of one of them (the key itself when unknown).
[[nodiscard]] std::string_view money_line(std::string_view key);
// A tranche state (paid, pending, cancelled), a sex (female, male, other, unknown), a built-in
// migration status, an aging bucket, a built-in budget category, or another group value as
// the page shows it: the value itself when it has no word (a status or category the book
// defined, a nationality's ISO code, an age group).
[[nodiscard]] std::string group_value(std::string_view value);

// The portfolio.
inline constexpr std::string_view kPortfolioTitle = "Loan portfolio";
inline constexpr std::string_view kAsOf = "As of";
inline constexpr std::string_view kOutstanding = "Gross outstanding principal";
inline constexpr std::string_view kOutstandingShort = "Outstanding";
inline constexpr std::string_view kPar30 = "PAR30";
inline constexpr std::string_view kPar90 = "PAR90";
inline constexpr std::string_view kParNote =
    "Portfolio at risk: outstanding principal of loans more than 30 (90) days past due over "
    "the gross outstanding principal. Written-off loans are left out.";
inline constexpr std::string_view kHistory = "PAR30 and PAR90 at each month end";
inline constexpr std::string_view kDate = "Date";
inline constexpr std::string_view kNoLoans = "-";
inline constexpr std::string_view kAging = "Aging of the outstanding principal";
inline constexpr std::string_view kDaysPastDue = "Days past due";
inline constexpr std::string_view kPrincipal = "Principal";
inline constexpr std::string_view kByProduct = "By product and cohort";
inline constexpr std::string_view kProduct = "Product";
inline constexpr std::string_view kCohort = "Cohort";
inline constexpr std::string_view kWrittenOff = "Written off";
inline constexpr std::string_view kWrittenOffAmount = "Owed when written off";
inline constexpr std::string_view kPar30Principal = "Principal > 30 days";
inline constexpr std::string_view kPar90Principal = "Principal > 90 days";
inline constexpr std::string_view kRecovered = "Recovered";
inline constexpr std::string_view kAtRisk = "Loans at risk";
inline constexpr std::string_view kLoan = "Loan";
inline constexpr std::string_view kOverdue = "Overdue";
inline constexpr std::string_view kAtRiskColumn = "At risk";
inline constexpr std::string_view kNoneAtRisk = "No active loan has an instalment past due.";
inline constexpr std::string_view kPartners = "Partners' loans, from their statements";
inline constexpr std::string_view kPartner = "Partner";

}  // namespace semilla::html::words
