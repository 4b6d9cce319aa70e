// SPDX-License-Identifier: Apache-2.0
// Progress of long commands (batch import, verify, book export and import) on stderr, for a
// person watching a terminal: done / total, rate and time left on one line redrawn in place.
// Nothing is printed when stderr is not a terminal (pipes and logs stay clean), with --json,
// or with --quiet.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "cli/context.h"

namespace semilla::cli {

// What progress_line prints, given `done` of `total` (0: unknown) units after `elapsed`:
// "batch import: 41% (52.3 MB of 128.0 MB, 9.1 MB/s, 8 s left)". `unit` is "B" (shown
// in MB) or a word ("records").
[[nodiscard]] std::string progress_line(const std::string& what, std::uint64_t done,
                                        std::uint64_t total, const std::string& unit,
                                        std::chrono::milliseconds elapsed);

// A callback (done, total) that redraws progress_line at most 4 times a second and ends the
// line when done == total; empty when nothing may be printed (see above).
[[nodiscard]] std::function<void(std::uint64_t, std::uint64_t)> terminal_progress(
    const Context& ctx, const std::string& what, const std::string& unit);

}  // namespace semilla::cli
