// SPDX-License-Identifier: Apache-2.0
// End-to-end: what commands do to files, and the exit code of every class of failure as
// docs/cli.md gives it. Reads never create or change a file; a refused `init` leaves nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

// Commands that only read, with arguments that fit the sample book.
const std::vector<std::vector<std::string>>& read_commands() {
  static const std::vector<std::vector<std::string>> commands = {
      {"trial-balance"},
      {"balance"},
      {"account", "list"},
      {"enterprise", "list"},
      {"statement", "show", "EC-001"},
      {"audit", "verify"},
      {"audit", "checkpoints"},
      {"audit", "export", "--out", "/dev/null"},
      {"book", "export", "--out", "/dev/null"},
      {"journal", "export"},
      {"portfolio"},
      {"fund", "list"},
      {"period", "list"},
      {"loan", "product", "list"},
      {"transactions"},
      {"transactions", "--account", "Assets", "--limit", "5"},
      {"grant", "list"},
      {"milestone", "list"},
      {"loan", "list"},
      {"portfolio", "--at-risk"},
  };
  return commands;
}

// The files in `dir`, with their contents.
std::map<std::string, std::string> files_in(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name == "stdout" || name == "stderr") continue;
    out[name] = slurp(e.path().string());
  }
  return out;
}

TEST(FilesE2E, ReadsOnAMissingBookCreateNothingAndExit4) {
  Cli cli;
  for (const auto& args : read_commands()) {
    auto r = cli.run(args);
    EXPECT_EQ(r.exit_code, 4) << args.front() << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr("no book at")) << args.front();
    EXPECT_TRUE(files_in(cli.dir()).empty()) << args.front() << " left a file";
  }
  // A write on a missing book is refused the same way, before it creates anything.
  auto r = cli.run({"account", "add", "Assets:Bank", "--type", "asset"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_TRUE(files_in(cli.dir()).empty());
}

TEST(FilesE2E, ReadsOnAnEmptyFileLeaveItEmptyAndExit4) {
  Cli cli;
  std::ofstream(cli.db()).close();
  for (const auto& args : read_commands()) {
    auto r = cli.run(args);
    EXPECT_EQ(r.exit_code, 4) << args.front() << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr("is empty: not a book")) << args.front();
    EXPECT_EQ(fs::file_size(cli.db()), 0u) << args.front() << " wrote into the empty file";
    EXPECT_EQ(files_in(cli.dir()).size(), 1u) << args.front() << " left a file beside it";
  }
  // `init` is what turns an empty file into a book.
  cli.ok({"init", "--currency", "USD"});
  cli.ok({"audit", "verify"});
}

TEST(FilesE2E, ReadsLeaveABookByteForByteUnchanged) {
  Cli cli;
  make_sample_book(cli);
  cli.ok({"post", "--date", "2026-03-01", "--debit", "Assets:Bank:Pichincha=10.00",
          "--credit", "Equity:Donor:BID=10.00"});
  const auto before = files_in(cli.dir());
  for (const auto& args : read_commands()) {
    auto r = cli.run(args);
    EXPECT_EQ(r.exit_code, 0) << args.front() << ": " << r.err;
    EXPECT_TRUE(files_in(cli.dir()) == before) << args.front() << " changed the directory";
  }
}

TEST(FilesE2E, ReadsWorkOnAReadOnlyBook) {
  Cli cli;
  make_sample_book(cli);
  fs::permissions(cli.db(), fs::perms::owner_read, fs::perm_options::replace);
  cli.ok({"trial-balance"});
  cli.ok({"audit", "verify"});
  if (geteuid() != 0) {  // root writes whatever the permissions say
    // A write says why it cannot write, as an environment failure.
    auto r = cli.run({"account", "add", "Assets:Bank:Other", "--type", "asset"});
    EXPECT_EQ(r.exit_code, 4) << r.err;
  }
  fs::permissions(cli.db(), fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace);
}

TEST(FilesE2E, RefusedInitLeavesNothingBehind) {
  Cli cli;
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"init", "--currency", "XYZ"},
           {"init", "--currency", "USD", "--timezone", "Mars/Olympus"},
           {"init", "--currency", "usd"},
       }) {
    auto r = cli.run(args);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(files_in(cli.dir()).empty()) << args[2] << " left a file";
  }
  // And on an existing empty file: it stays empty.
  std::ofstream(cli.db()).close();
  auto r = cli.run({"init", "--currency", "XYZ"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(fs::file_size(cli.db()), 0u);
  EXPECT_EQ(files_in(cli.dir()).size(), 1u);
}

// A refused `book import` leaves nothing, as a refused init: the file it created is removed
// with FILE-wal and FILE-shm, an empty file it was given stays empty (issue 10).
TEST(FilesE2E, RefusedBookImportLeavesNothingBehind) {
  Cli source;
  make_sample_book(source);
  const std::string bundle = source.dir() + "/book.json";
  source.ok({"book", "export", "--out", bundle});
  std::string text = slurp(bundle);
  // A forged record deep in the bundle: the import has written the records before it.
  const auto at = text.find("Imbabura");
  ASSERT_NE(at, std::string::npos);
  text[at] = 'p';
  const std::string forged = source.dir() + "/forged.json";
  std::ofstream(forged, std::ios::binary) << text;
  const std::string not_json = source.dir() + "/not.json";
  std::ofstream(not_json, std::ios::binary) << "{\"records\": [1, 2";
  for (const std::string& file : {forged, not_json}) {
    Cli cli;
    auto r = cli.run({"book", "import", file});
    EXPECT_NE(r.exit_code, 0) << file;
    EXPECT_NE(r.exit_code, 70) << r.err;
    EXPECT_TRUE(files_in(cli.dir()).empty()) << file << " left a file: " << r.err;
    std::ofstream(cli.db()).close();
    r = cli.run({"book", "import", file});
    EXPECT_NE(r.exit_code, 0) << file;
    EXPECT_EQ(fs::file_size(cli.db()), 0u) << file;
    EXPECT_EQ(files_in(cli.dir()).size(), 1u) << file;
  }
  // The genuine bundle imports, and the book verifies.
  Cli cli;
  cli.ok({"book", "import", bundle});
  cli.ok({"audit", "verify"});
}

TEST(FilesE2E, InitOnABookOrAForeignFileChangesNothing) {
  Cli cli;
  make_sample_book(cli);
  const auto before = files_in(cli.dir());
  auto r = cli.run({"init", "--currency", "USD"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // already_exists: the input names a taken place
  EXPECT_THAT(r.err, HasSubstr("already holds a book"));
  EXPECT_TRUE(files_in(cli.dir()) == before);

  Cli other;
  std::ofstream(other.db()) << "not a database, only text that is long enough to be read as "
                               "one: SQLite reads the first hundred bytes for its header.....";
  const auto text = files_in(other.dir());
  for (const auto& args : std::vector<std::vector<std::string>>{{"init", "--currency", "USD"},
                                                                {"trial-balance"}}) {
    r = other.run(args);
    EXPECT_NE(r.exit_code, 0) << r.err;
    EXPECT_NE(r.exit_code, 70) << r.err;
    EXPECT_TRUE(files_in(other.dir()) == text) << args.front() << " changed the file";
  }
}

// One command per failure class, with the code docs/cli.md gives it.
TEST(FilesE2E, EveryFailureClassExitsWithItsDocumentedCode) {
  Cli cli;
  make_sample_book(cli);
  struct Case {
    std::vector<std::string> args;
    int code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{"post", "--date", "2026-03-01", "--debit", "Assets:Bank:Pichincha=1.00", "--credit",
        "Equity:Donor:BID=2.00"}, 1, "does not balance"},
      {{"post", "--date", "2026-03-01", "--debit", "Assets:Nowhere=1.00", "--credit",
        "Equity:Donor:BID=1.00"}, 1, "Assets:Nowhere"},
      {{"account", "add", "Assets:Bank:Pichincha", "--type", "asset"}, 1, "already"},
      {{"no-such-command"}, 2, ""},
      {{"post", "--no-such-option"}, 2, ""},
      {{"--wait", "-1", "trial-balance"}, 2, ""},
      {{"--wait", "ten", "trial-balance"}, 2, ""},
      {{"audit", "check-proof", "missing-proof.json"}, 4, ""},
  };
  for (const auto& c : cases) {
    auto r = cli.run(c.args);
    EXPECT_EQ(r.exit_code, c.code) << c.args.front() << " " << c.args.back() << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.says)) << c.args.front();
  }
  // A wrong SEMILLA_WAIT is a usage error naming it; a right one is taken.
  cli.env = {"SEMILLA_WAIT=soon"};
  auto r = cli.run({"trial-balance"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("SEMILLA_WAIT"));
  cli.env = {"SEMILLA_WAIT=5"};
  cli.ok({"trial-balance"});
  cli.env.clear();
  // 3: verification failed, on a tampered book.
  cli.sql("DROP TRIGGER postings_no_UPDATE; UPDATE postings SET amount_minor = amount_minor");
  r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("postings_no_UPDATE"));
  // 4: not a book at all.
  Cli foreign;
  foreign.sql("CREATE TABLE t(x)");
  r = foreign.run({"trial-balance"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_THAT(r.err, HasSubstr("not a Semilla book"));
}

}  // namespace
}  // namespace semilla::e2e
