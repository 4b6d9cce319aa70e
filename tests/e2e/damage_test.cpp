// SPDX-License-Identifier: Apache-2.0
// End-to-end: physical damage. The example programme book (examples/semillas.sh: loans,
// grants, funds, posts, a checkpoint) is damaged one byte at a time at 300 offsets spread
// over the file, each on a fresh copy; on each copy `audit verify` and one `post` run.
// No damaged copy passes verify unless its logical content (every row of every table, the
// schema and the header's marks) is still the original's: a flip in space SQLite never reads
// changes no book. No run ends as an internal error (70) or a crash.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>

#include "audit/hash.h"
#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

namespace fs = std::filesystem;

constexpr int kOffsets = 300;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A digest of what the file means to any reader: the header's marks, the schema, and every
// row of every table in its b-tree's order. "unreadable: ..." when SQLite refuses it.
std::string logical_digest(const std::string& path) {
  try {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    std::string all = db.execAndGet("PRAGMA application_id").getString() + "/" +
                      db.execAndGet("PRAGMA user_version").getString() + "\n";
    std::vector<std::string> tables;
    SQLite::Statement schema(db, "SELECT type, name, tbl_name, coalesce(sql, '') "
                                 "FROM sqlite_schema ORDER BY name");
    while (schema.executeStep()) {
      for (int i = 0; i < 4; ++i) all += schema.getColumn(i).getString() + "|";
      all += "\n";
      if (schema.getColumn(0).getString() == "table") {
        tables.push_back(schema.getColumn(1).getString());
      }
    }
    for (const auto& t : tables) {
      SQLite::Statement rows(db, "SELECT * FROM \"" + t + "\"");
      while (rows.executeStep()) {
        for (int i = 0; i < rows.getColumnCount(); ++i) {
          const auto& c = rows.getColumn(i);
          all += std::to_string(c.getType()) + ":" +
                 std::string(static_cast<const char*>(c.getBlob()),
                             static_cast<std::size_t>(c.getBytes())) + "|";
        }
        all += "\n";
      }
    }
    return audit::to_hex(audit::sha256(all));
  } catch (const std::exception& e) {
    return std::string("unreadable: ") + e.what();
  }
}

class DamageE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    example_dir_ = new std::string((fs::temp_directory_path() /
                                    ("semilla-damage-" + std::to_string(getpid())))
                                       .string());
    const std::string command = "SEMILLA=" SEMILLA_BINARY_DIR "/cli/semilla "
                                SEMILLA_SOURCE_DIR "/examples/semillas.sh " + *example_dir_ +
                                " >" + *example_dir_ + ".log 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << slurp(*example_dir_ + ".log");
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*example_dir_, ec);
    fs::remove(*example_dir_ + ".log", ec);
    delete example_dir_;
  }
  static std::string book() { return *example_dir_ + "/semillas.db"; }
  static std::string* example_dir_;
};

std::string* DamageE2E::example_dir_ = nullptr;

TEST_F(DamageE2E, NoFlippedByteGoesUnnoticedOrEndsAsAnInternalError) {
  const std::string original = slurp(book());
  ASSERT_GT(original.size(), 4096u);
  ASSERT_FALSE(fs::exists(book() + "-wal") && fs::file_size(book() + "-wal") > 0);
  const std::string original_digest = logical_digest(book());
  Cli cli;
  cli.book = cli.dir() + "/copy.db";
  spit(cli.book, original);
  ASSERT_EQ(cli.run({"audit", "verify"}).exit_code, 0);

  std::mt19937_64 random(20260630);  // deterministic: the same 300 offsets on every run
  const std::size_t stride = original.size() / kOffsets;
  std::map<int, int> verify_codes;
  std::map<int, int> post_codes;
  int passed_unchanged = 0;
  for (int i = 0; i < kOffsets; ++i) {
    const std::size_t offset = static_cast<std::size_t>(i) * stride + random() % stride;
    const auto mask = static_cast<char>(1 + random() % 255);
    std::string damaged = original;
    damaged[offset] = static_cast<char>(damaged[offset] ^ mask);
    fs::remove(cli.book + "-wal");
    fs::remove(cli.book + "-shm");
    spit(cli.book, damaged);
    const std::string digest = logical_digest(cli.book);

    auto verify = cli.run({"audit", "verify"});
    ++verify_codes[verify.exit_code];
    EXPECT_TRUE(verify.exit_code == 0 || verify.exit_code == 3 || verify.exit_code == 4)
        << "offset " << offset << ": verify exit " << verify.exit_code << "\n" << verify.err;
    if (verify.exit_code == 0) {
      EXPECT_EQ(digest, original_digest)
          << "offset " << offset << " changed the book's content and verify passed";
      ++passed_unchanged;
    }
    auto post = cli.run({"post", "--date", "2026-06-30", "--debit", "Expenses:Training=1.00",
                         "--credit", "Assets:Bank:Pichincha=1.00", "--memo", "after damage"});
    ++post_codes[post.exit_code];
    EXPECT_TRUE(post.exit_code == 0 || post.exit_code == 1 || post.exit_code == 3 ||
                post.exit_code == 4)
        << "offset " << offset << ": post exit " << post.exit_code << "\n" << post.err;
  }
  // The tallies, for the record (the test's figures in the note come from here).
  std::ostringstream tally;
  for (const auto& [code, n] : verify_codes) tally << " verify " << code << ": " << n << ";";
  for (const auto& [code, n] : post_codes) tally << " post " << code << ": " << n << ";";
  tally << " passed with unchanged content: " << passed_unchanged;
  RecordProperty("tally", tally.str());
  std::cout << "[ tally    ]" << tally.str() << '\n';
}

}  // namespace
}  // namespace semilla::e2e
