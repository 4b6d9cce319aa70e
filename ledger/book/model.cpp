// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/model.h"

#include <array>
#include <utility>

namespace semilla::book {
namespace {

constexpr std::array<std::pair<AccountType, std::string_view>, 5> kTypeNames{{
    {AccountType::kAsset, "asset"},
    {AccountType::kLiability, "liability"},
    {AccountType::kEquity, "equity"},
    {AccountType::kIncome, "income"},
    {AccountType::kExpense, "expense"},
}};

}  // namespace

std::string_view account_type_name(AccountType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "unknown";
}

Result<AccountType> parse_account_type(std::string_view text, std::string_view field) {
  for (const auto& [t, name] : kTypeNames) {
    if (name == text) return t;
  }
  return make_error(ErrorCode::kInvalid, std::string(field),
                    "\"" + std::string(text) +
                        "\" is not an account type; use asset, liability, equity, income "
                        "or expense");
}

}  // namespace semilla::book
