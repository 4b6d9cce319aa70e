// SPDX-License-Identifier: Apache-2.0
#include "audit/proof_json.h"

#include <gtest/gtest.h>

#include <string>

#include "audit/canonical_json.h"

namespace semilla::audit {
namespace {

using Json = nlohmann::json;

const std::string kN01 = "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125";
const std::string kLH2 = "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7";

TEST(ProofJson, DocumentedShapesRoundTrip) {
  const InclusionProof inc{2, 3, {*hash_from_hex(kN01)}};
  EXPECT_EQ(*canonical_json(to_json(inc)),
            R"({"hashes":[")" + kN01 + R"("],"leaf_index":2,"tree_size":3,"type":"inclusion"})");
  Result<InclusionProof> inc_back = parse_inclusion_proof(to_json(inc));
  ASSERT_TRUE(inc_back.ok());
  EXPECT_EQ(inc_back->hashes, inc.hashes);
  EXPECT_EQ(inc_back->tree_size, 3U);
  const ConsistencyProof cons{2, 3, {*hash_from_hex(kLH2)}};
  EXPECT_EQ(*canonical_json(to_json(cons)),
            R"({"first":2,"hashes":[")" + kLH2 + R"("],"second":3,"type":"consistency"})");
  Result<ConsistencyProof> cons_back = parse_consistency_proof(to_json(cons));
  ASSERT_TRUE(cons_back.ok());
  EXPECT_EQ(cons_back->first, 2U);
  EXPECT_EQ(cons_back->second, 3U);
}

TEST(ProofJson, StrictParsingNamesTheField) {
  const std::pair<const char*, const char*> bad[] = {
      {R"({"hashes":[],"leaf_index":0,"tree_size":1})", "/type"},
      {R"({"hashes":[],"leaf_index":0,"tree_size":1,"type":"consistency"})", "/type"},
      {R"({"hashes":[],"leaf_index":0,"tree_size":1,"type":"inclusion","x":1})", "/x"},
      {R"({"hashes":[],"leaf_index":-1,"tree_size":1,"type":"inclusion"})", "/leaf_index"},
      {R"({"hashes":[],"leaf_index":0.5,"tree_size":1,"type":"inclusion"})", "/leaf_index"},
      {R"({"hashes":[],"leaf_index":0,"tree_size":9007199254740992,"type":"inclusion"})",
       "/tree_size"},
      {R"({"hashes":["abc"],"leaf_index":0,"tree_size":1,"type":"inclusion"})", "/hashes/0"},
      {R"({"hashes":[7],"leaf_index":0,"tree_size":1,"type":"inclusion"})", "/hashes/0"},
      {R"({"hashes":"","leaf_index":0,"tree_size":1,"type":"inclusion"})", "/hashes"},
      {R"([])", ""},
  };
  for (const auto& [text, field] : bad) {
    Result<InclusionProof> r = parse_inclusion_proof(Json::parse(text));
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, field) << text;
  }
  Json many = to_json(ConsistencyProof{1, 2, std::vector<Hash>(65, Hash{})});
  EXPECT_EQ(parse_consistency_proof(many).error().field, "/hashes");
}

}  // namespace
}  // namespace semilla::audit
