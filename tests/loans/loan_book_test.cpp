// SPDX-License-Identifier: Apache-2.0
// Loans in the book, through the library on an in-memory store: the life of a loan, every
// refusal changing nothing, the book agreeing with the loan module after random repayments and
// reversals, PAR on a hand portfolio, and audit verify catching an altered loan row.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <random>
#include <string>
#include <vector>

#include "ledger/book/verify.h"
#include "ledger/store/sqlite_store_internal.h"
#include "tests/loans/loan_book_fixture.h"

namespace semilla::loans {
namespace {

using testing::LoanBookTest;

TEST_F(LoanBookTest, LifeOfALoanPostsBalancedTransactionsThatShowTheSplit) {
  open("L1", "EC-001", "1200", "2026-01-10");
  EXPECT_EQ(balance("Assets:Loans:EC-001:L1"), "1200.00");
  EXPECT_EQ(balance("Assets:Bank"), "-1200.00");
  auto r = repay("L1", "112.00", "2026-02-10");  // instalment 1: 100 principal + 12 interest
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->transaction.postings.size(), 3u);
  EXPECT_EQ(r->transaction.postings[0].account, "Assets:Bank");
  EXPECT_EQ(r->transaction.postings[0].amount.to_string(), "112.00");
  EXPECT_EQ(r->transaction.postings[1].account, kInterestAccount);
  EXPECT_EQ(r->transaction.postings[1].amount.to_string(), "-12.00");
  EXPECT_EQ(r->transaction.postings[2].account, "Assets:Loans:EC-001:L1");
  EXPECT_EQ(r->transaction.postings[2].amount.to_string(), "-100.00");
  // The rest in one prepayment: 1100 principal + 11+10+...+1 = 66 interest.
  auto rest = repay("L1", "1166.00", "2026-03-01");
  ASSERT_TRUE(rest.ok()) << rest.error().to_string();
  EXPECT_EQ(rest->loan.row.status, "closed");
  EXPECT_EQ(balance("Assets:Loans:EC-001:L1"), "0.00");
  EXPECT_EQ(balance(kInterestAccount), "-78.00");
  auto s = loans().status("L1", "");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->status, "closed");
  auto v = book::verify_book(*store_);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

TEST_F(LoanBookTest, UpfrontAndDeductedFeesPostTheSameIncome) {
  open("L1", "EC-001", "1000", "2026-01-10", {{"--fee", "2%"}});
  open("L2", "EC-002", "1000", "2026-01-10", {{"--fee", "20"}, {"--fee-mode", "deducted"}});
  EXPECT_EQ(balance(kFeesAccount), "-40.00");
  EXPECT_EQ(balance("Assets:Bank"), "-1960.00");
  EXPECT_EQ(balance("Assets:Loans:EC-002:L2"), "1000.00");
}

TEST_F(LoanBookTest, RefusalsChangeNothing) {
  auto l = loans().open({"L1", "EC-001", "P12", "1200", "2026-01-10", "", {}});
  ASSERT_TRUE(l.ok());
  const auto before = records();
  auto early = repay("L1", "10", "2026-01-20");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kRefused);
  ASSERT_TRUE(loans().disburse("L1", "2026-01-10", "").ok());
  const auto disbursed = records();
  EXPECT_GT(disbursed, before);
  auto twice = loans().disburse("L1", "2026-01-11", "");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto wrong = repay("L1", "10.00 PEN", "2026-02-10");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kCurrencyMismatch);
  auto over = repay("L1", "1278.01", "2026-02-10");  // owed: 1200 + 78 interest
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::kRefused);
  EXPECT_NE(over.error().message.find("0.01"), std::string::npos) << over.error().message;
  auto future = repay("L1", "10", "2027-01-01");
  EXPECT_FALSE(future.ok());
  auto bad_cash = loans().repay({"L1", "10", "2026-02-10", "", "Assets:Nowhere"});
  EXPECT_FALSE(bad_cash.ok());
  EXPECT_EQ(records(), disbursed);
  ASSERT_TRUE(repay("L1", "1278.00", "2026-02-10").ok());
  const auto closed = records();
  auto w = loans().write_off("L1", "2026-03-01", "closed business");
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, ErrorCode::kRefused);
  EXPECT_FALSE(repay("L1", "1", "2026-03-01").ok());
  EXPECT_EQ(records(), closed);
  EXPECT_EQ(balance("Assets:Loans:EC-001:L1"), "0.00");
}

TEST_F(LoanBookTest, OpenRefusesUnknownNamesAndBadTerms) {
  auto e = loans().open({"L1", "EC-404", "P12", "100", "2026-01-10", "", {}});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().front().field, "--enterprise");
  auto p = loans().open({"L1", "EC-001", "P404", "100", "2026-01-10", "", {}});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().front().field, "--product");
  auto t = loans().open({"L1", "EC-001", "P12", "100", "2026-01-10", "",
                         {{"--unit", "years"}, {"--rate", "-1"}}});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().size(), 2u);
  auto colon = loans().open({"A:B", "EC-001", "P12", "100", "2026-01-10", "", {}});
  EXPECT_FALSE(colon.ok());
  ASSERT_TRUE(loans().open({"L1", "EC-001", "P12", "100", "2026-01-10", "", {}}).ok());
  auto again = loans().open({"L1", "EC-002", "P12", "100", "2026-01-10", "", {}});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().front().code, ErrorCode::kAlreadyExists);
}

TEST_F(LoanBookTest, SameRefIsIdempotentAndADifferentOneConflicts) {
  open("L1", "EC-001", "1200", "2026-01-10");
  ASSERT_TRUE(repay("L1", "50", "2026-02-10", "MFI/1").ok());
  const auto after = records();
  auto again = repay("L1", "50", "2026-02-10", "MFI/1");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(records(), after);
  auto other = repay("L1", "60", "2026-02-10", "MFI/1");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
}

TEST_F(LoanBookTest, RepayInsideAnAbandonedTransactionLeavesNothing) {
  open("L1", "EC-001", "1200", "2026-01-10");
  const auto before = records();
  {
    auto tx = book_->begin();
    ASSERT_TRUE(tx.ok());
    auto r = loans().repay(*tx, {"L1", "112.00", "2026-02-10", "MFI/9", ""});
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_FALSE(r->duplicate);
    EXPECT_EQ(r->loan.state[0].paid.sum().to_string(), "112.00");
    EXPECT_EQ(r->transaction.postings.size(), 3u);
  }  // abandoned: never committed
  EXPECT_EQ(records(), before);
  EXPECT_EQ(balance("Assets:Loans:EC-001:L1"), "1200.00");
  EXPECT_EQ(balance(kInterestAccount), "0.00");
  auto s = loans().status("L1", "");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->loan.state[0].paid.sum().is_zero());
  ASSERT_EQ(s->events.size(), 1u);  // the disbursement only
  EXPECT_FALSE(store_->find_transaction_by_ref("MFI/9")->has_value());
  // The reference was never used: the same repayment is new, not a duplicate.
  auto again = repay("L1", "112.00", "2026-02-10", "MFI/9");
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_FALSE(again->duplicate);
  auto v = book::verify_book(*store_);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

TEST_F(LoanBookTest, TwoRepaymentsInOneTransactionBothApply) {
  open("L1", "EC-001", "1200", "2026-01-10");
  const auto before = records();
  auto tx = book_->begin();
  ASSERT_TRUE(tx.ok());
  auto first = loans().repay(*tx, {"L1", "112.00", "2026-02-10", "R1", ""});
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  // Instalment 2 is 100 principal + 11 interest. Had the second repayment not seen the first,
  // its 111.00 would have gone to instalment 1 (12 interest, 99 principal).
  auto second = loans().repay(*tx, {"L1", "111.00", "2026-03-10", "R2", ""});
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  ASSERT_EQ(second->transaction.postings.size(), 3u);
  EXPECT_EQ(second->transaction.postings[1].amount.to_string(), "-11.00");
  EXPECT_EQ(second->transaction.postings[2].amount.to_string(), "-100.00");
  EXPECT_EQ(second->loan.state[1].paid.sum().to_string(), "111.00");
  // The first one's reference, seen inside the same transaction: nothing more is written.
  auto repeated = loans().repay(*tx, {"L1", "112.00", "2026-02-10", "R1", ""});
  ASSERT_TRUE(repeated.ok()) << repeated.error().to_string();
  EXPECT_TRUE(repeated->duplicate);
  EXPECT_EQ(repeated->transaction.id, first->transaction.id);
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_GT(records(), before);
  EXPECT_EQ(balance("Assets:Loans:EC-001:L1"), "1000.00");
  EXPECT_EQ(balance(kInterestAccount), "-23.00");
  auto s = loans().status("L1", "2026-03-10");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->installments[0], InstallmentStatus::kPaid);
  EXPECT_EQ(s->installments[1], InstallmentStatus::kPaid);
  EXPECT_EQ(s->installments[2], InstallmentStatus::kDue);
  auto v = book::verify_book(*store_);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

TEST_F(LoanBookTest, RepayInATransactionNamesTheFieldOfEachError) {
  open("L1", "EC-001", "1200", "2026-01-10");
  open("L2", "EC-002", "1200", "2026-01-10");
  ASSERT_TRUE(repay("L1", "10", "2026-02-01", "USED").ok());
  const auto before = records();
  struct Case {
    RepayDraft draft;
    const char* field;
    ErrorCode code;
  };
  const std::vector<Case> cases = {
      {{"L404", "10", "2026-02-10", "", ""}, "LOAN-ID", ErrorCode::kNotFound},
      {{"L1", "ten", "2026-02-10", "", ""}, "AMOUNT", ErrorCode::kInvalid},
      {{"L1", "10 PEN", "2026-02-10", "", ""}, "AMOUNT", ErrorCode::kCurrencyMismatch},
      {{"L1", "5000", "2026-02-10", "", ""}, "AMOUNT", ErrorCode::kRefused},
      {{"L1", "10", "2026-13-01", "", ""}, "--date", ErrorCode::kInvalid},
      {{"L1", "10", "2026-01-09", "", ""}, "--date", ErrorCode::kRefused},
      {{"L1", "10", "2027-01-01", "", ""}, "--date", ErrorCode::kRefused},
      {{"L1", "11", "2026-02-01", "USED", ""}, "--ref", ErrorCode::kConflict},
      {{"L1", "10", "2026-02-10", "", "Assets:Nowhere"}, "--cash-account",
       ErrorCode::kNotFound},
      // Another enterprise's account is no cash account for EC-001's loan.
      {{"L1", "10", "2026-02-10", "", "Assets:Loans:EC-002:L2"}, "--cash-account",
       ErrorCode::kConflict},
  };
  for (const auto& c : cases) {
    auto tx = book_->begin();
    ASSERT_TRUE(tx.ok());
    auto r = loans().repay(*tx, c.draft);
    ASSERT_FALSE(r.ok()) << c.draft.amount << " " << c.draft.date;
    EXPECT_EQ(r.error().field, c.field) << r.error().to_string();
    EXPECT_EQ(r.error().code, c.code) << r.error().to_string();
  }
  EXPECT_EQ(records(), before);
}

TEST_F(LoanBookTest, StatusesOfAnEnterpriseAsOfADate) {
  open("L1", "EC-001", "1200", "2026-01-10");
  ASSERT_TRUE(repay("L1", "550", "2026-06-10").ok());  // five instalments: up to date
  open("L0", "EC-001", "600", "2026-02-10");           // nothing paid
  open("L2", "EC-002", "1200", "2026-01-10");          // another enterprise's
  open("L3", "EC-001", "300", "2026-08-01");           // opened after the date
  auto all = loans().statuses_of("EC-001", "2026-06-30");
  ASSERT_TRUE(all.ok()) << all.error().to_string();
  ASSERT_EQ(all->size(), 2u);
  const LoanStatus& l0 = (*all)[0];
  const LoanStatus& l1 = (*all)[1];
  EXPECT_EQ(l0.loan.row.id, "L0");
  EXPECT_EQ(l1.loan.row.id, "L1");
  // L0: instalments due 03-10, 04-10, 05-10 and 06-10 unpaid; 112 days since 2026-03-10.
  EXPECT_EQ(l0.status, "active");
  ASSERT_TRUE(l0.arrears.has_value());
  EXPECT_EQ(l0.arrears->days_past_due, 112);
  EXPECT_EQ(l0.installments[3], InstallmentStatus::kOverdue);
  EXPECT_EQ(l0.installments[4], InstallmentStatus::kDue);
  EXPECT_EQ(l0.outstanding.principal.to_string(), "600.00");
  EXPECT_EQ(l1.arrears->days_past_due, 0);
  EXPECT_EQ(l1.outstanding.principal.to_string(), "700.00");
  // Each one is what `loan status` says of it on that date.
  for (const LoanStatus& got : *all) {
    auto one = loans().status(got.loan.row.id, "2026-06-30");
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(got.status, one->status);
    EXPECT_EQ(got.installments, one->installments);
    EXPECT_EQ(got.outstanding.sum(), one->outstanding.sum());
    EXPECT_EQ(got.events, one->events);
    EXPECT_EQ(got.loan.row, one->loan.row);
  }
  auto today = loans().statuses_of("EC-001", "");
  ASSERT_TRUE(today.ok());
  ASSERT_EQ(today->size(), 3u);
  EXPECT_EQ((*today)[2].loan.row.id, "L3");
  auto none = loans().statuses_of("EC-004", "2026-06-30");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto unknown = loans().statuses_of("EC-404", "2026-06-30");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().field, "ENTERPRISE-ID");
  auto bad_date = loans().statuses_of("EC-001", "June");
  ASSERT_FALSE(bad_date.ok());
  EXPECT_EQ(bad_date.error().field, "--as-of");
}

TEST_F(LoanBookTest, ReversalTakesTheRepaymentOffItsInstalments) {
  open("L1", "EC-001", "1200", "2026-01-10");
  auto r = repay("L1", "1278.00", "2026-02-10");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->loan.row.status, "closed");
  auto rev = loans().reverse_repayment("L1", r->transaction.id, "2026-02-12", "bounced");
  ASSERT_TRUE(rev.ok()) << rev.error().to_string();
  EXPECT_EQ(rev->loan.row.status, "active");
  EXPECT_EQ(balance("Assets:Loans:EC-001:L1"), "1200.00");
  auto s = loans().status("L1", "2026-02-11");  // before the reversal it was paid
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->status, "closed");
  auto twice = loans().reverse_repayment("L1", r->transaction.id, "2026-02-12", "again");
  EXPECT_FALSE(twice.ok());
  auto v = book::verify_book(*store_);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

TEST_F(LoanBookTest, WriteOffAndRecovery) {
  open("L1", "EC-001", "1200", "2026-01-10");
  ASSERT_TRUE(repay("L1", "112", "2026-02-10").ok());
  auto w = loans().write_off("L1", "2026-09-30", "business closed");
  ASSERT_TRUE(w.ok()) << w.error().to_string();
  EXPECT_EQ(balance("Assets:Loans:EC-001:L1"), "0.00");
  EXPECT_EQ(balance(kReserveAccount), "1100.00");
  EXPECT_EQ(w->loan.row.written_off_minor, 116600);  // 1100 + 11+10+...+1 = 66
  EXPECT_FALSE(repay("L1", "10", "2026-10-01").ok());
  ASSERT_TRUE(loans().recover({"L1", "100", "2026-10-15", "", ""}).ok());
  EXPECT_EQ(balance(kReserveAccount), "1000.00");
  auto too_much = loans().recover({"L1", "1066.01", "2026-10-16", "", ""});
  ASSERT_FALSE(too_much.ok());
  EXPECT_EQ(too_much.error().code, ErrorCode::kRefused);
  EXPECT_FALSE(loans().write_off("L1", "2026-10-20", "again").ok());
  auto p = loans().portfolio("2026-12-31");
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->currencies.size(), 1u);
  EXPECT_EQ(p->currencies[0].written_off_count, 1u);
  EXPECT_EQ(p->currencies[0].total.arrears.loans_count, 0u);
  auto v = book::verify_book(*store_);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

// Hand portfolio as of 2026-06-30, four loans of P12 (100 principal + interest a month):
//  L1 1200 from 2026-01-10, paid up to date: current, outstanding 700.
//  L2 1200 from 2026-01-10, paid the first 3 instalments: oldest unpaid due 2026-05-10,
//     51 days: 31-60; outstanding 900.
//  L3 2400 from 2026-01-31, nothing paid: oldest due 2026-02-28, 122 days: 91-180; 2400.
//  L4 600 from 2026-05-30: first due 2026-06-30 is not overdue on that day: current; 600.
// Gross 700+900+2400+600 = 4600; PAR30 = (900+2400)/4600 = 0.7174; PAR90 = 2400/4600 = 0.5217.
TEST_F(LoanBookTest, ParOnAHandPortfolio) {
  open("L1", "EC-001", "1200", "2026-01-10");
  open("L2", "EC-002", "1200", "2026-01-10");
  open("L3", "EC-003", "2400", "2026-01-31");
  open("L4", "EC-004", "600", "2026-05-30");
  // L1: five instalments, 100 principal each + 12+11+10+9+8 = 50 interest.
  ASSERT_TRUE(repay("L1", "550", "2026-06-10").ok());
  ASSERT_TRUE(repay("L2", "333", "2026-04-10").ok());  // 3 x 100 + 12+11+10
  auto p = loans().portfolio("2026-06-30");
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->currencies.size(), 1u);
  const auto& t = p->currencies[0].total.arrears;
  EXPECT_EQ(t.loans_count, 4u);
  EXPECT_EQ(t.gross_outstanding_principal.to_string(), "4600.00");
  EXPECT_EQ(format_ratio(t.par30), "0.7174");
  EXPECT_EQ(format_ratio(t.par90), "0.5217");
  EXPECT_EQ(t.buckets[0].loans_count, 2u);  // current
  EXPECT_EQ(t.buckets[2].loans_count, 1u);  // 31-60
  EXPECT_EQ(t.buckets[4].loans_count, 1u);  // 91-180
  ASSERT_EQ(p->currencies[0].by_cohort.size(), 2u);
  EXPECT_EQ(p->currencies[0].by_cohort[0].arrears.gross_outstanding_principal.to_string(),
            "1600.00");  // 2026-A: L1 + L2
  // As of 2026-04-01 L2 had paid nothing yet: overdue since Feb 10, 28 + 22 = 50 days.
  auto earlier = loans().status("L2", "2026-04-01");
  ASSERT_TRUE(earlier.ok());
  EXPECT_EQ(earlier->arrears->days_past_due, 50);
}

// Property: for random sequences of repayments and reversals on several loans, the book's
// receivable equals the loan module's outstanding principal, interest income equals the
// interest paid, and verify passes.
TEST_F(LoanBookTest, BookAgreesWithLoanModuleForRandomRepayments) {
  std::mt19937 rng(20260630);
  const std::vector<std::string> ids = {"L1", "L2", "L3"};
  open("L1", "EC-001", "1200", "2026-01-10");
  open("L2", "EC-002", "950.55", "2026-01-10", {{"--method", "flat"}, {"--rate", "30"}});
  open("L3", "EC-003", "3000", "2026-01-10", {{"--fee", "1.5%"}, {"--unit", "weeks"},
                                             {"--installments", "40"}});
  std::vector<std::pair<std::string, std::int64_t>> repayments;
  for (int step = 0; step < 120; ++step) {
    const std::string& id = ids[rng() % ids.size()];
    const std::string date = Date::from_ymd(2026, 2, 1).add_days(step * 2).to_string();
    if (rng() % 7 == 0 && !repayments.empty()) {
      const auto [loan, txn] = repayments[rng() % repayments.size()];
      (void)loans().reverse_repayment(loan, txn, date, "test");  // may be refused: reversed
    } else {
      const std::string amount = std::to_string(1 + rng() % 300) + "." +
                                 std::to_string(10 + rng() % 90);
      auto r = repay(id, amount, date);
      if (r.ok()) repayments.emplace_back(id, r->transaction.id);
    }
    money::MinorUnits interest_paid = 0;
    for (const auto& l : ids) {
      auto s = loans().status(l, "");
      ASSERT_TRUE(s.ok());
      const std::string expected =
          s->status == "active" ? s->outstanding.principal.to_string() : "0.00";
      ASSERT_EQ(balance(s->loan.row.receivable_account), expected) << l << " step " << step;
      for (const auto& i : s->loan.state) interest_paid += i.paid.interest.minor();
    }
    ASSERT_EQ(balance(kInterestAccount),
              money::Amount::from_minor(-interest_paid, money::Currency::find("USD").value())
                  .to_string());
  }
  EXPECT_GT(repayments.size(), 20u);
  auto v = book::verify_book(*store_);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

TEST_F(LoanBookTest, VerifyNamesAnAlteredLoanRow) {
  open("L1", "EC-001", "1200", "2026-01-10");
  ASSERT_TRUE(repay("L1", "112", "2026-02-10").ok());
  auto& db = dynamic_cast<store::detail::SqliteStore&>(*store_).db();
  db.exec("UPDATE loans SET status = 'closed' WHERE id = 'L1'");
  auto v = book::verify_book(*store_);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, ErrorCode::kVerifyFailed);
  EXPECT_NE(v.error().to_string().find("L1"), std::string::npos) << v.error().to_string();
}

// Each kind of difference between the loan tables and the records, named by verify; undone,
// verify passes again.
TEST_F(LoanBookTest, VerifyNamesAnAlteredMissingOrExtraInstalmentOrLoan) {
  open("L1", "EC-001", "1200", "2026-01-10");
  ASSERT_TRUE(repay("L1", "112", "2026-02-10").ok());
  ASSERT_TRUE(loans().open({"L3", "EC-003", "P12", "100", "2026-01-10", "", {}}).ok());
  ASSERT_TRUE(book::verify_book(*store_).ok());
  auto& db = dynamic_cast<store::detail::SqliteStore&>(*store_).db();
  db.exec("DROP TRIGGER loan_installments_no_UPDATE; DROP TRIGGER loan_installments_no_DELETE");
  struct Case {
    const char* tamper;
    const char* undo;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"UPDATE loan_installments SET interest_minor = interest_minor + 1 "
       "WHERE loan_id = 'L1' AND n = 2",
       "UPDATE loan_installments SET interest_minor = interest_minor - 1 "
       "WHERE loan_id = 'L1' AND n = 2",
       "L1 instalment 2: the database row differs"},
      {"DELETE FROM loan_installments WHERE loan_id = 'L1' AND n = 12",
       "INSERT INTO loan_installments VALUES ('L1', 12, '2027-01-10', 10000, 100, 0)",
       "L1 instalment 12: missing from the database"},
      {"INSERT INTO loan_installments VALUES ('L1', 13, '2027-02-10', 1, 0, 0)",
       "DELETE FROM loan_installments WHERE loan_id = 'L1' AND n = 13",
       "L1 instalment 13: in the database but in no loan record"},
      {"DELETE FROM loans WHERE id = 'L3'",
       "INSERT INTO loans SELECT * FROM saved",
       "loan L3: missing from the database"},
      {"INSERT INTO loans SELECT 'L9', enterprise, product, currency, principal_minor, terms, "
       "cash_account, receivable_account, expected_on, status, disbursed_on, closed_on, "
       "written_off_on, written_off_minor, recovered_minor, audit_seq FROM saved",
       "DELETE FROM loans WHERE id = 'L9'",
       "loan L9: in the database but in no loan record"},
  };
  db.exec("CREATE TEMP TABLE saved AS SELECT * FROM loans WHERE id = 'L3'");
  for (const Case& c : cases) {
    db.exec(c.tamper);
    auto v = book::verify_book(*store_);
    ASSERT_FALSE(v.ok()) << c.tamper;
    EXPECT_EQ(v.error().code, ErrorCode::kVerifyFailed);
    EXPECT_NE(v.error().to_string().find(c.says), std::string::npos) << v.error().to_string();
    db.exec(c.undo);
    // Undone, the rows agree again; what is left is the dropped triggers, which verify names.
    auto again = book::verify_book(*store_);
    ASSERT_FALSE(again.ok()) << c.undo;
    EXPECT_NE(again.error().to_string().find("trigger loan_installments_no_"), std::string::npos)
        << c.undo << ": " << again.error().to_string();
  }
}

// The loan's accounts are the module's: a plain reversal or post on them is refused, naming
// the commands to use, and the book still verifies.
TEST_F(LoanBookTest, APlainReversalOrPostOnALoanAccountIsRefused) {
  open("L1", "EC-001", "1200", "2026-01-10");
  auto r = repay("L1", "112", "2026-02-10");
  ASSERT_TRUE(r.ok());
  auto reversed = book_->reverse(r->transaction.id, "2026-02-11", "outside the loan module");
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().code, ErrorCode::kRefused);
  EXPECT_NE(reversed.error().message.find("loan reverse"), std::string::npos);
  book::TransactionDraft d{"2026-02-11", "by hand", "", "", {}, ""};
  d.postings = {{"Assets:Bank", "1", "", true, "--debit"},
                {"Assets:Loans:EC-001:L1", "1", "", false, "--credit"}};
  auto posted = book_->post(d);
  ASSERT_FALSE(posted.ok());
  EXPECT_EQ(posted.error().front().code, ErrorCode::kRefused);
  EXPECT_EQ(posted.error().front().field, "--credit");
  auto v = book::verify_book(*store_);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

}  // namespace
}  // namespace semilla::loans
