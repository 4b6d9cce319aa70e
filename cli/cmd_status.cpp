// SPDX-License-Identifier: Apache-2.0
// semilla status define | list: the migration statuses a book adds to the built-in ones.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/csv_out.h"
#include "cli/table.h"
#include "ledger/book/fields.h"

namespace semilla::cli {
namespace {

using nlohmann::json;

struct StatusArgs {
  std::string name, label;
};

ExitCode run_status_define(Context& ctx, const StatusArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto r = b.define_status(a.name, a.label);
  if (!r.ok()) return report_error(ctx, r.error());
  const auto& s = r->status;
  if (ctx.json()) {
    print_json({{"ok", true}, {"duplicate", r->duplicate}, {"status", s.name},
                {"label", s.label}, {"audit_seq", s.audit_seq}});
  } else {
    const TrArgs args = {{"status", s.name}, {"label", s.label},
                         {"record", std::to_string(s.audit_seq)}};
    std::cout << (r->duplicate ? trf("Already recorded, nothing changed: status {status} "
                                     "({label}, audit record {record})",
                                     args)
                               : trf("Defined migration status {status} ({label}, audit record "
                                     "{record})",
                                     args))
              << "\n";
  }
  return kExitOk;
}

ExitCode run_status_list(Context& ctx) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto defined = b.status_names();
  if (!defined.ok()) return report_error(ctx, defined.error());
  if (ctx.json() || ctx.csv()) {
    json out = json::array();
    for (const auto& name : book::builtin_statuses()) {
      out.push_back({{"status", name}, {"label", nullptr}, {"audit_seq", nullptr}});
    }
    for (const auto& s : *defined) {
      out.push_back({{"status", s.name}, {"label", s.label}, {"audit_seq", s.audit_seq}});
    }
    if (!print_csv(ctx, {"", &out, {"status", "label", "audit_seq"}})) {
      print_json({{"statuses", out}});
    }
    return kExitOk;
  }
  Table t({{tr("Status")}, {tr("Label")}, {tr("Record"), Table::Align::kRight}});
  for (const auto& name : book::builtin_statuses()) t.add_row({name, tr("(built in)"), ""});
  for (const auto& s : *defined) t.add_row({s.name, s.label, std::to_string(s.audit_seq)});
  t.print(std::cout);
  return kExitOk;
}

}  // namespace

void add_status_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto* st = app.add_subcommand("status", tr("Migration statuses enterprises and members carry"));
  st->require_subcommand(1);
  auto a = std::make_shared<StatusArgs>();
  auto* def = st->add_subcommand("define", tr("Add a migration status to this book's list"));
  def->add_option("NAME", a->name, tr("Lower-case letters, digits and - (displaced)"))->required();
  def->add_option("--label", a->label, tr("What it means, for people (recorded)"))->required();
  def->footer(tr("The built-in statuses (R4V and UNHCR's categories) need no definition. "
                 "Defining a status again with the same label changes nothing.\n\nExample:\n  "
                 "semilla status define displaced --label \"Internally displaced (IDP)\""));
  def->callback([&ctx, &exit_code, a] { exit_code = run_status_define(ctx, *a); });
  auto* list = st->add_subcommand("list", tr("List the built-in and defined statuses"));
  ctx.offer_csv(list);
  list->footer(tr("Example:\n  semilla status list --json"));
  list->callback([&ctx, &exit_code] { exit_code = run_status_list(ctx); });
}

}  // namespace semilla::cli
