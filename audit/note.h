// SPDX-License-Identifier: Apache-2.0
// C2SP signed notes (c2sp.org/signed-note v1.0.0): UTF-8 text followed by a blank line and
// one signature line per key, "— <key name> <base64(key ID || signature)>\n". Checkpoints
// travel as signed notes; witnesses add their cosignatures as further lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/note_key.h"
#include "ledger/base/error.h"

namespace semilla::audit {

// Most signature lines accepted in one note (x/mod's limit; the spec asks for at least 16).
// Bounds the verification work an untrusted note can demand.
inline constexpr std::size_t kNoteSignaturesMax = 100;
// Largest note accepted: a checkpoint with a hundred cosignatures is under 20 KiB.
inline constexpr std::size_t kNoteBytesMax = 64 * 1024;

// One signature line, decoded.
struct NoteSignature {
  std::string name;          // key name
  std::uint32_t key_id = 0;  // first 4 bytes of the decoded base64, big-endian
  std::string signature;     // the bytes after the key ID (64 for Ed25519)
};

// A note whose signatures were checked.
struct OpenedNote {
  std::string text;                           // through its final '\n'; what was signed
  std::vector<NoteSignature> verified;        // by a known key, valid; one per (name, ID)
  std::vector<NoteSignature> unverified;      // by unknown keys, ignored (witnesses...)
};

// OK when `text` can be the text of a note: non-empty, ends in '\n', valid UTF-8, no
// control character other than '\n'. kInvalid naming "text" otherwise.
[[nodiscard]] Status check_note_text(std::string_view text);

// The note: `text`, a blank line, one signature line per signer in the given order.
// kInvalid for a bad text, no signers or more than kNoteSignaturesMax; kEnvironment when
// signing fails.
[[nodiscard]] Result<std::string> sign_note(std::string_view text,
                                            std::span<const NoteSigner> signers);
[[nodiscard]] Result<std::string> sign_note(std::string_view text, const NoteSigner& signer);

// Parses `note` and verifies it with the verifiers rules of the spec: signatures whose
// (name, key ID) pair matches no verifier are ignored; one that matches must verify, or the
// whole note is rejected; at least one must match and verify. kVerifyFailed saying why for a
// malformed note (size over kNoteBytesMax, not UTF-8, a control character, no blank line
// before the signatures, a malformed signature line, more than kNoteSignaturesMax of them)
// or a failed verification; kEnvironment when OpenSSL fails. The text must be ignored unless
// this returns it.
[[nodiscard]] Result<OpenedNote> open_note(std::string_view note,
                                           std::span<const NoteVerifier> verifiers);

}  // namespace semilla::audit
