// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/log_check.h"

#include "audit/merkle.h"

namespace semilla::book {
namespace {

Error failed(const std::string& where, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, where, what);
}

std::string sized(const std::string& label, std::uint64_t size) {
  return label + " (size " + std::to_string(size) + ")";
}

}  // namespace

Status LogChecker::next(const audit::OpenedRecord& opened) {
  const std::uint64_t stored_seq = opened.stored_seq;
  // A signature checked on a worker thread may have failed on an earlier record: earliest()
  // reports the first problem in log order.
  if (Status s = chain_.link(opened); !s.ok()) return replay_.earliest(stored_seq, s.error());
  const audit::SealedRecord& sealed = *opened.sealed;
  if (Status s = replay_.apply(sealed); !s.ok()) return replay_.earliest(stored_seq, s.error());
  if (sealed.record.kind == kKindCheckpoint) {
    const auto& c = replay_.checkpoints.back().checkpoint;
    auto root = this->root(c.size);
    if (!root.ok()) return root.error();
    if (*root != c.root) {
      return failed("record " + std::to_string(stored_seq),
                    "the checkpoint it stores has root " + audit::to_hex(c.root) +
                        " but the " + std::to_string(c.size) + " records before it give " +
                        audit::to_hex(*root));
    }
  }
  return tree_.append_leaf(opened.leaf);
}

Result<audit::Hash> LogChecker::root(std::uint64_t size) const {
  return audit::stored_tree_hash(size, tree_);
}

std::string LogChecker::origin() const {
  const auto& all = replay_.checkpoints;
  return all.empty() ? std::string() : all.front().checkpoint.origin;
}

Status check_checkpoint_note(const std::string& label, std::string_view note,
                             std::span<const audit::NoteVerifier> keys, const LogChecker& log) {
  auto c = audit::peek_checkpoint(note);
  if (!c.ok()) return failed(label, c.error().to_string());
  const std::string where = sized(label, c->size);
  if (c->size > log.size()) {
    return failed(where, "the log has only " + std::to_string(log.size()) +
                             " records: records were removed after it was signed");
  }
  auto root = log.root(c->size);
  if (!root.ok()) return root.error();
  if (*root != c->root) {
    return failed(where, "its root " + audit::to_hex(c->root) + " is not the root " +
                             audit::to_hex(*root) + " of the first " +
                             std::to_string(c->size) +
                             " records: the checkpoint was edited, or a record before it was "
                             "altered, removed, inserted or reordered");
  }
  if (keys.empty()) return Status::Ok();
  auto opened = audit::open_checkpoint(note, c->origin, keys);
  if (!opened.ok()) return failed(where, "signature: " + opened.error().to_string());
  return Status::Ok();
}

Result<audit::Checkpoint> check_auditor_checkpoint(std::string_view note,
                                                   std::span<const audit::NoteVerifier> keys,
                                                   const LogChecker& log) {
  const std::string label = "auditor's checkpoint";
  if (keys.empty()) return failed(label, "needs --key, the log's verifier key, to be trusted");
  const std::string origin = log.origin().empty() ? keys.front().name() : log.origin();
  auto c = audit::open_checkpoint(note, origin, keys);
  if (!c.ok()) return failed(label, c.error().to_string());
  const std::string where = sized(label, c->size);
  const std::uint64_t n = log.size();
  if (c->size > n) {
    return failed(where, "the log has only " + std::to_string(n) +
                             " records: records were removed after it was signed");
  }
  auto head_root = log.root(n);
  if (!head_root.ok()) return head_root.error();
  auto proof = audit::stored_consistency_proof(c->size, n, log.tree());
  if (!proof.ok()) return proof.error();
  Status consistent = audit::verify_consistency(c->size, c->root, n, *head_root, *proof);
  if (!consistent.ok()) {
    return failed(where, "not consistent with the log's " + std::to_string(n) +
                             " records (the log was rewritten: a fork, or a record before it "
                             "was altered, removed, inserted or reordered): " +
                             consistent.error().message);
  }
  return c;
}

}  // namespace semilla::book
