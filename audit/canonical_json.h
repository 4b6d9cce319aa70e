// SPDX-License-Identifier: Apache-2.0
// RFC 8785 (JSON Canonicalization Scheme) serialization of the JSON documents Semilla signs or
// hashes: audit records and statements.
//
// Semilla's documents never carry fractional numbers (amounts are strings), so this
// implementation accepts integers in the IEEE-754 exact range [-(2^53-1), 2^53-1] and refuses
// floating-point numbers: their RFC 8785 form depends on ECMAScript number formatting, and
// money must not pass through them anyway.
#pragma once

#include <nlohmann/json.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/base/error.h"

namespace semilla::audit {

// The canonical UTF-8 bytes of `doc`: no insignificant whitespace, object members sorted by
// the UTF-16 code units of their names, strings escaped as RFC 8785 §3.2.2.2 prescribes.
// kInvalid (with the JSON pointer of the offending value as field) for a floating-point number,
// an integer outside the exact range, or a string that is not valid UTF-8.
[[nodiscard]] Result<std::string> canonical_json(const nlohmann::json& doc);

// True when `json_text`, which must already have parsed as JSON, is certainly the canonical
// form of what it parsed to: a one-pass look at its bytes (no insignificant whitespace,
// minimal string escapes, integers within the exact range, object names in strictly
// increasing order) that allocates nothing. False when it is not canonical, or when it cannot
// tell cheaply (an object name with an escape or a non-ASCII character): then compare the
// bytes with canonical_json of the parsed document, which also says what is wrong. Reading a
// log, most of a record's time went to that re-encoding.
[[nodiscard]] bool plainly_canonical(std::string_view json_text);

// Pieces of the same serialization, for encoders that write a known document shape directly
// (the record envelope, the transaction payload) instead of building a JSON tree first. Their
// output is byte for byte what canonical_json writes for the same value.
//
// Appends `s` quoted and escaped; false (and `out` unchanged) when `s` is not valid UTF-8.
[[nodiscard]] bool append_canonical_string(std::string& out, std::string_view s);
// Appends `v` in decimal; false (and `out` unchanged) outside -(2^53-1)..2^53-1.
[[nodiscard]] bool append_canonical_integer(std::string& out, std::int64_t v);
// canonical_json's errors for a string that is not UTF-8 and for an integer out of range,
// naming `pointer`.
[[nodiscard]] Error canonical_string_error(std::string pointer);
[[nodiscard]] Error canonical_integer_error(std::string pointer);

}  // namespace semilla::audit
