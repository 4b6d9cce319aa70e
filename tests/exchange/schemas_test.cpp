// SPDX-License-Identifier: Apache-2.0
// The published schemas are standard: an independent validator (ajv, from npm) compiles them
// in strict draft-07 mode and agrees with valijson on the examples and on bad documents.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "audit/note_key.h"
#include "ledger/exchange/document.h"
#include "ledger/exchange/statement.h"

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

// The example statement is signed by the example key (seed: 32 bytes of 0x07, docs/exchange.md
// §3), so that it can be re-signed when it changes; its .vkey is that key's verifier.
TEST(Schemas, TheExampleStatementIsSignedByTheExampleKey) {
  auto signer = audit::NoteSigner::from_seed("mfi-a.example.org/statements",
                                             std::string(32, '\x07'));
  ASSERT_TRUE(signer.ok());
  std::ifstream in(SEMILLA_SOURCE_DIR "/examples/statement-EC-001.vkey");
  std::string vkey;
  std::getline(in, vkey);
  EXPECT_EQ(vkey, signer->verifier().to_string());
  std::vector<audit::NoteVerifier> keys{signer->verifier()};
  auto verified = exchange::verify_statement(example("statement-EC-001.json"), keys);
  ASSERT_TRUE(verified.ok()) << verified.error().front().to_string();
  EXPECT_EQ(verified->doc["statement"]["loans"][0]["outstanding_principal"], "973.10");
}

}  // namespace
}  // namespace semilla::exchange_test
