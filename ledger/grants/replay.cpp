// SPDX-License-Identifier: Apache-2.0
// The grant module's share of `audit verify`: rebuilds funds, receipts, spending, milestones,
// members, grants, their events and the closed periods from the records, and compares them
// with the tables row by row; `book import` writes the tables from the same rebuilt rows.
#include <algorithm>
#include <limits>
#include <map>

#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/book/module_replay.h"
#include "ledger/book/ownership.h"
#include "ledger/book/payload_fields.h"
#include "ledger/book/replay.h"
#include "ledger/grants/grants.h"
#include "ledger/grants/grant_rules.h"
#include "ledger/grants/grants_internal.h"
#include "ledger/money/amount.h"

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
  for (auto k : {kKindFundAdd, kKindFundReceive, kKindFundSpend, kKindMilestone,
                 kKindMilestoneDefine, kKindMembers, kKindAward, kKindDisburse, kKindReturn,
                 kKindCancel, kKindPeriodClose, kKindPeriodReopen}) {
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
    accounts_seen_ = core.accounts.size();
    if (s.ok()) return s;
    return failed(rec(r.record.seq), r.record.kind + ": " + s.error().to_string());
  }

  Status compare(store::Store& store) const override;
  Status restore(store::Store& store) const override;

 private:
  Status apply_record(const audit::SealedRecord& r, const book::Replay& core);
  Result<const store::FundRow*> fund_of(const nlohmann::json& p) const;
  Status apply_fund(const audit::SealedRecord& r, const book::Replay& core);
  Status apply_receipt(const audit::SealedRecord& r, const book::Replay& core);
  Status apply_milestone(const audit::SealedRecord& r, const book::Replay& core, Date today);
  Status apply_milestone_define(const audit::SealedRecord& r);
  Status check_award_rules(const store::GrantRow& g);
  // A milestone name a record uses: known once the book defines names (MilestoneNames).
  Status use_name(const std::string& name, const std::string& field) {
    if (names_.any_defined()) return names_.check_known(name, field);
    names_.use(name);
    return Status::Ok();
  }
  Status apply_spending(const audit::SealedRecord& r, const book::Replay& core, Date today);
  Status apply_event(const audit::SealedRecord& r, const book::Replay& core, std::string type,
                     Date today);
  Status check_event(const store::GrantEventRow& e, const book::Replay& core, Date today) const;
  Status check_kind_fields(const store::GrantEventRow& e, const GrantStatus& s,
                           const book::Replay& core) const;
  Status expect_accounts(const book::Replay& core, const std::vector<FundAccount>& expected,
                         const std::string& currency, std::uint64_t first_seq) const;
  std::optional<store::MembersRow> latest_members(const std::string& enterprise) const;
  std::int64_t cash(const std::string& fund, std::optional<Date> as_of) const;
  // Moves fund's commitments outstanding as the event's transaction moves
  // Equity:Funds:F:Commitments: an award adds its total, a first payment of a tranche and a
  // cancellation take theirs off.
  void move_commitment(const store::GrantEventRow& e);
  void move_cash(const std::string& fund, Date day, std::int64_t delta) {
    FundCash& c = cash_[fund];
    c.by_day[day] += delta;
    c.total += delta;
  }

  std::map<std::string, store::FundRow> funds_;
  std::vector<store::FundReceiptRow> receipts_;
  std::vector<store::FundSpendingRow> spending_;
  std::map<std::pair<std::string, std::string>, store::MilestoneRow> milestones_;
  std::vector<store::MilestoneNameRow> milestone_names_;  // in record order
  MilestoneNames names_;
  // Each fund's commitments outstanding (check_commitment), and whether an award recorded
  // since issue 12 (with over_commit_reason) was seen: every later award has the member.
  std::map<std::string, money::MinorUnits> committed_;
  bool awards_checked_ = false;
  std::vector<store::MembersRow> members_;
  std::map<std::string, std::size_t> latest_members_;  // enterprise -> index in members_
  std::map<std::string, store::GrantRow> grants_;
  std::vector<store::GrantEventRow> events_;
  std::map<std::string, std::vector<store::GrantEventRow>> events_by_grant_;
  std::vector<store::PeriodEventRow> periods_;
  std::map<std::string, store::PeriodEventRow, std::less<>> latest_period_;  // by month
  // What check_fund reads from the ledger, kept here: the net change of each fund's cash
  // account per day. Only fund and grant records move it (ownership), so it is exact, and it
  // holds one entry per fund and day, not per record.
  struct FundCash {
    money::MinorUnits total = 0;
    std::map<Date, money::MinorUnits> by_day;
  };
  std::map<std::string, FundCash> cash_;
  // core.accounts already seen at the previous grant record: the module's accounts created
  // since then must be those the current record's operation creates.
  std::size_t accounts_seen_ = 0;

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

// The memo and ref of the transaction the record claims are those its operation writes: a
// fixed memo, and a ref only where the command takes --ref.
Status check_memo(const book::Replay& core, const std::string& memo, bool takes_ref) {
  const book::Transaction* t = core.claimed();
  if (!t) return failed("transaction", "there is no transaction right before it");
  if (t->memo != memo) {
    return failed("transaction", "its memo is \"" + t->memo + "\"; the operation writes \"" +
                                     memo + "\"");
  }
  if (!takes_ref && t->ref) return failed("transaction", "the operation posts it without a ref");
  return Status::Ok();
}

Status GrantsReplay::apply_record(const audit::SealedRecord& r, const book::Replay& core) {
  const auto& k = r.record.kind;
  const auto& p = r.record.payload;
  const auto seq = r.record.seq;
  auto today = core.today_at(r);
  if (!today.ok()) return today.error();
  if (k == kKindFundAdd) return apply_fund(r, core);
  if (k == kKindFundSpend) return apply_spending(r, core, *today);
  // Every other operation creates no account of the module.
  SEMILLA_TRY(expect_accounts(core, {}, "", 0));
  if (k == kKindFundReceive) {
    return apply_receipt(r, core);
  } else if (k == kKindMilestone) {
    return apply_milestone(r, core, *today);
  } else if (k == kKindMilestoneDefine) {
    return apply_milestone_define(r);
  } else if (k == kKindMembers) {
    auto m = members_from_payload(p, seq);
    if (!m.ok()) return m.error();
    auto e = core.enterprises.find(m->enterprise);
    SEMILLA_TRY(check_members(*m, e == core.enterprises.end() ? nullptr : &e->second,
                              core.status_names, today->year()));
    latest_members_.insert_or_assign(m->enterprise, members_.size());
    members_.push_back(std::move(*m));
  } else if (k == kKindPeriodClose || k == kKindPeriodReopen) {
    auto e = period_from_payload(p, seq, k == kKindPeriodClose, r.record.time);
    if (!e.ok()) return e.error();
    auto last = latest_period_.find(e->month);
    SEMILLA_TRY(check_period_event(
        *e, last == latest_period_.end() ? std::nullopt : std::optional(last->second), *today));
    latest_period_.insert_or_assign(e->month, *e);
    periods_.push_back(std::move(*e));
  } else {
    return apply_event(r, core, k.substr(k.find('.') + 1), *today);
  }
  return Status::Ok();
}

Status GrantsReplay::apply_milestone(const audit::SealedRecord& r, const book::Replay& core,
                                     Date today) {
  auto m = milestone_from_payload(r.record.payload, r.record.seq, r.record.actor);
  if (!m.ok()) return m.error();
  SEMILLA_TRY(check_milestone(*m, today, core.enterprises.count(m->enterprise) > 0));
  SEMILLA_TRY(use_name(m->name, "NAME"));
  // A repeat on the same date writes nothing; on another date it is refused.
  if (!milestones_.emplace(std::pair(m->enterprise, m->name), *m).second) {
    return failed("milestone", m->name + " of " + m->enterprise + " twice");
  }
  return Status::Ok();
}

Status GrantsReplay::apply_milestone_define(const audit::SealedRecord& r) {
  auto m = milestone_name_from_payload(r.record.payload, r.record.seq);
  if (!m.ok()) return m.error();
  SEMILLA_TRY(check_milestone_define(*m, names_));
  names_.define(*m);
  milestone_names_.push_back(std::move(*m));
  return Status::Ok();
}

// grant.award's rules on the state before it: its conditions are known milestone names, and
// it is within what the fund can still commit unless it says why not.
Status GrantsReplay::check_award_rules(const store::GrantRow& g) {
  for (std::size_t i = 0; i < g.tranches.size(); ++i) {
    for (const auto& cond : g.tranches[i].conditions) {
      SEMILLA_TRY(use_name(cond, "--tranche " + std::to_string(i + 1)));
    }
  }
  if (!g.over_commit) {
    if (!awards_checked_) return Status::Ok();  // the book was written before issue 12
    return failed("over_commit_reason", "missing, though an earlier grant.award has it");
  }
  awards_checked_ = true;
  const money::MinorUnits lo = std::numeric_limits<std::int64_t>::min();
  const money::MinorUnits hi = std::numeric_limits<std::int64_t>::max();
  const money::MinorUnits c = committed_[g.fund];
  return check_commitment(g, cash(g.fund, std::nullopt),
                          static_cast<std::int64_t>(c < lo ? lo : c > hi ? hi : c));
}

void GrantsReplay::move_commitment(const store::GrantEventRow& e) {
  money::MinorUnits& c = committed_[e.fund];
  if (e.type == "award") c += e.amount_minor;
  if ((e.type == "disburse" && e.reason.empty()) || e.type == "cancel") c -= e.amount_minor;
}

// The module's accounts created since its previous record are `expected`, in order, in
// `currency`, without an enterprise, as records first_seq, first_seq + 1, ...: fund add creates
// the fund's seven right before its record, fund spend a category's account right before its
// transaction, and no other operation creates any.
Status GrantsReplay::expect_accounts(const book::Replay& core,
                                     const std::vector<FundAccount>& expected,
                                     const std::string& currency,
                                     std::uint64_t first_seq) const {
  std::size_t n = 0;
  for (std::size_t i = accounts_seen_; i < core.accounts.size(); ++i) {
    const book::Account& a = core.accounts[i];
    const book::AccountOwner* owner = book::owner_of(a.name);
    if (!owner || owner->module != kOwner) continue;
    if (n >= expected.size()) {
      return failed("account", "account " + a.name + " (record " + std::to_string(a.audit_seq) +
                                   ") is not one the operation creates");
    }
    const FundAccount& x = expected[n];
    if (a.name != x.name || a.type != x.type || a.currency != currency || a.enterprise ||
        a.audit_seq != first_seq + n) {
      return failed("account", "account " + a.name + " (record " + std::to_string(a.audit_seq) +
                                   ") is not " + x.name + " of type " +
                                   std::string(book::account_type_name(x.type)) + " in " +
                                   currency + " as record " + std::to_string(first_seq + n));
    }
    ++n;
  }
  if (n != expected.size()) {
    return failed("account", "the operation creates " + expected[n].name + " right before it");
  }
  return Status::Ok();
}

std::optional<store::MembersRow> GrantsReplay::latest_members(const std::string& enterprise) const {
  auto it = latest_members_.find(enterprise);
  if (it == latest_members_.end()) return std::nullopt;
  return members_[it->second];
}

// The fund's cash at the end of `as_of` (everything when nullopt), as balance_minor reads it
// from the ledger for the command; clamped to the int64 range check_fund_money compares in.
// Operations are dated near the record's day, so the days after `as_of` are few: they are
// taken off the total, newest first.
std::int64_t GrantsReplay::cash(const std::string& fund, std::optional<Date> as_of) const {
  money::MinorUnits sum = 0;
  auto it = cash_.find(fund);
  if (it != cash_.end()) {
    sum = it->second.total;
    const auto& days = it->second.by_day;
    for (auto d = days.rbegin(); as_of && d != days.rend() && d->first > *as_of; ++d) {
      sum -= d->second;
    }
  }
  const money::MinorUnits lo = std::numeric_limits<std::int64_t>::min();
  const money::MinorUnits hi = std::numeric_limits<std::int64_t>::max();
  return static_cast<std::int64_t>(sum < lo ? lo : sum > hi ? hi : sum);
}

// fund.add: the fund as fund add checks it, new, after its seven accounts.
Status GrantsReplay::apply_fund(const audit::SealedRecord& r, const book::Replay& core) {
  auto f = fund_from_payload(r.record.payload, r.record.seq);
  if (!f.ok()) return f.error();
  SEMILLA_TRY(check_fund_row(*f));
  if (funds_.count(f->code) != 0) return failed("code", "fund " + f->code + " twice");
  const auto accounts = fund_account_list(f->code);
  const std::uint64_t seq = r.record.seq;
  SEMILLA_TRY(expect_accounts(core, accounts, f->currency,
                              seq >= accounts.size() ? seq - accounts.size() : 0));
  funds_.emplace(f->code, *f);
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

Status GrantsReplay::apply_receipt(const audit::SealedRecord& r, const book::Replay& core) {
  auto f = fund_of(r.record.payload);
  if (!f.ok()) return f.error();
  auto rc = receipt_from_payload(r.record.payload, r.record.seq, (*f)->currency);
  if (!rc.ok()) return rc.error();
  if (rc->amount_minor <= 0) return failed("amount", "amount must be greater than zero");
  SEMILLA_TRY(need_transaction(core, rc->transaction_id));
  SEMILLA_TRY(check_posted(core.claimed(), receipt_legs(rc->fund), rc->amount_minor,
                           (*f)->currency, rc->day, ""));
  SEMILLA_TRY(check_memo(core, receipt_memo(rc->fund), true));
  move_cash(rc->fund, rc->day, rc->amount_minor);
  receipts_.push_back(*rc);
  return Status::Ok();
}

// fund.spend: as fund spend checks it, with the fund's money as the ledger held it before.
Status GrantsReplay::apply_spending(const audit::SealedRecord& r, const book::Replay& core,
                                    Date today) {
  auto f = fund_of(r.record.payload);
  if (!f.ok()) return f.error();
  const store::FundRow& fund = **f;
  auto s = spending_from_payload(r.record.payload, r.record.seq, fund.currency);
  if (!s.ok()) return s.error();
  SEMILLA_TRY(check_text(s->memo, "--memo", limits::kMemoBytesMax, false));
  SEMILLA_TRY(check_text(s->override_reason, "--override-reason", limits::kReasonBytesMax));
  SEMILLA_TRY(check_spend_category(fund, s->category));
  if (s->amount_minor <= 0) return failed("amount", "amount must be greater than zero");
  SEMILLA_TRY(check_not_after_today(s->day, today, "--date"));
  SEMILLA_TRY(check_fund_money(fund, s->day, cash(fund.code, s->day),
                               cash(fund.code, std::nullopt), s->amount_minor,
                               !s->override_reason.empty(),
                               {"AMOUNT", "the amount to spend,", "spend"}));
  // The category's account, when this is its first spending, right before the transaction.
  const std::string account = programme_account(fund.code, s->category);
  const bool created = core.accounts.size() > accounts_seen_ &&
                       core.accounts.back().name == account;
  std::vector<FundAccount> expected;
  if (created) expected.push_back({account, book::AccountType::kExpense});
  SEMILLA_TRY(expect_accounts(core, expected, fund.currency,
                              r.record.seq >= 2 ? r.record.seq - 2 : 0));
  SEMILLA_TRY(need_transaction(core, s->transaction_id));
  SEMILLA_TRY(check_posted(core.claimed(), spend_legs(s->fund, s->category), s->amount_minor,
                           fund.currency, s->day, ""));
  SEMILLA_TRY(check_memo(core, s->memo, true));
  move_cash(fund.code, s->day, -s->amount_minor);
  spending_.push_back(std::move(*s));
  return Status::Ok();
}

Status GrantsReplay::apply_event(const audit::SealedRecord& r, const book::Replay& core,
                                 std::string type, Date today) {
  const auto& p = r.record.payload;
  auto grant = book::payload_string(p, "grant");
  if (!grant.ok()) return grant.error();
  const std::string& id = *grant;
  if (type == "award") {
    auto g = grant_from_payload(p, r.record.seq);
    if (!g.ok()) return g.error();
    auto f = funds_.find(g->fund);
    SEMILLA_TRY(check_award(*g, f == funds_.end() ? nullptr : &f->second, today));
    if (grants_.count(id) != 0) return failed("grant", "grant " + id + " twice");
    SEMILLA_TRY(check_award_rules(*g));
    grants_.emplace(id, *g);
  }
  auto g = grants_.find(id);
  if (g == grants_.end()) return failed("grant", "unknown grant " + id);
  auto e = event_from_payload(p, r.record.seq, std::move(type), g->second.currency);
  if (!e.ok()) return e.error();
  SEMILLA_TRY(check_event(*e, core, today));
  if (e->type == "disburse") move_cash(e->fund, e->day, -e->amount_minor);
  if (e->type == "return") move_cash(e->fund, e->day, e->amount_minor);
  move_commitment(*e);
  events_.push_back(*e);
  events_by_grant_[id].push_back(*e);
  return Status::Ok();
}

// The rules the operation enforced, checked again on the record.
Status GrantsReplay::check_event(const store::GrantEventRow& e, const book::Replay& core,
                                 Date today) const {
  SEMILLA_TRY(need_enterprise(core, e.enterprise));
  const auto& g = grants_.at(e.grant_id);
  if (e.enterprise != g.enterprise || e.fund != g.fund) {
    return failed("grant", "enterprise or fund differ from grant " + g.id + "'s award");
  }
  if (e.transaction_id != 0) {
    SEMILLA_TRY(need_transaction(core, e.transaction_id));
    const bool again = e.type == "disburse" && !e.reason.empty();
    SEMILLA_TRY(check_posted(core.claimed(), event_legs(g.fund, e.type, e.in_kind, again),
                             e.amount_minor, g.currency, e.day, g.enterprise));
  } else if (e.type != "cancel" || e.amount_minor != 0) {
    return failed("transaction", "a " + e.type + " of " + money_text(e.amount_minor, g.currency) +
                                     " posts a transaction");
  }
  SEMILLA_TRY(check_not_after_today(e.day, today, "--date"));
  // The enterprise's attributes as the command read them when it wrote the record.
  if (e.snapshot != snapshot_of(core.enterprises.at(e.enterprise), latest_members(e.enterprise))) {
    return failed("snapshot", "differs from enterprise " + e.enterprise +
                                  "'s attributes and members at the time");
  }
  auto it = events_by_grant_.find(e.grant_id);
  const auto s = fold_status(g, it == events_by_grant_.end() ? std::vector<store::GrantEventRow>{}
                                                              : it->second);
  return check_kind_fields(e, s, core);
}

// What each kind of event writes: the members the command fills, and its rules on the grant's
// status before it.
Status GrantsReplay::check_kind_fields(const store::GrantEventRow& e, const GrantStatus& s,
                                       const book::Replay& core) const {
  const auto& g = s.grant;
  const bool disburse = e.type == "disburse";
  if (!disburse && (e.tranche != 0 || e.in_kind || !e.description.empty() ||
                    !e.supplier.empty() || !e.override_reason.empty())) {
    return failed("tranche", "a " + e.type + " has no tranche, in-kind text or override reason");
  }
  if (e.type == "award") {
    if (!e.reason.empty()) return failed("reason", "an award has none");
    if (e.amount_minor != g.total_minor) {
      return failed("amount", "an award's amount is its tranches' total");
    }
    return check_memo(core, award_memo(g.id), false);
  }
  if (disburse) {
    const bool again = !e.reason.empty();  // a returned tranche paid again
    if (e.in_kind != !e.description.empty()) {
      return failed("in_kind", "in_kind is true exactly when there is a description");
    }
    SEMILLA_TRY(check_disburse_text(e.description, e.supplier, e.override_reason));
    if (again && e.tranche >= 1 && static_cast<std::size_t>(e.tranche) <= g.tranches.size()) {
      SEMILLA_TRY(check_payable_again(s, static_cast<std::size_t>(e.tranche - 1), e.reason));
    }
    if (e.tranche < 1 || static_cast<std::size_t>(e.tranche) > g.tranches.size() ||
        s.paid[static_cast<std::size_t>(e.tranche - 1)] != again ||
        e.amount_minor != g.tranches[static_cast<std::size_t>(e.tranche - 1)].amount_minor) {
      return failed("tranche", "tranche " + std::to_string(e.tranche) + " of grant " + g.id +
                                   " cannot be disbursed here");
    }
    const auto i = static_cast<std::size_t>(e.tranche - 1);
    std::vector<std::optional<Date>> recorded;
    for (const auto& cond : g.tranches[i].conditions) {
      auto m = milestones_.find(std::pair(g.enterprise, cond));
      recorded.push_back(m == milestones_.end() ? std::nullopt : std::optional(m->second.day));
    }
    SEMILLA_TRY(check_disbursable(s, i, e.day, recorded));
    SEMILLA_TRY(check_fund_money(funds_.at(g.fund), e.day, cash(g.fund, e.day),
                                 cash(g.fund, std::nullopt), e.amount_minor,
                                 !e.override_reason.empty(),
                                 {"--tranche", "the tranche's", "disburse"}));
    auto memo = disburse_memo(g.id, i, e.description, e.supplier, again);
    if (!memo.ok()) return memo.error();
    return check_memo(core, *memo, true);
  }
  SEMILLA_TRY(check_text(e.reason, "--reason", limits::kReasonBytesMax, false));
  if (e.type == "return") {
    if (e.amount_minor <= 0) return failed("amount", "amount must be greater than zero");
    SEMILLA_TRY(check_returnable(s, e.amount_minor));
    return check_memo(core, return_memo(g.id, e.reason), false);
  }
  SEMILLA_TRY(check_cancellable(s, e.day));
  if (e.amount_minor != s.committed_minor) {
    return failed("amount", "grant " + g.id + " releases " +
                                money_text(s.committed_minor, g.currency) + ", not " +
                                money_text(e.amount_minor, g.currency));
  }
  if (e.amount_minor == 0) return Status::Ok();  // nothing released: no transaction
  return check_memo(core, cancel_memo(g.id), false);
}

std::vector<store::MilestoneNameRow> sorted_names(std::vector<store::MilestoneNameRow> rows) {
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return rows;
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
  SEMILLA_TRY(compare_rows("grant_milestone_names", gs.list_milestone_names(),
                           sorted_names(milestone_names_),
                           [](const store::MilestoneNameRow& m) {
                             return "milestone name " + m.name + " (" + rec(m.audit_seq) + ")";
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
  for (const auto& m : milestone_names_) SEMILLA_TRY(gs.insert_milestone_name(m));
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
