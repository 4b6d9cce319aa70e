// SPDX-License-Identifier: Apache-2.0
// semilla batch import | import csv | statement export/verify/import | book export/import |
// journal export
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <span>

#include "audit/canonical_json.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "ledger/book/bundle.h"
#include "ledger/book/restore.h"
#include "ledger/book/verify.h"
#include "ledger/exchange/batch.h"
#include "ledger/exchange/csv_import.h"
#include "ledger/exchange/document.h"
#include "ledger/exchange/journal.h"
#include "ledger/exchange/partner_loans.h"
#include "ledger/exchange/statement.h"

namespace semilla::cli {
namespace {

using nlohmann::json;

json report_json(const exchange::BatchReport& r) {
  return {{"ok", true},
          {"dry_run", r.dry_run},
          {"operations", r.operations},
          {"enterprises_added", r.enterprises_added},
          {"accounts_added", r.accounts_added},
          {"transactions_posted", r.transactions_posted},
          {"repayments_posted", r.repayments_posted},
          {"disbursements_posted", r.disbursements_posted},
          {"milestones_recorded", r.milestones_recorded},
          {"loans_opened", r.loans_opened},
          {"loans_disbursed", r.loans_disbursed},
          {"receipts_posted", r.receipts_posted},
          {"grants_awarded", r.grants_awarded},
          {"unchanged", r.unchanged},
          {"changed", r.changed()}};
}

ExitCode print_report(const Context& ctx, const exchange::BatchReport& r, const char* what) {
  if (ctx.json()) {
    print_json(report_json(r));
    return kExitOk;
  }
  if (!r.changed()) {
    std::cout << trf("Nothing changed: all {count} {what} were already in the book with the same "
                     "content",
                     {{"count", std::to_string(r.operations)}, {"what", tr(what)}})
              << "\n";
    return kExitOk;
  }
  const TrArgs counts = {{"enterprises", std::to_string(r.enterprises_added)},
                         {"accounts", std::to_string(r.accounts_added)},
                         {"transactions", std::to_string(r.transactions_posted)}};
  std::cout << (r.dry_run ? trf("Dry run, nothing written: would add {enterprises} enterprises, "
                                "{accounts} accounts, {transactions} transactions",
                                counts)
                          : trf("Imported: {enterprises} enterprises, {accounts} accounts, "
                                "{transactions} transactions",
                                counts));
  // The modules' operations only when there were some: a statement import has none.
  const std::pair<std::size_t, const char*> modules[] = {
      {r.loans_opened, tr_noop("{count} loans opened")},
      {r.loans_disbursed, tr_noop("{count} loans disbursed")},
      {r.repayments_posted, tr_noop("{count} loan repayments")},
      {r.receipts_posted, tr_noop("{count} fund receipts")},
      {r.grants_awarded, tr_noop("{count} grants awarded")},
      {r.disbursements_posted, tr_noop("{count} grant disbursements")},
      {r.milestones_recorded, tr_noop("{count} milestones")}};
  for (const auto& [count, name] : modules) {
    if (count > 0) std::cout << ", " << trf(name, {{"count", std::to_string(count)}});
  }
  std::cout << "; "
            << trf("{count} already in the book (unchanged)",
                   {{"count", std::to_string(r.unchanged)}})
            << "\n";
  return kExitOk;
}

struct BatchArgs {
  std::string file;
  bool dry_run = false;
};

ExitCode run_batch_import(Context& ctx, const BatchArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  exchange::BatchOptions options{a.dry_run, {}};
  if (auto show = terminal_progress(ctx, "batch import", "B")) {
    options.progress = [show](std::size_t done, std::size_t total) { show(done, total); };
  }
  auto report = exchange::import_batch_file(b, a.file, options);
  if (!report.ok()) return report_errors(ctx, report.error());
  return print_report(ctx, *report, tr_noop("operations"));
}

void add_batch(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto args = std::make_shared<BatchArgs>();
  auto* batch = app.add_subcommand("batch", tr("Import JSON batches of operations"));
  batch->require_subcommand(1);
  auto* imp = batch->add_subcommand(
      "import", tr("Check a whole batch file, then apply all of it in one transaction or nothing"));
  imp->add_option("FILE", args->file, tr("Batch document (schemas/batch.schema.json)"))->required();
  imp->add_flag("--dry-run", args->dry_run, tr("Check everything, write nothing"));
  imp->footer(tr("Every problem is reported with its JSON pointer; importing the same file again "
                 "changes nothing.\n\nExample:\n  semilla batch import mfi-a-2026-03.json "
                 "--dry-run"));
  imp->callback([&ctx, &exit_code, args] { exit_code = run_batch_import(ctx, *args); });
}

struct CsvImportArgs {
  std::string file, rules;
  bool dry_run = false;
};

ExitCode run_csv_import(Context& ctx, const CsvImportArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto report = exchange::csv::import_csv(b, a.file, a.rules, {a.dry_run, {}});
  if (!report.ok()) return report_errors(ctx, report.error());
  return print_report(ctx, *report, tr_noop("rows"));
}

void add_csv_import(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto args = std::make_shared<CsvImportArgs>();
  auto* group = app.add_subcommand("import", tr("Import operations from spreadsheets"));
  group->require_subcommand(1);
  auto* csv = group->add_subcommand(
      "csv", tr("Import a spreadsheet's rows (CSV) as operations, all of them or none"));
  csv->add_option("FILE", args->file, tr("CSV file: UTF-8, comma or semicolon separated"))
      ->required();
  csv->add_option("--rules", args->rules,
                  tr("Rules file: what the rows are and which column is which "
                     "(docs/csv-import.md)"))
      ->required();
  csv->add_flag("--dry-run", args->dry_run, tr("Check everything, write nothing"));
  csv->footer(tr("Each row becomes one operation of a batch import: every problem is reported "
                 "with its row and column, and importing the same file again changes "
                 "nothing.\n\nExample:\n  semilla import csv cobros-junio.csv --rules "
                 "cobros.rules --dry-run"));
  csv->callback([&ctx, &exit_code, args] { exit_code = run_csv_import(ctx, *args); });
}

// --key: a verifier key string, or a file whose first line holds one.
Result<std::vector<audit::NoteVerifier>> verifier_keys(const std::vector<std::string>& args) {
  std::vector<audit::NoteVerifier> out;
  for (const auto& arg : args) {
    auto key = audit::NoteVerifier::parse(arg);
    if (!key.ok() && std::filesystem::is_regular_file(arg)) {
      auto text = exchange::read_document_file(arg, "--key", 4096);
      if (!text.ok()) return text.error();
      key = audit::NoteVerifier::parse(text->substr(0, text->find('\n')));
    }
    if (!key.ok()) return make_error(ErrorCode::kInvalid, "--key", key.error().message);
    out.push_back(*key);
  }
  return out;
}

Status write_text(const std::string& path, const std::string& text) {
  if (path.empty()) {
    std::cout << text << '\n';
    return Status::Ok();
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text << '\n';
  out.flush();
  if (!out) {
    return make_error(ErrorCode::kEnvironment, "--out",
                      trf("cannot write {file}", {{"file", path}}));
  }
  return Status::Ok();
}

struct StatementArgs {
  exchange::StatementRequest request;
  std::string sign, out, file;
  std::vector<std::string> files;  // statement import: one or more
  std::vector<std::string> keys;
  exchange::StatementImportOptions import;
};

ExitCode run_statement_export(Context& ctx, const StatementArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  // Every problem of the input at once, the key file read once.
  Errors problems = exchange::statement_request_problems(b, a.request);
  std::optional<audit::NoteSigner> signer;
  if (!a.sign.empty()) {
    auto key = audit::read_signer_key_file(a.sign);
    if (key.ok()) {
      signer = std::move(*key);
    } else {
      problems.push_back(key.error());
    }
  }
  if (!problems.empty()) return report_errors(ctx, problems);
  auto doc = exchange::build_statement(b, a.request);
  if (!doc.ok()) return report_error(ctx, doc.error());
  if (signer) {
    doc = exchange::sign_statement(std::move(*doc), *signer);
    if (!doc.ok()) return report_error(ctx, doc.error());
  }
  auto text = audit::canonical_json(*doc);
  if (!text.ok()) return report_error(ctx, text.error());
  if (auto s = write_text(a.out, *text); !s.ok()) return report_error(ctx, s.error());
  if (!a.out.empty() && !ctx.json()) {
    const TrArgs args = {{"id", (*doc)["statement"]["id"].get<std::string>()},
                         {"entries", std::to_string((*doc)["statement"]["entries"].size())},
                         {"file", a.out}};
    std::cout << (a.sign.empty() ? trf("Wrote statement {id} ({entries} entries, unsigned) to "
                                       "{file}",
                                       args)
                                 : trf("Wrote statement {id} ({entries} entries, signed) to "
                                       "{file}",
                                       args))
              << '\n';
  }
  return kExitOk;
}

Result<exchange::VerifiedStatement, Errors> read_verified(
    const std::string& file, std::span<const audit::NoteVerifier> keys) {
  auto text = exchange::read_document_file(file, "FILE");
  if (!text.ok()) return Errors{text.error()};
  auto doc = exchange::parse_document(*text, "FILE");
  if (!doc.ok()) return Errors{doc.error()};
  return exchange::verify_statement(*doc, keys);
}

Result<exchange::VerifiedStatement, Errors> read_verified(const StatementArgs& a) {
  auto keys = verifier_keys(a.keys);
  if (!keys.ok()) return Errors{keys.error()};
  if (keys->empty()) {
    return Errors{make_error(ErrorCode::kUsage, "--key", tr("give the signer's verifier key"))};
  }
  return read_verified(a.file, *keys);
}

// Every file read and verified; every problem of every file, each naming its file
// ("st.json#/statement/entries/2/amount", or "st.json" for the file as a whole).
Result<std::vector<exchange::StatementFile>, Errors> read_statements(const StatementArgs& a) {
  auto keys = verifier_keys(a.keys);
  if (!keys.ok()) return Errors{keys.error()};
  if (keys->empty()) {
    return Errors{make_error(ErrorCode::kUsage, "--key", tr("give the signer's verifier key"))};
  }
  std::vector<exchange::StatementFile> out;
  Errors errors;
  for (const auto& file : a.files) {
    auto v = read_verified(file, *keys);
    if (v.ok()) {
      out.push_back({file, std::move(*v)});
      continue;
    }
    for (Error e : v.error()) {
      e.field = e.field == "FILE" || e.field.empty()           ? file
                : !e.field.empty() && e.field.front() == '/' ? file + "#" + e.field
                                                              : e.field;
      errors.push_back(std::move(e));
    }
  }
  if (!errors.empty()) return errors;
  return out;
}

ExitCode run_statement_verify(Context& ctx, const StatementArgs& a) {
  auto v = read_verified(a);
  if (!v.ok()) return report_errors(ctx, v.error());
  const auto& st = v->doc.at("statement");
  if (ctx.json()) {
    print_json({{"ok", true}, {"id", st.at("id")}, {"signer", v->signer},
                {"enterprise", st.at("enterprise")}, {"entries", st.at("entries").size()}});
  } else {
    std::cout << trf("statement verify: OK: {id} for {enterprise}, {entries} entries, signed by "
                     "{signer}",
                     {{"id", st.at("id").get<std::string>()},
                      {"enterprise", st.at("enterprise").get<std::string>()},
                      {"entries", std::to_string(st.at("entries").size())},
                      {"signer", v->signer}})
              << '\n';
  }
  return kExitOk;
}

json imported_json(const exchange::StatementImported& s) {
  return {{"file", s.file},
          {"id", s.id},
          {"issuer", s.issuer},
          {"enterprise", s.enterprise},
          {"entries", s.entries},
          {"transactions_posted", s.transactions_posted},
          {"write_offs", s.write_offs},
          {"repayments_split", s.repayments_split},
          {"unchanged", s.unchanged},
          {"positions_recorded", s.positions_recorded},
          {"positions_known", s.positions_known},
          {"audit_seq", s.audit_seq == 0 ? json(nullptr) : json(s.audit_seq)},
          {"duplicate", s.duplicate()}};
}

void print_imported(const exchange::StatementImported& s, bool dry_run) {
  const auto n = [](auto v) { return std::to_string(v); };
  const TrArgs args = {{"id", s.id}, {"enterprise", s.enterprise}, {"issuer", s.issuer},
                       {"entries", n(s.entries)}, {"known", n(s.positions_known)},
                       {"transactions", n(s.transactions_posted)},
                       {"write_offs", n(s.write_offs)}, {"split", n(s.repayments_split)},
                       {"unchanged", n(s.unchanged)}, {"recorded", n(s.positions_recorded)},
                       {"record", n(s.audit_seq)}};
  if (s.duplicate()) {
    std::cout << trf("Already recorded, nothing changed: statement {id} of {enterprise} from "
                     "{issuer} ({entries} entries, {known} loan positions)",
                     args);
  } else {
    std::cout << (dry_run ? trf("Would import statement {id} of {enterprise} from {issuer}: "
                                "{transactions} transactions",
                                args)
                          : trf("Imported statement {id} of {enterprise} from {issuer}: "
                                "{transactions} transactions",
                                args));
    if (s.write_offs + s.repayments_split > 0) {
      std::cout << trf(" ({write_offs} write-offs, {split} repayments by component)", args);
    }
    std::cout << trf(", {unchanged} already in the book (unchanged); {recorded} loan positions "
                     "recorded",
                     args);
    if (s.positions_known > 0) std::cout << trf(", {known} already known", args);
    if (s.audit_seq > 0) std::cout << trf(" (audit record {record})", args);
  }
  std::cout << (s.file.empty() ? "" : " [" + s.file + "]") << '\n';
}

ExitCode run_statement_import(Context& ctx, const StatementArgs& a) {
  auto files = read_statements(a);
  if (!files.ok()) return report_errors(ctx, files.error());
  SEMILLA_OPEN_BOOK(ctx, b);
  auto report = exchange::import_statements(b, *files, a.import);
  if (!report.ok()) return report_errors(ctx, report.error());
  std::size_t entries = 0, posted = 0, unchanged = 0;
  bool duplicate = true;
  json statements = json::array();
  for (const auto& s : report->statements) {
    entries += s.entries;
    posted += s.transactions_posted;
    unchanged += s.unchanged;
    duplicate = duplicate && s.duplicate();
    statements.push_back(imported_json(s));
  }
  if (ctx.json()) {
    print_json({{"ok", true}, {"dry_run", report->dry_run}, {"duplicate", duplicate},
                {"operations", entries}, {"transactions_posted", posted},
                {"unchanged", unchanged}, {"changed", !duplicate},
                {"statements", statements}});
    return kExitOk;
  }
  if (report->dry_run) std::cout << tr("Dry run, nothing written:") << "\n";
  for (const auto& s : report->statements) print_imported(s, report->dry_run);
  return kExitOk;
}

}  // namespace

namespace {

void add_statement_exchange(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto* st = app.get_subcommand("statement");  // `statement show` is cmd_report.cpp's
  auto args = std::make_shared<StatementArgs>();
  auto* exp = st->add_subcommand("export", tr("Write an enterprise's statement as JSON "
                                              "(camt.053-shaped), optionally signed"));
  exp->add_option("ENTERPRISE-ID", args->request.enterprise, tr("The enterprise"))->required();
  exp->add_option("--from", args->request.from,
                  tr("First date, YYYY-MM-DD (default: the beginning)"));
  exp->add_option("--to", args->request.to, tr("Last date, YYYY-MM-DD (default: today)"));
  exp->add_option("--issuer", args->request.issuer_id,
                  tr("Your identifier for the partner, prefixing entry references"))
      ->capture_default_str();
  exp->add_option("--sign", args->sign, tr("Private key file from `semilla keys generate`"));
  exp->add_option("--out", args->out, tr("File to write (default: standard output)"));
  exp->footer(tr("Example:\n  semilla statement export EC-001 --from 2026-01-01 --to 2026-03-31 "
                 "--sign ngo.key --out EC-001-q1.json"));
  exp->callback([&ctx, &exit_code, args] { exit_code = run_statement_export(ctx, *args); });

  auto* verify = st->add_subcommand("verify", tr("Check a statement's schema, signature and sums"));
  verify->add_option("FILE", args->file, tr("Statement document"))->required();
  verify->add_option("--key", args->keys, tr("Signer's verifier key (or a file holding it); "
                                             "repeatable"))
      ->required()
      ->allow_extra_args(false);
  verify->callback([&ctx, &exit_code, args] { exit_code = run_statement_verify(ctx, *args); });

  auto* imp = st->add_subcommand("import", tr("Record partners' verified statements (entries and "
                                              "loan positions), all files or none"));
  imp->add_option("FILE", args->files, tr("Statement documents, one or more"))->required();
  imp->add_option("--key", args->keys, tr("Signer's verifier key; repeatable"))
      ->required()
      ->allow_extra_args(false);
  imp->add_option("--account", args->import.account,
                  tr("Your account for the statement's: CRDT entries are credited to it"))
      ->required();
  imp->add_option("--counterpart", args->import.counterpart,
                  tr("The other side of each entry (cash, due from the partner)"))
      ->required();
  imp->add_option("--write-off-account", args->import.write_off_account,
                  tr("The other side of a write-off (the loss or a loss reserve); needed when a "
                     "statement has one"));
  imp->add_option("--interest-account", args->import.interest_account,
                  tr("Where a repayment's interest goes; needed when a repayment has some"));
  imp->add_option("--fee-account", args->import.fee_account,
                  tr("Where a repayment's fees go; needed when a repayment has some"));
  imp->add_option("--penalty-account", args->import.penalty_account,
                  tr("Where a repayment's penalties go; needed when a repayment has some"));
  imp->add_flag("--dry-run", args->import.dry_run, tr("Check everything, write nothing"));
  imp->footer(tr("All files in one database transaction: a problem in any of them imports none, "
                 "and each problem names its file. A statement already imported says \"Already "
                 "recorded\". The partners' loans then show in `semilla "
                 "portfolio`.\n\nExample:\n  semilla statement import mfi-a-EC-001.json "
                 "mfi-a-EC-002.json --key mfi-a.vkey --account Assets:Partners:MFI-A:Loans "
                 "--counterpart Assets:DueFrom:MFI-A --write-off-account "
                 "Expenses:LoanLosses:MFI-A --interest-account Income:Partners:MFI-A:Interest"));
  imp->callback([&ctx, &exit_code, args] { exit_code = run_statement_import(ctx, *args); });
}


// Puts the target of a refused `book import` back as it was: a file the import created is
// removed with the SQLite files beside it, an empty file it found is emptied again. The
// connection is closed first: its last act is to fold FILE-wal into the file and delete it,
// which would otherwise come after the removal.
void undo_book_file(Context& ctx, const std::string& db, bool existed, bool was_empty) {
  ctx.close_store();
  std::error_code ec;
  if (existed && !was_empty) return;
  if (existed) {
    std::filesystem::resize_file(db, 0, ec);
  } else {
    std::filesystem::remove(db, ec);
  }
  for (const char* suffix : {"-wal", "-shm", "-journal"}) std::filesystem::remove(db + suffix, ec);
}

// Restores into a new database file; a refused restore leaves nothing behind.
ExitCode run_book_import(Context& ctx, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return report_error(ctx, make_error(ErrorCode::kEnvironment, "FILE",
                                        trf("cannot read {file}", {{"file", file}})));
  }
  const std::string db = ctx.db_path();
  std::error_code ec;
  const bool existed = std::filesystem::exists(db, ec);
  const bool was_empty = existed && std::filesystem::file_size(db, ec) == 0 && !ec;
  auto store = ctx.store(/*create=*/true);
  if (!store.ok()) {
    undo_book_file(ctx, db, existed, was_empty);
    return report_error(ctx, store.error());
  }
  auto show = terminal_progress(ctx, "book import", "records");
  auto progress = [show](std::uint64_t n) {
    if (show) show(n, 0);
  };
  auto report = book::restore_bundle(**store, in, progress);
  if (!report.ok()) {
    undo_book_file(ctx, db, existed, was_empty);
    return report_error(ctx, report.error());
  }
  const auto& r = *report;
  if (show) show(r.records, r.records);  // ends the progress line
  if (ctx.json()) {
    print_json({{"ok", true}, {"records", r.records}, {"head", audit::to_hex(r.head)},
                {"root", audit::to_hex(r.root)}, {"accounts", r.accounts},
                {"enterprises", r.enterprises}, {"transactions", r.transactions},
                {"checkpoints", r.checkpoints}});
  } else {
    std::cout << trf("Restored {records} records into {file}: {accounts} accounts, "
                     "{enterprises} enterprises, {transactions} transactions, {checkpoints} "
                     "checkpoints",
                     {{"records", std::to_string(r.records)}, {"file", db},
                      {"accounts", std::to_string(r.accounts)},
                      {"enterprises", std::to_string(r.enterprises)},
                      {"transactions", std::to_string(r.transactions)},
                      {"checkpoints", std::to_string(r.checkpoints)}})
              << "\n  head: " << audit::to_hex(r.head) << "\n  root: " << audit::to_hex(r.root)
              << '\n';
  }
  return kExitOk;
}

// Verifies, then adds page checksums (Store::add_page_checksums), then checks the file again.
ExitCode run_book_upgrade(Context& ctx) {
  auto store = ctx.store();
  if (!store.ok()) return report_error(ctx, store.error());
  if (auto verified = book::verify_book(**store); !verified.ok()) {
    return report_error(ctx, verified.error());
  }
  auto added = (*store)->add_page_checksums();
  if (!added.ok()) return report_error(ctx, added.error());
  auto file = (*store)->check_file();
  if (!file.ok()) return report_error(ctx, file.error());
  if (ctx.json()) {
    print_json({{"ok", true}, {"page_checksums_added", *added}, {"pages", file->pages}});
  } else if (*added) {
    std::cout << trf("book upgrade: page checksums added to {file} ({pages} pages)",
                     {{"file", ctx.db_path()}, {"pages", std::to_string(file->pages)}})
              << "\n";
  } else {
    std::cout << trf("book upgrade: {file} already has page checksums ({pages} pages)",
                     {{"file", ctx.db_path()}, {"pages", std::to_string(file->pages)}})
              << "\n";
  }
  return kExitOk;
}

void add_book(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto* bk = app.add_subcommand("book", tr("Export the whole book, or restore it into a new file"));
  bk->require_subcommand(1);
  auto out = std::make_shared<std::string>();
  auto* exp = bk->add_subcommand("export", tr("Write every audit record (the audit bundle)"));
  exp->add_option("--out", *out, tr("File to write"))->required();
  exp->footer(tr("The file is the same bundle `audit export` writes: an auditor verifies it with "
                 "`audit verify --bundle`, and `book import` restores it.\n\nExample:\n  semilla "
                 "book export --out libro.json"));
  exp->callback([&ctx, &exit_code, out] {
    exit_code =
        write_bundle(ctx, *out, tr(", the whole book: `semilla book import` restores it"));
  });
  auto file = std::make_shared<std::string>();
  auto* imp = bk->add_subcommand("import",
                                 tr("Rebuild a book from its bundle into a new database"));
  imp->add_option("FILE", *file, tr("Bundle from `book export` or `audit export`"))->required();
  imp->footer(tr("Example:\n  semilla --db restored.db book import libro.json && semilla --db "
                 "restored.db audit verify"));
  imp->callback([&ctx, &exit_code, file] { exit_code = run_book_import(ctx, *file); });
  auto* up = bk->add_subcommand("upgrade", tr("Add page checksums to a book created before them"));
  up->footer(tr("Verifies the book first (a damaged book is not rewritten), then rebuilds the "
                "file with a checksum in every page (VACUUM). Needs the book to itself: run it "
                "when no other semilla uses the book.\n\nExample:\n  semilla --db programa.db "
                "book upgrade"));
  up->callback([&ctx, &exit_code] { exit_code = run_book_upgrade(ctx); });
}

ExitCode run_journal_export(Context& ctx, const std::string& out) {
  SEMILLA_OPEN_BOOK(ctx, b);
  std::ofstream file;
  if (!out.empty()) {
    file.open(out, std::ios::binary | std::ios::trunc);
    if (!file) {
      return report_error(ctx,
                          make_error(ErrorCode::kEnvironment, "--out",
                                     trf("cannot write {file}", {{"file", out}})));
    }
  }
  auto s = exchange::export_journal(b.store(), out.empty() ? std::cout : file);
  if (!s.ok()) return report_error(ctx, s.error());
  return kExitOk;
}

void add_journal(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto* journal = app.add_subcommand("journal", tr("The book as an hledger / ledger-cli journal"));
  journal->require_subcommand(1);
  auto out = std::make_shared<std::string>();
  auto* exp = journal->add_subcommand("export", tr("Write every transaction as plain text"));
  exp->add_option("--out", *out, tr("File to write (default: standard output)"));
  exp->footer(tr("Example:\n  semilla journal export --out libro.journal && hledger -f "
                 "libro.journal balance"));
  exp->callback([&ctx, &exit_code, out] { exit_code = run_journal_export(ctx, *out); });
}

}  // namespace

void add_exchange_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  exchange::register_module();
  add_batch(app, ctx, exit_code);
  add_csv_import(app, ctx, exit_code);
  add_statement_exchange(app, ctx, exit_code);
  add_book(app, ctx, exit_code);
  add_journal(app, ctx, exit_code);
}

}  // namespace semilla::cli
