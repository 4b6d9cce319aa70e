// SPDX-License-Identifier: Apache-2.0
// Batch import: atomic, idempotent, and every problem named by its JSON pointer.
#include <gmock/gmock.h>

#include "ledger/exchange/batch.h"
#include "tests/exchange/fixture.h"

namespace semilla::exchange_test {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class BatchTest : public BookTest {
 protected:
  void SetUp() override {
    BookTest::SetUp();
    auto r = exchange::import_batch(*book_, batch(setup_operations()));
    ASSERT_TRUE(r.ok()) << r.error().front().to_string();
  }

  // Imports `doc`, expects it refused with nothing written, returns the errors.
  Errors refused(const json& doc) {
    const auto before = log_size();
    auto r = exchange::import_batch(*book_, doc);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(log_size(), before) << "a refused batch wrote records";
    return r.ok() ? Errors{} : r.error();
  }
};

TEST_F(BatchTest, AppliesEverythingAndIsIdempotent) {
  json ops = setup_operations();
  ops.push_back(txn("don-1", "2026-01-05", "10000.00"));
  ops.push_back(txn("loan-1", "2026-02-01", "800.00", "Assets:Receivable:EC-001", "Assets:Bank"));
  auto first = exchange::import_batch(*book_, batch(ops));
  ASSERT_TRUE(first.ok()) << first.error().front().to_string();
  EXPECT_EQ(first->transactions_posted, 2u);
  EXPECT_EQ(first->unchanged, 4u);  // the setup operations were already there
  const auto size = log_size();
  auto second = exchange::import_batch(*book_, batch(ops));
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->changed());
  EXPECT_EQ(second->unchanged, 6u);
  EXPECT_EQ(log_size(), size);
  auto balance = store_->balances("Assets:Bank", std::nullopt);
  EXPECT_EQ((*balance)[0].amount.to_string(), "9200.00");
  auto tx = store_->find_transaction_by_ref("loan-1");
  EXPECT_EQ(tx->value().enterprise, "EC-001");  // from the account's owner
}

TEST_F(BatchTest, DryRunWritesNothing) {
  const auto before = log_size();
  auto r = exchange::import_batch(*book_, batch({txn("d-1", "2026-01-05", "5.00")}), {true, {}});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->dry_run);
  EXPECT_EQ(r->transactions_posted, 1u);
  EXPECT_EQ(log_size(), before);
}

TEST_F(BatchTest, ReportsEveryProblemWithItsPointer) {
  json ops = json::array();
  for (int i = 0; i < 17; ++i) ops.push_back(txn("ok-" + std::to_string(i), "2026-01-05", "1.00"));
  ops.push_back(txn("bad-17", "2026-01-05", "800.505"));
  ops.push_back(txn("bad-18", "2026-02-30", "1.00"));
  ops.push_back(txn("bad-19", "2026-01-05", "1.00", "Assets:Nowhere"));
  ops.push_back(txn("bad-20", "2026-01-05", "1.00"));
  ops.back()["enterprise"] = "EC-404";
  const auto errors = refused(batch(ops));
  EXPECT_THAT(fields(errors),
              ::testing::ElementsAre("/operations/17/postings/0/amount",
                                     "/operations/17/postings/1/amount", "/operations/18/date",
                                     "/operations/19/postings/0/account",
                                     "/operations/20/enterprise"));
  EXPECT_THAT(errors[0].message, HasSubstr("3 decimals; USD allows at most 2"));
  EXPECT_THAT(errors[2].message, HasSubstr("February 2026 has 28 days"));
  EXPECT_EQ(errors[4].code, ErrorCode::kNotFound);
}

TEST_F(BatchTest, SchemaProblemsAllAtOnce) {
  json ops = {txn("n-1", "2026-01-05", 800.5)};           // amount as a JSON number
  ops.push_back(txn("n-2", "2026-01-05", "1.00"));
  ops.back()["colour"] = "red";                             // unknown member
  ops.push_back({{"type", "transaction"}, {"date", "2026-01-05"}});  // missing members
  ops.push_back({{"type", "loan"}});                        // unknown type
  ops.push_back(txn("n-5", "5 Jan 2026", "1.00"));          // date shape
  const auto errors = refused(batch(ops));
  EXPECT_THAT(fields(errors), ::testing::IsSupersetOf({"/operations/0/postings/0/amount",
                                                       "/operations/1/colour", "/operations/2",
                                                       "/operations/3/type",
                                                       "/operations/4/date"}));
  EXPECT_THAT(errors[0].message, HasSubstr("is a JSON number; amounts are JSON strings"));
  EXPECT_THAT(errors[2].message, HasSubstr("refused, not ignored"));
}

TEST_F(BatchTest, WrongTypesAndTopLevel) {
  auto errors = refused(json{{"format", "semilla-batch"}, {"version", "1"},
                             {"operations", json::object()}, {"extra", true}});
  EXPECT_THAT(fields(errors), ::testing::IsSupersetOf({"/version", "/operations", "/extra"}));
  errors = refused(json::array());
  EXPECT_EQ(errors.size(), 1u);
}

TEST_F(BatchTest, ExternalIdReusedWithOtherContentIsRefused) {
  ASSERT_TRUE(exchange::import_batch(*book_, batch({txn("r-1", "2026-01-05", "5.00")})).ok());
  auto errors = refused(batch({txn("r-1", "2026-01-05", "6.00")}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::kConflict);
  EXPECT_EQ(errors[0].field, "/operations/0/external_id");
  // Within one file too.
  errors = refused(batch({txn("r-2", "2026-01-05", "5.00"), txn("r-2", "2026-01-06", "5.00")}));
  EXPECT_THAT(fields(errors), ::testing::ElementsAre("/operations/1/external_id"));
  // An enterprise or account id with other attributes.
  json e = setup_operations()[0];
  e["sex"] = "male";
  errors = refused(batch({e}));
  EXPECT_THAT(errors[0].message, HasSubstr("sex is \"female\" in the book"));
  json a = setup_operations()[1];
  a["currency"] = "PEN";
  errors = refused(batch({a}));
  EXPECT_EQ(errors[0].field, "/operations/0/name");
}

TEST_F(BatchTest, LaterOperationsSeeEarlierOnes) {
  json ops = {{{"type", "enterprise"}, {"id", "EC-002"}},
              {{"type", "account"}, {"name", "Assets:Receivable:EC-002"}, {"account_type", "asset"},
               {"enterprise", "EC-002"}},
              txn("l-2", "2026-03-01", "300.00", "Assets:Receivable:EC-002", "Assets:Bank")};
  auto r = exchange::import_batch(*book_, batch(ops));
  ASSERT_TRUE(r.ok()) << r.error().front().to_string();
  EXPECT_EQ(r->enterprises_added + r->accounts_added + r->transactions_posted, 3u);
}

// The letter-case guard of `account add` sees the accounts added earlier in the same batch
// (the writer follows them) as well as those already in the book.
TEST_F(BatchTest, AnAccountDifferingOnlyInCaseFromOneEarlierInTheBatchIsRefused) {
  json ops = {{{"type", "account"}, {"name", "Assets:Cash:Quito"}, {"account_type", "asset"}},
              {{"type", "account"}, {"name", "Assets:CASH:quito"}, {"account_type", "asset"}}};
  auto errors = refused(batch(ops));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors.front().to_string(), HasSubstr("use \"Assets:Cash:Quito\""));
  ops = {{{"type", "account"}, {"name", "assets:bank"}, {"account_type", "asset"}}};
  errors = refused(batch(ops));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors.front().to_string(), HasSubstr("use \"Assets:Bank\""));
}

// A currency Semilla does not know is named at the posting's currency member, an amount
// with too many decimals at its amount member: by where the value was written, whatever
// language the message is in.
TEST_F(BatchTest, APostingsUnknownCurrencyAndBadAmountAreNamedAtTheirMembers) {
  json unknown = txn("c-1", "2026-01-05", "5.00");
  unknown["postings"][0]["currency"] = "XYZ";
  EXPECT_THAT(fields(refused(batch({unknown}))),
              ::testing::ElementsAre("/operations/0/postings/0/currency"));
  json digits = txn("c-2", "2026-01-05", "5.001");
  EXPECT_THAT(fields(refused(batch({digits}))),
              ::testing::Contains("/operations/0/postings/0/amount"));
}

TEST_F(BatchTest, ABadOperationAnywhereRollsBackTheRest) {
  json ops = {{{"type", "enterprise"}, {"id", "EC-003"}}, txn("g-1", "2026-01-05", "5.00"),
              txn("g-2", "2027-01-05", "5.00")};  // in the future
  const auto errors = refused(batch(ops));
  EXPECT_THAT(fields(errors), ::testing::ElementsAre("/operations/2/date"));
  EXPECT_FALSE(store_->find_enterprise("EC-003")->has_value());
  EXPECT_FALSE(store_->find_transaction_by_ref("g-1")->has_value());
}

TEST_F(BatchTest, ProgressIsReported) {
  json ops = json::array();
  for (int i = 0; i < 2500; ++i) ops.push_back(txn("p-" + std::to_string(i), "2026-01-05", "1"));
  std::vector<std::size_t> seen;
  auto r = exchange::import_batch(*book_, batch(ops),
                                  {false, [&](std::size_t done, std::size_t) {
                                     seen.push_back(done);
                                   }});
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(seen, ::testing::ElementsAre(1000, 2000, 2500));
}

}  // namespace
}  // namespace semilla::exchange_test
