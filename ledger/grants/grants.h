// SPDX-License-Identifier: Apache-2.0
// Seed capital: donor funds, grants in tranches with milestones, returns and cancellations.
// Every operation validates raw user text, then in one database transaction appends its own
// audit record (fund.add, grant.disburse, ...) and posts ordinary balanced transactions on the
// fund's accounts (docs/grants.md). On any error nothing changes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ledger/book/book.h"
#include "ledger/store/grant_store.h"

namespace semilla::grants {

// The accounts of fund CODE, created by fund add (docs/grants.md explains each).
struct FundAccounts {
  std::string cash;         // Assets:Funds:CODE — the fund's restricted money
  std::string received;     // Equity:Funds:CODE:Received — donor receipts
  std::string committed;    // Equity:Funds:CODE:Commitments — awarded, not yet paid
  std::string offset;       // Equity:Funds:CODE:CommitmentsOffset — its mirror
  std::string paid_cash;    // Expenses:Grants:CODE:Cash
  std::string paid_in_kind; // Expenses:Grants:CODE:InKind
  std::string returned;     // Expenses:Grants:CODE:Returned — credits only
};
[[nodiscard]] FundAccounts fund_accounts(const std::string& code);
// Expenses:Programme:CODE:CATEGORY — what fund spend paid for a budget category other than
// seed capital (training, ...); created by the first spending of the category.
[[nodiscard]] std::string programme_account(const std::string& code,
                                            const std::string& category);
// The budget categories grants pay (grant disburse): fund spend refuses them.
inline constexpr const char* kSeedCapitalCash = "seed-capital-cash";
inline constexpr const char* kSeedCapitalInKind = "seed-capital-in-kind";

// Raw user input; an empty string means "not given".
struct FundDraft {
  std::string code, donor, currency, from, to;
  std::vector<std::string> budget;  // CATEGORY=AMOUNT
};
struct ReceiveDraft {
  std::string fund, amount, date, ref;
};
struct SpendDraft {
  std::string fund, category, amount, date, memo, ref, override_reason;
};
struct AwardDraft {
  std::string id, enterprise, fund, date;   // date: default today
  std::vector<std::string> tranches;        // AMOUNT[:COND,COND]
  // --over-commit --reason: award beyond what the fund can still commit (recorded when it
  // is beyond; ignored when the award is within). Empty: such an award is refused.
  std::string over_commit_reason = "";
};
struct DisburseDraft {
  std::string grant, tranche, date, in_kind, supplier, ref, override_reason;
};
struct ReturnDraft {
  std::string grant, amount, date, reason;
};
struct CancelDraft {
  std::string grant, date, reason;  // date: default today
};

[[nodiscard]] Result<store::FundRow> add_fund(book::Book& book, const FundDraft& d);
// `duplicate`, when given, is set when the receipt repeats one with the same --ref (nothing
// written; the earlier receipt is returned).
[[nodiscard]] Result<store::FundReceiptRow> receive(book::Book& book, const ReceiveDraft& d,
                                                    bool* duplicate = nullptr);
// The same inside `tx`, which the caller commits or abandons (batch import). A receipt
// already recorded under d.ref with the same fund, date and amount is `duplicate` and
// writes nothing. Errors name CODE, AMOUNT, --date, --ref or "--db".
struct ReceiveOutcome {
  store::FundReceiptRow receipt;
  bool duplicate = false;
};
[[nodiscard]] Result<ReceiveOutcome> receive(book::BookTransaction& tx, const ReceiveDraft& d);
// Members of a collective (family, association, cooperative) enterprise (members.cpp):
// numbers by sex (--female, --male, --other), or people one by one (--member
// "SEX[,BIRTH-YEAR[,NATIONALITY[,STATUS]]]"), never both. The same members as the latest
// record again are a duplicate and write nothing.
struct MembersDraft {
  std::string enterprise, female, male, other;
  std::vector<std::string> people;
};
struct MembersOutcome {
  store::MembersRow members;
  bool duplicate = false;
};
[[nodiscard]] Result<MembersOutcome> set_members(book::Book& book, const MembersDraft& d);
// Every problem set_members would find (each --member's, every unknown status), for the
// command to report them all.
[[nodiscard]] Errors members_problems(book::Book& book, const MembersDraft& d);

// Money paid from the fund for a budgeted category other than seed capital: Dr
// Expenses:Programme:CODE:CATEGORY, Cr Assets:Funds:CODE, with a fund.spend record. The
// fund's dates and money are checked as for a disbursement (--override-reason lets it
// through). With --ref it is idempotent: the same ref, fund, category, date, amount and memo
// again is a duplicate and writes nothing. Errors name CODE, CATEGORY, AMOUNT, --date,
// --memo, --ref or --override-reason.
struct SpendOutcome {
  store::FundSpendingRow spending;
  bool duplicate = false;
};
[[nodiscard]] Result<SpendOutcome> spend(book::BookTransaction& tx, const SpendDraft& d);
[[nodiscard]] Result<SpendOutcome> spend(book::Book& book, const SpendDraft& d);

// The outcome of an operation a batch or a script may repeat: `duplicate` when the book
// already holds it with the same content, and then nothing was written and the row is the
// one recorded before.
struct DisburseOutcome {
  store::GrantEventRow event;
  bool duplicate = false;
};
struct MilestoneOutcome {
  store::MilestoneRow milestone;
  bool duplicate = false;
};

// Milestone names (milestone define, docs/grants.md): a name and its label, recorded once.
// The same label again is a duplicate (nothing written); another label is kConflict on "NAME".
struct MilestoneNameOutcome {
  store::MilestoneNameRow name;
  bool duplicate = false;
};
[[nodiscard]] Result<MilestoneNameOutcome> define_milestone(book::Book& book,
                                                            const std::string& name,
                                                            const std::string& label);
// The names the book knows: those defined, and those used before the first definition (a
// book written before names were defined), which have no label.
struct KnownMilestoneNames {
  std::vector<store::MilestoneNameRow> defined;  // by name
  std::vector<std::string> used_before;          // in use before any definition, not defined
};
[[nodiscard]] Result<KnownMilestoneNames> milestone_names(book::Book& book);

// Disbursement of a tranche and milestones, inside `tx`, which the caller commits or abandons
// (batch import): nothing is committed here. After an error the caller must not commit `tx`.
//
// Repeats: a tranche already paid by a transaction with the same ref (both none counts as
// the same), date, in-kind description and supplier is a duplicate; with any other of these
// it is kConflict naming "--tranche". A milestone already recorded for the enterprise on the
// same date is a duplicate; on another date it is kConflict naming "NAME". The override
// reason is not compared: a repeat is the same payment whatever reason was given.
//
// The fields their errors name, and nothing else (the batch importer maps them to JSON
// pointers):
//   disburse:          "GRANT-ID" (no such grant, cancelled), "--tranche" (not a tranche of
//                      the grant, already disbursed, milestone missing, fund short),
//                      "--date" (not a date, after today, before the award, outside the
//                      fund's dates, in a closed period), "--in-kind", "--supplier"
//                      (one without the other, text or length), "--ref" (used by another
//                      transaction), "--override-reason" (text or length);
//   record_milestone:  "NAME" (not a milestone name, not a known one, recorded on another
//                      date), "--date" (not a date, after today), "ENTERPRISE" (no such
//                      enterprise);
//   both:              "--db" for a database failure (kEnvironment) and "" (the operation as
//                      a whole) when a balance would leave the range the book can store.
[[nodiscard]] Result<DisburseOutcome> disburse(book::BookTransaction& tx, const DisburseDraft& d);
[[nodiscard]] Result<MilestoneOutcome> record_milestone(book::BookTransaction& tx,
                                                        const std::string& enterprise,
                                                        const std::string& name,
                                                        const std::string& date);
// The same, each in a database transaction of its own (the commands).
[[nodiscard]] Result<DisburseOutcome> disburse(book::Book& book, const DisburseDraft& d);
// `grant disburse --again --reason`: pays tranche d.tranche once more, after returns that
// cover it in full (check_payable_again); `reason` is recorded in the grant.disburse record.
// Never an idempotent repeat: each call that is accepted pays.
[[nodiscard]] Result<DisburseOutcome> disburse_again(book::Book& book, const DisburseDraft& d,
                                                     const std::string& reason);
[[nodiscard]] Result<MilestoneOutcome> record_milestone(book::Book& book,
                                                        const std::string& enterprise,
                                                        const std::string& name,
                                                        const std::string& date);

// A grant and its commitment: an award beyond what the fund can still commit (its money now
// less its commitments outstanding, check_commitment) is refused on "--fund" unless
// d.over_commit_reason is given; tranche conditions must be known milestone names.
[[nodiscard]] Result<store::GrantRow> award(book::Book& book, const AwardDraft& d);
// The same inside `tx`, which the caller commits or abandons (batch import). Errors name
// GRANT-ID (kAlreadyExists for an id in use), --fund, --enterprise, --date, --tranche.
[[nodiscard]] Result<store::GrantRow> award(book::BookTransaction& tx, const AwardDraft& d);
[[nodiscard]] Result<store::GrantEventRow> return_funds(book::Book& book, const ReturnDraft& d);
[[nodiscard]] Result<store::GrantEventRow> cancel(book::Book& book, const CancelDraft& d);

// A grant and what its events add up to.
struct GrantStatus {
  store::GrantRow grant;
  std::vector<store::GrantEventRow> events;
  std::vector<bool> paid;               // per tranche
  std::int64_t disbursed_minor = 0, returned_minor = 0;
  // Paid again after returns (grant disburse --again), included in disbursed_minor.
  std::int64_t repaid_minor = 0;
  std::int64_t committed_minor = 0;     // awarded, not paid, not released
  bool cancelled = false;
};
[[nodiscard]] Result<GrantStatus> grant_status(book::Book& book, const std::string& id);
// Folds events into a status (also used by the replay and the report).
[[nodiscard]] GrantStatus fold_status(store::GrantRow grant,
                                      std::vector<store::GrantEventRow> events);

// A fund with its balance and commitments now.
struct FundSummary {
  store::FundRow fund;
  std::int64_t received_minor = 0, balance_minor = 0, committed_minor = 0;
};
[[nodiscard]] Result<std::vector<FundSummary>> list_funds(book::Book& book);
[[nodiscard]] Result<FundSummary> fund_summary(book::Book& book, const std::string& code);

// Period close: "YYYY-MM". Closing refuses the current month and later ones (they are not
// over); reopening needs a reason. Both are audited (period.close, period.reopen).
[[nodiscard]] Result<store::PeriodEventRow> close_period(book::Book& book,
                                                         const std::string& month);
[[nodiscard]] Result<store::PeriodEventRow> reopen_period(book::Book& book,
                                                          const std::string& month,
                                                          const std::string& reason);
// Months whose latest event closes them, and every event, in record order.
[[nodiscard]] Result<std::vector<store::PeriodEventRow>> period_events(book::Book& book);

// Every problem of a command's input at once, before the operation stops at the first: the
// rules the operation applies, run over all of its fields (and the book's state: unknown
// fund, grant, enterprise or milestone name, an id taken, a fund that cannot commit the
// award). The commands report them all when there are several and write nothing; a single
// problem is reported as the operation words it.
[[nodiscard]] Errors award_problems(book::Book& book, const AwardDraft& d);
[[nodiscard]] Errors fund_problems(book::Book& book, const FundDraft& d);
[[nodiscard]] Errors receive_problems(book::Book& book, const ReceiveDraft& d);
[[nodiscard]] Errors disburse_problems(book::Book& book, const DisburseDraft& d);
[[nodiscard]] Errors milestone_problems(book::Book& book, const std::string& enterprise,
                                        const std::string& name, const std::string& date);

// Registers the module's replay with audit verify (book::register_module_replay).
void register_module();

}  // namespace semilla::grants
