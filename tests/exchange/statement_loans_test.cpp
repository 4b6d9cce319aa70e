// SPDX-License-Identifier: Apache-2.0
// Statements carry each loan entry's schedule position and arrears, and every loan's position
// at the end of the period (docs/exchange.md §3, "Loans in a statement"), with exact figures.
#include <gmock/gmock.h>

#include "ledger/exchange/statement.h"
#include "tests/exchange/programme_fixture.h"

namespace semilla::exchange_test {
namespace {

using nlohmann::json;

class StatementLoansTest : public ProgrammeTest {
 protected:
  void SetUp() override {
    ProgrammeTest::SetUp();
    // L-1: instalments 1 and 2 paid on their due dates; instalment 3 (110.00 = 100.00
    // principal + 10.00 interest, due 2026-04-15) paid late and in part: 50.00 on 2026-04-20
    // pays its interest and 40.00 of its principal.
    json ops = {repayment("r-1", "2026-02-15", "112.00"), repayment("r-2", "2026-03-15", "111.00"),
                repayment("r-3", "2026-04-20", "50.00")};
    // L-2: 100.00 in one instalment without interest, repaid: closed.
    open_loan("L-2", "100", {{"--installments", "1"}, {"--rate", "0"}});
    ops.push_back(repayment("r-4", "2026-02-15", "100.00", "L-2"));
    auto r = exchange::import_batch(*book_, batch(ops));
    ASSERT_TRUE(r.ok()) << r.error().front().to_string();
    // L-3: 300.00 in 3 instalments, never paid, written off on 2026-05-01.
    open_loan("L-3", "300", {{"--installments", "3"}});
    auto w = loans::LoanBook(*book_).write_off("L-3", "2026-05-01", "Business closed");
    ASSERT_TRUE(w.ok()) << w.error().to_string();
  }

  json statement(const std::string& from, const std::string& to) {
    auto doc = exchange::build_statement(*book_, {"EC-001", from, to, "mfi-a"});
    EXPECT_TRUE(doc.ok()) << doc.error().to_string();
    return doc.ok() ? (*doc)["statement"] : json();
  }

  // The entries on `account`, in booking order.
  static std::vector<json> on(const json& st, const std::string& account) {
    std::vector<json> out;
    for (const auto& e : st["entries"]) {
      if (e["account"] == account) out.push_back(e);
    }
    return out;
  }
};

TEST_F(StatementLoansTest, EachEntryCarriesThePositionAtTheEndOfItsBookingDate) {
  const json st = statement("2026-01-01", "2026-05-20");
  const auto l1 = on(st, "Assets:Loans:EC-001:L-1");
  ASSERT_EQ(l1.size(), 4u);
  // Disbursed: instalment 1 of 12 next, nothing overdue.
  EXPECT_EQ(l1[0]["indicator"], "DBIT");
  EXPECT_EQ(l1[0]["amount"], "1200.00");
  EXPECT_EQ(l1[0]["loan"], json::parse(R"({"loan_id":"L-1","status":"active","installments":12,
      "installment":1,"days_past_due":0,"arrears":"0.00"})"));
  // Paid on the due dates: the principal parts, then the next instalment is the one after.
  EXPECT_EQ(l1[1]["amount"], "100.00");
  EXPECT_EQ(l1[1]["loan"]["installment"], 2);
  EXPECT_EQ(l1[2]["loan"]["installment"], 3);
  EXPECT_EQ(l1[2]["loan"]["arrears"], "0.00");
  // 2026-04-20: instalment 3 (due 2026-04-15) still owes 60.00 of principal: 5 days late.
  EXPECT_EQ(l1[3]["amount"], "40.00");
  EXPECT_EQ(l1[3]["loan"], json::parse(R"({"loan_id":"L-1","status":"active","installments":12,
      "installment":3,"days_past_due":5,"arrears":"60.00"})"));
  // Repaid in full: closed, no next instalment.
  const auto l2 = on(st, "Assets:Loans:EC-001:L-2");
  ASSERT_EQ(l2.size(), 2u);
  EXPECT_EQ(l2[1]["loan"], json::parse(R"({"loan_id":"L-2","status":"closed","installments":1,
      "days_past_due":0,"arrears":"0.00"})"));
  // Written off: no arrears (the receivable is zero; what was owed is in the write-off).
  const auto l3 = on(st, "Assets:Loans:EC-001:L-3");
  ASSERT_EQ(l3.size(), 2u);
  EXPECT_EQ(l3[1]["indicator"], "CRDT");
  EXPECT_EQ(l3[1]["amount"], "300.00");
  EXPECT_EQ(l3[1]["loan"],
            json::parse(R"({"loan_id":"L-3","status":"written-off","installments":3})"));
  // An account of the enterprise that is no loan's receivable has no loan member.
  for (const auto& e : st["entries"]) {
    if (e["account"] == "Assets:Receivable:EC-001") {
      EXPECT_FALSE(e.contains("loan"));
    }
  }
}

TEST_F(StatementLoansTest, EveryLoanAsOfThePeriodEnd) {
  const json st = statement("2026-05-01", "2026-05-20");
  // 2026-05-20: instalment 3 still owes 60.00 (35 days after 2026-04-15) and instalment 4
  // (109.00, due 2026-05-15) is unpaid: 169.00 in arrears; 960.00 of principal outstanding.
  ASSERT_EQ(st["loans"].size(), 3u);
  EXPECT_EQ(st["loans"][0], json::parse(R"({"loan_id":"L-1",
      "account":"Assets:Loans:EC-001:L-1","currency":"USD","status":"active",
      "installments":12,"installment":3,"next_due_date":"2026-04-15","next_due_amount":"60.00",
      "outstanding_principal":"960.00","days_past_due":35,"arrears":"169.00"})"));
  EXPECT_EQ(st["loans"][1], json::parse(R"({"loan_id":"L-2",
      "account":"Assets:Loans:EC-001:L-2","currency":"USD","status":"closed",
      "installments":1,"outstanding_principal":"0.00","days_past_due":0,"arrears":"0.00"})"));
  EXPECT_EQ(st["loans"][2], json::parse(R"({"loan_id":"L-3",
      "account":"Assets:Loans:EC-001:L-3","currency":"USD","status":"written-off",
      "installments":3})"));
  // The closing balance of the loan accounts is the outstanding principal of L-1 (and the
  // plain Assets:Receivable:EC-001 account holds nothing).
  EXPECT_EQ(st["balances"][1]["amount"], "960.00");
}

TEST_F(StatementLoansTest, SignedVerifiedAndImportedWithTheLoanMembers) {
  auto doc = exchange::build_statement(*book_, {"EC-001", "2026-04-01", "2026-05-20", "mfi-a"});
  ASSERT_TRUE(doc.ok());
  auto signer = *audit::NoteSigner::from_seed("mfi-a.example.org/statements",
                                              std::string(32, '\x07'));
  const json signed_doc = *exchange::sign_statement(*doc, signer);
  std::vector<audit::NoteVerifier> keys{signer.verifier()};
  auto v = exchange::verify_statement(signed_doc, keys);
  ASSERT_TRUE(v.ok()) << v.error().front().to_string();
  // A loan member is covered by the signature.
  json altered = signed_doc;
  altered["statement"]["loans"][0]["days_past_due"] = 0;
  EXPECT_EQ(exchange::verify_statement(altered, keys).error()[0].code, ErrorCode::kVerifyFailed);
  // Re-signed with amounts at a scale the currency does not have: named by pointer.
  json bad = signed_doc;
  bad["statement"]["loans"][0]["arrears"] = "169.001";
  bad["statement"]["entries"][0]["loan"]["arrears"] = "60.001";
  auto r = exchange::verify_statement(*exchange::sign_statement(bad, signer), keys);
  ASSERT_FALSE(r.ok());
  std::vector<std::string> fields;
  for (const auto& e : r.error()) fields.push_back(e.field);
  EXPECT_THAT(fields, ::testing::ElementsAre("/statement/entries/0/loan/arrears",
                                             "/statement/loans/0/arrears"));
  // A partner imports it: the loan members are information, the entries are posted.
  ASSERT_TRUE(book_->add_account({"Assets:Mirror", "asset", "", ""}).ok());
  ASSERT_TRUE(book_->add_account({"Assets:DueFrom:MFI-A", "asset", "", ""}).ok());
  auto imported = exchange::import_statement(*book_, *v,
                                             {"Assets:Mirror", "Assets:DueFrom:MFI-A", false});
  ASSERT_TRUE(imported.ok()) << imported.error().front().to_string();
  EXPECT_EQ(imported->transactions_posted, (*doc)["statement"]["entries"].size());
}

TEST_F(StatementLoansTest, AnEnterpriseWithoutLoansHasNoLoansMember) {
  ASSERT_TRUE(exchange::import_batch(*book_, batch({{{"type", "enterprise"}, {"id", "EC-002"}}}))
                  .ok());
  auto doc = exchange::build_statement(*book_, {"EC-002", "", "", "mfi-a"});
  ASSERT_TRUE(doc.ok());
  EXPECT_FALSE((*doc)["statement"].contains("loans"));
}

}  // namespace
}  // namespace semilla::exchange_test
