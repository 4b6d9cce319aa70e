// SPDX-License-Identifier: Apache-2.0
// The grant rules on a temporary book, through the library: funds, milestones, tranches,
// returns, cancellation, members and snapshots, period close, replay by audit verify.
#include <gtest/gtest.h>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>

#include "ledger/book/verify.h"
#include "ledger/grants/donor_report.h"
#include "ledger/grants/grants.h"

namespace semilla::grants {
namespace {

namespace fs = std::filesystem;

class GrantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SEMILLA_NOW", "2026-06-30T12:00:00Z", 1);
    register_module();
    path_ = (fs::temp_directory_path() /
             ("semilla-grants-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    fs::remove(path_);
    auto s = store::open_sqlite_store(path_, true);
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    auto b = book::Book::init(*store_, {"USD", "Test", "UTC"}, "ana");
    ASSERT_TRUE(b.ok());
    book_.emplace(std::move(*b));
    ASSERT_TRUE(book_->add_enterprise({"EC-1", "", "individual", "female", "1990", "VE",
                                       "migrant", "Pichincha", "A"}).ok());
    ASSERT_TRUE(book_->add_enterprise({"EC-2", "", "cooperative", "male", "1960", "EC", "host",
                                       "Imbabura", "A"}).ok());
    ASSERT_TRUE(add_fund(*book_, {"F1", "Donor", "USD", "2026-01-01", "2026-12-31",
                                  {"seed-capital-cash=1000"}}).ok());
    ASSERT_TRUE(receive(*book_, {"F1", "1000", "2026-01-05", ""}).ok());
  }
  void TearDown() override {
    book_.reset();
    store_.reset();
    fs::remove(path_);
    fs::remove(path_ + "-wal");
    fs::remove(path_ + "-shm");
  }
  std::uint64_t head() { return store_->audit_head().value().size; }

  std::string path_;
  std::unique_ptr<store::Store> store_;
  std::optional<book::Book> book_;
};

TEST_F(GrantsTest, FundAddCreatesItsAccountsAndRefusesDuplicatesAndBadInput) {
  auto accounts = book_->accounts();
  ASSERT_TRUE(accounts.ok());
  EXPECT_EQ(accounts->size(), 7u);
  EXPECT_EQ(accounts->front().name, "Assets:Funds:F1");
  EXPECT_EQ(accounts->front().currency, "USD");
  const auto before = head();
  EXPECT_EQ(add_fund(*book_, {"F1", "D", "USD", "", "", {}}).error().code,
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(add_fund(*book_, {"F:2", "D", "USD", "", "", {}}).error().field, "CODE");
  EXPECT_EQ(add_fund(*book_, {"F2", "D", "USD", "2026-02-01", "2026-01-01", {}}).error().field,
            "--to");
  EXPECT_EQ(add_fund(*book_, {"F2", "D", "USD", "", "", {"a=1", "a=2"}}).error().code,
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(add_fund(*book_, {"F2", "D", "USD", "", "", {"a=1.001"}}).error().code,
            ErrorCode::kInvalid);
  EXPECT_EQ(head(), before);
}

TEST_F(GrantsTest, TrancheWaitsForItsMilestoneRecordedByTheDisbursementDate) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100:plan-approved"}}).ok());
  ASSERT_TRUE(record_milestone(*book_, "EC-1", "plan-approved", "2026-02-10").ok());
  const auto before = head();
  auto early = disburse(*book_, {"G1", "1", "2026-02-09", "", "", "", ""});
  EXPECT_EQ(early.error().code, ErrorCode::kRefused);
  EXPECT_NE(early.error().message.find("recorded only on 2026-02-10"), std::string::npos);
  EXPECT_EQ(head(), before);
  EXPECT_TRUE(disburse(*book_, {"G1", "1", "2026-02-10", "", "", "", ""}).ok());
  EXPECT_EQ(record_milestone(*book_, "EC-1", "plan-approved", "2026-02-11").error().code,
            ErrorCode::kAlreadyExists);
}

TEST_F(GrantsTest, ReturnsUpToWhatWasPaidAndCancelReleasesTheRest) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100", "50.50"}}).ok());
  ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-02", "", "", "", ""}).ok());
  EXPECT_EQ(return_funds(*book_, {"G1", "100.01", "2026-03-01", "x"}).error().code,
            ErrorCode::kRefused);
  EXPECT_TRUE(return_funds(*book_, {"G1", "100", "2026-03-01", "all of it"}).ok());
  auto c = cancel(*book_, {"G1", "2026-03-02", "closed"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->amount_minor, 5050);
  EXPECT_EQ(cancel(*book_, {"G1", "", "again"}).error().code, ErrorCode::kRefused);
  auto s = grant_status(*book_, "G1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->committed_minor, 0);
  EXPECT_TRUE(s->cancelled);
  auto f = fund_summary(*book_, "F1");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->balance_minor, 100000);
  EXPECT_EQ(f->committed_minor, 0);
}

TEST_F(GrantsTest, FullyPaidGrantCancelsWithoutATransaction) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"10"}}).ok());
  ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-02", "", "", "", ""}).ok());
  auto c = cancel(*book_, {"G1", "", "done"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->transaction_id, 0);
  EXPECT_EQ(c->amount_minor, 0);
}

TEST_F(GrantsTest, MembersAreForCollectivesAndEventsKeepTheirSnapshot) {
  EXPECT_EQ(set_members(*book_, "EC-1", "1", "", "").error().code, ErrorCode::kRefused);
  EXPECT_EQ(set_members(*book_, "EC-2", "0", "0", "").error().code, ErrorCode::kInvalid);
  EXPECT_EQ(set_members(*book_, "EC-2", "-1", "", "").error().field, "--female");
  ASSERT_TRUE(set_members(*book_, "EC-2", "5", "2", "").ok());
  ASSERT_TRUE(award(*book_, {"G2", "EC-2", "F1", "2026-02-01", {"10", "20"}}).ok());
  ASSERT_TRUE(disburse(*book_, {"G2", "1", "2026-02-02", "Tools", "Ferretería", "", ""}).ok());
  ASSERT_TRUE(set_members(*book_, "EC-2", "8", "2", "1").ok());
  ASSERT_TRUE(disburse(*book_, {"G2", "2", "2026-02-03", "", "", "", ""}).ok());
  auto s = grant_status(*book_, "G2");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->events.size(), 3u);
  EXPECT_EQ(s->events[1].snapshot.female, 5);
  EXPECT_TRUE(s->events[1].in_kind);
  EXPECT_EQ(s->events[2].snapshot.female, 8);
  EXPECT_EQ(s->events[2].snapshot.other, 1);
  auto feb2 = donor_report(*book_, "F1", "2026-02-02", "2026-02-02");
  ASSERT_TRUE(feb2.ok());
  EXPECT_EQ(feb2->total.people.female, 5);  // as they were on the day
  auto both = donor_report(*book_, "F1", "2026-02-01", "2026-02-28");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->total.people.total(), 11);  // the latest event's snapshot
  EXPECT_EQ(both->disbursed_in_kind_minor, 1000);
  EXPECT_TRUE(both->reconciled);
}

TEST_F(GrantsTest, ClosedPeriodRefusesEveryPostingUntilReopened) {
  ASSERT_TRUE(close_period(*book_, "2026-02").ok());
  EXPECT_EQ(close_period(*book_, "2026-02").error().code, ErrorCode::kConflict);
  EXPECT_EQ(close_period(*book_, "2026-06").error().code, ErrorCode::kRefused);
  EXPECT_EQ(close_period(*book_, "2026-13").error().code, ErrorCode::kInvalid);
  book::TransactionDraft d{"2026-02-28", "late", "", "", {}, ""};
  d.postings = {{"Assets:Funds:F1", "1", "", true, "--debit"},
                {"Equity:Funds:F1:Received", "1", "", false, "--credit"}};
  auto refused = book_->post(d);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().front().code, ErrorCode::kRefused);
  EXPECT_EQ(refused.error().front().field, "--date");
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-01-20", {"10"}}).ok());
  EXPECT_EQ(disburse(*book_, {"G1", "1", "2026-02-02", "", "", "", ""}).error().code,
            ErrorCode::kRefused);
  EXPECT_EQ(reopen_period(*book_, "2026-02", "").error().field, "--reason");
  ASSERT_TRUE(reopen_period(*book_, "2026-02", "late bank statement").ok());
  EXPECT_TRUE(book_->post(d).ok());
  auto events = period_events(*book_);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 2u);
}

TEST_F(GrantsTest, AReceiptImportedTwiceChangesNothingButAReusedReferenceIsRefused) {
  auto first = receive(*book_, {"F1", "250", "2026-01-06", "SWIFT-7"});
  ASSERT_TRUE(first.ok());
  const auto before = head();
  auto again = receive(*book_, {"F1", "250.00", "2026-01-06", "SWIFT-7"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->audit_seq, first->audit_seq);
  EXPECT_EQ(head(), before);
  auto other = receive(*book_, {"F1", "260", "2026-01-06", "SWIFT-7"});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_EQ(head(), before);
}

TEST_F(GrantsTest, TranchesThatOverflowTheTotalAreRefused) {
  const std::string big = "9999999999999999.99";
  auto r = award(*book_, {"G1", "EC-1", "F1", "", {big, big}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(award(*book_, {"G1", "EC-1", "F1", "", {}}).error().field, "--tranche");
}

TEST(AgeGroup, Boundaries) {
  const Date on = Date::from_ymd(2026, 6, 30);
  EXPECT_EQ(age_group(std::nullopt, on), "unknown");
  EXPECT_EQ(age_group(2009, on), "under-18");
  EXPECT_EQ(age_group(2008, on), "18-24");
  EXPECT_EQ(age_group(2002, on), "18-24");
  EXPECT_EQ(age_group(2001, on), "25-34");
  EXPECT_EQ(age_group(1992, on), "25-34");
  EXPECT_EQ(age_group(1991, on), "35-44");
  EXPECT_EQ(age_group(1982, on), "35-44");
  EXPECT_EQ(age_group(1981, on), "45-59");
  EXPECT_EQ(age_group(1967, on), "45-59");
  EXPECT_EQ(age_group(1966, on), "60+");
}

TEST_F(GrantsTest, VerifyReplaysGrantsAndNamesAnAlteredRow) {
  ASSERT_TRUE(record_milestone(*book_, "EC-1", "plan-approved", "2026-02-01").ok());
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100:plan-approved"}}).ok());
  ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-02", "", "", "", ""}).ok());
  ASSERT_TRUE(close_period(*book_, "2026-03").ok());
  ASSERT_TRUE(book::verify_book(*store_).ok());
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER closed_periods_no_DELETE; DELETE FROM closed_periods");
  }
  auto r = book::verify_book(*store_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kVerifyFailed);
  EXPECT_NE(r.error().to_string().find("period 2026-03"), std::string::npos)
      << r.error().to_string();
}

}  // namespace
}  // namespace semilla::grants
