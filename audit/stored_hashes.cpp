// SPDX-License-Identifier: Apache-2.0
// Every hash a proof or a root needs is the hash of some range of leaves D[lo:hi) that is a
// node of the RFC 9162 tree. Such a range splits, greedily from the left, into complete
// subtrees (each as large as its alignment and the remaining length allow), and its hash is
// the right-to-left fold of theirs with merkle_node_hash. The functions below list the ranges
// a request needs, read all their subtree hashes in one HashReader call, and fold.
#include "audit/stored_hashes.h"

#include <bit>
#include <string>

#include "audit/merkle.h"
#include "ledger/base/check.h"

namespace semilla::audit {
namespace {

struct Range {
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;  // exclusive
};

std::uint64_t split_point(std::uint64_t n) { return std::bit_floor(n - 1); }

Error too_large(std::uint64_t tree_size) {
  return make_error(ErrorCode::kLimitExceeded, "",
                    "tree size " + std::to_string(tree_size) + " is above the supported 2^62");
}

// Appends the stored-hash indexes of the complete subtrees that make up [lo, hi).
void append_subtree_indexes(Range range, std::vector<std::int64_t>& out) {
  std::uint64_t lo = range.lo;
  while (lo < range.hi) {
    const int align = lo == 0 ? 63 : std::countr_zero(lo);
    const int fit = static_cast<int>(std::bit_width(range.hi - lo)) - 1;
    const int level = align < fit ? align : fit;
    out.push_back(stored_hash_index(level, lo >> static_cast<unsigned>(level)));
    lo += std::uint64_t{1} << static_cast<unsigned>(level);
  }
}

// Reads `indexes` and checks the reader kept its contract.
Result<std::vector<Hash>> read_checked(const HashReader& reader,
                                       const std::vector<std::int64_t>& indexes) {
  Result<std::vector<Hash>> hashes = reader.read_hashes(indexes);
  if (hashes.ok() && hashes->size() != indexes.size()) {
    return make_error(ErrorCode::kEnvironment, "",
                      "stored-hash reader returned " + std::to_string(hashes->size()) +
                          " hashes for " + std::to_string(indexes.size()) + " indexes");
  }
  return hashes;
}

// The hash of each range, in order. Ranges must be non-empty nodes of the tree.
Result<std::vector<Hash>> range_hashes(const std::vector<Range>& ranges,
                                       const HashReader& reader) {
  std::vector<std::int64_t> indexes;
  std::vector<std::size_t> ends;  // one past the last index of each range
  for (const Range& range : ranges) {
    append_subtree_indexes(range, indexes);
    ends.push_back(indexes.size());
  }
  Result<std::vector<Hash>> stored = read_checked(reader, indexes);
  if (!stored.ok()) return stored.error();
  std::vector<Hash> out;
  std::size_t begin = 0;
  for (std::size_t end : ends) {
    Hash acc = (*stored)[end - 1];
    for (std::size_t i = end - 1; i > begin; --i) acc = merkle_node_hash((*stored)[i - 1], acc);
    out.push_back(acc);
    begin = end;
  }
  return out;
}

// PATH(m, D[lo:hi]) of RFC 9162 §2.1.3.1 as ranges, deepest first.
void inclusion_ranges(std::uint64_t m, Range range, std::vector<Range>& out) {
  if (range.hi - range.lo <= 1) return;
  const std::uint64_t mid = range.lo + split_point(range.hi - range.lo);
  if (m < mid) {
    inclusion_ranges(m, {range.lo, mid}, out);
    out.push_back({mid, range.hi});
  } else {
    inclusion_ranges(m, {mid, range.hi}, out);
    out.push_back({range.lo, mid});
  }
}

// SUBPROOF(m, D[lo:hi], whole) of RFC 9162 §2.1.4.1 as ranges; m is absolute, lo < m <= hi.
void consistency_ranges(std::uint64_t m, Range range, bool whole, std::vector<Range>& out) {
  if (m == range.hi) {
    if (!whole) out.push_back(range);
    return;
  }
  const std::uint64_t mid = range.lo + split_point(range.hi - range.lo);
  if (m <= mid) {
    consistency_ranges(m, {range.lo, mid}, whole, out);
    out.push_back({mid, range.hi});
  } else {
    consistency_ranges(m, {mid, range.hi}, false, out);
    out.push_back({range.lo, mid});
  }
}

}  // namespace

std::int64_t stored_hash_index(int level, std::uint64_t index) {
  SEMILLA_CHECK(level >= 0 && level <= 62);
  const auto shift = static_cast<unsigned>(level);
  SEMILLA_CHECK(index < (kStoredTreeSizeMax >> shift));
  // The subtree is completed by its last leaf; its hash is number `level` of that leaf's
  // batch, which starts after the hashes of all earlier leaves.
  const std::uint64_t last_leaf = ((index + 1) << shift) - 1;
  return stored_hash_count(last_leaf) + level;
}

std::int64_t stored_hash_count(std::uint64_t tree_size) {
  SEMILLA_CHECK(tree_size <= kStoredTreeSizeMax);
  // Each leaf adds its own hash; n leaves complete n − popcount(n) interior subtrees.
  return static_cast<std::int64_t>(2 * tree_size -
                                   static_cast<std::uint64_t>(std::popcount(tree_size)));
}

Result<std::vector<Hash>> stored_hashes_for_leaf(std::uint64_t leaf_index,
                                                 const Hash& leaf_hash,
                                                 const HashReader& reader) {
  if (leaf_index >= kStoredTreeSizeMax) return too_large(leaf_index + 1);
  // Leaf n completes one subtree per trailing 1 bit of n: at each such level the new node is
  // a right child whose left sibling is already stored.
  const int completed = std::countr_one(leaf_index);
  std::vector<std::int64_t> siblings;
  for (int level = 0; level < completed; ++level) {
    siblings.push_back(stored_hash_index(level, (leaf_index >> level) - 1));
  }
  std::vector<Hash> out{leaf_hash};
  if (siblings.empty()) return out;
  Result<std::vector<Hash>> left = read_checked(reader, siblings);
  if (!left.ok()) return left.error();
  for (const Hash& sibling : *left) out.push_back(merkle_node_hash(sibling, out.back()));
  return out;
}

Result<Hash> stored_tree_hash(std::uint64_t tree_size, const HashReader& reader) {
  if (tree_size > kStoredTreeSizeMax) return too_large(tree_size);
  if (tree_size == 0) return merkle_empty_root();
  Result<std::vector<Hash>> hashes = range_hashes({Range{0, tree_size}}, reader);
  if (!hashes.ok()) return hashes.error();
  return (*hashes)[0];
}

Result<std::vector<Hash>> stored_inclusion_proof(std::uint64_t leaf_index,
                                                 std::uint64_t tree_size,
                                                 const HashReader& reader) {
  if (tree_size > kStoredTreeSizeMax) return too_large(tree_size);
  if (leaf_index >= tree_size) {
    return make_error(ErrorCode::kInvalid, "leaf_index",
                      "leaf " + std::to_string(leaf_index) + " is not in a tree of size " +
                          std::to_string(tree_size));
  }
  std::vector<Range> ranges;
  inclusion_ranges(leaf_index, {0, tree_size}, ranges);
  return range_hashes(ranges, reader);
}

Result<std::vector<Hash>> stored_consistency_proof(std::uint64_t old_size,
                                                   std::uint64_t new_size,
                                                   const HashReader& reader) {
  if (new_size > kStoredTreeSizeMax) return too_large(new_size);
  if (old_size > new_size) {
    return make_error(ErrorCode::kInvalid, "old_size",
                      "old size " + std::to_string(old_size) + " is larger than new size " +
                          std::to_string(new_size));
  }
  if (old_size == 0 || old_size == new_size) return std::vector<Hash>{};
  std::vector<Range> ranges;
  consistency_ranges(old_size, {0, new_size}, true, ranges);
  return range_hashes(ranges, reader);
}

Status MemoryHashStore::append_leaf(const Hash& leaf_hash) {
  Result<std::vector<Hash>> batch = stored_hashes_for_leaf(tree_size_, leaf_hash, *this);
  if (!batch.ok()) return batch.error();
  stored_.insert(stored_.end(), batch->begin(), batch->end());
  ++tree_size_;
  return Status::Ok();
}

Result<std::vector<Hash>> MemoryHashStore::read_hashes(
    std::span<const std::int64_t> indexes) const {
  std::vector<Hash> out;
  out.reserve(indexes.size());
  for (std::int64_t index : indexes) {
    if (index < 0 || static_cast<std::uint64_t>(index) >= stored_.size()) {
      return make_error(ErrorCode::kNotFound, "",
                        "stored hash " + std::to_string(index) + " is not in the store (it holds " +
                            std::to_string(stored_.size()) + ")");
    }
    out.push_back(stored_[static_cast<std::size_t>(index)]);
  }
  return out;
}

}  // namespace semilla::audit
