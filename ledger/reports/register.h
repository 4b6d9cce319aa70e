// SPDX-License-Identifier: Apache-2.0
// Finding transactions: the register (`semilla transactions`, one line per posting, as
// hledger's register) and one transaction with everything the book knows of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/book/book.h"
#include "ledger/store/store.h"

namespace semilla::reports {

// The kinds a transaction can have (store::RegisterLine::kind) and the groups --kind accepts
// ("loan" for every loan.*).
[[nodiscard]] const std::vector<std::string>& transaction_kinds();

// Raw user text; an empty member does not filter.
struct RegisterQuery {
  std::string account, enterprise, from, to, ref, memo, kind, limit;
};

struct RegisterRow {
  store::RegisterLine line;
  std::optional<money::Amount> balance;  // the account's running balance, when there is one
};

struct Register {
  std::vector<RegisterRow> rows;  // oldest first: the newest `limit` lines (a transaction is
                                  // never cut), in date order
  // True when the lines are every posting of one account prefix up to --to: each line then
  // carries that prefix's balance (in its currency) after it, as the balance table says.
  bool running_balance = false;
};

// Every problem of the query is reported: an unknown --account prefix or --enterprise
// (kNotFound, with the closest names), a bad --from/--to or a period that ends before it
// starts, an unknown --kind (with the closest kinds), a --limit that is not a whole number
// from 1 (kInvalid).
[[nodiscard]] Result<Register, Errors> find_transactions(book::Book& book,
                                                         const RegisterQuery& query);

// A transaction with its audit record, the operation that posted it, and its reversal.
struct TransactionDetail {
  book::Transaction transaction;
  std::string kind;                           // as in the register
  std::optional<store::TransactionOrigin> origin;
  std::optional<std::int64_t> reversed_by;    // the transaction that reverses this one
  std::string record_kind, record_time, actor, record_hash;  // its own audit record
};

// kInvalid naming "TXN-ID" for text that is not a transaction number; kNotFound when there is
// no such transaction.
[[nodiscard]] Result<TransactionDetail> transaction_detail(book::Book& book,
                                                           const std::string& id_text);

}  // namespace semilla::reports
