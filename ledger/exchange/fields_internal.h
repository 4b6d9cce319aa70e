// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/exchange: the book names fields as the command line spells them
// ("--date", "NAME", "postings/1"); a document's errors must name JSON pointers instead.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "ledger/base/error.h"

namespace semilla::exchange {

// Rewrites the fields of errors[first..] that the book produced for the operation at JSON
// pointer `at`: "--date" → "<at>/date", "--ref" → "<at>/external_id", "NAME" → "<at>/name",
// and a posting's "postings/N" → ".../postings/N/account", "/currency" or "/amount" by what
// went wrong. Fields already starting with '/' but not with `at` are left alone.
void rename_fields(Errors& errors, std::size_t first, const std::string& at);

// The same for the loans and grants modules' errors on operation `op` at `at`
// (loan_repayment, grant_disbursement, milestone): "LOAN-ID" → "<at>/loan", "AMOUNT" →
// "<at>/amount" (or "<at>/currency" for a currency the loan does not hold, when `op` names
// one), "--tranche" → "<at>/tranche", "--ref" → "<at>/external_id", ... A field naming no
// member of `op` (an account the module posts to, a member left out) becomes `at` itself.
// The command-line options the messages mention are renamed to members too.
void rename_module_fields(Errors& errors, std::size_t first, const std::string& at,
                          const nlohmann::json& op);

}  // namespace semilla::exchange
