// SPDX-License-Identifier: Apache-2.0
// Reading a log on two cores: one thread reads the records and opens them (parsing, canonical
// form, SHA-256 and the Merkle leaf hash: about a third of a replay's work, and independent of
// the records before), the calling thread links and replays them in order. `audit verify`
// uses it; the order of the checks and their messages are those of the one-thread path.
#pragma once

#include <functional>
#include <string>

#include "audit/chain.h"
#include "ledger/store/store.h"

namespace semilla::book {

// A record as the reader hands it on: opened, with the kind its row is stored under.
struct PipedRecord {
  audit::OpenedRecord opened;
  std::string stored_kind;
};

// Calls `read` on a second thread with a visitor that opens each record it is given; hands
// the opened records, in the order read, to `take` on this thread (the record stays the
// pipeline's: `take` may not keep a reference to it). At most a few thousand
// records wait between the two, whatever the log's length. The first failure of `take` stops
// the reader and is returned; otherwise the reader's own status.
[[nodiscard]] Status pipeline_records(
    const std::function<Status(const store::Visitor<store::StoredRecord>&)>& read,
    const std::function<Status(PipedRecord&)>& take);

}  // namespace semilla::book
