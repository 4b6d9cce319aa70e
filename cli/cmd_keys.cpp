// SPDX-License-Identifier: Apache-2.0
// semilla keys generate | verifier. Private keys live only in files the user keeps (mode
// 0600, never overwritten); the book stores nothing but the public verifier keys.
#include "cli/cmd_keys.h"

#include <iostream>
#include <memory>

#include "audit/note_key.h"

namespace semilla::cli {
namespace {

// "ledger.example.org/audit" -> "ledger.example.org_audit.key": a file name from a key name.
std::string default_key_file(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    out += plain ? c : '_';
  }
  return out + ".key";
}

ExitCode print_verifier(const Context& ctx, const audit::NoteSigner& signer,
                        const std::string& file) {
  const std::string vkey = signer.verifier().to_string();
  if (ctx.json()) {
    print_json({{"ok", true}, {"name", signer.name()}, {"verifier_key", vkey},
                {"key_file", file}});
  } else {
    std::cout << vkey << '\n';
  }
  return kExitOk;
}

ExitCode run_generate(const Context& ctx, const std::string& name, const std::string& out) {
  auto checked = audit::check_key_name(name, "NAME");
  if (!checked.ok()) return report_error(ctx, checked.error());
  auto signer = audit::NoteSigner::generate(name);
  if (!signer.ok()) return report_error(ctx, signer.error());
  const std::string file = out.empty() ? default_key_file(name) : out;
  auto written = audit::write_signer_key_file(file, *signer);
  if (!written.ok()) return report_error(ctx, written.error());
  if (!ctx.json()) {
    std::cerr << trf("Private key written to {file} (mode 0600); keep it offline. Verifier key "
                     "for auditors:",
                     {{"file", file}})
              << "\n";
  }
  return print_verifier(ctx, *signer, file);
}

ExitCode run_verifier(const Context& ctx, const std::string& file) {
  auto signer = audit::read_signer_key_file(file);
  if (!signer.ok()) return report_error(ctx, signer.error());
  return print_verifier(ctx, *signer, file);
}

}  // namespace

void add_keys_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto* keys = app.add_subcommand("keys", tr("Create the key that signs audit checkpoints"));
  keys->require_subcommand(1);
  auto name = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto* generate = keys->add_subcommand(
      "generate", tr("Create an Ed25519 key pair; print the verifier key for auditors"));
  generate->add_option("NAME", *name, tr("Key name = checkpoint origin, e.g. "
                                         "ngo.example.org/audit"))
      ->required();
  generate->add_option("--out", *out, tr("Private key file to create (default: NAME.key, with "
                                         "characters other than letters, digits, . - _ as _)"));
  generate->footer(tr("The private key file is created with mode 0600 and never "
                      "overwritten.\n\nExample:\n  semilla keys generate ngo.example.org/audit "
                      "--out audit.key > audit.vkey"));
  generate->callback([&ctx, &exit_code, name, out] {
    exit_code = run_generate(ctx, *name, *out);
  });
  auto file = std::make_shared<std::string>();
  auto* verifier = keys->add_subcommand("verifier", tr("Print the verifier key of a key file"));
  verifier->add_option("FILE", *file, tr("Private key file"))->required();
  verifier->callback([&ctx, &exit_code, file] { exit_code = run_verifier(ctx, *file); });
}

}  // namespace semilla::cli
