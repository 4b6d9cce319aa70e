// SPDX-License-Identifier: Apache-2.0
#include "audit/proof_json.h"

#include <array>
#include <string>
#include <string_view>

#include "audit/merkle.h"

namespace semilla::audit {
namespace {

using Json = nlohmann::json;

// Largest integer canonical JSON carries exactly (RFC 8785 numbers are binary64).
constexpr std::uint64_t kJsonIntegerMax = (std::uint64_t{1} << 53) - 1;

Error invalid(std::string field, std::string message) {
  return make_error(ErrorCode::kInvalid, std::move(field), std::move(message));
}

Json hashes_json(const std::vector<Hash>& hashes) {
  Json out = Json::array();
  for (const Hash& h : hashes) out.push_back(to_hex(h));
  return out;
}

// Checks that `doc` is an object with exactly the members `names` and "type" == `type`.
Status check_shape(const Json& doc, std::string_view type,
                   const std::array<std::string_view, 4>& names) {
  if (!doc.is_object()) return invalid("", "a proof is a JSON object");
  for (std::string_view name : names) {
    if (!doc.contains(name)) return invalid("/" + std::string(name), "member is missing");
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    bool known = false;
    for (std::string_view name : names) known = known || it.key() == name;
    if (!known) return invalid("/" + it.key(), "unknown member");
  }
  const Json& t = doc.at("type");
  if (!t.is_string() || t.get_ref<const std::string&>() != type) {
    return invalid("/type", "expected \"" + std::string(type) + "\"");
  }
  return Status::Ok();
}

Result<std::uint64_t> parse_count(const Json& doc, const std::string& name) {
  const Json& v = doc.at(name);
  if (!v.is_number_unsigned() || v.get<std::uint64_t>() > kJsonIntegerMax) {
    return invalid("/" + name, "must be an integer from 0 to 2^53-1");
  }
  return v.get<std::uint64_t>();
}

Result<std::vector<Hash>> parse_hashes(const Json& doc) {
  const Json& arr = doc.at("hashes");
  if (!arr.is_array()) return invalid("/hashes", "must be an array of hex hashes");
  if (arr.size() > kMerkleProofHashesMax) {
    return invalid("/hashes", "more than " + std::to_string(kMerkleProofHashesMax) + " hashes");
  }
  std::vector<Hash> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string field = "/hashes/" + std::to_string(i);
    if (!arr[i].is_string()) return invalid(field, "must be a string of 64 hex digits");
    Result<Hash> h = hash_from_hex(arr[i].get_ref<const std::string&>(), field);
    if (!h.ok()) return h.error();
    out.push_back(*h);
  }
  return out;
}

// The two counts and the hashes of a proof document of either type.
struct Parts {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::vector<Hash> hashes;
};

Result<Parts> parse_parts(const Json& doc, std::string_view type, const std::string& a,
                          const std::string& b) {
  SEMILLA_TRY(check_shape(doc, type, {"type", "hashes", a, b}));
  Parts out;
  Result<std::uint64_t> va = parse_count(doc, a);
  if (!va.ok()) return va.error();
  Result<std::uint64_t> vb = parse_count(doc, b);
  if (!vb.ok()) return vb.error();
  Result<std::vector<Hash>> hashes = parse_hashes(doc);
  if (!hashes.ok()) return hashes.error();
  return Parts{*va, *vb, std::move(*hashes)};
}

}  // namespace

Json to_json(const InclusionProof& proof) {
  return Json{{"type", "inclusion"},
              {"leaf_index", proof.leaf_index},
              {"tree_size", proof.tree_size},
              {"hashes", hashes_json(proof.hashes)}};
}

Json to_json(const ConsistencyProof& proof) {
  return Json{{"type", "consistency"},
              {"first", proof.first},
              {"second", proof.second},
              {"hashes", hashes_json(proof.hashes)}};
}

Result<InclusionProof> parse_inclusion_proof(const Json& doc) {
  Result<Parts> parts = parse_parts(doc, "inclusion", "leaf_index", "tree_size");
  if (!parts.ok()) return parts.error();
  return InclusionProof{parts->a, parts->b, std::move(parts->hashes)};
}

Result<ConsistencyProof> parse_consistency_proof(const Json& doc) {
  Result<Parts> parts = parse_parts(doc, "consistency", "first", "second");
  if (!parts.ok()) return parts.error();
  return ConsistencyProof{parts->a, parts->b, std::move(parts->hashes)};
}

}  // namespace semilla::audit
