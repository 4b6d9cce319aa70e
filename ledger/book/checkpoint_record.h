// SPDX-License-Identifier: Apache-2.0
// The audit record that stores a signed checkpoint (kind "checkpoint.sign"). Signing a
// checkpoint of the tree of size N appends it as record N: the log itself then says which
// checkpoints were handed out, so deleting one from the checkpoints table is caught by
// verify, and a bundle carries them inside the records it proves.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "audit/hash.h"
#include "ledger/base/error.h"

namespace semilla::book {

inline constexpr std::string_view kKindCheckpoint = "checkpoint.sign";

struct CheckpointRecord {
  std::string origin;
  std::uint64_t size = 0;
  audit::Hash root{};
  std::string note;          // the complete signed note
  std::string verifier_key;  // vkey of the signer, named like the origin

  friend bool operator==(const CheckpointRecord&, const CheckpointRecord&) = default;
};

// {"key": vkey, "note": note, "origin": origin, "root": hex, "size": N}
[[nodiscard]] nlohmann::json to_payload(const CheckpointRecord& c);

// Inverse of to_payload, checking that the payload holds together: the note is signed by
// `key` (whatever key that is: whether it is the auditor's key is for the caller to check)
// and states the same origin, size and root. kVerifyFailed naming the member otherwise.
[[nodiscard]] Result<CheckpointRecord> checkpoint_from_payload(const nlohmann::json& p);

}  // namespace semilla::book
