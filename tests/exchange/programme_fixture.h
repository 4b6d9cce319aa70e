// SPDX-License-Identifier: Apache-2.0
// A book with a disbursed loan and an awarded grant, opened through the modules' own
// operations (as `loan open`, `grant award` do), for the batch and statement tests of the
// loans' and grants' operations.
#pragma once

#include "ledger/exchange/batch.h"
#include "ledger/grants/grants.h"
#include "ledger/loans/loan_book.h"
#include "tests/exchange/fixture.h"

namespace semilla::exchange_test {

// EC-001 (setup_operations) with:
//  - loan L-1: 1200.00 USD at 12% a year (1% a month), 12 monthly instalments of equal
//    principal, disbursed 2026-01-15 from Assets:Bank. Instalment k is due on the 15th,
//    k months later: 100.00 principal and interest 1% of the balance (12.00, 11.00, 10.00,
//    ...), so 112.00, 111.00, 110.00, 109.00, ...
//  - grant GR-1 from fund FUND-1 (5000.00 received on 2026-01-10), awarded 2026-01-20:
//    tranche 1 600.00 on milestone plan-approved, tranche 2 400.00 on milestone visit.
class ProgrammeTest : public BookTest {
 protected:
  void SetUp() override {
    BookTest::SetUp();
    nlohmann::json ops = setup_operations();
    ops.push_back(txn("don-1", "2026-01-05", "10000.00"));
    auto r = exchange::import_batch(*book_, batch(ops));
    ASSERT_TRUE(r.ok()) << r.error().front().to_string();
    open_loan("L-1", "1200", {{"--installments", "12"}});
    auto fund = grants::add_fund(*book_, {"FUND-1", "Donor", "USD", "2026-01-01", "2026-12-31",
                                          {}});
    ASSERT_TRUE(fund.ok()) << fund.error().to_string();
    auto got = grants::receive(*book_, {"FUND-1", "5000.00", "2026-01-10", "don-fund-1"});
    ASSERT_TRUE(got.ok()) << got.error().to_string();
    for (const char* name : {"plan-approved", "visit"}) {
      ASSERT_TRUE(grants::define_milestone(*book_, name, name).ok());
    }
    auto g = grants::award(*book_, {"GR-1", "EC-001", "FUND-1", "2026-01-20",
                                    {"600.00:plan-approved", "400.00:visit"}});
    ASSERT_TRUE(g.ok()) << g.error().to_string();
  }

  // Opens and disburses loan `id` of EC-001 on 2026-01-15 under product CREDI (added on
  // first use), with `overrides` of its terms.
  void open_loan(const std::string& id, const std::string& principal,
                 const loans::Options& overrides) {
    loans::LoanBook loans(*book_);
    if (loans.products()->empty()) {
      auto p = loans.add_product({"CREDI", "Assets:Bank",
                                  {{"--currency", "USD"}, {"--rate", "12"},
                                   {"--amortization", "equal-principal"}}});
      ASSERT_TRUE(p.ok()) << p.error().front().to_string();
    }
    auto l = loans.open({id, "EC-001", "CREDI", principal, "2026-01-15", "", overrides});
    ASSERT_TRUE(l.ok()) << l.error().front().to_string();
    auto d = loans.disburse(id, "2026-01-15", "");
    ASSERT_TRUE(d.ok()) << d.error().to_string();
  }

  std::string balance(const std::string& account) {
    auto b = store_->balances(account, std::nullopt);
    EXPECT_TRUE(b.ok());
    for (const auto& row : *b) {
      if (row.account == account) return row.amount.to_string();
    }
    return "none";
  }
};

inline nlohmann::json repayment(const std::string& id, const std::string& date,
                                nlohmann::json amount, const std::string& loan = "L-1") {
  return {{"type", "loan_repayment"}, {"external_id", id}, {"loan", loan}, {"date", date},
          {"amount", std::move(amount)}};
}

inline nlohmann::json disbursement(const std::string& id, int tranche, const std::string& date,
                                   const std::string& grant = "GR-1") {
  return {{"type", "grant_disbursement"}, {"external_id", id}, {"grant", grant},
          {"tranche", tranche}, {"date", date}};
}

inline nlohmann::json milestone(const std::string& enterprise, const std::string& name,
                                const std::string& date) {
  return {{"type", "milestone"}, {"enterprise", enterprise}, {"name", name}, {"date", date}};
}

}  // namespace semilla::exchange_test
