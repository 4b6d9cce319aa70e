// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/ownership.h"

#include <algorithm>

namespace semilla::book {
namespace {

std::vector<AccountOwner>& owners() {
  static std::vector<AccountOwner> all;
  return all;
}

}  // namespace

void register_account_owner(AccountOwner owner) {
  auto& all = owners();
  auto same = std::find_if(all.begin(), all.end(),
                           [&](const AccountOwner& o) { return o.module == owner.module; });
  if (same != all.end()) {
    *same = std::move(owner);
  } else {
    all.push_back(std::move(owner));
  }
}

const AccountOwner* owner_of(std::string_view account) {
  for (const auto& o : owners()) {
    for (const auto& n : o.names) {
      if (account == n) return &o;
    }
    for (const auto& p : o.prefixes) {
      if (account.size() > p.size() && account.substr(0, p.size()) == p) return &o;
    }
  }
  return nullptr;
}

Status check_owner(std::string_view account, std::string_view claimant,
                   const std::string& field) {
  const AccountOwner* o = owner_of(account);
  if (!o || o->module == claimant) return Status::Ok();
  return make_error(ErrorCode::kRefused, field,
                    "account " + std::string(account) + " belongs to the " + o->module +
                        " module, whose tables must match its balance; use " + o->commands +
                        " instead");
}

}  // namespace semilla::book
