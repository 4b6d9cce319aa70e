// SPDX-License-Identifier: Apache-2.0
// "Did you mean": edit distance and the closest names.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ledger/base/suggest.h"

namespace semilla {
namespace {

TEST(Suggest, EditDistanceCountsOneByteEditsAndIgnoresAsciiCase) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("repay", "repay"), 0u);
  EXPECT_EQ(edit_distance("repy", "repay"), 1u);      // insertion
  EXPECT_EQ(edit_distance("repayy", "repay"), 1u);    // deletion
  EXPECT_EQ(edit_distance("rapay", "repay"), 1u);     // substitution
  EXPECT_EQ(edit_distance("STATEMENT", "statement"), 0u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "loan"), 4u);
}

TEST(Suggest, ClosestNamesAreWithinAThirdOfTheWordClosestFirst) {
  const std::vector<std::string> commands{"post", "portfolio", "period", "loan", "statement"};
  EXPECT_EQ(closest_names("statment", commands), (std::vector<std::string>{"statement"}));
  EXPECT_EQ(closest_names("lone", commands), (std::vector<std::string>{"loan"}));
  EXPECT_TRUE(closest_names("frobnicate", commands).empty());
  EXPECT_TRUE(closest_names("loan", commands).empty());  // itself is no suggestion
  const std::vector<std::string> kinds{"loan", "loan.repay", "loan.reverse", "grant"};
  EXPECT_EQ(closest_names("loan.repayy", kinds), (std::vector<std::string>{"loan.repay"}));
  EXPECT_EQ(closest_names("loan.", kinds, 2),
            (std::vector<std::string>{"loan", "loan.repay"}));  // distance 1, then a prefix
}

TEST(Suggest, DidYouMeanListsTheNames) {
  EXPECT_EQ(did_you_mean({}), "");
  EXPECT_EQ(did_you_mean({"a"}), "; did you mean 'a'?");
  EXPECT_EQ(did_you_mean({"a", "b"}), "; did you mean 'a' or 'b'?");
  EXPECT_EQ(did_you_mean({"a", "b", "c"}), "; did you mean 'a', 'b' or 'c'?");
}

}  // namespace
}  // namespace semilla
