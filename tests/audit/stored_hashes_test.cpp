// SPDX-License-Identifier: Apache-2.0
// The stored-hash index scheme, and that reading stored hashes gives the same answers as the
// recursive definition while touching O(log n) hashes in one read.
#include "audit/stored_hashes.h"

#include <gtest/gtest.h>

#include <bit>
#include <string>
#include <vector>

#include "audit/merkle.h"

namespace semilla::audit {
namespace {

// Counts calls and indexes, to show proofs read O(log n) hashes in one round trip.
class CountingReader final : public HashReader {
 public:
  explicit CountingReader(const HashReader& inner) : inner_(inner) {}
  Result<std::vector<Hash>> read_hashes(std::span<const std::int64_t> indexes) const override {
    ++calls;
    hashes_read += indexes.size();
    return inner_.read_hashes(indexes);
  }
  mutable int calls = 0;
  mutable std::size_t hashes_read = 0;

 private:
  const HashReader& inner_;
};

class FailingReader final : public HashReader {
 public:
  Result<std::vector<Hash>> read_hashes(std::span<const std::int64_t>) const override {
    return make_error(ErrorCode::kEnvironment, "", "database is locked");
  }
};

class ShortReader final : public HashReader {
 public:
  Result<std::vector<Hash>> read_hashes(std::span<const std::int64_t>) const override {
    return std::vector<Hash>{};
  }
};

TEST(StoredHashes, IndexLayoutIsPostOrder) {
  // Leaf 0; leaf 1 and node [0,2); leaf 2; leaf 3, node [2,4), node [0,4); leaf 4 ...
  EXPECT_EQ(stored_hash_index(0, 0), 0);
  EXPECT_EQ(stored_hash_index(0, 1), 1);
  EXPECT_EQ(stored_hash_index(1, 0), 2);
  EXPECT_EQ(stored_hash_index(0, 2), 3);
  EXPECT_EQ(stored_hash_index(0, 3), 4);
  EXPECT_EQ(stored_hash_index(1, 1), 5);
  EXPECT_EQ(stored_hash_index(2, 0), 6);
  EXPECT_EQ(stored_hash_index(0, 4), 7);
  EXPECT_EQ(stored_hash_index(3, 0), 14);
  const std::int64_t counts[] = {0, 1, 3, 4, 7, 8, 10, 11, 15};
  for (std::uint64_t n = 0; n < std::size(counts); ++n) {
    EXPECT_EQ(stored_hash_count(n), counts[n]);
  }
  EXPECT_EQ(stored_hash_count(kStoredTreeSizeMax), INT64_MAX);
  // The largest tree's last hash is its root, just below INT64_MAX (the count).
  EXPECT_EQ(stored_hash_index(62, 0), INT64_MAX - 1);
  EXPECT_EQ(stored_hash_index(0, kStoredTreeSizeMax - 1), INT64_MAX - 63);
}

TEST(StoredHashes, EveryStoredHashIsItsSubtreeRoot) {
  std::vector<Hash> leaves;
  MemoryHashStore store;
  for (int i = 0; i < 300; ++i) {
    leaves.push_back(merkle_leaf_hash(std::to_string(i)));
    ASSERT_TRUE(store.append_leaf(leaves.back()).ok());
    ASSERT_EQ(static_cast<std::int64_t>(store.stored().size()),
              stored_hash_count(store.tree_size()));
  }
  for (int level = 0; level <= 8; ++level) {
    const std::size_t width = std::size_t{1} << static_cast<unsigned>(level);
    for (std::size_t i = 0; (i + 1) * width <= leaves.size(); ++i) {
      const auto index = static_cast<std::size_t>(stored_hash_index(level, i));
      ASSERT_EQ(store.stored()[index], merkle_root(std::span(leaves).subspan(i * width, width)))
          << "level " << level << " index " << i;
    }
  }
}

TEST(StoredHashes, ProofsReadLogarithmicallyManyHashesInOneCall) {
  constexpr std::uint64_t kLeaves = std::uint64_t{1} << 17;
  std::vector<Hash> leaves;
  MemoryHashStore store;
  for (std::uint64_t i = 0; i < kLeaves; ++i) {
    leaves.push_back(merkle_leaf_hash(std::to_string(i)));
    ASSERT_TRUE(store.append_leaf(leaves.back()).ok());
  }
  const std::uint64_t sizes[] = {kLeaves, kLeaves - 1, 100'003, 65'537};
  for (std::uint64_t n : sizes) {
    const Hash root = merkle_root(std::span(leaves).first(n));
    CountingReader reader(store);
    EXPECT_EQ(*stored_tree_hash(n, reader), root);
    for (std::uint64_t m : {std::uint64_t{0}, n / 3, n - 1}) {
      Result<std::vector<Hash>> proof = stored_inclusion_proof(m, n, reader);
      ASSERT_TRUE(proof.ok());
      EXPECT_TRUE(verify_inclusion(m, n, leaves[m], *proof, root).ok());
      Result<std::vector<Hash>> cons = stored_consistency_proof(m + 1, n, reader);
      ASSERT_TRUE(cons.ok());
      const Hash old_root = *stored_tree_hash(m + 1, store);
      EXPECT_TRUE(verify_consistency(m + 1, old_root, n, root, *cons).ok());
    }
    // One read per request; the consistency proof from n to n reads nothing.
    EXPECT_EQ(reader.calls, 6);
    // Each request reads at most about 2·log2(n) subtree hashes.
    EXPECT_LE(reader.hashes_read, 7U * 2U * 18U);
  }
}

TEST(StoredHashes, ReaderErrorsPropagate) {
  FailingReader failing;
  const Hash leaf = merkle_leaf_hash("x");
  EXPECT_TRUE(stored_hashes_for_leaf(0, leaf, failing).ok());  // leaf 0 reads nothing
  EXPECT_EQ(stored_hashes_for_leaf(1, leaf, failing).error().code, ErrorCode::kEnvironment);
  EXPECT_EQ(stored_tree_hash(5, failing).error().message, "database is locked");
  ShortReader short_reader;
  Result<Hash> r = stored_tree_hash(5, short_reader);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kEnvironment);
  EXPECT_EQ(stored_hashes_for_leaf(kStoredTreeSizeMax, leaf, failing).error().code,
            ErrorCode::kLimitExceeded);
}

TEST(StoredHashes, BatchForLeafHasOnePlusTrailingOnesHashes) {
  MemoryHashStore store;
  for (std::uint64_t n = 0; n < 64; ++n) {
    const Hash leaf = merkle_leaf_hash(std::to_string(n));
    Result<std::vector<Hash>> batch = stored_hashes_for_leaf(n, leaf, store);
    ASSERT_TRUE(batch.ok());
    EXPECT_EQ(batch->size(), 1U + static_cast<std::size_t>(std::countr_one(n)));
    EXPECT_EQ(batch->front(), leaf);
    ASSERT_TRUE(store.append_leaf(leaf).ok());
  }
  Result<std::vector<Hash>> missing = store.read_hashes(std::vector<std::int64_t>{-1});
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace semilla::audit
