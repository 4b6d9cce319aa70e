// SPDX-License-Identifier: Apache-2.0
// Batch operations that open and disburse loans, receive donor money and award grants
// (loan_open, loan_disbursement, fund_receipt, grant_award): the modules' own operations
// inside the batch's one database transaction, idempotent, errors named by JSON pointer.
#include <gmock/gmock.h>

#include "tests/exchange/programme_fixture.h"

namespace semilla::exchange_test {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

json loan_open(const std::string& id, const std::string& principal) {
  return {{"type", "loan_open"},    {"loan", id},          {"enterprise", "EC-001"},
          {"product", "CREDI"},     {"principal", principal}, {"date", "2026-02-01"}};
}

json operations() {
  return json::array(
      {{{"type", "fund_receipt"}, {"external_id", "don-fund-2"}, {"fund", "FUND-1"},
        {"amount", "1000.00"}, {"date", "2026-02-01"}},
       {{"type", "grant_award"}, {"grant", "GR-2"}, {"enterprise", "EC-001"},
        {"fund", "FUND-1"}, {"date", "2026-02-02"},
        {"tranches",
         json::array({{{"amount", "300.00"}},
                      {{"amount", "200"}, {"milestones", {"visit", "plan-approved"}}}})}},
       loan_open("L-2", "600"),
       {{"type", "loan_disbursement"}, {"loan", "L-2"}, {"date", "2026-02-03"}},
       repayment("rep/L-2/1", "2026-03-03", "50.00", "L-2"),
       disbursement("gr-2/1", 1, "2026-02-04", "GR-2")});
}

TEST_F(ProgrammeTest, OpenDisburseReceiveAwardInOneBatchThenNothingChanged) {
  auto r = exchange::import_batch(*book_, batch(operations()));
  ASSERT_TRUE(r.ok()) << all(r.error());
  EXPECT_EQ(r->receipts_posted, 1u);
  EXPECT_EQ(r->grants_awarded, 1u);
  EXPECT_EQ(r->loans_opened, 1u);
  EXPECT_EQ(r->loans_disbursed, 1u);
  EXPECT_EQ(r->repayments_posted, 1u);
  EXPECT_EQ(r->disbursements_posted, 1u);
  // Disbursed, then repaid in part (interest first, the rest off the principal).
  const std::string owed = balance("Assets:Loans:EC-001:L-2");
  EXPECT_NE(owed, "none");
  EXPECT_NE(owed, "600.00");
  EXPECT_NE(balance("Income:Loans:Interest"), "none");
  EXPECT_EQ(balance("Expenses:Grants:FUND-1:Cash"), "300.00");
  auto status = grants::grant_status(*book_, "GR-2");
  ASSERT_TRUE(status.ok());
  EXPECT_THAT(status->paid, ElementsAre(true, false));
  EXPECT_THAT(status->grant.tranches[1].conditions, ElementsAre("visit", "plan-approved"));

  const auto head = store_->audit_head();
  auto again = exchange::import_batch(*book_, batch(operations()));
  ASSERT_TRUE(again.ok()) << all(again.error());
  EXPECT_FALSE(again->changed());
  EXPECT_EQ(again->unchanged, 6u);
  EXPECT_EQ(store_->audit_head()->hash, head->hash);
}

TEST_F(ProgrammeTest, OtherContentUnderTheSameIdsIsRefusedByTheModules) {
  ASSERT_TRUE(exchange::import_batch(*book_, batch(operations())).ok());
  json ops = operations();
  ops[1]["tranches"][0]["amount"] = "301.00";
  ops[2]["principal"] = "700.00";
  ops[3]["date"] = "2026-02-05";
  ops[0]["amount"] = "999.00";
  auto r = exchange::import_batch(*book_, batch(ops));
  ASSERT_FALSE(r.ok());
  std::vector<std::string> got;
  for (const auto& e : r.error()) got.push_back(e.field);
  EXPECT_THAT(got, ElementsAre("/operations/0/external_id", "/operations/1/grant",
                               "/operations/2/loan", "/operations/3/loan"))
      << all(r.error());
  EXPECT_THAT(r.error()[2].message, HasSubstr("already exists"));
}

TEST_F(ProgrammeTest, ModuleRulesApplyToTheNewOperations) {
  json ops = json::array(
      {{{"type", "loan_open"}, {"loan", "L-3"}, {"enterprise", "EC-404"}, {"product", "CREDI"},
        {"principal", "600"}, {"date", "2026-02-01"}},
       {{"type", "loan_disbursement"}, {"loan", "L-404"}, {"date", "2026-02-03"}},
       {{"type", "fund_receipt"}, {"external_id", "x-1"}, {"fund", "NOPE"},
        {"amount", "1.00"}, {"date", "2026-02-01"}},
       {{"type", "grant_award"}, {"grant", "GR-9"}, {"enterprise", "EC-001"},
        {"fund", "FUND-9"}, {"date", "2026-02-02"},
        {"tranches", json::array({{{"amount", "100.00"}}})}}});
  const auto head = store_->audit_head();
  auto r = exchange::import_batch(*book_, batch(ops));
  ASSERT_FALSE(r.ok());
  std::vector<std::string> got;
  for (const auto& e : r.error()) got.push_back(e.field);
  EXPECT_THAT(got, ElementsAre("/operations/0/enterprise", "/operations/1/loan",
                               "/operations/2/fund", "/operations/3/fund"))
      << all(r.error());
  EXPECT_EQ(store_->audit_head()->hash, head->hash);
}

}  // namespace
}  // namespace semilla::exchange_test
