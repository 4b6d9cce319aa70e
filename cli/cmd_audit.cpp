// SPDX-License-Identifier: Apache-2.0
// semilla audit verify
#include <iostream>

#include "cli/commands.h"
#include "ledger/book/verify.h"

namespace semilla::cli {
namespace {

ExitCode run_verify(Context& ctx) {
  auto store = ctx.store();
  if (!store.ok()) return report_error(ctx, store.error());
  auto report = book::verify_book(**store);
  if (!report.ok()) {
    const Error& e = report.error();
    if (ctx.json()) {
      print_json({{"ok", false},
                  {"error", {{"code", error_code_name(e.code)}, {"where", e.field},
                             {"message", e.message}}}});
    } else {
      std::cerr << "audit verify: FAILED\n  " << e.to_string() << '\n';
    }
    return exit_code_for(e.code);
  }
  const auto& r = *report;
  const std::string head = audit::to_hex(r.head);
  if (ctx.json()) {
    print_json({{"ok", true}, {"records", r.records}, {"head", head},
                {"accounts", r.accounts}, {"enterprises", r.enterprises},
                {"transactions", r.transactions}, {"balance_rows", r.balance_rows}});
  } else {
    std::cout << "audit verify: OK\n"
              << "  records:      " << r.records << " (hash chain intact)\n"
              << "  head:         " << head << "\n"
              << "  replayed:     " << r.accounts << " accounts, " << r.enterprises
              << " enterprises, " << r.transactions << " transactions, " << r.balance_rows
              << " balance rows: all match the database\n";
  }
  return kExitOk;
}

}  // namespace

void add_audit_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto* audit = app.add_subcommand("audit", "Check that the books were not altered");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify", "Recompute the hash chain and replay every record against the tables");
  verify->footer("Exit code 3 when anything does not fit; the message names the first record, "
                 "row or balance that differs.\n\nExample:\n  semilla --db programa.db audit "
                 "verify --json");
  verify->callback([&ctx, &exit_code] { exit_code = run_verify(ctx); });
}

}  // namespace semilla::cli
