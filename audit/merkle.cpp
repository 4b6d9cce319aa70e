// SPDX-License-Identifier: Apache-2.0
// The verifiers follow RFC 9162 §2.1.3.2 and §2.1.4.2 step by step, with the variable names
// of the RFC (fn, sn, r, fr, sr), so that an auditor can compare the two side by side.
#include "audit/merkle.h"

#include <bit>
#include <string>

#include "ledger/base/check.h"

namespace semilla::audit {
namespace {

// Largest power of two strictly less than `n`. Precondition: n >= 2.
std::uint64_t split_point(std::uint64_t n) { return std::bit_floor(n - 1); }

Error verify_failed(std::string message) {
  return make_error(ErrorCode::kVerifyFailed, "", std::move(message));
}

std::string step_prefix(const char* what, std::size_t step, std::size_t steps) {
  return std::string(what) + " step " + std::to_string(step) + " of " + std::to_string(steps) +
         ": ";
}

std::string mismatch(const char* what, const Hash& computed, const Hash& expected) {
  return std::string("computed ") + what + " " + to_hex(computed) + ", expected " +
         to_hex(expected);
}

// Shifts fn and sn right together until fn is odd or zero (the "climb past a right edge" step
// shared by both RFC algorithms).
void shift_until_odd(std::uint64_t& fn, std::uint64_t& sn) {
  while (fn != 0 && (fn & 1U) == 0) {
    fn >>= 1U;
    sn >>= 1U;
  }
}

Hash root_of(std::span<const Hash> leaves) {
  if (leaves.size() == 1) return leaves[0];
  const std::size_t k = split_point(leaves.size());
  return merkle_node_hash(root_of(leaves.first(k)), root_of(leaves.subspan(k)));
}

}  // namespace

Hash merkle_leaf_hash(std::string_view record_bytes) {
  return sha256_concat({std::string_view("\x00", 1), record_bytes});
}

Hash merkle_node_hash(const Hash& left, const Hash& right) {
  return sha256_concat({std::string_view("\x01", 1), as_bytes(left), as_bytes(right)});
}

const Hash& merkle_empty_root() {
  static const Hash kEmpty = sha256("");
  return kEmpty;
}

Hash merkle_root(std::span<const Hash> leaf_hashes) {
  return leaf_hashes.empty() ? merkle_empty_root() : root_of(leaf_hashes);
}

std::size_t inclusion_proof_length(std::uint64_t leaf_index, std::uint64_t tree_size) {
  SEMILLA_CHECK(leaf_index < tree_size);
  // Walk down from the root: one hash per level until the leaf's subtree has one leaf.
  std::size_t length = 0;
  std::uint64_t lo = 0;
  std::uint64_t size = tree_size;
  while (size > 1) {
    const std::uint64_t k = split_point(size);
    if (leaf_index < lo + k) {
      size = k;
    } else {
      lo += k;
      size -= k;
    }
    ++length;
  }
  return length;
}

std::size_t consistency_proof_length(std::uint64_t old_size, std::uint64_t new_size) {
  SEMILLA_CHECK(old_size <= new_size);
  if (old_size == 0 || old_size == new_size) return 0;
  // SUBPROOF of RFC 9162 §2.1.4.1, counting instead of collecting.
  std::size_t length = 0;
  std::uint64_t m = old_size;
  std::uint64_t n = new_size;
  bool whole = true;
  while (m != n) {
    const std::uint64_t k = split_point(n);
    if (m <= k) {
      n = k;
    } else {
      m -= k;
      n -= k;
      whole = false;
    }
    ++length;
  }
  return whole ? length : length + 1;
}

Status verify_inclusion(std::uint64_t leaf_index, std::uint64_t tree_size,
                        const Hash& leaf_hash, std::span<const Hash> proof, const Hash& root) {
  if (leaf_index >= tree_size) {
    return verify_failed("inclusion proof: leaf index " + std::to_string(leaf_index) +
                         " is not below tree size " + std::to_string(tree_size));
  }
  if (proof.size() > kMerkleProofHashesMax) {
    return verify_failed("inclusion proof has " + std::to_string(proof.size()) +
                         " hashes, more than the 64 any tree can need");
  }
  const std::string expected_length =
      "leaf " + std::to_string(leaf_index) + " of a tree of size " + std::to_string(tree_size) +
      " needs " + std::to_string(inclusion_proof_length(leaf_index, tree_size)) + " hashes";
  std::uint64_t fn = leaf_index;
  std::uint64_t sn = tree_size - 1;
  Hash r = leaf_hash;
  for (std::size_t i = 0; i < proof.size(); ++i) {
    if (sn == 0) {
      return verify_failed(step_prefix("inclusion proof", i + 1, proof.size()) +
                           "the root is already reached (proof too long: " + expected_length +
                           ")");
    }
    if ((fn & 1U) == 1U || fn == sn) {
      r = merkle_node_hash(proof[i], r);
      shift_until_odd(fn, sn);
    } else {
      r = merkle_node_hash(r, proof[i]);
    }
    fn >>= 1U;
    sn >>= 1U;
  }
  if (sn != 0) {
    return verify_failed("inclusion proof ends after " + std::to_string(proof.size()) +
                         " hashes below the root (proof too short: " + expected_length + ")");
  }
  if (r != root) return verify_failed("inclusion proof: " + mismatch("root", r, root));
  return Status::Ok();
}

namespace {

// The degenerate consistency cases of AUDIT_STANDARDS §3, which the RFC loop does not cover.
// Returns true (and sets `result`) when the case was one of them.
bool consistency_edge_case(std::uint64_t old_size, const Hash& old_root, std::uint64_t new_size,
                           const Hash& new_root, std::span<const Hash> proof, Status& result) {
  const std::string sizes = std::to_string(old_size) + " to " + std::to_string(new_size);
  if (old_size > new_size) {
    result = verify_failed("consistency proof from " + sizes + ": the old tree is larger");
  } else if (old_size == new_size || old_size == 0) {
    if (!proof.empty()) {
      result = verify_failed("consistency proof from " + sizes + " must be empty, it has " +
                             std::to_string(proof.size()) + " hashes");
    } else if (old_size == 0 && old_root != merkle_empty_root()) {
      result = verify_failed("consistency proof from 0: the empty tree's root must be "
                             "SHA-256 of nothing, " + mismatch("old root", old_root,
                                                               merkle_empty_root()));
    } else if (old_size != 0 && old_root != new_root) {
      result = verify_failed("consistency proof at equal size " + std::to_string(old_size) +
                             ": " + mismatch("root", new_root, old_root));
    } else {
      result = Status::Ok();
    }
  } else if (proof.empty()) {
    result = verify_failed("consistency proof from " + sizes + " is empty");
  } else if (proof.size() > kMerkleProofHashesMax) {
    result = verify_failed("consistency proof has " + std::to_string(proof.size()) +
                           " hashes, more than the 64 any tree can need");
  } else {
    return false;
  }
  return true;
}

}  // namespace

Status verify_consistency(std::uint64_t old_size, const Hash& old_root, std::uint64_t new_size,
                          const Hash& new_root, std::span<const Hash> proof) {
  Status edge;
  if (consistency_edge_case(old_size, old_root, new_size, new_root, proof, edge)) return edge;
  const std::string expected_length =
      "from " + std::to_string(old_size) + " to " + std::to_string(new_size) + " needs " +
      std::to_string(consistency_proof_length(old_size, new_size)) + " hashes";
  // Step 2: when the old tree is a complete subtree, its root is the first path element.
  const bool prepend = std::has_single_bit(old_size);
  std::uint64_t fn = old_size - 1;
  std::uint64_t sn = new_size - 1;
  while ((fn & 1U) == 1U) {
    fn >>= 1U;
    sn >>= 1U;
  }
  Hash fr = prepend ? old_root : proof[0];
  Hash sr = fr;
  for (std::size_t i = prepend ? 0 : 1; i < proof.size(); ++i) {
    const Hash& c = proof[i];
    if (sn == 0) {
      return verify_failed(step_prefix("consistency proof", i + 1, proof.size()) +
                           "the root is already reached (proof too long: " + expected_length +
                           ")");
    }
    if ((fn & 1U) == 1U || fn == sn) {
      fr = merkle_node_hash(c, fr);
      sr = merkle_node_hash(c, sr);
      shift_until_odd(fn, sn);
    } else {
      sr = merkle_node_hash(sr, c);
    }
    fn >>= 1U;
    sn >>= 1U;
  }
  if (sn != 0) {
    return verify_failed("consistency proof ends after " + std::to_string(proof.size()) +
                         " hashes below the root (proof too short: " + expected_length + ")");
  }
  if (fr != old_root) {
    return verify_failed("consistency proof: " + mismatch("old root", fr, old_root));
  }
  if (sr != new_root) {
    return verify_failed("consistency proof: " + mismatch("new root", sr, new_root));
  }
  return Status::Ok();
}

}  // namespace semilla::audit
