// SPDX-License-Identifier: Apache-2.0
// semilla init | account add/list | enterprise add/list
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/csv_out.h"
#include "cli/table.h"
#include "ledger/book/draft_checks.h"

namespace semilla::cli {
namespace {

using nlohmann::json;

json account_json(const book::Account& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"type", std::string(book::account_type_name(a.type))},
          {"currency", a.currency ? json(*a.currency) : json(nullptr)},
          {"enterprise", a.enterprise ? json(*a.enterprise) : json(nullptr)}};
}

json enterprise_json(const book::Enterprise& e, const std::optional<std::string>& name) {
  return {{"id", e.id},           {"name", name ? json(*name) : json(nullptr)},
          {"kind", e.kind},       {"sex", e.sex},
          {"birth_year", e.birth_year ? json(*e.birth_year) : json(nullptr)},
          {"nationality", e.nationality}, {"status", e.status},
          {"province", e.province}, {"cohort", e.cohort}};
}

// Removes a file `init` created and the SQLite files beside it.
void remove_book_files(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix, ec);
  }
}

// Creates the book, or leaves nothing behind: the options are first applied to a book in
// memory, so that whatever Book::init refuses is refused before the file is touched (the
// rules stay in Book::init alone), and a file this command created is removed if the real
// init still fails (disk full, a book created meanwhile by another process).
Result<book::Book> init_book(Context& ctx, const book::InitOptions& o) {
  auto scratch = store::open_sqlite_store(":memory:", /*create=*/true);
  if (!scratch.ok()) return scratch.error();
  if (auto trial = book::Book::init(**scratch, o, ctx.actor()); !trial.ok()) {
    return trial.error();
  }
  const std::string path = ctx.db_path();
  std::error_code ec;
  const bool existed = std::filesystem::exists(path, ec);
  auto s = ctx.store(/*create=*/true);
  auto b = s.ok() ? book::Book::init(**s, o, ctx.actor()) : Result<book::Book>(s.error());
  if (!b.ok() && !existed) {
    ctx.close_store();
    remove_book_files(path);
  }
  return b;
}

void add_init(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto opts = std::make_shared<book::InitOptions>();
  auto* cmd = app.add_subcommand("init", tr("Create a new, empty book"));
  cmd->add_option("--currency", opts->currency, tr("Default currency, ISO 4217 (USD, PEN, BOB...)"))
      ->required();
  cmd->add_option("--name", opts->name, tr("Name of the organisation or programme"));
  cmd->add_option("--timezone", opts->timezone, tr("IANA time zone that decides what today is"))
      ->capture_default_str();
  cmd->footer(tr("Example:\n  semilla --db programa.db init --currency USD --name \"Semillas "
                 "2026\" --timezone America/Guayaquil"));
  cmd->callback([&ctx, &exit_code, opts] {
    auto b = init_book(ctx, *opts);
    if (!b.ok()) {
      exit_code = report_error(ctx, b.error());
      return;
    }
    if (ctx.json()) {
      print_json({{"ok", true}, {"db", ctx.db_path()}, {"name", b->info().name},
                  {"currency", b->info().currency}, {"timezone", b->info().timezone}});
    } else {
      std::cout << trf("Created book \"{name}\" in {file} (currency {currency}, time zone "
                       "{timezone})",
                       {{"name", b->info().name}, {"file", ctx.db_path()},
                        {"currency", b->info().currency}, {"timezone", b->info().timezone}})
                << "\n";
    }
  });
}

ExitCode run_account_add(Context& ctx, const book::AccountDraft& d) {
  SEMILLA_OPEN_BOOK(ctx, b);
  // Several problems are reported together; a single one as the book words it.
  if (auto problems = book::account_draft_problems(b.store(), d); problems.size() > 1) {
    return report_errors(ctx, problems);
  }
  auto a = b.add_account(d);
  if (!a.ok()) return report_error(ctx, a.error());
  if (ctx.json()) {
    print_json({{"ok", true}, {"account", account_json(*a)}});
  } else {
    std::string what(book::account_type_name(a->type));
    if (a->currency) what += trf(", {currency} only", {{"currency", *a->currency}});
    if (a->enterprise) what += trf(", of enterprise {enterprise}", {{"enterprise",
        *a->enterprise}});
    std::cout << trf("Added account {id} {name} ({what})",
                     {{"id", std::to_string(a->id)}, {"name", a->name}, {"what", what}})
              << "\n";
  }
  return kExitOk;
}

ExitCode run_account_list(Context& ctx) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto list = b.accounts();
  if (!list.ok()) return report_error(ctx, list.error());
  if (ctx.json() || ctx.csv()) {
    json out = json::array();
    for (const auto& a : *list) out.push_back(account_json(a));
    if (print_csv(ctx, {"", &out, {"id", "name", "type", "currency", "enterprise"}})) return 0;
    print_json({{"accounts", out}});
    return kExitOk;
  }
  Table t({{tr("Id"), Table::Align::kRight}, {tr("Account")}, {tr("Type")}, {tr("Currency")},
          {tr("Enterprise")}});
  for (const auto& a : *list) {
    t.add_row({std::to_string(a.id), a.name, std::string(book::account_type_name(a.type)),
               a.currency.value_or("any"), a.enterprise.value_or("")});
  }
  t.print(std::cout);
  return kExitOk;
}

void add_account(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto draft = std::make_shared<book::AccountDraft>();
  auto& d = *draft;
  auto* account = app.add_subcommand("account", tr("Create and list accounts"));
  account->require_subcommand(1);
  account->footer(tr("Accounts are hierarchical (Assets:Bank:Pichincha) and never deleted or "
                     "renamed.\n\nExamples:\n  semilla account add Assets:Bank:Pichincha --type "
                     "asset --currency USD\n  semilla account list --json"));
  auto* add = account->add_subcommand("add", tr("Create an account"));
  add->add_option("NAME", d.name, tr("Hierarchical name, parts separated by ':'"))->required();
  add->add_option("--type", d.type, tr("asset, liability, equity, income or expense"))->required();
  add->add_option("--currency", d.currency, tr("Accept only this currency"));
  add->add_option("--enterprise", d.enterprise,
                  tr("The enterprise that owns it: its postings appear in that statement"));
  add->footer(tr("Examples:\n  semilla account add Assets:Bank:Pichincha --type asset --currency "
                 "USD\n  semilla account add Assets:Loans:EC-001 --type asset --enterprise "
                 "EC-001"));
  add->callback([&ctx, &exit_code, draft] { exit_code = run_account_add(ctx, *draft); });
  auto* list = account->add_subcommand("list", tr("List accounts"));
  ctx.offer_csv(list);
  list->callback([&] { exit_code = run_account_list(ctx); });
}

ExitCode run_enterprise_add(Context& ctx, const book::EnterpriseDraft& d) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto today = b.today();
  if (!today.ok()) return report_error(ctx, today.error());
  // Several problems are reported together; a single one as the book words it.
  if (auto problems = book::enterprise_draft_problems(b.store(), d, today->year());
      problems.size() > 1) {
    return report_errors(ctx, problems);
  }
  auto e = b.add_enterprise(d);
  if (!e.ok()) return report_error(ctx, e.error());
  if (ctx.json()) {
    print_json({{"ok", true},
                {"enterprise", enterprise_json(*e, d.name.empty() ? std::nullopt
                                                                  : std::optional(d.name))}});
  } else {
    std::cout << trf("Added enterprise {id} ({kind})", {{"id", e->id}, {"kind", e->kind}}) << "\n";
  }
  return kExitOk;
}

ExitCode run_enterprise_list(Context& ctx) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto list = b.enterprises();
  if (!list.ok()) return report_error(ctx, list.error());
  json out = json::array();
  Table t({{tr("Id")}, {tr("Name")}, {tr("Kind")}, {tr("Sex")}, {tr("Born"), Table::Align::kRight},
           {tr("Nat.")}, {tr("Status")}, {tr("Province")}, {tr("Cohort")}});
  for (const auto& e : *list) {
    auto name = b.store().enterprise_name(e.id);
    if (!name.ok()) return report_error(ctx, name.error());
    out.push_back(enterprise_json(e, *name));
    t.add_row({e.id, name->value_or(""), e.kind, e.sex,
               e.birth_year ? std::to_string(*e.birth_year) : "", e.nationality, e.status,
               e.province, e.cohort});
  }
  if (ctx.csv()) {
    write_csv(std::cout, {"", &out, {"id", "name", "kind", "sex", "birth_year", "nationality",
                                      "status", "province", "cohort"}});
  } else if (ctx.json()) {
    print_json({{"enterprises", out}});
  } else {
    t.print(std::cout);
  }
  return kExitOk;
}

ExitCode run_enterprise_update(Context& ctx, const book::EnterpriseDraft& d) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto u = b.update_enterprise(d);
  if (!u.ok()) return report_error(ctx, u.error());
  auto name = b.store().enterprise_name(d.id);
  if (!name.ok()) return report_error(ctx, name.error());
  const bool duplicate = !u->recorded && !u->name_changed;
  if (ctx.json()) {
    print_json({{"ok", true}, {"duplicate", duplicate}, {"recorded", u->recorded},
                {"name_changed", u->name_changed},
                {"enterprise", enterprise_json(u->enterprise, *name)}});
  } else if (duplicate) {
    std::cout << trf("Already recorded, nothing changed: enterprise {id} already has these "
                     "attributes",
                     {{"id", d.id}})
              << "\n";
  } else {
    if (u->recorded) {
      const TrArgs args = {{"id", d.id}, {"record", std::to_string(u->enterprise.audit_seq)}};
      std::cout << (u->name_changed
                        ? trf("Updated enterprise {id} (audit record {record}); name changed", args)
                        : trf("Updated enterprise {id} (audit record {record})", args))
                << "\n";
    } else {
      std::cout << trf("Changed the name of enterprise {id} (outside the audit chain)",
                       {{"id", d.id}})
                << "\n";
    }
  }
  return kExitOk;
}

ExitCode run_enterprise_forget_name(Context& ctx, const std::string& id) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto forgotten = b.forget_enterprise_name(id);
  if (!forgotten.ok()) return report_error(ctx, forgotten.error());
  if (ctx.json()) {
    print_json({{"ok", true}, {"id", id}, {"forgotten", *forgotten}});
  } else if (*forgotten) {
    std::cout << trf("Erased the name of enterprise {id} (it was never in the audit chain; the "
                     "chain still verifies)",
                     {{"id", id}})
              << "\n";
  } else {
    std::cout << trf("Enterprise {id} has no name; nothing changed", {{"id", id}}) << "\n";
  }
  return kExitOk;
}

void add_enterprise_update(CLI::App* ent, Context& ctx, ExitCode& exit_code) {
  auto draft = std::make_shared<book::EnterpriseDraft>();
  auto& d = *draft;
  auto* up = ent->add_subcommand("update", tr("Correct an enterprise's attributes or name"));
  up->add_option("ID", d.id, tr("The enterprise"))->required();
  up->add_option("--name", d.name, tr("New name (personal data: outside the audit chain)"));
  up->add_option("--sex", d.sex, tr("Owner's sex: female, male or other"));
  up->add_option("--birth-year", d.birth_year, tr("Owner's year of birth, YYYY"));
  up->add_option("--nationality", d.nationality, tr("Owner's nationality, ISO 3166 alpha-2"));
  up->add_option("--status", d.status, tr("Migration status (see `enterprise add --help`)"));
  up->add_option("--province", d.province, tr("Province where the enterprise works"));
  up->add_option("--cohort", d.cohort, tr("Training cohort"));
  up->footer(tr("Options not given keep their value. The attributes are recorded in the audit "
                "chain (enterprise.update); grant events and loans keep the attributes they had "
                "when they were recorded, so past reports do not change.\n\nExample:\n  semilla "
                "enterprise update EC-001 --birth-year 1988 --status refugee"));
  up->callback([&ctx, &exit_code, draft] { exit_code = run_enterprise_update(ctx, *draft); });
  auto id = std::make_shared<std::string>();
  auto* forget = ent->add_subcommand("forget-name", tr("Erase an enterprise's name (personal "
                                                       "data)"));
  forget->add_option("ID", *id, tr("The enterprise"))->required();
  forget->footer(tr("The name was never in the audit chain: erasing it changes no "
                    "record.\n\nExample:\n  semilla enterprise forget-name EC-001"));
  forget->callback([&ctx, &exit_code, id] { exit_code = run_enterprise_forget_name(ctx, *id); });
}

void add_enterprise(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto draft = std::make_shared<book::EnterpriseDraft>();
  auto& d = *draft;
  auto* ent = app.add_subcommand("enterprise", tr("Register and list enterprises"));
  ent->require_subcommand(1);
  ent->footer(tr("Names are personal data: they stay outside the audit chain. The attributes "
                 "donors report on (kind, sex, birth year, nationality, status, province, "
                 "cohort) are in it.\n\nExamples:\n  semilla enterprise add EC-001 --name "
                 "\"Panadería Rosa\" --sex female --nationality VE --status migrant\n  semilla "
                 "enterprise list"));
  auto* add = ent->add_subcommand("add", tr("Register an enterprise"));
  add->add_option("ID", d.id, tr("Identifier: letters, digits and . _ - : /"))->required();
  add->add_option("--name", d.name,
                  tr("Name (personal data: kept outside the audit chain, can be corrected)"));
  add->add_option("--kind", d.kind, tr("individual (default), family, association, cooperative"));
  add->add_option("--sex", d.sex, tr("Owner's sex: female, male or other"));
  add->add_option("--birth-year", d.birth_year, tr("Owner's year of birth, YYYY"));
  add->add_option("--nationality", d.nationality, tr("Owner's nationality, ISO 3166 alpha-2"));
  add->add_option("--status", d.status,
                  tr("migrant, refugee, asylum-seeker, irregular, returnee, host, stateless, "
                     "other, or one the book defined (`semilla status list`)"));
  add->add_option("--province", d.province, tr("Province where the enterprise works"));
  add->add_option("--cohort", d.cohort, tr("Training cohort"));
  add->footer(tr("Example:\n  semilla enterprise add EC-001 --name \"Panadería Rosa\" --sex "
                 "female --birth-year 1990 --nationality VE --status migrant --province "
                 "Pichincha --cohort 2026-A"));
  add->callback([&ctx, &exit_code, draft] { exit_code = run_enterprise_add(ctx, *draft); });
  auto* list = ent->add_subcommand("list", tr("List enterprises"));
  ctx.offer_csv(list);
  list->callback([&] { exit_code = run_enterprise_list(ctx); });
  add_enterprise_update(ent, ctx, exit_code);
}

}  // namespace

void add_book_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  add_init(app, ctx, exit_code);
  add_account(app, ctx, exit_code);
  add_enterprise(app, ctx, exit_code);
}

}  // namespace semilla::cli
