// SPDX-License-Identifier: Apache-2.0
// The balance table under the store's per-connection cache of each series' newest row:
// backdated and same-day postings, rollbacks, and another process writing in between.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "ledger/book/book.h"
#include "ledger/book/verify.h"

namespace semilla::book {
namespace {

class BalanceTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SEMILLA_NOW", "2026-06-30T15:00:00Z", 1);
    path_ = (std::filesystem::temp_directory_path() /
             ("semilla-balance-test-" + std::to_string(getpid()) + ".db"))
                .string();
    std::filesystem::remove(path_);
    a_ = std::move(store::open_sqlite_store(path_, true).value());
    book_a_.emplace(std::move(Book::init(*a_, {"USD", "t", "UTC"}, "a").value()));
    ASSERT_TRUE(book_a_->add_account({"Assets:Bank", "asset", "", ""}).ok());
    ASSERT_TRUE(book_a_->add_account({"Equity:Donor", "equity", "", ""}).ok());
    b_ = std::move(store::open_sqlite_store(path_, false).value());
    book_b_.emplace(std::move(Book::open(*b_, "b").value()));
  }
  void TearDown() override {
    book_a_.reset();
    book_b_.reset();
    a_.reset();
    b_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  static void post(Book& book, const std::string& date, const std::string& amount) {
    auto r = book.post({date, "", "", "", {{"Assets:Bank", amount, "", true, "d"},
                                           {"Equity:Donor", amount, "", false, "c"}}, ""});
    ASSERT_TRUE(r.ok()) << date << ": " << r.error().front().to_string();
  }
  std::string bank(Book& book, const std::string& as_of) {
    auto rows = book.balances("Assets:Bank", as_of);
    EXPECT_TRUE(rows.ok());
    return rows->empty() ? "0" : rows->front().amount.to_string();
  }
  void expect_verifies(store::Store& s) {
    auto report = verify_book(s);
    EXPECT_TRUE(report.ok()) << report.error().to_string();
  }

  std::string path_;
  std::unique_ptr<store::Store> a_, b_;
  std::optional<Book> book_a_, book_b_;
};

TEST_F(BalanceTableTest, SameDayLaterDayAndBackdated) {
  post(*book_a_, "2026-03-10", "10");
  post(*book_a_, "2026-03-10", "5");    // same day: one row
  post(*book_a_, "2026-03-12", "1");    // later day
  post(*book_a_, "2026-03-01", "100");  // backdated: every later closing moves
  post(*book_a_, "2026-03-12", "2");    // newest day again, after a backdated one
  EXPECT_EQ(bank(*book_a_, "2026-02-28"), "0");
  EXPECT_EQ(bank(*book_a_, "2026-03-01"), "100.00");
  EXPECT_EQ(bank(*book_a_, "2026-03-10"), "115.00");
  EXPECT_EQ(bank(*book_a_, "2026-03-12"), "118.00");
  expect_verifies(*a_);
}

TEST_F(BalanceTableTest, AnotherConnectionWritingInBetweenIsSeen) {
  post(*book_a_, "2026-03-10", "10");  // a caches the series' newest row
  post(*book_b_, "2026-03-10", "7");   // b changes that row behind a's back
  post(*book_b_, "2026-03-11", "1");
  post(*book_a_, "2026-03-11", "2");   // a must not build on its stale cache
  EXPECT_EQ(bank(*book_a_, "2026-03-10"), "17.00");
  EXPECT_EQ(bank(*book_a_, "2026-03-11"), "20.00");
  expect_verifies(*a_);
}

TEST_F(BalanceTableTest, RolledBackPostingLeavesNoTrace) {
  post(*book_a_, "2026-03-10", "10");
  {
    auto tx = book_a_->begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(tx->post({"2026-03-11", "", "", "", {{"Assets:Bank", "50", "", true, "d"},
                                                     {"Equity:Donor", "50", "", false, "c"}},
                          ""})
                    .ok());
  }  // rolled back
  post(*book_a_, "2026-03-11", "1");
  EXPECT_EQ(bank(*book_a_, "2026-03-11"), "11.00");
  expect_verifies(*a_);
}

// Inside one database transaction the series' newest rows wait in memory; every read of the
// balance table, and the commit, must see them.
TEST_F(BalanceTableTest, ReadsInsideATransactionSeeItsPostings) {
  post(*book_a_, "2026-03-10", "10");
  auto tx = book_a_->begin();
  ASSERT_TRUE(tx.ok());
  const auto post_in = [&](const std::string& date, const std::string& amount) {
    ASSERT_TRUE(tx->post({date, "", "", "", {{"Assets:Bank", amount, "", true, "d"},
                                             {"Equity:Donor", amount, "", false, "c"}},
                          ""})
                    .ok());
  };
  post_in("2026-03-10", "5");   // the stored newest day again
  post_in("2026-03-11", "1");   // a new day
  post_in("2026-03-11", "2");   // same new day
  auto rows = tx->store().balances("Assets:Bank", Date::from_ymd(2026, 3, 11));
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ(rows->front().amount.to_string(), "18.00");
  post_in("2026-03-09", "100");  // backdated inside the transaction
  post_in("2026-03-12", "3");
  auto mid = tx->store().balances("Assets:Bank", Date::from_ymd(2026, 3, 10));
  ASSERT_TRUE(mid.ok());
  EXPECT_EQ(mid->front().amount.to_string(), "115.00");
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(bank(*book_a_, "2026-03-09"), "100.00");
  EXPECT_EQ(bank(*book_a_, "2026-03-11"), "118.00");
  EXPECT_EQ(bank(*book_a_, "2026-03-12"), "121.00");
  EXPECT_EQ(bank(*book_b_, "2026-03-12"), "121.00");  // another connection sees the commit
  expect_verifies(*a_);
}

// A batch over many days and accounts, posted in one transaction, leaves the same table as
// the same postings made one by one (checked by verify, which rebuilds it from the records).
TEST_F(BalanceTableTest, BatchOverManyDaysMatchesTheRecords) {
  std::vector<TransactionDraft> drafts;
  for (int i = 0; i < 300; ++i) {
    const std::string day = Date::from_ymd(2026, 1, 1).add_days((i * 7) % 90).to_string();
    const std::string amount = std::to_string(1 + i % 13) + ".0" + std::to_string(i % 10);
    const bool in = i % 3 != 0;
    drafts.push_back({day, "", "", "", {{in ? "Assets:Bank" : "Equity:Donor", amount, "", true,
                                         "d"},
                                        {in ? "Equity:Donor" : "Assets:Bank", amount, "", false,
                                         "c"}},
                      ""});
  }
  ASSERT_TRUE(book_a_->post_batch(drafts).ok());
  expect_verifies(*a_);
  post(*book_b_, "2026-02-01", "1");  // the other connection builds on the committed rows
  expect_verifies(*b_);
}

}  // namespace
}  // namespace semilla::book
