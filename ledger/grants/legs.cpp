// SPDX-License-Identifier: Apache-2.0
// The postings of each fund and grant operation, written once: the operation posts them
// (post_legs) and the replay of `audit verify` and `book import` checks that the transaction
// a record names holds exactly them, so the ledger and the grant tables cannot disagree.
#include "ledger/grants/grants.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {

std::vector<Leg> receipt_legs(const std::string& fund) {
  const FundAccounts a = fund_accounts(fund);
  return {{a.cash, a.received}};
}

std::vector<Leg> spend_legs(const std::string& fund, const std::string& category) {
  return {{programme_account(fund, category), fund_accounts(fund).cash}};
}

std::vector<Leg> event_legs(const std::string& fund, const std::string& type, bool in_kind,
                            bool again) {
  const FundAccounts a = fund_accounts(fund);
  if (type == "award") return {{a.offset, a.committed}};
  if (type == "disburse" && again) return {{in_kind ? a.paid_in_kind : a.paid_cash, a.cash}};
  if (type == "disburse") {
    return {{in_kind ? a.paid_in_kind : a.paid_cash, a.cash}, {a.committed, a.offset}};
  }
  if (type == "return") return {{a.cash, a.returned}};
  return {{a.committed, a.offset}};  // cancel: the commitment released
}

Status check_posted(const book::Transaction* t, const std::vector<Leg>& legs,
                    std::int64_t amount_minor, const std::string& currency, Date day,
                    const std::string& enterprise) {
  auto differs = [](const std::string& what) {
    return make_error(ErrorCode::kVerifyFailed, "transaction",
                      "the transaction it names is not the one the operation posts: " + what);
  };
  if (!t) return differs("there is none");
  if (t->date != day) return differs("date " + t->date.to_string() + ", not " + day.to_string());
  if (t->enterprise.value_or("") != enterprise) return differs("its enterprise differs");
  if (t->postings.size() != 2 * legs.size()) return differs("the number of postings differs");
  const money::Amount amount = money::Amount::from_minor(amount_minor, currency_of(currency));
  for (std::size_t i = 0; i < legs.size(); ++i) {
    const auto& debit = t->postings[2 * i];
    const auto& credit = t->postings[2 * i + 1];
    if (debit.account != legs[i].debit || credit.account != legs[i].credit ||
        debit.amount != amount || credit.amount != amount.negated()) {
      return differs("posting " + std::to_string(2 * i + 1) + " or " + std::to_string(2 * i + 2) +
                     " should move " + amount.to_string() + " " + currency + " from " +
                     legs[i].credit + " to " + legs[i].debit);
    }
  }
  return Status::Ok();
}

}  // namespace semilla::grants
