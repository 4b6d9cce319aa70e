// SPDX-License-Identifier: Apache-2.0
// The tamper suite of issue 3, end to end: a book of 300 transactions with a signed checkpoint
// is altered the ways an insider could (through sqlite3, after dropping the append-only
// triggers), and the real `semilla` binary must catch each alteration with exit code 3 and a
// message that says where. The untouched book, and its bundle, must verify.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "ledger/book/book.h"
#include "ledger/store/store.h"
#include "tests/audit_e2e/shell.h"
#include "ledger/store/page_checksums.h"

namespace semilla::audit_e2e {
namespace {

namespace fs = std::filesystem;

constexpr const char* kNow = "2026-06-30T12:00:00Z";
constexpr int kTransactions = 300;   // records 4..303
constexpr int kAfter = 20;           // posted after the checkpoint (record 304)

book::TransactionDraft draft(int i, const std::string& memo) {
  book::TransactionDraft d;
  d.date = "2026-03-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1);
  d.memo = memo + " " + std::to_string(i);
  const std::string amount = std::to_string(100 + i) + ".25";
  d.postings = {{"Expenses:Grants", amount, "", true, "--debit"},
                {"Assets:Bank", amount, "", false, "--credit"}};
  return d;
}

// Posts transactions `from`..`to`-1 in one batch, through the library: the suite stays fast,
// and the binary is what checks.
void post_range(const std::string& db, int from, int to, const std::string& memo) {
  auto store = store::open_sqlite_store(db, false);
  ASSERT_TRUE(store.ok());
  auto b = book::Book::open(**store, "tester");
  ASSERT_TRUE(b.ok());
  std::vector<book::TransactionDraft> drafts;
  for (int i = from; i < to; ++i) drafts.push_back(draft(i, memo));
  auto posted = b->post_batch(drafts);
  ASSERT_TRUE(posted.ok());
}

class TamperTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("SEMILLA_NOW", kNow, 1);
    base_ = fs::temp_directory_path() / ("semilla-tamper-" + std::to_string(getpid()));
    fs::remove_all(base_);
    fs::create_directories(base_);
    const std::string db = (base_ / "book.db").string();
    ASSERT_EQ(sh(cli_at(db) + " init --currency USD --name Tamper").code, 0);
    for (const char* a : {"Assets:Bank --type asset", "Income:Grants --type income",
                          "Expenses:Grants --type expense"}) {
      ASSERT_EQ(sh(cli_at(db) + " account add " + a).code, 0);
    }
    post_range(db, 1, kTransactions + 1, "grant");
    Outcome key = sh(std::string(kBinary) + " keys generate ngo.example.org/audit --out " +
                 (base_ / "audit.key").string() + " 2>/dev/null | tail -n 1");
    ASSERT_EQ(key.code, 0) << key.output;
    // The notice on stderr is merged by sh(); the verifier key is the last line.
    const std::size_t last = key.output.rfind('\n', key.output.size() - 2) + 1;
    spit(base_ / "audit.vkey", key.output.substr(last));
    Outcome c = sh(cli_at(db) + " audit checkpoint --key " + (base_ / "audit.key").string() +
               " > " + (base_ / "q1.checkpoint").string());
    ASSERT_EQ(c.code, 0) << c.output;
    post_range(db, kTransactions + 1, kTransactions + kAfter + 1, "grant");
  }
  static void TearDownTestSuite() { fs::remove_all(base_); }

  void SetUp() override {
    dir_ = base_ / ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::create_directories(dir_);
    fs::copy_file(base_ / "book.db", db(), fs::copy_options::overwrite_existing);
  }

  static std::string cli_at(const std::string& db) {
    return std::string("SEMILLA_NOW=") + kNow + " " + kBinary + " --actor tester --db " + db;
  }
  std::string db() const { return (dir_ / "book.db").string(); }
  std::string cli() const { return cli_at(db()); }
  static std::string key() { return (base_ / "audit.vkey").string(); }
  static std::string checkpoint() { return (base_ / "q1.checkpoint").string(); }
  std::string verify() const {
    return cli() + " audit verify --key " + key() + " --checkpoint " + checkpoint();
  }
  // Runs SQL on the copy with the append-only triggers out of the way.
  void tamper(const std::string& sql) const {
    std::string drop;
    for (const char* t : {"audit_log", "postings", "transactions", "tree_hashes",
                          "checkpoints"}) {
      for (const char* op : {"UPDATE", "DELETE"}) {
        drop += std::string("DROP TRIGGER IF EXISTS ") + t + "_no_" + op + "; ";
      }
    }
    Outcome r = sh("sqlite3 " + db() + " \"" + drop + sql + "\"");
    ASSERT_EQ(r.code, 0) << r.output;
    // sqlite3 knows nothing of page checksums: recompute them, as a tamperer who read
    // Semilla's source would, so that only the checks of the rows can object.
    ASSERT_TRUE(store::reseal_page_checksums(db()).ok());
  }
  static void expect_caught(const Outcome& r, const std::string& where) {
    EXPECT_EQ(r.code, 3) << r.output;
    EXPECT_NE(r.output.find("FAILED"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(where), std::string::npos) << "expected \"" << where << "\" in\n"
                                                       << r.output;
  }

  static inline fs::path base_;
  fs::path dir_;
};

TEST_F(TamperTest, UntouchedBookVerifies) {
  Outcome r = sh(verify());
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("records:      325"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("checkpoint of size 304 is a prefix"), std::string::npos) << r.output;
}

TEST_F(TamperTest, UntouchedBundleVerifiesWithoutTheDatabase) {
  const std::string bundle = (dir_ / "bundle.json").string();
  ASSERT_EQ(sh(cli() + " audit export --out " + bundle).code, 0);
  Outcome r = sh(std::string(kBinary) + " --db /nonexistent/x.db audit verify --bundle " + bundle +
             " --checkpoint " + checkpoint() + " --key " + key());
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("320 transactions"), std::string::npos) << r.output;
  // Balances in decimal, thousands grouped: 320 postings of (100 + i).25, i = 1..320.
  EXPECT_NE(r.output.find(" 83,440.00  USD"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("-83,440.00  USD"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists("/nonexistent/x.db"));
}

TEST_F(TamperTest, AmountChangedInPostingsTable) {
  tamper("UPDATE postings SET amount_minor = amount_minor + 100 WHERE transaction_id = 17;");
  expect_caught(sh(verify()), "transaction 17 (record 20)");
}

TEST_F(TamperTest, AmountChangedInsideTheAuditRecord) {
  tamper("UPDATE audit_log SET bytes = CAST(replace(CAST(bytes AS TEXT), '117.25', '917.25') "
         "AS BLOB) WHERE seq = 20;");
  expect_caught(sh(verify()), "record 20");
}

TEST_F(TamperTest, RecordDeleted) {
  tamper("DELETE FROM audit_log WHERE seq = 150;");
  expect_caught(sh(verify()), "record 151");
}

TEST_F(TamperTest, RecordInsertedInTheMiddle) {
  // Shift records 200.. up by one (through negative seqs: seq is the primary key) and put a
  // copy of record 199 in the gap.
  tamper("UPDATE audit_log SET seq = -seq - 1 WHERE seq >= 200; "
         "UPDATE audit_log SET seq = -seq WHERE seq < 0; "
         "INSERT INTO audit_log SELECT 200, kind, bytes, hash FROM audit_log WHERE seq = 199;");
  expect_caught(sh(verify()), "record 200");
}

TEST_F(TamperTest, TwoRecordsSwapped) {
  tamper("UPDATE audit_log SET seq = -1 WHERE seq = 120; "
         "UPDATE audit_log SET seq = 120 WHERE seq = 121; "
         "UPDATE audit_log SET seq = 121 WHERE seq = -1;");
  expect_caught(sh(verify()), "record 120");
}

TEST_F(TamperTest, TreeHashEdited) {
  tamper("UPDATE tree_hashes SET hash = zeroblob(32) WHERE idx = 9;");
  expect_caught(sh(verify()), "tree hash 9 (level 1, records 4..5)");
}

// A log truncated after record 199 and regrown with other records past the checkpoint's size.
// Built by replaying the same first 196 transactions (same clock and actor, so the same
// records byte for byte) and then different ones: what sqlite3 surgery would leave, with
// every table consistent, the chain intact, and even a fresh checkpoint signed by the key.
TEST_F(TamperTest, ForkAfterTheCheckpointIsCaughtByTheAuditorsCheckpoint) {
  fs::remove(db());
  const std::string fork = db();
  ASSERT_EQ(sh(cli_at(fork) + " init --currency USD --name Tamper").code, 0);
  for (const char* a : {"Assets:Bank --type asset", "Income:Grants --type income",
                        "Expenses:Grants --type expense"}) {
    ASSERT_EQ(sh(cli_at(fork) + " account add " + a).code, 0);
  }
  post_range(fork, 1, 197, "grant");
  post_range(fork, 197, 400, "rewritten");
  ASSERT_EQ(sh(cli() + " audit checkpoint --key " + (base_ / "audit.key").string()).code, 0);
  ASSERT_EQ(sh(cli() + " audit verify --key " + key()).code, 0);  // consistent in itself
  expect_caught(sh(verify()), "auditor's checkpoint (size 304): not consistent");
  const std::string bundle = (dir_ / "fork.json").string();
  ASSERT_EQ(sh(cli() + " audit export --out " + bundle).code, 0);
  expect_caught(sh(std::string(kBinary) + " audit verify --bundle " + bundle + " --checkpoint " +
                   checkpoint() + " --key " + key()),
                "auditor's checkpoint (size 304): not consistent");
}

TEST_F(TamperTest, StoredCheckpointRootEdited) {
  const std::string note = slurp(checkpoint());
  const std::string root = note.substr(note.find("\n304\n") + 5, 44);
  const std::string forged = std::string(root.size() - 2, 'A') + "A=";
  tamper("UPDATE checkpoints SET note = replace(note, '" + root + "', '" + forged + "');");
  expect_caught(sh(verify()), "checkpoint 1 (size 304)");
}

TEST_F(TamperTest, AuditorsCheckpointRootEdited) {
  std::string note = slurp(checkpoint());
  const std::size_t at = note.find("\n304\n") + 5;
  note[at + 3] = note[at + 3] == 'Q' ? 'R' : 'Q';
  spit(dir_ / "edited.checkpoint", note);
  expect_caught(sh(cli() + " audit verify --key " + key() + " --checkpoint " +
                   (dir_ / "edited.checkpoint").string()),
                "auditor's checkpoint");
}

TEST_F(TamperTest, CheckpointSignedByAnotherKey) {
  const std::string other = (dir_ / "other.key").string();
  ASSERT_EQ(sh(std::string(kBinary) + " keys generate ngo.example.org/audit --out " + other)
                .code, 0);
  ASSERT_EQ(sh(cli() + " audit checkpoint --key " + other).code, 0);
  expect_caught(sh(verify()), "checkpoint 2 (size 325): signature");
  const std::string bundle = (dir_ / "bundle.json").string();
  ASSERT_EQ(sh(cli() + " audit export --out " + bundle).code, 0);
  expect_caught(sh(std::string(kBinary) + " audit verify --bundle " + bundle + " --key " + key()),
                "checkpoint 2 (size 325): signature");
}

TEST_F(TamperTest, BundleWithOneByteFlipped) {
  const std::string bundle = (dir_ / "bundle.json").string();
  ASSERT_EQ(sh(cli() + " audit export --out " + bundle).code, 0);
  const std::string bytes = slurp(bundle);
  // Flip one bit of one byte at 16 places spread over the file (records, checkpoints, keys,
  // header): each copy must fail, and say where.
  for (std::size_t k = 0; k < 16; ++k) {
    std::string copy = bytes;
    const std::size_t at = (bytes.size() - 1) * k / 15;
    copy[at] = static_cast<char>(copy[at] ^ 0x04);
    spit(dir_ / "flipped.json", copy);
    Outcome r = sh(std::string(kBinary) + " audit verify --bundle " +
                   (dir_ / "flipped.json").string() + " --checkpoint " + checkpoint() +
                   " --key " + key());
    EXPECT_EQ(r.code, 3) << "byte " << at << ":\n" << r.output;
    EXPECT_NE(r.output.find("FAILED"), std::string::npos) << r.output;
  }
}

// The Python verifier of docs/audit-format.md Appendix A, an implementation written from the
// document alone, must agree with the binary: it accepts the bundle and refuses a forged one.
TEST_F(TamperTest, TheDocumentsOwnVerifierAgrees) {
  // Debian's python3-cryptography serves the system interpreter, which a user's PATH may hide.
  const std::string py = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  if (sh(py + " -c 'import cryptography'").code != 0) {
    GTEST_SKIP() << "python3 with the cryptography package is not installed";
  }
  const std::string doc = slurp(SEMILLA_SOURCE_DIR "/docs/audit-format.md");
  const std::size_t appendix = doc.find("## Appendix A.");
  ASSERT_NE(appendix, std::string::npos);
  const std::size_t begin = doc.find("```python\n", appendix) + 10;
  const std::size_t end = doc.find("```", begin);
  spit(dir_ / "verify_bundle.py", doc.substr(begin, end - begin));
  const std::string bundle = (dir_ / "bundle.json").string();
  ASSERT_EQ(sh(cli() + " audit export --out " + bundle).code, 0);
  const std::string vkey = slurp(key());
  const std::string python = py + " " + (dir_ / "verify_bundle.py").string() + " ";
  Outcome ok = sh(python + bundle + " '" + vkey.substr(0, vkey.size() - 1) + "' " +
                  checkpoint());
  EXPECT_EQ(ok.code, 0) << ok.output;
  EXPECT_NE(ok.output.find("OK: 325 records"), std::string::npos) << ok.output;
  std::string forged = slurp(bundle);
  forged.replace(forged.find("117.25"), 6, "917.25");
  spit(dir_ / "forged.json", forged);
  Outcome bad = sh(python + (dir_ / "forged.json").string() + " '" +
                   vkey.substr(0, vkey.size() - 1) + "' " + checkpoint());
  EXPECT_NE(bad.code, 0) << bad.output;
  EXPECT_NE(bad.output.find("record 21: chain broken"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace semilla::audit_e2e
