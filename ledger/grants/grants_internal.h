// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/grants: record kinds, payloads, and helpers shared by its .cpp files.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "ledger/book/book.h"
#include "ledger/grants/donor_report.h"
#include "ledger/money/amount.h"
#include "ledger/store/grant_store.h"

namespace semilla::grants {

// The name under which the module owns its accounts (book/ownership.h).
inline constexpr std::string_view kOwner = "grants";
// True for the kinds below.
[[nodiscard]] bool is_grant_kind(std::string_view kind);

inline constexpr std::string_view kKindFundAdd = "fund.add";
inline constexpr std::string_view kKindFundReceive = "fund.receive";
inline constexpr std::string_view kKindFundSpend = "fund.spend";
inline constexpr std::string_view kKindMilestone = "milestone.record";
inline constexpr std::string_view kKindMilestoneDefine = "milestone.define";
inline constexpr std::string_view kKindMembers = "enterprise.members";
inline constexpr std::string_view kKindAward = "grant.award";
inline constexpr std::string_view kKindDisburse = "grant.disburse";
inline constexpr std::string_view kKindReturn = "grant.return";
inline constexpr std::string_view kKindCancel = "grant.cancel";
inline constexpr std::string_view kKindPeriodClose = "period.close";
inline constexpr std::string_view kKindPeriodReopen = "period.reopen";

// The donor report's parts over time (donor_report_time.cpp): r.by_month from the events
// dated in the period, and r.tranches and r.tranche_totals as they stood at the end of r.to.
void month_figures(const std::vector<store::GrantEventRow>& events, DonorReport& r);
[[nodiscard]] Status tranche_figures(store::Store& store, DonorReport& r);

// The rules of period.close and period.reopen, for the operation and for its replay: `e` the
// event, `last` the month's latest event before it, `today` the book's date when recorded.
[[nodiscard]] Status check_period_event(const store::PeriodEventRow& e,
                                        const std::optional<store::PeriodEventRow>& last,
                                        Date today);

// Tranches of one grant: more are a typing mistake, and each is a separate disbursement.
inline constexpr std::size_t kTranchesPerGrantMax = 24;
// Members of one collective enterprise: a large cooperative, not a typo of extra digits.
inline constexpr std::int64_t kMembersMax = 100000;

[[nodiscard]] money::Currency currency_of(const std::string& code);
[[nodiscard]] std::string money_text(std::int64_t minor, const std::string& currency);

// "800.50" or "800.50 USD" in `currency`: another code is kCurrencyMismatch, zero or a
// negative amount kInvalid. Returns minor units.
[[nodiscard]] Result<std::int64_t> parse_positive(const std::string& text,
                                                  const std::string& currency,
                                                  const std::string& field);
// A --tranche AMOUNT[:COND,COND] in `currency`; errors name `field` ("--tranche 2").
[[nodiscard]] Result<store::TrancheRow> parse_tranche(const std::string& text,
                                                      const std::string& currency,
                                                      const std::string& field);
// --tranche N of a grant of `count` tranches: N - 1, or kInvalid on "--tranche".
[[nodiscard]] Result<std::size_t> tranche_index(const std::string& grant, std::size_t count,
                                                const std::string& text);
// grant.award's rules on the book (those the replay checks): its conditions are known
// milestone names (kNotFound on "--tranche N"), and it is within what the fund can still
// commit, or else `over_commit_reason` says why (check_commitment). Sets g.over_commit: the
// reason when beyond, else "".
[[nodiscard]] Status check_award_state(store::Store& store, store::GrantRow& g,
                                       const std::string& over_commit_reason);
// Fund codes become account name parts: 1..32 of A-Z a-z 0-9 . _ -
[[nodiscard]] Status check_code(const std::string& code, const std::string& field);
// Milestone and budget category names: 1..64 of a-z 0-9 . _ -
[[nodiscard]] Status check_name(const std::string& name, const std::string& field);
// A date that is not after today (the book's "today"); empty gives today.
[[nodiscard]] Result<Date> event_date(const std::string& text, Date today,
                                      const std::string& field);

// The enterprise's reporting attributes now, with its latest members when collective.
// kNotFound naming `field` when there is no such enterprise.
[[nodiscard]] Result<store::SnapshotRow> snapshot(store::Store& store,
                                                  const std::string& enterprise,
                                                  const std::string& field);
// Balance of one account at the end of `as_of` (everything when nullopt), in minor units.
[[nodiscard]] Result<std::int64_t> balance_minor(store::Store& store, const std::string& account,
                                                 std::optional<Date> as_of);
// Restricted money: `day` within the fund's dates (else kRefused on --date) and the fund's
// money at `day` and now at least `amount_minor` (else kRefused on `use.field`: "less than
// the tranche's 100.00"), unless `overridden` (an --override-reason was given).
struct FundUse {
  std::string field;  // "--tranche"
  std::string what;   // "the tranche's"
  std::string verb;   // "disburse": "give --override-reason to disburse anyway"
};
[[nodiscard]] Status check_fund(store::Store& store, const store::FundRow& f, Date day,
                                std::int64_t amount_minor, bool overridden,
                                const FundUse& use);
// Posts a transaction of two or four postings: debit[i] receives amount, credit[i] gives it.
struct Leg {
  std::string debit, credit;
};
[[nodiscard]] Result<std::int64_t> post_legs(book::BookTransaction& tx, const std::string& date,
                                             const std::string& memo, const std::string& ref,
                                             const std::string& enterprise,
                                             std::int64_t amount_minor,
                                             const std::string& currency,
                                             const std::vector<Leg>& legs);

// The legs each operation posts (legs.cpp): a receipt, a spending, and a grant event of
// `type` award, disburse, return or cancel.
[[nodiscard]] std::vector<Leg> receipt_legs(const std::string& fund);
[[nodiscard]] std::vector<Leg> spend_legs(const std::string& fund, const std::string& category);
// A disbursement `again` (a tranche paid again after a return) moves no commitment: the
// tranche's commitment was released when it was first paid.
[[nodiscard]] std::vector<Leg> event_legs(const std::string& fund, const std::string& type,
                                          bool in_kind, bool again = false);
// kVerifyFailed unless `t` is what post_legs posts for these legs, amount, day and
// enterprise ("" for none).
[[nodiscard]] Status check_posted(const book::Transaction* t, const std::vector<Leg>& legs,
                                  std::int64_t amount_minor, const std::string& currency,
                                  Date day, const std::string& enterprise);

// Runs `op` (an operation inside a BookTransaction) in a transaction of its own, committed
// when `op` succeeds: the Book& form of a transaction-scoped operation.
template <typename Op>
auto in_transaction(book::Book& book, Op op)
    -> decltype(op(std::declval<book::BookTransaction&>())) {
  auto tx = book.begin();
  if (!tx.ok()) return tx.error();
  auto out = op(*tx);
  if (out.ok()) SEMILLA_TRY(tx->commit());
  return out;
}

// Payloads (docs/grants.md). Amounts are exact strings in the fund's currency.
[[nodiscard]] nlohmann::json to_payload(const store::FundRow& f);
[[nodiscard]] nlohmann::json to_payload(const store::FundReceiptRow& r,
                                        const std::string& currency);
[[nodiscard]] nlohmann::json to_payload(const store::FundSpendingRow& s,
                                        const std::string& currency);
[[nodiscard]] nlohmann::json to_payload(const store::MilestoneRow& m);
[[nodiscard]] nlohmann::json to_payload(const store::MembersRow& m);
[[nodiscard]] nlohmann::json to_payload(const store::MilestoneNameRow& m);
[[nodiscard]] nlohmann::json to_payload(const store::GrantEventRow& e,
                                        const std::string& currency);
// grant.award: the event's payload plus the grant's currency, total and tranches, and
// over_commit_reason when the grant has over_commit (null for "", else the reason).
[[nodiscard]] nlohmann::json award_payload(const store::GrantRow& g,
                                           const store::GrantEventRow& e);
[[nodiscard]] nlohmann::json to_payload(const store::PeriodEventRow& p);

// Inverses (ledger/book/payload_fields.h): a payload without a member as documented, or
// with a value that does not parse, is kVerifyFailed naming the member by its path
// ("payload/snapshot/sex", "payload/tranches/1/amount"); they never throw.
[[nodiscard]] Result<store::FundRow> fund_from_payload(const nlohmann::json& p,
                                                       std::uint64_t seq);
[[nodiscard]] Result<store::FundReceiptRow> receipt_from_payload(const nlohmann::json& p,
                                                                 std::uint64_t seq,
                                                                 const std::string& currency);
[[nodiscard]] Result<store::FundSpendingRow> spending_from_payload(const nlohmann::json& p,
                                                                   std::uint64_t seq,
                                                                   const std::string& currency);
[[nodiscard]] Result<store::MilestoneRow> milestone_from_payload(const nlohmann::json& p,
                                                                 std::uint64_t seq,
                                                                 const std::string& actor);
[[nodiscard]] Result<store::MilestoneNameRow> milestone_name_from_payload(
    const nlohmann::json& p, std::uint64_t seq);
[[nodiscard]] Result<store::MembersRow> members_from_payload(const nlohmann::json& p,
                                                             std::uint64_t seq);
[[nodiscard]] Result<store::GrantEventRow> event_from_payload(const nlohmann::json& p,
                                                              std::uint64_t seq,
                                                              std::string type,
                                                              const std::string& currency);
[[nodiscard]] Result<store::GrantRow> grant_from_payload(const nlohmann::json& p,
                                                         std::uint64_t seq);
[[nodiscard]] Result<store::PeriodEventRow> period_from_payload(const nlohmann::json& p,
                                                                std::uint64_t seq, bool closed,
                                                                const std::string& time);

}  // namespace semilla::grants
