// SPDX-License-Identifier: Apache-2.0
// ApprovalBook::step: every rule of policies and approvals, for the Writer and the replay.
#include "ledger/book/approvals.h"

#include <algorithm>

#include "ledger/base/date.h"
#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "audit/canonical_json.h"
#include "ledger/book/payload_fields.h"
#include "ledger/money/amount.h"

namespace semilla::book {
namespace {

Error refused(std::string field, std::string message) {
  return make_error(ErrorCode::kRefused, std::move(field), std::move(message));
}

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

constexpr std::int64_t kMillisPerDay = 86'400'000;

// A request's `expires`: its time plus the policy's days of 24 hours, in the records' one
// spelling; "" without expiry.
Result<std::string> expiry_of(std::string_view time, const std::optional<int>& days) {
  if (!days) return std::string();
  auto t = parse_rfc3339_millis_utc(time);
  if (!t.ok()) return t.error();
  return Instant{t->unix_millis + *days * kMillisPerDay}.to_rfc3339();
}

// Whether `time` is after `expires` (both the records' spelling, so their order is the text's).
bool after(std::string_view time, std::string_view expires) {
  return !expires.empty() && time > expires;
}

std::optional<Gate> gate_from_request(const nlohmann::json& p) {
  auto kind = p.find("kind");
  auto record = p.find("record");
  if (kind == p.end() || !kind->is_string() || record == p.end() || !record->is_object()) {
    return std::nullopt;
  }
  auto g = gate_of(kind->get<std::string>(), *record, nullptr);
  if (!g) return std::nullopt;
  g->amount.clear();  // the request's own members say it
  g->currency.clear();
  const auto& amount = p.find("amount");
  const auto& currency = p.find("currency");
  if (amount != p.end() && amount->is_string()) g->amount = amount->get<std::string>();
  if (currency != p.end() && currency->is_string()) g->currency = currency->get<std::string>();
  if (g->amount.empty() || g->currency.empty()) g->amount.clear(), g->currency.clear();
  return g;
}

// The request's members (decoded by step_request).
Result<ApprovalRequest> request_from_payload(const RecordView& r) {
  const auto& p = r.payload;
  SEMILLA_TRY(payload_members(p, {"operation", "kind", "record", "amount", "currency",
                                  "approvers", "expires", "command"}));
  ApprovalRequest q;
  q.seq = r.seq;
  q.time = std::string(r.time);
  q.maker = std::string(r.signer);
  q.hash = r.hash;
  auto op = payload_string(p, "operation");
  if (!op.ok()) return op.error();
  auto kind = payload_string(p, "kind");
  if (!kind.ok()) return kind.error();
  auto amount = payload_optional_string(p, "amount");
  if (!amount.ok()) return amount.error();
  auto currency = payload_optional_string(p, "currency");
  if (!currency.ok()) return currency.error();
  if (amount->has_value() != currency->has_value()) {
    return payload_error("currency", "amount and currency are both null or both given");
  }
  auto g = gate_from_request(p);
  if (!g || g->operation != *op) {
    return payload_error("record", "is not a " + in_quotes(*kind) + " record of operation " +
                                       in_quotes(*op));
  }
  if (amount->has_value()) {
    if (!operation_has_amount(*op)) return payload_error("amount", *op + " has no amount");
    auto c = payload_currency(p, "currency");
    if (!c.ok()) return c.error();
    auto a = payload_amount(p, "amount", *c);
    if (!a.ok()) return a.error();
    if (a->minor() < 0) return payload_error("amount", "is negative");
  }
  q.gate = std::move(*g);
  auto approvers = payload_integer_in(p, "approvers", 1, kPolicyApproversMax);
  if (!approvers.ok()) return approvers.error();
  q.approvers = static_cast<int>(*approvers);
  auto expires = payload_optional_string(p, "expires");
  if (!expires.ok()) return expires.error();
  if (expires->has_value()) {
    if (auto t = parse_rfc3339_millis_utc(**expires, "payload/expires"); !t.ok()) {
      return t.error();
    }
    q.expires = **expires;
  }
  auto words = p.find("command");
  if (words == p.end() || !words->is_array() || words->empty() ||
      words->size() > kRequestCommandWordsMax) {
    return payload_error("command", "is not an array of 1.." +
                                        std::to_string(kRequestCommandWordsMax) + " strings");
  }
  for (const auto& w : *words) {
    if (!w.is_string()) return payload_error("command", "holds an element that is not a string");
    SEMILLA_TRY(payload_check(check_text(w.get<std::string>(), "command",
                                         limits::kMemoBytesMax, true),
                              "command"));
    q.command.push_back(w.get<std::string>());
  }
  return q;
}

}  // namespace

std::string ApprovalRequest::state(std::string_view now) const {
  if (!rejected_by.empty()) return "rejected";
  if (decided_seq) return "applied";
  if (after(now, expires)) return "expired";
  return "pending";
}

void ApprovalBook::take_release_as_applied() {
  if (!release_ || request(*release_)->gate.kind == kKindPolicySet) return;
  release_.reset();
  releaser_.clear();
}

bool ApprovalBook::reads(std::string_view kind) const {
  return is_approval_kind(kind) || !idle();
}

const Policy* ApprovalBook::policy(std::string_view operation) const {
  auto it = policies_.find(std::string(operation));
  return it == policies_.end() || it->second.approvers == 0 ? nullptr : &it->second;
}

const ApprovalRequest* ApprovalBook::request(std::uint64_t seq) const {
  auto it = request_index_.find(seq);
  return it == request_index_.end() ? nullptr : &requests_[it->second];
}

bool ApprovalBook::needs_approval(const Gate& g, std::string* why) const {
  const Policy* p = policy(g.operation);
  if (p == nullptr) return false;
  if (why != nullptr) *why = describe_policy(*p);
  if (p->above_amount.empty()) return true;
  if (g.amount.empty()) return false;  // moves no money: below every threshold
  // The book keeps no exchange rates: an amount in another currency cannot be shown to be
  // below the threshold, so it needs approval.
  if (g.currency != p->above_currency) return true;
  auto c = money::Currency::find(g.currency);
  if (!c.ok()) return true;
  auto amount = money::Amount::parse_canonical(g.amount, *c);
  auto above = money::Amount::parse_canonical(p->above_amount, *c);
  return !amount.ok() || !above.ok() || *amount > *above;
}

bool ApprovalBook::waives_role(std::string_view kind, std::string_view signer) const {
  if (signer.empty()) return false;
  if (release_ && signer == releaser_) return true;
  return signer == waive_next_ && (kind == "loan.reverse" || kind == "loan.reverse-disbursement");
}

Status ApprovalBook::check_end() const {
  if (!release_) return Status::Ok();
  return refused("approval", "request " + std::to_string(*release_) +
                                 " was approved, but its operation's record never followed");
}

Status ApprovalBook::step(const RecordView& r, const OfficerRegistry& officers) {
  if (r.kind == kKindApprovalRequest) {
    waive_next_.clear();
    if (release_) {
      return refused("approval", "the operation approved for request " +
                                     std::to_string(*release_) + " must come first");
    }
    return step_request(r, officers);
  }
  if (r.kind == kKindApprovalApprove || r.kind == kKindApprovalReject) {
    waive_next_.clear();
    return step_decision(r);
  }
  SEMILLA_TRY(step_record(r));
  if (r.kind == kKindPolicySet) return step_policy(r, officers);
  return Status::Ok();
}

Status ApprovalBook::step_policy(const RecordView& r, const OfficerRegistry& officers) {
  if (officers.empty()) {
    return refused("operation", "policies need officers: register them first (`semilla "
                                "officer add`); a single-user book has no one to approve");
  }
  auto p = policy_from_payload(r.payload);
  if (!p.ok()) return p.error();
  p->seq = r.seq;
  p->signer = std::string(r.signer);
  auto old = policies_.find(p->operation);
  const bool same = old != policies_.end() && old->second.approvers == p->approvers &&
                    old->second.above_amount == p->above_amount &&
                    old->second.above_currency == p->above_currency &&
                    old->second.expires_days == p->expires_days;
  if (same || (old == policies_.end() && p->approvers == 0)) {
    return make_error(ErrorCode::kAlreadyExists, "operation",
                      "the policy of " + p->operation + " is already " + describe_policy(*p));
  }
  if (p->approvers > 0) {
    const auto approvers = std::count_if(
        officers.officers().begin(), officers.officers().end(),
        [](const Officer& o) { return o.active() && (o.roles & kRoleApprover) != 0; });
    if (approvers < p->approvers) {
      return refused("approvers", "the book has " + std::to_string(approvers) +
                                      " active officer(s) with the role approver; a policy "
                                      "asking for " + std::to_string(p->approvers) +
                                      " could never be met");
    }
  }
  policies_[p->operation] = std::move(*p);
  return Status::Ok();
}

Status ApprovalBook::step_request(const RecordView& r, const OfficerRegistry& officers) {
  if (officers.empty()) {
    return refused("operation", "approvals need officers; this book has none");
  }
  auto q = request_from_payload(r);
  if (!q.ok()) return q.error();
  const Officer* maker = officers.find(q->maker);
  const RoleSet needed = roles_for_kind(q->gate.kind);
  if (maker == nullptr || (maker->roles & needed) == 0) {
    return refused("kind", "officer " + in_quotes(q->maker) + " may not write " + q->gate.kind +
                               " (it needs the role " + role_list(needed) + ")");
  }
  std::string why;
  if (!needs_approval(q->gate, &why)) {
    return refused("operation", "no policy in force needs approval of this " +
                                    q->gate.operation + ": it is applied without a request");
  }
  const Policy* p = policy(q->gate.operation);
  if (q->approvers != p->approvers) {
    return refused("approvers", "the policy of " + p->operation + " asks for " +
                                    std::to_string(p->approvers) + ", not " +
                                    std::to_string(q->approvers));
  }
  auto expires = expiry_of(r.time, p->expires_days);
  if (!expires.ok()) return expires.error();
  if (q->expires != *expires) {
    return refused("expires", "is the request's time plus the policy's " +
                                  (p->expires_days ? std::to_string(*p->expires_days) + " days: "
                                                   : std::string("no expiry: ")) +
                                  (expires->empty() ? "null" : *expires));
  }
  request_index_[q->seq] = requests_.size();
  requests_.push_back(std::move(*q));
  return Status::Ok();
}

ApprovalRequest* ApprovalBook::open_request(const nlohmann::json& p, Status& status) {
  auto seq = payload_integer(p, "request");
  if (!seq.ok()) {
    status = seq.error();
    return nullptr;
  }
  auto it = request_index_.find(static_cast<std::uint64_t>(*seq));
  if (*seq < 0 || it == request_index_.end()) {
    status = make_error(ErrorCode::kNotFound, "request",
                        "record " + std::to_string(*seq) + " is no approval request");
    return nullptr;
  }
  ApprovalRequest& q = requests_[it->second];
  auto hash = payload_string(p, "request_hash");
  if (!hash.ok()) {
    status = hash.error();
    return nullptr;
  }
  if (*hash != q.hash) {
    status = refused("request_hash", "is not the hash of request " + std::to_string(q.seq) +
                                         " (" + q.hash + ")");
    return nullptr;
  }
  if (q.decided_seq) {
    status = refused("request", "request " + std::to_string(q.seq) + " is " +
                                    (q.rejected_by.empty() ? "approved and applied already"
                                                           : "rejected already"));
    return nullptr;
  }
  return &q;
}

Status ApprovalBook::step_decision(const RecordView& r) {
  if (release_) {
    return refused("request", "the operation approved for request " + std::to_string(*release_) +
                                  " must come first");
  }
  const bool approve = r.kind == kKindApprovalApprove;
  if (approve) {
    SEMILLA_TRY(payload_members(r.payload, {"request", "request_hash"}));
  } else {
    SEMILLA_TRY(payload_members(r.payload, {"request", "request_hash", "reason"}));
  }
  Status status = Status::Ok();
  ApprovalRequest* q = open_request(r.payload, status);
  if (q == nullptr) return status;
  if (!approve) {
    auto reason = payload_text(r.payload, "reason", limits::kReasonBytesMax, false);
    if (!reason.ok()) return reason.error();
    q->rejected_by = std::string(r.signer);
    q->reject_reason = *reason;
    q->decided_seq = r.seq;
    return Status::Ok();
  }
  const std::string n = std::to_string(q->seq);
  if (r.signer == q->maker) {
    return refused("request", "officer " + in_quotes(r.signer) + " recorded request " + n +
                                  ": the maker of an operation cannot approve it");
  }
  if (std::find(q->approved_by.begin(), q->approved_by.end(), r.signer) !=
      q->approved_by.end()) {
    return refused("request", "officer " + in_quotes(r.signer) + " approved request " + n +
                                  " already: each approval is another officer's");
  }
  if (after(r.time, q->expires)) {
    return refused("request", "request " + n + " expired at " + q->expires +
                                  " (this approval is at " + std::string(r.time) + ")");
  }
  q->approved_by.emplace_back(r.signer);
  q->approved_seqs.push_back(r.seq);
  if (static_cast<int>(q->approved_by.size()) == q->approvers) {
    release_ = q->seq;
    releaser_ = std::string(r.signer);
    q->decided_seq = r.seq;
  }
  return Status::Ok();
}

Status ApprovalBook::step_record(const RecordView& r) {
  waive_next_.clear();
  if (idle()) return Status::Ok();
  auto g = gate_of(r.kind, r.payload, previous_ ? &*previous_ : nullptr);
  if (r.kind == "transaction.post") {
    previous_ = r.payload;
  } else {
    previous_.reset();
  }
  if (release_) {
    ApprovalRequest& q = requests_[request_index_.at(*release_)];
    if (!g) {
      if (r.kind == "account.add" || r.kind == "transaction.post") return Status::Ok();
      return refused("approval", "request " + std::to_string(q.seq) + " was approved: its " +
                                     q.gate.kind + " record comes next, not " +
                                     std::string(r.kind));
    }
    if (*g != q.gate) {
      std::string what = g->operation != q.gate.operation || g->kind != q.gate.kind
                             ? "a " + g->kind + " (" + g->operation + ")"
                         : g->record != q.gate.record ? "its members differ"
                                                      : "its amount or currency differs";
      return refused("approval", "this " + g->kind + " is not the operation of request " +
                                     std::to_string(q.seq) + ", which was approved: " + what);
    }
    release_.reset();
    if (r.kind == "transaction.post") waive_next_ = std::move(releaser_);
    releaser_.clear();
    return Status::Ok();
  }
  std::string why;
  if (g && needs_approval(*g, &why)) {
    remember_gate_needing_approval(*g);
    return refused("approval", "this " + g->operation + " needs approval under the book's "
                               "policy (" + why + "). Recorded on its own with its command, "
                               "it becomes a request for approval (`semilla approvals "
                               "list`); a batch or statement import cannot carry it");
  }
  return Status::Ok();
}

Result<ApprovalRecord> approval_row(const RecordView& r) {
  auto payload = audit::canonical_json(r.payload);
  if (!payload.ok()) return payload.error();
  return ApprovalRecord{r.seq, std::string(r.kind), std::string(r.time), std::string(r.signer),
                        r.hash, std::move(*payload)};
}

Result<ApprovalBook> rebuild_approvals(const std::vector<OfficerRecord>& officers,
                                       const std::vector<ApprovalRecord>& rows) {
  ApprovalBook book;
  OfficerRegistry registry;
  std::size_t next_officer = 0;
  for (const auto& row : rows) {
    while (next_officer < officers.size() && officers[next_officer].audit_seq < row.audit_seq) {
      registry.apply(officers[next_officer++]);
    }
    auto payload = nlohmann::json::parse(row.payload, nullptr, false);
    const RecordView v{row.audit_seq, row.kind, row.time, row.signer, row.hash, payload};
    if (auto s = book.step(v, registry); !s.ok()) {
      return make_error(ErrorCode::kVerifyFailed, "record " + std::to_string(row.audit_seq),
                        row.kind + " " + s.error().to_string());
    }
    book.take_release_as_applied();
  }
  return book;
}

namespace {
std::optional<Gate>& gate_slot() {
  static std::optional<Gate> slot;
  return slot;
}
}  // namespace

std::optional<Gate> take_gate_needing_approval() {
  auto out = std::move(gate_slot());
  gate_slot().reset();
  return out;
}

bool gate_needing_approval_waits() { return gate_slot().has_value(); }

void remember_gate_needing_approval(Gate g) { gate_slot() = std::move(g); }

}  // namespace semilla::book
