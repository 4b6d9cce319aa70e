// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/grants: the rules of the fund and grant operations, written once. A
// command reads the state a rule needs from the tables and calls the rule before it appends its
// record; the replay of `audit verify` and `book import` keeps the same state in memory and
// calls the same rule on each record, so that a record verifies exactly when a command could
// have written it. The state comes in as plain values (rows, balances, dates), never a store:
// verifying a bundle has none.
//
// Parsing user text is the command's, reading a payload the decoder's (payload.cpp); the value
// either gives is checked here again. Errors name the command's fields ("--date", "GRANT-ID"),
// which the commands report as they always have and the replay reports after the record.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "ledger/book/model.h"
#include "ledger/grants/grants.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {

// An event happens no later than `today`, the book's date when it is recorded: kRefused on
// `field`.
[[nodiscard]] Status check_not_after_today(Date day, Date today, const std::string& field);

// fund.add. The accounts it creates, in the order it creates them, right before its record.
struct FundAccount {
  std::string name;
  book::AccountType type = book::AccountType::kAsset;
};
[[nodiscard]] std::vector<FundAccount> fund_account_list(const std::string& code);
// Budget lines in any order: a category name, an amount > 0, each category once ("--budget N").
[[nodiscard]] Status check_budget(const std::vector<store::BudgetLineRow>& lines);
// A fund as fund add writes it: a valid code and donor, a currency's own code, --from not after
// --to, and its budget (check_budget) in category order.
[[nodiscard]] Status check_fund_row(const store::FundRow& f);

// The milestone names a book knows (issue 12): those an earlier milestone.define defined, and
// those a milestone.record or a grant.award condition used before the book's first
// milestone.define (books written before names were defined keep theirs). The commands refuse
// any other name; the replay checks names once the book has a definition (docs/grants.md).
class MilestoneNames {
 public:
  void define(const store::MilestoneNameRow& m) { defined_.insert_or_assign(m.name, m); }
  // A name a record used while no name was defined yet.
  void use(const std::string& name) { used_before_.insert(name); }
  [[nodiscard]] bool any_defined() const { return !defined_.empty(); }
  [[nodiscard]] const store::MilestoneNameRow* find(const std::string& name) const;
  // Every known name, in byte order.
  [[nodiscard]] std::vector<std::string> known() const;
  // kNotFound on `field` unless `name` is known; the message gives the closest known names
  // and how to define it.
  [[nodiscard]] Status check_known(const std::string& name, const std::string& field) const;

 private:
  std::map<std::string, store::MilestoneNameRow> defined_;
  std::set<std::string> used_before_;
};

// The names the book's tables know (the command's side of MilestoneNames).
[[nodiscard]] Result<MilestoneNames> load_milestone_names(store::Store& store);
// MilestoneNames::check_known on the book's tables, reading the names in use before the first
// definition only when `name` is not defined.
[[nodiscard]] Status check_milestone_known(store::Store& store, const std::string& name,
                                           const std::string& field);

// milestone.define: a name, a non-empty label of text(200), not defined before. (The command
// writes nothing for a repeat with the same label.)
[[nodiscard]] Status check_milestone_define(const store::MilestoneNameRow& m,
                                            const MilestoneNames& names);

// grant.award against what its fund can still commit: available = `cash_minor` (the fund's
// money now, Assets:Funds:F) − `committed_minor` (its commitments outstanding,
// Equity:Funds:F:Commitments), both before the award. `g.over_commit` "": the total is at most
// available (else kRefused on "--fund"); a reason: the total is more (else kRefused on
// "--over-commit"); nullopt (awards recorded before issue 12): not checked.
[[nodiscard]] Status check_commitment(const store::GrantRow& g, std::int64_t cash_minor,
                                      std::int64_t committed_minor);

// The enterprise members are recorded for: existing (`e` non-null) and not individual.
[[nodiscard]] Status check_collective(const std::string& id, const book::Enterprise* e);

// enterprise.members: 0..kMembersMax of each, some members, on an existing (`e` non-null)
// collective enterprise. Its people, when given one by one, carry statuses the book knows
// (built in or among `statuses`, the status.define records before it) and were born no later
// than `this_year` (the year in the book's zone when it is recorded).
[[nodiscard]] Status check_members(const store::MembersRow& m, const book::Enterprise* e,
                                   std::span<const book::StatusName> statuses, int this_year);

// milestone.record: a milestone name, not after today, of an existing enterprise. Whether it
// repeats one (a duplicate or a conflict) is the caller's: the command writes nothing for a
// repeat, so the replay refuses any.
[[nodiscard]] Status check_milestone(const store::MilestoneRow& m, Date today,
                                     bool enterprise_exists);

// The reporting attributes of enterprise `e` as a grant event records them: its own, and for a
// collective enterprise its latest members, if any.
[[nodiscard]] store::SnapshotRow snapshot_of(const book::Enterprise& e,
                                             const std::optional<store::MembersRow>& latest);

// grant.award: a valid id; `fund` (nullptr when there is none) holds the grant's currency;
// not after today; 1..kTranchesPerGrantMax tranches of positive amounts whose conditions are
// milestone names; the total is their sum. Whether the id is free is the caller's.
[[nodiscard]] Status check_award(const store::GrantRow& g, const store::FundRow* fund, Date today);

// The fund's restricted money: `day` within the fund's dates, and the fund's cash `at_day`
// (its balance at the end of `day`) and `now` at least `amount_minor`, unless `overridden`.
[[nodiscard]] Status check_fund_money(const store::FundRow& f, Date day, std::int64_t at_day,
                                      std::int64_t now, std::int64_t amount_minor, bool overridden,
                                      const FundUse& use);

// grant.disburse. In kind needs both a description and a supplier; texts within their limits.
[[nodiscard]] Status check_disburse_text(const std::string& in_kind, const std::string& supplier,
                                         const std::string& override_reason);
// Tranche i (from 0) of a grant not cancelled, on or after the award, with every condition
// recorded by `day`: `recorded[k]` is the date of the milestone named by condition k, if any.
[[nodiscard]] Status check_disbursable(const GrantStatus& s, std::size_t i, Date day,
                                       const std::vector<std::optional<Date>>& recorded);
// The memo of the transaction paying tranche i; kLimitExceeded on "--in-kind" when too long.
[[nodiscard]] Result<std::string> disburse_memo(const std::string& grant, std::size_t i,
                                                const std::string& in_kind,
                                                const std::string& supplier,
                                                bool again = false);

// grant.disburse --again: tranche i (from 0) was paid, the grant's returns not yet paid again
// cover its whole amount, and `reason` says why (text, non-empty); then check_disbursable.
[[nodiscard]] Status check_payable_again(const GrantStatus& s, std::size_t i,
                                         const std::string& reason);
// grant.return: at most what was disbursed and not yet returned.
[[nodiscard]] Status check_returnable(const GrantStatus& s, std::int64_t amount_minor);
// grant.cancel: not cancelled before, not before the award.
[[nodiscard]] Status check_cancellable(const GrantStatus& s, Date day);

// fund.spend: a budget line of the fund other than seed capital.
[[nodiscard]] Status check_spend_category(const store::FundRow& f, const std::string& category);

// The memos the operations write on their transactions.
[[nodiscard]] std::string receipt_memo(const std::string& fund);
[[nodiscard]] std::string award_memo(const std::string& grant);
[[nodiscard]] std::string return_memo(const std::string& grant, const std::string& reason);
[[nodiscard]] std::string cancel_memo(const std::string& grant);

}  // namespace semilla::grants
