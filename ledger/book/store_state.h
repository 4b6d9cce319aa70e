// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/book: the BookState of a command, read from the live tables inside the
// writer's database transaction (so it sees the transaction's own earlier writes). Accounts
// and open months are cached for a batch; forget() drops what a module record may change.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ledger/book/rules.h"
#include "ledger/store/store.h"

namespace semilla::book {

class StoreState final : public BookState {
 public:
  StoreState(store::Store& store, std::string timezone)
      : store_(store), timezone_(std::move(timezone)) {}

  Result<const Account*> account_named(std::string_view name) override;
  Result<const Account*> account_under(std::string_view root) override;
  Result<bool> has_enterprise(const std::string& id) override;
  Result<std::optional<PostedFacts>> posted(std::int64_t id) override;
  Result<std::optional<std::int64_t>> ref_used_by(const std::string& ref) override;
  Result<std::optional<std::uint64_t>> closed_by(const std::string& month) override;
  std::string_view timezone() const override { return timezone_; }

  // Forgets the months found open: a module record (period.close) may have closed one.
  void forget_open_months() { open_months_.clear(); }

 private:
  store::Store& store_;
  std::string timezone_;
  std::map<std::string, Account, std::less<>> accounts_;
  std::map<std::string, Account, std::less<>> roots_;
  std::vector<std::string> enterprises_;  // found to exist: a batch asks once per enterprise
  // Months found open in this database transaction ("YYYY-MM"): a batch asks the periods
  // table once per month, not once per posting.
  std::vector<std::string> open_months_;
};

}  // namespace semilla::book
