// SPDX-License-Identifier: Apache-2.0
// Batch operations of the loans and grants modules: loan repayments, grant disbursements and
// milestones, applied in the batch's one database transaction, idempotent, and every problem
// named by its JSON pointer.
#include <gmock/gmock.h>

#include "tests/exchange/programme_fixture.h"

namespace semilla::exchange_test {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class BatchModulesTest : public ProgrammeTest {
 protected:
  // Imports `doc`, expects it refused with the audit head unchanged, returns the errors.
  Errors refused(const json& doc) {
    const auto before = store_->audit_head();
    auto r = exchange::import_batch(*book_, doc);
    EXPECT_FALSE(r.ok());
    const auto after = store_->audit_head();
    EXPECT_EQ(after->size, before->size) << "a refused batch wrote records";
    EXPECT_EQ(after->hash, before->hash);
    return r.ok() ? Errors{} : r.error();
  }

  // Every kind of operation, each depending on the ones before it.
  static json mixed() {
    json cash = repayment("mfi-a/L-1/1", "2026-02-15", "112.00");
    cash["cash_account"] = "Assets:DueFrom:MFI-A";
    json usd = repayment("mfi-a/L-1/2", "2026-03-15", "111.00");
    usd["currency"] = "USD";
    json in_kind = disbursement("gr-1/2", 2, "2026-03-25");
    in_kind["in_kind"] = "Bread oven";
    in_kind["supplier"] = "Hornos Quito";
    return json::array(
        {{{"type", "enterprise"}, {"id", "EC-002"}, {"sex", "male"}},
         {{"type", "account"}, {"name", "Assets:DueFrom:MFI-A"}, {"account_type", "asset"},
          {"currency", "USD"}},
         txn("mfi-a/float", "2026-02-01", "50.00", "Assets:DueFrom:MFI-A", "Assets:Bank"),
         milestone("EC-001", "plan-approved", "2026-02-01"),
         disbursement("gr-1/1", 1, "2026-02-05"), cash, usd,
         milestone("EC-001", "visit", "2026-03-20"), in_kind});
  }
};

TEST_F(BatchModulesTest, EveryKindInOneTransactionThenNothingChanged) {
  const auto before = log_size();
  auto r = exchange::import_batch(*book_, batch(mixed()));
  ASSERT_TRUE(r.ok()) << all(r.error());
  EXPECT_EQ(r->enterprises_added, 1u);
  EXPECT_EQ(r->accounts_added, 1u);
  EXPECT_EQ(r->transactions_posted, 1u);
  EXPECT_EQ(r->milestones_recorded, 2u);
  EXPECT_EQ(r->disbursements_posted, 2u);
  EXPECT_EQ(r->repayments_posted, 2u);
  EXPECT_EQ(r->unchanged, 0u);
  EXPECT_TRUE(r->changed());
  // Principal 100.00 + 100.00 off the loan, interest 12.00 + 11.00 earned; MFI-A holds the
  // float and the first repayment; the fund paid both tranches.
  EXPECT_EQ(balance("Assets:Loans:EC-001:L-1"), "1000.00");
  EXPECT_EQ(balance("Income:Loans:Interest"), "-23.00");
  EXPECT_EQ(balance("Assets:DueFrom:MFI-A"), "162.00");
  EXPECT_EQ(balance("Assets:Funds:FUND-1"), "4000.00");
  EXPECT_EQ(balance("Expenses:Grants:FUND-1:InKind"), "400.00");
  auto status = grants::grant_status(*book_, "GR-1");
  EXPECT_THAT(status->paid, ElementsAre(true, true));
  EXPECT_EQ(status->events.back().supplier, "Hornos Quito");
  auto loan = loans::LoanBook(*book_).status("L-1", "2026-03-31");
  EXPECT_EQ(loan->next_due->number, 3);
  EXPECT_GT(log_size(), before);

  const auto head = store_->audit_head();
  auto again = exchange::import_batch(*book_, batch(mixed()));
  ASSERT_TRUE(again.ok()) << all(again.error());
  EXPECT_FALSE(again->changed());
  EXPECT_EQ(again->unchanged, 9u);
  EXPECT_EQ(store_->audit_head()->hash, head->hash);
}

TEST_F(BatchModulesTest, DryRunChecksTheModulesAndWritesNothing) {
  const auto head = store_->audit_head();
  auto r = exchange::import_batch(*book_, batch(mixed()), {true, {}});
  ASSERT_TRUE(r.ok()) << all(r.error());
  EXPECT_TRUE(r->dry_run);
  EXPECT_EQ(r->repayments_posted + r->disbursements_posted + r->milestones_recorded, 6u);
  EXPECT_EQ(store_->audit_head()->hash, head->hash);
  EXPECT_EQ(balance("Assets:Loans:EC-001:L-1"), "1200.00");
  EXPECT_FALSE(grants::grant_status(*book_, "GR-1")->paid[0]);
}

// The first four operations are good; each after them is wrong in its own way.
TEST_F(BatchModulesTest, EveryProblemWithItsPointerAndNothingChanges) {
  ASSERT_TRUE(grants::record_milestone(*book_, "EC-001", "plan-approved", "2026-02-01").ok());
  ASSERT_TRUE(grants::disburse(*book_, {"GR-1", "1", "2026-02-05", "", "", "gr-1/1", ""}).ok());
  json ops = {txn("t-1", "2026-02-01", "5.00"), milestone("EC-001", "visit", "2026-03-01"),
              repayment("r-1", "2026-02-15", "112.00"), txn("t-2", "2026-02-02", "5.00"),
              repayment("r-2", "2026-03-15", "111.005"),           // 4: three decimals
              repayment("r-3", "2026-03-15", "111.00", "L-404"),   // 5: unknown loan
              repayment("r-4", "2026-01-10", "10.00"),             // 6: before disbursement
              disbursement("gr-1/1-again", 1, "2026-02-06"),      // 7: tranche already paid
              milestone("EC-404", "visit", "2026-03-01"),         // 8: unknown enterprise
              repayment("t-2", "2026-03-15", "111.00")};           // 9: a transaction's id
  const auto errors = refused(batch(ops));
  EXPECT_THAT(fields(errors), ElementsAre("/operations/4/amount", "/operations/5/loan",
                                          "/operations/6/date", "/operations/7/tranche",
                                          "/operations/8/enterprise",
                                          "/operations/9/external_id"))
      << all(errors);
  ASSERT_EQ(errors.size(), 6u);
  EXPECT_THAT(errors[0].message, HasSubstr("3 decimals; USD allows at most 2"));
  EXPECT_EQ(errors[1].code, ErrorCode::kNotFound);
  EXPECT_THAT(errors[2].message, HasSubstr("before the loan's disbursement (2026-01-15)"));
  EXPECT_EQ(errors[3].code, ErrorCode::kConflict);
  EXPECT_THAT(errors[3].message, HasSubstr("already disbursed"));
  EXPECT_EQ(errors[4].code, ErrorCode::kNotFound);
  EXPECT_EQ(errors[5].code, ErrorCode::kConflict);
  EXPECT_FALSE(store_->find_transaction_by_ref("t-1")->has_value());
  EXPECT_FALSE(store_->find_transaction_by_ref("r-1")->has_value());
}

TEST_F(BatchModulesTest, AmountsAsJsonNumbersAndMissingMembers) {
  json in_kind = disbursement("gr-1/1", 1, "2026-02-05");
  in_kind["in_kind"] = "Oven";  // without its supplier
  json odd = milestone("EC-001", "Plan Approved", "2026-02-01");
  const auto errors = refused(batch({repayment("r-1", "2026-02-15", 112.00),
                                     {{"type", "loan_repayment"}, {"loan", "L-1"}},
                                     disbursement("gr-1/1", 0, "2026-02-05"), in_kind, odd}));
  EXPECT_THAT(fields(errors),
              ::testing::IsSupersetOf({"/operations/0/amount", "/operations/1",
                                       "/operations/2/tranche", "/operations/3",
                                       "/operations/4/name"}))
      << all(errors);
  EXPECT_THAT(errors[0].message, HasSubstr("is a JSON number; amounts are JSON strings"));
}

TEST_F(BatchModulesTest, SameExternalIdWithOtherContentIsRefused) {
  ASSERT_TRUE(exchange::import_batch(
                  *book_, batch({repayment("r-1", "2026-02-15", "112.00"),
                                 milestone("EC-001", "plan-approved", "2026-02-01"),
                                 disbursement("gr-1/1", 1, "2026-02-05")}))
                  .ok());
  // In the book: another amount, another date, another ref for a paid tranche.
  auto errors = refused(batch({repayment("r-1", "2026-02-15", "112.50"),
                               milestone("EC-001", "plan-approved", "2026-02-02"),
                               disbursement("gr-1/1", 1, "2026-02-06")}));
  EXPECT_THAT(fields(errors), ElementsAre("/operations/0/external_id", "/operations/1/name",
                                          "/operations/2/tranche"))
      << all(errors);
  for (const auto& e : errors) EXPECT_EQ(e.code, ErrorCode::kConflict) << e.to_string();
  // Within one file.
  errors = refused(batch({repayment("r-2", "2026-03-15", "111.00"),
                          repayment("r-2", "2026-03-15", "110.00")}));
  EXPECT_THAT(fields(errors), ElementsAre("/operations/1/external_id")) << all(errors);
}

TEST_F(BatchModulesTest, ModuleMessagesNameMembersNotOptions) {
  // The fund lacks the money for a large override-free tranche: its message names the member.
  auto g = grants::award(*book_,
                         {"GR-2", "EC-001", "FUND-1", "2026-01-20", {"9000.00"}, "Pledged"});
  ASSERT_TRUE(g.ok()) << g.error().to_string();
  json other_currency = repayment("r-1", "2026-02-15", "112.00");
  other_currency["currency"] = "PEN";
  json no_cash = repayment("r-2", "2026-02-15", "112.00");
  no_cash["cash_account"] = "Assets:Nowhere";
  const auto errors = refused(batch({disbursement("gr-2/1", 1, "2026-02-05", "GR-2"),
                                     other_currency, no_cash}));
  ASSERT_THAT(fields(errors), ElementsAre("/operations/0/tranche", "/operations/1/currency",
                                          "/operations/2/cash_account"))
      << all(errors);
  EXPECT_THAT(errors[0].message, HasSubstr("give override_reason to disburse anyway"));
  EXPECT_EQ(errors[1].code, ErrorCode::kCurrencyMismatch);
  // With a reason it goes through.
  json forced = disbursement("gr-2/1", 1, "2026-02-05", "GR-2");
  forced["override_reason"] = "Bridge until the second donor transfer";
  auto r = exchange::import_batch(*book_, batch({forced}));
  ASSERT_TRUE(r.ok()) << all(r.error());
  EXPECT_EQ(balance("Assets:Funds:FUND-1"), "-4000.00");
}

}  // namespace
}  // namespace semilla::exchange_test
