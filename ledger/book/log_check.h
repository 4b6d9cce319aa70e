// SPDX-License-Identifier: Apache-2.0
// Checking an audit log from its records alone: the hash chain, the replayed state, the
// Merkle tree rebuilt from the record bytes, and the checkpoints against that tree. Shared by
// `audit verify` on a database and on an offline bundle, so both apply the same rules.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "audit/chain.h"
#include "audit/checkpoint.h"
#include "audit/note_key.h"
#include "audit/stored_hashes.h"
#include "ledger/book/replay.h"

namespace semilla::book {

class LogChecker {
 public:
  // `fingerprints`: whether the replay keeps each transaction's fingerprint, needed only to
  // compare with a database's rows.
  explicit LogChecker(bool fingerprints = true) { replay_.keep_fingerprints = fingerprints; }

  // Feeds the next record, opened beforehand (audit::open_stored_record, possibly on another
  // thread, with the hash kept beside the bytes): chain (audit::ChainVerifier::link), replay,
  // and the tree. A checkpoint record's root must be the root of the records before it.
  // kVerifyFailed naming the record at the first problem. On success the record is
  // `*opened.sealed`.
  [[nodiscard]] Status next(const audit::OpenedRecord& opened);

  // After the last record: the replay's end-of-log rules (Replay::finish).
  [[nodiscard]] Status finish() const { return replay_.finish(); }

  // Records fed so far: the tree size.
  [[nodiscard]] std::uint64_t size() const { return tree_.tree_size(); }
  [[nodiscard]] const audit::Hash& head() const { return chain_.head(); }
  // Root of the first `size` records (size <= this->size()).
  [[nodiscard]] Result<audit::Hash> root(std::uint64_t size) const;
  [[nodiscard]] const Replay& replay() const { return replay_; }
  [[nodiscard]] const audit::MemoryHashStore& tree() const { return tree_; }
  // The origin of the log's checkpoints; empty before the first.
  [[nodiscard]] std::string origin() const;

 private:
  audit::ChainVerifier chain_;
  Replay replay_;
  audit::MemoryHashStore tree_;
};

// Checks the signed checkpoint `note`, called `label` in messages ("checkpoint 2"), against
// the records fed to `log`: it parses, its size is at most the log's, and its root is the
// root of that many records; with `keys`, also that it is signed by one of them (open_note
// rules). kVerifyFailed saying which of these failed.
[[nodiscard]] Status check_checkpoint_note(const std::string& label, std::string_view note,
                                           std::span<const audit::NoteVerifier> keys,
                                           const LogChecker& log);

// Checks a checkpoint an auditor kept from earlier against the whole log: signed by one of
// `keys` (at least one needed) for the log's origin, and its tree a prefix of the log's,
// by a consistency proof computed from the rebuilt tree and checked with
// audit::verify_consistency. Returns the checkpoint. kVerifyFailed naming the failed step.
[[nodiscard]] Result<audit::Checkpoint> check_auditor_checkpoint(
    std::string_view note, std::span<const audit::NoteVerifier> keys, const LogChecker& log);

}  // namespace semilla::book
