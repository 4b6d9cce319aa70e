// SPDX-License-Identifier: Apache-2.0
#include "audit/record.h"

#include <utility>

#include "audit/canonical_json.h"

namespace semilla::audit {
namespace {

Error bad_record(std::string message) {
  return make_error(ErrorCode::kVerifyFailed, "", std::move(message));
}

// The record as a JSON object. The payload is moved in (not copied: it is the bulk of the
// record) and must be moved back out by the caller.
nlohmann::json to_json(Record& r) {
  return nlohmann::json{{"v", kRecordVersion}, {"seq", r.seq},   {"time", r.time},
                        {"actor", r.actor},    {"kind", r.kind},
                        {"payload", std::move(r.payload)}, {"prev", to_hex(r.prev)}};
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

Result<SealedRecord> seal(Record record) {
  nlohmann::json doc = to_json(record);
  auto bytes = canonical_json(doc);
  record.payload = std::move(doc["payload"]);
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
