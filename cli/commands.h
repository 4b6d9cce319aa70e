// SPDX-License-Identifier: Apache-2.0
// Registration of the `semilla` subcommands. Each adds its commands to `app`; a command's
// callback stores its exit code in `exit_code`. No SQL, hashing or arithmetic here: commands
// parse the command line into drafts, call the book, and print.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace semilla::cli {

// init, account, enterprise
void add_book_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);
// status define, status list (cmd_status.cpp)
void add_status_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);
// officer add, roles, revoke, list (cmd_officer.cpp)
void add_officer_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);
// policy set|list, approvals list, approve, reject (cmd_approvals.cpp)
void add_approvals_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);
// post, reverse
void add_journal_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);
// balance, trial-balance, statement (with statement show from cmd_statement.cpp)
void add_report_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);
void add_statement_show(CLI::App& app, Context& ctx, ExitCode& exit_code);
// transactions, transaction show (cmd_find.cpp)
void add_find_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);
// audit
void add_audit_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);
// audit officers (cmd_audit_officers.cpp)
void add_audit_officers(CLI::App& audit, Context& ctx, ExitCode& exit_code);
// loan ..., portfolio (registers the loans' share of audit verify)
void add_loan_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);
// fund, milestone, enterprise members, grant, report donor, period (after add_book_commands)
void add_grant_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);
// grant list, milestone list, loan list (cmd_lists.cpp; after the loan and grant commands)
void add_list_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);
// batch import, statement export/verify/import, book export/import, journal export
// (after add_report_commands: it extends `statement`)
void add_exchange_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);

// help [COMMAND...] (cmd_help.cpp)
void add_help_command(CLI::App& app, ExitCode& exit_code);
// Before parsing: when a word of the command line names no command of its group, prints
// "unknown command 'WORD'" with the closest names and returns 2; returns -1 when the line
// names no command at all (only global options), else 0.
int check_command_words(CLI::App& app, int argc, char** argv);
// Gives every group (a command with subcommands) whose help has no example one example of
// each of its commands, taken from their own help. Called once every command is added.
void add_group_examples(CLI::App& app);
// Prints the help of `app`, ending with a newline.
void print_help(const CLI::App& app);

// Writes the audit bundle, which is also the book's export, to `out` and reports it; `tail`
// ends the byte count in the human message. Shared by `audit export` and `book export`.
ExitCode write_bundle(Context& ctx, const std::string& out, const std::string& tail);

// For every --ref option: an empty reference would store none, so a repeat of the operation
// would no longer be recognised as one; leaving the option out is how to give no reference.
inline const CLI::Validator kReference(
    [](std::string& text) -> std::string {
      return text.empty() ? tr("must not be empty (leave --ref out to give no reference)") : "";
    },
    "", "reference");

// Opens the book or reports why not; for use at the start of a command.
#define SEMILLA_OPEN_BOOK(ctx, var)                       \
  auto var##_result = (ctx).book();                       \
  if (!var##_result.ok()) return report_error((ctx), var##_result.error()); \
  book::Book& var = **var##_result

}  // namespace semilla::cli
