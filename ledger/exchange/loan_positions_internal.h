// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/exchange: what a statement says about loans (docs/exchange.md §3,
// "Loans in a statement"). An entry on a loan's receivable account carries the loan's
// position at the end of its booking date and, from format version 2, the loan operation it
// belongs to with what that operation paid per component; the statement lists every loan of
// the enterprise as of the period's last day.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "ledger/book/book.h"

namespace semilla::exchange {

class LoanPositions {
 public:
  LoanPositions(book::Book& book, std::string enterprise)
      : book_(book), enterprise_(std::move(enterprise)) {}

  // The `loan` member of an entry of transaction `transaction` on `account` booked on `date`:
  // null when the account is not the receivable (Assets:Loans:<ENTERPRISE>:<LOAN>) of one of
  // the enterprise's loans.
  [[nodiscard]] Result<nlohmann::json> entry_loan(const std::string& account, Date date,
                                                  std::int64_t transaction);

  // The statement's `loans` member: every loan of the enterprise as of `to`, by id; an
  // empty array when it has none.
  [[nodiscard]] Result<nlohmann::json> summary(Date to);

 private:
  // The id of the loan whose receivable `account` is, if any.
  Result<std::optional<std::string>> loan_of(const std::string& account);
  // `operation` and, for a repayment or its reversal, `components`, of the loan event that
  // posted `transaction`; an empty object when no event of loan `id` did.
  Result<nlohmann::json> operation_of(const std::string& id, std::int64_t transaction);

  book::Book& book_;
  std::string enterprise_;
  std::map<std::string, std::optional<std::string>> loans_;          // by account
  std::map<std::pair<std::string, Date>, nlohmann::json> positions_;  // by loan id and date
};

}  // namespace semilla::exchange
