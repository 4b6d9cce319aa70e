// SPDX-License-Identifier: Apache-2.0
// The loan rules (loan_rules.h): what each loan command decides, checked on the record it
// writes, by the command and by the replay alike.
#include "ledger/loans/loan_rules.h"

#include "ledger/base/lang.h"
#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/loans/loan_book.h"
#include "ledger/store/grant_store.h"

namespace semilla::loans::internal {

using nlohmann::json;

namespace {

Error refusal(std::string_view field, const std::string& message) {
  return make_error(ErrorCode::kRefused, std::string(field), message);
}

// A difference no command writes: only a forged record has it.
Error forged(std::string_view field, const std::string& message) {
  return make_error(ErrorCode::kVerifyFailed, std::string(field), message);
}

book::PostingDraft posting(const std::string& account, const Amount& amount, bool debit,
                           const std::string& field) {
  return book::PostingDraft{account, amount.to_string(), std::string(amount.currency().code()),
                            debit, field};
}

class StoreWorld final : public LoanWorld {
 public:
  explicit StoreWorld(store::Store& store) : store_(store) {}
  Result<bool> has_account(const std::string& name) override {
    auto a = store_.find_account(name);
    if (!a.ok()) return a.error();
    return a->has_value();
  }
  Result<bool> has_enterprise(const std::string& id) override {
    auto e = store_.find_enterprise(id);
    if (!e.ok()) return e.error();
    return e->has_value();
  }
  Result<bool> has_product(const std::string& name) override {
    auto p = store_.loans().find_product(name);
    if (!p.ok()) return p.error();
    return p->has_value();
  }
  Result<std::optional<LoanTerms>> product_terms(const std::string& name) override {
    auto p = store_.loans().find_product(name);
    if (!p.ok()) return p.error();
    if (!p->has_value()) return std::optional<LoanTerms>();
    auto terms = terms_from_json(json::parse((*p)->terms_json));
    if (!terms.ok()) return terms.error();
    return std::optional<LoanTerms>(std::move(*terms));
  }
  Result<std::optional<std::uint64_t>> closed_by(const std::string& month) override {
    auto last = store_.periods().latest_period_event(month);
    if (!last.ok()) return last.error();
    if (last->has_value() && (*last)->closed) {
      return std::optional<std::uint64_t>((*last)->audit_seq);
    }
    return std::optional<std::uint64_t>();
  }

 private:
  store::Store& store_;
};

// The loan's terms, parsed from its row once per state.
Result<const LoanTerms*> terms_of(LoanState& state) {
  if (!state.terms) {
    auto terms = terms_from_json(json::parse(state.row->terms_json, nullptr, false));
    if (!terms.ok()) return forged("terms", terms.error().to_string());
    state.terms = std::make_shared<const LoanTerms>(std::move(*terms));
  }
  return state.terms.get();
}

// The transaction the record names is the one posted right before it, and it is exactly the
// one its operation posts.
Status check_posted(const book::Transaction* t, const book::TransactionDraft& d) {
  if (!t) return forged("transaction", "no transaction was posted right before the record");
  auto differs = [&](const std::string& what) {
    return forged("transaction", "transaction " + std::to_string(t->id) + " differs from the " +
                                     "one the operation posts: " + what);
  };
  if (t->date.to_string() != d.date) return differs("its date is not the record's");
  if (t->memo != d.memo) return differs("memo \"" + t->memo + "\", not \"" + d.memo + "\"");
  if (t->ref.value_or("") != d.ref) return differs("its ref is not the record's");
  if (t->enterprise.value_or("") != d.enterprise) return differs("its enterprise");
  if (t->reverses) return differs("it is a reversal");
  if (t->postings.size() != d.postings.size()) {
    return differs(std::to_string(t->postings.size()) + " postings, not " +
                   std::to_string(d.postings.size()));
  }
  for (std::size_t i = 0; i < d.postings.size(); ++i) {
    const book::PostingDraft& want = d.postings[i];
    const book::Posting& got = t->postings[i];
    const std::string signed_amount = (want.debit ? "" : "-") + want.amount;
    if (got.account != want.account || got.amount.currency().code() != want.currency ||
        got.amount.to_string() != signed_amount) {
      return differs("posting " + std::to_string(i + 1) + " is " + got.amount.to_string() + " on " +
                     got.account + ", not " + signed_amount + " on " + want.account);
    }
  }
  return Status::Ok();
}

// The account that pays or receives the cash: the posting `i` of the transaction (the
// command takes it from --cash-account or the loan's default; the record does not say).
std::string cash_in(const book::Transaction* t, std::size_t i) {
  return t && t->postings.size() > i ? t->postings[i].account : std::string();
}

Status check_product(const LoanChange& c, const json& p, LoanWorld& world) {
  const store::LoanProductRow& row = *c.product;
  SEMILLA_TRY(check_identifier(row.name, "NAME", limits::kIdBytesMax));
  auto exists = world.has_product(row.name);
  if (!exists.ok()) return exists.error();
  if (*exists) {
    return make_error(ErrorCode::kAlreadyExists, "NAME",
                      trf("loan product \"{product}\" already exists", {{"product", row.name}}));
  }
  auto terms = terms_from_json(p.at("terms"));
  if (!terms.ok()) return terms.error();
  if (Errors e = validate(*terms); !e.empty()) return e.front();
  return check_cash_account(world, row.cash_account);
}

Status check_open(const store::LoanRow& row, LoanWorld& world) {
  auto enterprise = world.has_enterprise(row.enterprise);
  if (!enterprise.ok()) return enterprise.error();
  if (!*enterprise) {
    return make_error(ErrorCode::kNotFound, "--enterprise",
                      trf("no enterprise \"{id}\"", {{"id", row.enterprise}}));
  }
  auto product = world.product_terms(row.product);
  if (!product.ok()) return product.error();
  if (!*product) {
    return make_error(ErrorCode::kNotFound, "--product",
                      trf("no loan product \"{product}\" (add it with `loan product add`)",
                          {{"product", row.product}}));
  }
  auto terms = terms_from_json(json::parse(row.terms_json));
  if (!terms.ok()) return terms.error();
  if (!(terms->currency == (*product)->currency)) {
    return forged("payload/currency", "the loan is in " + row.currency + ", its product in " +
                                          std::string((*product)->currency.code()));
  }
  const Amount principal = Amount::from_minor(row.principal_minor, terms->currency);
  if (Errors e = validate(*terms); !e.empty()) return e.front();
  if (Errors e = validate_loan(*terms, principal); !e.empty()) return e.front();
  // The decoder holds the name to "Assets:Loans:<enterprise>:<loan>"; `loan open` creates it.
  const std::string& receivable = row.receivable_account;
  auto held = world.has_account(receivable);
  if (!held.ok()) return held.error();
  if (!*held) return forged("payload/receivable_account", "no account " + receivable);
  return check_cash_account(world, row.cash_account);
}

Status check_disburse(const json& p, const LoanChange& c, LoanState& state,
                      const RecordContext& ctx) {
  auto terms = terms_of(state);
  if (!terms.ok()) return terms.error();
  const store::LoanRow& row = *state.row;
  const Date day = c.event->day;
  auto s =
      generate_schedule(**terms, Amount::from_minor(row.principal_minor, (*terms)->currency), day);
  if (!s.ok()) return s.error();
  const json derived = {{"principal", s->principal.to_string()},
                        {"fee", s->fee_at_disbursement.to_string()},
                        {"net", s->net_disbursement.to_string()},
                        {"installments", installments_json(*s)}};
  for (const auto& [member, value] : derived.items()) {
    auto it = p.find(member);
    if (it == p.end() || *it != value) {
      return forged("payload/" + member,
                    "differs from the schedule of the loan's terms, principal and date");
    }
  }
  return check_posted(ctx.transaction,
                      disbursement_draft(row, *s, cash_in(ctx.transaction, 1), day));
}

Status check_repay(const LoanChange& c, const std::vector<InstallmentMinor>& before,
                   LoanState& state, const RecordContext& ctx) {
  auto terms = terms_of(state);
  if (!terms.ok()) return terms.error();
  const store::LoanRow& row = *state.row;
  const Currency cur = (*terms)->currency;
  const store::LoanEventRow& e = *c.event;
  SEMILLA_TRY(check_not_before(e.day, row.disbursed_on, "disbursement"));
  const Amount amount = Amount::from_minor(e.amount_minor, cur);
  auto a = allocate_payment(installment_states(before, cur), amount, e.day, (*terms)->allocation);
  if (!a.ok()) return make_error(a.error().code, "AMOUNT", a.error().message);
  bool same = a->lines.size() == c.allocations.size();
  for (std::size_t i = 0; same && i < a->lines.size(); ++i) {
    const AllocationLine& want = a->lines[i];
    const store::LoanAllocationRow& got = c.allocations[i];
    same = got.n == want.installment_number && got.component == component_key(want.component) &&
           got.amount_minor == static_cast<std::int64_t>(want.amount.minor());
  }
  if (!same) {
    return forged("payload/lines", "differ from the allocation of " + amount.to_string() +
                                       " under the loan's terms");
  }
  return check_posted(ctx.transaction,
                      repayment_draft(row, a->totals, amount, cash_in(ctx.transaction, 0), e.day,
                                      e.ref.value_or("")));
}

Status check_reverse(const LoanChange& c, const Repayment& reversed, const RecordContext& ctx) {
  money::MinorUnits sum = 0;
  for (const LineMinor& l : reversed.lines) sum += l.amount;
  if (sum != c.event->amount_minor) {
    return forged("payload/amount", "differs from the amount of the repayment it reverses");
  }
  const book::Transaction* t = ctx.transaction;
  if (!t) return forged("transaction", "no transaction was posted right before the record");
  if (t->reverses.value_or(0) != reversed.transaction) {
    return forged("transaction", "transaction " + std::to_string(t->id) +
                                     " does not reverse the repayment's transaction " +
                                     std::to_string(reversed.transaction));
  }
  if (t->date != c.event->day) return forged("payload/date", "is not its transaction's date");
  return Status::Ok();
}

Status check_write_off(const LoanChange& c, std::optional<Date> last_day, LoanState& state,
                       const RecordContext& ctx) {
  const store::LoanRow& row = *state.row;
  const store::LoanEventRow& e = *c.event;
  SEMILLA_TRY(check_not_before(e.day, last_day, "last operation"));
  const Amount principal = Amount::from_minor(e.amount_minor, Currency::find(row.currency).value());
  if (e.transaction_id.has_value() != principal.is_positive()) {
    return forged("payload/transaction", principal.is_positive()
                                             ? "missing, though principal is still owed"
                                             : "set, though no principal is owed");
  }
  if (!principal.is_positive()) return check_day(ctx.world, e.day, ctx.today);
  return check_posted(ctx.transaction, write_off_draft(row, principal, e.day));
}

Status check_recover(const LoanChange& c, const store::LoanRow& row, const RecordContext& ctx) {
  const store::LoanEventRow& e = *c.event;
  SEMILLA_TRY(check_not_before(e.day, row.written_off_on, "write-off"));
  const Amount amount = Amount::from_minor(e.amount_minor, Currency::find(row.currency).value());
  const book::Transaction* t = ctx.transaction;
  return check_posted(t, recovery_draft(row, amount, cash_in(t, 0), e.day,
                                        t ? t->ref.value_or("") : std::string()));
}

// loan.cancel posts nothing: its date obeys the rules of a transaction's date. The reversal
// before a loan.reverse-disbursement undoes the loan's disbursement, on the record's date and
// for the record's reason.
Status check_cancel(std::string_view kind, const json& p, std::int64_t disbursement,
                    const LoanChange& c, const RecordContext& ctx) {
  if (kind == kKindCancel) return check_day(ctx.world, c.event->day, ctx.today);
  const book::Transaction* t = ctx.transaction;
  if (!t) return forged("transaction", "no transaction was posted right before the record");
  if (t->reverses.value_or(0) != disbursement) {
    return forged("transaction", "transaction " + std::to_string(t->id) +
                                     " does not reverse the disbursement's transaction " +
                                     std::to_string(disbursement));
  }
  if (t->date != c.event->day) return forged("payload/date", "is not its transaction's date");
  auto reason = p.find("reason");
  if (reason == p.end() || *reason != t->reason) {
    return forged("payload/reason", "is not the reason of its reversal");
  }
  return Status::Ok();
}

// The transaction the record names is the one posted right before it (or none, when it names
// none).
Status check_named(const LoanChange& c, const RecordContext& ctx) {
  // Transaction ids start at 1: 0 is none.
  const std::int64_t named = c.event ? c.event->transaction_id.value_or(0) : 0;
  const std::int64_t posted = ctx.transaction ? ctx.transaction->id : 0;
  if (named != posted) {
    return forged("payload/transaction", "is not the transaction posted right before the record");
  }
  return Status::Ok();
}

}  // namespace

std::unique_ptr<LoanWorld> store_world(store::Store& store) {
  return std::make_unique<StoreWorld>(store);
}

Status check_cash_account(LoanWorld& world, const std::string& name) {
  auto found = world.has_account(name);
  if (!found.ok()) return found.error();
  if (!*found) {
    return make_error(ErrorCode::kNotFound, "--cash-account",
                      trf("no account \"{account}\": create it, or name the account that pays "
                          "and receives the loans' cash with --cash-account",
                          {{"account", name}}));
  }
  return Status::Ok();
}

Status check_not_before(Date date, std::optional<Date> floor, const char* what) {
  if (floor && date < *floor) {
    return refusal("--date", date.to_string() + " is before the loan's " + what + " (" +
                                 floor->to_string() + ")");
  }
  return Status::Ok();
}

Status check_day(LoanWorld& world, Date date, Date today) {
  if (date > today) {
    return refusal("--date", date.to_string() + " is after the day it was recorded (" +
                                 today.to_string() +
                                 " in the book's zone); record events once they happen");
  }
  const std::string month = date.to_string().substr(0, 7);
  auto closed = world.closed_by(month);
  if (!closed.ok()) return closed.error();
  if (*closed) {
    return refusal("--date", date.to_string() + " is in " + month +
                                 ", a closed period (audit record " + std::to_string(**closed) +
                                 "); reopen it with `semilla period reopen` first");
  }
  return Status::Ok();
}

Status refuse_status(const store::LoanRow& row, const char* action) {
  if (row.status == "open") {
    return refusal("LOAN-ID", "loan " + row.id + " is not disbursed yet: no " + action +
                                  " before `loan disburse`");
  }
  if (row.status == "closed") {
    return refusal("LOAN-ID", "loan " + row.id + " is closed (repaid on " +
                                  row.closed_on->to_string() + "): no " + action);
  }
  if (row.status == "cancelled") {
    return refusal("LOAN-ID", "loan " + row.id + " was cancelled on " +
                                  row.closed_on->to_string() + ": no " + action);
  }
  if (row.status == "written-off") {
    return refusal("LOAN-ID", "loan " + row.id + " was written off on " +
                                  row.written_off_on->to_string() + ": no " + action +
                                  " (record money received with `loan recover`)");
  }
  return Status::Ok();
}

book::TransactionDraft disbursement_draft(const store::LoanRow& row, const Schedule& s,
                                          const std::string& cash, Date date) {
  book::TransactionDraft d{
      date.to_string(), "Disbursement of loan " + row.id, "", row.enterprise, {}, ""};
  d.postings.push_back(posting(row.receivable_account, s.principal, true, "principal"));
  const bool upfront = s.fee_mode == FeeMode::kUpfront;
  d.postings.push_back(
      posting(cash, upfront ? s.principal : s.net_disbursement, false, "--cash-account"));
  if (s.fee_at_disbursement.is_positive()) {
    if (upfront) d.postings.push_back(posting(cash, s.fee_at_disbursement, true, "--cash-account"));
    d.postings.push_back(posting(kFeesAccount, s.fee_at_disbursement, false, "fee"));
  }
  return d;
}

const char* income_account(Component c) {
  switch (c) {
    case Component::kPenalty:
      return kPenaltiesAccount;
    case Component::kFee:
      return kFeesAccount;
    case Component::kInterest:
      return kInterestAccount;
    case Component::kPrincipal:
      break;
  }
  SEMILLA_CHECK(false);
  return "";
}

book::TransactionDraft repayment_draft(const store::LoanRow& row, const Components& totals,
                                       const Amount& amount, const std::string& cash, Date date,
                                       const std::string& ref) {
  book::TransactionDraft d{
      date.to_string(), "Repayment of loan " + row.id, ref, row.enterprise, {}, ""};
  d.postings.push_back(posting(cash, amount, true, "--cash-account"));
  for (Component c : kAllComponents) {
    const Amount& part = totals.get(c);
    if (part.is_zero()) continue;
    if (c == Component::kPrincipal) {
      d.postings.push_back(posting(row.receivable_account, part, false, "principal"));
    } else {
      d.postings.push_back(posting(income_account(c), part, false, component_key(c)));
    }
  }
  return d;
}

book::TransactionDraft write_off_draft(const store::LoanRow& row, const Amount& principal,
                                       Date date) {
  book::TransactionDraft d{
      date.to_string(), "Write-off of loan " + row.id, "", row.enterprise, {}, ""};
  d.postings.push_back(posting(kReserveAccount, principal, true, "reserve"));
  d.postings.push_back(posting(row.receivable_account, principal, false, "principal"));
  return d;
}

book::TransactionDraft recovery_draft(const store::LoanRow& row, const Amount& amount,
                                      const std::string& cash, Date date, const std::string& ref) {
  book::TransactionDraft d{
      date.to_string(), "Recovery on written-off loan " + row.id, ref, row.enterprise, {}, ""};
  d.postings.push_back(posting(cash, amount, true, "--cash-account"));
  d.postings.push_back(posting(kReserveAccount, amount, false, "reserve"));
  return d;
}

json installments_json(const Schedule& s) {
  json out = json::array();
  for (const Installment& i : s.installments) {
    out.push_back({{"n", i.number},
                   {"due_date", i.due_date.to_string()},
                   {"principal", i.principal.to_string()},
                   {"interest", i.interest.to_string()},
                   {"fee", i.fee.to_string()}});
  }
  return out;
}

json lines_json(const Allocation& a) {
  json out = json::array();
  for (const AllocationLine& line : a.lines) {
    out.push_back({{"n", line.installment_number},
                   {"component", component_key(line.component)},
                   {"amount", line.amount.to_string()}});
  }
  return out;
}

Result<LoanChange> apply_loan_record(std::string_view kind, const json& p, std::uint64_t seq,
                                     LoanState& state, const RecordContext& ctx) {
  // What the rules read of the state before the record, which apply_record changes.
  std::vector<InstallmentMinor> before;
  if (kind == kKindRepay) before = state.installments;
  std::optional<Repayment> reversed;
  if (kind == kKindReverse && p.is_object()) {
    auto r = p.find("repayment");
    if (r != p.end() && r->is_number_integer() && r->get<std::int64_t>() >= 0) {
      auto it = state.repayments.find(static_cast<std::uint64_t>(r->get<std::int64_t>()));
      if (it != state.repayments.end()) reversed = it->second;
    }
  }
  const std::optional<Date> last_day = state.last_day;
  const std::optional<store::LoanRow> row_before = state.row;
  const std::int64_t disbursement = state.disbursement_transaction;

  auto c = apply_record(kind, p, seq, state);
  if (!c.ok()) return c.error();
  if (kind == kKindProduct) {
    SEMILLA_TRY(check_product(*c, p, ctx.world));
  } else if (kind == kKindOpen) {
    SEMILLA_TRY(check_open(*state.row, ctx.world));
  } else {
    SEMILLA_TRY(check_named(*c, ctx));
    if (kind == kKindDisburse) SEMILLA_TRY(check_disburse(p, *c, state, ctx));
    if (kind == kKindRepay) SEMILLA_TRY(check_repay(*c, before, state, ctx));
    if (kind == kKindReverse) {
      // apply_record found the repayment where this looked it up, or refused the record.
      if (!reversed) return forged("payload/repayment", "not a standing repayment");
      SEMILLA_TRY(check_reverse(*c, *reversed, ctx));
    }
    if (kind == kKindWriteOff) SEMILLA_TRY(check_write_off(*c, last_day, state, ctx));
    if (kind == kKindRecover) SEMILLA_TRY(check_recover(*c, *row_before, ctx));
    if (kind == kKindCancel || kind == kKindReverseDisbursement) {
      SEMILLA_TRY(check_cancel(kind, p, disbursement, *c, ctx));
    }
  }
  if (c->event) state.last_day = c->event->day;
  return c;
}

}  // namespace semilla::loans::internal
