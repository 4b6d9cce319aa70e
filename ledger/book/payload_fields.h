// SPDX-License-Identifier: Apache-2.0
// Reading the members of an audit record's payload, for every module's replay (book, loans,
// grants). A payload that does not have the member as documented is a record verify must
// refuse, so every error is kVerifyFailed with the field "payload/<member>".
//
// The readers accept exactly what the encoders write and nothing else, so that a record has
// one byte string: a decoder first calls payload_members() (no member it does not know), then
// reads each member with the reader of its type, then checks each value with the validator
// the command used when it built the value (check_text, check_identifier, the book's fields.h,
// the loans' terms validate...). Readers never allocate on success beyond the value returned.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ledger/base/date.h"
#include "ledger/base/error.h"
#include "ledger/money/amount.h"

namespace semilla::book {

// kVerifyFailed for member `member` of a payload.
[[nodiscard]] Error payload_error(std::string_view member, const std::string& what);
// `e` (a payload_error, or a validator's error) moved under the object at `path` of the
// payload: member "amount" of path "tranches/2" is named "payload/tranches/2/amount".
[[nodiscard]] Error payload_nested(std::string_view path, const Error& e);
// A validator's error (kInvalid "--memo" ...) as the payload's: kVerifyFailed naming `member`,
// with the validator's message.
[[nodiscard]] Status payload_check(Status checked, std::string_view member);

// `p` is an object whose members are all among `members` (which ones must be there is each
// reader's business). An unknown member is kVerifyFailed naming it: "payload/<path>/<name>"
// ("payload/<name>" when `path` is empty).
[[nodiscard]] Status payload_members(const nlohmann::json& p,
                                     std::initializer_list<std::string_view> members,
                                     std::string_view path = "");
// The same for a member table kept in an array.
[[nodiscard]] Status payload_members(const nlohmann::json& p,
                                     std::span<const std::string_view> members,
                                     std::string_view path = "");

// A string member; missing or of another type is an error.
[[nodiscard]] Result<std::string> payload_string(const nlohmann::json& p,
                                                 std::string_view member);
// A member that is a string or null (no value); missing is an error.
[[nodiscard]] Result<std::optional<std::string>> payload_optional_string(
    const nlohmann::json& p, std::string_view member);
// An integer member (a JSON integer, never a fraction).
[[nodiscard]] Result<std::int64_t> payload_integer(const nlohmann::json& p,
                                                   std::string_view member);
// An integer member or null; missing is an error.
[[nodiscard]] Result<std::optional<std::int64_t>> payload_optional_integer(
    const nlohmann::json& p, std::string_view member);
// A date member "YYYY-MM-DD".
[[nodiscard]] Result<Date> payload_date(const nlohmann::json& p, std::string_view member);
// A date member or null; missing is an error.
[[nodiscard]] Result<std::optional<Date>> payload_optional_date(const nlohmann::json& p,
                                                                std::string_view member);
// A decimal string member in `currency`, any sign, spelt exactly as Amount::to_string()
// writes it (Amount::parse_canonical: "1.00" for USD, never "1" or "1.0").
[[nodiscard]] Result<money::Amount> payload_amount(const nlohmann::json& p,
                                                   std::string_view member,
                                                   money::Currency currency);
// A string member that check_text() accepts (valid UTF-8, no control character, at most
// `max_bytes`, non-empty unless `allow_empty`).
[[nodiscard]] Result<std::string> payload_text(const nlohmann::json& p, std::string_view member,
                                               std::size_t max_bytes, bool allow_empty = true);
// A string member that check_identifier() accepts (limits::kIdBytesMax).
[[nodiscard]] Result<std::string> payload_identifier(const nlohmann::json& p,
                                                     std::string_view member);
// An ISO 4217 code member Semilla knows (Currency::find).
[[nodiscard]] Result<money::Currency> payload_currency(const nlohmann::json& p,
                                                       std::string_view member);
// An integer member in min..max.
[[nodiscard]] Result<std::int64_t> payload_integer_in(const nlohmann::json& p,
                                                      std::string_view member,
                                                      std::int64_t min, std::int64_t max);

}  // namespace semilla::book
