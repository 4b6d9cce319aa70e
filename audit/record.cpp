// SPDX-License-Identifier: Apache-2.0
#include "audit/record.h"

#include <utility>

#include "audit/canonical_json.h"
#include "audit/record_signature.h"
#include "audit/utf8_internal.h"
#include "ledger/base/date.h"

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

// A signed record's two members (record_signature.h): both or neither, both strings.
const char* wrong_signature_member(const nlohmann::json& doc) {
  auto signer = doc.find("signer");
  auto sig = doc.find("sig");
  if ((signer == doc.end()) != (sig == doc.end())) {
    return "a signer without sig or a sig without signer";
  }
  if (signer != doc.end() && (!signer->is_string() || !sig->is_string())) {
    return "a signer or sig that is not a string";
  }
  return nullptr;
}

// What is wrong with the members, for the message ("no time", "a seq that is not an integer
// >= 0"); nullptr when they are exactly the seven (nine when signed) with their types.
const char* wrong_member(const nlohmann::json& doc) {
  if (doc.size() != 7) {
    for (const auto& item : doc.items()) {
      const std::string& k = item.key();
      if (k != "v" && k != "seq" && k != "time" && k != "actor" && k != "kind" &&
          k != "payload" && k != "prev" && k != "signer" && k != "sig") {
        return "a member that is not one of the seven (nine when signed)";
      }
    }
    if (const char* s = wrong_signature_member(doc)) return s;
  }
  struct Expected {
    const char* name;
    bool (nlohmann::json::*is)() const noexcept;
    const char* missing;
    const char* mistyped;
  };
  using J = nlohmann::json;
  static constexpr Expected kMembers[] = {
      {"v", &J::is_number_integer, "no v", "a v that is not an integer"},
      {"seq", &J::is_number_unsigned, "no seq", "a seq that is not an integer >= 0"},
      {"time", &J::is_string, "no time", "a time that is not a string"},
      {"actor", &J::is_string, "no actor", "an actor that is not a string"},
      {"kind", &J::is_string, "no kind", "a kind that is not a string"},
      {"payload", &J::is_object, "no payload", "a payload that is not an object"},
      {"prev", &J::is_string, "no prev", "a prev that is not a string"}};
  for (const Expected& m : kMembers) {
    auto it = doc.find(m.name);
    if (it == doc.end()) return m.missing;
    if (!((*it).*m.is)()) return m.mistyped;
  }
  return nullptr;
}

}  // namespace

bool is_lower_hex(std::string_view text, std::size_t digits) {
  if (text.size() != digits) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

const Hash& genesis_prev() {
  static const Hash zero{};
  return zero;
}

bool is_record_kind(std::string_view kind) {
  const std::size_t dot = kind.find('.');
  if (kind.size() > kRecordKindBytesMax || dot == std::string_view::npos) return false;
  // Each side: lower-case words joined by single hyphens ("write-off").
  auto words = [](std::string_view side) {
    if (side.empty() || side.front() == '-' || side.back() == '-') return false;
    char before = ' ';
    for (char c : side) {
      if (!((c >= 'a' && c <= 'z') || (c == '-' && before != '-'))) return false;
      before = c;
    }
    return true;
  };
  return words(kind.substr(0, dot)) && words(kind.substr(dot + 1));
}

Status check_envelope(std::string_view actor, std::string_view kind) {
  if (!internal::is_valid_utf8(actor)) return canonical_string_error("/actor");
  if (!internal::is_valid_utf8(kind)) return canonical_string_error("/kind");
  if (!is_record_kind(kind)) {
    return make_error(ErrorCode::kInvalid, "/kind",
                      "a record kind is two lower-case names joined by '.' (loan.write-off)");
  }
  return Status::Ok();
}

Status check_record_time(std::string_view time) {
  auto t = parse_rfc3339_millis_utc(time, "/time");
  if (!t.ok()) return t.error();
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
  SEMILLA_TRY(check_record_time(time));
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
  if (!record.signer.empty()) {
    bytes = with_signer(*bytes, record.signer);
    if (bytes.ok()) bytes = with_sig(*bytes, record.sig);
    if (!bytes.ok()) return bytes.error();
  }
  Hash h = sha256(*bytes);
  return SealedRecord{std::move(record), std::move(*bytes), h};
}

Result<SealedRecord> open_record(std::string_view bytes) {
  nlohmann::json doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return bad_record("record bytes are not valid JSON");
  if (!doc.is_object()) return bad_record("a record is a JSON object");
  if (const char* m = wrong_member(doc)) {
    return bad_record(std::string("record has ") + m +
                      ": a record has exactly the members v, seq, time, actor, kind, payload, "
                      "prev with their types, and signer and sig when signed");
  }
  if (doc["v"].get<std::int64_t>() != kRecordVersion) {
    return bad_record("record version " + doc["v"].dump() + " is not supported");
  }
  const std::string& prev_hex = doc["prev"].get_ref<const std::string&>();
  if (!is_lower_hex(prev_hex, 64)) {
    return bad_record("record prev is not 64 lower-case hex digits");
  }
  auto prev = hash_from_hex(prev_hex, "prev");
  if (!prev.ok()) return bad_record("record prev is not 64 lower-case hex digits");
  if (Status t = check_record_time(doc["time"].get_ref<const std::string&>()); !t.ok()) {
    return bad_record("record time " + t.error().message);
  }
  const std::string& kind = doc["kind"].get_ref<const std::string&>();
  if (!is_record_kind(kind)) {
    return bad_record("record kind is not two lower-case names joined by '.' (loan.write-off)");
  }
  // Canonical form: re-encoding the parsed document must give back exactly the bytes (no
  // other spelling of the same record is accepted). A look at the bytes alone settles the
  // usual case without re-encoding (plainly_canonical); anything else is re-encoded.
  std::string canonical_bytes;
  if (plainly_canonical(bytes)) {
    canonical_bytes = bytes;
  } else {
    auto canonical = canonical_json(doc);
    if (!canonical.ok()) return bad_record(canonical.error().to_string());
    if (*canonical != bytes) return bad_record("record bytes are not in canonical form");
    canonical_bytes = std::move(*canonical);
  }
  Record r{doc["seq"].get<std::uint64_t>(), doc["time"].get<std::string>(),
           doc["actor"].get<std::string>(), kind, std::move(doc["payload"]), *prev};
  if (doc.size() == 9) {  // signed: the signature itself is the replay's to check
    r.signer = doc["signer"].get<std::string>();
    auto sig = base64_decode(doc["sig"].get_ref<const std::string&>(), "sig");
    if (!sig.ok()) return bad_record("record sig is not base64");
    r.sig = std::move(*sig);
  }
  Hash h = sha256(bytes);
  return SealedRecord{std::move(r), std::move(canonical_bytes), h};
}

}  // namespace semilla::audit
