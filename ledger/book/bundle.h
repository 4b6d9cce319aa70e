// SPDX-License-Identifier: Apache-2.0
// The offline audit bundle: every record of the log, the signed checkpoints and the public
// keys, as one RFC 8785 canonical JSON document (schemas/audit-bundle.schema.json,
// docs/audit-format.md §8). An auditor verifies it on a machine without the database; the
// same file is the book's backup, from which a new database can be restored.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/hash.h"
#include "audit/note_key.h"
#include "ledger/store/store.h"

namespace semilla::book {

inline constexpr std::string_view kBundleFormat = "semilla-audit-bundle";
inline constexpr int kBundleVersion = 1;

// Writes the bundle of the whole log to `out`, as canonical JSON bytes, one record at a time
// (memory stays flat however long the log). kEnvironment when `out` fails.
[[nodiscard]] Status export_bundle(store::Store& store, std::ostream& out);
// The same, as a string (tests, small books).
[[nodiscard]] Result<std::string> export_bundle(store::Store& store);

struct FinalBalance {
  std::string account;
  std::string currency;
  std::int64_t minor = 0;  // closing balance in minor units, after every record
};

struct BundleReport {
  std::uint64_t records = 0;
  audit::Hash head{};                 // hash of the last record
  audit::Hash root{};                 // Merkle root of all records
  std::string origin;                 // empty when the bundle has no checkpoint
  std::uint64_t checkpoints = 0;      // each verified against the tree and `keys`
  std::optional<std::uint64_t> auditor_size;
  std::uint64_t accounts = 0, enterprises = 0, transactions = 0;
  std::vector<FinalBalance> balances;  // by account id, then currency; zero ones omitted
};

// Verifies a bundle with nothing but its bytes and what the auditor brings: the bytes are
// canonical JSON of the documented shape; the records form an intact chain, replay into a
// valid book, and rebuild the tree whose root and size the bundle states; every checkpoint
// matches that tree and is signed by one of `keys` (at least one needed); the auditor's
// earlier checkpoint, when given, is consistent with the bundle's head. kVerifyFailed naming
// the record, checkpoint or proof step at the first problem; kUsage without keys.
// Reads `bundle` as a stream: memory holds one record at a time, plus the tree's hashes.
[[nodiscard]] Result<BundleReport> verify_bundle(
    std::istream& bundle, std::span<const audit::NoteVerifier> keys,
    const std::optional<std::string>& auditor_checkpoint);
// The same for a bundle in memory.
[[nodiscard]] Result<BundleReport> verify_bundle(
    std::string_view bundle, std::span<const audit::NoteVerifier> keys,
    const std::optional<std::string>& auditor_checkpoint);

}  // namespace semilla::book
