// SPDX-License-Identifier: Apache-2.0
// Approvals (maker-checker, issue 11). A policy (policy.set, signed by an admin) says which
// operations need how many approvals, above which amount, and for how long a request waits.
// An operation a policy covers is not applied when its maker records it: its gate record
// (gate_of) is refused, and the command records an approval.request instead, which changes
// no balance. Approvers add approval.approve records (or one approval.reject); the approval
// that completes the count is followed, in the same database transaction, by the
// operation's own records, which must equal the request's. The rules live once, in
// ApprovalBook::step, which the Writer runs on every record it appends and the replay
// (audit verify, book import) on every record it reads. docs/audit-format.md §2.7.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/error.h"
#include "ledger/book/model.h"
#include "ledger/book/officers.h"

namespace semilla::book {

// The most approvals a policy can ask for (an office rarely has more approvers), the longest
// a request may wait, and the words a request keeps of the command that re-runs it.
inline constexpr int kPolicyApproversMax = 9;
inline constexpr int kPolicyExpiryDaysMax = 366;
inline constexpr std::size_t kRequestCommandWordsMax = 100;

inline constexpr std::string_view kKindPolicySet = "policy.set";
inline constexpr std::string_view kKindApprovalRequest = "approval.request";
inline constexpr std::string_view kKindApprovalApprove = "approval.approve";
inline constexpr std::string_view kKindApprovalReject = "approval.reject";
// One of the four kinds above.
[[nodiscard]] bool is_approval_kind(std::string_view kind);

// The operations a policy can cover, in the order `policy list` shows them:
// loan-disbursement, grant-disbursement, fund-spend, write-off, reversal, period-reopen,
// officer-change, policy-change.
[[nodiscard]] const std::vector<std::string>& policy_operations();
// Whether `operation` moves an amount (the five first), so that a policy may give --above.
[[nodiscard]] bool operation_has_amount(std::string_view operation);

// An operation under policy as its gate record shows it: the record that applies it
// (loan.disburse, grant.disburse, fund.spend, loan.write-off, a transaction.post that
// reverses, period.reopen, officer.add/roles/revoke, policy.set).
struct Gate {
  std::string operation;   // policy_operations()
  std::string kind;        // the gate record's kind
  nlohmann::json record;   // its payload without the members `id` and `transaction`
  std::string amount;      // "" when the operation moves no amount
  std::string currency;    // "" with amount ""
  friend bool operator==(const Gate&, const Gate&) = default;
};
// The gate a record is, or nullopt. `previous` is the payload of the transaction.post right
// before it (nullptr when the record before is no transaction): its first posting's currency
// is the currency of a module operation's amount, which the module records do not repeat.
[[nodiscard]] std::optional<Gate> gate_of(std::string_view kind, const nlohmann::json& payload,
                                          const nlohmann::json* previous);

struct Policy {
  std::string operation;
  int approvers = 0;              // 0: the policy was removed
  std::string above_amount;       // "" when every operation needs approval
  std::string above_currency;
  std::optional<int> expires_days;
  std::uint64_t seq = 0;          // the policy.set
  std::string signer;
};

// An approval.request and what followed it.
struct ApprovalRequest {
  std::uint64_t seq = 0;
  std::string time;
  std::string maker;  // its signer
  std::string hash;
  Gate gate;
  int approvers = 0;
  std::string expires;  // RFC 3339 UTC, "" when it never expires
  std::vector<std::string> command;
  std::vector<std::string> approved_by;  // in record order
  std::vector<std::uint64_t> approved_seqs;
  std::string rejected_by;
  std::string reject_reason;
  // The approval.reject, or the approval.approve that completed the count (the operation's
  // records follow it).
  std::optional<std::uint64_t> decided_seq;
  // "pending", "applied", "rejected", or "expired" (pending after `expires` at `now`).
  [[nodiscard]] std::string state(std::string_view now) const;
};

// What step() is told of a record: its envelope, hash and payload.
struct RecordView {
  std::uint64_t seq = 0;
  std::string_view kind;
  std::string_view time;
  std::string_view signer;
  std::string hash;  // hex
  const nlohmann::json& payload;
};

class ApprovalBook {
 public:
  // No policy.set yet: no record is a gate, and step() reads no payload but the approval
  // kinds' (a book without policies pays nothing).
  [[nodiscard]] bool idle() const { return policies_.empty() && !release_; }
  // Whether step() needs the payload of a record of `kind` (the Writer parses a canonical
  // payload only then).
  [[nodiscard]] bool reads(std::string_view kind) const;

  // Every rule, for every record in log order, before the record is applied:
  //  - an approval kind's own rules (policy.set, approval.request, approval.approve,
  //    approval.reject), against `officers` as they stand;
  //  - after the approval that completes a request, the records up to its gate are only
  //    account.add and transaction.post (the operation's first records), and the gate is
  //    the request's (the same operation, kind, record, amount and currency);
  //  - otherwise a gate the policy in force covers is refused (no approval).
  // Then applies the record. kRefused / kInvalid / kNotFound naming the member ("operation",
  // "request", ...) or "approval" for a gate.
  [[nodiscard]] Status step(const RecordView& r, const OfficerRegistry& officers);
  // After the last record (a Writer's commit, the end of the log): no completed request
  // waits for its operation. kRefused naming "approval".
  [[nodiscard]] Status check_end() const;
  // Whether the signer of a record of `kind` is spared roles_for_kind: the officer whose
  // approval completed a request signs the request's operation (from that approval to the
  // gate record, and the loan record that follows a reversal gate) with the maker's rights.
  [[nodiscard]] bool waives_role(std::string_view kind, std::string_view signer) const;

  // The policy in force for `operation`; nullptr when none (or removed).
  [[nodiscard]] const Policy* policy(std::string_view operation) const;
  [[nodiscard]] const std::map<std::string, Policy>& policies() const { return policies_; }
  [[nodiscard]] const std::vector<ApprovalRequest>& requests() const { return requests_; }
  [[nodiscard]] const ApprovalRequest* request(std::uint64_t seq) const;
  // Whether the policy in force needs approval of `g`; with the policy in `*why` ("above
  // 1000.00 USD, 2 approvers").
  [[nodiscard]] bool needs_approval(const Gate& g, std::string* why = nullptr) const;
  // After a stored completed approval: its operation followed in the same transaction.
  // (Unless the operation is a policy.set, the one gate that is itself a stored row: that
  // row, next, takes the release.)
  void take_release_as_applied();

 private:
  Status step_policy(const RecordView& r, const OfficerRegistry& officers);
  Status step_request(const RecordView& r, const OfficerRegistry& officers);
  Status step_decision(const RecordView& r);
  Status step_record(const RecordView& r);
  ApprovalRequest* open_request(const nlohmann::json& payload, Status& status);

  std::map<std::string, Policy> policies_;
  std::vector<ApprovalRequest> requests_;
  std::map<std::uint64_t, std::size_t> request_index_;
  std::optional<std::uint64_t> release_;    // the completed request whose gate comes next
  std::string releaser_;                    // who completed it
  std::string waive_next_;                  // after a reversal gate: the releaser, once
  std::optional<nlohmann::json> previous_;  // the transaction.post just before
};

// The row a record of an approval kind keeps (the payload in canonical form).
[[nodiscard]] Result<ApprovalRecord> approval_row(const RecordView& r);
// The approvals' state after the stored rows: each approval row stepped with the officers
// as the officer rows before it left them. (A completed request's operation was applied in
// the approval's own database transaction, so it is taken as applied.)
[[nodiscard]] Result<ApprovalBook> rebuild_approvals(const std::vector<OfficerRecord>& officers,
                                                     const std::vector<ApprovalRecord>& rows);

// A policy.set payload's members: operation, approvers (0..9), above_amount/above_currency
// (both null or both strings), expires_days (null or 1..366). kInvalid naming the member.
[[nodiscard]] Result<Policy> policy_from_payload(const nlohmann::json& p);
[[nodiscard]] nlohmann::json policy_payload(const Policy& p);
// The text of a policy for people: "2 approvers, above 1000.00 USD, expires after 7 days".
[[nodiscard]] std::string describe_policy(const Policy& p);

// The gate the Writer refused last, for want of approval, in this process: the command
// line records it as a request (cli/cmd_approvals.cpp). Cleared by taking it.
[[nodiscard]] std::optional<Gate> take_gate_needing_approval();
// Whether a gate waits to be taken.
[[nodiscard]] bool gate_needing_approval_waits();
void remember_gate_needing_approval(Gate g);

}  // namespace semilla::book
