// SPDX-License-Identifier: Apache-2.0
// The stateless rules of the book's record members: what makes an account name, an
// enterprise's attributes or a book's settings valid on their own. The commands (book.cpp)
// check what a user typed with them and the payload decoders (payload.cpp, the grants'
// snapshot) check what a record holds with them, so a record verifies only if a command could
// have built it. Rules that need the book's state (a name already taken, an enterprise that
// does not exist, a type that differs from the root's siblings) are the replay's.
//
// Each returns kInvalid (kLimitExceeded for a length or depth) naming `field`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/error.h"

namespace semilla::book {

// 1..kAccountNameBytesMax bytes of check_text() text; parts separated by ':', each non-empty
// and without leading or trailing spaces; at most kAccountDepthMax parts.
[[nodiscard]] Status check_account_name(std::string_view name, std::string_view field);

// Enterprise attributes (docs/audit-format.md §2.3):
// kind: individual, family, association or cooperative (never empty in a record).
[[nodiscard]] Status check_enterprise_kind(std::string_view kind, std::string_view field);
// sex: female, male, other, or empty.
[[nodiscard]] Status check_sex(std::string_view sex, std::string_view field);
// status: empty, a built-in status (the categories of R4V and UNHCR: migrant, refugee,
// asylum-seeker, irregular, returnee, host, stateless, other), or a name a book may define
// (check_status_name). Whether a book defined it is the rules' (check_status_known, rules.h).
[[nodiscard]] Status check_migration_status(std::string_view status, std::string_view field);
// The name of a status a book defines: 1..kStatusNameBytesMax bytes of a-z, 0-9 and '-',
// starting with a letter and not ending with '-'.
[[nodiscard]] Status check_status_name(std::string_view name, std::string_view field);
// The built-in statuses, in the order above.
[[nodiscard]] const std::vector<std::string>& builtin_statuses();
[[nodiscard]] bool is_builtin_status(std::string_view status);
// nationality: is_country_code() (ISO 3166-1 alpha-2, XK, XX), or empty.
[[nodiscard]] Status check_nationality(std::string_view code, std::string_view field);
// province, cohort: check_text() of at most kAttributeBytesMax bytes, may be empty.
[[nodiscard]] Status check_attribute(std::string_view text, std::string_view field);
// birth_year: limits::kYearMin..`this_year` (the current year in the book's zone).
[[nodiscard]] Status check_birth_year(std::int64_t year, int this_year, std::string_view field);

// book.init's name: check_text() of at most kNameBytesMax bytes, may be empty.
[[nodiscard]] Status check_book_name(std::string_view name, std::string_view field);

}  // namespace semilla::book
