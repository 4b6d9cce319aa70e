// SPDX-License-Identifier: Apache-2.0
// The book as a plain-text journal that hledger and ledger-cli read (docs/exchange.md §5):
// their `balance` reports then agree with `semilla trial-balance` to the cent.
#pragma once

#include <ostream>

#include "ledger/store/store.h"

namespace semilla::exchange {

// Writes an `account` directive per account, then every transaction in posting order:
//   2026-03-02 * (17) Seed capital, tranche 1  ; ref:GR-7/1
//       Expenses:Grants:EC-001      800.00 USD
//       Assets:Bank                -800.00 USD
// Reversals are ordinary transactions there too (with a reverses: tag). kRefused naming the
// account when a name cannot be written unambiguously in that format (two spaces in a row,
// ';', or enclosed in parentheses or brackets); kEnvironment when `out` fails.
[[nodiscard]] Status export_journal(store::Store& store, std::ostream& out);

}  // namespace semilla::exchange
