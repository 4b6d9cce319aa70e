// SPDX-License-Identifier: Apache-2.0
// Keys, checkpoints and proofs through the real binary: what an auditor runs.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/audit_e2e/shell.h"

namespace semilla::audit_e2e {
namespace {

namespace fs = std::filesystem;

class ProofsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("semilla-proofs-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ASSERT_EQ(run("init --currency USD").code, 0);
    ASSERT_EQ(run("account add Assets:Bank --type asset").code, 0);
    ASSERT_EQ(run("account add Income:Grants --type income").code, 0);
    for (int i = 1; i <= 6; ++i) post(i);
    // A subshell, so that sh()'s own 2>&1 does not send the notice into the file.
    Outcome key = sh("(" + std::string(kBinary) + " keys generate ngo.example.org/audit --out " +
                     path("audit.key") + " 2>/dev/null > " + path("audit.vkey") + ")");
    ASSERT_EQ(key.code, 0) << key.output;
    ASSERT_EQ(run("audit checkpoint --key " + path("audit.key") + " > " + path("c1")).code, 0);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  Outcome run(const std::string& args) const {
    return sh("SEMILLA_NOW=2026-06-30T12:00:00Z " + std::string(kBinary) + " --db " +
              path("book.db") + " " + args);
  }
  void post(int i) const {
    ASSERT_EQ(run("post --date 2026-06-0" + std::to_string(i) + " --memo m" +
                  std::to_string(i) + " --debit Assets:Bank=" + std::to_string(i) +
                  ".00 --credit Income:Grants=" + std::to_string(i) + ".00")
                  .code,
              0);
  }
  // Runs without any book: only files and the verifier key.
  static Outcome offline(const std::string& args) {
    return sh(std::string(kBinary) + " --db /nonexistent/book.db " + args);
  }

  fs::path dir_;
};

TEST_F(ProofsTest, KeyFileIsPrivateAndVerifierKeyIsPrinted) {
  struct stat st {};
  ASSERT_EQ(stat(path("audit.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string vkey = slurp(path("audit.vkey"));
  EXPECT_EQ(vkey.rfind("ngo.example.org/audit+", 0), 0u) << vkey;
  Outcome again = sh(std::string(kBinary) + " keys generate ngo.example.org/audit --out " +
                     path("audit.key"));
  EXPECT_NE(again.code, 0) << "an existing key file must never be overwritten";
  EXPECT_EQ(sh(std::string(kBinary) + " keys verifier " + path("audit.key")).output, vkey);
  EXPECT_EQ(slurp(path("c1")).rfind("ngo.example.org/audit\n9\n", 0), 0u) << slurp(path("c1"));
}

TEST_F(ProofsTest, InclusionProofChecksOfflineAgainstTheCheckpoint) {
  ASSERT_EQ(run("audit prove inclusion --seq 5 --size 9 > " + path("p.json")).code, 0);
  Outcome ok = offline("audit check-proof " + path("p.json") + " --checkpoint " + path("c1") +
                       " --key " + path("audit.vkey"));
  EXPECT_EQ(ok.code, 0) << ok.output;
  EXPECT_NE(ok.output.find("record 5 is in the tree of size 9"), std::string::npos);
  // One hash of the path altered: the failing step is named, exit 3.
  std::string doc = slurp(path("p.json"));
  const std::size_t at = doc.find("\"hashes\":[\"") + 11;
  doc[at] = doc[at] == 'a' ? 'b' : 'a';
  spit(path("bad.json"), doc);
  Outcome bad = offline("audit check-proof " + path("bad.json") + " --checkpoint " +
                        path("c1") + " --key " + path("audit.vkey"));
  EXPECT_EQ(bad.code, 3) << bad.output;
  EXPECT_NE(bad.output.find("inclusion proof of record 5: inclusion proof"), std::string::npos)
      << bad.output;
  // Without a checkpoint or a book there is no root to check against: a usage error.
  EXPECT_EQ(offline("audit check-proof " + path("p.json")).code, 2);
}

TEST_F(ProofsTest, ConsistencyBetweenTwoSignedCheckpoints) {
  post(7);
  ASSERT_EQ(run("audit checkpoint --key " + path("audit.key") + " > " + path("c2")).code, 0);
  ASSERT_EQ(run("audit prove consistency --from 9 --to 11 > " + path("c.json")).code, 0);
  Outcome ok = offline("audit check-proof " + path("c.json") + " --checkpoint " + path("c1") +
                       " --checkpoint " + path("c2") + " --key " + path("audit.vkey"));
  EXPECT_EQ(ok.code, 0) << ok.output;
  Outcome list = run("--json audit checkpoints");
  EXPECT_NE(list.output.find("\"size\": 11"), std::string::npos) << list.output;
  Outcome verify = run("audit verify --key " + path("audit.vkey") + " --checkpoint " +
                       path("c1"));
  EXPECT_EQ(verify.code, 0) << verify.output;
  EXPECT_NE(verify.output.find("checkpoints:  2 match the tree, signatures verified"),
            std::string::npos) << verify.output;
}

TEST_F(ProofsTest, CheckpointOriginOtherThanTheKeyNameIsRefused) {
  Outcome r = run("audit checkpoint --key " + path("audit.key") + " --origin other.org/log");
  EXPECT_EQ(r.code, 1) << r.output;
  EXPECT_NE(r.output.find("--origin"), std::string::npos) << r.output;
}

// Go's golang.org/x/mod (note.Open, tlog.CheckTree, tlog.CheckRecord) accepts Semilla's
// checkpoints and proofs: the interoperability the standards are chosen for.
TEST_F(ProofsTest, GoXModAcceptsTheCheckpointsAndProofs) {
  const std::string gopath = "/usr/share/gocode";
  if (sh("command -v go").code != 0 ||
      !fs::exists(gopath + "/src/golang.org/x/mod/sumdb/note/note.go")) {
    GTEST_SKIP() << "Go with golang.org/x/mod in " << gopath << " is not installed";
  }
  post(7);
  ASSERT_EQ(run("audit checkpoint --key " + path("audit.key") + " > " + path("c2")).code, 0);
  ASSERT_EQ(run("audit prove consistency --from 9 --to 11 > " + path("c.json")).code, 0);
  ASSERT_EQ(run("audit prove inclusion --seq 4 --size 9 > " + path("p.json")).code, 0);
  const std::string vkey = slurp(path("audit.vkey"));
  Outcome go = sh("cd " + dir_.string() + " && GO111MODULE=off GOPATH=" + gopath +
                  " GOCACHE=" + path("gocache") + " go run " SEMILLA_SOURCE_DIR
                  "/tests/audit_e2e/interop/xmod_check.go '" +
                  vkey.substr(0, vkey.size() - 1) + "' " + path("c1") + " " + path("c2") + " " +
                  path("c.json") + " " + path("p.json"));
  EXPECT_EQ(go.code, 0) << go.output;
  EXPECT_NE(go.output.find("tlog.CheckTree OK: 9 -> 11"), std::string::npos) << go.output;
  EXPECT_NE(go.output.find("tlog.CheckRecord OK: record 4 in 9"), std::string::npos)
      << go.output;
}

}  // namespace
}  // namespace semilla::audit_e2e
