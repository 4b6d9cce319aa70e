// SPDX-License-Identifier: Apache-2.0
#include "audit/chain.h"

#include <string>
#include <utility>

#include "audit/merkle.h"

namespace semilla::audit {
namespace {

Error at(std::uint64_t seq, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, "record " + std::to_string(seq),
                    what);
}

}  // namespace

OpenedRecord open_stored_record(std::uint64_t stored_seq, std::string_view bytes,
                                const Hash& stored_hash) {
  OpenedRecord opened{stored_seq, open_record(bytes), merkle_leaf_hash(bytes)};
  auto& sealed = opened.sealed;
  if (!sealed.ok()) {
    sealed = at(stored_seq, sealed.error().message);
  } else if (sealed->record.seq != stored_seq) {
    sealed = at(stored_seq, "its bytes say seq " + std::to_string(sealed->record.seq) +
                                " (records reordered or copied)");
  } else if (sealed->hash != stored_hash) {
    sealed = at(stored_seq, "bytes altered: their SHA-256 is " + to_hex(sealed->hash) +
                                " but the log stores " + to_hex(stored_hash));
  }
  return opened;
}

Result<SealedRecord> ChainVerifier::next(std::uint64_t stored_seq, std::string_view bytes,
                                         const Hash& stored_hash) {
  OpenedRecord opened = open_stored_record(stored_seq, bytes, stored_hash);
  SEMILLA_TRY(link(opened));
  return std::move(*opened.sealed);
}

Status ChainVerifier::link(const OpenedRecord& opened) {
  const std::uint64_t stored_seq = opened.stored_seq;
  if (stored_seq != count_) {
    return at(count_, "missing: the log jumps from record " + std::to_string(count_) +
                          " to record " + std::to_string(stored_seq) +
                          (count_ == 0 ? std::string() : " (records removed or reordered)"));
  }
  const auto& sealed = opened.sealed;
  if (!sealed.ok()) return sealed.error();
  if (sealed->record.prev != head_) {
    return at(stored_seq, "chain broken: prev is " + to_hex(sealed->record.prev) +
                              " but record " + std::to_string(stored_seq - 1) + " hashes to " +
                              to_hex(head_));
  }
  head_ = sealed->hash;
  ++count_;
  return Status::Ok();
}

}  // namespace semilla::audit
