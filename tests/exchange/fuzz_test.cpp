// SPDX-License-Identifier: Apache-2.0
// Runs the libFuzzer target of the batch importer for a bounded time, when it was built
// (clang only: see docs/exchange.md §6). Seeds are the example batch and a few bad documents.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace semilla::exchange_test {
namespace {

std::string fuzzer_path() {
  if (const char* env = std::getenv("SEMILLA_FUZZ_BATCH"); env != nullptr && *env != '\0') {
    return env;
  }
  return SEMILLA_BINARY_DIR "/ledger/exchange/fuzz_batch_import";
}

TEST(Fuzz, BatchImporterSurvivesTenSeconds) {
  const std::string fuzzer = fuzzer_path();
  if (!std::filesystem::exists(fuzzer)) {
    GTEST_SKIP() << "fuzz_batch_import not built (needs clang: CXX=clang++ cmake ...); "
                    "or set SEMILLA_FUZZ_BATCH";
  }
  char tmpl[] = "/tmp/semilla-fuzz-XXXXXX";
  const std::string corpus = mkdtemp(tmpl);
  std::filesystem::copy_file(SEMILLA_SOURCE_DIR "/examples/programme-batch.json",
                             corpus + "/example.json");
  std::ofstream(corpus + "/bad.json") << R"({"format":"semilla-batch","version":1,)"
                                         R"("operations":[{"type":"transaction"}]})";
  const std::string command = fuzzer + " -max_total_time=10 -max_len=4096 -rss_limit_mb=2048 " +
                              corpus + " >" + corpus + "/log.txt 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream log(corpus + "/log.txt");
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  std::filesystem::remove_all(corpus);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << text.substr(text.size() > 4000 ? text.size() - 4000 : 0);
}

}  // namespace
}  // namespace semilla::exchange_test
