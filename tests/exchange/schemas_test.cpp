// SPDX-License-Identifier: Apache-2.0
// The published schemas are standard: an independent validator (ajv, from npm) compiles them
// in strict draft-07 mode and agrees with valijson on the examples and on bad documents.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "ledger/exchange/document.h"

namespace semilla::exchange_test {
namespace {

TEST(Schemas, AjvAgreesWithTheExamples) {
  const int status = std::system("bash " SEMILLA_SOURCE_DIR "/tests/exchange/ajv-check.sh "
                                 SEMILLA_SOURCE_DIR " " SEMILLA_BINARY_DIR);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 77) GTEST_SKIP() << "npm is not available: ajv not run";
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

nlohmann::json example(const char* name) {
  std::ifstream in(std::string(SEMILLA_SOURCE_DIR "/examples/") + name);
  std::stringstream text;
  text << in.rdbuf();
  auto doc = exchange::parse_document(text.str(), name);
  EXPECT_TRUE(doc.ok());
  return doc.ok() ? *doc : nlohmann::json();
}

TEST(Schemas, ValijsonAcceptsTheExamples) {
  EXPECT_TRUE(exchange::validate_schema(example("programme-batch.json"),
                                        exchange::SchemaId::kBatch).empty());
  EXPECT_TRUE(exchange::validate_schema(example("statement-EC-001.json"),
                                        exchange::SchemaId::kStatement).empty());
}

}  // namespace
}  // namespace semilla::exchange_test
