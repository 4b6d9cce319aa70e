// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/approval_ops.h"

#include "ledger/book/writer.h"

namespace semilla::book {
namespace {

// A rule's member as the command line names it.
Error for_cli(Error e) {
  if (e.field == "operation") e.field = "OPERATION";
  if (e.field == "approvers") e.field = "--approvers";
  if (e.field == "above_amount" || e.field == "above_currency") e.field = "--above";
  if (e.field == "expires_days") e.field = "--expires";
  if (e.field == "request" || e.field == "request_hash") e.field = "ID";
  if (e.field == "reason") e.field = "--reason";
  if (e.field.starts_with("/payload/")) return for_cli(Error{e.code, e.field.substr(9), e.message});
  return e;
}

}  // namespace

Result<Policy> set_policy(Book& book, Policy p) {
  auto writer = Writer::begin(book.store(), book.actor(), book.officer());
  if (!writer.ok()) return writer.error();
  if (writer->officers().empty()) {
    return make_error(ErrorCode::kRefused, "OPERATION",
                      "policies need officers: register them first (`semilla officer add`); a "
                      "single-user book has no one to approve");
  }
  auto seq = writer->append(kKindPolicySet, policy_payload(p));
  if (!seq.ok()) return for_cli(seq.error());
  SEMILLA_TRY(writer->commit());
  p.seq = *seq;
  p.signer = book.officer() ? book.officer()->name : "";
  return p;
}

Result<ApprovalRequest> request_approval(Book& book, const Gate& gate,
                                         std::vector<std::string> command) {
  auto writer = Writer::begin(book.store(), book.actor(), book.officer());
  if (!writer.ok()) return writer.error();
  const Policy* policy = writer->approvals().policy(gate.operation);
  if (policy == nullptr) {
    return make_error(ErrorCode::kRefused, "approval",
                      "no policy covers " + gate.operation + " any more");
  }
  nlohmann::json p{{"operation", gate.operation},
                   {"kind", gate.kind},
                   {"record", gate.record},
                   {"approvers", policy->approvers},
                   {"command", command}};
  p["amount"] = gate.amount.empty() ? nlohmann::json() : nlohmann::json(gate.amount);
  p["currency"] = gate.amount.empty() ? nlohmann::json() : nlohmann::json(gate.currency);
  p["expires"] = nlohmann::json();
  if (policy->expires_days) {
    auto t = parse_rfc3339_millis_utc(writer->time());
    if (!t.ok()) return t.error();
    p["expires"] =
        Instant{t->unix_millis + std::int64_t{*policy->expires_days} * 86'400'000}.to_rfc3339();
  }
  auto seq = writer->append(kKindApprovalRequest, std::move(p));
  if (!seq.ok()) return seq.error();
  ApprovalRequest out = *writer->approvals().request(*seq);
  SEMILLA_TRY(writer->commit());
  return out;
}

Result<Decision> decide_request(Book& book, std::uint64_t request, bool approve,
                                const std::string& reason) {
  auto writer = Writer::begin(book.store(), book.actor(), book.officer());
  if (!writer.ok()) return writer.error();
  const ApprovalRequest* q = writer->approvals().request(request);
  if (q == nullptr) {
    return make_error(ErrorCode::kNotFound, "ID",
                      "record " + std::to_string(request) + " is no approval request "
                      "(`semilla approvals list` shows them)");
  }
  Decision d;
  d.request = *q;
  d.kind = std::string(approve ? kKindApprovalApprove : kKindApprovalReject);
  d.payload = {{"request", request}, {"request_hash", q->hash}};
  if (!approve) d.payload["reason"] = reason;
  d.completes = approve && static_cast<int>(q->approved_by.size()) + 1 == q->approvers;
  auto seq = writer->append(d.kind, d.payload);
  if (!seq.ok()) return for_cli(seq.error());
  if (d.completes) return d;  // rolled back: the caller records it with the operation
  SEMILLA_TRY(writer->commit());
  d.seq = *seq;
  return d;
}

void arrange_completing_approval(const Decision& d) { Writer::arrange_prelude(d.kind, d.payload); }

bool completing_approval_committed() { return Writer::prelude_committed(); }

Result<ApprovalBook> approval_state(Book& book) {
  auto officers = book.store().list_officer_records();
  if (!officers.ok()) return officers.error();
  auto rows = book.store().list_approval_records();
  if (!rows.ok()) return rows.error();
  return rebuild_approvals(*officers, *rows);
}

}  // namespace semilla::book
