// SPDX-License-Identifier: Apache-2.0
// Officer signatures on records (docs/audit-format.md §1.1, "Signed records"). A signed record
// has two members more than an unsigned one: `signer`, the officer's name, and `sig`, the
// base64 of the Ed25519 signature of the record's canonical bytes *without* `sig` (with
// `signer`). An unsigned record keeps its exact bytes; the chain and the Merkle leaf cover the
// whole signed record, `sig` included. In canonical order the two members sit between `seq`
// and `time`, so both are spliced into (and `sig` out of) canonical bytes without a JSON tree.
#pragma once

#include <string>
#include <string_view>

#include "ledger/base/error.h"

namespace semilla::audit {

// Longest officer name.
inline constexpr std::size_t kSignerNameBytesMax = 64;

// 1..kSignerNameBytesMax bytes of ASCII letters, digits and . _ @ -, starting with a letter
// or a digit: a name that is its own canonical JSON string and survives shells and files.
[[nodiscard]] bool is_signer_name(std::string_view name);

// The message an officer signs: the canonical bytes of an unsigned record (as record_bytes()
// writes them) with the member `signer` added. kInvalid naming "/signer" for a name that
// is_signer_name() refuses; kInvalid naming "/time" for bytes that do not end with the
// record's time and version members.
[[nodiscard]] Result<std::string> with_signer(std::string_view unsigned_bytes,
                                              std::string_view signer);

// The signed record's bytes: `message` (with_signer's) with `"sig":"<base64(signature)>"`
// inserted before `signer`. kInvalid naming "/signer" when `message` has no signer member.
[[nodiscard]] Result<std::string> with_sig(std::string_view message, std::string_view signature);

// The inverse for a verifier: the bytes of a signed record (canonical, as open_record()
// accepted them, with a `signer` that is_signer_name() accepts) without its `sig` member,
// i.e. the message its signer signed. kVerifyFailed when the bytes hold no such member.
[[nodiscard]] Result<std::string> signed_message(std::string_view signed_bytes);

}  // namespace semilla::audit
