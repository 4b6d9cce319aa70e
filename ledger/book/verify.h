// SPDX-License-Identifier: Apache-2.0
// Verification of a book: the database file is sound (Store::check_file), the audit chain is
// intact, the stored Merkle tree hashes and every
// stored checkpoint match the tree rebuilt from the records, and replaying its records yields
// exactly the accounts, enterprises, transactions and balance table that the database holds.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/hash.h"
#include "audit/note_key.h"
#include "ledger/store/store.h"

namespace semilla::book {

struct VerifyReport {
  bool file_checked = false;        // the store's check_file(): pages, header, schema
  store::FileCheck file;            // ... and what it says of page checksums
  std::uint64_t records = 0;        // audit records checked
  audit::Hash head{};               // hash of the last record (zeros for an empty log)
  std::uint64_t accounts = 0;
  std::uint64_t enterprises = 0;
  std::uint64_t transactions = 0;
  std::uint64_t balance_rows = 0;
  audit::Hash root{};                 // Merkle root of all records
  std::uint64_t tree_hashes = 0;      // stored tree hashes checked
  std::uint64_t checkpoints = 0;      // stored checkpoints checked against the tree
  bool signatures_checked = false;    // ... and their signatures, with the given keys
  std::optional<std::uint64_t> auditor_size;  // size of the auditor's checkpoint, if given
};

struct VerifyOptions {
  // Verifier keys: every stored checkpoint must be signed by one of them.
  std::vector<audit::NoteVerifier> keys;
  // A checkpoint (signed note) the auditor kept: must verify with `keys` and be a prefix of
  // the log (consistency proof).
  std::optional<std::string> auditor_checkpoint;
  // A second, read-only Store on the same file: when given, its check_file() (SQLite's
  // integrity check, the slowest single step) runs on another thread beside the replay, on
  // a core of its own. Its verdict still comes first: a damaged file is reported as such even
  // when the replay also failed. Without it the store's own check_file() runs first.
  store::Store* file_checker = nullptr;
  // Open the records (parse, canonical form, hashes) on a second thread while this one
  // replays them (record_pipeline.h). The same checks in the same order, on two cores.
  bool read_ahead = false;
  // Called now and then with (records replayed, records in the log), for a progress display.
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

// kVerifyFailed naming the first record, row or balance that does not fit, e.g.
// "record 23: bytes altered: ..." or "transaction 17 (record 23): posting 1 is 900.00 USD in
// the database but 800.00 USD in the audit record".
// Tree problems name the stored hash and the records it covers ("tree hash 9 (level 1,
// records 4..5)"), checkpoint problems the checkpoint ("checkpoint 2 (size 301)").
[[nodiscard]] Result<VerifyReport> verify_book(store::Store& store,
                                               const VerifyOptions& options = {});

}  // namespace semilla::book
