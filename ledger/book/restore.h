// SPDX-License-Identifier: Apache-2.0
// Restoring a book from its offline audit bundle (bundle.h): the file an auditor verifies is
// the file a new database is rebuilt from. Each record is checked as `audit verify --bundle`
// checks it (chain, replay, tree, checkpoints against the tree) and appended with its bytes
// unchanged, and its table rows are written from its payload, so the restored database has
// the same records, chain head, tree hashes, checkpoints, accounts, enterprises, transactions
// and balances, and `audit verify` passes on it.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>

#include "audit/hash.h"
#include "ledger/store/store.h"

namespace semilla::book {

struct RestoreReport {
  std::uint64_t records = 0;
  audit::Hash head{};
  audit::Hash root{};
  std::uint64_t accounts = 0, enterprises = 0, transactions = 0, checkpoints = 0;
  std::uint64_t module_records = 0;  // loans, grants: restored through their modules' replay
};

// Restores the bundle read from `in` into `store`, which must hold no book (kAlreadyExists
// otherwise), in one database transaction: on any error nothing is written. kVerifyFailed
// as verify_bundle names it when the bundle is not intact. The feature modules (loans,
// grants) write their tables from their replayed state (ModuleReplay::restore), and the
// result is compared as `audit verify` compares it. Enterprise names are personal
// data kept outside the chain, so the restored enterprises have none. `progress`, when set,
// is called with the number of records restored so far, every 10,000 records.
[[nodiscard]] Result<RestoreReport> restore_bundle(
    store::Store& store, std::istream& in,
    const std::function<void(std::uint64_t)>& progress = {});

}  // namespace semilla::book
