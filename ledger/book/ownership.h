// SPDX-License-Identifier: Apache-2.0
// Which feature module owns an account. A module's accounts (a loan's receivable, a fund's
// restricted cash) carry balances that the module's own tables must match: only the module's
// operations may move them, or a hand `post` or `reverse` would write a book that its own
// verification refuses. Ownership is a pure function of the account's name, declared once per
// module, so that the command path and the replay of `audit verify` and `book import` decide
// it alike, from nothing but the record.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/error.h"

namespace semilla::book {

struct AccountOwner {
  std::string module;                 // "loans": what a module passes to claim its accounts
  std::vector<std::string> prefixes;  // "Assets:Loans:": every account under it
  std::vector<std::string> names;     // "Income:Loans:Interest": exactly these
  std::string commands;               // the commands that move them, for the refusal
  // True for the record kinds of the module ("loan.repay"): the record that must claim a
  // transaction on its accounts during replay.
  bool (*handles)(std::string_view kind) = nullptr;
};

// Declares a module's accounts. Called by the module's register_module() at program start
// (and by tests), never concurrently; declaring the same module again replaces it.
void register_account_owner(AccountOwner owner);

// The module that owns `account`, or nullptr for an account anyone may post to.
[[nodiscard]] const AccountOwner* owner_of(std::string_view account);

// Ok when `claimant` may move or create `account`: the account is nobody's, or `claimant` is
// its module. Otherwise kRefused naming `field` and the commands to use.
[[nodiscard]] Status check_owner(std::string_view account, std::string_view claimant,
                                 const std::string& field);

}  // namespace semilla::book
