// SPDX-License-Identifier: Apache-2.0
// semilla officer add | roles | revoke | list: the officers who sign the book's records and
// their roles (issue 11; ledger/book/officers.h has the rules, docs/cli.md the commands).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/csv_out.h"
#include "cli/table.h"
#include "ledger/book/officers.h"

namespace semilla::cli {
namespace {

using nlohmann::json;

struct OfficerArgs {
  std::string name, key, reason;
  std::vector<std::string> roles;
};

// The roles as the command line gave them, in canonical order (kInvalid naming --role).
Result<std::vector<std::string>> canonical_roles(const std::vector<std::string>& given) {
  auto roles = book::parse_roles(given, "--role", false);
  if (!roles.ok()) return roles.error();
  return book::role_names(*roles);
}

ExitCode print_change(Context& ctx, const book::OfficerRecord& r) {
  if (ctx.json()) {
    print_json({{"ok", true}, {"kind", r.kind}, {"officer", r.name}, {"roles", r.roles},
                {"signer", r.signer}, {"audit_seq", r.audit_seq}});
    return kExitOk;
  }
  std::string roles;
  for (std::size_t i = 0; i < r.roles.size(); ++i) roles += (i ? ", " : "") + r.roles[i];
  const TrArgs args = {{"officer", r.name}, {"roles", roles}, {"reason", r.reason},
                       {"record", std::to_string(r.audit_seq)}, {"signer", r.signer}};
  if (r.kind == book::kKindOfficerAdd) {
    std::cout << trf("Registered officer {officer} ({roles}), audit record {record}, signed by "
                     "{signer}",
                     args);
  } else if (r.kind == book::kKindOfficerRoles) {
    std::cout << trf("Officer {officer} now holds ({roles}), audit record {record}, signed by "
                     "{signer}",
                     args);
  } else {
    std::cout << trf("Revoked officer {officer} ({reason}{roles}), audit record {record}, signed "
                     "by {signer}",
                     args);
  }
  std::cout << '\n';
  return kExitOk;
}

ExitCode run_change(Context& ctx, std::string_view kind, const OfficerArgs& a) {
  book::OfficerRecord r{0, std::string(kind), a.name, {}, "", a.reason, ""};
  if (kind != book::kKindOfficerRevoke) {
    auto roles = canonical_roles(a.roles);
    if (!roles.ok()) return report_error(ctx, roles.error());
    r.roles = std::move(*roles);
  }
  if (kind == book::kKindOfficerAdd) {
    auto key = audit::NoteVerifier::parse(a.key);
    if (!key.ok()) return report_error(ctx, make_error(ErrorCode::kInvalid, "--key",
                                                       key.error().message));
    r.verifier_key = key->to_string();
  }
  SEMILLA_OPEN_BOOK(ctx, b);
  auto done = b.change_officer(std::move(r));
  if (!done.ok()) return report_error(ctx, done.error());
  return print_change(ctx, *done);
}

json officer_json(const book::Officer& o) {
  return {{"officer", o.name}, {"roles", book::role_names(o.roles)},
          {"active", o.active()}, {"verifier_key", o.verifier_key},
          {"added_seq", o.added_seq},
          {"revoked_seq", o.revoked_seq ? json(*o.revoked_seq) : json(nullptr)},
          {"revoke_reason", o.active() ? json(nullptr) : json(o.revoke_reason)}};
}

ExitCode run_list(Context& ctx) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto records = b.officer_records();
  if (!records.ok()) return report_error(ctx, records.error());
  book::OfficerRegistry registry;
  for (const auto& r : *records) registry.apply(r);
  json out = json::array();
  for (const auto& o : registry.officers()) out.push_back(officer_json(o));
  if (print_csv(ctx, {"", &out, {"officer", "roles", "active", "verifier_key", "added_seq",
                                 "revoked_seq", "revoke_reason"}})) {
    return kExitOk;
  }
  if (ctx.json()) {
    print_json({{"officers", out}, {"single_user", registry.empty()}});
    return kExitOk;
  }
  if (registry.empty()) {
    std::cout << tr("No officers: single-user mode (records are not signed). Register the "
                    "first admin with `semilla officer add`.")
              << "\n";
    return kExitOk;
  }
  Table t({{tr("Officer")}, {tr("Roles")}, {tr("Status")}, {tr("Added"), Table::Align::kRight},
          {tr("Key")}});
  for (const auto& o : registry.officers()) {
    const std::string status = o.active() ? "active"
                                          : "revoked (record " + std::to_string(*o.revoked_seq) +
                                                ": " + o.revoke_reason + ")";
    t.add_row({o.name, book::role_list(o.roles), status, std::to_string(o.added_seq),
               o.verifier_key});
  }
  t.print(std::cout);
  return kExitOk;
}

void add_change_commands(CLI::App* officer, Context& ctx, ExitCode& exit_code) {
  auto a = std::make_shared<OfficerArgs>();
  auto* add = officer->add_subcommand("add", tr("Register an officer with their roles and key"));
  add->add_option("NAME", a->name, tr("Officer name: letters, digits and . _ @ -"))->required();
  add->add_option("--role", a->roles, tr("recorder, approver, admin or auditor; repeatable"))
      ->required();
  add->add_option("--key", a->key, tr("The officer's verifier key, as `keys generate` prints it"))
      ->required();
  add->footer(tr("Signed by an admin (--as NAME --key FILE before the command, or "
                 "SEMILLA_OFFICER and SEMILLA_KEY). The first officer must be an admin and signs "
                 "with their own key.\n\nExample:\n  semilla keys generate ana --out ana.key > "
                 "ana.vkey\n  semilla --as ana --key ana.key officer add ana --role admin --key "
                 "\"$(cat ana.vkey)\""));
  add->callback([&ctx, &exit_code, a] { exit_code = run_change(ctx, book::kKindOfficerAdd, *a); });
  auto* roles = officer->add_subcommand("roles", tr("Replace an officer's roles"));
  roles->add_option("NAME", a->name, tr("Officer name"))->required();
  roles->add_option("--role", a->roles, tr("The roles they hold from now on; repeatable"))
      ->required();
  roles->footer(tr("Example:\n  semilla officer roles luis --role recorder --role approver"));
  roles->callback(
      [&ctx, &exit_code, a] { exit_code = run_change(ctx, book::kKindOfficerRoles, *a); });
  auto* revoke = officer->add_subcommand("revoke", tr("Revoke an officer: they sign nothing more"));
  revoke->add_option("NAME", a->name, tr("Officer name"))->required();
  revoke->add_option("--reason", a->reason, tr("Why (recorded)"))->required();
  revoke->footer(tr("Example:\n  semilla officer revoke luis --reason \"Left the programme\""));
  revoke->callback(
      [&ctx, &exit_code, a] { exit_code = run_change(ctx, book::kKindOfficerRevoke, *a); });
}

}  // namespace

void add_officer_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto* officer = app.add_subcommand("officer", tr("Officers who sign the book's changes"));
  officer->require_subcommand(1);
  add_change_commands(officer, ctx, exit_code);
  auto* list = officer->add_subcommand("list", tr("List the officers, their roles and keys"));
  list->footer(tr("Example:\n  semilla officer list --json"));
  ctx.offer_csv(list);
  list->callback([&ctx, &exit_code] { exit_code = run_list(ctx); });
}

}  // namespace semilla::cli
