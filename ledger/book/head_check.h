// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/book: the check every write makes before it appends to the log.
#pragma once

#include "ledger/store/store.h"

namespace semilla::book {

// Checks that the log's head and the Merkle tree's newest hashes are what the book wrote
// last, so that no record is ever chained onto a damaged head: the newest record's bytes hash
// to the stored head, it is the record its seq names and its `prev` is the hash stored for
// the record before it; the tree holds exactly the hashes of `head.size` records, and those
// of the newest leaf (its leaf hash and the subtrees it completed) are recomputed from its
// bytes and the stored left siblings. O(log n) rows read, by index.
// kVerifyFailed on "--db" ("the book file is damaged: ...") naming the failed part; the
// store's own errors (kEnvironment) otherwise.
[[nodiscard]] Status check_log_head(store::Store& store, const store::AuditHead& head);

}  // namespace semilla::book
