// SPDX-License-Identifier: Apache-2.0
// LoanBook: the operations that move money. Each one runs inside a BookTransaction (which
// holds the book's write lock): it reads the loan, checks every rule, posts one balanced
// transaction and appends its loan record. The public operations begin that transaction and
// commit all of it together (committed()); on any refusal the destructor rolls everything
// back. repay() also runs inside a caller's transaction (batch import), through the same code.
#include "ledger/base/limits.h"
#include "ledger/base/lang.h"
#include "ledger/base/text.h"
#include "ledger/loans/loan_book.h"
#include "ledger/loans/loan_book_internal.h"
#include "ledger/loans/loan_rules.h"

namespace semilla::loans {

using nlohmann::json;
using internal::LoanState;

namespace {

// The loan's state read inside `tx`, which holds the book's write lock.
struct Locked {
  book::BookTransaction& tx;
  LoanState state;
  LoanTerms terms;
};

Result<Locked> lock(book::BookTransaction& tx, const std::string& id) {
  auto state = internal::load_state(tx.store(), id);
  if (!state.ok()) return state.error();
  auto loan = internal::to_loan(*state);
  if (!loan.ok()) return loan.error();
  return Locked{tx, std::move(*state), loan->terms};
}

// Runs `op` (a loan operation inside a transaction) in a new database transaction and
// commits it when the operation succeeded and changed something; on any error, or for a
// repeated --ref, the transaction is rolled back and nothing changes.
template <typename Op>
Result<Posted> committed(book::Book& b, Op&& op) {
  auto tx = b.begin();
  if (!tx.ok()) return tx.error();
  auto posted = std::forward<Op>(op)(*tx);
  if (posted.ok() && !posted->duplicate) SEMILLA_TRY(tx->commit());
  return posted;
}

// "120.00" or "120.00 USD", in the loan's currency.
Result<Amount> parse_payment(const std::string& text, Currency currency) {
  auto split = money::split_amount_text(text, "AMOUNT");
  if (!split.ok()) return split.error();
  const std::string_view number = split->number;
  if (!split->currency.empty()) {
    const std::string code(split->currency);
    auto c = Currency::find(code, "AMOUNT");
    if (!c.ok()) return c.error();
    if (!(*c == currency)) {
      return make_error(ErrorCode::kCurrencyMismatch, "AMOUNT",
                        "the loan is in " + std::string(currency.code()) + ", not " + code);
    }
  }
  auto amount = Amount::parse(number, currency, "AMOUNT");
  if (!amount.ok()) return amount.error();
  if (!amount->is_positive()) {
    return make_error(ErrorCode::kInvalid, "AMOUNT", tr("must be greater than zero"));
  }
  return *amount;
}

Result<Date> parse_date_not_before(const std::string& text, std::optional<Date> floor,
                                   const char* what) {
  auto d = Date::parse(text, "--date");
  if (!d.ok()) return d.error();
  SEMILLA_TRY(internal::check_not_before(*d, floor, what));
  return *d;
}

// The outcome of an operation that wrote record `seq` and posted `t` (nothing committed).
Result<Posted> finish(const Locked& l, const book::Transaction& t, std::uint64_t seq) {
  auto loan = internal::to_loan(l.state);
  if (!loan.ok()) return loan.error();
  return Posted{std::move(*loan), t, seq, false};
}

std::string cash_of(const Locked& l, const std::string& given) {
  return given.empty() ? l.state.row->cash_account : given;
}

Result<Posted> disburse_in(book::BookTransaction& tx, const std::string& id,
                           const std::string& date, const std::string& cash_account) {
  auto l = lock(tx, id);
  if (!l.ok()) return l.error();
  const store::LoanRow& row = *l->state.row;
  if (row.status == "cancelled") SEMILLA_TRY(internal::refuse_status(row, "disbursement"));
  if (row.status != "open") {
    return make_error(ErrorCode::kConflict, "LOAN-ID",
                      "loan " + id + " was already disbursed on " +
                          row.disbursed_on->to_string() + "; a loan is disbursed once");
  }
  auto when = parse_date_not_before(date, std::nullopt, "");
  if (!when.ok()) return when.error();
  auto schedule = generate_schedule(l->terms, Amount::from_minor(row.principal_minor,
                                                                 l->terms.currency), *when);
  if (!schedule.ok()) return schedule.error();
  const std::string cash = cash_of(*l, cash_account);
  if (schedule->fee_at_disbursement.is_positive()) {
    SEMILLA_TRY(internal::ensure_account(l->tx, kFeesAccount, book::AccountType::kIncome, ""));
  }
  auto posted = internal::post(l->tx, internal::disbursement_draft(row, *schedule, cash, *when));
  if (!posted.ok()) return posted.error();
  const book::Transaction& t = posted->transaction;
  json payload = {{"loan", id},
                  {"date", when->to_string()},
                  {"transaction", t.id},
                  {"principal", schedule->principal.to_string()},
                  {"fee", schedule->fee_at_disbursement.to_string()},
                  {"net", schedule->net_disbursement.to_string()},
                  {"installments", internal::installments_json(*schedule)}};
  auto seq = internal::write_record(l->tx, internal::kKindDisburse, std::move(payload), l->state,
                                    &t);
  if (!seq.ok()) return seq.error();
  return finish(*l, t, *seq);
}

// The repayment's transaction; the income accounts its allocation credits are created first.
Result<book::TransactionDraft> repayment_draft(Locked& l, const Allocation& a,
                                               const Amount& amount, const std::string& cash,
                                               Date date, const std::string& ref) {
  for (Component c : kAllComponents) {
    if (c == Component::kPrincipal || a.totals.get(c).is_zero()) continue;
    SEMILLA_TRY(internal::ensure_account(l.tx, internal::income_account(c),
                                         book::AccountType::kIncome, ""));
  }
  return internal::repayment_draft(*l.state.row, a.totals, amount, cash, date, ref);
}

// A --ref seen before: the same repayment again changes nothing; anything else is a conflict.
Result<std::optional<Posted>> same_repayment(Locked& l, const RepayDraft& d, const Amount& amt,
                                             Date date) {
  if (d.ref.empty()) return std::optional<Posted>();
  auto t = l.tx.store().find_transaction_by_ref(d.ref);
  if (!t.ok()) return t.error();
  if (!t->has_value()) return std::optional<Posted>();
  auto e = l.tx.store().loans().find_event_by_transaction((*t)->id);
  if (!e.ok()) return e.error();
  if (!e->has_value() || (*e)->loan_id != d.loan || (*e)->kind != internal::kKindRepay ||
      (*e)->amount_minor != static_cast<std::int64_t>(amt.minor()) || (*e)->day != date) {
    return make_error(ErrorCode::kConflict, "--ref",
                      "reference " + d.ref + " was already used by transaction " +
                          std::to_string((*t)->id) + " with different content");
  }
  auto loan = internal::to_loan(l.state);
  if (!loan.ok()) return loan.error();
  return std::optional<Posted>(Posted{std::move(*loan), **t, (*e)->seq, true});
}

}  // namespace

Errors LoanBook::repay_problems(const RepayDraft& d) {
  Errors errors;
  auto state = internal::load_state(book_.store(), d.loan);
  if (!state.ok()) {
    errors.push_back(state.error());
  } else if (auto loan = internal::to_loan(*state); !loan.ok()) {
    errors.push_back(loan.error());
  } else if (auto amount = parse_payment(d.amount, loan->terms.currency); !amount.ok()) {
    errors.push_back(amount.error());
  }
  if (auto when = Date::parse(d.date, "--date"); !when.ok()) errors.push_back(when.error());
  return errors;
}

Result<Posted> LoanBook::repay(const RepayDraft& d) {
  return committed(book_, [&](book::BookTransaction& tx) { return repay(tx, d); });
}

Result<Posted> LoanBook::repay(book::BookTransaction& tx, const RepayDraft& d) {
  auto l = lock(tx, d.loan);
  if (!l.ok()) return l.error();
  const store::LoanRow& row = *l->state.row;
  auto amount = parse_payment(d.amount, l->terms.currency);
  if (!amount.ok()) return amount.error();
  auto when = parse_date_not_before(d.date, row.disbursed_on, "disbursement");
  if (!when.ok()) return when.error();
  auto same = same_repayment(*l, d, *amount, *when);
  if (!same.ok()) return same.error();
  if (same->has_value()) return std::move(**same);
  SEMILLA_TRY(internal::refuse_status(row, "repayment"));
  const auto installments = internal::installment_states(l->state.installments,
                                                         l->terms.currency);
  auto a = allocate_payment(installments, *amount, *when, l->terms.allocation);
  if (!a.ok()) return make_error(a.error().code, "AMOUNT", a.error().message);
  auto draft = repayment_draft(*l, *a, *amount, cash_of(*l, d.cash_account), *when, d.ref);
  if (!draft.ok()) return draft.error();
  auto posted = internal::post(l->tx, *draft);
  if (!posted.ok()) return posted.error();
  const book::Transaction& t = posted->transaction;
  json payload = {{"loan", d.loan}, {"date", when->to_string()}, {"transaction", t.id},
                  {"amount", amount->to_string()},
                  {"ref", d.ref.empty() ? json(nullptr) : json(d.ref)},
                  {"lines", internal::lines_json(*a)}};
  auto seq = internal::write_record(l->tx, internal::kKindRepay, std::move(payload), l->state,
                                    &t);
  if (!seq.ok()) return seq.error();
  return finish(*l, t, *seq);
}

namespace {

Result<Posted> reverse_in(book::BookTransaction& tx, const std::string& id,
                          std::int64_t transaction_id, const std::string& date,
                          const std::string& reason) {
  auto l = lock(tx, id);
  if (!l.ok()) return l.error();
  auto e = l->tx.store().loans().find_event_by_transaction(transaction_id);
  if (!e.ok()) return e.error();
  if (!e->has_value() || (*e)->loan_id != id || (*e)->kind != internal::kKindRepay) {
    return make_error(ErrorCode::kNotFound, "TXN-ID",
                      "transaction " + std::to_string(transaction_id) +
                          " is not a repayment of loan " + id);
  }
  if (l->state.row->status == "written-off") {
    SEMILLA_TRY(internal::refuse_status(*l->state.row, "reversal"));
  }
  auto rows = l->tx.store().loans().allocations((*e)->seq);
  if (!rows.ok()) return rows.error();
  auto& repayment = l->state.repayments[(*e)->seq];
  repayment.transaction = transaction_id;
  auto& lines = repayment.lines;
  for (const auto& r : *rows) {
    for (Component c : kAllComponents) {
      if (r.component == internal::component_key(c)) lines.push_back({r.n, c, r.amount_minor});
    }
  }
  auto t = l->tx.reverse(transaction_id, date, reason, internal::kOwner);
  if (!t.ok()) return t.error();
  json payload = {{"loan", id}, {"date", t->date.to_string()}, {"transaction", t->id},
                  {"repayment", (*e)->seq},
                  {"amount", Amount::from_minor((*e)->amount_minor, l->terms.currency)
                                 .to_string()}};
  auto seq = internal::write_record(l->tx, internal::kKindReverse, std::move(payload), l->state,
                                    &*t);
  if (!seq.ok()) return seq.error();
  return finish(*l, *t, *seq);
}

Result<Posted> write_off_in(book::BookTransaction& tx, const std::string& id,
                            const std::string& date, const std::string& reason) {
  SEMILLA_TRY(check_text(reason, "--reason", limits::kReasonBytesMax, false));
  auto l = lock(tx, id);
  if (!l.ok()) return l.error();
  const store::LoanRow& row = *l->state.row;
  SEMILLA_TRY(internal::refuse_status(row, "write-off"));
  auto when = parse_date_not_before(date, l->state.last_day, "last operation");
  if (!when.ok()) return when.error();
  const Components owed = internal::owed(l->state);
  book::Transaction t;
  if (owed.principal.is_positive()) {
    SEMILLA_TRY(internal::ensure_account(l->tx, kReserveAccount, book::AccountType::kAsset, ""));
    auto posted = internal::post(l->tx, internal::write_off_draft(row, owed.principal, *when));
    if (!posted.ok()) return posted.error();
    t = posted->transaction;
  }
  json payload = {{"loan", id}, {"date", when->to_string()},
                  {"transaction", t.id > 0 ? json(t.id) : json(nullptr)},
                  {"principal", owed.principal.to_string()}, {"owed", owed.sum().to_string()},
                  {"reason", reason}};
  auto seq = internal::write_record(l->tx, internal::kKindWriteOff, std::move(payload), l->state,
                                    t.id > 0 ? &t : nullptr);
  if (!seq.ok()) return seq.error();
  return finish(*l, t, *seq);
}

Result<Posted> recover_in(book::BookTransaction& tx, const RepayDraft& d) {
  auto l = lock(tx, d.loan);
  if (!l.ok()) return l.error();
  const store::LoanRow& row = *l->state.row;
  if (row.status != "written-off") {
    return internal::refused("LOAN-ID", "loan " + d.loan + " is " + row.status +
                                            ": only a written-off loan has recoveries "
                                            "(record payments with `loan repay`)");
  }
  auto amount = parse_payment(d.amount, l->terms.currency);
  if (!amount.ok()) return amount.error();
  auto when = parse_date_not_before(d.date, row.written_off_on, "write-off");
  if (!when.ok()) return when.error();
  const Amount left = Amount::from_minor(row.written_off_minor - row.recovered_minor,
                                         l->terms.currency);
  if (*amount > left) {
    return internal::refused("AMOUNT", "only " + left.to_string() +
                                           " of what was written off is still unrecovered");
  }
  SEMILLA_TRY(internal::ensure_account(l->tx, kReserveAccount, book::AccountType::kAsset, ""));
  auto posted = internal::post(
      l->tx, internal::recovery_draft(row, *amount, cash_of(*l, d.cash_account), *when, d.ref));
  if (!posted.ok()) return posted.error();
  const book::Transaction& t = posted->transaction;
  json payload = {{"loan", d.loan}, {"date", when->to_string()}, {"transaction", t.id},
                  {"amount", amount->to_string()}};
  auto seq = internal::write_record(l->tx, internal::kKindRecover, std::move(payload), l->state,
                                    &t);
  if (!seq.ok()) return seq.error();
  return finish(*l, t, *seq);
}

Result<Posted> cancel_in(book::BookTransaction& tx, const std::string& id, const std::string& date,
                         const std::string& reason) {
  SEMILLA_TRY(check_text(reason, "--reason", limits::kReasonBytesMax, false));
  auto l = lock(tx, id);
  if (!l.ok()) return l.error();
  const store::LoanRow& row = *l->state.row;
  if (row.status == "active") {
    return internal::refused("LOAN-ID", "loan " + id + " was disbursed on " +
                                            row.disbursed_on->to_string() +
                                            ": undo it with `loan reverse-disbursement`");
  }
  if (row.status != "open") SEMILLA_TRY(internal::refuse_status(row, "cancellation"));
  auto when = internal::date_or_today(date, tx.today(), "--date");
  if (!when.ok()) return when.error();
  json payload = {{"loan", id}, {"date", when->to_string()}, {"reason", reason}};
  auto seq = internal::write_record(l->tx, internal::kKindCancel, std::move(payload), l->state,
                                    nullptr);
  if (!seq.ok()) return seq.error();
  return finish(*l, book::Transaction{}, *seq);
}

Result<Posted> reverse_disbursement_in(book::BookTransaction& tx, const std::string& id,
                                       const std::string& date, const std::string& reason) {
  SEMILLA_TRY(check_text(reason, "--reason", limits::kReasonBytesMax, false));
  auto l = lock(tx, id);
  if (!l.ok()) return l.error();
  const store::LoanRow& row = *l->state.row;
  if (row.status == "open") {
    return internal::refused("LOAN-ID", "loan " + id + " is not disbursed: cancel it with "
                                            "`loan cancel`");
  }
  if (row.status != "active") SEMILLA_TRY(internal::refuse_status(row, "disbursement reversal"));
  for (const auto& i : l->state.installments) {
    for (std::int64_t paid : i.paid) {
      if (paid != 0) {
        return internal::refused("LOAN-ID", "loan " + id + " has repayments: reverse each "
                                                "with `loan reverse` first");
      }
    }
  }
  auto when = internal::date_or_today(date, tx.today(), "--date");
  if (!when.ok()) return when.error();
  auto t = l->tx.reverse(l->state.disbursement_transaction, when->to_string(), reason,
                         internal::kOwner);
  if (!t.ok()) return t.error();
  json payload = {{"loan", id}, {"date", t->date.to_string()}, {"transaction", t->id},
                  {"reason", reason}};
  auto seq = internal::write_record(l->tx, internal::kKindReverseDisbursement,
                                    std::move(payload), l->state, &*t);
  if (!seq.ok()) return seq.error();
  return finish(*l, *t, *seq);
}

}  // namespace

Result<Posted> LoanBook::cancel(const std::string& id, const std::string& date,
                                const std::string& reason) {
  return committed(book_, [&](book::BookTransaction& tx) {
    return cancel_in(tx, id, date, reason);
  });
}

Result<Posted> LoanBook::reverse_disbursement(const std::string& id, const std::string& date,
                                              const std::string& reason) {
  return committed(book_, [&](book::BookTransaction& tx) {
    return reverse_disbursement_in(tx, id, date, reason);
  });
}

Result<Posted> LoanBook::disburse(const std::string& id, const std::string& date,
                                  const std::string& cash_account) {
  return committed(book_, [&](book::BookTransaction& tx) {
    return disburse_in(tx, id, date, cash_account);
  });
}

Result<Posted> LoanBook::disburse(book::BookTransaction& tx, const std::string& id,
                                  const std::string& date, const std::string& cash_account) {
  return disburse_in(tx, id, date, cash_account);
}

Result<Posted> LoanBook::reverse_repayment(const std::string& id, std::int64_t transaction_id,
                                           const std::string& date, const std::string& reason) {
  return committed(book_, [&](book::BookTransaction& tx) {
    return reverse_in(tx, id, transaction_id, date, reason);
  });
}

Result<Posted> LoanBook::write_off(const std::string& id, const std::string& date,
                                   const std::string& reason) {
  return committed(book_, [&](book::BookTransaction& tx) {
    return write_off_in(tx, id, date, reason);
  });
}

Result<Posted> LoanBook::recover(const RepayDraft& d) {
  return committed(book_, [&](book::BookTransaction& tx) { return recover_in(tx, d); });
}

}  // namespace semilla::loans
