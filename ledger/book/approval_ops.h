// SPDX-License-Identifier: Apache-2.0
// What the commands do with policies and approvals (approvals.h has the rules): each change
// is one record through the Writer, which runs ApprovalBook::step on it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/book/approvals.h"
#include "ledger/book/book.h"

namespace semilla::book {

// Records policy.set, signed by the book's officer (an admin). Errors name the command's
// options: OPERATION, --approvers, --above, --expires.
[[nodiscard]] Result<Policy> set_policy(Book& book, Policy p);

// Records an approval.request for `gate` (the operation the Writer refused for want of
// approval: take_gate_needing_approval), keeping `command`, the words that record the
// operation, for the approval that completes it. Returns the request.
[[nodiscard]] Result<ApprovalRequest> request_approval(Book& book, const Gate& gate,
                                                       std::vector<std::string> command);

struct Decision {
  std::uint64_t seq = 0;        // the record written; 0 when the operation is still to run
  bool completes = false;       // this approval completes the count
  std::string kind;             // approval.approve or approval.reject
  nlohmann::json payload;       // its payload
  ApprovalRequest request;      // as before the decision
};
// Approves (no reason) or rejects request `request`, as the book's officer. Every rule is
// checked by appending the record; an approval that does not complete the count, and a
// rejection, are committed. An approval that completes it is not: its record and the
// operation's must commit together, so the caller arranges it as the next Writer's prelude
// (Writer::arrange_prelude) and records the operation with request.command.
[[nodiscard]] Result<Decision> decide_request(Book& book, std::uint64_t request, bool approve,
                                              const std::string& reason);

// The completing approval `d` becomes the first record of the next Writer in this process
// (Writer::arrange_prelude); afterwards, whether it was committed with its operation.
void arrange_completing_approval(const Decision& d);
[[nodiscard]] bool completing_approval_committed();

// The policies and requests as the book's records leave them.
[[nodiscard]] Result<ApprovalBook> approval_state(Book& book);

}  // namespace semilla::book
