// SPDX-License-Identifier: Apache-2.0
// Which language the program speaks (docs/cli.md, "Languages"): --lang es|en anywhere on the
// command line, else LC_ALL, LC_MESSAGES, LANG (the first that is set), else English.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "ledger/base/lang.h"

namespace semilla::cli {

// The language `argv` and the environment ask for. An unknown --lang value is left for the
// parser to refuse (exit 2), in the language of the environment.
[[nodiscard]] Language chosen_language(int argc, const char* const* argv);

// Where the catalogues are: SHARE/locale beside the program's BIN folder (the build tree's
// build/share/locale for build/cli/semilla, PREFIX/share/locale when installed), else the
// installation's locale folder.
[[nodiscard]] std::string locale_dir();

// Speaks the chosen language from here on; before any help text is built.
void use_chosen_language(int argc, const char* const* argv);

// CLI11's own words in help pages ("Usage", "OPTIONS", "REQUIRED"...) and the heading of the
// options, in the language in use; before any option or command is added to `app`.
void translate_help_words(CLI::App& app);

}  // namespace semilla::cli
