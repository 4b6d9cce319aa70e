// SPDX-License-Identifier: Apache-2.0
// The JSON documents that carry Merkle proofs to auditors (docs/audit-format.md §5.4):
//   {"hashes":[hex...],"leaf_index":N,"tree_size":N,"type":"inclusion"}
//   {"first":N,"hashes":[hex...],"second":N,"type":"consistency"}
// Serialize them with canonical_json(). Parsing is strict so that a proof file means one thing.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "audit/hash.h"
#include "ledger/base/error.h"

namespace semilla::audit {

struct InclusionProof {
  std::uint64_t leaf_index = 0;  // seq of the record
  std::uint64_t tree_size = 0;   // size of the checkpoint the proof leads to
  std::vector<Hash> hashes;      // deepest first, as stored_inclusion_proof returns them
};

struct ConsistencyProof {
  std::uint64_t first = 0;   // old tree size
  std::uint64_t second = 0;  // new tree size
  std::vector<Hash> hashes;  // as stored_consistency_proof returns them
};

[[nodiscard]] nlohmann::json to_json(const InclusionProof& proof);
[[nodiscard]] nlohmann::json to_json(const ConsistencyProof& proof);

// kInvalid naming the JSON pointer of the offending value for: a missing or unknown member,
// another "type", a size or index that is not an integer in 0..2^53-1, a hash that is not
// 64 hex digits, or more than kMerkleProofHashesMax hashes.
[[nodiscard]] Result<InclusionProof> parse_inclusion_proof(const nlohmann::json& doc);
[[nodiscard]] Result<ConsistencyProof> parse_consistency_proof(const nlohmann::json& doc);

}  // namespace semilla::audit
