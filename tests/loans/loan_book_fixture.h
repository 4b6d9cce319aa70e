// SPDX-License-Identifier: Apache-2.0
// The fixture of the tests of loans in the book: an in-memory book in USD with Assets:Bank,
// four enterprises (EC-001 and EC-002 in cohort 2026-A, EC-003 and EC-004 in 2026-B) and the
// product P12, with helpers to open loans, repay and read balances.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "ledger/book/book.h"
#include "ledger/loans/loan_book.h"

namespace semilla::loans::testing {

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

}  // namespace semilla::loans::testing
