// SPDX-License-Identifier: Apache-2.0
// Book: posting and reversing transactions, and the rules that make a transaction valid.
#include <algorithm>
#include <map>

#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/book/book.h"
#include "ledger/book/payload.h"
#include "ledger/book/writer.h"
#include "ledger/money/balance.h"
#include "ledger/store/grant_store.h"

namespace semilla::book {

// Turns drafts into transactions, reading accounts once per batch.
class Preparer {
 public:
  Preparer(store::Store& store, const BookInfo& info, Date today)
      : store_(store), info_(info), today_(today) {}

  // Every problem of `d`, or the transaction it describes (id, seq and time still unset).
  Result<Transaction, Errors> prepare(const TransactionDraft& d);
  Result<Date, Errors> effective_date(const std::string& text, const std::string& field);
  // Forgets which months were open: a module record (period.close) may have closed one.
  void forget_open_months() { open_months_.clear(); }

 private:
  Result<const Account*> account(const std::string& name, const std::string& field);
  void add_posting(const PostingDraft& p, const std::string& prefix, Transaction& t,
                   Errors& errors);
  void check_balanced(const Transaction& t, const std::string& prefix, Errors& errors);
  void check_enterprise(Transaction& t, const std::string& prefix, Errors& errors);

  store::Store& store_;
  const BookInfo& info_;
  Date today_;
  std::map<std::string, Account, std::less<>> accounts_;
  // Months found open in this database transaction ("YYYY-MM"): a batch asks the periods
  // table once per month, not once per posting.
  std::vector<std::string> open_months_;
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

// A month closed with `semilla period close` (ledger/grants/period.cpp) takes no postings:
// reports sent for it stay true, and corrections are dated in an open period.
Status check_period_open(store::Store& store, Date date, const std::string& field) {
  const std::string month = date.to_string().substr(0, 7);
  auto last = store.periods().latest_period_event(month);
  if (!last.ok()) return last.error();
  if (!last->has_value() || !(*last)->closed) return Status::Ok();
  return err(ErrorCode::kRefused, field,
             date.to_string() + " is in " + month + ", a closed period (audit record " +
                 std::to_string((*last)->audit_seq) + "); date the correction in an open "
                 "period, or reopen " + month + " with `semilla period reopen`");
}

}  // namespace

Result<const Account*> Preparer::account(const std::string& name, const std::string& field) {
  auto it = accounts_.find(name);
  if (it != accounts_.end()) return &it->second;
  auto found = store_.find_account(name);
  if (!found.ok()) return found.error();
  if (!found->has_value()) {
    return err(ErrorCode::kNotFound, field,
               "no account \"" + name + "\" (create it with `semilla account add`)");
  }
  return &accounts_.emplace(name, **found).first->second;
}

Result<Date, Errors> Preparer::effective_date(const std::string& text,
                                              const std::string& field) {
  auto date = Date::parse(text, field);
  if (!date.ok()) return Errors{date.error()};
  if (*date > today_) {
    return Errors{err(ErrorCode::kRefused, field,
                      text + " is after today (" + today_.to_string() + " in " +
                          info_.timezone + "); post events once they happen")};
  }
  const std::string month = date->to_string().substr(0, 7);
  if (std::find(open_months_.rbegin(), open_months_.rend(), month) != open_months_.rend()) {
    return *date;
  }
  if (auto open = check_period_open(store_, *date, field); !open.ok()) {
    return Errors{open.error()};
  }
  open_months_.push_back(month);
  return *date;
}

void Preparer::add_posting(const PostingDraft& p, const std::string& prefix, Transaction& t,
                           Errors& errors) {
  const std::string field = join(prefix, p.field);
  auto acct = account(p.account, field);
  if (!acct.ok()) {
    errors.push_back(acct.error());
    return;
  }
  const Account& a = **acct;
  std::string code = !p.currency.empty() ? p.currency : a.currency.value_or(info_.currency);
  auto currency = money::Currency::find(code, field);
  if (!currency.ok()) {
    errors.push_back(currency.error());
    return;
  }
  if (a.currency && *a.currency != currency->code()) {
    errors.push_back(err(ErrorCode::kCurrencyMismatch, field,
                         "account " + a.name + " holds only " + *a.currency + ", not " + code));
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

void Preparer::check_balanced(const Transaction& t, const std::string& prefix,
                              Errors& errors) {
  money::Balance sum;
  for (const auto& p : t.postings) {
    if (auto s = sum.add(p.amount); !s.ok()) {
      errors.push_back(s.error());
      return;
    }
  }
  for (const auto& diff : sum.amounts()) {
    errors.push_back(err(ErrorCode::kUnbalanced, join(prefix, "postings"),
                         "does not balance in " + std::string(diff.currency().code()) +
                             (diff.is_positive() ? ": debits exceed credits by "
                                                 : ": credits exceed debits by ") +
                             diff.abs().to_string() +
                             " (each currency must sum to zero)"));
  }
}

void Preparer::check_enterprise(Transaction& t, const std::string& prefix, Errors& errors) {
  for (const auto& p : t.postings) {
    const auto& owner = accounts_.at(p.account).enterprise;
    if (!owner) continue;
    if (!t.enterprise) {
      t.enterprise = owner;  // a posting on an enterprise's own account is about it
    } else if (*t.enterprise != *owner) {
      errors.push_back(err(ErrorCode::kConflict, join(prefix, "--enterprise"),
                           "account " + p.account + " belongs to enterprise " + *owner +
                               ", not " + *t.enterprise));
    }
  }
}

Result<Transaction, Errors> Preparer::prepare(const TransactionDraft& d) {
  Errors errors;
  Transaction t;
  auto date = effective_date(d.date, join(d.field, "--date"));
  if (date.ok()) {
    t.date = *date;
  } else {
    errors.insert(errors.end(), date.error().begin(), date.error().end());
  }
  if (auto s = check_text(d.memo, join(d.field, "--memo"), limits::kMemoBytesMax); !s.ok()) {
    errors.push_back(s.error());
  }
  t.memo = d.memo;
  if (!d.ref.empty()) {
    if (auto s = check_identifier(d.ref, join(d.field, "--ref"), limits::kIdBytesMax); !s.ok()) {
      errors.push_back(s.error());
    }
    t.ref = d.ref;
  }
  if (!d.enterprise.empty()) {
    auto e = store_.find_enterprise(d.enterprise);
    if (!e.ok()) return Errors{e.error()};
    if (!e->has_value()) {
      errors.push_back(err(ErrorCode::kNotFound, join(d.field, "--enterprise"),
                           "no enterprise \"" + d.enterprise + "\""));
    }
    t.enterprise = d.enterprise;
  }
  if (d.postings.size() < 2 || d.postings.size() > limits::kPostingsPerTransactionMax) {
    errors.push_back(err(d.postings.size() < 2 ? ErrorCode::kInvalid : ErrorCode::kLimitExceeded,
                         join(d.field, "postings"),
                         "a transaction needs 2 to " +
                             std::to_string(limits::kPostingsPerTransactionMax) +
                             " postings; it has " + std::to_string(d.postings.size())));
  }
  for (const auto& p : d.postings) add_posting(p, d.field, t, errors);
  if (t.postings.size() == d.postings.size()) {
    check_balanced(t, d.field, errors);
    check_enterprise(t, d.field, errors);
  }
  if (!errors.empty()) return errors;
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

}  // namespace

struct BookTransaction::Impl {
  Impl(Writer w, const BookInfo& book_info, Date today_date, std::int64_t last_id)
      : writer(std::move(w)),
        info(book_info),
        today(today_date),
        preparer(writer.store(), info, today),
        next_id(last_id + 1) {}

  // Posts `t` (prepared, its ref checked) as the next transaction.
  Status write(Transaction& t) {
    t.id = next_id++;
    t.recorded_at = writer.time();
    auto seq = writer.append_canonical(kKindTransaction, canonical_payload(t));
    if (!seq.ok()) return seq.error();
    t.audit_seq = *seq;
    return writer.store().insert_transaction(t);
  }

  // Validates `d`; writes it unless `validate_only` (a batch that already failed keeps
  // validating so that the user sees every problem at once).
  Result<PostOutcome, Errors> post(const TransactionDraft& d, bool validate_only) {
    auto t = preparer.prepare(d);
    if (!t.ok()) return t.error();
    auto same = find_same_ref(writer.store(), *t, d.field);
    if (!same.ok()) return Errors{same.error()};
    if (same->has_value()) return PostOutcome{**same, true};
    if (!validate_only) {
      if (auto s = write(*t); !s.ok()) return Errors{s.error()};
    }
    return PostOutcome{std::move(*t), false};
  }

  Result<Transaction> reverse(std::int64_t id, const std::string& date,
                              const std::string& reason);

  Writer writer;
  BookInfo info;
  Date today;
  Preparer preparer;
  std::int64_t next_id;
};

Result<Transaction> BookTransaction::Impl::reverse(std::int64_t id, const std::string& date,
                                                   const std::string& reason) {
  SEMILLA_TRY(check_text(reason, "--reason", limits::kReasonBytesMax, false));
  auto original = writer.store().find_transaction(id);
  if (!original.ok()) return original.error();
  const std::string txn = "transaction " + std::to_string(id);
  if (!original->has_value()) return err(ErrorCode::kNotFound, "TXN-ID", "no " + txn);
  const Transaction& o = **original;
  if (o.reverses) {
    return err(ErrorCode::kRefused, "TXN-ID",
               txn + " is itself the reversal of transaction " + std::to_string(*o.reverses) +
                   "; post the original entry again instead");
  }
  auto already = writer.store().find_reversal_of(id);
  if (!already.ok()) return already.error();
  if (already->has_value()) {
    return err(ErrorCode::kConflict, "TXN-ID",
               txn + " was already reversed by transaction " + std::to_string(**already));
  }
  auto when = preparer.effective_date(date, "--date");
  if (!when.ok()) return when.error().front();
  if (*when < o.date) {
    return err(ErrorCode::kRefused, "--date",
               date + " is before the reversed transaction's date " + o.date.to_string());
  }
  Transaction r{0, *when, "", "Reversal of " + txn, std::nullopt, o.enterprise, id, reason,
                {}, 0};
  for (const auto& p : o.postings) {
    r.postings.push_back(Posting{p.account_id, p.account, p.amount.negated()});
  }
  SEMILLA_TRY(write(r));
  return r;
}

BookTransaction::BookTransaction(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BookTransaction::BookTransaction(BookTransaction&&) noexcept = default;
BookTransaction::~BookTransaction() = default;

Result<std::uint64_t> BookTransaction::append_record(std::string_view kind,
                                                     nlohmann::json payload) {
  impl_->preparer.forget_open_months();  // every change comes with its record
  return impl_->writer.append(kind, std::move(payload));
}

Result<PostOutcome, Errors> BookTransaction::post(const TransactionDraft& draft) {
  return impl_->post(draft, false);
}

Result<Account> BookTransaction::add_account(const AccountDraft& draft) {
  return add_account_in(impl_->writer, draft);
}

Result<Enterprise> BookTransaction::add_enterprise(const EnterpriseDraft& draft) {
  return add_enterprise_in(impl_->writer, impl_->today, draft);
}

Result<Transaction> BookTransaction::reverse(std::int64_t id, const std::string& date,
                                             const std::string& reason) {
  return impl_->reverse(id, date, reason);
}

Date BookTransaction::today() const { return impl_->today; }
const std::string& BookTransaction::time() const { return impl_->writer.time(); }
const BookInfo& BookTransaction::info() const { return impl_->info; }
store::Store& BookTransaction::store() { return impl_->writer.store(); }
Status BookTransaction::commit() { return impl_->writer.commit(); }

Result<BookTransaction> Book::begin() {
  auto today_date = today();
  if (!today_date.ok()) return today_date.error();
  auto writer = Writer::begin(*store_, actor_);
  if (!writer.ok()) return writer.error();
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
    auto outcome = tx->impl_->post(d, /*validate_only=*/!errors.empty());
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
  auto r = tx->reverse(id, date, reason);
  if (!r.ok()) return r.error();
  SEMILLA_TRY(tx->commit());
  return r;
}

}  // namespace semilla::book
