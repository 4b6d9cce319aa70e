// SPDX-License-Identifier: Apache-2.0
// Fund spend: money paid from a fund for a budget category other than seed capital
// (training, technical assistance, ...), so that the donor report's budget shows its actual.
#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/grants/grants.h"
#include "ledger/grants/grant_rules.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {
namespace {

Result<store::FundRow> spending_fund(store::Store& store, const SpendDraft& d) {
  auto f = store.grants().find_fund(d.fund);
  if (!f.ok()) return f.error();
  if (!f->has_value()) {
    return make_error(ErrorCode::kNotFound, "CODE",
                      "no fund \"" + d.fund + "\" (add it with `semilla fund add`)");
  }
  SEMILLA_TRY(check_spend_category(**f, d.category));
  return **f;
}

// The spending already recorded under `d.ref` with the same content, if any. Other content
// under the reference is left to the posting, which refuses it.
Result<std::optional<store::FundSpendingRow>> same_spending(store::Store& store,
                                                            const store::FundSpendingRow& s,
                                                            const std::string& ref) {
  if (ref.empty()) return std::optional<store::FundSpendingRow>();
  auto t = store.find_transaction_by_ref(ref);
  if (!t.ok()) return t.error();
  if (!t->has_value()) return std::optional<store::FundSpendingRow>();
  auto all = store.grants().list_spending(s.fund);
  if (!all.ok()) return all.error();
  for (const auto& r : *all) {
    if (r.transaction_id == (*t)->id && r.category == s.category && r.day == s.day &&
        r.amount_minor == s.amount_minor && r.memo == s.memo) {
      return std::optional<store::FundSpendingRow>(r);
    }
  }
  return std::optional<store::FundSpendingRow>();
}

// The category's account, added in this transaction when it is the first spending.
Status ensure_account(book::BookTransaction& tx, const store::FundRow& f,
                      const std::string& account) {
  auto a = tx.store().find_account(account);
  if (!a.ok()) return a.error();
  if (a->has_value()) return Status::Ok();
  auto added = tx.add_account(book::AccountDraft{account, "expense", f.currency, ""}, kOwner);
  if (!added.ok()) return added.error();
  return Status::Ok();
}

}  // namespace

std::string programme_account(const std::string& code, const std::string& category) {
  return "Expenses:Programme:" + code + ":" + category;
}

Result<SpendOutcome> spend(book::BookTransaction& tx, const SpendDraft& d) {
  SEMILLA_TRY(check_text(d.memo, "--memo", limits::kMemoBytesMax, false));
  SEMILLA_TRY(check_text(d.override_reason, "--override-reason", limits::kReasonBytesMax));
  auto f = spending_fund(tx.store(), d);
  if (!f.ok()) return f.error();
  auto amount = parse_positive(d.amount, f->currency, "AMOUNT");
  if (!amount.ok()) return amount.error();
  auto day = event_date(d.date, tx.today(), "--date");
  if (!day.ok()) return day.error();
  store::FundSpendingRow s{0, f->code, d.category, *day, *amount, d.memo, d.override_reason, 0};
  auto again = same_spending(tx.store(), s, d.ref);
  if (!again.ok()) return again.error();
  if (again->has_value()) return SpendOutcome{**again, true};
  SEMILLA_TRY(check_fund(tx.store(), *f, *day, *amount, !d.override_reason.empty(),
                         {"AMOUNT", "the amount to spend,", "spend"}));
  const std::string account = programme_account(f->code, d.category);
  SEMILLA_TRY(ensure_account(tx, *f, account));
  auto txn = post_legs(tx, day->to_string(), d.memo, d.ref, "", *amount, f->currency,
                       spend_legs(f->code, d.category));
  if (!txn.ok()) return txn.error();
  s.transaction_id = *txn;
  auto seq = tx.append_record(kKindFundSpend, to_payload(s, f->currency));
  if (!seq.ok()) return seq.error();
  s.audit_seq = *seq;
  SEMILLA_TRY(tx.store().grants().insert_spending(s));
  return SpendOutcome{std::move(s), false};
}

Result<SpendOutcome> spend(book::Book& book, const SpendDraft& d) {
  return in_transaction(book, [&](book::BookTransaction& tx) { return spend(tx, d); });
}

}  // namespace semilla::grants
