// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/verify.h"

#include <future>
#include <span>
#include <utility>

#include "audit/chain.h"
#include "audit/stored_hashes.h"
#include "ledger/base/lang.h"
#include "ledger/book/log_check.h"
#include "ledger/book/payload.h"
#include "ledger/book/record_pipeline.h"
#include "ledger/book/replay.h"

namespace semilla::book {
namespace {

Error mismatch(const std::string& where, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, where, what);
}

std::string record_of(std::uint64_t seq) { return "record " + std::to_string(seq); }

// Names the first difference between the stored row and the record, for the message.
std::string describe_difference(const Transaction& stored, const Transaction& recorded) {
  if (stored.date != recorded.date) {
    return "date is " + stored.date.to_string() + " in the database but " +
           recorded.date.to_string() + " in the audit record";
  }
  if (stored.postings.size() != recorded.postings.size()) {
    return "the database has " + std::to_string(stored.postings.size()) +
           " postings, the audit record " + std::to_string(recorded.postings.size());
  }
  for (std::size_t i = 0; i < stored.postings.size(); ++i) {
    const auto& s = stored.postings[i];
    const auto& r = recorded.postings[i];
    if (s.account != r.account || s.amount != r.amount) {
      return "posting " + std::to_string(i + 1) + " is " + s.account + " " +
             s.amount.to_string() + " " + std::string(s.amount.currency().code()) +
             " in the database but " + r.account + " " + r.amount.to_string() + " " +
             std::string(r.amount.currency().code()) + " in the audit record";
    }
  }
  return "memo, reference, enterprise, time or reversal link differ from the audit record";
}

Result<Transaction> recorded_transaction(store::Store& store, std::uint64_t seq) {
  std::optional<Transaction> found;
  Status s = store.for_each_record(seq, [&](const store::StoredRecord& r) -> Status {
    auto sealed = audit::open_record(r.bytes);
    if (!sealed.ok()) return sealed.error();
    auto t = transaction_from_payload(sealed->record.payload, seq, sealed->record.time);
    if (!t.ok()) return t.error();
    found = *t;
    return make_error(ErrorCode::kNotFound, "", "stop");  // only the first record is needed
  });
  if (!found) return s.ok() ? make_error(ErrorCode::kVerifyFailed, "", tr("record vanished"))
                            : s.error();
  return *found;
}

Status compare_transactions(store::Store& store, const Replay& replay, VerifyReport& report) {
  std::size_t next = 0;
  Status s = store.for_each_transaction([&](const Transaction& t) -> Status {
    const std::string where = "transaction " + std::to_string(t.id);
    if (t.id != static_cast<std::int64_t>(next) + 1 || next >= replay.transactions.size()) {
      if (next < replay.transactions.size() && t.id > static_cast<std::int64_t>(next) + 1) {
        return mismatch("transaction " + std::to_string(next + 1),
                        "deleted from the database; " +
                            record_of(replay.transactions[next].seq) + " posted it");
      }
      return mismatch(where, "is in the database but no audit record posted it");
    }
    const auto& r = replay.transactions[next++];
    if (fingerprint(t) != r.fingerprint) {
      auto recorded = recorded_transaction(store, r.seq);
      std::string why = recorded.ok() ? describe_difference(t, *recorded) : "differs";
      return mismatch(where + " (" + record_of(r.seq) + ")", why);
    }
    return Status::Ok();
  });
  SEMILLA_TRY(s);
  if (next < replay.transactions.size()) {
    return mismatch("transaction " + std::to_string(next + 1),
                    "deleted from the database; " + record_of(replay.transactions[next].seq) +
                        " posted it");
  }
  report.transactions = next;
  return Status::Ok();
}

// The table's rows beside the replay's, one of each at a time (Replay::BalanceDays).
Status compare_balances(store::Store& store, const Replay& replay, VerifyReport& report) {
  auto expected = replay.balance_days();
  std::size_t compared = 0;
  auto describe = [](const BalanceDay& b) {
    return "account " + std::to_string(b.account_id) + " " + b.currency + " on " +
           b.day.to_string();
  };
  SEMILLA_TRY(store.for_each_balance_day([&](const BalanceDay& b) -> Status {
    auto e = expected.next();
    if (!e.ok()) return e.error();
    if (!*e) return mismatch("balance table", describe(b) + " has a row no record explains");
    ++compared;
    if (!(b == **e)) {
      return mismatch("balance table",
                      describe(**e) + ": the database holds change " +
                          std::to_string(b.delta_minor) + " / closing " +
                          std::to_string(b.closing_minor) + " (" + describe(b) +
                          "), the records give change " + std::to_string((*e)->delta_minor) +
                          " / closing " + std::to_string((*e)->closing_minor) + " minor units");
    }
    return Status::Ok();
  }));
  auto missing = expected.next();
  if (!missing.ok()) return missing.error();
  if (*missing) return mismatch("balance table", describe(**missing) + " is missing");
  report.balance_rows = compared;
  return Status::Ok();
}

Status compare_records_tables(store::Store& store, const Replay& replay, VerifyReport& report) {
  auto info = store.info();
  if (!info.ok()) return info.error();
  if (!replay.info || !info->has_value() || (*info)->currency != replay.info->currency ||
      (*info)->timezone != replay.info->timezone || (*info)->name != replay.info->name) {
    return mismatch("book settings", "differ from record 0 (book.init)");
  }
  auto accounts = store.list_accounts();
  if (!accounts.ok()) return accounts.error();
  for (std::size_t i = 0; i < std::max(accounts->size(), replay.accounts.size()); ++i) {
    if (i >= accounts->size()) {
      return mismatch("account " + replay.accounts[i].name,
                      "deleted from the database; " + record_of(replay.accounts[i].audit_seq) +
                          " created it");
    }
    if (i >= replay.accounts.size() || !((*accounts)[i] == replay.accounts[i])) {
      return mismatch("account " + (*accounts)[i].name,
                      "differs from its audit record or has none");
    }
  }
  auto enterprises = store.list_enterprises();
  if (!enterprises.ok()) return enterprises.error();
  if (enterprises->size() != replay.enterprises.size()) {
    return mismatch("enterprises", std::to_string(enterprises->size()) +
                                       " in the database, " +
                                       std::to_string(replay.enterprises.size()) +
                                       " in the audit records");
  }
  for (const auto& e : *enterprises) {
    auto it = replay.enterprises.find(e.id);
    if (it == replay.enterprises.end() || !(it->second == e)) {
      return mismatch("enterprise " + e.id, "differs from its audit record or has none");
    }
  }
  auto updates = store.list_enterprise_updates();
  if (!updates.ok()) return updates.error();
  if (*updates != replay.enterprise_updates) {
    return mismatch("enterprise updates", std::to_string(updates->size()) +
                                              " rows in the database differ from the " +
                                              std::to_string(replay.enterprise_updates.size()) +
                                              " enterprise.update records");
  }
  auto statuses = store.list_status_names();
  if (!statuses.ok()) return statuses.error();
  if (*statuses != replay.status_names) {
    return mismatch("migration statuses", std::to_string(statuses->size()) +
                                              " rows in the database differ from the " +
                                              std::to_string(replay.status_names.size()) +
                                              " status.define records");
  }
  auto officers = store.list_officer_records();
  if (!officers.ok()) return officers.error();
  if (*officers != replay.officer_records) {
    return mismatch("officers", std::to_string(officers->size()) +
                                    " rows in the database differ from the " +
                                    std::to_string(replay.officer_records.size()) +
                                    " officer records");
  }
  auto approvals = store.list_approval_records();
  if (!approvals.ok()) return approvals.error();
  if (*approvals != replay.approval_records) {
    return mismatch("approvals", std::to_string(approvals->size()) +
                                     " rows in the database differ from the " +
                                     std::to_string(replay.approval_records.size()) +
                                     " policy and approval records");
  }
  report.accounts = accounts->size();
  report.enterprises = enterprises->size();
  return Status::Ok();
}

// "tree hash 9 (level 1, records 4..5)": which records a stored hash covers, so that a
// tampered tree row points at the records to look at.
std::string describe_tree_index(std::int64_t index) {
  std::uint64_t lo = 0;
  std::uint64_t hi = audit::kStoredTreeSizeMax;
  // The leaf n whose batch holds the index: the largest n with stored_hash_count(n) <= index.
  while (hi - lo > 1) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    (audit::stored_hash_count(mid) <= index ? lo : hi) = mid;
  }
  const auto level = static_cast<unsigned>(index - audit::stored_hash_count(lo));
  const std::uint64_t first = lo + 1 - (std::uint64_t{1} << level);
  return "tree hash " + std::to_string(index) + " (level " + std::to_string(level) +
         ", records " + std::to_string(first) + ".." + std::to_string(lo) + ")";
}

// The stored tree hashes must be exactly those rebuilt from the records' bytes.
Status compare_tree(store::Store& store, const LogChecker& log, VerifyReport& report) {
  const auto& expected = log.tree().stored();
  std::size_t next = 0;
  SEMILLA_TRY(store.for_each_tree_hash([&](std::int64_t index, const audit::Hash& h) -> Status {
    if (index != static_cast<std::int64_t>(next) || next >= expected.size()) {
      const auto at = static_cast<std::int64_t>(next);
      if (next < expected.size() && index > at) {
        return mismatch(describe_tree_index(at), "missing from the tree_hashes table");
      }
      return mismatch("tree hash " + std::to_string(index),
                      "stored, but the log's " + std::to_string(log.size()) +
                          " records do not have it: records were removed from the end");
    }
    if (h != expected[next]) {
      return mismatch(describe_tree_index(index),
                      "stored " + audit::to_hex(h) + " but the records give " +
                          audit::to_hex(expected[next]));
    }
    ++next;
    return Status::Ok();
  }));
  if (next < expected.size()) {
    return mismatch(describe_tree_index(static_cast<std::int64_t>(next)),
                    "missing from the tree_hashes table");
  }
  report.tree_hashes = next;
  return Status::Ok();
}

// Every stored checkpoint matches the tree (and its keys), and the table holds exactly the
// checkpoints the log's checkpoint.sign records stored.
Status compare_checkpoints(store::Store& store, const LogChecker& log,
                           std::span<const audit::NoteVerifier> keys, VerifyReport& report) {
  auto rows = store.list_checkpoints();
  if (!rows.ok()) return rows.error();
  const auto& recorded = log.replay().checkpoints;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const auto& row = (*rows)[i];
    const std::string label = "checkpoint " + std::to_string(row.id);
    SEMILLA_TRY(check_checkpoint_note(label, row.note, keys, log));
    if (i >= recorded.size()) {
      return mismatch(label, "is in the database but no audit record stored it");
    }
    const auto& r = recorded[i];
    if (row.id != static_cast<std::int64_t>(i) + 1 || !(CheckpointRecord{row.origin, row.size,
        row.root, row.note, row.verifier_key} == r.checkpoint) || row.audit_seq != r.seq ||
        row.created_at != r.time) {
      return mismatch(label, "differs from " + record_of(r.seq) + ", which stored it");
    }
  }
  if (rows->size() < recorded.size()) {
    const auto& r = recorded[rows->size()];
    return mismatch("checkpoint " + std::to_string(rows->size() + 1),
                    "deleted from the database; " + record_of(r.seq) + " stored it");
  }
  report.checkpoints = recorded.size();
  report.signatures_checked = !keys.empty() && !recorded.empty();
  return Status::Ok();
}

// Everything after the file check: chain, tree, checkpoints, replay and the comparisons.
Status verify_records(store::Store& store, const VerifyOptions& options, VerifyReport& report) {
  LogChecker log;
  std::uint64_t total = 0;
  if (options.progress) {
    auto head = store.audit_head();
    if (head.ok()) total = head->size;
  }
  auto take = [&](PipedRecord& r) -> Status {
    const std::uint64_t seq = r.opened.stored_seq;
    if (options.progress && seq % 10'000 == 0) options.progress(seq, total);
    SEMILLA_TRY(log.next(r.opened));
    const std::string& kind = r.opened.sealed->record.kind;
    if (kind != r.stored_kind) {
      return mismatch(record_of(seq), "kind column altered: " + r.stored_kind + " vs " + kind);
    }
    return Status::Ok();
  };
  auto read = [&](const store::Visitor<store::StoredRecord>& visit) {
    return store.for_each_record(0, visit);
  };
  if (options.read_ahead) {
    SEMILLA_TRY(pipeline_records(read, take));
  } else {
    SEMILLA_TRY(read([&](const store::StoredRecord& r) -> Status {
      PipedRecord opened{audit::open_stored_record(r.seq, r.bytes, r.hash), r.kind};
      return take(opened);
    }));
  }
  if (log.size() == 0) return mismatch("audit log", "is empty: no book.init record");
  if (options.progress) options.progress(log.size(), log.size());
  SEMILLA_TRY(log.finish());
  report.records = log.size();
  report.head = log.head();
  auto root = log.root(log.size());
  if (!root.ok()) return root.error();
  report.root = *root;
  // Checkpoints first: for a truncated log, "checkpoint 1 (size 300): the log has only 250
  // records" says more than the tree rows left over.
  SEMILLA_TRY(compare_checkpoints(store, log, options.keys, report));
  if (options.auditor_checkpoint) {
    auto c = check_auditor_checkpoint(*options.auditor_checkpoint, options.keys, log);
    if (!c.ok()) return c.error();
    report.auditor_size = c->size;
  }
  SEMILLA_TRY(compare_tree(store, log, report));
  const Replay& replay = log.replay();
  SEMILLA_TRY(compare_records_tables(store, replay, report));
  SEMILLA_TRY(compare_transactions(store, replay, report));
  SEMILLA_TRY(compare_balances(store, replay, report));
  SEMILLA_TRY(replay.compare_modules(store));
  // Last: a tamperer who dropped the append-only triggers to edit a row is named by the row
  // above; one who dropped them and changed nothing else is named here.
  return store.check_schema();
}

Result<VerifyReport> verify_in_snapshot(store::Store& store, const VerifyOptions& options) {
  VerifyReport report;
  if (options.file_checker == nullptr) {
    // The file first: replaying rows of a damaged file would name a symptom, not the damage.
    auto file = store.check_file();
    if (!file.ok()) return file.error();
    report.file = *file;
    report.file_checked = true;
    SEMILLA_TRY(verify_records(store, options, report));
    return report;
  }
  // Both at once, each on its own connection; the file's verdict first, for the same reason.
  auto file = std::async(std::launch::async,
                         [checker = options.file_checker] { return checker->check_file(); });
  Status records = verify_records(store, options, report);
  auto checked = file.get();
  if (!checked.ok()) return checked.error();
  report.file = *checked;
  report.file_checked = true;
  SEMILLA_TRY(records);
  return report;
}

}  // namespace

// Records and tables from one snapshot: read in many statements without it, a verify beside
// a `semilla post` would compare the records of one moment with tables of a later one and
// call the difference tampering. The file check keeps its own snapshot (Store::check_file).
Result<VerifyReport> verify_book(store::Store& store, const VerifyOptions& options) {
  SEMILLA_TRY(store.begin_read());
  auto report = verify_in_snapshot(store, options);
  store.end_read();
  return report;
}

}  // namespace semilla::book
