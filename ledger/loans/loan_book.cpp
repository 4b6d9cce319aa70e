// SPDX-License-Identifier: Apache-2.0
// LoanBook: products, quotes, opening a loan, and what the operations share.
#include "ledger/loans/loan_book.h"

#include "ledger/base/lang.h"
#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/loans/loan_book_internal.h"
#include "ledger/loans/loan_rules.h"

namespace semilla::loans {

using nlohmann::json;

namespace internal {

Error refused(std::string_view field, const std::string& message) {
  return make_error(ErrorCode::kRefused, std::string(field), message);
}

Result<Date> date_or_today(const std::string& text, Date today, std::string_view field) {
  if (text.empty()) return today;
  return Date::parse(text, field);
}

Result<LoanState> load_state(store::Store& store, const std::string& id) {
  auto row = store.loans().find_loan(id);
  if (!row.ok()) return row.error();
  if (!row->has_value()) {
    return make_error(ErrorCode::kNotFound, "LOAN-ID", trf("no loan \"{loan}\"", {{"loan", id}}));
  }
  LoanState state;
  state.row = **row;
  auto positions = store.loans().positions(id, std::nullopt);
  if (!positions.ok()) return positions.error();
  state.installments = minor_installments(*positions);
  auto events = store.loans().events(id);
  if (!events.ok()) return events.error();
  if (!events->empty()) state.last_day = events->back().day;
  for (const auto& e : *events) {
    if (e.kind == kKindDisburse) state.disbursement_transaction = e.transaction_id.value_or(0);
  }
  return state;
}

Result<Loan> to_loan(const LoanState& state) {
  auto terms = terms_from_json(json::parse(state.row->terms_json));
  if (!terms.ok()) return terms.error();
  return Loan{*state.row, *terms, installment_states(state.installments, terms->currency)};
}

Status write_change(store::LoanStore& loans, const LoanChange& c) {
  if (c.product) SEMILLA_TRY(loans.insert_product(*c.product));
  if (c.loan) SEMILLA_TRY(c.new_loan ? loans.insert_loan(*c.loan) : loans.update_loan(*c.loan));
  if (!c.installments.empty()) SEMILLA_TRY(loans.insert_installments(c.installments));
  if (c.event) SEMILLA_TRY(loans.insert_event(*c.event));
  if (!c.allocations.empty()) SEMILLA_TRY(loans.insert_allocations(c.allocations));
  return Status::Ok();
}

Result<std::uint64_t> write_record(book::BookTransaction& tx, std::string_view kind,
                                   json payload, LoanState& state, const book::Transaction* t) {
  const json copy = payload;
  auto seq = tx.append_record(kind, std::move(payload));
  if (!seq.ok()) return seq.error();
  // The replay's own apply: a rule the operation did not check first refuses here, with the
  // words the replay would use, and the caller rolls the whole operation back.
  auto world = store_world(tx.store());
  auto change = apply_loan_record(kind, copy, *seq, state,
                                  RecordContext{*world, tx.today(), t});
  if (!change.ok()) return change.error();
  SEMILLA_TRY(write_change(tx.store().loans(), *change));
  return *seq;
}

Status ensure_account(book::BookTransaction& tx, const std::string& name,
                      book::AccountType type, const std::string& enterprise) {
  auto found = tx.store().find_account(name);
  if (!found.ok()) return found.error();
  if (found->has_value()) {
    const book::Account& a = **found;
    if (a.type != type || a.enterprise.value_or("") != enterprise) {
      return make_error(ErrorCode::kConflict, "", "account " + name + " exists but is not " +
                            std::string(book::account_type_name(type)) +
                            (enterprise.empty() ? "" : " of enterprise " + enterprise) +
                            "; the loan module keeps its accounts to itself");
    }
    return Status::Ok();
  }
  auto added = tx.add_account(
      book::AccountDraft{name, std::string(book::account_type_name(type)), "", enterprise},
      kOwner);
  if (added.ok()) return Status::Ok();
  // The user typed none of this account's options (--type...): the message names it.
  Error e = added.error();
  if (e.code != ErrorCode::kEnvironment) e.field = "";
  return e;
}

Result<book::PostOutcome> post(book::BookTransaction& tx, const book::TransactionDraft& draft) {
  auto outcome = tx.post(draft, kOwner);
  if (outcome.ok()) return std::move(*outcome);
  Error e = outcome.error().front();
  // The transaction carries the loan's enterprise, and the loan's own accounts are its or
  // no one's: only the cash account can belong to another enterprise.
  if (e.field == "--enterprise") e.field = "--cash-account";
  return e;
}

}  // namespace internal

namespace {

using internal::LoanState;

Result<Product> product_from_row(const store::LoanProductRow& row) {
  auto terms = internal::terms_from_json(json::parse(row.terms_json));
  if (!terms.ok()) return terms.error();
  return Product{row, *terms};
}

Result<Product> find_product(store::Store& store, const std::string& name) {
  auto row = store.loans().find_product(name);
  if (!row.ok()) return row.error();
  if (!row->has_value()) {
    return make_error(ErrorCode::kNotFound, "--product",
                      trf("no loan product \"{product}\" (add it with `loan product add`)",
                          {{"product", name}}));
  }
  return product_from_row(**row);
}

// The product's terms with the loan's overrides; every problem at once.
Result<LoanTerms, Errors> terms_with(const LoanTerms& base, const Options& overrides) {
  LoanTerms terms = base;
  Errors errors = apply_options(terms, overrides);
  if (errors.empty()) errors = validate(terms);
  if (!errors.empty()) return errors;
  return terms;
}

// The schedule of a loan of `principal_text` under `terms`; every problem of the loan first.
Result<Schedule, Errors> make_schedule(const LoanTerms& terms, const std::string& principal_text,
                                       Date date) {
  auto principal = Amount::parse(principal_text, terms.currency, "--principal");
  if (!principal.ok()) return Errors{principal.error()};
  Errors errors = validate_loan(terms, *principal);
  if (!errors.empty()) return errors;
  auto schedule = generate_schedule(terms, *principal, date);
  if (!schedule.ok()) return Errors{schedule.error()};
  return std::move(*schedule);
}

// The schedule with its cost of credit (an IRR search: only where it is shown).
Result<Quote, Errors> make_quote(const LoanTerms& terms, const std::string& principal_text,
                                 Date date) {
  auto schedule = make_schedule(terms, principal_text, date);
  if (!schedule.ok()) return schedule.error();
  auto cost = cost_of_credit(terms, *schedule);
  if (!cost.ok()) return Errors{cost.error()};
  return Quote{terms, std::move(*schedule), std::move(*cost)};
}

}  // namespace

Result<Product, Errors> LoanBook::add_product(const ProductDraft& d) {
  SEMILLA_TRY_ERRORS(check_identifier(d.name, "NAME", limits::kIdBytesMax));
  std::string currency;
  for (const auto& [flag, value] : d.options) {
    if (flag == "--currency") currency = value;
  }
  if (currency.empty()) return Errors{make_error(ErrorCode::kUsage, "--currency", tr("required"))};
  auto c = Currency::find(currency, "--currency");
  if (!c.ok()) return Errors{c.error()};
  auto terms = terms_with(LoanTerms(*c), d.options);
  if (!terms.ok()) return terms.error();
  const std::string cash = d.cash_account.empty() ? kDefaultCashAccount : d.cash_account;
  SEMILLA_TRY_ERRORS(internal::check_cash_account(*internal::store_world(book_.store()), cash));
  auto tx = book_.begin();
  if (!tx.ok()) return Errors{tx.error()};
  auto existing = tx->store().loans().find_product(d.name);
  if (!existing.ok()) return Errors{existing.error()};
  if (existing->has_value()) {
    return Errors{make_error(ErrorCode::kAlreadyExists, "NAME",
                             trf("loan product \"{product}\" already exists",
                                 {{"product", d.name}}))};
  }
  LoanState none;
  auto seq = internal::write_record(*tx, internal::kKindProduct,
                                    {{"name", d.name}, {"currency", std::string(c->code())},
                                     {"cash_account", cash},
                                     {"terms", internal::terms_to_json(*terms)}},
                                    none);
  if (!seq.ok()) return Errors{seq.error()};
  SEMILLA_TRY_ERRORS(tx->commit());
  auto row = book_.store().loans().find_product(d.name);
  if (!row.ok()) return Errors{row.error()};
  return Product{**row, *terms};
}

Result<std::vector<Product>> LoanBook::products() {
  auto rows = book_.store().loans().list_products();
  if (!rows.ok()) return rows.error();
  std::vector<Product> out;
  for (const auto& r : *rows) {
    auto p = product_from_row(r);
    if (!p.ok()) return p.error();
    out.push_back(std::move(*p));
  }
  return out;
}

Result<Quote, Errors> LoanBook::quote(const std::string& product, const std::string& principal,
                                      const std::string& date, const Options& overrides) {
  auto p = find_product(book_.store(), product);
  if (!p.ok()) return Errors{p.error()};
  auto terms = terms_with(p->terms, overrides);
  if (!terms.ok()) return terms.error();
  auto today = book_.today();
  if (!today.ok()) return Errors{today.error()};
  auto when = internal::date_or_today(date, *today, "--date");
  if (!when.ok()) return Errors{when.error()};
  return make_quote(*terms, principal, *when);
}

namespace {

json open_payload(const OpenDraft& d, const LoanTerms& terms, const Schedule& s, Date date,
                  const std::string& cash, const std::string& receivable) {
  return {{"loan", d.id},
          {"enterprise", d.enterprise},
          {"product", d.product},
          {"currency", std::string(terms.currency.code())},
          {"principal", s.principal.to_string()},
          {"date", date.to_string()},
          {"cash_account", cash},
          {"receivable_account", receivable},
          {"terms", internal::terms_to_json(terms)}};
}

// The problems of `loan open` input that do not need the product's terms, all of them: LOAN-ID,
// --enterprise, --product, --date.
// What `loan open` records, worked out from the draft and the book.
struct OpenPlan {
  Date when;
  LoanTerms terms;
  Schedule schedule;
  std::string cash;
};

// The plan, or every problem of the draft at once: the id (and one taken), the enterprise,
// the product, the date, each overridden term, the principal against the terms, the cash
// account. A problem that hides others (no product: no terms to check) is reported alone.
Result<OpenPlan, Errors> plan_open(store::Store& store, const OpenDraft& d, Date today) {
  Errors errors;
  auto add = [&errors](const Errors& more) {
    errors.insert(errors.end(), more.begin(), more.end());
  };
  if (Status id = internal::check_loan_id(d.id, "LOAN-ID"); !id.ok()) {
    errors.push_back(id.error());
  } else {
    auto existing = store.loans().find_loan(d.id);
    if (!existing.ok()) return Errors{existing.error()};
    if (existing->has_value()) {
      errors.push_back(make_error(ErrorCode::kAlreadyExists, "LOAN-ID",
                                  trf("loan \"{loan}\" already exists", {{"loan", d.id}})));
    }
  }
  auto e = store.find_enterprise(d.enterprise);
  if (!e.ok()) return Errors{e.error()};
  if (!e->has_value()) {
    errors.push_back(make_error(ErrorCode::kNotFound, "--enterprise",
                                trf("no enterprise \"{id}\"", {{"id", d.enterprise}})));
  }
  auto when = internal::date_or_today(d.date, today, "--date");
  if (!when.ok()) errors.push_back(when.error());
  auto p = find_product(store, d.product);
  if (!p.ok()) {
    errors.push_back(p.error());
    return errors;
  }
  const std::string cash = d.cash_account.empty() ? p->row.cash_account : d.cash_account;
  if (Status c = internal::check_cash_account(*internal::store_world(store), cash); !c.ok()) {
    errors.push_back(c.error());
  }
  auto terms = terms_with(p->terms, d.overrides);
  if (!terms.ok()) {
    add(terms.error());
    return errors;
  }
  // The principal is checked against the terms on the loan's date (today when that is bad).
  auto schedule = make_schedule(*terms, d.principal, when.ok() ? *when : today);
  if (!schedule.ok()) add(schedule.error());
  if (!errors.empty()) return errors;
  return OpenPlan{*when, std::move(*terms), std::move(*schedule), cash};
}

}  // namespace

Result<Loan, Errors> LoanBook::open(const OpenDraft& d) {
  auto tx = book_.begin();
  if (!tx.ok()) return Errors{tx.error()};
  auto loan = open(*tx, d);
  if (loan.ok()) SEMILLA_TRY_ERRORS(tx->commit());
  return loan;
}

Result<Loan, Errors> LoanBook::open(book::BookTransaction& tx, const OpenDraft& d) {
  auto plan = plan_open(tx.store(), d, tx.today());
  if (!plan.ok()) return plan.error();
  const std::string receivable = internal::receivable_account_name(d.enterprise, d.id);
  SEMILLA_TRY_ERRORS(
      internal::ensure_account(tx, receivable, book::AccountType::kAsset, d.enterprise));
  LoanState state;
  auto seq = internal::write_record(
      tx, internal::kKindOpen,
      open_payload(d, plan->terms, plan->schedule, plan->when, plan->cash, receivable), state);
  if (!seq.ok()) return Errors{seq.error()};
  auto loan = internal::to_loan(state);
  if (!loan.ok()) return Errors{loan.error()};
  return std::move(*loan);
}

Result<Loan> LoanBook::find(const std::string& id) {
  auto state = internal::load_state(book_.store(), id);
  if (!state.ok()) return state.error();
  return internal::to_loan(*state);
}

Result<Quote> LoanBook::schedule(const std::string& id) {
  auto loan = find(id);
  if (!loan.ok()) return loan.error();
  const auto& row = loan->row;
  const Date date = row.disbursed_on.value_or(row.expected_on);
  auto q = make_quote(loan->terms, Amount::from_minor(row.principal_minor,
                                                      loan->terms.currency).to_string(),
                      date);
  if (!q.ok()) return q.error().front();
  if (row.disbursed_on) {
    // The schedule fixed at disbursement is the one the loan follows.
    SEMILLA_CHECK(q->schedule.installments.size() == loan->state.size());
    for (std::size_t i = 0; i < loan->state.size(); ++i) {
      const auto& s = loan->state[i];
      auto& inst = q->schedule.installments[i];
      SEMILLA_CHECK(inst.due_date == s.due_date && inst.principal == s.due.principal &&
                    inst.interest == s.due.interest);
    }
  }
  return std::move(*q);
}

}  // namespace semilla::loans
