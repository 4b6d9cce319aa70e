// SPDX-License-Identifier: Apache-2.0
#include "cli/html_out.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace semilla::cli {

ExitCode finish_html(const Context& ctx, const nlohmann::json& doc,
                     void (*write_page)(std::ostream&, const nlohmann::json&)) {
  std::ostringstream page;  // whole before the file is opened: a failure leaves no half page
  write_page(page, doc);
  const std::string& path = ctx.html_path();
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << page.str();
  file.flush();
  if (!file) {
    return report_error(ctx, make_error(ErrorCode::kEnvironment, "--html",
                                        trf("cannot write {file}", {{"file", path}})));
  }
  if (ctx.json()) {
    print_json(doc);
  } else {
    std::cout << "Wrote " << path << " (" << page.str().size() << " bytes)\n";
  }
  return kExitOk;
}

}  // namespace semilla::cli
