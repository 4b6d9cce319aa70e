// SPDX-License-Identifier: Apache-2.0
// Reading the members of an audit record's payload, for every module's replay (book, loans,
// grants). A payload that does not have the member as documented is a record verify must
// refuse, so every error is kVerifyFailed with the field "payload/<member>".
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/base/date.h"
#include "ledger/base/error.h"
#include "ledger/money/amount.h"

namespace semilla::book {

// kVerifyFailed for member `member` of a payload.
[[nodiscard]] Error payload_error(std::string_view member, const std::string& what);

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
// A decimal string member in `currency` (any sign; no more decimals than the currency has).
[[nodiscard]] Result<money::Amount> payload_amount(const nlohmann::json& p,
                                                   std::string_view member,
                                                   money::Currency currency);

}  // namespace semilla::book
