// SPDX-License-Identifier: Apache-2.0
// --html FILE: a report's page (cli/html/html_reports.h) written beside its usual output. The
// page is made from the document --json prints, so its figures are the JSON's.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/context.h"

namespace semilla::cli {

// Writes the page of `doc` that `write_page` makes to --html's file; then prints `doc` with
// --json, or a line naming the file. kEnvironment naming --html when the file cannot be
// written (exit 4).
ExitCode finish_html(const Context& ctx, const nlohmann::json& doc,
                     void (*write_page)(std::ostream&, const nlohmann::json&));

}  // namespace semilla::cli
