// SPDX-License-Identifier: Apache-2.0
#include "ledger/base/error.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace semilla {
namespace {

constexpr ErrorCode kAllCodes[] = {
    ErrorCode::kInvalid,     ErrorCode::kNotFound,         ErrorCode::kAlreadyExists,
    ErrorCode::kConflict,    ErrorCode::kUnbalanced,       ErrorCode::kCurrencyMismatch,
    ErrorCode::kLimitExceeded, ErrorCode::kRefused,        ErrorCode::kUsage,
    ErrorCode::kVerifyFailed, ErrorCode::kEnvironment,
};

TEST(ErrorCode, EveryCodeHasAUniqueSnakeCaseName) {
  std::set<std::string> names;
  for (const ErrorCode code : kAllCodes) {
    const std::string name = error_code_name(code);
    EXPECT_NE(name, "unknown");
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string::npos) << name;
    names.insert(name);
  }
  EXPECT_EQ(names.size(), std::size(kAllCodes));
  EXPECT_STREQ(error_code_name(ErrorCode::kLimitExceeded), "limit_exceeded");
}

TEST(ErrorCode, ExitCodesFollowDocsCli) {
  EXPECT_EQ(exit_code_for(ErrorCode::kInvalid), 1);
  EXPECT_EQ(exit_code_for(ErrorCode::kUnbalanced), 1);
  EXPECT_EQ(exit_code_for(ErrorCode::kLimitExceeded), 1);
  EXPECT_EQ(exit_code_for(ErrorCode::kUsage), 2);
  EXPECT_EQ(exit_code_for(ErrorCode::kVerifyFailed), 3);
  EXPECT_EQ(exit_code_for(ErrorCode::kEnvironment), 4);
}

TEST(Error, ToStringNamesTheFieldWhenThereIsOne) {
  EXPECT_EQ(make_error(ErrorCode::kInvalid, "--debit", "is empty").to_string(),
            "--debit: is empty");
  EXPECT_EQ(make_error(ErrorCode::kUnbalanced, "", "does not balance").to_string(),
            "does not balance");
}

Result<int> half(int n) {
  if (n % 2 != 0) return make_error(ErrorCode::kInvalid, "n", "is odd");
  return n / 2;
}

Status quarter(int n, int& out) {
  Result<int> h = half(n);
  SEMILLA_TRY(h);
  SEMILLA_TRY(half(*h));
  out = *half(*h);
  return Status::Ok();
}

TEST(Result, CarriesAValueOrAnError) {
  EXPECT_EQ(half(8).value(), 4);
  EXPECT_FALSE(half(7).ok());
  EXPECT_EQ(half(7).error().to_string(), "n: is odd");
  int out = 0;
  EXPECT_TRUE(quarter(8, out).ok());
  EXPECT_EQ(out, 2);
  const Status s = quarter(6, out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalid);
}

}  // namespace
}  // namespace semilla
