// SPDX-License-Identifier: Apache-2.0
// UTF-8 decoding shared by canonical JSON and signed notes: both must refuse exactly the same
// byte strings, or a record could be hashed that a note cannot carry (and vice versa).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace semilla::audit::internal {

// Decodes the UTF-8 sequence that starts at `s[i]` (precondition: i < s.size()) and advances
// `i` past it. nullopt, with `i` unchanged, for anything RFC 3629 forbids: stray continuation
// bytes, truncated sequences, overlong forms, UTF-16 surrogates, values above U+10FFFF.
[[nodiscard]] std::optional<std::uint32_t> decode_utf8(std::string_view s, std::size_t& i);

// True when all of `s` is valid UTF-8.
[[nodiscard]] bool is_valid_utf8(std::string_view s);

}  // namespace semilla::audit::internal
