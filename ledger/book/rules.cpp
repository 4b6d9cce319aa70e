// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/rules.h"

#include <algorithm>
#include <cstring>

#include "audit/hash.h"
#include "ledger/base/lang.h"
#include "ledger/base/limits.h"
#include "ledger/base/suggest.h"
#include "ledger/base/text.h"
#include "ledger/book/fields.h"
#include "ledger/book/ownership.h"
#include "ledger/money/balance.h"

namespace semilla::book {
namespace {

Error refuse(ErrorCode code, std::string field, std::string message) {
  return make_error(code, std::move(field), std::move(message));
}

std::string posting_field(std::size_t i) { return "postings/" + std::to_string(i); }

// Length-prefixed, so that no two field lists serialise alike.
void put(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out += ':';
  out += text;
}

Status check_text_members(const Transaction& t) {
  SEMILLA_TRY(check_text(t.memo, "memo", limits::kMemoBytesMax));
  if (t.ref) SEMILLA_TRY(check_identifier(*t.ref, "ref", limits::kIdBytesMax));
  if (!t.reverses) {
    if (!t.reason.empty()) {
      return refuse(ErrorCode::kInvalid, "reason", tr("only a reversal carries a reason"));
    }
    return Status::Ok();
  }
  if (t.ref) return refuse(ErrorCode::kInvalid, "ref", tr("a reversal carries no reference"));
  if (t.memo != reversal_memo(*t.reverses)) {
    return refuse(ErrorCode::kInvalid, "memo",
                  trf("a reversal's memo is \"{memo}\"", {{"memo", reversal_memo(*t.reverses)}}));
  }
  return check_text(t.reason, "reason", limits::kReasonBytesMax, false);
}

Status check_posting(BookState& state, const Transaction& t, std::size_t i,
                     std::string_view claimant) {
  const Posting& p = t.postings[i];
  const std::string field = posting_field(i);
  auto a = state.account_named(p.account);
  if (!a.ok()) return a.error();
  if (!*a || (*a)->id != p.account_id) {
    return refuse(ErrorCode::kNotFound, field,
                  trf("no account \"{account}\" with id {id}",
                      {{"account", p.account}, {"id", std::to_string(p.account_id)}}));
  }
  const Account& acct = **a;
  if (p.amount.is_zero()) {
    return refuse(ErrorCode::kInvalid, field, tr("a posting moves a non-zero amount"));
  }
  if (acct.currency && *acct.currency != p.amount.currency().code()) {
    return refuse(ErrorCode::kCurrencyMismatch, field,
                  trf("account {account} holds only {currency}, not {other}",
                      {{"account", acct.name}, {"currency", *acct.currency},
                       {"other", std::string(p.amount.currency().code())}}));
  }
  if (acct.enterprise && t.enterprise != acct.enterprise) {
    return refuse(ErrorCode::kConflict, "enterprise",
                  trf("account {account} belongs to enterprise {enterprise}, not {other}",
                      {{"account", acct.name}, {"enterprise", *acct.enterprise},
                       {"other", t.enterprise.value_or(tr("none"))}}));
  }
  return check_owner(acct.name, claimant, field);
}

Status check_balanced(const Transaction& t) {
  money::Balance sum;
  for (const auto& p : t.postings) SEMILLA_TRY(sum.add(p.amount));
  std::string message;
  for (const auto& diff : sum.amounts()) {  // every currency that does not, in one message
    const TrArgs args = {{"currency", std::string(diff.currency().code())},
                         {"amount", diff.abs().to_string()}};
    message += std::string(message.empty() ? "" : "; ") +
               (diff.is_positive()
                    ? trf("does not balance in {currency}: debits exceed credits by {amount}", args)
                    : trf("does not balance in {currency}: credits exceed debits by {amount}",
                          args));
  }
  if (message.empty()) return Status::Ok();
  return refuse(ErrorCode::kUnbalanced, "postings",
                trf("{problems} (each currency must sum to zero)", {{"problems", message}}));
}

Status check_date(BookState& state, const Transaction& t, Date today) {
  if (t.date > today) {
    return refuse(ErrorCode::kRefused, "date",
                  trf("{date} is after today ({today} in {zone}); post events once they happen",
                      {{"date", t.date.to_string()}, {"today", today.to_string()},
                       {"zone", std::string(state.timezone())}}));
  }
  const std::string month = t.date.to_string().substr(0, 7);
  auto closed = state.closed_by(month);
  if (!closed.ok()) return closed.error();
  if (*closed) {
    return refuse(ErrorCode::kRefused, "date",
                  trf("{date} is in {month}, a closed period (audit record {record}); date the "
                      "correction in an open period, or reopen {month} with `semilla period "
                      "reopen`",
                      {{"date", t.date.to_string()}, {"month", month},
                       {"record", std::to_string(**closed)}}));
  }
  return Status::Ok();
}

Status check_reversal(BookState& state, const Transaction& t) {
  const std::int64_t id = *t.reverses;
  const TrArgs txn = {{"id", std::to_string(id)}};
  auto original = id < t.id ? state.posted(id) : Result<std::optional<PostedFacts>>(std::nullopt);
  if (!original.ok()) return original.error();
  if (!*original) {
    return refuse(ErrorCode::kNotFound, "reverses", trf("no earlier transaction {id}", txn));
  }
  const PostedFacts& o = **original;
  if (o.reverses != 0) {
    return refuse(ErrorCode::kRefused, "reverses",
                  trf("transaction {id} is itself the reversal of transaction {original}; post the "
                      "original entry again instead",
                      {{"id", std::to_string(id)}, {"original", std::to_string(o.reverses)}}));
  }
  if (o.reversed_by != 0) {
    return refuse(ErrorCode::kConflict, "reverses",
                  trf("transaction {id} was already reversed by transaction {by}",
                      {{"id", std::to_string(id)}, {"by", std::to_string(o.reversed_by)}}));
  }
  if (t.date < o.date) {
    return refuse(ErrorCode::kRefused, "date",
                  trf("{date} is before the reversed transaction's date {original}",
                      {{"date", t.date.to_string()}, {"original", o.date.to_string()}}));
  }
  if (postings_digest(t, true) != o.digest) {
    return refuse(ErrorCode::kInvalid, "postings",
                  trf("a reversal mirrors every posting and the enterprise of transaction {id}",
                      txn));
  }
  return Status::Ok();
}

}  // namespace

std::array<std::uint8_t, 16> postings_digest(const Transaction& t, bool mirror) {
  std::string bytes;
  bytes.reserve(16 + 40 * t.postings.size());
  put(bytes, t.enterprise.value_or(""));
  bytes += t.enterprise ? '+' : '-';
  for (const auto& p : t.postings) {
    put(bytes, std::to_string(p.account_id));
    put(bytes, p.amount.currency().code());
    put(bytes, (mirror ? p.amount.negated() : p.amount).minor().str());
  }
  const audit::Hash h = audit::sha256(bytes);
  std::array<std::uint8_t, 16> out{};
  std::copy_n(h.begin(), out.size(), out.begin());
  return out;
}

std::string reversal_memo(std::int64_t id) {
  return "Reversal of transaction " + std::to_string(id);
}

Status check_transaction(BookState& state, const Transaction& t, Date today,
                         std::string_view claimant) {
  if (t.postings.size() < 2 || t.postings.size() > limits::kPostingsPerTransactionMax) {
    return refuse(t.postings.size() < 2 ? ErrorCode::kInvalid : ErrorCode::kLimitExceeded,
                  "postings",
                  trf("a transaction needs 2 to {max} postings; it has {count}",
                      {{"max", std::to_string(limits::kPostingsPerTransactionMax)},
                       {"count", std::to_string(t.postings.size())}}));
  }
  SEMILLA_TRY(check_text_members(t));
  if (t.enterprise) {
    auto known = state.has_enterprise(*t.enterprise);
    if (!known.ok()) return known.error();
    if (!*known) {
      return refuse(ErrorCode::kNotFound, "enterprise",
                    trf("no enterprise \"{id}\"", {{"id", *t.enterprise}}));
    }
  }
  for (std::size_t i = 0; i < t.postings.size(); ++i) {
    SEMILLA_TRY(check_posting(state, t, i, claimant));
  }
  SEMILLA_TRY(check_balanced(t));
  SEMILLA_TRY(check_date(state, t, today));
  if (t.ref) {
    auto used = state.ref_used_by(*t.ref);
    if (!used.ok()) return used.error();
    if (*used) {
      return refuse(ErrorCode::kConflict, "ref",
                    trf("reference {ref} was already used by transaction {id}",
                        {{"ref", *t.ref}, {"id", std::to_string(**used)}}));
    }
  }
  if (t.reverses) SEMILLA_TRY(check_reversal(state, t));
  return Status::Ok();
}

Status check_account(BookState& state, const Account& a, std::string_view claimant) {
  auto same = state.account_named(a.name);
  if (!same.ok()) return same.error();
  if (*same) {
    return refuse(ErrorCode::kAlreadyExists, "name",
                  trf("account \"{account}\" already exists", {{"account", a.name}}));
  }
  if (a.enterprise) {
    auto known = state.has_enterprise(*a.enterprise);
    if (!known.ok()) return known.error();
    if (!*known) {
      return refuse(ErrorCode::kNotFound, "enterprise",
                    trf("no enterprise \"{id}\"", {{"id", *a.enterprise}}));
    }
  }
  const std::string root = a.name.substr(0, a.name.find(':'));
  auto sibling = state.account_under(root);
  if (!sibling.ok()) return sibling.error();
  if (*sibling && (*sibling)->type != a.type) {
    return refuse(ErrorCode::kInvalid, "type",
                  trf("{account} cannot be {type}: accounts under {root} are {other} accounts "
                      "(for example {example})",
                      {{"account", a.name}, {"type", std::string(account_type_name(a.type))},
                       {"root", root},
                       {"other", std::string(account_type_name((*sibling)->type))},
                       {"example", (*sibling)->name}}));
  }
  return check_owner(a.name, claimant, "name");
}

Status check_enterprise_update(const Enterprise& before, const Enterprise& after) {
  if (before.id != after.id) {
    return refuse(ErrorCode::kInvalid, "id", "updates " + after.id + ", not " + before.id);
  }
  if (before.kind != after.kind) {
    return refuse(ErrorCode::kConflict, "kind",
                  trf("enterprise {id} is {kind}; its kind is not changed by an update",
                      {{"id", before.id}, {"kind", before.kind}}));
  }
  Enterprise same = after;
  same.audit_seq = before.audit_seq;
  if (same == before) {
    return refuse(ErrorCode::kAlreadyExists, "",
                  trf("enterprise {id} already has these attributes", {{"id", before.id}}));
  }
  return Status::Ok();
}

Status check_status_known(std::span<const StatusName> defined, std::string_view status,
                          std::string_view field) {
  if (status.empty() || is_builtin_status(status)) return Status::Ok();
  for (const auto& d : defined) {
    if (d.name == status) return Status::Ok();
  }
  std::vector<std::string> known = builtin_statuses();
  for (const auto& d : defined) known.push_back(d.name);
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  return refuse(ErrorCode::kNotFound, std::string(field),
                trf("\"{status}\" is not one of {list}", {{"status", std::string(status)},
                                                            {"list", list}}) +
                    did_you_mean(closest_names(status, known)) +
                    trf(" (a book adds a status with `semilla status define {status} --label "
                        "TEXT`)",
                        {{"status", std::string(status)}}));
}

Status check_status_define(std::span<const StatusName> defined, const StatusName& s) {
  SEMILLA_TRY(check_status_name(s.name, "name"));
  SEMILLA_TRY(check_text(s.label, "label", limits::kNameBytesMax, false));
  if (is_builtin_status(s.name)) {
    return refuse(ErrorCode::kAlreadyExists, "name",
                  "\"" + s.name + "\" is a built-in status: enterprises can carry it already");
  }
  for (const auto& d : defined) {
    if (d.name == s.name) {
      return refuse(ErrorCode::kAlreadyExists, "name",
                    "status \"" + s.name + "\" is already defined (\"" + d.label + "\")");
    }
  }
  return Status::Ok();
}

}  // namespace semilla::book
