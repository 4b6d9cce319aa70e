// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/book: the state the audit records describe, rebuilt in memory.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "audit/record.h"
#include "ledger/book/checkpoint_record.h"
#include "ledger/book/model.h"
#include "ledger/book/module_replay.h"
#include "ledger/money/amount.h"

namespace semilla::book {

struct ReplayedTransaction {
  std::uint64_t seq = 0;
  std::string fingerprint;  // payload, time and seq, serialised: equal iff the rows agree
};

struct ReplayedCheckpoint {
  std::uint64_t seq = 0;  // the record that stored it; equals checkpoint.size
  std::string time;       // that record's time
  CheckpointRecord checkpoint;
};

class Replay {
 public:
  // With one instance of every registered module (register_module_replay).
  Replay();
  Replay(Replay&&) noexcept;
  Replay& operator=(Replay&&) noexcept;
  ~Replay();

  // Every module's compare(): the module tables agree with the records.
  [[nodiscard]] Status compare_modules(store::Store& store) const;
  // Every module's restore(): its tables written from the records (book import).
  [[nodiscard]] Status restore_modules(store::Store& store) const;

  // Applies one verified record. kVerifyFailed for a payload that does not decode, an id out
  // of sequence, or a kind the book does not know.
  [[nodiscard]] Status apply(const audit::SealedRecord& r);

  // Closing balances per (account, currency, day), computed from the deltas.
  [[nodiscard]] Result<std::vector<BalanceDay>> balance_days() const;

  std::optional<BookInfo> info;
  std::vector<Account> accounts;                     // index = id - 1
  std::map<std::string, Enterprise> enterprises;
  std::vector<ReplayedTransaction> transactions;     // index = id - 1
  // false: transactions keep an empty fingerprint. Verifying a bundle has no rows to compare
  // them with, and a million fingerprints weigh hundreds of megabytes.
  bool keep_fingerprints = true;
  // In signing order. Each note is signed by the key in its record; whether the tree's root
  // at its size matches is for the caller, who holds the tree, to check.
  std::vector<ReplayedCheckpoint> checkpoints;

 private:
  Status apply_transaction(const audit::SealedRecord& r);
  Status apply_checkpoint(const audit::SealedRecord& r);
  std::map<std::tuple<std::int64_t, std::string, Date>, money::MinorUnits> deltas_;
  std::vector<std::unique_ptr<ModuleReplay>> modules_;
};

// The fingerprint the store's row must match.
[[nodiscard]] std::string fingerprint(const Transaction& t);

}  // namespace semilla::book
