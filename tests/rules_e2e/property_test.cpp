// SPDX-License-Identifier: Apache-2.0
// Issue 10's property: seeded random sequences of every command, valid and invalid, on one
// book, with the clock moving forward. After each step `audit verify` exits 0; a refused
// command (non-zero exit) changed nothing (same audit head); a plain post, reversal or batch
// transaction touching an account a module owns is refused with exit 1; no command exits 4
// or 70. At the end, `book export` then `book import` into a new file gives the same trial
// balance and audit head. When verify fails after a step, the failure is reported with the
// seed, the step and the command, the book is put back as it was before the step, and the
// sequence goes on, so that one run lists every kind of command that breaks the book.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "tests/rules_e2e/books.h"
#include "tests/rules_e2e/property_model.h"

namespace semilla::rules_e2e {
namespace {

namespace fs = std::filesystem;

struct Head {
  int code = -1;
  std::string head, message;
  std::int64_t records = 0, transactions = 0;
};

Head verify(const e2e::Cli& cli) {
  const e2e::RunResult r = cli.run({"--json", "audit", "verify"});
  Head h{r.exit_code, "", "", 0, 0};
  const json out = json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  if (r.exit_code == 0 && out.is_object()) {
    h.head = out.value("head", "");
    h.records = out.value("records", std::int64_t{0});
    h.transactions = out.value("transactions", std::int64_t{0});
  } else {
    h.message = out.is_object() && out.contains("error") ? out["error"].dump() : r.out + r.err;
  }
  return h;
}

// Copies of the book's files, to put it back after a step that broke it.
class Snapshot {
 public:
  explicit Snapshot(const e2e::Cli& cli) : db_(cli.db()), dir_(cli.dir() + "/snapshot") {
    fs::create_directories(dir_);
  }
  void take() const { copy(db_, dir_ + "/book"); }
  void restore() const { copy(dir_ + "/book", db_); }

 private:
  static void copy(const std::string& from, const std::string& to) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      fs::remove(to + suffix);
      if (fs::exists(from + suffix)) fs::copy_file(from + suffix, to + suffix);
    }
  }
  std::string db_, dir_;
};

std::string trial_balance(const e2e::Cli& cli) {
  const e2e::RunResult r = cli.run({"--json", "trial-balance"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

// Runs one step; returns the problems it shows, each one line.
// How many commands of each kind were accepted and refused.
using Mix = std::map<std::string, std::pair<int, int>>;

std::vector<std::string> run_step(e2e::Cli& cli, Model& model, const Step& step,
                                  const Snapshot& snapshot, Head& head, Mix& mix) {
  std::vector<std::string> problems;
  snapshot.take();
  const e2e::RunResult r = cli.run(step.args);
  auto& [accepted, refused] = mix[step.what.substr(0, step.what.find_first_of(",{"))];
  ++(r.exit_code == 0 ? accepted : refused);
  const std::string what = step.text() + " -> exit " + std::to_string(r.exit_code);
  const std::string said = r.err.empty() ? "" : ": " + r.err.substr(0, r.err.find('\n'));
  if (r.exit_code == 4 || r.exit_code == 70 || r.exit_code > 3) {
    problems.push_back(what + " (never 4 or 70)" + said);
  }
  if (step.owned && r.exit_code != 1) {
    problems.push_back(what + " (a module's account moved by a generic command: must exit 1)");
  }
  const Head after = verify(cli);
  if (after.code != 0) {
    problems.push_back(what + "; then audit verify exits " + std::to_string(after.code) + ": " +
                       after.message.substr(0, 300));
    snapshot.restore();
    return problems;
  }
  if (r.exit_code != 0 && after.head != head.head) {
    problems.push_back(what + " (refused, yet the audit head moved from " +
                       std::to_string(head.records) + " to " + std::to_string(after.records) +
                       " records)");
  }
  if (r.exit_code == 0) model.accepted(step, after.transactions);
  head = after;
  return problems;
}

void check_round_trip(const e2e::Cli& cli, const Head& head, const std::string& where) {
  const std::string bundle = cli.dir() + "/final.bundle";
  cli.ok({"book", "export", "--out", bundle});
  e2e::Cli restored;
  restored.now = cli.now;
  const e2e::RunResult r = restored.run({"--json", "book", "import", bundle});
  ASSERT_EQ(r.exit_code, 0) << where << ": book import of the export: " << r.out << r.err;
  const json out = json::parse(r.out);
  EXPECT_EQ(out.value("head", ""), head.head) << where << ": the restored head differs";
  EXPECT_EQ(trial_balance(restored), trial_balance(cli))
      << where << ": the restored trial balance differs";
}

void run_sequence(std::uint64_t seed, int steps) {
  e2e::Cli cli;
  Model model(seed);
  cli.now = model.now();
  model.start(cli);
  const Snapshot snapshot(cli);
  Head head = verify(cli);
  ASSERT_EQ(head.code, 0) << "seed " << seed
                          << ": the starting book does not verify: " << head.message;
  model.accepted_start(head.transactions);
  std::vector<std::string> problems;
  Mix mix;
  for (int n = 1; n <= steps; ++n) {
    const Step step = model.next(cli.dir());
    cli.now = model.now();
    for (const auto& p : run_step(cli, model, step, snapshot, head, mix)) {
      problems.push_back("seed " + std::to_string(seed) + " step " + std::to_string(n) + ": " + p);
    }
  }
  std::cout << "seed " << seed << ", commands accepted/refused:";
  for (const auto& [what, counts] : mix) {
    std::cout << " " << what << " " << counts.first << "/" << counts.second << ";";
  }
  std::cout << "\n";
  std::string all;
  for (const auto& p : problems) all += "  " + p + "\n";
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems in " << steps << " steps:\n"
                                << all;
  check_round_trip(cli, head, "seed " + std::to_string(seed));
}

constexpr int kSteps = 80;

TEST(Property, Seed1EveryStepVerifies) { run_sequence(1, kSteps); }
TEST(Property, Seed2EveryStepVerifies) { run_sequence(2, kSteps); }
TEST(Property, Seed3EveryStepVerifies) { run_sequence(3, kSteps); }

}  // namespace
}  // namespace semilla::rules_e2e
