// SPDX-License-Identifier: Apache-2.0
// The rules of the book's own records (account.add, transaction), written once. A command
// checks a new value against the live tables and `audit verify` / `book import` check each
// replayed record against the state rebuilt so far, both through these functions, so that a
// bundle verifies exactly when a command could have written it. Each side supplies the state
// through BookState: the store for commands, the replay's memory for verification.
//
// The checks here are those that need the book as it stands. Parsing a value from text (a
// draft's amount, a payload's member) is the caller's; the result is checked here again, so a
// record that decodes but says something no command writes is refused.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/date.h"
#include "ledger/base/error.h"
#include "ledger/book/model.h"

namespace semilla::book {

// What the rules need to know of a transaction posted earlier.
struct PostedFacts {
  Date date = Date::from_ymd(1970, 1, 1);
  std::int64_t reverses = 0;     // the transaction it reverses; 0 when it is no reversal
  std::int64_t reversed_by = 0;  // the later transaction that reverses it; 0 when none
  std::array<std::uint8_t, 16> digest{};  // postings_digest(t, false)
};

// The book before the record being checked.
class BookState {
 public:
  virtual ~BookState() = default;
  // The account with this name, or nullptr.
  [[nodiscard]] virtual Result<const Account*> account_named(std::string_view name) = 0;
  // The first account under `root` ("Assets"), which fixes the type of its siblings.
  [[nodiscard]] virtual Result<const Account*> account_under(std::string_view root) = 0;
  [[nodiscard]] virtual Result<bool> has_enterprise(const std::string& id) = 0;
  [[nodiscard]] virtual Result<std::optional<PostedFacts>> posted(std::int64_t id) = 0;
  // The transaction that used `ref`, if any.
  [[nodiscard]] virtual Result<std::optional<std::int64_t>> ref_used_by(const std::string& ref) = 0;
  // The seq of the record that closed `month` ("2026-03") when it is closed now.
  [[nodiscard]] virtual Result<std::optional<std::uint64_t>> closed_by(
      const std::string& month) = 0;
  // The book's IANA time zone, which decides "today" (for messages).
  [[nodiscard]] virtual std::string_view timezone() const = 0;
};

// Summarises the postings and the enterprise of `t` (amounts negated when `mirror`): a
// reversal's mirror digest equals its original's digest exactly when it undoes it.
[[nodiscard]] std::array<std::uint8_t, 16> postings_digest(const Transaction& t, bool mirror);

// The memo the book writes on the reversal of transaction `id`.
[[nodiscard]] std::string reversal_memo(std::int64_t id);

// Every rule a new transaction obeys, in a fixed order; the first broken one is returned,
// its field "postings/N", "date", "ref", "reverses", "enterprise" or "memo". `today` is the
// date in the book's zone when the transaction is recorded; `claimant` the module posting it
// ("loans"), empty for a person's post or a batch.
[[nodiscard]] Status check_transaction(BookState& state, const Transaction& t, Date today,
                                       std::string_view claimant);

// Every rule a new account obeys: a free name, an existing enterprise, the type of its root's
// accounts, and the owner's claim. Fields "name", "type", "enterprise", "currency".
[[nodiscard]] Status check_account(BookState& state, const Account& a, std::string_view claimant);

// Every rule an enterprise.update obeys, given the enterprise's attributes before it: the same
// enterprise, the same kind (a legal form is not corrected: it decides which grant and
// member rules apply), and at least one attribute changed. kConflict naming "kind", kInvalid
// naming "id" for another enterprise; kAlreadyExists (field "") when nothing changes.
[[nodiscard]] Status check_enterprise_update(const Enterprise& before, const Enterprise& after);

// The status an enterprise or a member carries (already checked by check_migration_status):
// empty, built in, or one of `defined` (the status.define records before it; the store's
// list_status_names for a command, the replay's for verification). kNotFound naming `field`,
// with the closest known statuses and the command that defines one, otherwise.
[[nodiscard]] Status check_status_known(std::span<const StatusName> defined,
                                        std::string_view status, std::string_view field);

// Every rule a status.define obeys: a name check_status_name accepts that is neither built in
// nor among `defined` (kAlreadyExists), and a label of 1..kNameBytesMax bytes of text. Fields
// "name" and "label".
[[nodiscard]] Status check_status_define(std::span<const StatusName> defined,
                                         const StatusName& s);

}  // namespace semilla::book
