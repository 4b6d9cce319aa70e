// SPDX-License-Identifier: Apache-2.0
#include "tests/rules_e2e/forge.h"

#include <algorithm>
#include <stdexcept>

#include "audit/canonical_json.h"
#include "audit/checkpoint.h"
#include "audit/hash.h"
#include "audit/merkle.h"
#include "audit/record.h"

namespace semilla::rules_e2e {
namespace {

std::string canonical_or_throw(const json& doc, const std::string& what) {
  auto bytes = audit::canonical_json(doc);
  if (!bytes.ok()) throw std::runtime_error(what + ": " + bytes.error().to_string());
  return *bytes;
}

// The checkpoint a payload states, falling back to the true values for any member a forgery
// made unreadable (the holder still signs something).
audit::Checkpoint stated_checkpoint(const json& p, const audit::Checkpoint& truth) {
  audit::Checkpoint c = truth;
  if (p.contains("origin") && p["origin"].is_string()) c.origin = p["origin"].get<std::string>();
  if (p.contains("size") && p["size"].is_number_unsigned()) c.size = p["size"].get<std::uint64_t>();
  if (p.contains("root") && p["root"].is_string()) {
    auto root = audit::hash_from_hex(p["root"].get<std::string>());
    if (root.ok()) c.root = *root;
  }
  return c;
}

void sign_checkpoint_record(std::uint64_t seq, json& record, const std::vector<audit::Hash>& leaves,
                            const audit::NoteSigner& signer, const SealHooks& hooks) {
  json& p = record["payload"];
  if (!p.is_object()) return;
  const audit::Checkpoint truth{signer.name(), seq, audit::merkle_root(leaves), {}};
  p["size"] = seq;
  p["root"] = audit::to_hex(truth.root);
  p["origin"] = truth.origin;
  p["key"] = signer.verifier().to_string();
  if (hooks.before_sign) hooks.before_sign(seq, p);
  auto note = audit::sign_checkpoint(stated_checkpoint(p, truth), signer);
  if (!note.ok()) note = audit::sign_checkpoint(truth, signer);
  if (!note.ok()) throw std::runtime_error("cannot sign: " + note.error().to_string());
  p["note"] = *note;
}

json bundle_header(const std::vector<json>& records) {
  json checkpoints = json::array(), keys = json::array(), origin = nullptr;
  for (const json& r : records) {
    if (r.value("kind", "") != "checkpoint.sign" || !r["payload"].is_object()) continue;
    // A member the forgery made unreadable stays out of the header (which holds strings);
    // the record itself still carries it.
    const json& p = r["payload"];
    const auto text = [&p](const char* member) {
      return p.contains(member) && p[member].is_string();
    };
    if (text("note")) checkpoints.push_back(p["note"]);
    if (text("key") && std::find(keys.begin(), keys.end(), p["key"]) == keys.end()) {
      keys.push_back(p["key"]);
    }
    if (origin.is_null() && text("origin")) origin = p["origin"];
  }
  return {{"checkpoints", checkpoints},
          {"format", "semilla-audit-bundle"},
          {"keys", keys},
          {"origin", origin},
          {"version", 1}};
}

// An approval names its request by seq and hash (docs/audit-format.md §2.7): the forger
// points it at the request's hash as sealed again, so that only the rules can object.
void repoint_approval(json& record, const std::vector<audit::Hash>& hashes) {
  const std::string kind = record.value("kind", "");
  if (kind != "approval.approve" && kind != "approval.reject") return;
  json& p = record["payload"];
  if (!p.is_object() || !p.contains("request") || !p["request"].is_number_unsigned() ||
      !p.contains("request_hash") || !p["request_hash"].is_string()) {
    return;
  }
  const auto at = p["request"].get<std::uint64_t>();
  if (at < hashes.size()) p["request_hash"] = audit::to_hex(hashes[at]);
}

}  // namespace

std::vector<json> bundle_records(const std::string& bundle_bytes) {
  const json bundle = json::parse(bundle_bytes);
  std::vector<json> out;
  for (const json& text : bundle.at("records")) out.push_back(json::parse(text.get<std::string>()));
  return out;
}

std::string seal_bundle(std::vector<json> records, const audit::NoteSigner& signer,
                        const SealHooks& hooks) {
  std::vector<audit::Hash> leaves, hashes;
  json texts = json::array();
  audit::Hash prev = audit::genesis_prev();
  for (std::uint64_t seq = 0; seq < records.size(); ++seq) {
    json& record = records[seq];
    record["seq"] = seq;
    record["prev"] = audit::to_hex(prev);
    repoint_approval(record, hashes);
    if (record.value("kind", "") == "checkpoint.sign") {
      sign_checkpoint_record(seq, record, leaves, signer, hooks);
    }
    if (hooks.sign_record && record.contains("signer") && record["signer"].is_string()) {
      json message = record;
      message.erase("sig");
      record["sig"] = audit::base64_encode(hooks.sign_record(
          record["signer"].get<std::string>(), canonical_or_throw(message, "message")));
    }
    if (hooks.before_hash) hooks.before_hash(seq, record);
    const std::string bytes = canonical_or_throw(record, "record " + std::to_string(seq));
    prev = audit::sha256(bytes);
    hashes.push_back(prev);
    leaves.push_back(audit::merkle_leaf_hash(bytes));
    texts.push_back(bytes);
  }
  json bundle = bundle_header(records);
  bundle["records"] = texts;
  bundle["root"] = audit::to_hex(audit::merkle_root(leaves));
  bundle["tree_size"] = records.size();
  return canonical_or_throw(bundle, "bundle");
}

}  // namespace semilla::rules_e2e
