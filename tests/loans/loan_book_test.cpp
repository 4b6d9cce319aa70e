// SPDX-License-Identifier: Apache-2.0
// Loans in the book, through the library on an in-memory store: the life of a loan, every
// refusal changing nothing, the book agreeing with the loan module after random repayments and
// reversals, PAR on a hand portfolio, and audit verify catching an altered loan row.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "ledger/book/verify.h"
#include "ledger/loans/loan_book.h"
#include "ledger/store/sqlite_store_internal.h"

namespace semilla::loans {
namespace {

class LoanBookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("SEMILLA_NOW", "2026-12-31T12:00:00Z", 1);
    register_module();
    auto s = store::open_sqlite_store(":memory:", true);
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    auto b = book::Book::init(*store_, book::InitOptions{"USD", "Test", "UTC"}, "tester");
    ASSERT_TRUE(b.ok());
    book_.emplace(std::move(*b));
    ASSERT_TRUE(book_->add_account({"Assets:Bank", "asset", "USD", ""}).ok());
    for (const char* e : {"EC-001", "EC-002", "EC-003", "EC-004"}) {
      book::EnterpriseDraft d;
      d.id = e;
      d.cohort = std::string(e) < "EC-003" ? "2026-A" : "2026-B";
      ASSERT_TRUE(book_->add_enterprise(d).ok());
    }
    // 1200 at 12% a year over 12 months, equal principal: 100 of principal each month,
    // interest 1% of the balance (hand: 12.00, 11.00, ...).
    auto p = loans().add_product({"P12", "", {{"--currency", "USD"}, {"--rate", "12"},
                                              {"--installments", "12"},
                                              {"--amortization", "equal-principal"}}});
    ASSERT_TRUE(p.ok()) << p.error().front().to_string();
  }

  LoanBook loans() { return LoanBook(*book_); }

  void open(const std::string& id, const std::string& enterprise, const std::string& principal,
            const std::string& date, Options overrides = {}) {
    auto l = loans().open({id, enterprise, "P12", principal, date, "", std::move(overrides)});
    ASSERT_TRUE(l.ok()) << l.error().front().to_string();
    auto d = loans().disburse(id, date, "");
    ASSERT_TRUE(d.ok()) << d.error().to_string();
  }

  Result<Posted> repay(const std::string& id, const std::string& amount,
                       const std::string& date, const std::string& ref = "") {
    return loans().repay({id, amount, date, ref, ""});
  }

  // The book's balance of `account` in USD, "0.00" when it has none.
  std::string balance(const std::string& account) {
    auto rows = book_->balances(account, "");
    EXPECT_TRUE(rows.ok());
    for (const auto& r : *rows) {
      if (r.account == account) return r.amount.to_string();
    }
    return "0.00";
  }

  std::uint64_t records() { return store_->audit_head()->size; }

  std::unique_ptr<store::Store> store_;
  std::optional<book::Book> book_;
};

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

TEST_F(LoanBookTest, VerifyCatchesAPlainReversalOfALoanTransaction) {
  open("L1", "EC-001", "1200", "2026-01-10");
  auto r = repay("L1", "112", "2026-02-10");
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(book_->reverse(r->transaction.id, "2026-02-11", "outside the loan module").ok());
  auto v = book::verify_book(*store_);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.error().to_string().find("Assets:Loans:EC-001:L1"), std::string::npos)
      << v.error().to_string();
}

}  // namespace
}  // namespace semilla::loans
