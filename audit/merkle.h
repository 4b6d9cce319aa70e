// SPDX-License-Identifier: Apache-2.0
// The Merkle tree of the audit log, exactly as RFC 9162 §2.1 defines it (the tree of
// Certificate Transparency), and the verification of its proofs. Pure functions of bytes: an
// offline auditor needs this header and hash.h only. Building proofs from a stored log is in
// stored_hashes.h. docs/audit-format.md §3 and §5 specify every byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "audit/hash.h"
#include "ledger/base/error.h"

namespace semilla::audit {

// Most hashes a proof may hold. A tree of 2^64 leaves has depth 64, so a longer proof is
// malformed; verifiers refuse it before hashing anything, bounding their work.
inline constexpr std::size_t kMerkleProofHashesMax = 64;

// Leaf hash SHA-256(0x00 || record_bytes). The 0x00 prefix keeps a 64-byte record from
// posing as an interior node (second-preimage attack).
[[nodiscard]] Hash merkle_leaf_hash(std::string_view record_bytes);

// Interior node hash SHA-256(0x01 || left || right).
[[nodiscard]] Hash merkle_node_hash(const Hash& left, const Hash& right);

// Root of the empty tree: SHA-256 of no bytes (e3b0c442…). Not all zeros, which is what
// Go's tlog.TreeHash(0) returns.
[[nodiscard]] const Hash& merkle_empty_root();

// The root of the tree whose leaf hashes are `leaf_hashes`, by the recursive definition
// (split at the largest power of two strictly below the size). O(n) time, O(log n) stack:
// the reference the stored-hash code is tested against, and enough for small offline checks.
[[nodiscard]] Hash merkle_root(std::span<const Hash> leaf_hashes);

// Checks an inclusion proof (RFC 9162 §2.1.3.2): that the leaf whose hash is `leaf_hash`
// is leaf number `leaf_index` of the tree of `tree_size` leaves whose root is `root`.
// `proof` lists sibling hashes from the leaf's sibling up to the root's child.
// kVerifyFailed, saying which step failed, when leaf_index >= tree_size, the proof is longer
// than kMerkleProofHashesMax, too long or too short for the position, or the computed root
// differs from `root` ("computed root <hex>, expected <hex>").
[[nodiscard]] Status verify_inclusion(std::uint64_t leaf_index, std::uint64_t tree_size,
                                      const Hash& leaf_hash, std::span<const Hash> proof,
                                      const Hash& root);

// Checks a consistency proof (RFC 9162 §2.1.4.2): that the tree of `old_size` leaves with
// root `old_root` is a prefix of the tree of `new_size` leaves with root `new_root`.
// Edge cases: old_size > new_size fails; old_size == new_size needs an empty proof and equal
// roots; old_size == 0 needs an empty proof and old_root == merkle_empty_root(), and proves
// nothing about the new tree (the auditor starting from 0 trusts its first checkpoint).
// kVerifyFailed, saying which step failed, otherwise as for verify_inclusion.
[[nodiscard]] Status verify_consistency(std::uint64_t old_size, const Hash& old_root,
                                        std::uint64_t new_size, const Hash& new_root,
                                        std::span<const Hash> proof);

// Number of hashes in the inclusion proof of `leaf_index` in a tree of `tree_size` leaves
// (the depth of that leaf). Precondition: leaf_index < tree_size.
[[nodiscard]] std::size_t inclusion_proof_length(std::uint64_t leaf_index,
                                                 std::uint64_t tree_size);

// Number of hashes in the consistency proof from `old_size` to `new_size`.
// Precondition: old_size <= new_size; 0 when they are equal or old_size is 0.
[[nodiscard]] std::size_t consistency_proof_length(std::uint64_t old_size,
                                                   std::uint64_t new_size);

}  // namespace semilla::audit
