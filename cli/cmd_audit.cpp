// SPDX-License-Identifier: Apache-2.0
// semilla audit verify | checkpoint | checkpoints | prove | check-proof | export
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "audit/canonical_json.h"
#include "cli/commands.h"
#include "cli/csv_out.h"
#include "cli/progress.h"
#include "cli/table.h"
#include "ledger/base/check.h"
#include "ledger/book/audit_ops.h"
#include "ledger/book/bundle.h"
#include "ledger/book/verify.h"
#include "ledger/money/amount.h"

namespace semilla::cli {
namespace {

using nlohmann::json;

// Largest proof, checkpoint or key file read whole (bundles are streamed): far above any real
// one, so that a wrong path to a huge file fails fast.
constexpr std::uintmax_t kAuditFileBytesMax = std::uintmax_t{1} << 20;

Result<std::string> read_file(const std::string& path, const std::string& field) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  const TrArgs file = {{"file", path}};
  if (ec) return make_error(ErrorCode::kEnvironment, field, trf("cannot read {file}", file));
  if (size > kAuditFileBytesMax) {
    return make_error(ErrorCode::kLimitExceeded, field, trf("{file} is larger than 1 MiB", file));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  if (!in && !in.eof()) {
    return make_error(ErrorCode::kEnvironment, field, trf("cannot read {file}", file));
  }
  return out.str();
}

// --key takes a verifier key string, or a file holding one (as `keys generate` can save it).
Result<std::vector<audit::NoteVerifier>> parse_keys(const std::vector<std::string>& args) {
  std::vector<audit::NoteVerifier> out;
  for (const auto& arg : args) {
    auto key = audit::NoteVerifier::parse(arg);
    if (!key.ok() && std::filesystem::is_regular_file(arg)) {
      auto text = read_file(arg, "--key");
      if (!text.ok()) return text.error();
      std::string line = text->substr(0, text->find('\n'));
      key = audit::NoteVerifier::parse(line);
    }
    if (!key.ok()) return make_error(ErrorCode::kInvalid, "--key", key.error().message);
    out.push_back(*key);
  }
  return out;
}

// Verification failures print "semilla audit <what>: FAILED" and what failed, then exit 3.
ExitCode report_failure(const Context& ctx, const std::string& what, const Error& e) {
  if (e.code != ErrorCode::kVerifyFailed) return report_error(ctx, e);
  if (ctx.json()) {
    print_json({{"ok", false},
                {"error", {{"code", error_code_name(e.code)}, {"where", e.field},
                           {"message", e.message}}}});
  } else {
    std::cerr << trf("semilla audit {what}: FAILED", {{"what", what}}) << "\n  " << e.to_string()
              << '\n';
  }
  return exit_code_for(e.code);
}

struct VerifyArgs {
  std::vector<std::string> keys;
  std::string checkpoint;  // file
  std::string bundle;      // file
  int jobs = 2;            // cores: 2 runs SQLite's integrity check beside the replay
};

using PageChecksums = store::FileCheck::PageChecksums;

// The warning: translated on stderr, in English in --json's "warnings" (a value, not prose).
constexpr const char* kNoPageChecksums =
    tr_noop("this book has no page checksums (it was created before them): damage in bytes "
            "SQLite never reads goes unnoticed; `semilla book upgrade` adds them");

// The file line of the report: what check_file() covered.
std::string file_summary(const store::FileCheck& f) {
  switch (f.page_checksums) {
    case PageChecksums::kChecked:
      return trf("{pages} page checksums, SQLite integrity check, header and schema sound",
                 {{"pages", std::to_string(f.pages)}});
    case PageChecksums::kAbsent:
      return tr("SQLite integrity check, header and schema sound; NO page checksums");
    case PageChecksums::kNotApplicable:
      break;
  }
  return tr("integrity check and schema sound");
}

// "  file:         " and the other labels of verify's summary, padded so that the values stand
// in one column past the widest label of the language in use.
std::string label(const char* text) {
  static const char* kLabels[] = {tr_noop("file:"),        tr_noop("records:"),
                                  tr_noop("head:"),        tr_noop("tree root:"),
                                  tr_noop("checkpoints:"), tr_noop("auditor:"),
                                  tr_noop("replayed:")};
  std::size_t width = 0;
  for (const char* l : kLabels) width = std::max(width, display_width(tr(l)) + 2);
  const std::string shown = tr(text);
  return "  " + shown + std::string(width - display_width(shown), ' ');
}

ExitCode print_book_report(const Context& ctx, const book::VerifyReport& r) {
  const std::string head = audit::to_hex(r.head);
  const std::string root = audit::to_hex(r.root);
  const bool no_checksums = r.file.page_checksums == PageChecksums::kAbsent;
  if (no_checksums) {
    std::cerr << trf("semilla: warning: {message}", {{"message", tr(kNoPageChecksums)}}) << '\n';
  }
  if (ctx.json()) {
    const bool checked = r.file.page_checksums == PageChecksums::kChecked;
    print_json({{"ok", true}, {"file_checked", r.file_checked},
                {"page_checksums", checked ? json("checked") : no_checksums ? json("absent")
                                                                            : json()},
                {"pages_checked", r.file.pages},
                {"warnings", no_checksums ? json::array({kNoPageChecksums}) : json::array()},
                {"records", r.records},
                {"head", head}, {"root", root},
                {"tree_hashes", r.tree_hashes}, {"checkpoints", r.checkpoints},
                {"signatures_checked", r.signatures_checked},
                {"auditor_checkpoint_size", r.auditor_size ? json(*r.auditor_size) : json()},
                {"accounts", r.accounts}, {"enterprises", r.enterprises},
                {"transactions", r.transactions}, {"balance_rows", r.balance_rows}});
    return kExitOk;
  }
  const auto n = [](auto v) { return std::to_string(v); };
  std::cout << tr("audit verify: OK") << "\n"
            << label("file:") << file_summary(r.file) << "\n"
            << label("records:") << trf("{count} (hash chain intact)", {{"count", n(r.records)}})
            << "\n"
            << label("head:") << head << "\n"
            << label("tree root:")
            << trf("{root} ({count} stored tree hashes match the records)",
                   {{"root", root}, {"count", n(r.tree_hashes)}})
            << "\n"
            << label("checkpoints:")
            << (r.signatures_checked
                    ? trf("{count} match the tree, signatures verified",
                          {{"count", n(r.checkpoints)}})
                    : trf("{count} match the tree", {{"count", n(r.checkpoints)}}))
            << "\n";
  if (r.auditor_size) {
    std::cout << label("auditor:")
              << trf("checkpoint of size {size} is a prefix of this log (consistency proof "
                     "verified)",
                     {{"size", n(*r.auditor_size)}})
              << "\n";
  }
  std::cout << label("replayed:")
            << trf("{accounts} accounts, {enterprises} enterprises, {transactions} "
                   "transactions, {rows} balance rows: all match the database",
                   {{"accounts", n(r.accounts)}, {"enterprises", n(r.enterprises)},
                    {"transactions", n(r.transactions)}, {"rows", n(r.balance_rows)}})
            << "\n";
  return kExitOk;
}

// A replayed balance as decimal text in its currency ("-1500.00"), as amounts leave everywhere.
std::string balance_text(const book::FinalBalance& b) {
  auto currency = money::Currency::find(b.currency);
  SEMILLA_CHECK(currency.ok());  // the replay parsed every posting's currency
  return money::Amount::from_minor(b.minor, *currency).to_string();
}

ExitCode print_bundle_report(const Context& ctx, const book::BundleReport& r) {
  json balances = json::array();
  for (const auto& b : r.balances) {
    balances.push_back(
        {{"account", b.account}, {"currency", b.currency}, {"amount", balance_text(b)}});
  }
  if (ctx.json()) {
    print_json({{"ok", true}, {"records", r.records}, {"head", audit::to_hex(r.head)},
                {"root", audit::to_hex(r.root)}, {"origin", r.origin},
                {"checkpoints", r.checkpoints},
                {"auditor_checkpoint_size", r.auditor_size ? json(*r.auditor_size) : json()},
                {"accounts", r.accounts}, {"enterprises", r.enterprises},
                {"transactions", r.transactions}, {"balances", balances}});
    return kExitOk;
  }
  const auto n = [](auto v) { return std::to_string(v); };
  std::cout << tr("audit verify --bundle: OK") << "\n"
            << label("records:")
            << trf("{count} (hash chain intact, replayed)", {{"count", n(r.records)}}) << "\n"
            << label("tree root:") << audit::to_hex(r.root) << "\n"
            << label("checkpoints:")
            << trf("{count} signed by the given key, match the tree",
                   {{"count", n(r.checkpoints)}})
            << "\n";
  if (r.auditor_size) {
    std::cout << label("auditor:")
              << trf("checkpoint of size {size} is a prefix of the bundle (consistency proof "
                     "verified)",
                     {{"size", n(*r.auditor_size)}})
              << "\n";
  }
  std::cout << label("replayed:")
            << trf("{accounts} accounts, {enterprises} enterprises, {transactions} transactions",
                   {{"accounts", n(r.accounts)}, {"enterprises", n(r.enterprises)},
                    {"transactions", n(r.transactions)}})
            << "\n";
  Table t({{tr("Account")}, {tr("Balance"), Table::Align::kNumber}, {tr("Cur")}});
  for (const auto& b : r.balances) t.add_row({b.account, balance_text(b), b.currency});
  t.print(std::cout);
  return kExitOk;
}

ExitCode run_verify(Context& ctx, const VerifyArgs& args) {
  auto keys = parse_keys(args.keys);
  if (!keys.ok()) return report_error(ctx, keys.error());
  std::optional<std::string> checkpoint;
  if (!args.checkpoint.empty()) {
    auto text = read_file(args.checkpoint, "--checkpoint");
    if (!text.ok()) return report_error(ctx, text.error());
    checkpoint = *text;
  }
  if (!args.bundle.empty()) {
    std::ifstream bundle(args.bundle, std::ios::binary);
    if (!bundle) {
      return report_error(ctx, make_error(ErrorCode::kEnvironment, "--bundle",
                                          trf("cannot read {file}", {{"file", args.bundle}})));
    }
    auto report = book::verify_bundle(bundle, *keys, checkpoint);
    if (!report.ok()) return report_failure(ctx, "verify --bundle", report.error());
    return print_bundle_report(ctx, *report);
  }
  if (checkpoint && keys->empty()) {
    return report_error(ctx, make_error(ErrorCode::kUsage, "--key",
                                        tr("--checkpoint is trusted only with --key")));
  }
  auto store = ctx.store();
  if (!store.ok()) return report_error(ctx, store.error());
  // With 2 jobs, SQLite's integrity check runs on a second read-only connection, on the other
  // core, beside the replay (when that connection cannot be opened, verify checks the file
  // first on its own, as with 1 job).
  auto wait = ctx.wait_seconds();
  if (!wait.ok()) return report_error(ctx, wait.error());
  Result<std::unique_ptr<store::Store>> checker = std::unique_ptr<store::Store>();
  if (args.jobs > 1) {
    checker = store::open_sqlite_store(
        ctx.db_path(), store::OpenOptions{store::OpenMode::kRead, *wait * 1000});
  }
  book::VerifyOptions options{*keys, checkpoint, nullptr, false, {}};
  if (checker.ok()) options.file_checker = checker->get();
  options.read_ahead = args.jobs > 2;
  options.progress = terminal_progress(ctx, "audit verify", "records");
  auto report = book::verify_book(**store, options);
  if (!report.ok()) return report_failure(ctx, "verify", report.error());
  return print_book_report(ctx, *report);
}

ExitCode run_checkpoint(Context& ctx, const std::string& key_file, const std::string& origin) {
  auto signer = audit::read_signer_key_file(key_file);
  if (!signer.ok()) return report_error(ctx, signer.error());
  SEMILLA_OPEN_BOOK(ctx, b);
  auto c = book::sign_checkpoint(b.store(), *signer, origin, ctx.actor(), b.officer());
  if (!c.ok()) return report_failure(ctx, "checkpoint", c.error());
  if (ctx.json()) {
    print_json({{"ok", true}, {"id", c->id}, {"origin", c->origin}, {"size", c->size},
                {"root", audit::to_hex(c->root)}, {"record", c->audit_seq},
                {"note", c->note}});
  } else {
    std::cout << c->note;
  }
  return kExitOk;
}

ExitCode run_checkpoints(Context& ctx) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto list = b.store().list_checkpoints();
  if (!list.ok()) return report_error(ctx, list.error());
  json out = json::array();
  Table t({{tr("Id"), Table::Align::kRight}, {tr("Size"), Table::Align::kRight},
          {tr("Root (base64)")},
           {tr("Signed at")}, {tr("Origin")}});
  for (const auto& c : *list) {
    const std::string root = audit::base64_encode(audit::as_bytes(c.root));
    out.push_back({{"id", c.id}, {"origin", c.origin}, {"size", c.size},
                   {"root", audit::to_hex(c.root)}, {"created_at", c.created_at},
                   {"record", c.audit_seq}, {"key", c.verifier_key}, {"note", c.note}});
    t.add_row({std::to_string(c.id), std::to_string(c.size), root, c.created_at, c.origin});
  }
  if (ctx.csv()) {
    write_csv(std::cout, {"", &out, {"id", "size", "root", "created_at", "origin", "record",
                                      "key"}});
  } else if (ctx.json()) {
    print_json({{"checkpoints", out}});
  } else {
    t.print(std::cout);
  }
  return kExitOk;
}

ExitCode print_proof(const Context& ctx, const Result<json>& doc) {
  if (!doc.ok()) return report_error(ctx, doc.error());
  auto text = audit::canonical_json(*doc);
  if (!text.ok()) return report_error(ctx, text.error());
  std::cout << *text << '\n';
  return kExitOk;
}

struct CheckProofArgs {
  std::string file;
  std::vector<std::string> checkpoints;
  std::vector<std::string> keys;
};

ExitCode run_check_proof(Context& ctx, const CheckProofArgs& args) {
  auto keys = parse_keys(args.keys);
  if (!keys.ok()) return report_error(ctx, keys.error());
  std::vector<std::string> notes;
  for (const auto& path : args.checkpoints) {
    auto text = read_file(path, "--checkpoint");
    if (!text.ok()) return report_error(ctx, text.error());
    notes.push_back(*text);
  }
  auto text = read_file(args.file, "FILE");
  if (!text.ok()) return report_error(ctx, text.error());
  json doc = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return report_error(ctx, make_error(ErrorCode::kInvalid, "FILE", tr("not a JSON document")));
  }
  // The book is optional: an auditor checks proofs against checkpoints alone.
  store::Store* store = nullptr;
  if (std::filesystem::exists(ctx.db_path())) {
    auto s = ctx.store();
    if (!s.ok()) return report_error(ctx, s.error());
    store = *s;
  }
  auto check = book::check_proof(doc, store, notes, *keys);
  if (!check.ok()) return report_failure(ctx, "check-proof", check.error());
  const auto& c = *check;
  if (ctx.json()) {
    print_json({{"ok", true}, {"type", c.type}, {"roots", c.root_sources}});
  } else if (c.type == "inclusion") {
    std::cout << trf("check-proof: OK: record {record} is in the tree of size {size} (root from "
                     "{source})",
                     {{"record", std::to_string(c.a)}, {"size", std::to_string(c.b)},
                      {"source", c.root_sources[0]}})
              << "\n";
  } else {
    std::cout << trf("check-proof: OK: the tree of size {old} is a prefix of the tree of size "
                     "{size} (roots from {source} and {other})",
                     {{"old", std::to_string(c.a)}, {"size", std::to_string(c.b)},
                      {"source", c.root_sources[0]}, {"other", c.root_sources[1]}})
              << "\n";
  }
  return kExitOk;
}


}  // namespace

namespace {

void add_verify(CLI::App& audit, Context& ctx, ExitCode& exit_code) {
  auto args = std::make_shared<VerifyArgs>();
  auto* verify = audit.add_subcommand(
      "verify", tr("Check the hash chain, the Merkle tree, every checkpoint, and replay the "
                   "records"));
  verify->add_option("--key", args->keys,
                     tr("Verifier key (NAME+HEXID+BASE64, or a file holding it); repeatable. "
                        "Checkpoints must be signed by one of them"))
      ->allow_extra_args(false);
  verify->add_option("--checkpoint", args->checkpoint,
                     tr("A checkpoint you kept: must verify with --key and be a prefix of the "
                        "log"));
  verify->add_option("--jobs", args->jobs,
                     tr("Threads: 2 (default) checks the file beside the replay, 3 also reads "
                        "the records ahead of it, 1 does each in turn"))
      ->check(CLI::Range(1, 3));
  verify->add_option("--bundle", args->bundle,
                     tr("Verify this exported bundle instead of the database (needs --key)"));
  verify->footer(tr("Exit code 3 when anything does not fit; the message names the first record, "
                    "tree hash, checkpoint, row or balance that differs.\n\nExamples:\n  semilla "
                    "--db programa.db audit verify --key \"$(cat audit.vkey)\"\n  semilla audit "
                    "verify --bundle libro.json --checkpoint q1.checkpoint --key audit.vkey"));
  verify->callback([&ctx, &exit_code, args] { exit_code = run_verify(ctx, *args); });
}

void add_prove(CLI::App& audit, Context& ctx, ExitCode& exit_code) {
  auto* prove = audit.add_subcommand("prove", tr("Print a Merkle proof as JSON"));
  prove->require_subcommand(1);
  auto seq = std::make_shared<std::uint64_t>(0);
  auto size = std::make_shared<std::optional<std::uint64_t>>();
  auto* inclusion = prove->add_subcommand("inclusion", tr("Proof that record N is in the tree"));
  inclusion->add_option("--seq", *seq, tr("The record (0-based seq)"))->required();
  inclusion->add_option("--size", *size, tr("Tree size (default: the whole log)"));
  inclusion->footer(tr("Example:\n  semilla audit prove inclusion --seq 17 --size 300 > p.json"));
  inclusion->callback([&ctx, &exit_code, seq, size] {
    auto store = ctx.store();
    exit_code = store.ok() ? print_proof(ctx, book::prove_inclusion(**store, *seq, *size))
                           : report_error(ctx, store.error());
  });
  auto from = std::make_shared<std::uint64_t>(0);
  auto to = std::make_shared<std::optional<std::uint64_t>>();
  auto* consistency = prove->add_subcommand(
      "consistency", tr("Proof that the tree of size M is a prefix of the tree of size N"));
  consistency->add_option("--from", *from, tr("Old tree size M"))->required();
  consistency->add_option("--to", *to, tr("New tree size N (default: the whole log)"));
  consistency->footer(tr("Example:\n  semilla audit prove consistency --from 300 > c.json"));
  consistency->callback([&ctx, &exit_code, from, to] {
    auto store = ctx.store();
    exit_code = store.ok() ? print_proof(ctx, book::prove_consistency(**store, *from, *to))
                           : report_error(ctx, store.error());
  });
}

void add_check_proof(CLI::App& audit, Context& ctx, ExitCode& exit_code) {
  auto args = std::make_shared<CheckProofArgs>();
  auto* cmd = audit.add_subcommand("check-proof", tr("Verify a proof printed by `audit prove`"));
  cmd->add_option("FILE", args->file, tr("The proof (JSON)"))->required();
  cmd->add_option("--checkpoint", args->checkpoints,
                  tr("Signed checkpoint giving the root of its size; repeatable. Sizes without "
                     "one take their root from the book (--db)"))
      ->allow_extra_args(false);
  cmd->add_option("--key", args->keys, tr("Verifier key for the checkpoints; repeatable"))
      ->allow_extra_args(false);
  cmd->footer(tr("Exit code 3 when the proof fails; the message names the step.\n\nExample:\n  "
                 "semilla audit check-proof p.json --checkpoint q1.checkpoint --key audit.vkey"));
  cmd->callback([&ctx, &exit_code, args] { exit_code = run_check_proof(ctx, *args); });
}

}  // namespace

ExitCode write_bundle(Context& ctx, const std::string& out, const std::string& tail) {
  SEMILLA_OPEN_BOOK(ctx, b);
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  if (!file) {
    return report_error(ctx, make_error(ErrorCode::kEnvironment, "--out",
                                        trf("cannot write {file}", {{"file", out}})));
  }
  if (auto s = book::export_bundle(b.store(), file); !s.ok()) return report_error(ctx, s.error());
  const auto bytes = static_cast<std::int64_t>(file.tellp());
  if (ctx.json()) {
    print_json({{"ok", true}, {"out", out}, {"bytes", bytes}});
  } else {
    std::cout << trf("Wrote {file} ({bytes} bytes{tail})",
                     {{"file", out}, {"bytes", std::to_string(bytes)}, {"tail", tail}})
              << "\n";
  }
  return kExitOk;
}

void add_audit_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto* audit = app.add_subcommand("audit", tr("Check that the books were not altered"));
  audit->require_subcommand(1);
  add_verify(*audit, ctx, exit_code);
  auto key_file = std::make_shared<std::string>();
  auto origin = std::make_shared<std::string>();
  auto* checkpoint = audit->add_subcommand(
      "checkpoint", tr("Sign the current tree head (C2SP checkpoint), store and print it"));
  checkpoint->add_option("--key", *key_file, tr("Private key file from `semilla keys generate`"))
      ->required();
  checkpoint->add_option("--origin", *origin,
                         tr("Log identity (default and only: the key's name)"));
  checkpoint->footer(tr("Example:\n  semilla audit checkpoint --key audit.key > q1.checkpoint"));
  checkpoint->callback([&ctx, &exit_code, key_file, origin] {
    exit_code = run_checkpoint(ctx, *key_file, *origin);
  });
  auto* checkpoints = audit->add_subcommand("checkpoints", tr("List the stored checkpoints"));
  ctx.offer_csv(checkpoints);
  checkpoints->callback([&ctx, &exit_code] { exit_code = run_checkpoints(ctx); });
  add_prove(*audit, ctx, exit_code);
  add_check_proof(*audit, ctx, exit_code);
  add_audit_officers(*audit, ctx, exit_code);
  auto out = std::make_shared<std::string>();
  auto* exp = audit->add_subcommand(
      "export", tr("Write the offline bundle: every record, the checkpoints and public keys"));
  exp->add_option("--out", *out, tr("Bundle file to write (JSON)"))->required();
  exp->footer(tr("Example:\n  semilla audit export --out libro-2026-06.json"));
  exp->callback([&ctx, &exit_code, out] { exit_code = write_bundle(ctx, *out, ""); });
}

}  // namespace semilla::cli
