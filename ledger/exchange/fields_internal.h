// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/exchange: the book names fields as the command line spells them
// ("--date", "NAME", "postings/1"); a document's errors must name JSON pointers instead.
#pragma once

#include <cstddef>
#include <string>

#include "ledger/base/error.h"

namespace semilla::exchange {

// Rewrites the fields of errors[first..] that the book produced for the operation at JSON
// pointer `at`: "--date" → "<at>/date", "--ref" → "<at>/external_id", "NAME" → "<at>/name",
// and a posting's "postings/N" → ".../postings/N/account", "/currency" or "/amount" by what
// went wrong. Fields already starting with '/' but not with `at` are left alone.
void rename_fields(Errors& errors, std::size_t first, const std::string& at);

}  // namespace semilla::exchange
