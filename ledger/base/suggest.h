// SPDX-License-Identifier: Apache-2.0
// "Did you mean": the known names closest to a mistyped one, by edit distance.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace semilla {

// Levenshtein distance (insertions, deletions, substitutions of one byte each), with ASCII
// letters compared without case.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidates within a distance of max(2, a third of `word`'s length) of `word`, closest
// first (ties in the candidates' order), at most `count_max`. A candidate that starts with
// `word` counts as close too ("grant" suggests "grant.award"). Empty when none is close.
[[nodiscard]] std::vector<std::string> closest_names(std::string_view word,
                                                     const std::vector<std::string>& candidates,
                                                     std::size_t count_max = 3);

// "; did you mean 'a' or 'b'?" for those names, or "" when there are none.
[[nodiscard]] std::string did_you_mean(const std::vector<std::string>& names);

}  // namespace semilla
