// SPDX-License-Identifier: Apache-2.0
// Book: posting and reversing transactions, and the rules that make a transaction valid.
#include <algorithm>
#include <map>

#include "ledger/base/limits.h"
#include "ledger/base/lang.h"
#include "ledger/base/text.h"
#include "ledger/book/book.h"
#include "ledger/book/payload.h"
#include "ledger/book/rules.h"
#include "ledger/book/store_state.h"
#include "ledger/book/writer.h"
#include "ledger/money/balance.h"
#include "ledger/store/grant_store.h"

namespace semilla::book {

// Turns drafts into transactions, reading accounts once per batch. It parses what the user
// typed and names the options in its errors; the rules of the book are then checked on the
// result by check_transaction (rules.h), as verification checks them on the record.
class Preparer {
 public:
  Preparer(store::Store& store, const BookInfo& info)
      : info_(info), state_(store, info.timezone) {}

  // Every problem of `d` as typed, or the transaction it describes (id, seq and time unset).
  Result<Transaction, Errors> prepare(const TransactionDraft& d);
  StoreState& state() { return state_; }

 private:
  void add_posting(const PostingDraft& p, const std::string& prefix, Transaction& t,
                   Errors& errors);
  void tag_enterprise(Transaction& t);

  const BookInfo& info_;
  StoreState state_;
};

namespace {

std::string join(const std::string& prefix, const std::string& field) {
  if (prefix.empty()) return field;
  return prefix + "/" + field;
}

Error err(ErrorCode code, const std::string& field, std::string message) {
  return make_error(code, field, std::move(message));
}

// Whether two transactions say the same thing (ignoring ids, times and audit positions):
// the test for an idempotent re-post of an external reference.
std::string content_difference(const Transaction& a, const Transaction& b) {
  if (a.date != b.date) return "date " + a.date.to_string() + " vs " + b.date.to_string();
  if (a.memo != b.memo) return "memo differs";
  if (a.enterprise != b.enterprise) return "enterprise differs";
  if (a.postings.size() != b.postings.size()) return "number of postings differs";
  for (std::size_t i = 0; i < a.postings.size(); ++i) {
    if (a.postings[i].account != b.postings[i].account ||
        a.postings[i].amount != b.postings[i].amount) {
      return "posting " + std::to_string(i + 1) + " differs";
    }
  }
  return "";
}

}  // namespace

void Preparer::add_posting(const PostingDraft& p, const std::string& prefix, Transaction& t,
                           Errors& errors) {
  const std::string field = join(prefix, p.field);
  auto acct = state_.account_named(p.account);
  if (!acct.ok() || !*acct) {
    errors.push_back(acct.ok() ? err(ErrorCode::kNotFound, field,
                                     trf("no account \"{account}\" (create it with `semilla "
                                         "account add`)",
                                         {{"account", p.account}}))
                               : acct.error());
    return;
  }
  const Account& a = **acct;
  std::string code = !p.currency.empty() ? p.currency : a.currency.value_or(info_.currency);
  const bool apart = !p.currency.empty() && !p.currency_field.empty();
  auto currency = money::Currency::find(code, apart ? join(prefix, p.currency_field) : field);
  if (!currency.ok()) {
    errors.push_back(currency.error());
    return;
  }
  if (a.currency && *a.currency != currency->code()) {
    errors.push_back(err(ErrorCode::kCurrencyMismatch, field,
                         trf("account {account} holds only {currency}, not {other}",
                             {{"account", a.name}, {"currency", *a.currency}, {"other", code}})));
    return;
  }
  auto amount = money::Amount::parse(p.amount, *currency, field);
  if (!amount.ok()) {
    errors.push_back(amount.error());
    return;
  }
  if (!amount->is_positive()) {
    errors.push_back(err(ErrorCode::kInvalid, field,
                         "amount must be greater than zero (" + p.amount +
                             "); a credit is written --credit, not a negative debit"));
    return;
  }
  t.postings.push_back(Posting{a.id, a.name, p.debit ? *amount : amount->negated()});
}

// A posting on an enterprise's own account is about that enterprise: the transaction is
// tagged with it (check_transaction refuses a tag that differs).
void Preparer::tag_enterprise(Transaction& t) {
  if (t.enterprise) return;
  for (const auto& p : t.postings) {
    auto a = state_.account_named(p.account);
    if (a.ok() && *a && (*a)->enterprise) {
      t.enterprise = (*a)->enterprise;
      return;
    }
  }
}

Result<Transaction, Errors> Preparer::prepare(const TransactionDraft& d) {
  Errors errors;
  Transaction t;
  auto date = Date::parse(d.date, join(d.field, "--date"));
  if (date.ok()) {
    t.date = *date;
  } else {
    errors.push_back(date.error());
  }
  t.memo = d.memo;
  if (!d.ref.empty()) t.ref = d.ref;
  if (!d.enterprise.empty()) t.enterprise = d.enterprise;
  for (const auto& p : d.postings) add_posting(p, d.field, t, errors);
  if (!errors.empty()) return errors;
  tag_enterprise(t);
  return t;
}

namespace {

// nullopt when `t.ref` is new; the original when it was posted with the same content;
// a kConflict error when it was posted with different content.
Result<std::optional<Transaction>> find_same_ref(store::Store& store, const Transaction& t,
                                                 const std::string& field) {
  if (!t.ref) return std::optional<Transaction>();
  auto existing = store.find_transaction_by_ref(*t.ref);
  if (!existing.ok() || !existing->has_value()) return existing;
  std::string diff = content_difference(**existing, t);
  if (!diff.empty()) {
    return err(ErrorCode::kConflict, join(field, "--ref"),
               "reference " + *t.ref + " was already used by transaction " +
                   std::to_string((*existing)->id) + " with different content (" + diff + ")");
  }
  return existing;
}

// A transaction typed twice: `t` (without ref) equal to one already posted on its date.
Status refuse_same_day(store::Store& store, const Transaction& t, const std::string& field) {
  if (t.ref) return Status::Ok();
  auto same = store.find_same_day(t.date, t.memo);
  if (!same.ok()) return same.error();
  for (const Transaction& earlier : *same) {
    if (!content_difference(earlier, t).empty()) continue;
    return err(ErrorCode::kConflict, join(field, "--allow-duplicate"),
               "transaction " + std::to_string(earlier.id) + " (audit record " +
                   std::to_string(earlier.audit_seq) + ", recorded " + earlier.recorded_at +
                   ") already posted the same postings with memo \"" + earlier.memo + "\" on " +
                   earlier.date.to_string() + "; give --ref to tell them apart, or "
                   "--allow-duplicate if this is a second, real transaction");
  }
  return Status::Ok();
}

}  // namespace

// The option or member the user wrote for a field of rules.h ("postings/1", "date").
std::string draft_field(const std::string& rule_field, const TransactionDraft& d) {
  if (rule_field.rfind("postings/", 0) == 0) {
    const std::size_t i = std::stoul(rule_field.substr(9));
    if (i < d.postings.size()) return join(d.field, d.postings[i].field);
  }
  if (rule_field == "postings" || rule_field.empty()) return join(d.field, "postings");
  return join(d.field, "--" + rule_field);
}

// The same for a reversal: the transaction it names, or its --date and --reason.
std::string reversal_field(const std::string& rule_field) {
  if (rule_field == "date" || rule_field == "reason") return "--" + rule_field;
  return "TXN-ID";
}

struct BookTransaction::Impl {
  Impl(Writer w, const BookInfo& book_info, Date today_date, std::int64_t last_id)
      : writer(std::move(w)),
        info(book_info),
        today(today_date),
        preparer(writer.store(), info),
        next_id(last_id + 1) {}

  // Checks `t` (prepared, its ref free) against the rules of the book as the next transaction
  // and, unless `validate_only`, posts it. Errors name the rules' fields (rules.h).
  Status check_and_write(Transaction& t, std::string_view owner, bool validate_only) {
    t.id = next_id;
    SEMILLA_TRY(check_transaction(preparer.state(), t, today, owner));
    if (validate_only) return Status::Ok();
    ++next_id;
    t.recorded_at = writer.time();
    auto seq = writer.append_canonical(kKindTransaction, canonical_payload(t));
    if (!seq.ok()) return seq.error();
    t.audit_seq = *seq;
    return writer.store().insert_transaction(t);
  }

  // Validates `d`; writes it unless `validate_only` (a batch that already failed keeps
  // validating so that the user sees every problem at once).
  Result<PostOutcome, Errors> post(const TransactionDraft& d, std::string_view owner,
                                   bool validate_only) {
    auto t = preparer.prepare(d);
    if (!t.ok()) return t.error();
    auto same = find_same_ref(writer.store(), *t, d.field);
    if (!same.ok()) return Errors{same.error()};
    if (same->has_value()) return PostOutcome{**same, true};
    if (d.refuse_same_day) {
      if (auto s = refuse_same_day(writer.store(), *t, d.field); !s.ok()) return Errors{s.error()};
    }
    if (auto s = check_and_write(*t, owner, validate_only); !s.ok()) {
      Error e = s.error();
      if (e.code != ErrorCode::kEnvironment) e.field = draft_field(e.field, d);
      return Errors{e};
    }
    return PostOutcome{std::move(*t), false};
  }

  Result<Transaction> reverse(std::int64_t id, const std::string& date,
                              const std::string& reason, std::string_view owner);

  Writer writer;
  BookInfo info;
  Date today;
  Preparer preparer;
  std::int64_t next_id;
};

// The mirror of transaction `id`; every rule (it exists, is no reversal, was not reversed,
// the date, the owner of its accounts) is check_transaction's.
Result<Transaction> BookTransaction::Impl::reverse(std::int64_t id, const std::string& date,
                                                   const std::string& reason,
                                                   std::string_view owner) {
  auto when = Date::parse(date, "--date");
  if (!when.ok()) return when.error();
  auto original = writer.store().find_transaction(id);
  if (!original.ok()) return original.error();
  const std::string txn = "transaction " + std::to_string(id);
  if (!original->has_value()) return err(ErrorCode::kNotFound, "TXN-ID", "no " + txn);
  const Transaction& o = **original;
  Transaction r{0, *when, "", reversal_memo(id), std::nullopt, o.enterprise, id, reason, {}, 0};
  for (const auto& p : o.postings) {
    r.postings.push_back(Posting{p.account_id, p.account, p.amount.negated()});
  }
  if (auto s = check_and_write(r, owner, false); !s.ok()) {
    Error e = s.error();
    if (e.code != ErrorCode::kEnvironment) {
      if (e.field.rfind("postings", 0) == 0) e.message = txn + ": " + e.message;
      e.field = reversal_field(e.field);
    }
    return e;
  }
  return r;
}

BookTransaction::BookTransaction(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BookTransaction::BookTransaction(BookTransaction&&) noexcept = default;
BookTransaction::~BookTransaction() = default;

Result<std::uint64_t> BookTransaction::append_record(std::string_view kind,
                                                     nlohmann::json payload) {
  impl_->preparer.state().forget_open_months();  // every change comes with its record
  return impl_->writer.append(kind, std::move(payload));
}

Result<PostOutcome, Errors> BookTransaction::post(const TransactionDraft& draft,
                                                  std::string_view owner) {
  return impl_->post(draft, owner, false);
}

Result<Account> BookTransaction::add_account(const AccountDraft& draft, std::string_view owner) {
  return add_account_in(impl_->writer, draft, owner);
}

Result<Enterprise> BookTransaction::add_enterprise(const EnterpriseDraft& draft) {
  return add_enterprise_in(impl_->writer, impl_->today, draft);
}

Result<Transaction> BookTransaction::reverse(std::int64_t id, const std::string& date,
                                             const std::string& reason, std::string_view owner) {
  return impl_->reverse(id, date, reason, owner);
}

Date BookTransaction::today() const { return impl_->today; }
const std::string& BookTransaction::time() const { return impl_->writer.time(); }
const BookInfo& BookTransaction::info() const { return impl_->info; }
store::Store& BookTransaction::store() { return impl_->writer.store(); }
Status BookTransaction::commit() { return impl_->writer.commit(); }

Result<BookTransaction> Book::begin() {
  auto writer = Writer::begin(*store_, actor_, officer());
  if (!writer.ok()) return writer.error();
  // One clock reading: the rules' "today" is the day of the records' time, as on replay.
  auto today_date = writer->today(info_.timezone);
  if (!today_date.ok()) return today_date.error();
  auto last_id = store_->last_transaction_id();
  if (!last_id.ok()) return last_id.error();
  return BookTransaction(
      std::make_unique<BookTransaction::Impl>(std::move(*writer), info_, *today_date, *last_id));
}

Result<std::vector<PostOutcome>, Errors> Book::post_batch(
    const std::vector<TransactionDraft>& drafts) {
  auto tx = begin();
  if (!tx.ok()) return Errors{tx.error()};
  std::vector<PostOutcome> outcomes;
  Errors errors;
  for (const auto& d : drafts) {
    auto outcome = tx->impl_->post(d, {}, /*validate_only=*/!errors.empty());
    if (outcome.ok()) {
      outcomes.push_back(std::move(*outcome));
    } else {
      errors.insert(errors.end(), outcome.error().begin(), outcome.error().end());
    }
  }
  if (!errors.empty()) return errors;
  if (auto s = tx->commit(); !s.ok()) return Errors{s.error()};
  return outcomes;
}

Result<PostOutcome, Errors> Book::post(const TransactionDraft& draft) {
  auto outcomes = post_batch({draft});
  if (!outcomes.ok()) return outcomes.error();
  return std::move(outcomes->front());
}

Result<Transaction> Book::reverse(std::int64_t id, const std::string& date,
                                  const std::string& reason) {
  auto tx = begin();
  if (!tx.ok()) return tx.error();
  auto r = tx->reverse(id, date, reason, {});
  if (!r.ok()) return r.error();
  SEMILLA_TRY(tx->commit());
  return r;
}

}  // namespace semilla::book
