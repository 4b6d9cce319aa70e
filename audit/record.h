// SPDX-License-Identifier: Apache-2.0
// The audit record: one change to the book, as the exact bytes that are hashed, chained and
// (as Merkle leaves) proven. docs/audit-format.md specifies the bytes; this is their only
// producer and parser.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "audit/hash.h"
#include "ledger/base/error.h"

namespace semilla::audit {

// Version of the record layout; a verifier refuses versions it does not know.
inline constexpr int kRecordVersion = 1;

// The `prev` of record 0: 32 zero bytes.
[[nodiscard]] const Hash& genesis_prev();

struct Record {
  std::uint64_t seq = 0;    // position in the log, from 0; equals the Merkle leaf index
  std::string time;         // when it was recorded, RFC 3339 UTC with milliseconds
  std::string actor;        // who recorded it (--actor or the OS user)
  std::string kind;         // what changed: "book.init", "account.add", "transaction.post", ...
  nlohmann::json payload;   // the change itself; schema per kind in docs/audit-format.md
  Hash prev{};              // hash of record seq-1, or genesis_prev() for record 0
  // A signed record's (record_signature.h): the officer's name and the 64-byte Ed25519
  // signature. Both empty for an unsigned record, which has neither member.
  std::string signer{};
  std::string sig{};
};

// A record with its bytes and their hash, as the log stores it.
struct SealedRecord {
  Record record;
  std::string bytes;  // RFC 8785 canonical JSON of the record, UTF-8
  Hash hash{};        // SHA-256(bytes): what the next record's `prev` holds
};

// Encodes `record` canonically and hashes it. kInvalid when the payload cannot be encoded
// canonically (a floating-point number, invalid UTF-8). With a `signer`, the bytes carry
// `signer` and `sig` (with_signer, with_sig: `sig` is taken as given, not computed).
[[nodiscard]] Result<SealedRecord> seal(Record record);

// True when `text` is exactly `digits` lower-case hex digits (0-9, a-f): how Semilla writes
// every hash in a record (to_hex); an upper-case spelling would be a second byte string.
[[nodiscard]] bool is_lower_hex(std::string_view text, std::size_t digits);

// Longest record kind; today's longest is "enterprise.members".
inline constexpr std::size_t kRecordKindBytesMax = 64;

// The grammar of a record's `kind`: two names of lower-case ASCII words joined by single
// hyphens, separated by one '.' ("book.init", "loan.write-off"), at most kRecordKindBytesMax
// bytes. Which kinds exist is the replay's business; this is the shape every kind has.
[[nodiscard]] bool is_record_kind(std::string_view kind);

// The errors seal() reports before it encodes the payload: an actor or kind that is not
// UTF-8 (kInvalid naming "/actor" or "/kind"), a kind that is_record_kind() refuses.
[[nodiscard]] Status check_envelope(std::string_view actor, std::string_view kind);

// A record's `time` is exactly what Instant::to_rfc3339() writes ("2026-06-30T12:00:00.000Z",
// see parse_rfc3339_millis_utc); kInvalid naming "/time" otherwise. The writer (through
// record_bytes) and open_record both call it.
[[nodiscard]] Status check_record_time(std::string_view time);

// The record's canonical bytes when its payload is already in canonical form
// (`canonical_payload`, e.g. from a dedicated encoder): the same bytes seal() writes, without
// a JSON tree. kInvalid, naming the member as seal() does, for an actor or kind that is not
// UTF-8, a time that check_record_time() refuses, or a seq beyond 2^53-1.
[[nodiscard]] Result<std::string> record_bytes(std::uint64_t seq, std::string_view time,
                                               std::string_view actor, std::string_view kind,
                                               std::string_view canonical_payload,
                                               const Hash& prev);

// Parses record bytes strictly: the members are exactly v, seq, time, actor, kind, payload,
// prev with the right types (and, in a signed record, both signer and sig: strings, sig
// base64), v == kRecordVersion, prev 64 lower-case hex digits, time as check_record_time()
// wants it, kind as is_record_kind() wants it, and the bytes are canonical
// (re-encoding them yields the same bytes). kVerifyFailed naming the problem otherwise. The
// payload's members are the decoders' business (ledger/book/payload_fields.h).
[[nodiscard]] Result<SealedRecord> open_record(std::string_view bytes);

}  // namespace semilla::audit
