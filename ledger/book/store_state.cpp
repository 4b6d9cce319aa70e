// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/store_state.h"

#include <algorithm>

#include "ledger/store/grant_store.h"

namespace semilla::book {

Result<const Account*> StoreState::account_named(std::string_view name) {
  auto it = accounts_.find(name);
  if (it != accounts_.end()) return &it->second;
  auto found = store_.find_account(std::string(name));
  if (!found.ok()) return found.error();
  if (!found->has_value()) return static_cast<const Account*>(nullptr);
  return &accounts_.emplace(std::string(name), **found).first->second;
}

Result<const Account*> StoreState::account_under(std::string_view root) {
  auto it = roots_.find(root);
  if (it != roots_.end()) return &it->second;
  auto found = store_.find_account_under(std::string(root));
  if (!found.ok()) return found.error();
  if (!found->has_value()) return static_cast<const Account*>(nullptr);
  return &roots_.emplace(std::string(root), **found).first->second;
}

Result<bool> StoreState::has_enterprise(const std::string& id) {
  if (std::find(enterprises_.begin(), enterprises_.end(), id) != enterprises_.end()) return true;
  auto e = store_.find_enterprise(id);
  if (!e.ok()) return e.error();
  if (!e->has_value()) return false;
  enterprises_.push_back(id);
  return true;
}

Result<std::optional<PostedFacts>> StoreState::posted(std::int64_t id) {
  auto t = store_.find_transaction(id);
  if (!t.ok()) return t.error();
  if (!t->has_value()) return std::optional<PostedFacts>();
  auto reversal = store_.find_reversal_of(id);
  if (!reversal.ok()) return reversal.error();
  const Transaction& o = **t;
  return std::optional<PostedFacts>(PostedFacts{o.date, o.reverses.value_or(0),
                                                reversal->value_or(0), postings_digest(o, false)});
}

Result<std::optional<std::int64_t>> StoreState::ref_used_by(const std::string& ref) {
  auto t = store_.find_transaction_by_ref(ref);
  if (!t.ok()) return t.error();
  if (!t->has_value()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>((*t)->id);
}

Result<std::optional<std::uint64_t>> StoreState::closed_by(const std::string& month) {
  if (std::find(open_months_.rbegin(), open_months_.rend(), month) != open_months_.rend()) {
    return std::optional<std::uint64_t>();
  }
  auto last = store_.periods().latest_period_event(month);
  if (!last.ok()) return last.error();
  if (last->has_value() && (*last)->closed) return std::optional<std::uint64_t>((*last)->audit_seq);
  open_months_.push_back(month);
  return std::optional<std::uint64_t>();
}

}  // namespace semilla::book
