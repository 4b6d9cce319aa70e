// SPDX-License-Identifier: Apache-2.0
// The donor report of one fund over a period (docs/grants.md defines every figure). Money
// figures come from the fund's account balances, so they equal the ledger; the breakdown by
// the enterprises' attributes comes from the grant events, and `reconciled` says whether the
// two agree (they do unless someone posted on the fund's accounts outside the grant commands).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/book/book.h"
#include "ledger/store/grant_store.h"

namespace semilla::grants {

// People reached, by sex: an individual enterprise counts its owner, a collective one its
// members as recorded (its owner when none were recorded).
struct People {
  std::int64_t female = 0, male = 0, other = 0, unknown = 0;
  [[nodiscard]] std::int64_t total() const { return female + male + other + unknown; }

  friend bool operator==(const People&, const People&) = default;
};

struct GroupFigures {
  std::string value;                 // "female", "25-34", "VE", "" shown as "unknown"
  std::int64_t enterprises = 0, grants = 0;
  People people;
  std::int64_t amount_minor = 0;     // disbursed (cash and in kind) minus returned

  friend bool operator==(const GroupFigures&, const GroupFigures&) = default;
};

struct Breakdown {
  std::string dimension;             // sex, age_group, nationality, status, province, ...
  std::vector<GroupFigures> groups;  // ordered by value

  friend bool operator==(const Breakdown&, const Breakdown&) = default;
};

struct BudgetLine {
  std::string category;
  std::int64_t budget_minor = 0;
  std::int64_t actual_minor = 0;     // from the fund's start to the report's end

  friend bool operator==(const BudgetLine&, const BudgetLine&) = default;
};

// Grant money paid and returned in one month of the period, from the grant events dated in it.
struct MonthFigures {
  std::string month;                 // "2026-03"
  std::int64_t cash_minor = 0, in_kind_minor = 0, returned_minor = 0;

  friend bool operator==(const MonthFigures&, const MonthFigures&) = default;
};

// One tranche of a grant of the fund awarded by the report's end, as it stood at that end.
struct TrancheLine {
  std::string grant, enterprise;
  int n = 0;                         // from 1
  std::int64_t amount_minor = 0;     // the tranche's amount (what its disbursement pays)
  std::string state;                 // "paid", "pending" (may still be paid), "cancelled"
  std::optional<Date> paid_on;       // paid: the date of its first disbursement

  friend bool operator==(const TrancheLine&, const TrancheLine&) = default;
};

// The tranches in one state: how many, and their amounts.
struct TrancheTotal {
  std::string state;                 // paid, pending, cancelled (always all three, in order)
  std::int64_t tranches = 0, amount_minor = 0;

  friend bool operator==(const TrancheTotal&, const TrancheTotal&) = default;
};

struct DonorReport {
  store::FundRow fund;
  Date from = Date::from_ymd(1970, 1, 1), to = Date::from_ymd(1970, 1, 1);
  // From the ledger (balances of the fund's accounts).
  std::int64_t opening_minor = 0, received_minor = 0, disbursed_cash_minor = 0,
               disbursed_in_kind_minor = 0, returned_minor = 0, other_minor = 0,
               closing_minor = 0;
  // Paid from the fund for its other budget categories (fund spend) in the period.
  std::int64_t spent_minor = 0;
  // Unliquidated obligations (awarded, not paid, not released) before `from` and at `to`.
  std::int64_t committed_opening_minor = 0, committed_minor = 0;
  // From the grant events: commitments made and released by cancellation in the period.
  std::int64_t awarded_minor = 0, released_minor = 0;
  std::vector<BudgetLine> budget;
  // From the grant events dated in the period.
  GroupFigures total;
  std::vector<Breakdown> breakdowns;
  // Every month from `from`'s to `to`'s, in order, zeros included.
  std::vector<MonthFigures> by_month;
  // The fund's grants awarded by `to`, by grant id then tranche, and their totals by state.
  std::vector<TrancheLine> tranches;
  std::vector<TrancheTotal> tranche_totals;
  // total.amount_minor == cash + in kind - returned, no other movements on the fund's
  // money, and the commitments move by awarded - disbursed - released.
  bool reconciled = true;
  // When not reconciled: the transactions dated in the period that move the fund's accounts
  // (Assets:Funds, Equity:Funds, Expenses:Grants and Expenses:Programme of the fund) but that
  // no fund receipt, fund spending or grant event of the fund posted, in id order.
  std::vector<std::int64_t> unexplained;

  friend bool operator==(const DonorReport&, const DonorReport&) = default;
};

// kNotFound for an unknown fund, kInvalid for bad dates or from > to.
[[nodiscard]] Result<DonorReport> donor_report(book::Book& book, const std::string& fund,
                                               const std::string& from, const std::string& to);

// "18-24" ... "60+" at `on` (age = on's year minus birth year), "under-18", or "unknown".
[[nodiscard]] std::string age_group(std::optional<int> birth_year, Date on);

}  // namespace semilla::grants
