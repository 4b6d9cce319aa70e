// SPDX-License-Identifier: Apache-2.0
// Grants: award (a commitment), disbursement of tranches, returns and cancellation.
#include <limits>

#include "ledger/base/check.h"
#include "ledger/base/lang.h"
#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/grants/grants.h"
#include "ledger/grants/grant_rules.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {

// AMOUNT[:COND,COND]
Result<store::TrancheRow> parse_tranche(const std::string& text, const std::string& currency,
                                        const std::string& field) {
  store::TrancheRow t;
  const auto colon = text.find(':');
  auto minor = parse_positive(text.substr(0, colon), currency, field);
  if (!minor.ok()) return minor.error();
  t.amount_minor = *minor;
  if (colon == std::string::npos) return t;
  std::size_t start = colon + 1;
  while (true) {
    const auto comma = text.find(',', start);
    const std::string cond = text.substr(start, comma == std::string::npos ? comma
                                                                           : comma - start);
    SEMILLA_TRY(check_name(cond, field));
    t.conditions.push_back(cond);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return t;
}

Result<std::size_t> tranche_index(const std::string& grant, std::size_t count,
                                  const std::string& text) {
  std::size_t n = 0;
  for (char c : text) {
    const bool digit = c >= '0' && c <= '9' && n < 1000;
    n = digit ? n * 10 + static_cast<std::size_t>(c - '0') : 100000;
  }
  if (text.empty() || n < 1 || n > count) {
    return make_error(ErrorCode::kInvalid, "--tranche",
                      "grant " + grant + " has tranches 1 to " + std::to_string(count) +
                          "; \"" + text + "\" is not one");
  }
  return n - 1;
}

Status check_award_state(store::Store& store, store::GrantRow& g,
                         const std::string& over_commit_reason) {
  if (!over_commit_reason.empty()) {
    SEMILLA_TRY(check_text(over_commit_reason, "--reason", limits::kReasonBytesMax, false));
  }
  for (std::size_t i = 0; i < g.tranches.size(); ++i) {
    for (const auto& cond : g.tranches[i].conditions) {
      SEMILLA_TRY(check_milestone_known(store, cond, "--tranche " + std::to_string(i + 1)));
    }
  }
  const FundAccounts a = fund_accounts(g.fund);
  auto cash = balance_minor(store, a.cash, std::nullopt);
  if (!cash.ok()) return cash.error();
  auto committed = balance_minor(store, a.committed, std::nullopt);
  if (!committed.ok()) return committed.error();
  const std::int64_t outstanding = -*committed;  // a credit balance
  const bool over = money::MinorUnits(g.total_minor) >
                    money::MinorUnits(*cash) - money::MinorUnits(outstanding);
  g.over_commit = over ? over_commit_reason : "";
  return check_commitment(g, *cash, outstanding);
}

namespace {

Result<store::GrantRow> grant_from_draft(store::Store& store, const AwardDraft& d, Date today) {
  SEMILLA_TRY(check_identifier(d.id, "GRANT-ID", limits::kIdBytesMax));
  auto f = store.grants().find_fund(d.fund);
  if (!f.ok()) return f.error();
  if (!f->has_value()) return make_error(ErrorCode::kNotFound, "--fund", "no fund " + d.fund);
  auto day = event_date(d.date, today, "--date");
  if (!day.ok()) return day.error();
  store::GrantRow g{d.id, d.enterprise, d.fund, (*f)->currency, 0, {}, *day, 0, std::nullopt};
  if (d.tranches.empty() || d.tranches.size() > kTranchesPerGrantMax) {
    return make_error(d.tranches.empty() ? ErrorCode::kUsage : ErrorCode::kLimitExceeded,
                      "--tranche", "a grant has 1 to " + std::to_string(kTranchesPerGrantMax) +
                                       " tranches; " + std::to_string(d.tranches.size()) +
                                       " given");
  }
  for (std::size_t i = 0; i < d.tranches.size(); ++i) {
    auto t = parse_tranche(d.tranches[i], g.currency, "--tranche " + std::to_string(i + 1));
    if (!t.ok()) return t.error();
    if (t->amount_minor > std::numeric_limits<std::int64_t>::max() - g.total_minor) {
      return make_error(ErrorCode::kLimitExceeded, "--tranche",
                        tr("the tranches add up to more than the book can store"));
    }
    g.total_minor += t->amount_minor;
    g.tranches.push_back(std::move(*t));
  }
  SEMILLA_TRY(check_award(g, &**f, today));  // the rules the replay checks on grant.award
  auto existing = store.grants().find_grant(d.id);
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) {
    return make_error(ErrorCode::kAlreadyExists, "GRANT-ID", "grant " + d.id + " already exists");
  }
  SEMILLA_TRY(check_award_state(store, g, d.over_commit_reason));
  return g;
}

store::GrantEventRow event_of(const store::GrantRow& g, const char* type, Date day,
                              std::int64_t amount_minor, store::SnapshotRow snap) {
  store::GrantEventRow e;
  e.grant_id = g.id;
  e.enterprise = g.enterprise;
  e.fund = g.fund;
  e.type = type;
  e.day = day;
  e.amount_minor = amount_minor;
  e.snapshot = std::move(snap);
  return e;
}

// Appends the record of `e` (after its transaction) and stores the event row.
Status write_event(book::BookTransaction& tx, std::string_view kind, store::GrantEventRow& e,
                   const std::string& currency) {
  auto seq = tx.append_record(kind, to_payload(e, currency));
  if (!seq.ok()) return seq.error();
  e.audit_seq = *seq;
  return tx.store().grants().insert_event(e);
}

}  // namespace

GrantStatus fold_status(store::GrantRow grant, std::vector<store::GrantEventRow> events) {
  GrantStatus s;
  s.paid.assign(grant.tranches.size(), false);
  s.committed_minor = grant.total_minor;
  for (const auto& e : events) {
    if (e.type == "disburse" && e.tranche >= 1 &&
        static_cast<std::size_t>(e.tranche) <= s.paid.size()) {
      s.paid[static_cast<std::size_t>(e.tranche - 1)] = true;
      s.disbursed_minor += e.amount_minor;
      if (e.reason.empty()) {
        s.committed_minor -= e.amount_minor;
      } else {
        s.repaid_minor += e.amount_minor;  // paid again: its commitment was released before
      }
    } else if (e.type == "return") {
      s.returned_minor += e.amount_minor;
    } else if (e.type == "cancel") {
      s.cancelled = true;
      s.committed_minor -= e.amount_minor;
    }
  }
  s.grant = std::move(grant);
  s.events = std::move(events);
  return s;
}

Result<GrantStatus> grant_status(book::Book& book, const std::string& id) {
  auto g = book.store().grants().find_grant(id);
  if (!g.ok()) return g.error();
  if (!g->has_value()) return make_error(ErrorCode::kNotFound, "GRANT-ID", "no grant " + id);
  auto events = book.store().grants().grant_events(id);
  if (!events.ok()) return events.error();
  return fold_status(std::move(**g), std::move(*events));
}

Result<store::GrantRow> award(book::BookTransaction& tx, const AwardDraft& d) {
  auto g = grant_from_draft(tx.store(), d, tx.today());
  if (!g.ok()) return g.error();
  auto snap = snapshot(tx.store(), d.enterprise, "--enterprise");
  if (!snap.ok()) return snap.error();
  auto txn = post_legs(tx, g->day.to_string(), award_memo(g->id), "",
                       g->enterprise, g->total_minor, g->currency,
                       event_legs(g->fund, "award", false));
  if (!txn.ok()) return txn.error();
  auto e = event_of(*g, "award", g->day, g->total_minor, *snap);
  e.transaction_id = *txn;
  auto seq = tx.append_record(kKindAward, award_payload(*g, e));
  if (!seq.ok()) return seq.error();
  g->audit_seq = e.audit_seq = *seq;
  SEMILLA_TRY(tx.store().grants().insert_grant(*g));
  SEMILLA_TRY(tx.store().grants().insert_event(e));
  return g;
}

Result<store::GrantRow> award(book::Book& book, const AwardDraft& d) {
  return in_transaction(book, [&](book::BookTransaction& tx) { return award(tx, d); });
}

namespace {

// Loads the grant and its status inside `tx`; kNotFound naming GRANT-ID.
Result<GrantStatus> load(book::BookTransaction& tx, const std::string& id) {
  auto g = tx.store().grants().find_grant(id);
  if (!g.ok()) return g.error();
  if (!g->has_value()) return make_error(ErrorCode::kNotFound, "GRANT-ID", "no grant " + id);
  auto events = tx.store().grants().grant_events(id);
  if (!events.ok()) return events.error();
  return fold_status(std::move(**g), std::move(*events));
}

// Tranche i (from 0) may be paid on `day` (check_disbursable), given the dates of the
// milestones its conditions name.
Status check_disbursable(store::Store& store, const GrantStatus& s, std::size_t i, Date day) {
  std::vector<std::optional<Date>> recorded;
  for (const auto& cond : s.grant.tranches[i].conditions) {
    auto m = store.grants().find_milestone(s.grant.enterprise, cond);
    if (!m.ok()) return m.error();
    recorded.push_back(m->has_value() ? std::optional<Date>((*m)->day) : std::nullopt);
  }
  return check_disbursable(s, i, day, recorded);
}

// Tranche i is paid: `d` repeats that disbursement when it has the same ref, date, in-kind
// description and supplier (nothing is written then); anything else is a conflict.
Result<DisburseOutcome> repeated(store::Store& store, const GrantStatus& s, std::size_t i,
                                 Date day, const DisburseDraft& d) {
  const store::GrantEventRow* paid = nullptr;
  for (const auto& e : s.events) {
    if (e.type == "disburse" && e.tranche == static_cast<int>(i + 1)) paid = &e;
  }
  SEMILLA_CHECK(paid != nullptr);  // fold_status marked the tranche paid from this event
  auto t = store.find_transaction(paid->transaction_id);
  if (!t.ok()) return t.error();
  const std::string ref = t->has_value() && (*t)->ref ? *(*t)->ref : "";
  std::string differs;
  if (ref != d.ref) {
    differs = ref.empty() ? "it had no --ref" : "its --ref was " + ref;
  } else if (paid->day != day) {
    differs = "its date was " + paid->day.to_string();
  } else if (paid->description != d.in_kind || paid->supplier != d.supplier) {
    differs = paid->in_kind ? "it was in kind: " + paid->description + " (" + paid->supplier + ")"
                            : "it was in cash";
  }
  if (differs.empty()) return DisburseOutcome{*paid, true};
  return make_error(ErrorCode::kConflict, "--tranche",
                    "tranche " + std::to_string(i + 1) + " of grant " + s.grant.id +
                        " was already disbursed (transaction " +
                        std::to_string(paid->transaction_id) + ", audit record " +
                        std::to_string(paid->audit_seq) + "), and " + differs +
                        "; to pay it again once it was returned in full, give --again "
                        "--reason TEXT");
}

}  // namespace

namespace {

// A disbursement; `again` non-empty pays a paid tranche once more (disburse_again).
Result<DisburseOutcome> disburse_in(book::BookTransaction& tx, const DisburseDraft& d,
                                    const std::string& again) {
  SEMILLA_TRY(check_disburse_text(d.in_kind, d.supplier, d.override_reason));
  auto s = load(tx, d.grant);
  if (!s.ok()) return s.error();
  auto i = tranche_index(s->grant.id, s->paid.size(), d.tranche);
  if (!i.ok()) return i.error();
  auto day = event_date(d.date, tx.today(), "--date");
  if (!day.ok()) return day.error();
  if (!again.empty()) {
    SEMILLA_TRY(check_payable_again(*s, *i, again));
  } else if (s->paid[*i]) {
    return repeated(tx.store(), *s, *i, *day, d);
  }
  SEMILLA_TRY(check_disbursable(tx.store(), *s, *i, *day));
  auto f = tx.store().grants().find_fund(s->grant.fund);
  if (!f.ok()) return f.error();
  SEMILLA_CHECK(f->has_value());  // a grant's fund exists
  const std::int64_t amount = s->grant.tranches[*i].amount_minor;
  SEMILLA_TRY(check_fund(tx.store(), **f, *day, amount, !d.override_reason.empty(),
                         {"--tranche", "the tranche's", "disburse"}));
  // The grant's enterprise exists (the grants table references it).
  auto snap = snapshot(tx.store(), s->grant.enterprise, "GRANT-ID");
  if (!snap.ok()) return snap.error();
  auto memo = disburse_memo(s->grant.id, *i, d.in_kind, d.supplier, !again.empty());
  if (!memo.ok()) return memo.error();
  const bool in_kind = !d.in_kind.empty();
  auto txn = post_legs(tx, day->to_string(), *memo, d.ref, s->grant.enterprise, amount,
                       s->grant.currency,
                       event_legs(s->grant.fund, "disburse", in_kind, !again.empty()));
  if (!txn.ok()) return txn.error();
  auto e = event_of(s->grant, "disburse", *day, amount, *snap);
  e.tranche = static_cast<int>(*i + 1);
  e.in_kind = in_kind;
  e.description = d.in_kind;
  e.supplier = d.supplier;
  e.override_reason = d.override_reason;
  e.reason = again;
  e.transaction_id = *txn;
  SEMILLA_TRY(write_event(tx, kKindDisburse, e, s->grant.currency));
  return DisburseOutcome{std::move(e), false};
}

}  // namespace

Result<DisburseOutcome> disburse(book::BookTransaction& tx, const DisburseDraft& d) {
  return disburse_in(tx, d, "");
}

Result<DisburseOutcome> disburse(book::Book& book, const DisburseDraft& d) {
  return in_transaction(book, [&](book::BookTransaction& tx) { return disburse(tx, d); });
}

Result<DisburseOutcome> disburse_again(book::Book& book, const DisburseDraft& d,
                                       const std::string& reason) {
  SEMILLA_TRY(check_text(reason, "--reason", limits::kReasonBytesMax, false));
  return in_transaction(book, [&](book::BookTransaction& tx) {
    return disburse_in(tx, d, reason);
  });
}

Result<store::GrantEventRow> return_funds(book::Book& book, const ReturnDraft& d) {
  SEMILLA_TRY(check_text(d.reason, "--reason", limits::kReasonBytesMax, false));
  auto tx = book.begin();
  if (!tx.ok()) return tx.error();
  auto s = load(*tx, d.grant);
  if (!s.ok()) return s.error();
  auto amount = parse_positive(d.amount, s->grant.currency, "AMOUNT");
  if (!amount.ok()) return amount.error();
  auto day = event_date(d.date, tx->today(), "--date");
  if (!day.ok()) return day.error();
  SEMILLA_TRY(check_returnable(*s, *amount));
  auto snap = snapshot(tx->store(), s->grant.enterprise, "--enterprise");
  if (!snap.ok()) return snap.error();
  auto txn = post_legs(*tx, day->to_string(), return_memo(s->grant.id, d.reason), "",
                       s->grant.enterprise, *amount, s->grant.currency,
                       event_legs(s->grant.fund, "return", false));
  if (!txn.ok()) return txn.error();
  auto e = event_of(s->grant, "return", *day, *amount, *snap);
  e.reason = d.reason;
  e.transaction_id = *txn;
  SEMILLA_TRY(write_event(*tx, kKindReturn, e, s->grant.currency));
  SEMILLA_TRY(tx->commit());
  return e;
}

Result<store::GrantEventRow> cancel(book::Book& book, const CancelDraft& d) {
  SEMILLA_TRY(check_text(d.reason, "--reason", limits::kReasonBytesMax, false));
  auto tx = book.begin();
  if (!tx.ok()) return tx.error();
  auto s = load(*tx, d.grant);
  if (!s.ok()) return s.error();
  auto day = event_date(d.date, tx->today(), "--date");
  if (!day.ok()) return day.error();
  SEMILLA_TRY(check_cancellable(*s, *day));
  auto snap = snapshot(tx->store(), s->grant.enterprise, "--enterprise");
  if (!snap.ok()) return snap.error();
  auto e = event_of(s->grant, "cancel", *day, s->committed_minor, *snap);
  e.reason = d.reason;
  if (s->committed_minor > 0) {
    auto txn = post_legs(*tx, day->to_string(), cancel_memo(s->grant.id), "",
                         s->grant.enterprise, s->committed_minor, s->grant.currency,
                         event_legs(s->grant.fund, "cancel", false));
    if (!txn.ok()) return txn.error();
    e.transaction_id = *txn;
  }
  SEMILLA_TRY(write_event(*tx, kKindCancel, e, s->grant.currency));
  SEMILLA_TRY(tx->commit());
  return e;
}

}  // namespace semilla::grants
