// SPDX-License-Identifier: Apache-2.0
// End-to-end: the migration statuses of R4V and UNHCR (issue 12) through enterprise add,
// enterprise update, batch import and the enterprise list; the book still verifies.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "tests/officer_e2e/officer_book.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

TEST(MigrationStatusE2E, EveryR4vAndUnhcrCategoryIsAcceptedAndOthersAreRefusedWithTheList) {
  Cli cli;
  cli.ok({"init", "--currency", "USD"});
  const std::vector<std::string> statuses = {"migrant", "refugee",   "asylum-seeker", "irregular",
                                             "returnee", "host", "stateless", "other"};
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    cli.ok({"enterprise", "add", "E" + std::to_string(i), "--status", statuses[i]});
  }
  auto bad = cli.run({"enterprise", "add", "E99", "--status", "asilado"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("--status"));
  EXPECT_THAT(bad.err, HasSubstr("\"asilado\" is not one of migrant, refugee, asylum-seeker, "
                                 "irregular, returnee, host, stateless, other"));
  cli.ok({"enterprise", "update", "E0", "--status", "asylum-seeker"});

  const std::string batch = cli.dir() + "/people.json";
  std::ofstream(batch) << R"({"format": "semilla-batch", "version": 1, "operations": [
    {"type": "enterprise", "id": "E100", "status": "stateless"}]})";
  auto imported = cli.run({"batch", "import", batch});
  EXPECT_EQ(imported.exit_code, 0) << imported.err;

  json list = json::parse(cli.ok({"--json", "enterprise", "list"}));
  std::map<std::string, std::string> status_of;
  for (const auto& e : list["enterprises"]) {
    status_of[e["id"].get<std::string>()] = e["status"].get<std::string>();
  }
  EXPECT_EQ(status_of["E0"], "asylum-seeker");
  EXPECT_EQ(status_of["E6"], "stateless");
  EXPECT_EQ(status_of["E100"], "stateless");
  EXPECT_FALSE(status_of.contains("E99"));
  cli.ok({"audit", "verify"});
}

}  // namespace
}  // namespace semilla::e2e
