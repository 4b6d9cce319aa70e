// SPDX-License-Identifier: Apache-2.0
// The grant module's share of `audit verify`: rebuilds funds, receipts, spending, milestones,
// members, grants, their events and the closed periods from the records, and compares them
// with the tables row by row; `book import` writes the tables from the same rebuilt rows.
#include <algorithm>
#include <map>

#include "ledger/book/module_replay.h"
#include "ledger/book/ownership.h"
#include "ledger/book/payload_fields.h"
#include "ledger/book/replay.h"
#include "ledger/grants/grants.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {
namespace {


Error failed(const std::string& where, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, where, what);
}

std::string rec(std::uint64_t seq) { return "record " + std::to_string(seq); }

// Compares the rows of one table with those rebuilt from the records, both in key order.
template <typename Row, typename Name>
Status compare_rows(const char* table, const Result<std::vector<Row>>& stored,
                    const std::vector<Row>& rebuilt, Name name) {
  if (!stored.ok()) return stored.error();
  const auto& db = *stored;
  for (std::size_t i = 0; i < std::max(db.size(), rebuilt.size()); ++i) {
    if (i >= db.size()) {
      return failed(name(rebuilt[i]), std::string("missing from ") + table +
                                          "; the audit record wrote it");
    }
    if (i >= rebuilt.size()) {
      return failed(name(db[i]), std::string("is in ") + table + " but no audit record wrote it");
    }
    if (!(db[i] == rebuilt[i])) {
      return failed(name(rebuilt[i]), std::string("the ") + table +
                                          " row differs from the audit record");
    }
  }
  return Status::Ok();
}

}  // namespace

bool is_grant_kind(std::string_view kind) {
  for (auto k : {kKindFundAdd, kKindFundReceive, kKindFundSpend, kKindMilestone, kKindMembers,
                 kKindAward, kKindDisburse, kKindReturn, kKindCancel, kKindPeriodClose,
                 kKindPeriodReopen}) {
    if (kind == k) return true;
  }
  return false;
}

namespace {

class GrantsReplay final : public book::ModuleReplay {
 public:
  bool handles(std::string_view kind) const override { return is_grant_kind(kind); }

  Status apply(const audit::SealedRecord& r, const book::Replay& core) override {
    Status s = apply_record(r, core);
    if (s.ok()) return s;
    return failed(rec(r.record.seq), r.record.kind + ": " + s.error().to_string());
  }

  Status compare(store::Store& store) const override;
  Status restore(store::Store& store) const override;

 private:
  Status apply_record(const audit::SealedRecord& r, const book::Replay& core);
  Result<const store::FundRow*> fund_of(const nlohmann::json& p) const;
  Status apply_spending(const audit::SealedRecord& r, const book::Replay& core);
  Status apply_event(const audit::SealedRecord& r, const book::Replay& core, std::string type);
  Status check_event(const store::GrantEventRow& e, const book::Replay& core) const;

  std::map<std::string, store::FundRow> funds_;
  std::vector<store::FundReceiptRow> receipts_;
  std::vector<store::FundSpendingRow> spending_;
  std::map<std::pair<std::string, std::string>, store::MilestoneRow> milestones_;
  std::vector<store::MembersRow> members_;
  std::map<std::string, store::GrantRow> grants_;
  std::vector<store::GrantEventRow> events_;
  std::map<std::string, std::vector<store::GrantEventRow>> events_by_grant_;
  std::vector<store::PeriodEventRow> periods_;
  std::map<std::string, store::PeriodEventRow, std::less<>> latest_period_;  // by month

 public:
  std::optional<std::uint64_t> closed_by(std::string_view month) const override {
    auto it = latest_period_.find(month);
    if (it == latest_period_.end() || !it->second.closed) return std::nullopt;
    return it->second.audit_seq;
  }
};

Status need_enterprise(const book::Replay& core, const std::string& id) {
  if (core.enterprises.count(id) == 0) return failed("enterprise", "no enterprise " + id);
  return Status::Ok();
}

Status need_transaction(const book::Replay& core, std::int64_t id) {
  if (id < 1 || static_cast<std::size_t>(id) > core.transactions.size()) {
    return failed("transaction", "transaction " + std::to_string(id) + " was not posted");
  }
  return Status::Ok();
}

Status GrantsReplay::apply_record(const audit::SealedRecord& r, const book::Replay& core) {
  const auto& k = r.record.kind;
  const auto& p = r.record.payload;
  const auto seq = r.record.seq;
  if (k == kKindFundAdd) {
    auto f = fund_from_payload(p, seq);
    if (!f.ok()) return f.error();
    if (!funds_.emplace(f->code, *f).second) return failed("code", "fund " + f->code + " twice");
  } else if (k == kKindFundReceive) {
    auto f = fund_of(p);
    if (!f.ok()) return f.error();
    auto rc = receipt_from_payload(p, seq, (*f)->currency);
    if (!rc.ok()) return rc.error();
    SEMILLA_TRY(need_transaction(core, rc->transaction_id));
    SEMILLA_TRY(check_posted(core.claimed(), receipt_legs(rc->fund), rc->amount_minor,
                             (*f)->currency, rc->day, ""));
    receipts_.push_back(*rc);
  } else if (k == kKindFundSpend) {
    return apply_spending(r, core);
  } else if (k == kKindMilestone) {
    auto m = milestone_from_payload(p, seq, r.record.actor);
    if (!m.ok()) return m.error();
    SEMILLA_TRY(need_enterprise(core, m->enterprise));
    if (!milestones_.emplace(std::pair(m->enterprise, m->name), *m).second) {
      return failed("milestone", m->name + " of " + m->enterprise + " twice");
    }
  } else if (k == kKindMembers) {
    auto m = members_from_payload(p, seq);
    if (!m.ok()) return m.error();
    SEMILLA_TRY(need_enterprise(core, m->enterprise));
    members_.push_back(std::move(*m));
  } else if (k == kKindPeriodClose || k == kKindPeriodReopen) {
    auto e = period_from_payload(p, seq, k == kKindPeriodClose, r.record.time);
    if (!e.ok()) return e.error();
    auto today = core.today_at(r);
    if (!today.ok()) return today.error();
    auto last = latest_period_.find(e->month);
    SEMILLA_TRY(check_period_event(
        *e, last == latest_period_.end() ? std::nullopt : std::optional(last->second), *today));
    latest_period_.insert_or_assign(e->month, *e);
    periods_.push_back(std::move(*e));
  } else {
    return apply_event(r, core, k.substr(k.find('.') + 1));
  }
  return Status::Ok();
}

// The fund a record names in its member "fund".
Result<const store::FundRow*> GrantsReplay::fund_of(const nlohmann::json& p) const {
  auto code = book::payload_string(p, "fund");
  if (!code.ok()) return code.error();
  auto f = funds_.find(*code);
  if (f == funds_.end()) return failed("fund", "unknown fund " + *code);
  return &f->second;
}

// A spending is paid from a budgeted category other than seed capital, by a transaction.
Status GrantsReplay::apply_spending(const audit::SealedRecord& r, const book::Replay& core) {
  auto f = fund_of(r.record.payload);
  if (!f.ok()) return f.error();
  auto s = spending_from_payload(r.record.payload, r.record.seq, (*f)->currency);
  if (!s.ok()) return s.error();
  SEMILLA_TRY(need_transaction(core, s->transaction_id));
  const auto& budget = (*f)->budget;
  const bool budgeted = std::any_of(budget.begin(), budget.end(), [&](const auto& b) {
    return b.category == s->category;
  });
  if (!budgeted || s->category == kSeedCapitalCash || s->category == kSeedCapitalInKind) {
    return failed("category", s->category + " is not a budget line fund spend may pay");
  }
  SEMILLA_TRY(check_posted(core.claimed(), spend_legs(s->fund, s->category), s->amount_minor,
                           (*f)->currency, s->day, ""));
  spending_.push_back(std::move(*s));
  return Status::Ok();
}

Status GrantsReplay::apply_event(const audit::SealedRecord& r, const book::Replay& core,
                                 std::string type) {
  const auto& p = r.record.payload;
  auto grant = book::payload_string(p, "grant");
  if (!grant.ok()) return grant.error();
  const std::string& id = *grant;
  if (type == "award") {
    auto g = grant_from_payload(p, r.record.seq);
    if (!g.ok()) return g.error();
    if (funds_.count(g->fund) == 0) return failed("fund", "unknown fund " + g->fund);
    if (!grants_.emplace(id, *g).second) return failed("grant", "grant " + id + " twice");
  }
  auto g = grants_.find(id);
  if (g == grants_.end()) return failed("grant", "unknown grant " + id);
  auto e = event_from_payload(p, r.record.seq, std::move(type), g->second.currency);
  if (!e.ok()) return e.error();
  SEMILLA_TRY(check_event(*e, core));
  events_.push_back(*e);
  events_by_grant_[id].push_back(*e);
  return Status::Ok();
}

// The rules the operation enforced, checked again on the record.
Status GrantsReplay::check_event(const store::GrantEventRow& e, const book::Replay& core) const {
  SEMILLA_TRY(need_enterprise(core, e.enterprise));
  const auto& g = grants_.at(e.grant_id);
  if (e.transaction_id != 0) {
    SEMILLA_TRY(need_transaction(core, e.transaction_id));
    SEMILLA_TRY(check_posted(core.claimed(), event_legs(g.fund, e.type, e.in_kind),
                             e.amount_minor, g.currency, e.day, g.enterprise));
  } else if (e.type != "cancel" || e.amount_minor != 0) {
    return failed("transaction", "a " + e.type + " of " + money_text(e.amount_minor, g.currency) +
                                     " posts a transaction");
  }
  if (e.enterprise != g.enterprise || e.fund != g.fund) {
    return failed("grant", "enterprise or fund differ from grant " + g.id + "'s award");
  }
  auto it = events_by_grant_.find(e.grant_id);
  const auto s = fold_status(g, it == events_by_grant_.end() ? std::vector<store::GrantEventRow>{}
                                                              : it->second);
  if (e.type == "disburse") {
    if (e.tranche < 1 || static_cast<std::size_t>(e.tranche) > g.tranches.size() ||
        s.paid[static_cast<std::size_t>(e.tranche - 1)] || s.cancelled ||
        e.amount_minor != g.tranches[static_cast<std::size_t>(e.tranche - 1)].amount_minor) {
      return failed("tranche", "tranche " + std::to_string(e.tranche) + " of grant " + g.id +
                                   " cannot be disbursed here");
    }
  } else if (e.type == "return" && e.amount_minor > s.disbursed_minor - s.returned_minor) {
    return failed("amount", "grant " + g.id + " returns more than was disbursed");
  } else if (e.type == "cancel" && (s.cancelled || e.amount_minor != s.committed_minor)) {
    return failed("amount", "grant " + g.id + " cancelled twice or releases a wrong amount");
  }
  return Status::Ok();
}

template <typename Map>
auto values(const Map& m) {
  std::vector<typename Map::mapped_type> out;
  for (const auto& [key, row] : m) out.push_back(row);
  return out;
}

Status GrantsReplay::compare(store::Store& store) const {
  auto& gs = store.grants();
  SEMILLA_TRY(compare_rows("grant_funds", gs.list_funds(), values(funds_),
                           [](const store::FundRow& f) {
                             return "fund " + f.code + " (" + rec(f.audit_seq) + ")";
                           }));
  SEMILLA_TRY(compare_rows("grant_fund_receipts", gs.list_receipts(""), receipts_,
                           [](const store::FundReceiptRow& x) {
                             return "receipt of fund " + x.fund + " (" + rec(x.audit_seq) + ")";
                           }));
  SEMILLA_TRY(compare_rows("grant_fund_spending", gs.list_spending(""), spending_,
                           [](const store::FundSpendingRow& x) {
                             return "spending of fund " + x.fund + " (" + rec(x.audit_seq) + ")";
                           }));
  SEMILLA_TRY(compare_rows("grant_milestones", gs.list_milestones(), values(milestones_),
                           [](const store::MilestoneRow& m) {
                             return "milestone " + m.name + " of " + m.enterprise + " (" +
                                    rec(m.audit_seq) + ")";
                           }));
  SEMILLA_TRY(compare_rows("grant_members", gs.list_members(), members_,
                           [](const store::MembersRow& m) {
                             return "members of " + m.enterprise + " (" + rec(m.audit_seq) + ")";
                           }));
  SEMILLA_TRY(compare_rows("grants", gs.list_grants(), values(grants_),
                           [](const store::GrantRow& g) {
                             return "grant " + g.id + " (" + rec(g.audit_seq) + ")";
                           }));
  SEMILLA_TRY(compare_rows("grant_events", gs.grant_events(""), events_,
                           [](const store::GrantEventRow& e) {
                             return "grant " + e.grant_id + " (" + rec(e.audit_seq) + ")";
                           }));
  return compare_rows("closed_periods", store.periods().list_period_events(), periods_,
                      [](const store::PeriodEventRow& p) {
                        return "period " + p.month + " (" + rec(p.audit_seq) + ")";
                      });
}

// Rows are written as the operations wrote them, parents first (funds before their receipts
// and grants, grants before their events). Nothing is posted, so closed periods do not apply:
// the transactions the records name are already in, written from their own records.
Status GrantsReplay::restore(store::Store& store) const {
  auto& gs = store.grants();
  for (const auto& [code, f] : funds_) SEMILLA_TRY(gs.insert_fund(f));  // with its budget
  for (const auto& r : receipts_) SEMILLA_TRY(gs.insert_receipt(r));
  for (const auto& x : spending_) SEMILLA_TRY(gs.insert_spending(x));
  for (const auto& [key, m] : milestones_) SEMILLA_TRY(gs.insert_milestone(m));
  for (const auto& m : members_) SEMILLA_TRY(gs.insert_members(m));
  for (const auto& [id, g] : grants_) SEMILLA_TRY(gs.insert_grant(g));  // with its tranches
  for (const auto& e : events_) SEMILLA_TRY(gs.insert_event(e));        // with its snapshot
  for (const auto& p : periods_) SEMILLA_TRY(store.periods().insert_period_event(p));
  return Status::Ok();
}

std::unique_ptr<book::ModuleReplay> make_replay() { return std::make_unique<GrantsReplay>(); }

}  // namespace

// Grants own every account of a fund (fund.add, fund spend's budget lines): the donor report
// reads its figures from them, so only fund and grant operations may move them.
void register_module() {
  book::register_module_replay(&make_replay);
  book::register_account_owner(book::AccountOwner{
      std::string(kOwner),
      {"Assets:Funds:", "Equity:Funds:", "Expenses:Grants:", "Expenses:Programme:"},
      {},
      "the fund and grant commands (`semilla fund receive|spend`, `grant "
      "award|disburse|return|cancel`)",
      &is_grant_kind});
}

}  // namespace semilla::grants
