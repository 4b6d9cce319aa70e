// SPDX-License-Identifier: Apache-2.0
// SHA-256 (through OpenSSL), the only hash function of the audit log, and the hex and base64
// forms hashes travel in. All hashing of Semilla lives in audit/.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/base/error.h"

namespace semilla::audit {

using Hash = std::array<std::uint8_t, 32>;

// SHA-256 of `bytes`.
[[nodiscard]] Hash sha256(std::string_view bytes);
// SHA-256 of the concatenation of `parts` (no copy of the parts is made).
[[nodiscard]] Hash sha256_concat(std::initializer_list<std::string_view> parts);

// A hash's raw bytes as a string_view (for feeding into another hash).
[[nodiscard]] std::string_view as_bytes(const Hash& h);

// Lower-case hex, 64 characters.
[[nodiscard]] std::string to_hex(const Hash& h);
[[nodiscard]] std::string to_hex(std::string_view bytes);
// Exactly 64 hex digits (either case) → Hash; anything else is kInvalid naming `field`.
[[nodiscard]] Result<Hash> hash_from_hex(std::string_view hex, std::string_view field = "hash");
// Any even-length hex string → bytes; kInvalid otherwise.
[[nodiscard]] Result<std::string> bytes_from_hex(std::string_view hex,
                                                 std::string_view field = "hex");

// Standard base64 (RFC 4648 §4) with '=' padding.
[[nodiscard]] std::string base64_encode(std::string_view bytes);
// Strict decoding: standard alphabet, canonical padding, no whitespace, no trailing bits set.
[[nodiscard]] Result<std::string> base64_decode(std::string_view text,
                                                std::string_view field = "base64");

}  // namespace semilla::audit
