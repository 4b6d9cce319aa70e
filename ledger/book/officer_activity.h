// SPDX-License-Identifier: Apache-2.0
// `audit officers`: per officer, what their signed records did (issue 11): the records they
// recorded, the approvals they requested, approved and rejected. Read from the log itself,
// so it is what `audit verify` proves.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ledger/base/date.h"
#include "ledger/book/book.h"

namespace semilla::book {

struct OfficerActivity {
  std::string officer;
  std::uint64_t recorded = 0;   // signed records, requests and decisions not counted
  std::uint64_t requested = 0;  // approval.request
  std::uint64_t approved = 0;   // approval.approve
  std::uint64_t rejected = 0;   // approval.reject
  std::map<std::string, std::uint64_t> kinds;  // recorded, by record kind
  std::optional<std::uint64_t> first_seq, last_seq;
};

// The signed records whose time falls, in the book's zone, on a day within from..to (either
// bound open when nullopt), counted per signer, in the order the officers first signed.
[[nodiscard]] Result<std::vector<OfficerActivity>> officer_activity(Book& book,
                                                                    std::optional<Date> from,
                                                                    std::optional<Date> to);

}  // namespace semilla::book
