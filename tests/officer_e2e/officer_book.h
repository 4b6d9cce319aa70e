// SPDX-License-Identifier: Apache-2.0
// A finance officer's book for the end-to-end tests of finding things: the sample book plus
// enterprise PU-003 with a grant paid in three tranches, a loan in arrears and a transaction
// tagged with it by hand.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {

// PU-003 (no account of its own):
//   fund BID-2026 receives 50000.00 on 2026-01-15 (ref SWIFT-001)
//   loan L-001 of 1000.00 (CREDI-6: 24%, 6 monthly instalments of 178.53) disbursed
//     2026-01-15, first instalment repaid 2026-02-15 (ref MFI-A/1), nothing after: on
//     2026-06-30 it is 107 days past due (since 2026-03-15)
//   grant GR-003 of 1800.00 awarded 2026-02-10, tranches of 600.00 paid 2026-02-15,
//     2026-03-15 and 2026-04-15
//   post --enterprise PU-003 on 2026-05-02: "Market stall rent" 50.00
void make_officer_book(const Cli& cli);

// Runs `semilla --json args...`, expects exit 0 and parses the output.
nlohmann::json run_json(const Cli& cli, std::vector<std::string> args);

}  // namespace semilla::e2e
