// SPDX-License-Identifier: Apache-2.0
// The replay of policies and approvals (issue 11): Replay::step_approvals runs the one rule
// set of approvals.h on each record, as the Writer did when it appended it.
#include "audit/hash.h"
#include "ledger/book/replay.h"

namespace semilla::book {

Status Replay::step_approvals(const audit::SealedRecord& r) {
  const auto& kind = r.record.kind;
  if (!approvals.reads(kind)) return Status::Ok();
  const RecordView view{r.record.seq, kind, r.record.time, r.record.signer,
                        audit::to_hex(r.hash), r.record.payload};
  if (auto s = approvals.step(view, officers); !s.ok()) {
    const Error& e = s.error();
    return make_error(ErrorCode::kVerifyFailed, "record " + std::to_string(r.record.seq),
                      kind + (e.field == "approval" ? "" : " payload/" + e.field) + ": " +
                          e.message);
  }
  if (!is_approval_kind(kind)) return Status::Ok();
  auto row = approval_row(view);
  if (!row.ok()) return row.error();
  approval_records.push_back(std::move(*row));
  return Status::Ok();
}

}  // namespace semilla::book
