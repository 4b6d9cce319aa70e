// SPDX-License-Identifier: Apache-2.0
#include "audit/record.h"

#include <utility>

#include "audit/canonical_json.h"
#include "audit/utf8_internal.h"

namespace semilla::audit {
namespace {

Error bad_record(std::string message) {
  return make_error(ErrorCode::kVerifyFailed, "", std::move(message));
}

// The members' canonical order (RFC 8785 sorts the names): actor, kind, payload, prev, seq,
// time, v. An encoding error names the first member, in that order, that cannot be encoded.
void append_hex(std::string& out, const Hash& h) {
  constexpr std::string_view kHex = "0123456789abcdef";
  for (std::uint8_t b : h) {
    out.push_back(kHex[b >> 4U]);
    out.push_back(kHex[b & 0x0FU]);
  }
}

bool has_exact_members(const nlohmann::json& doc) {
  static const char* const kMembers[] = {"v", "seq", "time", "actor", "kind", "payload", "prev"};
  if (!doc.is_object() || doc.size() != std::size(kMembers)) return false;
  for (const char* m : kMembers) {
    if (!doc.contains(m)) return false;
  }
  return doc["v"].is_number_integer() && doc["seq"].is_number_unsigned() &&
         doc["time"].is_string() && doc["actor"].is_string() && doc["kind"].is_string() &&
         doc["payload"].is_object() && doc["prev"].is_string();
}

}  // namespace

const Hash& genesis_prev() {
  static const Hash zero{};
  return zero;
}

Status check_envelope(std::string_view actor, std::string_view kind) {
  if (!internal::is_valid_utf8(actor)) return canonical_string_error("/actor");
  if (!internal::is_valid_utf8(kind)) return canonical_string_error("/kind");
  return Status::Ok();
}

Result<std::string> record_bytes(std::uint64_t seq, std::string_view time,
                                 std::string_view actor, std::string_view kind,
                                 std::string_view canonical_payload, const Hash& prev) {
  std::string out;
  out.reserve(canonical_payload.size() + actor.size() + kind.size() + time.size() + 128);
  out += "{\"actor\":";
  if (!append_canonical_string(out, actor)) return canonical_string_error("/actor");
  out += ",\"kind\":";
  if (!append_canonical_string(out, kind)) return canonical_string_error("/kind");
  out += ",\"payload\":";
  out += canonical_payload;
  out += ",\"prev\":\"";
  append_hex(out, prev);
  out += "\",\"seq\":";
  if (seq > static_cast<std::uint64_t>(std::int64_t{1} << 53) - 1 ||
      !append_canonical_integer(out, static_cast<std::int64_t>(seq))) {
    return canonical_integer_error("/seq");
  }
  out += ",\"time\":";
  if (!append_canonical_string(out, time)) return canonical_string_error("/time");
  out += ",\"v\":";
  out += std::to_string(kRecordVersion);
  out += '}';
  return out;
}

Result<SealedRecord> seal(Record record) {
  SEMILLA_TRY(check_envelope(record.actor, record.kind));
  auto payload = canonical_json(record.payload);
  if (!payload.ok()) {
    Error e = payload.error();
    e.field = "/payload" + e.field;
    return e;
  }
  auto bytes = record_bytes(record.seq, record.time, record.actor, record.kind, *payload,
                            record.prev);
  if (!bytes.ok()) return bytes.error();
  Hash h = sha256(*bytes);
  return SealedRecord{std::move(record), std::move(*bytes), h};
}

Result<SealedRecord> open_record(std::string_view bytes) {
  nlohmann::json doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return bad_record("record bytes are not valid JSON");
  if (!has_exact_members(doc)) {
    return bad_record("record does not have exactly the members v, seq, time, actor, kind, "
                      "payload, prev with their types");
  }
  if (doc["v"].get<std::int64_t>() != kRecordVersion) {
    return bad_record("record version " + doc["v"].dump() + " is not supported");
  }
  auto prev = hash_from_hex(doc["prev"].get<std::string>(), "prev");
  if (!prev.ok()) return bad_record("record prev is not a 64-digit hex hash");
  // Canonical form is checked on the parsed document itself: re-encoding it must give back
  // exactly the bytes (no other spelling of the same record is accepted).
  auto canonical = canonical_json(doc);
  if (!canonical.ok()) return bad_record(canonical.error().to_string());
  if (*canonical != bytes) return bad_record("record bytes are not in canonical form");
  Record r{doc["seq"].get<std::uint64_t>(), doc["time"].get<std::string>(),
           doc["actor"].get<std::string>(), doc["kind"].get<std::string>(),
           std::move(doc["payload"]), *prev};
  Hash h = sha256(bytes);
  return SealedRecord{std::move(r), std::move(*canonical), h};
}

}  // namespace semilla::audit
