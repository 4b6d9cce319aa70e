// SPDX-License-Identifier: Apache-2.0
// Fund spend: money paid from a fund for its other budget lines (training, ...), shown by the
// donor report as the category's actual, audited, replayed and restored like the rest.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <sstream>

#include "ledger/book/bundle.h"
#include "ledger/book/restore.h"
#include "ledger/book/verify.h"
#include "ledger/grants/donor_report.h"
#include "tests/grants/fixture.h"
#include "ledger/store/page_checksums.h"

namespace semilla::grants {
namespace {

class FundSpendTest : public GrantsBook {
 protected:
  void SetUp() override {
    GrantsBook::SetUp();
    ASSERT_TRUE(add_fund(*book_, {"F2", "Donor 2", "USD", "2026-01-01", "2026-12-31",
                                  {"seed-capital-cash=500", "training=300"}}).ok());
    ASSERT_TRUE(receive(*book_, {"F2", "1000", "2026-01-10", ""}).ok());
  }
  std::int64_t balance(const std::string& account) {
    auto rows = store_->balances(account, std::nullopt);
    for (const auto& r : *rows) {
      if (r.account == account) return r.amount.minor_int64().value();
    }
    return 0;
  }
  const BudgetLine& line(const DonorReport& r, const std::string& category) {
    for (const auto& l : r.budget) {
      if (l.category == category) return l;
    }
    ADD_FAILURE() << "no budget line " << category;
    return r.budget.front();
  }
};

TEST_F(FundSpendTest, PostsTheCategoryAndTheReportShowsItAsActual) {
  auto s = spend(*book_, {"F2", "training", "120.50", "2026-03-10", "Workshop", "INV-1", ""});
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_FALSE(s->duplicate);
  EXPECT_EQ(balance("Expenses:Programme:F2:training"), 12050);
  EXPECT_EQ(balance("Assets:Funds:F2"), 100000 - 12050);
  ASSERT_TRUE(spend(*book_, {"F2", "training", "30 USD", "2026-04-30", "Manuals", "", ""}).ok());
  auto march = donor_report(*book_, "F2", "2026-03-01", "2026-03-31");
  ASSERT_TRUE(march.ok());
  EXPECT_EQ(march->spent_minor, 12050);
  EXPECT_EQ(march->other_minor, 0);
  EXPECT_TRUE(march->reconciled);
  EXPECT_EQ(line(*march, "training").actual_minor, 12050);
  EXPECT_EQ(line(*march, "seed-capital-cash").actual_minor, 0);
  auto april = donor_report(*book_, "F2", "2026-04-01", "2026-04-30");
  ASSERT_TRUE(april.ok());
  EXPECT_EQ(april->spent_minor, 3000);
  EXPECT_EQ(april->closing_minor, 100000 - 15050);
  EXPECT_EQ(line(*april, "training").actual_minor, 15050);  // from the fund's start
  EXPECT_EQ(donor_report(*book_, "F1", "2026-01-01", "2026-06-30")->spent_minor, 0);
  auto rows = store_->grants().list_spending("F2");
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(rows->front(), s->spending);
  EXPECT_EQ(rows->front().memo, "Workshop");
  auto v = book::verify_book(*store_);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

TEST_F(FundSpendTest, RefusalsNameTheFieldAndChangeNothing) {
  const auto before = head();
  const std::pair<SpendDraft, std::string> cases[] = {
      {{"F9", "training", "1", "2026-03-01", "x", "", ""}, "CODE"},
      {{"F2", "seed-capital-cash", "1", "2026-03-01", "x", "", ""}, "CATEGORY"},
      {{"F2", "travel", "1", "2026-03-01", "x", "", ""}, "CATEGORY"},
      {{"F2", "training", "0", "2026-03-01", "x", "", ""}, "AMOUNT"},
      {{"F2", "training", "1 PEN", "2026-03-01", "x", "", ""}, "AMOUNT"},
      {{"F2", "training", "1", "2026-07-01", "x", "", ""}, "--date"},
      {{"F2", "training", "1", "2026-03-01", "", "", ""}, "--memo"},
      {{"F2", "training", "1", "2026-03-01", "x", "bad ref", ""}, "--ref"},
      {{"F2", "training", "1", "2025-12-31", "x", "", ""}, "--date"},  // before the fund
      {{"F2", "training", "1000.01", "2026-03-01", "x", "", ""}, "AMOUNT"},  // fund short
  };
  for (const auto& [draft, field] : cases) {
    auto r = spend(*book_, draft);
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_EQ(r.error().field, field) << r.error().to_string();
  }
  auto short_of = spend(*book_, cases[9].first);
  EXPECT_NE(short_of.error().message.find("give --override-reason to spend anyway"),
            std::string::npos);
  EXPECT_NE(spend(*book_, cases[2].first).error().message.find("it has: seed-capital-cash, "
                                                               "training"),
            std::string::npos);
  EXPECT_EQ(head(), before);
  EXPECT_FALSE(store_->find_account("Expenses:Programme:F2:training")->has_value());
  auto overridden = cases[9].first;
  overridden.override_reason = "Donor approved the overdraft";
  auto ok = spend(*book_, overridden);
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_EQ(ok->spending.override_reason, "Donor approved the overdraft");
  EXPECT_EQ(balance("Assets:Funds:F2"), -1);
}

TEST_F(FundSpendTest, TheSameReferenceAgainIsADuplicateAndOtherContentAConflict) {
  const SpendDraft d{"F2", "training", "40", "2026-03-02", "Trainer fee", "INV-7", ""};
  auto first = spend(*book_, d);
  ASSERT_TRUE(first.ok());
  const auto before = head();
  auto again = spend(*book_, d);
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->spending, first->spending);
  auto other = d;
  other.amount = "41";
  auto conflict = spend(*book_, other);
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);
  EXPECT_EQ(conflict.error().field, "--ref");
  EXPECT_EQ(head(), before);
}

TEST_F(FundSpendTest, AClosedMonthRefusesIt) {
  ASSERT_TRUE(close_period(*book_, "2026-03").ok());
  auto r = spend(*book_, {"F2", "training", "1", "2026-03-31", "x", "", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "--date");
}

TEST_F(FundSpendTest, VerifyNamesAnAlteredRowAndBookImportRestoresIt) {
  ASSERT_TRUE(spend(*book_, {"F2", "training", "40", "2026-03-02", "Trainer", "", ""}).ok());
  ASSERT_TRUE(close_period(*book_, "2026-03").ok());
  const std::string bundle = *book::export_bundle(*store_);
  auto copy = open_new(path("copy"));
  std::istringstream in(bundle);
  auto restored = book::restore_bundle(*copy, in);
  ASSERT_TRUE(restored.ok()) << restored.error().to_string();
  EXPECT_EQ(*copy->grants().list_spending(""), *store_->grants().list_spending(""));
  EXPECT_TRUE(book::verify_book(*copy).ok());
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE, 0, store::page_checksum_vfs());
    db.exec("DROP TRIGGER grant_fund_spending_no_UPDATE; "
            "UPDATE grant_fund_spending SET amount_minor = 4100");
  }
  auto v = book::verify_book(*store_);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.error().to_string().find("spending of fund F2 (record"), std::string::npos)
      << v.error().to_string();
}

TEST_F(FundSpendTest, ABookOfGrantsSchemaVersion1GetsTheSpendingTable) {
  book_.reset();
  store_.reset();
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE, 0, store::page_checksum_vfs());
    // Version 1: without the tables and column of versions 2, 3 and 4.
    db.exec("DROP TABLE grant_fund_spending; DROP TABLE grant_milestone_names; "
            "DROP TABLE grant_member_people; "
            "ALTER TABLE grants DROP COLUMN over_commit; "
            "UPDATE schema_modules SET version = 1 WHERE module = 'grants'");
  }
  auto s = store::open_sqlite_store(path_, false);
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  store_ = std::move(*s);
  auto b = book::Book::open(*store_, "ana");
  ASSERT_TRUE(b.ok());
  book_.emplace(std::move(*b));
  ASSERT_TRUE(spend(*book_, {"F2", "training", "5", "2026-03-02", "x", "", ""}).ok());
  SQLite::Database db(path_, SQLite::OPEN_READWRITE, 0, store::page_checksum_vfs());
  EXPECT_THROW(db.exec("DELETE FROM grant_fund_spending"), SQLite::Exception);  // append-only
}

}  // namespace
}  // namespace semilla::grants
