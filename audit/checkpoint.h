// SPDX-License-Identifier: Apache-2.0
// C2SP checkpoints (c2sp.org/tlog-checkpoint v1.0.0): the signed statement "the log named
// <origin> had <size> records with Merkle root <root>". The text is
// "<origin>\n<size>\n<base64 root>\n" plus optional extension lines, signed as a note.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/hash.h"
#include "audit/note.h"
#include "ledger/base/error.h"

namespace semilla::audit {

// Largest tree size a checkpoint may state: Go verifiers parse it as int64.
inline constexpr std::uint64_t kCheckpointSizeMax = (std::uint64_t{1} << 63) - 1;

struct Checkpoint {
  std::string origin;                   // the log's identity, e.g. "ledger.example.org/audit"
  std::uint64_t size = 0;               // number of records (leaves)
  Hash root{};                          // RFC 9162 root of the first `size` leaves
  std::vector<std::string> extensions;  // opaque extra lines; Semilla writes none
};

// The checkpoint text. kInvalid when the origin is not a valid key name (non-empty, no
// spaces or '+': Semilla signs its checkpoints with a key named like the origin), size is
// above kCheckpointSizeMax, size is 0 with a root other than merkle_empty_root(), or an
// extension line is empty or not valid note text.
[[nodiscard]] Result<std::string> format_checkpoint(const Checkpoint& checkpoint);

// Parses a checkpoint text strictly: a non-empty origin line; the size in canonical decimal
// ("0" or no leading zero, no sign or space, at most kCheckpointSizeMax); the root as exactly
// 44 characters of strict padded base64 of 32 bytes (SHA-256 of nothing when size is 0, not
// zeros); non-empty extension lines; a final '\n'. kInvalid naming the line otherwise.
[[nodiscard]] Result<Checkpoint> parse_checkpoint(std::string_view text);

// The signed note of `checkpoint`. kInvalid as format_checkpoint, or when the signer's key
// name is not the origin; kEnvironment when signing fails.
[[nodiscard]] Result<std::string> sign_checkpoint(const Checkpoint& checkpoint,
                                                  const NoteSigner& signer);

// The checkpoint stated by the signed note `note`, WITHOUT checking any signature: the text
// (up to the last blank line) parsed strictly. For listing, and for comparing a stored
// checkpoint with the tree before or without keys; trust it only after open_checkpoint.
// kVerifyFailed for a note without a blank line or a malformed checkpoint text.
[[nodiscard]] Result<Checkpoint> peek_checkpoint(std::string_view note);

// Verifies `note` with `verifiers` (open_note rules: witness cosignatures by unknown keys are
// ignored) and parses its text, which must name `origin`. kVerifyFailed for any failure,
// kEnvironment when OpenSSL fails. Compare the result with the last checkpoint you trust
// through a consistency proof before relying on it.
[[nodiscard]] Result<Checkpoint> open_checkpoint(std::string_view note, std::string_view origin,
                                                 std::span<const NoteVerifier> verifiers);
// The same with the log key alone, whose name is the origin.
[[nodiscard]] Result<Checkpoint> open_checkpoint(std::string_view note,
                                                 const NoteVerifier& log_key);

}  // namespace semilla::audit
