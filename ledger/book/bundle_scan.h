// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/book: reads a bundle from a stream, checking as it goes that its bytes
// are the canonical JSON encoding of the documented shape. The records are handed over one at
// a time, so verifying a bundle of a million records needs memory for one record, not for the
// document.
#pragma once

#include "audit/chain.h"

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/error.h"

namespace semilla::book {

// Everything in a bundle but its records.
struct BundleHeader {
  std::vector<std::string> checkpoints;
  std::string format;
  std::vector<std::string> keys;
  std::optional<std::string> origin;
  std::string root;
  std::uint64_t tree_size = 0;
  std::uint64_t version = 0;
};

// Reads the bundle from `in`, calling `record(i, bytes)` for each record in order (stopping at
// its first error). kVerifyFailed "bundle: at byte N: ..." when the bytes are not exactly the
// canonical encoding of {checkpoints, format, keys, origin, records, root, tree_size, version}
// with the documented types, or when `in` ends early or has bytes after the document.
[[nodiscard]] Result<BundleHeader> scan_bundle(
    std::istream& in, const std::function<Status(std::uint64_t, const std::string&)>& record);

// scan_bundle with each record opened (audit::open_stored_record) on a second thread and
// handed to `take` in order on this one (record_pipeline.h): the same checks, the same first
// error, on two cores.
[[nodiscard]] Result<BundleHeader> scan_bundle_opened(
    std::istream& in, const std::function<Status(const audit::OpenedRecord&)>& take);

}  // namespace semilla::book
