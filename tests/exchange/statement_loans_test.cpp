// SPDX-License-Identifier: Apache-2.0
// Statements carry each loan entry's schedule position and arrears, and every loan's position
// at the end of the period (docs/exchange.md §3, "Loans in a statement"), with exact figures.
#include <gmock/gmock.h>

#include <span>

#include "ledger/exchange/statement.h"
#include "ledger/store/partner_loan_store.h"
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
      "installment":1,"days_past_due":0,"arrears":"0.00","operation":"disbursement"})"));
  // Paid on the due dates: the principal parts, then the next instalment is the one after.
  EXPECT_EQ(l1[1]["amount"], "100.00");
  EXPECT_EQ(l1[1]["loan"]["installment"], 2);
  EXPECT_EQ(l1[2]["loan"]["installment"], 3);
  EXPECT_EQ(l1[2]["loan"]["arrears"], "0.00");
  // 2026-04-20: instalment 3 (due 2026-04-15) still owes 60.00 of principal: 5 days late.
  EXPECT_EQ(l1[3]["amount"], "40.00");
  // Version 2: the repayment of 50.00 by component (its principal is the entry's amount).
  EXPECT_EQ(l1[3]["loan"], json::parse(R"({"loan_id":"L-1","status":"active","installments":12,
      "installment":3,"days_past_due":5,"arrears":"60.00","operation":"repayment",
      "components":{"principal":"40.00","interest":"10.00","fee":"0.00","penalty":"0.00"}})"));
  // Repaid in full: closed, no next instalment.
  const auto l2 = on(st, "Assets:Loans:EC-001:L-2");
  ASSERT_EQ(l2.size(), 2u);
  EXPECT_EQ(l2[1]["loan"], json::parse(R"({"loan_id":"L-2","status":"closed","installments":1,
      "days_past_due":0,"arrears":"0.00","operation":"repayment",
      "components":{"principal":"100.00","interest":"0.00","fee":"0.00","penalty":"0.00"}})"));
  // Written off: no arrears (the receivable is zero; what was owed is in the write-off).
  const auto l3 = on(st, "Assets:Loans:EC-001:L-3");
  ASSERT_EQ(l3.size(), 2u);
  EXPECT_EQ(l3[1]["indicator"], "CRDT");
  EXPECT_EQ(l3[1]["amount"], "300.00");
  EXPECT_EQ(l3[1]["loan"],
            json::parse(R"({"loan_id":"L-3","status":"written-off","installments":3,
                "operation":"write-off"})"));
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
  // A partner imports it: the entries are posted by what they are (the repayment's interest
  // apart, the write-off against the loss), and the loans' positions are recorded.
  for (const char* account : {"Assets:Mirror", "Assets:DueFrom:MFI-A"}) {
    ASSERT_TRUE(book_->add_account({account, "asset", "", ""}).ok());
  }
  ASSERT_TRUE(book_->add_account({"Expenses:Losses:MFI-A", "expense", "", ""}).ok());
  ASSERT_TRUE(book_->add_account({"Income:MFI-A:Interest", "income", "", ""}).ok());
  exchange::StatementImportOptions o;
  o.account = "Assets:Mirror";
  o.counterpart = "Assets:DueFrom:MFI-A";
  // The write-off and the interest need their accounts: both named, nothing written.
  const auto size = log_size();
  auto refused = exchange::import_statement(*book_, *v, o);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().size(), 2u);
  EXPECT_EQ(refused.error()[0].field, "--write-off-account");
  EXPECT_EQ(refused.error()[1].field, "--interest-account");
  EXPECT_EQ(log_size(), size);
  o.write_off_account = "Expenses:Losses:MFI-A";
  o.interest_account = "Income:MFI-A:Interest";
  const exchange::StatementFile file{"st.json", *v};
  auto imported = exchange::import_statements(*book_, std::span(&file, 1), o);
  ASSERT_TRUE(imported.ok()) << imported.error().front().to_string();
  const auto& one = imported->statements.front();
  EXPECT_EQ(one.transactions_posted, (*doc)["statement"]["entries"].size());
  EXPECT_EQ(one.write_offs, 1u);
  EXPECT_EQ(one.repayments_split, 1u);
  EXPECT_EQ(one.positions_recorded, 3u);
  EXPECT_GT(one.audit_seq, 0u);
  EXPECT_EQ(balance("Expenses:Losses:MFI-A"), "300.00");
  EXPECT_EQ(balance("Income:MFI-A:Interest"), "-10.00");
  auto rows = store_->partner_loans().partner_loans_as_of(*Date::parse("2026-05-20"));
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].position, R"({"account":"Assets:Loans:EC-001:L-1","arrears":"169.00",)"
                                 R"("currency":"USD","days_past_due":35,"installment":3,)"
                                 R"("installments":12,"loan_id":"L-1","next_due_amount":"60.00",)"
                                 R"("next_due_date":"2026-04-15","outstanding_principal":"960.00",)"
                                 R"("status":"active"})");
  // Again: nothing written, the statement is a duplicate.
  const auto after = log_size();
  auto again = exchange::import_statements(*book_, std::span(&file, 1), o);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->statements.front().duplicate());
  EXPECT_EQ(again->statements.front().positions_known, 3u);
  EXPECT_EQ(log_size(), after);
}

// A version 1 statement (written before entries said what they are) still imports, and its
// write-off is recognised: the loan's last credit, whose position says written-off.
TEST_F(StatementLoansTest, AVersionOneStatementStillImportsWithItsWriteOff) {
  auto doc = exchange::build_statement(*book_, {"EC-001", "2026-04-01", "2026-05-20", "mfi-a"});
  ASSERT_TRUE(doc.ok());
  json v1 = *doc;
  v1["version"] = 1;
  for (auto& e : v1["statement"]["entries"]) {
    if (!e.contains("loan")) continue;
    e["loan"].erase("operation");
    e["loan"].erase("components");
  }
  auto signer = *audit::NoteSigner::from_seed("mfi-a.example.org/statements",
                                              std::string(32, '\x07'));
  std::vector<audit::NoteVerifier> keys{signer.verifier()};
  // A version 1 document with version 2 members is refused, naming them.
  json mixed = v1;
  mixed["statement"]["entries"][0]["loan"]["operation"] = "repayment";
  auto m = exchange::verify_statement(*exchange::sign_statement(mixed, signer), keys);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error()[0].field, "/statement/entries/0/loan/operation");
  // A version 2 repayment whose principal is not the entry's amount is refused.
  json split = *doc;
  for (auto& e : split["statement"]["entries"]) {
    if (e.contains("loan") && e["loan"].contains("components")) {
      e["loan"]["components"]["principal"] = "1.00";
    }
  }
  auto s = exchange::verify_statement(*exchange::sign_statement(split, signer), keys);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error()[0].message, ::testing::HasSubstr("is not the entry's amount"));

  auto v = exchange::verify_statement(*exchange::sign_statement(v1, signer), keys);
  ASSERT_TRUE(v.ok()) << v.error().front().to_string();
  for (const char* account : {"Assets:Mirror", "Assets:DueFrom:MFI-A"}) {
    ASSERT_TRUE(book_->add_account({account, "asset", "", ""}).ok());
  }
  ASSERT_TRUE(book_->add_account({"Expenses:Losses:MFI-A", "expense", "", ""}).ok());
  exchange::StatementImportOptions o;
  o.account = "Assets:Mirror";
  o.counterpart = "Assets:DueFrom:MFI-A";
  o.write_off_account = "Expenses:Losses:MFI-A";
  auto imported = exchange::import_statement(*book_, *v, o);
  ASSERT_TRUE(imported.ok()) << imported.error().front().to_string();
  EXPECT_EQ(balance("Expenses:Losses:MFI-A"), "300.00");
  // Every other entry moves the counterpart as version 1 did: a credit to the mirror is a
  // debit to it (the repayment's principal, 40.00); the write-off does not.
  money::MinorUnits due = 0;
  const auto usd = *money::Currency::find("USD");
  for (const auto& e : v1["statement"]["entries"]) {
    const auto a = *money::Amount::parse(e["amount"].get<std::string>(), usd);
    if (e.contains("loan") && e["loan"]["status"] == "written-off") continue;
    due += e["indicator"] == "CRDT" ? a.minor() : -a.minor();
  }
  EXPECT_EQ(balance("Assets:DueFrom:MFI-A"), money::Amount::from_minor(due, usd).to_string());
  EXPECT_EQ(due, 4000);
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
