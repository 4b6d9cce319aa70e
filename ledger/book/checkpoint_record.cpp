// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/checkpoint_record.h"

#include "audit/checkpoint.h"
#include "audit/note_key.h"
#include "audit/record.h"

namespace semilla::book {
namespace {

Error bad(const std::string& member, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, "payload/" + member, what);
}

bool has_members(const nlohmann::json& p) {
  if (!p.is_object() || p.size() != 5) return false;
  for (const char* m : {"key", "note", "origin", "root"}) {
    if (!p.contains(m) || !p[m].is_string()) return false;
  }
  return p.contains("size") && p["size"].is_number_unsigned();
}

}  // namespace

nlohmann::json to_payload(const CheckpointRecord& c) {
  return nlohmann::json{{"key", c.verifier_key}, {"note", c.note}, {"origin", c.origin},
                        {"root", audit::to_hex(c.root)}, {"size", c.size}};
}

Result<CheckpointRecord> checkpoint_from_payload(const nlohmann::json& p) {
  if (!has_members(p)) {
    return bad("", "a checkpoint needs exactly key, note, origin, root (strings) and size");
  }
  CheckpointRecord c{p["origin"].get<std::string>(), p["size"].get<std::uint64_t>(), {},
                     p["note"].get<std::string>(), p["key"].get<std::string>()};
  const std::string& root_hex = p["root"].get_ref<const std::string&>();
  auto root = audit::hash_from_hex(root_hex, "root");
  if (!root.ok() || !audit::is_lower_hex(root_hex, 64)) {
    return bad("root", "not 64 lower-case hex digits");
  }
  c.root = *root;
  auto key = audit::NoteVerifier::parse(c.verifier_key);
  if (!key.ok()) return bad("key", key.error().message);
  auto opened = audit::open_checkpoint(c.note, *key);
  if (!opened.ok()) return bad("note", opened.error().to_string());
  if (opened->origin != c.origin || opened->size != c.size || opened->root != c.root) {
    return bad("note", "states another origin, size or root than the payload");
  }
  return c;
}

}  // namespace semilla::book
