// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/replay.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "ledger/book/payload.h"
#include "ledger/money/balance.h"

namespace semilla::book {
namespace {

Error at(const audit::SealedRecord& r, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, "record " + std::to_string(r.record.seq), what);
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
// (from the record and from the row), and only equality matters.
std::string fingerprint(const Transaction& t) {
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
  return out;
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

Status Replay::apply(const audit::SealedRecord& r) {
  const auto& kind = r.record.kind;
  const auto& p = r.record.payload;
  if ((r.record.seq == 0) != (kind == kKindInit)) {
    return at(r, "the log must start with exactly one book.init record; found " + kind);
  }
  if (kind == kKindInit) {
    auto i = book_info_from_payload(p);
    if (!i.ok()) return at(r, i.error().to_string());
    info = *i;
  } else if (kind == kKindAccount) {
    auto a = account_from_payload(p, r.record.seq);
    if (!a.ok()) return at(r, a.error().to_string());
    if (a->id != static_cast<std::int64_t>(accounts.size()) + 1) {
      return at(r, "account id " + std::to_string(a->id) + " out of sequence");
    }
    accounts.push_back(*a);
  } else if (kind == kKindEnterprise) {
    auto e = enterprise_from_payload(p, r.record.seq);
    if (!e.ok()) return at(r, e.error().to_string());
    if (!enterprises.emplace(e->id, *e).second) return at(r, "enterprise " + e->id + " twice");
  } else if (kind == kKindTransaction) {
    return apply_transaction(r);
  } else if (kind == kKindCheckpoint) {
    return apply_checkpoint(r);
  } else {
    for (const auto& m : modules_) {
      if (m->handles(kind)) return m->apply(r, *this);
    }
    return at(r, "unknown record kind \"" + kind + "\"");
  }
  return Status::Ok();
}

Status Replay::apply_transaction(const audit::SealedRecord& r) {
  auto t = transaction_from_payload(r.record.payload, r.record.seq, r.record.time);
  if (!t.ok()) return at(r, t.error().to_string());
  if (t->id != static_cast<std::int64_t>(transactions.size()) + 1) {
    return at(r, "transaction id " + std::to_string(t->id) + " out of sequence");
  }
  money::Balance sum;
  for (const auto& posting : t->postings) {
    if (posting.account_id < 1 || posting.account_id > static_cast<std::int64_t>(accounts.size()) ||
        accounts[static_cast<std::size_t>(posting.account_id - 1)].name != posting.account) {
      return at(r, "posting on unknown account " + posting.account);
    }
    SEMILLA_TRY(sum.add(posting.amount));
    auto key = std::make_tuple(posting.account_id, std::string(posting.amount.currency().code()),
                               t->date);
    deltas_[key] += posting.amount.minor();
  }
  if (!sum.is_zero()) return at(r, "transaction does not balance");
  transactions.push_back(
      ReplayedTransaction{r.record.seq, keep_fingerprints ? fingerprint(*t) : std::string()});
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

Result<std::vector<BalanceDay>> Replay::balance_days() const {
  std::vector<BalanceDay> out;
  out.reserve(deltas_.size());
  money::MinorUnits closing = 0;
  for (const auto& [key, delta] : deltas_) {
    const auto& [account, currency, day] = key;
    bool same_series = !out.empty() && out.back().account_id == account &&
                       out.back().currency == currency;
    closing = (same_series ? closing : money::MinorUnits(0)) + delta;
    if (closing > std::numeric_limits<std::int64_t>::max() ||
        closing < std::numeric_limits<std::int64_t>::min()) {
      return make_error(ErrorCode::kVerifyFailed, "", "a replayed balance leaves the int64 range");
    }
    out.push_back(BalanceDay{account, currency, day, static_cast<std::int64_t>(delta),
                             static_cast<std::int64_t>(closing)});
  }
  return out;
}

}  // namespace semilla::book
