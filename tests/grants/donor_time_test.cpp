// SPDX-License-Identifier: Apache-2.0
// The donor report over time: grant money by month (every month of the period, zeros
// included) and the tranches paid, pending and cancelled as they stood at the report's end.
#include <gtest/gtest.h>

#include "ledger/grants/donor_report.h"
#include "tests/grants/fixture.h"

namespace semilla::grants {
namespace {

using DonorTimeTest = GrantsBook;

TEST_F(DonorTimeTest, EveryMonthOfThePeriodWithItsCashInKindAndReturns) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-01-20", {"100", "50"}}).ok());
  ASSERT_TRUE(award(*book_, {"G2", "EC-2", "F1", "2026-01-20", {"30"}}).ok());
  ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-02", "", "", "", ""}).ok());
  ASSERT_TRUE(disburse(*book_, {"G2", "1", "2026-02-27", "Tools", "Ferretería", "", ""}).ok());
  ASSERT_TRUE(disburse(*book_, {"G1", "2", "2026-04-30", "", "", "", ""}).ok());
  ASSERT_TRUE(return_funds(*book_, {"G1", "20", "2026-04-01", "unspent"}).ok());
  auto r = donor_report(*book_, "F1", "2026-01-15", "2026-04-10");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->by_month.size(), 4u);  // January to April, though the period cuts both
  EXPECT_EQ(r->by_month[0], (MonthFigures{"2026-01", 0, 0, 0}));
  EXPECT_EQ(r->by_month[1], (MonthFigures{"2026-02", 10000, 3000, 0}));
  EXPECT_EQ(r->by_month[2], (MonthFigures{"2026-03", 0, 0, 0}));
  EXPECT_EQ(r->by_month[3], (MonthFigures{"2026-04", 0, 0, 2000}));  // April 30 is after --to
  auto one = donor_report(*book_, "F1", "2026-02-27", "2026-02-27");
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->by_month.size(), 1u);
  EXPECT_EQ(one->by_month[0], (MonthFigures{"2026-02", 0, 3000, 0}));
}

TEST_F(DonorTimeTest, TranchesAsTheyStoodAtTheReportsEnd) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-01-20", {"100", "50"}}).ok());
  ASSERT_TRUE(award(*book_, {"G2", "EC-2", "F1", "2026-01-20", {"30", "40"}}).ok());
  ASSERT_TRUE(award(*book_, {"G3", "EC-1", "F1", "2026-05-01", {"5"}}).ok());  // after --to
  ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-02", "", "", "", ""}).ok());
  ASSERT_TRUE(disburse(*book_, {"G2", "1", "2026-02-03", "", "", "", ""}).ok());
  ASSERT_TRUE(disburse(*book_, {"G1", "2", "2026-04-15", "", "", "", ""}).ok());  // after --to
  ASSERT_TRUE(cancel(*book_, {"G2", "2026-03-01", "closed"}).ok());
  auto r = donor_report(*book_, "F1", "2026-01-01", "2026-03-31");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->tranches.size(), 4u);
  EXPECT_EQ(r->tranches[0], (TrancheLine{"G1", "EC-1", 1, 10000, "paid",
                                         Date::from_ymd(2026, 2, 2)}));
  EXPECT_EQ(r->tranches[1], (TrancheLine{"G1", "EC-1", 2, 5000, "pending", std::nullopt}));
  EXPECT_EQ(r->tranches[2].state, "paid");
  EXPECT_EQ(r->tranches[3], (TrancheLine{"G2", "EC-2", 2, 4000, "cancelled", std::nullopt}));
  ASSERT_EQ(r->tranche_totals.size(), 3u);
  EXPECT_EQ(r->tranche_totals[0], (TrancheTotal{"paid", 2, 13000}));
  EXPECT_EQ(r->tranche_totals[1], (TrancheTotal{"pending", 1, 5000}));
  EXPECT_EQ(r->tranche_totals[2], (TrancheTotal{"cancelled", 1, 4000}));
  // Before the cancellation, G2's second tranche was still pending.
  auto feb = donor_report(*book_, "F1", "2026-02-01", "2026-02-28");
  ASSERT_TRUE(feb.ok());
  EXPECT_EQ(feb->tranche_totals[1], (TrancheTotal{"pending", 2, 9000}));
  EXPECT_EQ(feb->tranche_totals[2], (TrancheTotal{"cancelled", 0, 0}));
}

TEST_F(DonorTimeTest, AFundWithoutGrantsHasZeroTotalsInEveryState) {
  auto r = donor_report(*book_, "F1", "2026-01-01", "2026-01-31");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->tranches.empty());
  ASSERT_EQ(r->tranche_totals.size(), 3u);
  EXPECT_EQ(r->tranche_totals[2], (TrancheTotal{"cancelled", 0, 0}));
  ASSERT_EQ(r->by_month.size(), 1u);
}

}  // namespace
}  // namespace semilla::grants
