// SPDX-License-Identifier: Apache-2.0
// The audit payloads of the book's records: how each change is written into the chain and
// read back when the chain is replayed. docs/audit-format.md documents every member.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "ledger/book/model.h"

namespace semilla::book {

// Record kinds written by the book.
inline constexpr std::string_view kKindInit = "book.init";
inline constexpr std::string_view kKindAccount = "account.add";
inline constexpr std::string_view kKindEnterprise = "enterprise.add";
// The attributes of an enterprise after a correction: the members of enterprise.add
// (to_payload and enterprise_from_payload of Enterprise), all of them, changed or not.
inline constexpr std::string_view kKindEnterpriseUpdate = "enterprise.update";
inline constexpr std::string_view kKindTransaction = "transaction.post";
// A migration status the book adds to the built-in ones: {name, label}.
inline constexpr std::string_view kKindStatusDefine = "status.define";

[[nodiscard]] nlohmann::json to_payload(const BookInfo& info);
[[nodiscard]] nlohmann::json to_payload(const Account& account);
[[nodiscard]] nlohmann::json to_payload(const Enterprise& enterprise);
[[nodiscard]] nlohmann::json to_payload(const Transaction& txn);
[[nodiscard]] nlohmann::json to_payload(const StatusName& status);
// The canonical bytes (RFC 8785) of to_payload(txn), written directly: what
// audit::canonical_json(to_payload(txn)) returns, errors included, without building the tree.
[[nodiscard]] Result<std::string> canonical_payload(const Transaction& txn);

// Inverses of to_payload. `seq` and `time` come from the record around the payload.
// kVerifyFailed naming the member when the payload is malformed.
[[nodiscard]] Result<BookInfo> book_info_from_payload(const nlohmann::json& p);
[[nodiscard]] Result<Account> account_from_payload(const nlohmann::json& p, std::uint64_t seq);
[[nodiscard]] Result<Enterprise> enterprise_from_payload(const nlohmann::json& p,
                                                         std::uint64_t seq);
// The name checked with check_status_name and the label as text: whether the book may define
// it is check_status_define's (the replay's).
[[nodiscard]] Result<StatusName> status_name_from_payload(const nlohmann::json& p,
                                                          std::uint64_t seq);
[[nodiscard]] Result<Transaction> transaction_from_payload(const nlohmann::json& p,
                                                           std::uint64_t seq,
                                                           const std::string& time);

// The enterprise attributes as a payload holds them (enterprise.add, a grant event's
// snapshot), checked with the command's rules (fields.h); kVerifyFailed naming
// "payload/<member>" otherwise.
[[nodiscard]] Status check_enterprise_members(std::string_view kind, std::string_view sex,
                                              std::string_view nationality,
                                              std::string_view status,
                                              std::string_view province,
                                              std::string_view cohort);
// A birth_year member: limits::kYearMin..kYearMax. The command's tighter bound, "not after
// this year in the book's zone", needs the book's zone: check_birth_year() with it is the
// replay's.
[[nodiscard]] Status check_birth_year_member(std::int64_t year);

}  // namespace semilla::book
