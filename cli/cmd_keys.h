// SPDX-License-Identifier: Apache-2.0
// Registration of `semilla keys` (signing keys for audit checkpoints).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace semilla::cli {

// keys generate | keys verifier
void add_keys_commands(CLI::App& app, Context& ctx, ExitCode& exit_code);

}  // namespace semilla::cli
