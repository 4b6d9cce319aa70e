// SPDX-License-Identifier: Apache-2.0
// Book import of a book with loans: the audit bundle restores every loan table exactly (the
// rows LoanReplay rebuilt from the records), so status, portfolio, audit verify, head and
// root are those of the original; an altered loan record is refused and writes nothing.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "ledger/book/bundle.h"
#include "ledger/book/restore.h"
#include "ledger/book/verify.h"
#include "tests/loans/loan_book_fixture.h"

namespace semilla::loans {
namespace {

// Every row of every loan table, in key order.
struct LoanTables {
  std::vector<store::LoanProductRow> products;
  std::vector<std::pair<store::LoanRow, std::string>> loans;  // with the cohort
  std::vector<store::LoanInstallmentRow> installments;
  std::vector<store::LoanEventRow> events;
  std::vector<store::LoanAllocationRow> allocations;
};

LoanTables tables(store::Store& s) {
  LoanTables t;
  auto& loans = s.loans();
  t.products = loans.list_products().value();
  EXPECT_TRUE(loans.for_each_loan([&](const store::LoanRow& row, const std::string& cohort) {
                     t.loans.emplace_back(row, cohort);
                     return Status::Ok();
                   }).ok());
  auto keep = [](auto& into) {
    return [&into](const auto& row) {
      into.push_back(row);
      return Status::Ok();
    };
  };
  EXPECT_TRUE(loans.for_each_installment(keep(t.installments)).ok());
  EXPECT_TRUE(loans.for_each_event(keep(t.events)).ok());
  EXPECT_TRUE(loans.for_each_allocation(keep(t.allocations)).ok());
  return t;
}

class LoanRestoreTest : public testing::LoanBookTest {
 protected:
  // Products, loans opened, disbursed, repaid, a reversed repayment, a closed loan, a
  // write-off with a recovery, and a loan never disbursed.
  void SetUp() override {
    LoanBookTest::SetUp();
    ASSERT_TRUE(loans().add_product({"FLAT6", "", {{"--currency", "USD"}, {"--rate", "30"},
                                                   {"--method", "flat"}, {"--installments", "6"},
                                                   {"--fee", "2%"}, {"--fee-mode", "deducted"}}})
                    .ok());
    open("L1", "EC-001", "1200", "2026-01-10");
    ASSERT_TRUE(repay("L1", "112.00", "2026-02-10", "MFI/1").ok());
    auto bounced = repay("L1", "111.00", "2026-03-10", "MFI/2");
    ASSERT_TRUE(bounced.ok());
    ASSERT_TRUE(loans().reverse_repayment("L1", bounced->transaction.id, "2026-03-12",
                                          "cheque returned").ok());
    ASSERT_TRUE(repay("L1", "1166.00", "2026-04-01").ok());  // closes it
    auto l2 = loans().open({"L2", "EC-002", "FLAT6", "600", "2026-02-01", "", {}});
    ASSERT_TRUE(l2.ok());
    ASSERT_TRUE(loans().disburse("L2", "2026-02-03", "").ok());
    ASSERT_TRUE(repay("L2", "120", "2026-03-03").ok());
    ASSERT_TRUE(loans().write_off("L2", "2026-09-30", "business closed").ok());
    ASSERT_TRUE(loans().recover({"L2", "100", "2026-10-15", "REC-1", ""}).ok());
    open("L3", "EC-003", "2400", "2026-01-31");
    ASSERT_TRUE(repay("L3", "300", "2026-05-02").ok());
    ASSERT_TRUE(loans().open({"L4", "EC-004", "P12", "600", "2026-11-30", "", {}}).ok());
  }

  // The book restored from the original's bundle into a new in-memory store.
  std::unique_ptr<store::Store> restored(const std::string& bundle) {
    auto copy = store::open_sqlite_store(":memory:", true);
    EXPECT_TRUE(copy.ok());
    std::istringstream in(bundle);
    auto report = book::restore_bundle(**copy, in);
    EXPECT_TRUE(report.ok()) << report.error().to_string();
    if (report.ok()) {
      EXPECT_GT(report->module_records, 15u);
    }
    return std::move(*copy);
  }
};

TEST_F(LoanRestoreTest, EveryLoanTableStatusPortfolioAndTheLogAreTheOriginals) {
  const std::string bundle = book::export_bundle(*store_).value();
  auto copy = restored(bundle);
  const LoanTables a = tables(*store_), b = tables(*copy);
  EXPECT_EQ(a.products.size(), 2u);
  EXPECT_EQ(a.loans.size(), 4u);
  EXPECT_EQ(b.products, a.products);
  EXPECT_EQ(b.loans, a.loans);
  EXPECT_EQ(b.installments, a.installments);
  EXPECT_EQ(b.events, a.events);
  EXPECT_EQ(b.allocations, a.allocations);
  auto copy_book = book::Book::open(*copy, "tester");
  ASSERT_TRUE(copy_book.ok());
  LoanBook copy_loans(*copy_book);
  for (const char* id : {"L1", "L2", "L3", "L4"}) {
    for (const char* as_of : {"2026-03-11", "2026-06-30", ""}) {
      auto x = loans().status(id, as_of);
      auto y = copy_loans.status(id, as_of);
      ASSERT_TRUE(x.ok() && y.ok()) << id;
      EXPECT_EQ(y->status, x->status) << id << " " << as_of;
      EXPECT_EQ(y->loan.row, x->loan.row) << id;
      EXPECT_EQ(y->installments, x->installments) << id << " " << as_of;
      EXPECT_EQ(y->outstanding.sum(), x->outstanding.sum()) << id << " " << as_of;
      EXPECT_EQ(y->events, x->events) << id << " " << as_of;
      EXPECT_EQ(y->arrears.has_value(), x->arrears.has_value()) << id;
      if (x->arrears && y->arrears) {
        EXPECT_EQ(y->arrears->days_past_due, x->arrears->days_past_due);
      }
    }
  }
  auto p = loans().portfolio("2026-12-31");
  auto q = copy_loans.portfolio("2026-12-31");
  ASSERT_TRUE(p.ok() && q.ok());
  ASSERT_EQ(q->currencies.size(), 1u);
  const auto& pc = p->currencies[0];
  const auto& qc = q->currencies[0];
  EXPECT_EQ(qc.total.arrears.loans_count, pc.total.arrears.loans_count);
  EXPECT_EQ(qc.total.arrears.par30, pc.total.arrears.par30);
  EXPECT_EQ(qc.written_off, pc.written_off);
  EXPECT_EQ(qc.recovered.to_string(), "100.00");
  EXPECT_EQ(qc.by_cohort.size(), pc.by_cohort.size());
  auto original = book::verify_book(*store_);
  auto again = book::verify_book(*copy);
  ASSERT_TRUE(original.ok()) << original.error().to_string();
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_EQ(again->head, original->head);
  EXPECT_EQ(again->root, original->root);
  EXPECT_EQ(again->records, original->records);
  // The restored book exports the very same bytes.
  EXPECT_EQ(book::export_bundle(*copy).value(), bundle);
}

TEST_F(LoanRestoreTest, TheRestoredBookTakesNewLoanOperations) {
  auto copy = restored(book::export_bundle(*store_).value());
  auto copy_book = book::Book::open(*copy, "tester");
  ASSERT_TRUE(copy_book.ok());
  LoanBook copy_loans(*copy_book);
  // The --ref of a restored repayment is still known; L3 goes on from its restored state.
  auto again = copy_loans.repay({"L1", "112.00", "2026-02-10", "MFI/1", ""});
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_TRUE(again->duplicate);
  auto next = copy_loans.repay({"L3", "200", "2026-06-02", "", ""});
  ASSERT_TRUE(next.ok()) << next.error().to_string();
  ASSERT_TRUE(copy_loans.disburse("L4", "2026-12-01", "").ok());
  auto v = book::verify_book(*copy);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

TEST_F(LoanRestoreTest, AnAlteredLoanRecordIsRefusedAndWritesNothing) {
  const std::string bundle = book::export_bundle(*store_).value();
  // The write-off's reason is in its loan.write-off record only.
  const auto at = bundle.find("business closed");
  ASSERT_NE(at, std::string::npos);
  std::string altered = bundle;
  altered.replace(at, 15, "business closes");
  auto copy = store::open_sqlite_store(":memory:", true);
  ASSERT_TRUE(copy.ok());
  std::istringstream in(altered);
  auto r = book::restore_bundle(**copy, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kVerifyFailed) << r.error().to_string();
  EXPECT_EQ((*copy)->audit_head()->size, 0u);
  EXPECT_FALSE((*copy)->info()->has_value());
  EXPECT_TRUE((*copy)->loans().list_products()->empty());
}

}  // namespace
}  // namespace semilla::loans
