// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/head_check.h"

#include <string>
#include <vector>

#include "audit/merkle.h"
#include "audit/record.h"
#include "audit/stored_hashes.h"
#include "ledger/book/audit_ops.h"

namespace semilla::book {
namespace {

std::string record_of(std::uint64_t seq) { return "record " + std::to_string(seq); }

// A failed read of what must be there (kNotFound, a record that does not parse) means the
// file is damaged; the environment's errors (busy, disk) stay what they are.
Error damaged_unless_environment(const Error& e, const std::string& where) {
  if (e.code == ErrorCode::kEnvironment || e.field == "--db") return e;
  return damaged_book_error(where + ": " + e.to_string());
}

Result<store::StoredRecord> stored_record(store::Store& store, std::uint64_t seq) {
  auto r = store.find_record(seq);
  if (!r.ok()) return r.error();
  if (!r->has_value()) return damaged_book_error(record_of(seq) + " is missing from the log");
  return std::move(**r);
}

Status check_newest_record(store::Store& store, const store::StoredRecord& newest) {
  const std::uint64_t seq = newest.seq;
  if (audit::sha256(newest.bytes) != newest.hash) {
    return damaged_book_error("the log's newest record (" + record_of(seq) +
                              ") does not hash to the stored head");
  }
  auto sealed = audit::open_record(newest.bytes);
  if (!sealed.ok()) return damaged_unless_environment(sealed.error(), record_of(seq));
  if (sealed->record.seq != seq || sealed->record.kind != newest.kind) {
    return damaged_book_error(record_of(seq) + " says it is record " +
                              std::to_string(sealed->record.seq) + " of kind " +
                              sealed->record.kind);
  }
  audit::Hash prev = audit::genesis_prev();
  if (seq > 0) {
    auto before = stored_record(store, seq - 1);
    if (!before.ok()) return before.error();
    prev = before->hash;
  }
  if (sealed->record.prev != prev) {
    return damaged_book_error(record_of(seq) + "'s prev is not the hash stored for " +
                              (seq > 0 ? record_of(seq - 1) : std::string("genesis")));
  }
  return Status::Ok();
}

Status check_tree_edge(store::Store& store, const store::StoredRecord& newest) {
  const std::uint64_t seq = newest.seq;
  const std::string where = "the Merkle tree's hashes of " + record_of(seq);
  auto batch = audit::stored_hashes_for_leaf(seq, audit::merkle_leaf_hash(newest.bytes),
                                             StoreHashReader(store));
  if (!batch.ok()) return damaged_unless_environment(batch.error(), where);
  const std::int64_t first = audit::stored_hash_count(seq);
  std::vector<std::int64_t> indexes;
  for (std::size_t i = 0; i < batch->size(); ++i) {
    indexes.push_back(first + static_cast<std::int64_t>(i));
  }
  auto stored = store.read_tree_hashes(indexes);
  if (!stored.ok()) return damaged_unless_environment(stored.error(), where);
  if (*stored != *batch) {
    return damaged_book_error(where + " (from tree hash " + std::to_string(first) +
                              ") do not match its bytes and the stored subtrees before it");
  }
  return Status::Ok();
}

}  // namespace

Status check_log_head(store::Store& store, const store::AuditHead& head) {
  auto end = store.tree_hash_end();
  if (!end.ok()) return end.error();
  const std::int64_t expected_end = audit::stored_hash_count(head.size);
  if (*end != expected_end) {
    return damaged_book_error("the Merkle tree holds " + std::to_string(*end) + " hashes but " +
                              std::to_string(head.size) + " records make " +
                              std::to_string(expected_end));
  }
  if (head.size == 0) return Status::Ok();
  auto newest = stored_record(store, head.size - 1);
  if (!newest.ok()) return newest.error();
  if (newest->hash != head.hash) {
    return damaged_book_error("the log's head changed while it was read");
  }
  SEMILLA_TRY(check_newest_record(store, *newest));
  return check_tree_edge(store, *newest);
}

}  // namespace semilla::book
