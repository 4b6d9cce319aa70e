// SPDX-License-Identifier: Apache-2.0
// Persistent form of the Merkle tree: every complete subtree hash, stored once at a dense
// index, so that the root of any past size and any proof are O(log n) reads and appending a
// leaf is O(1) amortized writes (the "stored hash" scheme of Go's sumdb/tlog, after Crosby
// and Wallach). The SQLite store keeps these hashes in a table keyed by index; tests and the
// offline verifier keep them in memory. docs/audit-format.md §4 specifies the index.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "audit/hash.h"
#include "ledger/base/error.h"

namespace semilla::audit {

// Largest tree size handled by the stored-hash functions. It keeps every stored-hash index
// below 2^63, so that indexes fit an SQLite INTEGER; a ledger will never come near it.
inline constexpr std::uint64_t kStoredTreeSizeMax = std::uint64_t{1} << 62;

// Index at which the hash of the complete subtree at height `level` (0 = leaves) and position
// `index` at that level is stored; it covers leaves [index·2^level, (index+1)·2^level).
// The hashes of leaf n's batch (its leaf hash, then each subtree it completes, lowest first)
// are stored at consecutive indexes starting at stored_hash_count(n).
// Precondition (checked): level <= 62 and (index + 1)·2^level <= kStoredTreeSizeMax.
[[nodiscard]] std::int64_t stored_hash_index(int level, std::uint64_t index);

// How many hashes are stored for a tree of `tree_size` leaves: 2·tree_size − popcount.
// Precondition (checked): tree_size <= kStoredTreeSizeMax.
[[nodiscard]] std::int64_t stored_hash_count(std::uint64_t tree_size);

// Read access to stored hashes, implemented by the SQLite store and by MemoryHashStore.
class HashReader {
 public:
  virtual ~HashReader() = default;
  // The hashes stored at `indexes`, in the same order (indexes may repeat and are not
  // sorted). kNotFound when an index is not stored yet; the store's own errors
  // (kEnvironment) when it cannot read. Returning a different count is a store bug and is
  // reported by the callers below as kEnvironment.
  [[nodiscard]] virtual Result<std::vector<Hash>> read_hashes(
      std::span<const std::int64_t> indexes) const = 0;
};

// The hashes to store when appending leaf number `leaf_index` (0-based, == the current tree
// size) whose leaf hash is `leaf_hash`: the leaf hash, then one node hash per subtree this
// leaf completes. They go at indexes stored_hash_count(leaf_index), +1, ... in this order.
// Reads the left siblings (at most 62) through `reader` in one call. kLimitExceeded at
// kStoredTreeSizeMax; the reader's error otherwise.
[[nodiscard]] Result<std::vector<Hash>> stored_hashes_for_leaf(std::uint64_t leaf_index,
                                                               const Hash& leaf_hash,
                                                               const HashReader& reader);

// Root of the tree of the first `tree_size` leaves: merkle_empty_root() for 0, otherwise
// O(log n) stored hashes read in one call. kLimitExceeded above kStoredTreeSizeMax; the
// reader's error (kNotFound) when the store holds fewer leaves.
[[nodiscard]] Result<Hash> stored_tree_hash(std::uint64_t tree_size, const HashReader& reader);

// The inclusion proof of leaf `leaf_index` in the tree of `tree_size` leaves (RFC 9162
// §2.1.3.1), deepest hash first, read in one call. kInvalid when leaf_index >= tree_size;
// otherwise as stored_tree_hash.
[[nodiscard]] Result<std::vector<Hash>> stored_inclusion_proof(std::uint64_t leaf_index,
                                                               std::uint64_t tree_size,
                                                               const HashReader& reader);

// The consistency proof from `old_size` to `new_size` (RFC 9162 §2.1.4.1), read in one
// call; empty when old_size is 0 or equals new_size. kInvalid when old_size > new_size;
// otherwise as stored_tree_hash.
[[nodiscard]] Result<std::vector<Hash>> stored_consistency_proof(std::uint64_t old_size,
                                                                 std::uint64_t new_size,
                                                                 const HashReader& reader);

// Stored hashes in a vector: for tests, benchmarks and the offline verifier, which rebuilds
// the tree from the records it checks rather than trusting anyone's stored hashes.
class MemoryHashStore final : public HashReader {
 public:
  // Appends one leaf. kLimitExceeded at kStoredTreeSizeMax.
  [[nodiscard]] Status append_leaf(const Hash& leaf_hash);
  // Number of leaves appended.
  [[nodiscard]] std::uint64_t tree_size() const { return tree_size_; }
  // All stored hashes, index i at position i.
  [[nodiscard]] const std::vector<Hash>& stored() const { return stored_; }

  [[nodiscard]] Result<std::vector<Hash>> read_hashes(
      std::span<const std::int64_t> indexes) const override;

 private:
  std::vector<Hash> stored_;
  std::uint64_t tree_size_ = 0;
};

}  // namespace semilla::audit
