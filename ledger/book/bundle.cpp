// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/bundle.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "audit/canonical_json.h"
#include "ledger/book/audit_ops.h"
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
    return make_error(ErrorCode::kEnvironment, "", "a stored checkpoint is not valid UTF-8");
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
  if (!out) return make_error(ErrorCode::kEnvironment, "--out", "cannot write the bundle");
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

// The document, if `bundle` is exactly its canonical encoding with the documented members.
Result<json> parse_bundle(std::string_view bundle) {
  json doc;
  try {
    doc = json::parse(bundle);
  } catch (const json::exception& e) {
    const std::size_t byte = e.id == 101 ? static_cast<const json::parse_error&>(e).byte : 0;
    return failed("bundle", "not valid JSON (parse error at byte " + std::to_string(byte) +
                                "): the file was altered");
  }
  auto canonical = audit::canonical_json(doc);
  if (!canonical.ok() || *canonical != bundle) {
    std::size_t at = 0;
    if (canonical.ok()) {
      while (at < bundle.size() && at < canonical->size() && bundle[at] == (*canonical)[at]) ++at;
    }
    return failed("bundle", "not in canonical JSON form (first difference at byte " +
                                std::to_string(at) + "): the file was altered");
  }
  static const char* const kMembers[] = {"checkpoints", "format", "keys",     "origin",
                                         "records",     "root",   "tree_size", "version"};
  if (!doc.is_object() || doc.size() != std::size(kMembers)) {
    return failed("bundle", "does not have exactly the members of format version 1");
  }
  for (const char* m : kMembers) {
    if (!doc.contains(m)) return failed("bundle", std::string("member ") + m + " is missing");
  }
  if (doc["format"] != kBundleFormat || doc["version"] != kBundleVersion) {
    return failed("bundle", "not a semilla-audit-bundle of version 1");
  }
  for (const char* m : {"records", "checkpoints", "keys"}) {
    if (!doc[m].is_array() ||
        !std::all_of(doc[m].begin(), doc[m].end(), [](const json& v) { return v.is_string(); })) {
      return failed("bundle/" + std::string(m), "must be an array of strings");
    }
  }
  if (!doc["tree_size"].is_number_unsigned() || !doc["root"].is_string() ||
      !(doc["origin"].is_null() || doc["origin"].is_string())) {
    return failed("bundle", "tree_size, root or origin has the wrong type");
  }
  return doc;
}

// The bundle's header and lists must say what its records say.
Status check_header(const json& doc, const LogChecker& log, const audit::Hash& root) {
  if (doc["tree_size"].get<std::uint64_t>() != log.size() ||
      doc["root"].get<std::string>() != audit::to_hex(root)) {
    return failed("bundle", "states tree size " + doc["tree_size"].dump() + " and root " +
                                doc["root"].dump() + ", but its records give " +
                                std::to_string(log.size()) + " and " + audit::to_hex(root));
  }
  const auto& recorded = log.replay().checkpoints;
  const json origin = recorded.empty() ? json(nullptr) : json(log.origin());
  if (doc["origin"] != origin) return failed("bundle/origin", "is not the checkpoints' origin");
  const auto& notes = doc["checkpoints"];
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < recorded.size(); ++i) {
    keys.push_back(recorded[i].checkpoint.verifier_key);
    if (i >= notes.size() || notes[i] != recorded[i].checkpoint.note) {
      return failed("checkpoint " + std::to_string(i + 1),
                    "differs from record " + std::to_string(recorded[i].seq) + ", which stored it");
    }
  }
  if (notes.size() != recorded.size()) {
    return failed("checkpoint " + std::to_string(recorded.size() + 1),
                  "is in the bundle but no record stored it");
  }
  if (doc["keys"] != json(distinct_keys(keys))) {
    return failed("bundle/keys", "are not the keys that signed the checkpoints");
  }
  return Status::Ok();
}

Status fill_replay(const Replay& replay, BundleReport& report) {
  auto days = replay.balance_days();
  if (!days.ok()) return days.error();
  for (const auto& d : *days) {
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

Result<BundleReport> verify_bundle(std::string_view bundle,
                                   std::span<const audit::NoteVerifier> keys,
                                   const std::optional<std::string>& auditor_checkpoint) {
  if (keys.empty()) {
    return make_error(ErrorCode::kUsage, "--key", "verifying a bundle needs the log's --key");
  }
  auto doc = parse_bundle(bundle);
  if (!doc.ok()) return doc.error();
  LogChecker log;
  const auto& records = (*doc)["records"];
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& bytes = records[i].get_ref<const std::string&>();
    auto sealed = log.next(i, bytes, audit::sha256(bytes));
    if (!sealed.ok()) return sealed.error();
  }
  if (log.size() == 0) return failed("bundle", "holds no records");
  BundleReport report;
  report.records = log.size();
  report.head = log.head();
  auto root = log.root(log.size());
  if (!root.ok()) return root.error();
  report.root = *root;
  SEMILLA_TRY(check_header(*doc, log, *root));
  for (const auto& key : (*doc)["keys"]) {
    auto parsed = audit::NoteVerifier::parse(key.get<std::string>());
    if (!parsed.ok()) return failed("bundle/keys", parsed.error().message);
  }
  const auto& notes = (*doc)["checkpoints"];
  for (std::size_t i = 0; i < notes.size(); ++i) {
    SEMILLA_TRY(check_checkpoint_note("checkpoint " + std::to_string(i + 1),
                                      notes[i].get<std::string>(), keys, log));
  }
  report.checkpoints = notes.size();
  report.origin = log.origin();
  if (auditor_checkpoint) {
    auto c = check_auditor_checkpoint(*auditor_checkpoint, keys, log);
    if (!c.ok()) return c.error();
    report.auditor_size = c->size;
  }
  SEMILLA_TRY(fill_replay(log.replay(), report));
  return report;
}

}  // namespace semilla::book
