// SPDX-License-Identifier: Apache-2.0
// semilla: the command-line interface. Maps every outcome to an exit code (docs/cli.md):
// 0 done, 1 input refused, 2 usage error, 3 verification failed, 4 environment failure,
// 70 internal error (a bug: please report it).
#include <malloc.h>

#include <iostream>

#include "cli/approval_flow.h"
#include "cli/cmd_keys.h"
#include "cli/commands.h"
#include "cli/language.h"
#include "ledger/base/check.h"
#include "ledger/grants/grants.h"

namespace {

constexpr int kExitInternal = 70;

void configure(CLI::App& app, semilla::cli::GlobalOptions& g) {
  using semilla::tr;
  app.description(tr("Semilla: an exact, tamper-evident ledger for seed capital and microcredit"));
  app.add_option("--db", g.db, tr("Book file (default: $SEMILLA_DB, else ./semilla.db)"));
  app.add_flag("--json", g.json, tr("Print JSON (amounts as strings) instead of tables"));
  app.add_flag("--quiet", g.quiet, tr("Show no progress on stderr during long commands"));
  app.add_option("--actor", g.actor,
                 tr("Who is acting, for the audit log (default: $SEMILLA_ACTOR, else the OS "
                    "user)"));
  app.add_option("--as", g.as,
                 tr("Officer who signs this command's changes (default: $SEMILLA_OFFICER)"));
  app.add_option("--key", g.key,
                 tr("That officer's private key file, mode 0600 (default: $SEMILLA_KEY); give "
                    "it before the command"));
  app.add_option("--wait", g.wait_s,
                 semilla::trf("Seconds to wait while another process writes the book (default: "
                              "$SEMILLA_WAIT, else {seconds})",
                              {{"seconds", std::to_string(semilla::cli::kWaitDefaultSeconds)}}))
      ->check(CLI::Range(0, semilla::cli::kWaitMaxSeconds));
  // Read before parsing (cli/language.h); declared so that the parser accepts it anywhere.
  app.add_option("--lang", g.lang,
                 tr("Language of messages, help and reports: es or en (default: from LC_ALL, "
                    "LC_MESSAGES or LANG, else en)"))
      ->check(CLI::IsMember({"es", "en"}));
  app.set_version_flag("--version", std::string("semilla ") + SEMILLA_VERSION,
                       tr("Print the version and exit"));
  app.require_subcommand(1);
  app.fallthrough();
}

// Set after every command is added: CLI11 copies the parent's footer into each subcommand
// created after it, and a group's help should not show this page's examples.
void add_footer(CLI::App& app) {
  app.footer(semilla::tr(
      "Exit codes: 0 done, 1 input refused (nothing changed), 2 usage error, "
      "3 verification failed, 4 environment failure. Every command has --help with an "
      "example; docs/cli.md describes them all.\n\nExample:\n"
      "  semilla --db programa.db init --currency USD --timezone America/Guayaquil\n"
      "  semilla --db programa.db trial-balance"));
}

// Builds the command line and runs the command `args` names (args[0] is the program).
int run_words(const std::vector<std::string>& args, semilla::cli::GlobalOptions& global) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  const int argc = static_cast<int>(argv.size());
  CLI::App app(std::string(), "semilla");
  semilla::cli::translate_help_words(app);
  configure(app, global);
  semilla::cli::Context ctx(global);
  int exit_code = 0;
  semilla::cli::add_book_commands(app, ctx, exit_code);
  semilla::cli::add_status_commands(app, ctx, exit_code);
  semilla::cli::add_officer_commands(app, ctx, exit_code);
  semilla::cli::add_approvals_commands(app, ctx, exit_code);
  semilla::cli::add_journal_commands(app, ctx, exit_code);
  semilla::cli::add_report_commands(app, ctx, exit_code);
  semilla::cli::add_find_commands(app, ctx, exit_code);
  semilla::cli::add_audit_commands(app, ctx, exit_code);
  semilla::cli::add_keys_commands(app, ctx, exit_code);
  semilla::cli::add_loan_commands(app, ctx, exit_code);
  semilla::cli::add_grant_commands(app, ctx, exit_code);
  semilla::cli::add_list_commands(app, ctx, exit_code);
  semilla::cli::add_exchange_commands(app, ctx, exit_code);
  semilla::cli::add_help_command(app, exit_code);
  semilla::cli::add_group_examples(app);
  add_footer(app);
  const int words = semilla::cli::check_command_words(app, argc, argv.data());
  if (words < 0) {  // plain `semilla`, perhaps with global options: the list of commands
    semilla::cli::print_help(app);
    return 0;
  }
  if (words != 0) return words;
  try {
    app.parse(argc, argv.data());
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const semilla::InvariantViolation& e) {
    std::cerr << semilla::trf("semilla: internal error: {what}\nPlease report this bug.\n",
                              {{"what", e.what()}});
    return kExitInternal;
  } catch (const std::exception& e) {
    std::cerr << semilla::trf("semilla: internal error: {what}\nPlease report this bug.\n",
                              {{"what", e.what()}});
    return kExitInternal;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // A streamed import frees each operation's memory as soon as it is applied; by default glibc
  // then gives the top of the heap back to the kernel and takes it again for the next one, at
  // every operation (a brk call each): measured on 100,000 operations, 10 s of system time
  // against 2 s. Keeping up to 64 MiB of freed heap costs nothing next to the page cache.
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  semilla::grants::register_module();  // grants take part in audit verify
  semilla::cli::use_chosen_language(argc, argv);  // before any help text is built
  const std::vector<std::string> args(argv, argv + argc);
  semilla::cli::defer_approval_refusals(semilla::cli::command_words(args));
  semilla::cli::GlobalOptions global;
  int code = run_words(args, global);
  // Maker-checker (cli/approval_flow.h): a refused operation becomes a request; an approval
  // that completes one records its operation.
  code = semilla::cli::record_request_if_refused(global, args, code);
  return semilla::cli::run_completion(global, code, [](const std::vector<std::string>& again) {
    semilla::cli::GlobalOptions options;
    return run_words(again, options);
  });
}
