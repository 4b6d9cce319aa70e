// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/writer.h"

#include <utility>

#include "audit/canonical_json.h"
#include "audit/hash.h"
#include "audit/merkle.h"
#include "audit/record.h"
#include "audit/record_signature.h"
#include "audit/stored_hashes.h"
#include "ledger/book/head_check.h"

namespace semilla::book {
namespace {

// Tree hashes buffered before a write: bounds the buffer of a very large batch.
constexpr std::size_t kPendingTreeHashesMax = 4096;

// Answers from the writer's cached right edge, and from the store (which sees this
// transaction's own writes) for the rest.
class EdgeReader final : public audit::HashReader {
 public:
  EdgeReader(const std::map<std::int64_t, audit::Hash>& edge, store::Store& store)
      : edge_(edge), store_(store) {}

  Result<std::vector<audit::Hash>> read_hashes(
      std::span<const std::int64_t> indexes) const override {
    std::vector<audit::Hash> out(indexes.size());
    std::vector<std::int64_t> missing;
    std::vector<std::size_t> where;
    for (std::size_t i = 0; i < indexes.size(); ++i) {
      auto it = edge_.find(indexes[i]);
      if (it != edge_.end()) {
        out[i] = it->second;
      } else {
        missing.push_back(indexes[i]);
        where.push_back(i);
      }
    }
    if (missing.empty()) return out;
    auto read = store_.read_tree_hashes(missing);
    if (!read.ok()) return read.error();
    for (std::size_t k = 0; k < where.size() && k < read->size(); ++k) out[where[k]] = (*read)[k];
    return out;
  }

 private:
  const std::map<std::int64_t, audit::Hash>& edge_;
  store::Store& store_;
};

struct Prelude {
  std::string kind;
  nlohmann::json payload;
  bool taken = false;
  bool committed = false;
};

std::optional<Prelude>& prelude_slot() {
  static std::optional<Prelude> slot;
  return slot;
}

}  // namespace

void Writer::arrange_prelude(std::string kind, nlohmann::json payload) {
  prelude_slot() = Prelude{std::move(kind), std::move(payload), false, false};
}

bool Writer::prelude_committed() { return prelude_slot() && prelude_slot()->committed; }

Result<Writer> Writer::begin(store::Store& store, std::string actor,
                             const OfficerKey* officer) {
  SEMILLA_TRY(store.begin());
  // The clock is read once, under the write lock (after any wait for it), so that records
  // follow each other in time and "today" is the day of the record's time.
  auto instant = now();
  auto head = store.audit_head();
  // Under the write lock: nothing is chained onto a head that is not the one last written.
  Status sound = !instant.ok() ? Status(instant.error())
                 : head.ok()   ? check_log_head(store, *head)
                               : Status(head.error());
  auto officers = sound.ok() ? store.list_officer_records()
                             : Result<std::vector<OfficerRecord>>(sound.error());
  if (!officers.ok()) {
    store.rollback();
    return officers.error();
  }
  auto approval_rows = store.list_approval_records();
  if (!approval_rows.ok()) {
    store.rollback();
    return approval_rows.error();
  }
  auto approvals = rebuild_approvals(*officers, *approval_rows);
  if (!approvals.ok()) {
    store.rollback();
    return approvals.error();
  }
  Writer w(store, std::move(actor), *head, *instant);
  for (const auto& r : *officers) w.officers_.apply(r);
  w.approvals_ = std::move(*approvals);
  if (officer != nullptr) w.officer_ = *officer;
  // A refusal of the signer that no record kind changes comes before the command's work.
  if (!w.officers_.empty()) {
    SEMILLA_TRY(w.officers_.check_active(officer ? std::string_view(officer->name) : "", "--as"));
    SEMILLA_TRY(w.check_key());
  }
  if (auto& prelude = prelude_slot(); prelude && !prelude->taken) {
    prelude->taken = true;
    auto seq = w.append(prelude->kind, prelude->payload);
    if (!seq.ok()) return seq.error();
    w.holds_prelude_ = true;
  }
  return w;
}

Status Writer::authorize(std::string_view kind) const {
  const std::string_view signer = officer_ ? std::string_view(officer_->name) : "";
  if (approvals_.waives_role(kind, signer)) {
    SEMILLA_TRY(officers_.check_active(signer, "--as"));
  } else {
    SEMILLA_TRY(officers_.check_signer(kind, signer, "--as"));
  }
  return check_key();
}

Status Writer::step_approvals(std::string_view kind, const nlohmann::json& payload,
                              const audit::Hash& hash) {
  const std::string_view signer = officer_ ? std::string_view(officer_->name) : "";
  const RecordView view{head_.size, kind, time_, signer, audit::to_hex(hash), payload};
  SEMILLA_TRY(approvals_.step(view, officers_));
  if (!is_approval_kind(kind)) return Status::Ok();
  auto row = approval_row(view);
  if (!row.ok()) return row.error();
  return store_->insert_approval_record(*row);
}

Status Writer::check_key() const {
  const Officer* o = officer_ ? officers_.find(officer_->name) : nullptr;
  // The first officer.add has no registered key yet: Book::change_officer compares the key
  // with the one it registers.
  const bool same_key =
      o != nullptr && o->key && o->key->public_key() == officer_->key->verifier().public_key();
  if (o != nullptr && !same_key) {
    return make_error(ErrorCode::kRefused, "--key",
                      "this key is not the one registered for officer \"" + o->name + "\"");
  }
  return Status::Ok();
}

Result<std::string> Writer::signed_bytes(std::string bytes) const {
  if (!officer_) return bytes;
  auto message = audit::with_signer(bytes, officer_->name);
  if (!message.ok()) return message.error();
  auto sig = officer_->key->sign(*message);
  if (!sig.ok()) return sig.error();
  return audit::with_sig(*message, *sig);
}

Result<Date> Writer::today(std::string_view zone) const { return local_date(instant_, zone); }

Writer::Writer(Writer&& other) noexcept
    : store_(other.store_),
      actor_(std::move(other.actor_)),
      head_(other.head_),
      time_(std::move(other.time_)),
      instant_(other.instant_),
      open_(other.open_),
      edge_(std::move(other.edge_)),
      pending_(std::move(other.pending_)),
      pending_first_(other.pending_first_),
      officer_(std::move(other.officer_)),
      officers_(std::move(other.officers_)),
      approvals_(std::move(other.approvals_)),
      holds_prelude_(other.holds_prelude_),
      folded_names_(std::move(other.folded_names_)) {
  other.open_ = false;
}

Writer::~Writer() {
  if (open_) store_->rollback();
}

Result<std::uint64_t> Writer::append(std::string_view kind, nlohmann::json payload) {
  SEMILLA_TRY(authorize(kind));
  audit::Record record{head_.size, time_, actor_, std::string(kind), std::move(payload),
                       head_.size == 0 ? audit::genesis_prev() : head_.hash};
  auto sealed = audit::seal(std::move(record));
  if (!sealed.ok()) return sealed.error();
  if (!officer_) {
    SEMILLA_TRY(step_approvals(kind, sealed->record.payload, sealed->hash));
    return append_bytes(kind, std::move(sealed->bytes), sealed->hash);
  }
  auto bytes = signed_bytes(std::move(sealed->bytes));
  if (!bytes.ok()) return bytes.error();
  const audit::Hash hash = audit::sha256(*bytes);
  SEMILLA_TRY(step_approvals(kind, sealed->record.payload, hash));
  return append_bytes(kind, std::move(*bytes), hash);
}

Result<std::uint64_t> Writer::append_canonical(std::string_view kind,
                                               const Result<std::string>& payload) {
  SEMILLA_TRY(audit::check_envelope(actor_, kind));
  SEMILLA_TRY(authorize(kind));
  if (!payload.ok()) {
    Error e = payload.error();
    e.field = "/payload" + e.field;  // as seal() names it
    return e;
  }
  auto bytes = audit::record_bytes(head_.size, time_, actor_, kind, *payload,
                                   head_.size == 0 ? audit::genesis_prev() : head_.hash);
  if (officer_ && bytes.ok()) bytes = signed_bytes(std::move(*bytes));
  if (!bytes.ok()) return bytes.error();
  const audit::Hash hash = audit::sha256(*bytes);
  if (approvals_.reads(kind)) {  // a book without policies parses nothing here
    auto parsed = nlohmann::json::parse(*payload, nullptr, false);
    SEMILLA_TRY(step_approvals(kind, parsed, hash));
  }
  return append_bytes(kind, std::move(*bytes), hash);
}

Result<std::uint64_t> Writer::append_bytes(std::string_view kind, std::string bytes,
                                           const audit::Hash& hash) {
  const std::uint64_t seq = head_.size;
  const store::StoredRecord record{seq, std::string(kind), std::move(bytes), hash};
  SEMILLA_TRY(store_->append_record(record));
  SEMILLA_TRY(append_tree(seq, audit::merkle_leaf_hash(record.bytes)));
  head_ = store::AuditHead{head_.size + 1, hash};
  return seq;
}

Status Writer::append_sealed(const audit::SealedRecord& sealed) {
  const auto& prev = head_.size == 0 ? audit::genesis_prev() : head_.hash;
  if (sealed.record.seq != head_.size || sealed.record.prev != prev) {
    return make_error(ErrorCode::kVerifyFailed, "record " + std::to_string(sealed.record.seq),
                      "does not follow the log's head (record " + std::to_string(head_.size) +
                          " expected)");
  }
  SEMILLA_TRY(store_->append_record(store::StoredRecord{sealed.record.seq, sealed.record.kind,
                                                        sealed.bytes, sealed.hash}));
  SEMILLA_TRY(append_tree(sealed.record.seq, audit::merkle_leaf_hash(sealed.bytes)));
  head_ = store::AuditHead{head_.size + 1, sealed.hash};
  return Status::Ok();
}

Status Writer::append_tree(std::uint64_t leaf_index, const audit::Hash& leaf_hash) {
  auto hashes = audit::stored_hashes_for_leaf(leaf_index, leaf_hash, EdgeReader(edge_, *store_));
  if (!hashes.ok()) return hashes.error();
  const std::int64_t first = audit::stored_hash_count(leaf_index);
  if (pending_.empty()) pending_first_ = first;
  pending_.insert(pending_.end(), hashes->begin(), hashes->end());
  if (pending_.size() >= kPendingTreeHashesMax) SEMILLA_TRY(flush_tree());
  // The siblings just consumed are inside the new subtree now; only its root stays on the
  // right edge.
  for (int level = 0; level + 1 < static_cast<int>(hashes->size()); ++level) {
    edge_.erase(audit::stored_hash_index(level, (leaf_index >> level) - 1));
  }
  edge_[first + static_cast<std::int64_t>(hashes->size()) - 1] = hashes->back();
  return Status::Ok();
}

Status Writer::flush_tree() {
  SEMILLA_TRY(store_->append_tree_hashes(pending_first_, pending_));
  pending_first_ += static_cast<std::int64_t>(pending_.size());
  pending_.clear();
  return Status::Ok();
}

Status Writer::commit() {
  SEMILLA_TRY(approvals_.check_end());
  SEMILLA_TRY(flush_tree());
  SEMILLA_TRY(store_->commit());
  open_ = false;
  if (holds_prelude_) prelude_slot()->committed = true;
  return Status::Ok();
}

namespace {
std::string ascii_lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}
}  // namespace

Result<std::optional<std::string>> Writer::case_twin(const std::string& name) {
  if (!folded_names_) {
    auto all = store_->list_accounts();
    if (!all.ok()) return all.error();
    folded_names_.emplace();
    for (const Account& a : *all) folded_names_->emplace(ascii_lower(a.name), a.name);
  }
  auto it = folded_names_->find(ascii_lower(name));
  if (it == folded_names_->end() || it->second == name) return std::optional<std::string>{};
  return std::optional<std::string>{it->second};
}

void Writer::note_account(const std::string& name) {
  if (folded_names_) folded_names_->emplace(ascii_lower(name), name);
}

}  // namespace semilla::book
