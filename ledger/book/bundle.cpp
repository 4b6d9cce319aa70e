// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/bundle.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "audit/canonical_json.h"
#include "ledger/base/lang.h"
#include "ledger/book/audit_ops.h"
#include "ledger/book/bundle_scan.h"
#include "ledger/book/log_check.h"

namespace semilla::book {
namespace {

using nlohmann::json;

Error failed(const std::string& where, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, where, what);
}

// Distinct verifier keys of the checkpoints, in first-use order.
std::vector<std::string> distinct_keys(const std::vector<std::string>& keys) {
  std::vector<std::string> out;
  for (const auto& k : keys) {
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  }
  return out;
}

}  // namespace

namespace {

// The canonical JSON text of `value`: a string, an array of strings, null.
Result<std::string> canonical(const json& value) { return audit::canonical_json(value); }

// Everything before "records" and after it, in canonical member order (checkpoints, format,
// keys, origin, records, root, tree_size, version), so that the records can be streamed
// between the two.
struct Frame {
  std::string before;
  std::string after;
};

Result<Frame> bundle_frame(store::Store& store, std::uint64_t n) {
  auto checkpoints = store.list_checkpoints();
  if (!checkpoints.ok()) return checkpoints.error();
  json notes = json::array();
  std::vector<std::string> keys;
  for (const auto& c : *checkpoints) {
    notes.push_back(c.note);
    keys.push_back(c.verifier_key);
  }
  auto root = audit::stored_tree_hash(n, StoreHashReader(store));
  if (!root.ok()) return root.error();
  const json origin = checkpoints->empty() ? json(nullptr) : json(checkpoints->front().origin);
  auto c = canonical(notes);
  auto k = canonical(json(distinct_keys(keys)));
  auto o = canonical(origin);
  if (!c.ok() || !k.ok() || !o.ok()) {
    return make_error(ErrorCode::kEnvironment, "", tr("a stored checkpoint is not valid UTF-8"));
  }
  return Frame{"{\"checkpoints\":" + *c + ",\"format\":\"" + std::string(kBundleFormat) +
                   "\",\"keys\":" + *k + ",\"origin\":" + *o + ",\"records\":[",
               "],\"root\":\"" + audit::to_hex(*root) + "\",\"tree_size\":" +
                   std::to_string(n) + ",\"version\":" + std::to_string(kBundleVersion) + "}"};
}

Status write_bundle(store::Store& store, std::ostream& out) {
  auto head = store.audit_head();
  if (!head.ok()) return head.error();
  auto frame = bundle_frame(store, head->size);
  if (!frame.ok()) return frame.error();
  out << frame->before;
  std::uint64_t written = 0;
  SEMILLA_TRY(store.for_each_record(0, [&](const store::StoredRecord& r) -> Status {
    if (r.seq >= head->size) return Status::Ok();  // the frame's root covers head->size
    auto text = canonical(json(r.bytes));
    if (!text.ok()) return text.error();
    out << (written++ == 0 ? "" : ",") << *text;
    return Status::Ok();
  }));
  out << frame->after;
  out.flush();
  if (!out) return make_error(ErrorCode::kEnvironment, "--out", tr("cannot write the bundle"));
  return Status::Ok();
}

}  // namespace

Status export_bundle(store::Store& store, std::ostream& out) {
  // The write lock gives one consistent snapshot: no record or checkpoint lands mid-export.
  SEMILLA_TRY(store.begin());
  Status written = write_bundle(store, out);
  store.rollback();
  return written;
}

Result<std::string> export_bundle(store::Store& store) {
  std::ostringstream out;
  SEMILLA_TRY(export_bundle(store, out));
  return out.str();
}

namespace {

Error header_says(const BundleHeader& h, const LogChecker& log, const audit::Hash& root) {
  return failed("bundle", "states tree size " + std::to_string(h.tree_size) + " and root " +
                              h.root + ", but its records give " + std::to_string(log.size()) +
                              " and " + audit::to_hex(root));
}

// The bundle's header and lists must say what its records say.
Status check_header(const BundleHeader& h, const LogChecker& log, const audit::Hash& root) {
  if (h.version != static_cast<std::uint64_t>(kBundleVersion)) {
    return failed("bundle", "format version " + std::to_string(h.version) + " is not known");
  }
  if (h.tree_size != log.size() || h.root != audit::to_hex(root)) {
    return header_says(h, log, root);
  }
  const auto& recorded = log.replay().checkpoints;
  const auto origin = recorded.empty() ? std::nullopt : std::optional(log.origin());
  if (h.origin != origin) return failed("bundle/origin", "is not the checkpoints' origin");
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < recorded.size(); ++i) {
    keys.push_back(recorded[i].checkpoint.verifier_key);
    if (i >= h.checkpoints.size() || h.checkpoints[i] != recorded[i].checkpoint.note) {
      return failed("checkpoint " + std::to_string(i + 1),
                    "differs from record " + std::to_string(recorded[i].seq) + ", which stored it");
    }
  }
  if (h.checkpoints.size() != recorded.size()) {
    return failed("checkpoint " + std::to_string(recorded.size() + 1),
                  "is in the bundle but no record stored it");
  }
  if (h.keys != distinct_keys(keys)) {
    return failed("bundle/keys", "are not the keys that signed the checkpoints");
  }
  for (const auto& key : h.keys) {
    auto parsed = audit::NoteVerifier::parse(key);
    if (!parsed.ok()) return failed("bundle/keys", parsed.error().message);
  }
  return Status::Ok();
}

Status fill_replay(const Replay& replay, BundleReport& report) {
  auto days = replay.balance_days();
  for (;;) {
    auto row = days.next();
    if (!row.ok()) return row.error();
    if (!*row) break;
    const BalanceDay& d = **row;
    const auto& name = replay.accounts[static_cast<std::size_t>(d.account_id - 1)].name;
    if (!report.balances.empty() && report.balances.back().account == name &&
        report.balances.back().currency == d.currency) {
      report.balances.back().minor = d.closing_minor;
    } else {
      report.balances.push_back(FinalBalance{name, d.currency, d.closing_minor});
    }
  }
  std::erase_if(report.balances, [](const FinalBalance& b) { return b.minor == 0; });
  report.accounts = replay.accounts.size();
  report.enterprises = replay.enterprises.size();
  report.transactions = replay.transactions.size();
  return Status::Ok();
}

}  // namespace

Result<BundleReport> verify_bundle(std::istream& bundle,
                                   std::span<const audit::NoteVerifier> keys,
                                   const std::optional<std::string>& auditor_checkpoint) {
  if (keys.empty()) {
    return make_error(ErrorCode::kUsage, "--key", tr("verifying a bundle needs the log's --key"));
  }
  LogChecker log(/*fingerprints=*/false);
  auto header = scan_bundle_opened(bundle, [&](const audit::OpenedRecord& r) -> Status {
    return log.next(r);
  });
  if (!header.ok()) return header.error();
  if (log.size() == 0) return failed("bundle", "holds no records");
  SEMILLA_TRY(log.finish());
  BundleReport report;
  report.records = log.size();
  report.head = log.head();
  auto root = log.root(log.size());
  if (!root.ok()) return root.error();
  report.root = *root;
  SEMILLA_TRY(check_header(*header, log, *root));
  for (std::size_t i = 0; i < header->checkpoints.size(); ++i) {
    SEMILLA_TRY(check_checkpoint_note("checkpoint " + std::to_string(i + 1),
                                      header->checkpoints[i], keys, log));
  }
  report.checkpoints = header->checkpoints.size();
  report.origin = log.origin();
  if (auditor_checkpoint) {
    auto c = check_auditor_checkpoint(*auditor_checkpoint, keys, log);
    if (!c.ok()) return c.error();
    report.auditor_size = c->size;
  }
  SEMILLA_TRY(fill_replay(log.replay(), report));
  return report;
}

Result<BundleReport> verify_bundle(std::string_view bundle,
                                   std::span<const audit::NoteVerifier> keys,
                                   const std::optional<std::string>& auditor_checkpoint) {
  std::istringstream in{std::string(bundle)};
  return verify_bundle(in, keys, auditor_checkpoint);
}

}  // namespace semilla::book
