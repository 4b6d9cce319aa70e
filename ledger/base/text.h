// SPDX-License-Identifier: Apache-2.0
// Validation of text that users type into records: memos, names, identifiers.
#pragma once

#include <cstddef>
#include <string_view>

#include "ledger/base/error.h"

namespace semilla {

// Valid UTF-8, no control characters (U+0000..U+001F, U+007F), at most `max_bytes` bytes,
// and non-empty unless `allow_empty`. kInvalid / kLimitExceeded naming `field` otherwise.
[[nodiscard]] Status check_text(std::string_view text, std::string_view field,
                                std::size_t max_bytes, bool allow_empty = true);

// An identifier chosen by a user or a partner system: 1..max_bytes of ASCII letters, digits
// and . _ - : / , starting with a letter or digit. Refuses spaces so ids survive copy-paste
// between spreadsheets, shells and JSON unchanged.
[[nodiscard]] Status check_identifier(std::string_view text, std::string_view field,
                                      std::size_t max_bytes);

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::string_view text);

}  // namespace semilla
