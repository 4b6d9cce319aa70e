// SPDX-License-Identifier: Apache-2.0
// RFC 9162 Merkle tree: published Certificate Transparency vectors (AUDIT_STANDARDS.md §9),
// the edge cases of §3 and §8, and exhaustive properties for small trees.
#include "audit/merkle.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "audit/stored_hashes.h"

namespace semilla::audit {
namespace {

Hash h(std::string_view hex) {
  Result<Hash> r = hash_from_hex(hex);
  EXPECT_TRUE(r.ok()) << hex;
  return r.ok() ? *r : Hash{};
}

std::vector<Hash> hashes(std::initializer_list<std::string_view> hexes) {
  std::vector<Hash> out;
  for (std::string_view hex : hexes) out.push_back(h(hex));
  return out;
}

// The eight leaves of the CT test vectors.
std::vector<Hash> ct_leaf_hashes() {
  const char* leaves_hex[] = {"",         "00",       "10",
                              "2021",     "3031",     "40414243",
                              "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
  std::vector<Hash> out;
  for (const char* hex : leaves_hex) out.push_back(merkle_leaf_hash(*bytes_from_hex(hex)));
  return out;
}

MemoryHashStore store_of(const std::vector<Hash>& leaf_hashes) {
  MemoryHashStore store;
  for (const Hash& leaf : leaf_hashes) EXPECT_TRUE(store.append_leaf(leaf).ok());
  return store;
}

const char* const kCtRoots[] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

constexpr std::string_view kLH0 =
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d";
constexpr std::string_view kLH1 =
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7";
constexpr std::string_view kLH2 =
    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7";
constexpr std::string_view kN01 =
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125";
constexpr std::string_view kH5f08 =
    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e";
constexpr std::string_view kH6b47 =
    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4";
constexpr std::string_view kHbc1a =
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b";
constexpr std::string_view kHca85 =
    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0";
constexpr std::string_view kHd37e =
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";
constexpr std::string_view kH0ebc =
    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a";

TEST(Merkle, EmptyTreeIsSha256OfNothing) {
  EXPECT_EQ(to_hex(merkle_empty_root()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(merkle_root({}), merkle_empty_root());
  MemoryHashStore empty;
  Result<Hash> root = stored_tree_hash(0, empty);
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(*root, merkle_empty_root());
}

TEST(Merkle, ThreeLeafTree) {
  const std::vector<Hash> leaves = ct_leaf_hashes();
  EXPECT_EQ(to_hex(leaves[0]), kLH0);
  EXPECT_EQ(to_hex(leaves[1]), kLH1);
  EXPECT_EQ(to_hex(leaves[2]), kLH2);
  EXPECT_EQ(to_hex(merkle_node_hash(leaves[0], leaves[1])), kN01);
  const Hash root = merkle_root(std::span(leaves).first(3));
  EXPECT_EQ(to_hex(root), "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77");
  EXPECT_EQ(base64_encode(as_bytes(root)), "rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=");
  // The lone last leaf moves up unchanged: no duplication as in Bitcoin's tree.
  EXPECT_EQ(root, merkle_node_hash(h(kN01), leaves[2]));
}

TEST(Merkle, CtRootsForSizes1To8) {
  const std::vector<Hash> leaves = ct_leaf_hashes();
  const MemoryHashStore store = store_of(leaves);
  for (std::size_t n = 1; n <= 8; ++n) {
    EXPECT_EQ(to_hex(merkle_root(std::span(leaves).first(n))), kCtRoots[n - 1]) << n;
    Result<Hash> stored = stored_tree_hash(n, store);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(to_hex(*stored), kCtRoots[n - 1]) << n;
  }
}

struct ProofVector {
  std::uint64_t first;  // leaf index, or old size
  std::uint64_t second;  // tree size, or new size
  std::vector<Hash> path;
};

std::vector<ProofVector> inclusion_vectors() {
  return {
      {0, 8, hashes({kLH1, kH5f08, kH6b47})},
      {5, 8, hashes({kHbc1a, kHca85, kHd37e})},
      {2, 3, hashes({kN01})},
      {1, 5, hashes({kLH0, kH5f08, kHbc1a})},
      {0, 3, hashes({kLH1, kLH2})},
      {1, 3, hashes({kLH0, kLH2})},
      {0, 1, {}},
  };
}

std::vector<ProofVector> consistency_vectors() {
  return {
      {1, 8, hashes({kLH1, kH5f08, kH6b47})},
      {6, 8, hashes({kH0ebc, kHca85, kHd37e})},
      {2, 5, hashes({kH5f08, kHbc1a})},
      {1, 3, hashes({kLH1, kLH2})},
      {2, 3, hashes({kLH2})},
  };
}

TEST(Merkle, InclusionVectors) {
  const std::vector<Hash> leaves = ct_leaf_hashes();
  const MemoryHashStore store = store_of(leaves);
  for (const ProofVector& v : inclusion_vectors()) {
    Result<std::vector<Hash>> proof = stored_inclusion_proof(v.first, v.second, store);
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(*proof, v.path) << v.first << " in " << v.second;
    EXPECT_EQ(inclusion_proof_length(v.first, v.second), v.path.size());
    const Hash root = h(kCtRoots[v.second - 1]);
    Status st = verify_inclusion(v.first, v.second, leaves[v.first], v.path, root);
    EXPECT_TRUE(st.ok()) << st.error().to_string();
  }
}

TEST(Merkle, ConsistencyVectors) {
  const MemoryHashStore store = store_of(ct_leaf_hashes());
  for (const ProofVector& v : consistency_vectors()) {
    Result<std::vector<Hash>> proof = stored_consistency_proof(v.first, v.second, store);
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(*proof, v.path) << v.first << " -> " << v.second;
    EXPECT_EQ(consistency_proof_length(v.first, v.second), v.path.size());
    Status st = verify_consistency(v.first, h(kCtRoots[v.first - 1]), v.second,
                                   h(kCtRoots[v.second - 1]), v.path);
    EXPECT_TRUE(st.ok()) << st.error().to_string();
  }
}


// Asserts a kVerifyFailed whose message contains `needle`.
void expect_failure(const Status& st, std::string_view needle) {
  ASSERT_FALSE(st.ok()) << "expected failure mentioning " << needle;
  EXPECT_EQ(st.error().code, ErrorCode::kVerifyFailed);
  EXPECT_NE(st.error().message.find(needle), std::string::npos) << st.error().message;
}

TEST(Merkle, InclusionEdgeCases) {
  const std::vector<Hash> leaves = ct_leaf_hashes();
  const Hash root8 = h(kCtRoots[7]);
  const std::vector<Hash> good = hashes({kHbc1a, kHca85, kHd37e});
  expect_failure(verify_inclusion(8, 8, leaves[5], good, root8), "not below tree size 8");
  expect_failure(verify_inclusion(0, 0, leaves[0], {}, merkle_empty_root()), "not below");
  std::vector<Hash> too_long = good;
  too_long.push_back(leaves[0]);
  expect_failure(verify_inclusion(5, 8, leaves[5], too_long, root8),
                 "inclusion proof step 4 of 4: the root is already reached (proof too long: "
                 "leaf 5 of a tree of size 8 needs 3 hashes)");
  const std::vector<Hash> too_short(good.begin(), good.end() - 1);
  expect_failure(verify_inclusion(5, 8, leaves[5], too_short, root8), "proof too short");
  expect_failure(verify_inclusion(5, 8, leaves[5], std::vector<Hash>(65, leaves[0]), root8),
                 "more than the 64");
  expect_failure(verify_inclusion(5, 8, leaves[4], good, root8),
                 "computed root ");
  expect_failure(verify_inclusion(5, 8, leaves[5], good, h(kCtRoots[6])),
                 ", expected " + to_hex(h(kCtRoots[6])));
  // The wrong position with the right hashes: the path must not be accepted elsewhere.
  expect_failure(verify_inclusion(4, 8, leaves[5], good, root8), "computed root");
  // A one-leaf tree: the empty proof, and the root is the leaf hash.
  EXPECT_TRUE(verify_inclusion(0, 1, leaves[0], {}, leaves[0]).ok());
  expect_failure(verify_inclusion(0, 1, leaves[0], hashes({kLH1}), leaves[0]), "too long");
}

TEST(Merkle, ConsistencyEdgeCases) {
  const Hash root3 = h(kCtRoots[2]);
  const Hash root8 = h(kCtRoots[7]);
  const std::vector<Hash> good = hashes({kH0ebc, kHca85, kHd37e});
  const Hash root6 = h(kCtRoots[5]);
  // m == n: empty proof and byte-equal roots.
  EXPECT_TRUE(verify_consistency(8, root8, 8, root8, {}).ok());
  expect_failure(verify_consistency(8, root8, 8, root3, {}), "at equal size 8");
  expect_failure(verify_consistency(8, root8, 8, root8, good), "must be empty");
  // m == 0: nothing to prove, but the old root must be the real empty root (not zeros).
  EXPECT_TRUE(verify_consistency(0, merkle_empty_root(), 8, root8, {}).ok());
  expect_failure(verify_consistency(0, Hash{}, 8, root8, {}), "SHA-256 of nothing");
  expect_failure(verify_consistency(0, merkle_empty_root(), 8, root8, good), "must be empty");
  // m > n, empty proof for 0 < m < n, bound.
  expect_failure(verify_consistency(9, root8, 8, root8, good), "old tree is larger");
  expect_failure(verify_consistency(6, root6, 8, root8, {}), "is empty");
  expect_failure(verify_consistency(6, root6, 8, root8, std::vector<Hash>(65, root6)),
                 "more than the 64");
  // Too long, too short, wrong roots.
  std::vector<Hash> too_long = good;
  too_long.push_back(root3);
  expect_failure(verify_consistency(6, root6, 8, root8, too_long),
                 "consistency proof step 4 of 4: the root is already reached");
  expect_failure(verify_consistency(6, root6, 8, root8, std::span(good).first(2)),
                 "proof too short: from 6 to 8 needs 3 hashes");
  expect_failure(verify_consistency(6, root3, 8, root8, good), "computed old root");
  expect_failure(verify_consistency(6, root6, 8, root3, good), "computed new root");
  // For a power-of-two old size the old root is the first path element, so a wrong old root
  // shows as a wrong new root.
  expect_failure(verify_consistency(2, root3, 5, h(kCtRoots[4]), hashes({kH5f08, kHbc1a})),
                 "computed new root");
}

TEST(Merkle, GenerationRefusesImpossibleRequests) {
  const MemoryHashStore store = store_of(ct_leaf_hashes());
  Result<std::vector<Hash>> r = stored_inclusion_proof(8, 8, store);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(stored_consistency_proof(9, 8, store).error().code, ErrorCode::kInvalid);
  EXPECT_TRUE(stored_consistency_proof(0, 8, store)->empty());
  EXPECT_TRUE(stored_consistency_proof(8, 8, store)->empty());
  // Asking beyond what the store holds is the reader's kNotFound, not a wrong answer.
  EXPECT_EQ(stored_tree_hash(9, store).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(stored_inclusion_proof(0, 9, store).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(stored_tree_hash(kStoredTreeSizeMax + 1, store).error().code,
            ErrorCode::kLimitExceeded);
}

// Flips one bit of one hash of `proof` and expects verification to fail.
template <typename Verify>
void expect_every_flip_fails(std::vector<Hash> proof, Verify verify) {
  for (std::size_t i = 0; i < proof.size(); ++i) {
    proof[i][i % 32] ^= 0x01U;
    EXPECT_FALSE(verify(proof).ok()) << "flip in hash " << i;
    proof[i][i % 32] ^= 0x01U;
  }
}

TEST(Merkle, EveryInclusionProofUpTo70Leaves) {
  std::vector<Hash> leaves;
  for (int i = 0; i < 70; ++i) leaves.push_back(merkle_leaf_hash("record " + std::to_string(i)));
  const MemoryHashStore store = store_of(leaves);
  for (std::uint64_t n = 1; n <= leaves.size(); ++n) {
    const Hash root = merkle_root(std::span(leaves).first(n));
    ASSERT_EQ(*stored_tree_hash(n, store), root) << n;
    for (std::uint64_t m = 0; m < n; ++m) {
      Result<std::vector<Hash>> proof = stored_inclusion_proof(m, n, store);
      ASSERT_TRUE(proof.ok());
      ASSERT_EQ(proof->size(), inclusion_proof_length(m, n));
      ASSERT_TRUE(verify_inclusion(m, n, leaves[m], *proof, root).ok()) << m << " in " << n;
      expect_every_flip_fails(*proof, [&](const std::vector<Hash>& p) {
        return verify_inclusion(m, n, leaves[m], p, root);
      });
      Hash bad_leaf = leaves[m];
      bad_leaf[31] ^= 0x80U;
      EXPECT_FALSE(verify_inclusion(m, n, bad_leaf, *proof, root).ok());
      if (n > 1) {
        EXPECT_FALSE(verify_inclusion((m + 1) % n, n, leaves[m], *proof, root).ok());
      }
    }
  }
}

TEST(Merkle, EveryConsistencyProofUpTo70Leaves) {
  std::vector<Hash> leaves;
  for (int i = 0; i < 70; ++i) leaves.push_back(merkle_leaf_hash("entry " + std::to_string(i)));
  const MemoryHashStore store = store_of(leaves);
  std::vector<Hash> roots{merkle_empty_root()};
  for (std::size_t n = 1; n <= leaves.size(); ++n) {
    roots.push_back(merkle_root(std::span(leaves).first(n)));
  }
  for (std::uint64_t n = 1; n <= leaves.size(); ++n) {
    for (std::uint64_t m = 0; m <= n; ++m) {
      Result<std::vector<Hash>> proof = stored_consistency_proof(m, n, store);
      ASSERT_TRUE(proof.ok());
      ASSERT_EQ(proof->size(), consistency_proof_length(m, n));
      Status st = verify_consistency(m, roots[m], n, roots[n], *proof);
      ASSERT_TRUE(st.ok()) << m << " -> " << n << ": " << st.error().to_string();
      expect_every_flip_fails(*proof, [&](const std::vector<Hash>& p) {
        return verify_consistency(m, roots[m], n, roots[n], p);
      });
      if (m > 0 && m < n) {
        EXPECT_FALSE(verify_consistency(m, roots[m - 1], n, roots[n], *proof).ok());
        EXPECT_FALSE(verify_consistency(m, roots[m], n, roots[n - 1], *proof).ok());
      }
    }
  }
}

}  // namespace
}  // namespace semilla::audit
