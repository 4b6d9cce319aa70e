// SPDX-License-Identifier: Apache-2.0
#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

namespace semilla::cli {
namespace {

using Clock = std::chrono::steady_clock;

// "52.3 MB" for bytes, "52300 records" otherwise; tenths in integers (no floating point).
std::string amount(std::uint64_t n, const std::string& unit) {
  if (unit != "B") return std::to_string(n) + " " + unit;
  const std::uint64_t tenths = n * 10 / 1'000'000;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

}  // namespace

std::string progress_line(const std::string& what, std::uint64_t done, std::uint64_t total,
                          const std::string& unit, std::chrono::milliseconds elapsed) {
  const auto ms = static_cast<std::uint64_t>(std::max<std::int64_t>(elapsed.count(), 1));
  const std::uint64_t rate = done * 1000 / ms;  // units per second
  std::string line = what + ": ";
  if (total > 0) line += std::to_string(done * 100 / total) + "% (";
  line += amount(done, unit);
  if (total > 0) line += " of " + amount(total, unit);
  line += ", " + amount(rate, unit) + "/s";
  if (total > 0 && rate > 0 && done < total) {
    line += ", " + std::to_string((total - done) / rate + 1) + " s left";
  }
  return line + (total > 0 ? ")" : "");
}

std::function<void(std::uint64_t, std::uint64_t)> terminal_progress(const Context& ctx,
                                                                   const std::string& what,
                                                                   const std::string& unit) {
  if (ctx.json() || ctx.options().quiet || isatty(STDERR_FILENO) == 0) return {};
  struct State {
    Clock::time_point start = Clock::now(), last;
  };
  auto state = std::make_shared<State>();
  return [state, what, unit](std::uint64_t done, std::uint64_t total) {
    const auto now = Clock::now();
    const bool end = total > 0 && done >= total;
    if (!end && now - state->last < std::chrono::milliseconds(250)) return;
    state->last = now;
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(now - state->start);
    std::cerr << "\r\033[K" << progress_line(what, done, total, unit, elapsed)
              << (end ? "\n" : "") << std::flush;
  };
}

}  // namespace semilla::cli
