// SPDX-License-Identifier: Apache-2.0
// Audit operations on a book's log: signing checkpoints of its Merkle tree, answering
// inclusion and consistency proofs from the stored tree hashes, and checking proof documents
// (docs/audit-format.md).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "audit/note_key.h"
#include "audit/proof_json.h"
#include "audit/stored_hashes.h"
#include "ledger/book/book.h"
#include "ledger/store/store.h"

namespace semilla::book {

// audit::HashReader over the store's tree_hashes table.
class StoreHashReader final : public audit::HashReader {
 public:
  explicit StoreHashReader(store::Store& store) : store_(&store) {}
  [[nodiscard]] Result<std::vector<audit::Hash>> read_hashes(
      std::span<const std::int64_t> indexes) const override {
    return store_->read_tree_hashes(indexes);
  }

 private:
  store::Store* store_;
};

// Signs the current tree head with `signer` and stores it: the checkpoint of the N records in
// the log is appended as record N (kind checkpoint.sign) and as a checkpoints row, in one
// database transaction. `origin` empty means the key's name; otherwise it must equal it
// (checkpoints are signed by a key named like the log) and the origin of earlier
// checkpoints (kRefused). Refused too when the latest stored checkpoint is not a prefix of
// the current tree: a log must never sign two inconsistent checkpoints. With officers, the
// record is also signed by `officer` (an admin or an auditor).
[[nodiscard]] Result<store::StoredCheckpoint> sign_checkpoint(
    store::Store& store, const audit::NoteSigner& signer, const std::string& origin,
    std::string actor, const OfficerKey* officer = nullptr);

// Number of records in the log.
[[nodiscard]] Result<std::uint64_t> log_size(store::Store& store);

// The inclusion proof of record `seq` in the tree of `size` records (the whole log when
// nullopt), with the record's bytes as the document's "record" member. kInvalid when seq or
// size are out of range.
[[nodiscard]] Result<nlohmann::json> prove_inclusion(store::Store& store, std::uint64_t seq,
                                                     std::optional<std::uint64_t> size);
// The consistency proof from the tree of `from` records to that of `to` (the whole log when
// nullopt). kInvalid when from > to or to is beyond the log.
[[nodiscard]] Result<nlohmann::json> prove_consistency(store::Store& store, std::uint64_t from,
                                                       std::optional<std::uint64_t> to);

struct ProofCheck {
  std::string type;                       // "inclusion" or "consistency"
  std::uint64_t a = 0, b = 0;             // leaf index and tree size, or first and second
  std::vector<std::string> root_sources;  // where each root came from, for the report
};

// Checks a proof document (as printed by prove_*). Each root it needs (per tree size) comes
// from a checkpoint note of that size that verifies with `keys`, else from `store` when given.
// An inclusion proof's leaf is its "record" member, else the store's record. kUsage when a
// root or the leaf is nowhere to be had; kInvalid for a malformed document; kVerifyFailed
// naming the failing step.
[[nodiscard]] Result<ProofCheck> check_proof(const nlohmann::json& doc, store::Store* store,
                                             std::span<const std::string> checkpoint_notes,
                                             std::span<const audit::NoteVerifier> keys);

}  // namespace semilla::book
