// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/replay.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "ledger/base/check.h"
#include "ledger/base/lang.h"
#include "ledger/book/fields.h"
#include "ledger/book/payload.h"
#include "ledger/book/signature_check.h"
#include "ledger/money/balance.h"

namespace semilla::book {
namespace {

Error at_seq(std::uint64_t seq, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, "record " + std::to_string(seq), what);
}

Error at(const audit::SealedRecord& r, const std::string& what) {
  return at_seq(r.record.seq, what);
}

// A rule's refusal as verification reports it: the record, the member and the reason.
Error broken(const audit::SealedRecord& r, const Error& e) {
  if (e.code == ErrorCode::kVerifyFailed || e.code == ErrorCode::kEnvironment) return e;
  return at(r, r.record.kind + (e.field.empty() ? "" : " " + e.field) + ": " + e.message);
}

// The kinds of ledger/book's own records: they never claim a module's transaction.
bool is_book_kind(std::string_view kind) {
  return kind == kKindInit || kind == kKindAccount || kind == kKindEnterprise ||
         kind == kKindEnterpriseUpdate || kind == kKindTransaction || kind == kKindCheckpoint ||
         kind == kKindStatusDefine || is_officer_kind(kind) || is_approval_kind(kind);
}

}  // namespace

namespace {

// Appends `text` with its length in front, so that no two different field lists serialise
// alike ("ab"+"c" vs "a"+"bc").
void put(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out += ':';
  out += text;
}

// An integer's decimal digits, length first like put (std::to_chars: no allocation).
void put_integer(std::string& out, std::int64_t v) {
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  put(out, std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

// Minor units as decimal digits; the 128-bit value's own text when they exceed 64 bits.
void put_minor(std::string& out, const money::Amount& amount) {
  auto minor = amount.minor_int64();
  if (minor.ok()) {
    put_integer(out, *minor);
  } else {
    put(out, amount.minor().str());
  }
}

void put_optional(std::string& out, const std::optional<std::string>& text) {
  if (text) {
    put(out, *text);
  } else {
    out += '-';
  }
}

}  // namespace

// Every stored field of the transaction, cheaply: verify computes one per transaction twice
// (from the record and from the row), and only equality matters. The text is hashed so that
// the replay keeps 32 bytes per transaction; SHA-256, so that no row can be forged to match.
audit::Hash fingerprint(const Transaction& t) {
  std::string out;
  out.reserve(160 + 48 * t.postings.size());
  put_integer(out, t.id);
  put(out, t.date.to_string());
  put(out, t.recorded_at);
  put(out, t.memo);
  put_optional(out, t.ref);
  put_optional(out, t.enterprise);
  if (t.reverses) {
    put_integer(out, *t.reverses);
  } else {
    out += '-';
  }
  put(out, t.reason);
  put_integer(out, static_cast<std::int64_t>(t.audit_seq));
  for (const auto& p : t.postings) {
    put_integer(out, p.account_id);
    put(out, p.account);
    put_minor(out, p.amount);
    put(out, p.amount.currency().code());
  }
  return audit::sha256(out);
}

namespace {

std::vector<ModuleReplayFactory>& module_factories() {
  static std::vector<ModuleReplayFactory> factories;
  return factories;
}

}  // namespace

void register_module_replay(ModuleReplayFactory factory) {
  auto& all = module_factories();
  if (std::find(all.begin(), all.end(), factory) == all.end()) all.push_back(factory);
}

Replay::Replay() {
  for (auto factory : module_factories()) modules_.push_back(factory());
}
Replay::Replay(Replay&&) noexcept = default;
Replay& Replay::operator=(Replay&&) noexcept = default;
Replay::~Replay() = default;

Status Replay::compare_modules(store::Store& store) const {
  for (const auto& m : modules_) SEMILLA_TRY(m->compare(store));
  return Status::Ok();
}

Status Replay::restore_modules(store::Store& store) const {
  for (const auto& m : modules_) SEMILLA_TRY(m->restore(store));
  return Status::Ok();
}

// The replayed book as the rules of rules.h read it.
class Replay::State final : public BookState {
 public:
  explicit State(Replay& replay) : r_(replay) {}

  Result<const Account*> account_named(std::string_view name) override {
    auto it = r_.account_ids_.find(std::string(name));
    if (it == r_.account_ids_.end()) return static_cast<const Account*>(nullptr);
    return &r_.accounts[static_cast<std::size_t>(it->second - 1)];
  }
  Result<const Account*> account_under(std::string_view root) override {
    auto it = r_.roots_.find(root);
    if (it == r_.roots_.end()) return static_cast<const Account*>(nullptr);
    return &r_.accounts[static_cast<std::size_t>(it->second - 1)];
  }
  Result<bool> has_enterprise(const std::string& id) override {
    return r_.enterprises.contains(id);
  }
  Result<std::optional<PostedFacts>> posted(std::int64_t id) override {
    if (id < 1 || static_cast<std::size_t>(id) > r_.transactions.size()) {
      return std::optional<PostedFacts>();
    }
    return std::optional<PostedFacts>(r_.transactions[static_cast<std::size_t>(id - 1)].facts);
  }
  Result<std::optional<std::int64_t>> ref_used_by(const std::string& ref) override {
    auto it = r_.refs_.find(ref);
    if (it == r_.refs_.end()) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(it->second);
  }
  Result<std::optional<std::uint64_t>> closed_by(const std::string& month) override {
    return r_.closed_by(month);
  }
  std::string_view timezone() const override {
    return r_.info ? std::string_view(r_.info->timezone) : std::string_view("UTC");
  }

 private:
  Replay& r_;
};

Result<std::optional<std::uint64_t>> Replay::closed_by(const std::string& month) const {
  for (const auto& m : modules_) {
    if (auto seq = m->closed_by(month)) return std::optional<std::uint64_t>(*seq);
  }
  return std::optional<std::uint64_t>();
}

Result<Date> Replay::today_at(const audit::SealedRecord& r) const {
  if (!info) return at(r, "no book.init before this record");
  auto instant = parse_rfc3339_utc(r.record.time);
  if (!instant.ok()) return at(r, "time: " + instant.error().message);
  const std::int64_t bucket = instant->unix_millis / (15 * 60 * 1000) -
                              (instant->unix_millis % (15 * 60 * 1000) < 0 ? 1 : 0);
  if (bucket != today_bucket_) {
    auto day = local_date(*instant, info->timezone);
    if (!day.ok()) return at(r, day.error().message);
    today_ = *day;
    today_bucket_ = bucket;
  }
  return today_;
}

// A transaction on a module's accounts is claimed by the module's record right after it,
// which names it in its member "transaction"; an account a module creates, by the module's
// next record that is neither an account nor a transaction. A module record that names a
// transaction names that one. So a hand post or reversal on a module's account, which no
// command writes, fails here as it fails when typed.
Status Replay::check_claims(const audit::SealedRecord& r) {
  claimed_.reset();
  const auto& kind = r.record.kind;
  const auto& p = r.record.payload;
  std::int64_t named = 0;
  if (!is_book_kind(kind)) {
    auto txn = p.find("transaction");
    if (txn != p.end() && txn->is_number_integer()) {
      named = txn->get<std::int64_t>();
    } else if (txn != p.end() && !txn->is_null()) {
      return at(r, kind + ": payload/transaction: not an integer or null");
    }
  }
  if (transaction_claim_) {
    const Claim& c = *transaction_claim_;
    if (!c.owner->handles(kind) || named != pending_->id) {
      return at_seq(c.seq, c.what + ", but the record after it is " + kind +
                               ", not the " + c.owner->module + " record naming transaction " +
                               std::to_string(pending_->id) + "; only " + c.owner->commands +
                               " move it");
    }
    claimed_ = std::move(pending_);
    pending_.reset();
    transaction_claim_.reset();
  } else if (named != 0) {
    return at(r, kind + " names transaction " + std::to_string(named) +
                     ", which is not the transaction on the module's accounts right before it");
  }
  if (account_claim_ && kind != kKindAccount && kind != kKindTransaction) {
    const Claim& c = *account_claim_;
    if (!c.owner->handles(kind)) {
      return at_seq(c.seq, c.what + " was created by no " + c.owner->module +
                               " operation (the next record is " + kind + ")");
    }
    account_claim_.reset();
  }
  return Status::Ok();
}

Status Replay::finish() const {
  if (signatures_) SEMILLA_TRY(signatures_->finish());
  if (auto s = approvals.check_end(); !s.ok()) {
    return make_error(ErrorCode::kVerifyFailed, "the log's end", s.error().message);
  }
  for (const auto& c : {transaction_claim_, account_claim_}) {
    if (c) {
      return at_seq(c->seq, c->what + ", and no " + c->owner->module +
                                " record follows it before the log ends");
    }
  }
  return Status::Ok();
}

Status Replay::apply(const audit::SealedRecord& r) {
  const auto& kind = r.record.kind;
  const auto& p = r.record.payload;
  if ((r.record.seq == 0) != (kind == kKindInit)) {
    return at(r, "the log must start with exactly one book.init record; found " + kind);
  }
  SEMILLA_TRY(check_signature(r));
  SEMILLA_TRY(check_claims(r));
  SEMILLA_TRY(step_approvals(r));
  if (is_approval_kind(kind)) return Status::Ok();  // step_approvals applied it
  if (kind == kKindInit) {
    auto i = book_info_from_payload(p);
    if (!i.ok()) return at(r, i.error().to_string());
    info = *i;
  } else if (kind == kKindAccount) {
    return apply_account(r);
  } else if (kind == kKindEnterprise || kind == kKindEnterpriseUpdate) {
    return apply_enterprise(r);
  } else if (kind == kKindTransaction) {
    return apply_transaction(r);
  } else if (kind == kKindStatusDefine) {
    return apply_status_define(r);
  } else if (kind == kKindCheckpoint) {
    return apply_checkpoint(r);
  } else if (is_officer_kind(kind)) {
    return apply_officer(r);
  } else {
    for (const auto& m : modules_) {
      if (m->handles(kind)) return m->apply(r, *this);
    }
    return at(r, "unknown record kind \"" + kind + "\"");
  }
  return Status::Ok();
}

// enterprise.add and enterprise.update, checked as `enterprise add` and `enterprise update`
// check them: the attributes (the decoder), the birth year against the record's today, a new
// id for an add and check_enterprise_update for an update.
Status Replay::apply_enterprise(const audit::SealedRecord& r) {
  auto e = enterprise_from_payload(r.record.payload, r.record.seq);
  if (!e.ok()) return at(r, e.error().to_string());
  if (e->birth_year) {  // not after the year it was recorded, as the command checks
    auto today = today_at(r);
    if (!today.ok()) return today.error();
    if (auto s = check_birth_year(*e->birth_year, today->year(), "payload/birth_year");
        !s.ok()) {
      return broken(r, s.error());
    }
  }
  if (auto s = check_status_known(status_names, e->status, "payload/status"); !s.ok()) {
    return broken(r, s.error());
  }
  if (r.record.kind == kKindEnterprise) {
    if (!enterprises.emplace(e->id, *e).second) return at(r, "enterprise " + e->id + " twice");
    return Status::Ok();
  }
  auto it = enterprises.find(e->id);
  if (it == enterprises.end()) return at(r, "enterprise.update of unknown enterprise " + e->id);
  if (auto s = check_enterprise_update(it->second, *e); !s.ok()) {
    Error err = s.error();
    if (!err.field.empty()) err.field = "payload/" + err.field;
    return broken(r, err);
  }
  it->second = *e;
  enterprise_updates.push_back(std::move(*e));
  return Status::Ok();
}

// Checked with check_status_define as `status define` checks it.
Status Replay::apply_status_define(const audit::SealedRecord& r) {
  auto s = status_name_from_payload(r.record.payload, r.record.seq);
  if (!s.ok()) return at(r, s.error().to_string());
  if (auto checked = check_status_define(status_names, *s); !checked.ok()) {
    Error err = checked.error();
    err.field = "payload/" + err.field;
    return broken(r, err);
  }
  status_names.push_back(std::move(*s));
  return Status::Ok();
}

// Checked with check_account as `account add` checks it; a module's account opens a claim.
Status Replay::apply_account(const audit::SealedRecord& r) {
  auto a = account_from_payload(r.record.payload, r.record.seq);
  if (!a.ok()) return at(r, a.error().to_string());
  if (a->id != static_cast<std::int64_t>(accounts.size()) + 1) {
    return at(r, "account id " + std::to_string(a->id) + " out of sequence");
  }
  const AccountOwner* owner = owner_of(a->name);
  State state(*this);
  if (auto s = check_account(state, *a, owner ? owner->module : ""); !s.ok()) {
    return broken(r, s.error());
  }
  if (owner) {
    if (account_claim_ && account_claim_->owner != owner) {
      return at(r, "account " + a->name + " of the " + owner->module + " module follows " +
                       account_claim_->what + " before any record of that module");
    }
    if (!account_claim_) {
      account_claim_ = Claim{owner, r.record.seq,
                             "account " + a->name + " of the " + owner->module + " module"};
    }
  }
  account_ids_.emplace(a->name, a->id);
  roots_.emplace(a->name.substr(0, a->name.find(':')), a->id);
  accounts.push_back(std::move(*a));
  return Status::Ok();
}

// Checked with check_transaction as `post` and `reverse` check it, on the state before it;
// a transaction on a module's accounts is checked as that module's and opens a claim.
Status Replay::apply_transaction(const audit::SealedRecord& r) {
  auto t = transaction_from_payload(r.record.payload, r.record.seq, r.record.time);
  if (!t.ok()) return at(r, t.error().to_string());
  if (t->id != static_cast<std::int64_t>(transactions.size()) + 1) {
    return at(r, "transaction id " + std::to_string(t->id) + " out of sequence");
  }
  auto today = today_at(r);
  if (!today.ok()) return today.error();
  const AccountOwner* owner = nullptr;
  const std::string* owned = nullptr;
  for (const auto& posting : t->postings) {
    const AccountOwner* o = owner_of(posting.account);
    if (!o) continue;
    if (owner && o != owner) {
      return at(r, "transaction moves accounts of two modules: " + *owned + " and " +
                       posting.account);
    }
    owner = o;
    owned = &posting.account;
  }
  State state(*this);
  if (auto s = check_transaction(state, *t, *today, owner ? owner->module : ""); !s.ok()) {
    return broken(r, s.error());
  }
  for (const auto& posting : t->postings) {
    const std::string_view code = posting.amount.currency().code();
    SEMILLA_CHECK(code.size() == 3);  // ISO 4217: Currency accepts nothing else
    DeltaKey key{posting.account_id, {code[0], code[1], code[2]}, t->date};
    deltas_[key] += posting.amount.minor();
  }
  if (t->ref) refs_.emplace(*t->ref, t->id);
  if (t->reverses) {
    transactions[static_cast<std::size_t>(*t->reverses - 1)].facts.reversed_by = t->id;
  }
  transactions.push_back(ReplayedTransaction{
      r.record.seq, keep_fingerprints ? fingerprint(*t) : audit::Hash{},
      PostedFacts{t->date, t->reverses.value_or(0), 0, postings_digest(*t, false)}});
  if (owner) {
    transaction_claim_ = Claim{owner, r.record.seq,
                               "transaction " + std::to_string(t->id) + " moves account " +
                                   *owned + " of the " + owner->module + " module"};
    pending_ = std::move(*t);
  }
  return Status::Ok();
}

Status Replay::apply_checkpoint(const audit::SealedRecord& r) {
  auto c = checkpoint_from_payload(r.record.payload);
  if (!c.ok()) return at(r, c.error().to_string());
  // Signing appends the checkpoint of the N records before it as record N.
  if (c->size != r.record.seq) {
    return at(r, "checkpoint of size " + std::to_string(c->size) + " stored as record " +
                     std::to_string(r.record.seq) + " (it must be the record right after)");
  }
  if (!checkpoints.empty() && checkpoints.front().checkpoint.origin != c->origin) {
    return at(r, "checkpoint origin \"" + c->origin + "\" differs from the log's \"" +
                     checkpoints.front().checkpoint.origin + "\"");
  }
  checkpoints.push_back(ReplayedCheckpoint{r.record.seq, r.record.time, std::move(*c)});
  return Status::Ok();
}

std::size_t Replay::DeltaKeyHash::operator()(const DeltaKey& k) const noexcept {
  // splitmix64's finaliser over the three fields packed into one word each side.
  std::uint64_t x = static_cast<std::uint64_t>(k.account_id) * 0x9e3779b97f4a7c15ULL;
  x ^= (static_cast<std::uint64_t>(static_cast<unsigned char>(k.currency[0])) << 16 |
        static_cast<std::uint64_t>(static_cast<unsigned char>(k.currency[1])) << 8 |
        static_cast<std::uint64_t>(static_cast<unsigned char>(k.currency[2]))) << 40;
  x ^= static_cast<std::uint64_t>(k.day.days_since_epoch());
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return static_cast<std::size_t>(x);
}

Replay::BalanceDays Replay::balance_days() const {
  BalanceDays days;
  days.sorted_.reserve(deltas_.size());
  for (const auto& entry : deltas_) days.sorted_.push_back(&entry);
  std::sort(days.sorted_.begin(), days.sorted_.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  return days;
}

Result<std::optional<BalanceDay>> Replay::BalanceDays::next() {
  if (next_ == sorted_.size()) return std::optional<BalanceDay>{};
  const auto& [key, delta] = *sorted_[next_];
  const bool same_series = next_ > 0 && sorted_[next_ - 1]->first.account_id == key.account_id &&
                           sorted_[next_ - 1]->first.currency == key.currency;
  ++next_;
  closing_ = (same_series ? closing_ : money::MinorUnits(0)) + delta;
  if (closing_ > std::numeric_limits<std::int64_t>::max() ||
      closing_ < std::numeric_limits<std::int64_t>::min()) {
    return make_error(ErrorCode::kVerifyFailed, "",
                      tr("a replayed balance leaves the int64 range"));
  }
  return std::optional<BalanceDay>{BalanceDay{
      key.account_id, std::string(key.currency.data(), key.currency.size()), key.day,
      static_cast<std::int64_t>(delta), static_cast<std::int64_t>(closing_)}};
}

}  // namespace semilla::book
