// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/audit_ops.h"

#include <map>
#include <utility>

#include "audit/checkpoint.h"
#include "audit/merkle.h"
#include "audit/record.h"
#include "ledger/base/lang.h"
#include "ledger/book/checkpoint_record.h"
#include "ledger/book/writer.h"

namespace semilla::book {
namespace {

Error refused(const std::string& field, const std::string& message) {
  return make_error(ErrorCode::kRefused, field, message);
}

Error invalid(const std::string& field, const std::string& message) {
  return make_error(ErrorCode::kInvalid, field, message);
}

// The bytes of record `seq`. kNotFound when the log is shorter.
Result<std::string> record_bytes(store::Store& store, std::uint64_t seq) {
  std::optional<std::string> found;
  Status s = store.for_each_record(seq, [&](const store::StoredRecord& r) -> Status {
    found = r.bytes;
    return make_error(ErrorCode::kNotFound, "", "stop");  // only the first is needed
  });
  if (found) return *found;
  if (!s.ok() && s.error().message != "stop") return s.error();
  return make_error(ErrorCode::kNotFound, "--seq", "no record " + std::to_string(seq));
}

// The newest stored checkpoint must still describe a prefix of the tree about to be signed.
Status check_latest_checkpoint(const std::vector<store::StoredCheckpoint>& previous,
                               const audit::HashReader& reader) {
  if (previous.empty()) return Status::Ok();
  const auto& last = previous.back();
  auto root = audit::stored_tree_hash(last.size, reader);
  if (!root.ok()) return root.error();
  if (*root != last.root) {
    return make_error(ErrorCode::kVerifyFailed, "checkpoint " + std::to_string(last.id),
                      "its root is not the tree's root at size " + std::to_string(last.size) +
                          ": the log was altered; run `semilla audit verify`, nothing signed");
  }
  return Status::Ok();
}

}  // namespace

Result<std::uint64_t> log_size(store::Store& store) {
  auto head = store.audit_head();
  if (!head.ok()) return head.error();
  return head->size;
}

Result<store::StoredCheckpoint> sign_checkpoint(store::Store& store,
                                                const audit::NoteSigner& signer,
                                                const std::string& origin_option,
                                                std::string actor, const OfficerKey* officer) {
  const std::string origin = origin_option.empty() ? signer.name() : origin_option;
  if (origin != signer.name()) {
    return refused("--origin", "the key is named \"" + signer.name() + "\"; checkpoints of \"" +
                                   origin + "\" must be signed by a key of that name");
  }
  auto writer = Writer::begin(store, std::move(actor), officer);
  if (!writer.ok()) return writer.error();
  auto previous = store.list_checkpoints();
  if (!previous.ok()) return previous.error();
  if (!previous->empty() && previous->front().origin != origin) {
    return refused("--origin", "this log's checkpoints have origin \"" +
                                   previous->front().origin + "\"; a log has one identity");
  }
  StoreHashReader reader(store);
  SEMILLA_TRY(check_latest_checkpoint(*previous, reader));
  const std::uint64_t size = writer->size();
  auto root = audit::stored_tree_hash(size, reader);
  if (!root.ok()) return root.error();
  auto note = audit::sign_checkpoint(audit::Checkpoint{origin, size, *root, {}}, signer);
  if (!note.ok()) return note.error();
  CheckpointRecord record{origin, size, *root, *note, signer.verifier().to_string()};
  auto seq = writer->append(kKindCheckpoint, to_payload(record));
  if (!seq.ok()) return seq.error();
  store::StoredCheckpoint row{static_cast<std::int64_t>(previous->size()) + 1,
                              origin, size, *root, *note, record.verifier_key,
                              writer->time(), *seq};
  SEMILLA_TRY(store.insert_checkpoint(row));
  SEMILLA_TRY(writer->commit());
  return row;
}

namespace {

// `requested`, or the whole log when nullopt; kInvalid naming `field` beyond the log.
Result<std::uint64_t> tree_size_option(store::Store& store,
                                       std::optional<std::uint64_t> requested,
                                       const char* field) {
  auto n = log_size(store);
  if (!n.ok()) return n.error();
  if (requested.value_or(*n) > *n) {
    return invalid(field, "the log has " + std::to_string(*n) + " records, not " +
                              std::to_string(*requested));
  }
  return requested.value_or(*n);
}

}  // namespace

Result<nlohmann::json> prove_inclusion(store::Store& store, std::uint64_t seq,
                                       std::optional<std::uint64_t> size) {
  auto checked = tree_size_option(store, size, "--size");
  if (!checked.ok()) return checked.error();
  const std::uint64_t tree_size = *checked;
  if (seq >= tree_size) {
    return invalid("--seq", "record " + std::to_string(seq) + " is not in the tree of " +
                                std::to_string(tree_size) + " records");
  }
  auto hashes = audit::stored_inclusion_proof(seq, tree_size, StoreHashReader(store));
  if (!hashes.ok()) return hashes.error();
  auto bytes = record_bytes(store, seq);
  if (!bytes.ok()) return bytes.error();
  nlohmann::json doc = audit::to_json(audit::InclusionProof{seq, tree_size, *hashes});
  doc["record"] = *bytes;
  return doc;
}

Result<nlohmann::json> prove_consistency(store::Store& store, std::uint64_t from,
                                         std::optional<std::uint64_t> to) {
  auto checked = tree_size_option(store, to, "--to");
  if (!checked.ok()) return checked.error();
  const std::uint64_t second = *checked;
  if (from > second) {
    return invalid("--from", std::to_string(from) + " is larger than " + std::to_string(second));
  }
  auto hashes = audit::stored_consistency_proof(from, second, StoreHashReader(store));
  if (!hashes.ok()) return hashes.error();
  return audit::to_json(audit::ConsistencyProof{from, second, *hashes});
}

namespace {

// Roots by tree size, from verified checkpoints first, else from the book's stored tree.
class RootSource {
 public:
  explicit RootSource(store::Store* store) : store_(store) {}

  Status add_checkpoint(const std::string& note, std::span<const audit::NoteVerifier> keys) {
    if (keys.empty()) {
      return make_error(ErrorCode::kUsage, "--key",
                        tr("a --checkpoint is trusted only with --key"));
    }
    auto peeked = audit::peek_checkpoint(note);
    if (!peeked.ok()) return peeked.error();
    auto c = audit::open_checkpoint(note, peeked->origin, keys);
    if (!c.ok()) return make_error(ErrorCode::kVerifyFailed, "--checkpoint",
                                   c.error().to_string());
    roots_[c->size] = {c->root, "signed checkpoint of size " + std::to_string(c->size)};
    return Status::Ok();
  }

  Result<std::pair<audit::Hash, std::string>> root(std::uint64_t size) {
    if (size == 0) return std::pair{audit::merkle_empty_root(), std::string("empty tree")};
    if (auto it = roots_.find(size); it != roots_.end()) return it->second;
    if (store_ == nullptr) {
      return make_error(ErrorCode::kUsage, "--checkpoint",
                        "no root for tree size " + std::to_string(size) +
                            ": give a --checkpoint of that size, or run next to the book");
    }
    auto n = log_size(*store_);
    if (!n.ok()) return n.error();
    if (size > *n) {
      return make_error(ErrorCode::kVerifyFailed, "tree_size",
                        "the book has only " + std::to_string(*n) + " records");
    }
    auto h = audit::stored_tree_hash(size, StoreHashReader(*store_));
    if (!h.ok()) return h.error();
    return std::pair{*h, "the book's tree at size " + std::to_string(size)};
  }

 private:
  store::Store* store_;
  std::map<std::uint64_t, std::pair<audit::Hash, std::string>> roots_;
};

Result<ProofCheck> check_inclusion_doc(nlohmann::json doc, store::Store* store,
                                       RootSource& roots) {
  std::optional<std::string> record;
  if (doc.is_object() && doc.contains("record")) {
    if (!doc["record"].is_string()) return invalid("/record", "must be a string");
    record = doc["record"].get<std::string>();
    doc.erase("record");
  }
  auto proof = audit::parse_inclusion_proof(doc);
  if (!proof.ok()) return proof.error();
  if (!record && store == nullptr) {
    return make_error(ErrorCode::kUsage, "/record", tr("the proof has no record and no book"));
  }
  if (!record) {
    auto bytes = record_bytes(*store, proof->leaf_index);
    if (!bytes.ok()) return bytes.error();
    record = *bytes;
  }
  const std::string where = "inclusion proof of record " + std::to_string(proof->leaf_index);
  auto opened = audit::open_record(*record);
  if (!opened.ok()) return make_error(ErrorCode::kVerifyFailed, where, opened.error().message);
  if (opened->record.seq != proof->leaf_index) {
    return make_error(ErrorCode::kVerifyFailed, where,
                      "the record given is record " + std::to_string(opened->record.seq));
  }
  auto root = roots.root(proof->tree_size);
  if (!root.ok()) return root.error();
  Status s = audit::verify_inclusion(proof->leaf_index, proof->tree_size,
                                     audit::merkle_leaf_hash(*record), proof->hashes,
                                     root->first);
  if (!s.ok()) return make_error(ErrorCode::kVerifyFailed, where, s.error().message);
  return ProofCheck{"inclusion", proof->leaf_index, proof->tree_size, {root->second}};
}

Result<ProofCheck> check_consistency_doc(const nlohmann::json& doc, RootSource& roots) {
  auto proof = audit::parse_consistency_proof(doc);
  if (!proof.ok()) return proof.error();
  auto first = roots.root(proof->first);
  if (!first.ok()) return first.error();
  auto second = roots.root(proof->second);
  if (!second.ok()) return second.error();
  Status s = audit::verify_consistency(proof->first, first->first, proof->second,
                                       second->first, proof->hashes);
  if (!s.ok()) {
    return make_error(ErrorCode::kVerifyFailed,
                      "consistency proof " + std::to_string(proof->first) + " -> " +
                          std::to_string(proof->second),
                      s.error().message);
  }
  return ProofCheck{"consistency", proof->first, proof->second, {first->second, second->second}};
}

}  // namespace

Result<ProofCheck> check_proof(const nlohmann::json& doc, store::Store* store,
                               std::span<const std::string> checkpoint_notes,
                               std::span<const audit::NoteVerifier> keys) {
  RootSource roots(store);
  for (const auto& note : checkpoint_notes) SEMILLA_TRY(roots.add_checkpoint(note, keys));
  if (!doc.is_object() || !doc.contains("type") || !doc["type"].is_string()) {
    return invalid("/type", "a proof document has a \"type\"");
  }
  const auto& type = doc["type"].get_ref<const std::string&>();
  if (type == "inclusion") return check_inclusion_doc(doc, store, roots);
  if (type == "consistency") return check_consistency_doc(doc, roots);
  return invalid("/type", "\"" + type + "\" is neither inclusion nor consistency");
}

}  // namespace semilla::book
