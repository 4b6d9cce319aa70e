// SPDX-License-Identifier: Apache-2.0
// The book's Merkle tree, checkpoints, proofs and bundle, through the library on an in-memory
// SQLite store. The tamper cases run against the real binary in tests/audit_e2e.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "audit/canonical_json.h"
#include "audit/checkpoint.h"
#include "audit/merkle.h"
#include "audit/stored_hashes.h"
#include "ledger/book/audit_ops.h"
#include "ledger/book/book.h"
#include "ledger/book/bundle.h"
#include "ledger/book/verify.h"
#include "ledger/store/page_checksums.h"

namespace semilla::book {
namespace {

// RFC 8032 §7.1 TEST 1 (public: tests only).
const char* const kSeedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const char* const kOrigin = "ledger.example.com/audit";

audit::NoteSigner test_signer(const char* name = kOrigin) {
  auto seed = audit::bytes_from_hex(kSeedHex);
  auto s = audit::NoteSigner::from_seed(name, *seed);
  EXPECT_TRUE(s.ok());
  return *s;
}

audit::NoteSigner other_signer() {
  auto s = audit::NoteSigner::from_seed(kOrigin, std::string(32, '\x07'));
  EXPECT_TRUE(s.ok());
  return *s;
}

TransactionDraft draft(int i) {
  TransactionDraft d;
  d.date = "2026-03-0" + std::to_string(i % 9 + 1);
  d.memo = "grant " + std::to_string(i);
  const std::string amount = std::to_string(i + 1) + ".00";
  d.postings = {{"Expenses:Grants", amount, "", true, "--debit"},
                {"Assets:Bank", amount, "", false, "--credit"}};
  return d;
}

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SEMILLA_NOW", "2026-06-30T12:00:00Z", 1);
    auto s = store::open_sqlite_store(":memory:", true);
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    auto b = Book::init(*store_, InitOptions{"USD", "Test", "UTC"}, "tester");
    ASSERT_TRUE(b.ok());
    book_.emplace(std::move(*b));
    ASSERT_TRUE(book_->add_account({"Assets:Bank", "asset", "", ""}).ok());
    ASSERT_TRUE(book_->add_account({"Expenses:Grants", "expense", "", ""}).ok());
  }

  void post(int from, int to) {
    std::vector<TransactionDraft> drafts;
    for (int i = from; i < to; ++i) drafts.push_back(draft(i));
    ASSERT_TRUE(book_->post_batch(drafts).ok());
  }

  // The tree rebuilt from the stored records' bytes.
  audit::MemoryHashStore rebuilt() {
    audit::MemoryHashStore tree;
    EXPECT_TRUE(store_->for_each_record(0, [&](const store::StoredRecord& r) {
      return tree.append_leaf(audit::merkle_leaf_hash(r.bytes));
    }).ok());
    return tree;
  }

  std::unique_ptr<store::Store> store_;
  std::optional<Book> book_;
};

TEST_F(AuditLogTest, StoredTreeHashesAreThoseOfTheRecordBytes) {
  post(0, 40);   // one batch: later appends read hashes written earlier in the transaction
  post(40, 41);  // a new writer starting from the stored right edge
  post(41, 77);
  auto tree = rebuilt();
  std::vector<audit::Hash> stored;
  ASSERT_TRUE(store_->for_each_tree_hash([&](std::int64_t i, const audit::Hash& h) {
    EXPECT_EQ(i, static_cast<std::int64_t>(stored.size()));
    stored.push_back(h);
    return Status::Ok();
  }).ok());
  EXPECT_EQ(tree.tree_size(), 80u);
  EXPECT_EQ(stored, tree.stored());
  auto report = verify_book(*store_);
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  EXPECT_EQ(report->tree_hashes, stored.size());
}

TEST_F(AuditLogTest, CheckpointIsSignedStoredAsTheNextRecordAndVerifies) {
  post(0, 10);
  auto c = sign_checkpoint(*store_, test_signer(), "", "tester");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->id, 1);
  EXPECT_EQ(c->size, 13u);   // book.init, 2 accounts, 10 transactions
  EXPECT_EQ(c->audit_seq, 13u);
  auto tree = rebuilt();
  EXPECT_EQ(tree.tree_size(), 14u);
  EXPECT_EQ(c->root, *audit::stored_tree_hash(13, tree));
  auto opened = audit::open_checkpoint(c->note, test_signer().verifier());
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->size, 13u);
  post(10, 12);
  ASSERT_TRUE(sign_checkpoint(*store_, test_signer(), kOrigin, "tester").ok());
  std::vector<audit::NoteVerifier> keys{test_signer().verifier()};
  auto report = verify_book(*store_, VerifyOptions{keys, c->note, nullptr, true, {}});
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  EXPECT_EQ(report->checkpoints, 2u);
  EXPECT_TRUE(report->signatures_checked);
  EXPECT_EQ(report->auditor_size, 13u);
}

TEST_F(AuditLogTest, CheckpointOriginMustBeTheKeysNameAndStayTheSame) {
  auto wrong = sign_checkpoint(*store_, test_signer(), "other.example/log", "tester");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kRefused);
  ASSERT_TRUE(sign_checkpoint(*store_, test_signer(), "", "tester").ok());
  auto renamed = sign_checkpoint(*store_, test_signer("other.example/log"), "", "tester");
  ASSERT_FALSE(renamed.ok());
  EXPECT_EQ(renamed.error().code, ErrorCode::kRefused);
}

TEST_F(AuditLogTest, VerifyWithAnotherKeyNamesTheCheckpoint) {
  ASSERT_TRUE(sign_checkpoint(*store_, test_signer(), "", "tester").ok());
  std::vector<audit::NoteVerifier> keys{other_signer().verifier()};
  auto report = verify_book(*store_, VerifyOptions{keys, std::nullopt, nullptr, false, {}});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kVerifyFailed);
  EXPECT_EQ(report.error().field, "checkpoint 1 (size 3)");
}

TEST_F(AuditLogTest, ProofsRoundTripAndFailWhenAltered) {
  post(0, 30);
  std::vector<audit::NoteVerifier> none;
  for (std::uint64_t seq : {0u, 5u, 31u}) {
    auto doc = prove_inclusion(*store_, seq, 32);
    ASSERT_TRUE(doc.ok()) << doc.error().to_string();
    auto check = check_proof(*doc, store_.get(), {}, none);
    ASSERT_TRUE(check.ok()) << check.error().to_string();
    // Without the book, the record in the document is the leaf, but no root is known.
    EXPECT_EQ(check_proof(*doc, nullptr, {}, none).error().code, ErrorCode::kUsage);
  }
  auto doc = prove_inclusion(*store_, 7, std::nullopt);
  ASSERT_TRUE(doc.ok());
  (*doc)["hashes"][1] = audit::to_hex(audit::sha256("forged"));
  auto bad = check_proof(*doc, store_.get(), {}, none);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kVerifyFailed);
  EXPECT_EQ(bad.error().field, "inclusion proof of record 7");
  for (std::uint64_t from : {0u, 1u, 4u, 13u, 32u}) {
    auto c = prove_consistency(*store_, from, std::nullopt);
    ASSERT_TRUE(c.ok());
    EXPECT_TRUE(check_proof(*c, store_.get(), {}, none).ok()) << from;
  }
  EXPECT_EQ(prove_inclusion(*store_, 32, 32).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(prove_consistency(*store_, 5, 34).error().code, ErrorCode::kInvalid);
}

TEST_F(AuditLogTest, InclusionProofChecksAgainstASignedCheckpointAlone) {
  post(0, 20);
  auto c = sign_checkpoint(*store_, test_signer(), "", "tester");
  ASSERT_TRUE(c.ok());
  auto doc = prove_inclusion(*store_, 9, c->size);
  ASSERT_TRUE(doc.ok());
  std::vector<audit::NoteVerifier> keys{test_signer().verifier()};
  std::vector<std::string> notes{c->note};
  auto check = check_proof(*doc, nullptr, notes, keys);
  ASSERT_TRUE(check.ok()) << check.error().to_string();
  EXPECT_EQ(check->root_sources[0], "signed checkpoint of size 23");
  std::vector<audit::NoteVerifier> wrong{other_signer().verifier()};
  EXPECT_EQ(check_proof(*doc, nullptr, notes, wrong).error().code, ErrorCode::kVerifyFailed);
}

TEST_F(AuditLogTest, BundleRoundTripsAndChecksTheAuditorsCheckpoint) {
  post(0, 25);
  auto c = sign_checkpoint(*store_, test_signer(), "", "tester");
  ASSERT_TRUE(c.ok());
  post(25, 31);
  auto bundle = export_bundle(*store_);
  ASSERT_TRUE(bundle.ok());
  std::vector<audit::NoteVerifier> keys{test_signer().verifier()};
  auto report = verify_bundle(*bundle, keys, c->note);
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  EXPECT_EQ(report->records, 35u);
  EXPECT_EQ(report->checkpoints, 1u);
  EXPECT_EQ(report->auditor_size, 28u);
  EXPECT_EQ(report->transactions, 31u);
  ASSERT_EQ(report->balances.size(), 2u);
  EXPECT_EQ(report->balances[0].account, "Assets:Bank");
  EXPECT_EQ(report->balances[0].minor, -(31 * 32 / 2) * 100);
  EXPECT_EQ(report->root, *audit::stored_tree_hash(35, rebuilt()));
  auto doc = nlohmann::json::parse(*bundle);
  EXPECT_EQ(doc["records"].size(), 35u);
  EXPECT_EQ(doc["keys"][0], test_signer().verifier().to_string());
  std::vector<audit::NoteVerifier> wrong{other_signer().verifier()};
  EXPECT_EQ(verify_bundle(*bundle, wrong, std::nullopt).error().field, "checkpoint 1 (size 28)");
  EXPECT_EQ(verify_bundle(*bundle, {}, std::nullopt).error().code, ErrorCode::kUsage);
}

TEST_F(AuditLogTest, BundleWithARecordRewrittenNamesTheRecord) {
  post(0, 12);
  ASSERT_TRUE(sign_checkpoint(*store_, test_signer(), "", "tester").ok());
  auto doc = nlohmann::json::parse(*export_bundle(*store_));
  std::string r = doc["records"][6].get<std::string>();
  r.replace(r.find("\"4.00\""), 6, "\"9.00\"");
  doc["records"][6] = r;
  auto text = audit::canonical_json(doc);
  std::vector<audit::NoteVerifier> keys{test_signer().verifier()};
  auto report = verify_bundle(*text, keys, std::nullopt);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().field, "record 6");
}

TEST(SchemaMigration, VersionOneBookGetsItsTreeBackfilled) {
  setenv("SEMILLA_NOW", "2026-06-30T12:00:00Z", 1);
  const auto path = std::filesystem::temp_directory_path() /
                    ("semilla-migrate-" + std::to_string(getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto s = store::open_sqlite_store(path.string(), true);
    ASSERT_TRUE(s.ok());
    auto b = Book::init(**s, InitOptions{"USD", "Old", "UTC"}, "tester");
    ASSERT_TRUE(b.ok());
    ASSERT_TRUE(b->add_account({"Assets:Bank", "asset", "", ""}).ok());
    ASSERT_TRUE(b->add_account({"Expenses:Grants", "expense", "", ""}).ok());
    ASSERT_TRUE(b->post(draft(1)).ok());
  }
  {  // Back to version 1: what a book written by the previous release looks like.
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE, 0,
                        store::page_checksum_vfs());
    db.exec("DROP TABLE tree_hashes; DROP TABLE checkpoints; PRAGMA user_version = 1;");
  }
  auto s = store::open_sqlite_store(path.string(), false);
  ASSERT_TRUE(s.ok());
  auto report = verify_book(**s);
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  EXPECT_EQ(report->records, 4u);
  EXPECT_EQ(report->tree_hashes, 7u);  // 2·4 − popcount(4)
  auto b = Book::open(**s, "tester");
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(b->post(draft(2)).ok());
  EXPECT_TRUE(verify_book(**s).ok());
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace semilla::book
