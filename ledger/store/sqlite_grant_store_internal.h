// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/store: the SQLite GrantStore and PeriodStore, members of SqliteStore that
// share its connection. Statements are prepared on first use (after the schema migration).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>
#include <memory>

#include "ledger/store/grant_store.h"
#include "ledger/store/statement_cache.h"

namespace semilla::store::detail {

class SqliteGrantStore final : public GrantStore {
 public:
  explicit SqliteGrantStore(StatementCache& sql) : sql_(sql) {}
  Status insert_fund(const FundRow& f) override;
  Result<std::optional<FundRow>> find_fund(std::string_view code) override;
  Result<std::vector<FundRow>> list_funds() override;
  Status insert_receipt(const FundReceiptRow& r) override;
  Result<std::vector<FundReceiptRow>> list_receipts(std::string_view fund) override;
  Status insert_spending(const FundSpendingRow& s) override;
  Result<std::vector<FundSpendingRow>> list_spending(std::string_view fund) override;
  Status insert_milestone(const MilestoneRow& m) override;
  Result<std::optional<MilestoneRow>> find_milestone(std::string_view enterprise,
                                                     std::string_view name) override;
  Result<std::vector<MilestoneRow>> list_milestones() override;
  Status insert_milestone_name(const MilestoneNameRow& m) override;
  Result<std::vector<MilestoneNameRow>> list_milestone_names() override;
  Result<std::vector<std::string>> used_milestone_names(std::uint64_t before_seq) override;
  Status insert_members(const MembersRow& m) override;
  Result<std::optional<MembersRow>> latest_members(std::string_view enterprise) override;
  Result<std::vector<MembersRow>> list_members() override;
  Result<std::optional<MembersRow>> members_before(std::string_view enterprise,
                                                   std::uint64_t seq) override;
  Status insert_grant(const GrantRow& g) override;
  Result<std::optional<GrantRow>> find_grant(std::string_view id) override;
  Result<std::vector<GrantRow>> list_grants() override;
  Status insert_event(const GrantEventRow& e) override;
  Result<std::vector<GrantEventRow>> grant_events(std::string_view id) override;
  Result<std::vector<GrantEventRow>> fund_events(std::string_view fund, Date from,
                                                 Date to) override;

 private:
  Result<std::vector<FundRow>> funds_where(const std::string& code);
  Result<std::vector<GrantRow>> grants_where(const std::string& id);
  void load_people(MembersRow& m);
  StatementCache& sql_;
};

class SqlitePeriodStore final : public PeriodStore {
 public:
  explicit SqlitePeriodStore(StatementCache& sql) : sql_(sql) {}
  Status insert_period_event(const PeriodEventRow& e) override;
  Result<std::optional<PeriodEventRow>> latest_period_event(std::string_view month) override;
  Result<std::vector<PeriodEventRow>> list_period_events() override;

 private:
  StatementCache& sql_;
};

}  // namespace semilla::store::detail
