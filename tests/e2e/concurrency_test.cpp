// SPDX-License-Identifier: Apache-2.0
// End-to-end: several officers at once. Four processes post 200 transactions each on one
// book while a fifth runs `trial-balance` in a loop: every posting is written (writers wait
// their turn), no read fails (readers never wait for a writer), and the book verifies. And
// `audit verify` run again and again while others post: a sound book always verifies.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

constexpr int kWriters = 4;
constexpr int kPostsPerWriter = 200;

// Forks a child that runs `body` and exits with its result (a count of failures, capped).
pid_t fork_child(const std::function<int()>& body) {
  const pid_t pid = fork();
  if (pid == 0) _exit(std::min(body(), 250));
  return pid;
}

int wait_child(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

TEST(ConcurrencyE2E, FourWritersAndAReaderNeitherFailNorLoseAnything) {
  Cli cli;
  make_sample_book(cli);
  const std::string stop = cli.dir() + "/stop";
  const std::string reads = cli.dir() + "/reads";
  std::vector<pid_t> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.push_back(fork_child([&, w] {
      int failed = 0;
      for (int i = 0; i < kPostsPerWriter; ++i) {
        const std::string cents = std::to_string(w * 1000 + i + 1);
        failed += cli.run_quietly({"post", "--date", "2026-03-02", "--memo", "w" + cents,
                                   "--debit", "Assets:Bank:Pichincha=" + cents + ".00",
                                   "--credit", "Equity:Donor:BID=" + cents + ".00"},
                                  cli.dir() + "/writer.err") != 0;
      }
      return failed;
    }));
  }
  const pid_t reader = fork_child([&] {
    int runs = 0;
    int failed = 0;
    while (!std::filesystem::exists(stop) || runs == 0) {
      failed += cli.run_quietly({"trial-balance"}, cli.dir() + "/reader.err") != 0;
      ++runs;
    }
    std::ofstream(reads) << runs;
    return failed;
  });
  int writes_failed = 0;
  for (pid_t w : writers) writes_failed += wait_child(w);
  std::ofstream(stop) << "done";
  const int reads_failed = wait_child(reader);

  EXPECT_EQ(writes_failed, 0) << slurp(cli.dir() + "/writer.err");
  EXPECT_EQ(reads_failed, 0) << slurp(cli.dir() + "/reader.err");
  EXPECT_GT(std::stoi(slurp(reads)), 0);
  std::cout << "[ reads    ] " << slurp(reads) << " trial balances ran during the posting\n";
  cli.ok({"audit", "verify"});
  // 800 postings of 1.00 .. 3200.00 in whole dollars: w·1000 + i + 1 for w < 4, i < 200.
  long long total = 0;
  for (int w = 0; w < kWriters; ++w) {
    for (int i = 0; i < kPostsPerWriter; ++i) total += w * 1000 + i + 1;
  }
  const std::string balance = cli.ok({"--json", "balance", "Assets:Bank:Pichincha"});
  EXPECT_THAT(balance, ::testing::HasSubstr("\"" + std::to_string(total) + ".00\""));
  const std::string verify = cli.ok({"--json", "audit", "verify"});
  EXPECT_THAT(verify, ::testing::HasSubstr("\"transactions\": " +
                                           std::to_string(kWriters * kPostsPerWriter)));
}

// An auditor verifies while officers post. Each verify must see one state of the book: once
// it compared records read at one moment with tree hashes read later ("records were removed
// from the end"), and its page scan, closing a descriptor of its own on the book, dropped
// the process's locks, so that a posting process ending checkpointed and deleted the
// write-ahead log under it ("database disk image is malformed", "wrong # of entries in
// index"). --jobs 1, 2 (the file check on a second connection) and 3 (records read ahead).
TEST(ConcurrencyE2E, AuditVerifyBesideWritersNeverCallsASoundBookDamaged) {
  constexpr int kVerifyWriters = 3;
  constexpr int kVerifyPosts = 45;
  Cli cli;
  make_sample_book(cli);
  const std::string stop = cli.dir() + "/stop";
  const std::string runs_file = cli.dir() + "/verifies";
  std::vector<pid_t> writers;
  for (int w = 0; w < kVerifyWriters; ++w) {
    writers.push_back(fork_child([&, w] {
      int failed = 0;
      for (int i = 0; i < kVerifyPosts; ++i) {
        const std::string cents = std::to_string(w * 1000 + i + 1);
        failed += cli.run_quietly({"post", "--date", "2026-03-02", "--memo", "v" + cents,
                                   "--debit", "Assets:Bank:Pichincha=" + cents + ".00",
                                   "--credit", "Equity:Donor:BID=" + cents + ".00"},
                                  cli.dir() + "/writer.err") != 0;
      }
      return failed;
    }));
  }
  const pid_t auditor = fork_child([&] {
    int runs = 0;
    int failed = 0;
    while (!std::filesystem::exists(stop) || runs < 2) {
      const std::string jobs = std::to_string(runs % 3 + 1);
      failed += cli.run_quietly({"audit", "verify", "--jobs", jobs},
                                cli.dir() + "/verify.err") != 0;
      ++runs;
    }
    std::ofstream(runs_file) << runs;
    return failed;
  });
  int writes_failed = 0;
  for (pid_t w : writers) writes_failed += wait_child(w);
  std::ofstream(stop) << "done";
  const int verifies_failed = wait_child(auditor);

  EXPECT_EQ(writes_failed, 0) << slurp(cli.dir() + "/writer.err");
  EXPECT_EQ(verifies_failed, 0) << slurp(cli.dir() + "/verify.err");
  std::cout << "[ verifies ] " << slurp(runs_file) << " ran during the posting, "
            << verifies_failed << " failed\n";
  EXPECT_GE(std::stoi(slurp(runs_file)), 2);
  for (const char* jobs : {"1", "2", "3"}) {
    const std::string verify = cli.ok({"--json", "audit", "verify", "--jobs", jobs});
    EXPECT_THAT(verify, ::testing::HasSubstr("\"transactions\": " +
                                             std::to_string(kVerifyWriters * kVerifyPosts)));
  }
}

}  // namespace
}  // namespace semilla::e2e
