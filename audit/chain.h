// SPDX-License-Identifier: Apache-2.0
// The linear hash chain: each record holds the hash of the one before it. Verifying it needs
// nothing but the records' bytes in order.
#pragma once

#include <cstdint>
#include <string_view>

#include "audit/record.h"

namespace semilla::audit {

// What can be checked of one stored record without the records before it: its bytes parse
// as a record in canonical form, they say the seq it is stored under, and they hash to the
// hash stored beside them. It needs no state, so a reader can open records on one thread
// while ChainVerifier::link takes them in order on another.
struct OpenedRecord {
  std::uint64_t stored_seq = 0;
  Result<SealedRecord> sealed;  // kVerifyFailed ("record 17: ...") when a check failed
  Hash leaf{};                  // merkle_leaf_hash of the bytes (merkle.h), for the tree
};
[[nodiscard]] OpenedRecord open_stored_record(std::uint64_t stored_seq, std::string_view bytes,
                                              const Hash& stored_hash);

// Feeds records in log order and checks, for each: its bytes parse as a record, its seq is
// the next one, its prev is the previous record's hash, and the hash stored beside it (if the
// store keeps one) equals SHA-256 of its bytes.
class ChainVerifier {
 public:
  // kVerifyFailed naming the record ("record 17: ...") at the first mismatch. After a failure
  // the verifier must not be fed again.
  [[nodiscard]] Result<SealedRecord> next(std::uint64_t stored_seq, std::string_view bytes,
                                          const Hash& stored_hash);
  // The same, for a record opened beforehand (open_stored_record): next() is open + link, and
  // both report the same problem first. On success the record is `*opened.sealed`.
  [[nodiscard]] Status link(const OpenedRecord& opened);

  [[nodiscard]] std::uint64_t count() const { return count_; }
  // Hash of the last record accepted, or genesis_prev() before any.
  [[nodiscard]] const Hash& head() const { return head_; }

 private:
  std::uint64_t count_ = 0;
  Hash head_ = genesis_prev();
};

}  // namespace semilla::audit
