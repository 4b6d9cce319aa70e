// SPDX-License-Identifier: Apache-2.0
// A dishonest key holder's tools: read the records of an audit bundle, change them, and seal
// them again (docs/audit-format.md §1, §3, §8, §9) so that the chain, the tree, the checkpoints
// and the bundle's header all hold. Only the book's rules can then object to the change.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "audit/note_key.h"

namespace semilla::rules_e2e {

using nlohmann::json;

// The records of a bundle, each parsed into its JSON object (envelope and payload).
[[nodiscard]] std::vector<json> bundle_records(const std::string& bundle_bytes);

// Where a forgery may step in while the records are sealed again.
struct SealHooks {
  // A checkpoint.sign record's payload, after size, root, origin and key were set from the
  // rebuilt tree and the signer and before its note is signed over origin, size and root.
  std::function<void(std::uint64_t seq, json& payload)> before_sign;
  // Officers' signatures (issue 11): when set, every record with a string `signer` gets a
  // new `sig`, base64 of sign_record(signer, message) where the message is its canonical bytes
  // without `sig` (docs/audit-format.md §1.1), after the checkpoint note and before
  // before_hash. A forger holding the officers' keys: only the rules can object.
  std::function<std::string(const std::string& signer, const std::string& message)>
      sign_record;
  // Any record, after seq, prev, the checkpoint note and sig were set, just before it is
  // hashed.
  std::function<void(std::uint64_t seq, json& record)> before_hash;
};

// The bundle of `records` sealed again: record i gets seq i and the previous record's hash as
// prev; every checkpoint.sign record states the root of the records before it, signed by
// `signer`; the header (checkpoints, keys, origin, root, tree_size) says what the records say.
// The result is canonical JSON, as `semilla audit export` writes it.
[[nodiscard]] std::string seal_bundle(std::vector<json> records, const audit::NoteSigner& signer,
                                      const SealHooks& hooks = {});

}  // namespace semilla::rules_e2e
