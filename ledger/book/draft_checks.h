// SPDX-License-Identifier: Apache-2.0
// Every problem of a command's input at once, before the command stops at the first: the
// same rules the book applies (fields.h), run over all of a draft's fields. A command that
// finds more than one problem reports them all and writes nothing.
#pragma once

#include <optional>
#include <string>

#include "ledger/base/error.h"
#include "ledger/book/book.h"

namespace semilla::book {

// --birth-year: empty, or a four-digit year within check_birth_year(). kInvalid naming
// "--birth-year" otherwise.
[[nodiscard]] Result<std::optional<int>> parse_birth_year(const std::string& text,
                                                         int this_year);

// The problems of `enterprise add` input: ID, --name, --kind, --sex, --status, --nationality,
// --province, --cohort, --birth-year (and an ID already taken, read from `store`).
[[nodiscard]] Errors enterprise_draft_problems(store::Store& store, const EnterpriseDraft& d,
                                               int this_year);

// The problems of `account add` input: NAME, --type, --currency, --enterprise (unknown).
[[nodiscard]] Errors account_draft_problems(store::Store& store, const AccountDraft& d);

// The problems of `reverse` input: TXN-ID (not a transaction number, no such transaction),
// --date (not a date), --reason (empty, too long, control characters). The rules that need
// the reversal itself (the date against closed months, a reversal reversed) are the posting's.
[[nodiscard]] Errors reverse_draft_problems(store::Store& store, const std::string& id,
                                            const std::string& date, const std::string& reason);

// The problems of a statement's period (`statement show`, `statement export`): ENTERPRISE-ID
// (unknown), --from and --to (not dates, or --to before --from). Empty dates are the defaults
// (from the beginning, to today), checked against each other by Book::statement.
[[nodiscard]] Errors statement_period_problems(store::Store& store, const std::string& enterprise,
                                               const std::string& from, const std::string& to);

}  // namespace semilla::book
