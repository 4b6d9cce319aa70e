// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/restore.h"

#include "audit/hash.h"
#include "ledger/base/lang.h"
#include "ledger/book/approvals.h"
#include "ledger/book/bundle_scan.h"
#include "ledger/book/checkpoint_record.h"
#include "ledger/book/log_check.h"
#include "ledger/book/officers.h"
#include "ledger/book/payload.h"
#include "ledger/book/writer.h"

namespace semilla::book {
namespace {

Error failed(const std::string& where, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, where, what);
}

// Writes the table rows of one record, as the book wrote them when it appended the record.
class RowWriter {
 public:
  explicit RowWriter(store::Store& store) : store_(store) {}

  Status write(const audit::SealedRecord& r, RestoreReport& report) {
    const auto& kind = r.record.kind;
    const auto& p = r.record.payload;
    const auto seq = r.record.seq;
    if (kind == kKindInit) {
      auto info = book_info_from_payload(p);
      if (!info.ok()) return info.error();
      return store_.put_info(*info);
    }
    if (kind == kKindAccount) {
      auto a = account_from_payload(p, seq);
      if (!a.ok()) return a.error();
      ++report.accounts;
      return store_.insert_account(*a);
    }
    if (kind == kKindEnterprise) {
      auto e = enterprise_from_payload(p, seq);
      if (!e.ok()) return e.error();
      ++report.enterprises;
      return store_.insert_enterprise(*e);
    }
    if (kind == kKindEnterpriseUpdate) {
      auto e = enterprise_from_payload(p, seq);
      if (!e.ok()) return e.error();
      return store_.insert_enterprise_update(*e);
    }
    if (kind == kKindTransaction) {
      auto t = transaction_from_payload(p, seq, r.record.time);
      if (!t.ok()) return t.error();
      ++report.transactions;
      return store_.insert_transaction(*t);
    }
    if (kind == kKindStatusDefine) {
      auto s = status_name_from_payload(p, seq);
      if (!s.ok()) return s.error();
      return store_.insert_status_name(*s);
    }
    if (kind == kKindCheckpoint) return checkpoint(r, report);
    if (is_officer_kind(kind)) {
      auto o = officer_from_payload(kind, p, seq, r.record.signer);
      if (!o.ok()) return o.error();
      return store_.insert_officer_record(*o);
    }
    if (is_approval_kind(kind)) {
      const RecordView view{seq, kind, r.record.time, r.record.signer, audit::to_hex(r.hash), p};
      auto row = approval_row(view);
      if (!row.ok()) return row.error();
      return store_.insert_approval_record(*row);
    }
    // A feature module's record (the replay refuses kinds no one handles): its rows are
    // written from the module's replayed state once every record is in.
    ++report.module_records;
    return Status::Ok();
  }

 private:
  Status checkpoint(const audit::SealedRecord& r, RestoreReport& report) {
    auto c = checkpoint_from_payload(r.record.payload);
    if (!c.ok()) return c.error();
    ++report.checkpoints;
    return store_.insert_checkpoint(store::StoredCheckpoint{
        static_cast<std::int64_t>(report.checkpoints), c->origin, c->size, c->root, c->note,
        c->verifier_key, r.record.time, r.record.seq});
  }

  store::Store& store_;
};

// The bundle's header must state what its records give.
Status check_header(const BundleHeader& h, const LogChecker& log, const audit::Hash& root) {
  if (h.tree_size != log.size() || h.root != audit::to_hex(root)) {
    return failed("bundle", "states tree size " + std::to_string(h.tree_size) + " and root " +
                                h.root + ", but its records give " + std::to_string(log.size()) +
                                " and " + audit::to_hex(root));
  }
  const auto& recorded = log.replay().checkpoints;
  if (h.checkpoints.size() != recorded.size()) {
    return failed("bundle/checkpoints", "are not the checkpoints its records stored");
  }
  for (std::size_t i = 0; i < recorded.size(); ++i) {
    if (h.checkpoints[i] != recorded[i].checkpoint.note) {
      return failed("checkpoint " + std::to_string(i + 1),
                    "differs from record " + std::to_string(recorded[i].seq) + ", which stored it");
    }
  }
  return Status::Ok();
}

Status check_empty(store::Store& store) {
  auto info = store.info();
  if (!info.ok()) return info.error();
  auto head = store.audit_head();
  if (!head.ok()) return head.error();
  if (info->has_value() || head->size > 0) {
    return make_error(ErrorCode::kAlreadyExists, "--db",
                      tr("this database already holds a book; restore into a new file"));
  }
  return Status::Ok();
}

}  // namespace

Result<RestoreReport> restore_bundle(store::Store& store, std::istream& in,
                                     const std::function<void(std::uint64_t)>& progress) {
  // The writer's own time and actor are unused: every record keeps those it was sealed with.
  auto writer = Writer::begin(store, "restore");
  if (!writer.ok()) return writer.error();
  SEMILLA_TRY(check_empty(store));  // under the write lock: no book can appear meanwhile
  LogChecker log(/*fingerprints=*/false);
  RowWriter rows(store);
  RestoreReport report;
  auto header = scan_bundle_opened(in, [&](const audit::OpenedRecord& r) -> Status {
    const std::uint64_t seq = r.stored_seq;
    SEMILLA_TRY(log.next(r));
    SEMILLA_TRY(writer->append_sealed(*r.sealed));
    SEMILLA_TRY(rows.write(*r.sealed, report));
    if (progress && (seq + 1) % 10000 == 0) progress(seq + 1);
    return Status::Ok();
  });
  if (!header.ok()) return header.error();
  if (log.size() == 0) return failed("bundle", "holds no records");
  SEMILLA_TRY(log.finish());
  auto root = log.root(log.size());
  if (!root.ok()) return root.error();
  SEMILLA_TRY(check_header(*header, log, *root));
  SEMILLA_TRY(log.replay().restore_modules(store));
  // The same comparison `audit verify` makes: what was written is what the records say.
  SEMILLA_TRY(log.replay().compare_modules(store));
  SEMILLA_TRY(writer->commit());
  report.records = log.size();
  report.head = log.head();
  report.root = *root;
  return report;
}

}  // namespace semilla::book
