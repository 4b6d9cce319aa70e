// SPDX-License-Identifier: Apache-2.0
#include "audit/chain.h"

#include <string>

namespace semilla::audit {
namespace {

Error at(std::uint64_t seq, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, "record " + std::to_string(seq),
                    what);
}

}  // namespace

Result<SealedRecord> ChainVerifier::next(std::uint64_t stored_seq, std::string_view bytes,
                                         const Hash& stored_hash) {
  if (stored_seq != count_) {
    return at(count_, "missing: the log jumps from record " + std::to_string(count_) +
                          " to record " + std::to_string(stored_seq) +
                          (count_ == 0 ? std::string() : " (records removed or reordered)"));
  }
  auto sealed = open_record(bytes);
  if (!sealed.ok()) return at(stored_seq, sealed.error().message);
  if (sealed->record.seq != stored_seq) {
    return at(stored_seq, "its bytes say seq " + std::to_string(sealed->record.seq) +
                              " (records reordered or copied)");
  }
  if (sealed->hash != stored_hash) {
    return at(stored_seq, "bytes altered: their SHA-256 is " + to_hex(sealed->hash) +
                              " but the log stores " + to_hex(stored_hash));
  }
  if (sealed->record.prev != head_) {
    return at(stored_seq, "chain broken: prev is " + to_hex(sealed->record.prev) +
                              " but record " + std::to_string(stored_seq - 1) + " hashes to " +
                              to_hex(head_));
  }
  head_ = sealed->hash;
  ++count_;
  return sealed;
}

}  // namespace semilla::audit
