// SPDX-License-Identifier: Apache-2.0
// Book import of a seed-capital programme: the audit bundle rebuilds every grants table, the
// donor report and the chain exactly, also across closed periods; a tampered bundle writes
// nothing.
#include <gtest/gtest.h>

#include <sstream>

#include "ledger/book/bundle.h"
#include "ledger/book/restore.h"
#include "ledger/book/verify.h"
#include "ledger/grants/donor_report.h"
#include "tests/grants/fixture.h"

namespace semilla::grants {
namespace {

class GrantsRestoreTest : public GrantsBook {
 protected:
  // A programme that writes every grants table: two funds with budgets, receipts, members
  // changed between events, milestones, grants in tranches (cash, in kind, overridden), a
  // return, a cancellation, and months closed (March stays closed, February is reopened).
  void SetUp() override {
    GrantsBook::SetUp();
    ASSERT_TRUE(add_fund(*book_, {"F2", "Fundación Local", "USD", "", "2026-12-31",
                                  {"seed-capital-in-kind=300", "training=50"}}).ok());
    ASSERT_TRUE(receive(*book_, {"F2", "500", "2026-01-07", "SWIFT-2"}).ok());
    ASSERT_TRUE(set_members(*book_, {"EC-2", "5", "2", "", {}}).ok());
    ASSERT_TRUE(record_milestone(*book_, "EC-1", "plan-approved", "2026-02-01").ok());
    ASSERT_TRUE(record_milestone(*book_, "EC-2", "plan-approved", "2026-02-03").ok());
    ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"300:plan-approved", "200"}})
                    .ok());
    ASSERT_TRUE(award(*book_, {"G2", "EC-2", "F2", "2026-02-02", {"100:plan-approved", "150"}})
                    .ok());
    ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-05", "", "", "PAY-1", ""}).ok());
    ASSERT_TRUE(disburse(*book_, {"G2", "1", "2026-03-03", "Oven", "Equipos Andinos", "", ""})
                    .ok());
    ASSERT_TRUE(set_members(*book_, {"EC-2", "6", "2", "1", {}}).ok());
    ASSERT_TRUE(disburse(*book_, {"G1", "2", "2026-03-10", "", "", "", "Donor letter"}).ok());
    ASSERT_TRUE(return_funds(*book_, {"G1", "50.25", "2026-04-02", "Unspent"}).ok());
    ASSERT_TRUE(cancel(*book_, {"G2", "2026-04-05", "Enterprise closed"}).ok());
    ASSERT_TRUE(close_period(*book_, "2026-02").ok());
    ASSERT_TRUE(close_period(*book_, "2026-03").ok());
    ASSERT_TRUE(reopen_period(*book_, "2026-02", "Late bank statement").ok());
  }

  // A new database restored from this book's bundle.
  std::unique_ptr<store::Store> restored(const std::string& bundle) {
    auto copy = open_new(path("copy"));
    EXPECT_NE(copy, nullptr);
    std::istringstream in(bundle);
    auto report = book::restore_bundle(*copy, in);
    EXPECT_TRUE(report.ok()) << report.error().to_string();
    return copy;
  }
};

template <typename T>
void expect_same_rows(const Result<std::vector<T>>& a, const Result<std::vector<T>>& b,
                      const char* table) {
  ASSERT_TRUE(a.ok() && b.ok()) << table;
  EXPECT_FALSE(a->empty()) << table;  // the programme wrote it
  EXPECT_EQ(*a, *b) << table;
}

TEST_F(GrantsRestoreTest, EveryGrantsTableTheDonorReportAndTheChainComeBack) {
  auto bundle = book::export_bundle(*store_);
  ASSERT_TRUE(bundle.ok());
  auto copy = restored(*bundle);
  auto& a = store_->grants();
  auto& b = copy->grants();
  expect_same_rows(a.list_funds(), b.list_funds(), "grant_funds and grant_fund_budgets");
  EXPECT_EQ(b.find_fund("F2")->value().budget.size(), 2u);
  expect_same_rows(a.list_receipts(""), b.list_receipts(""), "grant_fund_receipts");
  expect_same_rows(a.list_milestones(), b.list_milestones(), "grant_milestones");
  expect_same_rows(a.list_members(), b.list_members(), "grant_members");
  expect_same_rows(a.list_grants(), b.list_grants(), "grants and grant_tranches");
  expect_same_rows(a.grant_events(""), b.grant_events(""), "grant_events");
  EXPECT_EQ(b.grant_events("")->size(), 7u);  // 2 awards, 3 disbursements, return, cancel
  expect_same_rows(store_->periods().list_period_events(), copy->periods().list_period_events(),
                   "closed_periods");
  auto original = book::verify_book(*store_);
  auto again = book::verify_book(*copy);
  ASSERT_TRUE(original.ok());
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_EQ(again->head, original->head);
  EXPECT_EQ(again->root, original->root);
  auto copy_book = book::Book::open(*copy, "auditor");
  ASSERT_TRUE(copy_book.ok());
  for (const char* fund : {"F1", "F2"}) {
    auto x = donor_report(*book_, fund, "2026-01-01", "2026-06-30");
    auto y = donor_report(*copy_book, fund, "2026-01-01", "2026-06-30");
    ASSERT_TRUE(x.ok() && y.ok()) << fund;
    EXPECT_EQ(*x, *y) << fund;
    EXPECT_GT(x->total.enterprises, 0) << fund;
  }
  EXPECT_EQ(*book::export_bundle(*copy), *bundle);  // the same bytes again
}

TEST_F(GrantsRestoreTest, TheRestoredBookKeepsItsRulesAndClosedMonths) {
  auto copy = restored(*book::export_bundle(*store_));
  auto b = book::Book::open(*copy, "auditor");
  ASSERT_TRUE(b.ok());
  auto closed = return_funds(*b, {"G1", "1", "2026-03-31", "late"});
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().field, "--date");
  EXPECT_NE(closed.error().message.find("closed period"), std::string::npos);
  auto paid = disburse(*b, {"G1", "1", "2026-02-05", "", "", "PAY-1", ""});
  ASSERT_TRUE(paid.ok()) << paid.error().to_string();
  EXPECT_TRUE(paid->duplicate);
  auto s = grant_status(*b, "G2");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->cancelled);
  EXPECT_EQ(s->committed_minor, 0);
  ASSERT_TRUE(return_funds(*b, {"G1", "10", "2026-05-02", "more unspent"}).ok());
  auto v = book::verify_book(*copy);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

TEST_F(GrantsRestoreTest, ATamperedBundleWritesNothing) {
  std::string bundle = *book::export_bundle(*store_);
  const auto at = bundle.find("50.25");  // the return's amount
  ASSERT_NE(at, std::string::npos);
  bundle.replace(at, 5, "50.26");
  auto copy = open_new(path("tampered"));
  ASSERT_NE(copy, nullptr);
  std::istringstream in(bundle);
  auto r = book::restore_bundle(*copy, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kVerifyFailed) << r.error().to_string();
  EXPECT_EQ(copy->audit_head()->size, 0u);
  EXPECT_FALSE(copy->info()->has_value());
  EXPECT_TRUE(copy->grants().list_funds()->empty());
  EXPECT_TRUE(copy->periods().list_period_events()->empty());
}

}  // namespace
}  // namespace semilla::grants
