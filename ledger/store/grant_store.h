// SPDX-License-Identifier: Apache-2.0
// GrantStore: the grant module's tables (funds, budgets, receipts, spending, milestones,
// members of collective enterprises, grants, tranches, grant events) and PeriodStore: the
// closed months.
// Rows hold primitive, already validated values; the rules live in ledger/grants, which writes
// each row in the same database transaction as the audit record it follows from. Every table
// is append-only: a grant's state (tranches paid, returned, cancelled) is read from its events.
//
// Money is a signed count of minor units in the fund's currency. Failures of the database are
// kEnvironment errors, as everywhere in the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/date.h"
#include "ledger/base/error.h"

namespace semilla::store {

struct BudgetLineRow {
  std::string category;          // "seed-capital-cash", "training", ...
  std::int64_t amount_minor = 0;

  friend bool operator==(const BudgetLineRow&, const BudgetLineRow&) = default;
};

// A donor project. Its accounts are named after its code (docs/grants.md).
struct FundRow {
  std::string code, donor, currency;
  std::optional<Date> start, end;     // disbursements outside need an override
  std::vector<BudgetLineRow> budget;  // by category
  std::uint64_t audit_seq = 0;        // the fund.add record

  friend bool operator==(const FundRow&, const FundRow&) = default;
};

struct FundReceiptRow {
  std::uint64_t audit_seq = 0;  // the fund.receive record
  std::string fund;
  Date day = Date::from_ymd(1970, 1, 1);
  std::int64_t amount_minor = 0;
  std::int64_t transaction_id = 0;

  friend bool operator==(const FundReceiptRow&, const FundReceiptRow&) = default;
};

// Money spent from a fund on a budget category other than seed capital (training, ...).
struct FundSpendingRow {
  std::uint64_t audit_seq = 0;  // the fund.spend record
  std::string fund, category;
  Date day = Date::from_ymd(1970, 1, 1);
  std::int64_t amount_minor = 0;
  std::string memo, override_reason;
  std::int64_t transaction_id = 0;

  friend bool operator==(const FundSpendingRow&, const FundSpendingRow&) = default;
};

struct MilestoneRow {
  std::string enterprise, name;  // name: "plan-approved"
  Date day = Date::from_ymd(1970, 1, 1);
  std::string actor;             // who recorded it (the record's actor)
  std::uint64_t audit_seq = 0;

  friend bool operator==(const MilestoneRow&, const MilestoneRow&) = default;
};

// A milestone name the programme defined (milestone define): conditions and milestone records
// use names from this list (docs/grants.md).
struct MilestoneNameRow {
  std::string name;   // "plan-approved"
  std::string label;  // "Business plan approved by the committee"
  std::uint64_t audit_seq = 0;  // the milestone.define record

  friend bool operator==(const MilestoneNameRow&, const MilestoneNameRow&) = default;
};

// One member of a collective enterprise, without identity: the attributes donors count.
struct MemberPerson {
  std::string sex;                // female | male | other
  std::optional<int> birth_year;
  std::string nationality;        // ISO 3166-1 alpha-2, or "" when unknown
  std::string status;             // a known migration status, or ""

  friend bool operator==(const MemberPerson&, const MemberPerson&) = default;
};

// Members of a collective enterprise by sex; the latest row of an enterprise is current.
// When the members were registered one by one, `people` holds them (in the order given) and
// the counts are theirs by sex; when only counts were given, `people` is empty.
struct MembersRow {
  std::uint64_t audit_seq = 0;
  std::string enterprise;
  std::int64_t female = 0, male = 0, other = 0;
  std::vector<MemberPerson> people;

  friend bool operator==(const MembersRow&, const MembersRow&) = default;
};

// The reporting attributes of an enterprise as they stood at a grant event.
struct SnapshotRow {
  std::string kind, sex;
  std::optional<int> birth_year;
  std::string nationality, status, province, cohort;
  bool members_known = false;     // a collective enterprise with members recorded
  std::int64_t female = 0, male = 0, other = 0;

  friend bool operator==(const SnapshotRow&, const SnapshotRow&) = default;
};

struct TrancheRow {
  std::int64_t amount_minor = 0;
  std::vector<std::string> conditions;  // milestones that must be recorded first

  friend bool operator==(const TrancheRow&, const TrancheRow&) = default;
};

struct GrantRow {
  std::string id, enterprise, fund, currency;
  std::int64_t total_minor = 0;
  std::vector<TrancheRow> tranches;     // tranche n is tranches[n - 1]
  Date day = Date::from_ymd(1970, 1, 1);  // award date
  std::uint64_t audit_seq = 0;          // the grant.award record
  // Why the award was allowed beyond what the fund could still commit (--over-commit
  // --reason): "" when it was within; nullopt for awards recorded before issue 12, whose
  // record has no such member and whose commitment was not checked.
  std::optional<std::string> over_commit;

  friend bool operator==(const GrantRow&, const GrantRow&) = default;
};

// award | disburse | return | cancel: one row per grant.* record.
struct GrantEventRow {
  std::uint64_t audit_seq = 0;
  std::string grant_id, enterprise, fund, type;
  Date day = Date::from_ymd(1970, 1, 1);
  int tranche = 0;                  // disburse: 1..; 0 otherwise
  std::int64_t amount_minor = 0;    // award: total; disburse/return: paid/returned;
                                    // cancel: commitment released
  bool in_kind = false;
  std::string description, supplier, reason, override_reason;
  std::int64_t transaction_id = 0;  // 0 when nothing was posted
  SnapshotRow snapshot;

  friend bool operator==(const GrantEventRow&, const GrantEventRow&) = default;
};

// period.close / period.reopen; the latest row of a month says whether it is closed.
struct PeriodEventRow {
  std::uint64_t audit_seq = 0;
  std::string month;   // "2026-03"
  bool closed = true;
  std::string reason;  // reopen: why
  std::string time;    // the record's time

  friend bool operator==(const PeriodEventRow&, const PeriodEventRow&) = default;
};

class GrantStore {
 public:
  virtual ~GrantStore() = default;

  [[nodiscard]] virtual Status insert_fund(const FundRow& f) = 0;
  [[nodiscard]] virtual Result<std::optional<FundRow>> find_fund(std::string_view code) = 0;
  [[nodiscard]] virtual Result<std::vector<FundRow>> list_funds() = 0;  // by code

  [[nodiscard]] virtual Status insert_receipt(const FundReceiptRow& r) = 0;
  // Every receipt (fund empty) or those of one fund, in record order.
  [[nodiscard]] virtual Result<std::vector<FundReceiptRow>> list_receipts(
      std::string_view fund) = 0;

  [[nodiscard]] virtual Status insert_spending(const FundSpendingRow& s) = 0;
  // Every spending (fund empty) or that of one fund, in record order.
  [[nodiscard]] virtual Result<std::vector<FundSpendingRow>> list_spending(
      std::string_view fund) = 0;

  [[nodiscard]] virtual Status insert_milestone(const MilestoneRow& m) = 0;
  [[nodiscard]] virtual Result<std::optional<MilestoneRow>> find_milestone(
      std::string_view enterprise, std::string_view name) = 0;
  [[nodiscard]] virtual Result<std::vector<MilestoneRow>> list_milestones() = 0;

  [[nodiscard]] virtual Status insert_milestone_name(const MilestoneNameRow& m) = 0;
  // The defined milestone names, by name.
  [[nodiscard]] virtual Result<std::vector<MilestoneNameRow>> list_milestone_names() = 0;
  // The distinct milestone names that milestones and grant conditions recorded by records
  // before `before_seq` use, in byte order.
  [[nodiscard]] virtual Result<std::vector<std::string>> used_milestone_names(
      std::uint64_t before_seq) = 0;

  [[nodiscard]] virtual Status insert_members(const MembersRow& m) = 0;
  [[nodiscard]] virtual Result<std::optional<MembersRow>> latest_members(
      std::string_view enterprise) = 0;
  [[nodiscard]] virtual Result<std::vector<MembersRow>> list_members() = 0;
  // The enterprise's latest members row recorded before record `seq` (as they stood then).
  [[nodiscard]] virtual Result<std::optional<MembersRow>> members_before(
      std::string_view enterprise, std::uint64_t seq) = 0;

  [[nodiscard]] virtual Status insert_grant(const GrantRow& g) = 0;
  [[nodiscard]] virtual Result<std::optional<GrantRow>> find_grant(std::string_view id) = 0;
  [[nodiscard]] virtual Result<std::vector<GrantRow>> list_grants() = 0;  // by id

  [[nodiscard]] virtual Status insert_event(const GrantEventRow& e) = 0;
  // One grant's events (or every event when id is empty), in record order.
  [[nodiscard]] virtual Result<std::vector<GrantEventRow>> grant_events(
      std::string_view id) = 0;
  // The events of a fund's grants dated from..to inclusive, in record order.
  [[nodiscard]] virtual Result<std::vector<GrantEventRow>> fund_events(std::string_view fund,
                                                                       Date from, Date to) = 0;
};

class PeriodStore {
 public:
  virtual ~PeriodStore() = default;
  [[nodiscard]] virtual Status insert_period_event(const PeriodEventRow& e) = 0;
  // The latest event of `month`; nullopt when it was never closed.
  [[nodiscard]] virtual Result<std::optional<PeriodEventRow>> latest_period_event(
      std::string_view month) = 0;
  [[nodiscard]] virtual Result<std::vector<PeriodEventRow>> list_period_events() = 0;
};

}  // namespace semilla::store
