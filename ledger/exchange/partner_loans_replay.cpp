// SPDX-License-Identifier: Apache-2.0
// The exchange module's share of `audit verify` and `book import`: statement.import records
// replayed through apply_statement_import, the one place their rules live, against the state
// rebuilt so far; then the partner_loans table compared with (or written from) the result.
#include <map>
#include <tuple>
#include <utility>

#include "ledger/book/module_replay.h"
#include "ledger/book/replay.h"
#include "ledger/exchange/partner_loans.h"

namespace semilla::exchange {
namespace {

using store::PartnerLoanRow;

Error failed(const std::string& where, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, where, what);
}

using Key = std::tuple<std::string, std::string, Date>;  // issuer, loan, as of

class ReplayState final : public PartnerLoanState {
 public:
  ReplayState(const book::Replay& core, const std::map<Key, PartnerLoanRow>& rows,
              const std::map<std::pair<std::string, std::string>, Date>& first)
      : core_(core), rows_(rows), first_(first) {}
  Result<bool> has_enterprise(const std::string& id) override {
    return core_.enterprises.contains(id);
  }
  Result<std::optional<PartnerLoanRow>> position(std::string_view issuer,
                                                 std::string_view loan_id,
                                                 Date as_of) override {
    auto it = rows_.find(Key{std::string(issuer), std::string(loan_id), as_of});
    if (it == rows_.end()) return std::optional<PartnerLoanRow>();
    return std::optional<PartnerLoanRow>(it->second);
  }
  Result<std::optional<PartnerLoanRow>> first(std::string_view issuer,
                                              std::string_view loan_id) override {
    auto it = first_.find({std::string(issuer), std::string(loan_id)});
    if (it == first_.end()) return std::optional<PartnerLoanRow>();
    return position(issuer, loan_id, it->second);
  }

 private:
  const book::Replay& core_;
  const std::map<Key, PartnerLoanRow>& rows_;
  const std::map<std::pair<std::string, std::string>, Date>& first_;
};

class PartnerLoanReplay final : public book::ModuleReplay {
 public:
  bool handles(std::string_view kind) const override { return kind == kKindStatementImport; }

  Status apply(const audit::SealedRecord& r, const book::Replay& core) override {
    const std::string where = "record " + std::to_string(r.record.seq);
    auto today = core.today_at(r);
    if (!today.ok()) return today.error();
    ReplayState state(core, rows_, first_);
    auto rows = apply_statement_import(state, r.record.payload, *today);
    if (!rows.ok()) {
      const Error& e = rows.error().front();
      return failed(where, r.record.kind + " payload" + e.field + ": " + e.message);
    }
    for (auto& row : *rows) {
      row.audit_seq = r.record.seq;
      auto [first, added] = first_.try_emplace({row.issuer, row.loan_id}, row.as_of);
      if (!added && row.as_of < first->second) first->second = row.as_of;
      rows_.emplace(Key{row.issuer, row.loan_id, row.as_of}, std::move(row));
    }
    return Status::Ok();
  }

  Status compare(store::Store& store) const override {
    std::map<Key, PartnerLoanRow> stored;
    SEMILLA_TRY(store.partner_loans().for_each_partner_loan([&](const PartnerLoanRow& row) {
      stored.emplace(Key{row.issuer, row.loan_id, row.as_of}, row);
      return Status::Ok();
    }));
    for (const auto& [key, row] : rows_) {
      const std::string name = "partner_loans " + row.issuer + "/" + row.loan_id + " as of " +
                               row.as_of.to_string();
      auto it = stored.find(key);
      if (it == stored.end()) return failed(name, "missing from the database");
      if (!(it->second == row)) {
        return failed(name, "the database row differs from statement.import record " +
                                std::to_string(row.audit_seq));
      }
    }
    for (const auto& [key, row] : stored) {
      if (!rows_.contains(key)) {
        return failed("partner_loans " + row.issuer + "/" + row.loan_id + " as of " +
                          row.as_of.to_string(),
                      "in the database but in no statement.import record");
      }
    }
    return Status::Ok();
  }

  Status restore(store::Store& store) const override {
    for (const auto& [key, row] : rows_) {
      SEMILLA_TRY(store.partner_loans().insert_partner_loan(row));
    }
    return Status::Ok();
  }

 private:
  std::map<Key, PartnerLoanRow> rows_;
  std::map<std::pair<std::string, std::string>, Date> first_;  // earliest day per loan
};

std::unique_ptr<book::ModuleReplay> make_replay() {
  return std::make_unique<PartnerLoanReplay>();
}

}  // namespace

void register_module() { book::register_module_replay(&make_replay); }

}  // namespace semilla::exchange
