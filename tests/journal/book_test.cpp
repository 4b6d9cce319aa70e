// SPDX-License-Identifier: Apache-2.0
// The book's rules through its public interface, on a real SQLite file: every limit at its
// boundary, all-or-nothing batches, and module transactions that roll back unless committed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "ledger/base/limits.h"
#include "ledger/book/book.h"
#include "ledger/book/verify.h"

namespace semilla::book {
namespace {

using ::testing::HasSubstr;

class BookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SEMILLA_NOW", "2026-06-30T15:00:00Z", 1);
    path_ = (std::filesystem::temp_directory_path() /
             ("semilla-book-test-" + std::to_string(getpid()) + ".db"))
                .string();
    std::filesystem::remove(path_);
    store_ = std::move(store::open_sqlite_store(path_, true).value());
    book_.emplace(std::move(Book::init(*store_, {"USD", "test", "UTC"}, "tester").value()));
    ASSERT_TRUE(book_->add_account({"Assets:Bank", "asset", "USD", ""}).ok());
    ASSERT_TRUE(book_->add_account({"Equity:Donor", "equity", "", ""}).ok());
  }
  void TearDown() override {
    book_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  static TransactionDraft transfer(const std::string& amount, const std::string& ref = "") {
    return TransactionDraft{"2026-03-01", "memo", ref, "",
                            {{"Assets:Bank", amount, "", true, "d"},
                             {"Equity:Donor", amount, "", false, "c"}},
                            ""};
  }
  std::int64_t transactions() { return store_->last_transaction_id().value(); }
  void expect_verifies() {
    auto report = verify_book(*store_);
    EXPECT_TRUE(report.ok()) << report.error().to_string();
  }

  std::string path_;
  std::unique_ptr<store::Store> store_;
  std::optional<Book> book_;
};

TEST_F(BookTest, MemoLimitIsInclusive) {
  auto d = transfer("1");
  d.memo.assign(limits::kMemoBytesMax, 'm');
  EXPECT_TRUE(book_->post(d).ok());
  d.memo.push_back('m');
  auto r = book_->post(d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().front().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(r.error().front().field, "--memo");
}

TEST_F(BookTest, PostingsPerTransactionLimitIsInclusive) {
  TransactionDraft d = transfer("0");
  d.postings.clear();
  const std::size_t half = limits::kPostingsPerTransactionMax / 2;
  for (std::size_t i = 0; i < half; ++i) {
    d.postings.push_back({"Assets:Bank", "0.01", "", true, "d"});
    d.postings.push_back({"Equity:Donor", "0.01", "", false, "c"});
  }
  EXPECT_TRUE(book_->post(d).ok());
  d.postings.push_back({"Assets:Bank", "0.01", "", true, "d"});
  auto r = book_->post(d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().front().code, ErrorCode::kLimitExceeded);
  expect_verifies();
}

TEST_F(BookTest, OnePostingIsNotATransaction) {
  TransactionDraft d = transfer("1");
  d.postings.pop_back();
  auto r = book_->post(d);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error().front().message, HasSubstr("needs 2 to"));
}

TEST_F(BookTest, AccountNameDepthAndLengthLimits) {
  std::string name = "Assets";
  for (std::size_t i = 1; i < limits::kAccountDepthMax; ++i) name += ":L" + std::to_string(i);
  EXPECT_TRUE(book_->add_account({name, "asset", "", ""}).ok());
  auto deeper = book_->add_account({name + ":X", "asset", "", ""});
  ASSERT_FALSE(deeper.ok());
  EXPECT_EQ(deeper.error().code, ErrorCode::kLimitExceeded);
  std::string longest = "Assets:" + std::string(limits::kAccountNameBytesMax - 7, 'a');
  EXPECT_TRUE(book_->add_account({longest, "asset", "", ""}).ok());
  EXPECT_FALSE(book_->add_account({longest + "a", "asset", "", ""}).ok());
  for (const char* bad : {"", "Assets:", ":Assets", "Assets::Bank", "Assets: Bank", "A\tB"}) {
    EXPECT_FALSE(book_->add_account({bad, "asset", "", ""}).ok()) << bad;
  }
  EXPECT_TRUE(book_->add_account({"Activos:Préstamos:Señora", "asset", "", ""}).ok());
}

TEST_F(BookTest, AccountsUnderOneRootShareAType) {
  auto wrong = book_->add_account({"Assets:Furniture", "expense", "", ""});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().field, "--type");
  EXPECT_THAT(wrong.error().message, HasSubstr("accounts under Assets are asset accounts"));
  EXPECT_TRUE(book_->add_account({"Assets:Furniture", "asset", "", ""}).ok());
  // A root that merely starts alike is another root.
  EXPECT_TRUE(book_->add_account({"AssetsHeld:X", "liability", "", ""}).ok());
}

TEST_F(BookTest, IdentifierLimitIsInclusive) {
  std::string id(limits::kIdBytesMax, 'E');
  EXPECT_TRUE(book_->add_enterprise({id, "", "", "", "", "", "", "", ""}).ok());
  auto longer = book_->add_enterprise({id + "E", "", "", "", "", "", "", "", ""});
  ASSERT_FALSE(longer.ok());
  EXPECT_EQ(longer.error().field, "ID");
  EXPECT_FALSE(book_->add_enterprise({"EC 1", "", "", "", "", "", "", "", ""}).ok());
  auto twice = book_->add_enterprise({id, "", "", "", "", "", "", "", ""});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kAlreadyExists);
}

TEST_F(BookTest, EnterpriseAttributesAreChecked) {
  EXPECT_FALSE(book_->add_enterprise({"E1", "", "company", "", "", "", "", "", ""}).ok());
  EXPECT_FALSE(book_->add_enterprise({"E1", "", "", "f", "", "", "", "", ""}).ok());
  EXPECT_FALSE(book_->add_enterprise({"E1", "", "", "", "2027", "", "", "", ""}).ok());
  EXPECT_FALSE(book_->add_enterprise({"E1", "", "", "", "1899", "", "", "", ""}).ok());
  EXPECT_FALSE(book_->add_enterprise({"E1", "", "", "", "", "ve", "", "", ""}).ok());
  auto unassigned = book_->add_enterprise({"E1", "", "", "", "", "ZZ", "", "", ""});
  ASSERT_FALSE(unassigned.ok());
  EXPECT_EQ(unassigned.error().field, "--nationality");
  EXPECT_NE(unassigned.error().message.find("ISO 3166-1"), std::string::npos);
  EXPECT_FALSE(book_->add_enterprise({"E1", "", "", "", "", "", "tourist", "", ""}).ok());
  EXPECT_TRUE(book_->add_enterprise({"E1", "Ana", "", "female", "2026", "VE", "refugee",
                                     "Pichincha", "A"})
                  .ok());
}

TEST_F(BookTest, BatchIsAllOrNothingAndReportsEveryProblem) {
  std::vector<TransactionDraft> batch{transfer("1"), transfer("1.001"), transfer("2"),
                                      transfer("x")};
  batch[1].field = "/operations/1";
  batch[3].field = "/operations/3";
  auto r = book_->post_batch(batch);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().size(), 4u);  // two bad amounts, each unbalancing nothing else
  EXPECT_EQ(r.error()[0].field, "/operations/1/d");
  EXPECT_EQ(transactions(), 0);
  batch.erase(batch.begin() + 3);
  batch.erase(batch.begin() + 1);
  EXPECT_TRUE(book_->post_batch(batch).ok());
  EXPECT_EQ(transactions(), 2);
  expect_verifies();
}

TEST_F(BookTest, RepeatedRefInsideOneBatchIsOnePosting) {
  auto r = book_->post_batch({transfer("5", "R-1"), transfer("5", "R-1")});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE((*r)[0].duplicate);
  EXPECT_TRUE((*r)[1].duplicate);
  EXPECT_EQ(transactions(), 1);
  auto conflict = book_->post_batch({transfer("6", "R-1")});
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().front().code, ErrorCode::kConflict);
}

TEST_F(BookTest, ModuleTransactionRollsBackUnlessCommitted) {
  {
    auto tx = book_->begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(tx->append_record("test.note", {{"n", 1}}).ok());
    ASSERT_TRUE(tx->post(transfer("7")).ok());
  }  // dropped: rolled back
  EXPECT_EQ(transactions(), 0);
  EXPECT_EQ(store_->audit_head().value().size, 3u);  // init and two accounts
  auto tx = book_->begin();
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(tx->post(transfer("7")).ok());
  ASSERT_TRUE(tx->post(transfer("8")).ok());
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(transactions(), 2);
  expect_verifies();
}

TEST_F(BookTest, UnknownRecordKindFailsVerification) {
  auto tx = book_->begin();
  ASSERT_TRUE(tx->append_record("nobody.knows", {{"n", 1}}).ok());
  ASSERT_TRUE(tx->commit().ok());
  auto report = verify_book(*store_);
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(report.error().to_string(), HasSubstr("unknown record kind \"nobody.knows\""));
}

TEST_F(BookTest, StatementRejectsAnInvertedPeriod) {
  ASSERT_TRUE(book_->add_enterprise({"E1", "", "", "", "", "", "", "", ""}).ok());
  auto st = book_->statement("E1", "2026-03-31", "2026-03-01");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().field, "--to");
}

}  // namespace
}  // namespace semilla::book
