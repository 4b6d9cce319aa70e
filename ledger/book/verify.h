// SPDX-License-Identifier: Apache-2.0
// Verification of a book: the audit chain is intact, and replaying its records yields exactly
// the accounts, enterprises, transactions and balance table that the database holds.
#pragma once

#include <cstdint>

#include "audit/hash.h"
#include "ledger/store/store.h"

namespace semilla::book {

struct VerifyReport {
  std::uint64_t records = 0;        // audit records checked
  audit::Hash head{};               // hash of the last record (zeros for an empty log)
  std::uint64_t accounts = 0;
  std::uint64_t enterprises = 0;
  std::uint64_t transactions = 0;
  std::uint64_t balance_rows = 0;
};

// kVerifyFailed naming the first record, row or balance that does not fit, e.g.
// "record 23: bytes altered: ..." or "transaction 17 (record 23): posting 1 is 900.00 USD in
// the database but 800.00 USD in the audit record".
[[nodiscard]] Result<VerifyReport> verify_book(store::Store& store);

}  // namespace semilla::book
