// SPDX-License-Identifier: Apache-2.0
// Internal to cli/: the parts of `semilla` grant commands that live in their own files.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "ledger/store/grant_store.h"

namespace semilla::cli {

// report donor (cmd_grants_report.cpp)
void add_donor_report_command(CLI::App& app, Context& ctx, ExitCode& exit_code);
// period close | reopen | list (cmd_grants_report.cpp)
void add_period_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);

// `name` under `app`: the existing subcommand when another file added it, else a new one.
CLI::App* subcommand(CLI::App& app, const std::string& name, const std::string& description);
// "800.50" in `currency` from minor units.
[[nodiscard]] std::string money(std::int64_t minor, const std::string& currency);

}  // namespace semilla::cli
