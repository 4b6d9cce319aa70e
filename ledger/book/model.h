// SPDX-License-Identifier: Apache-2.0
// The book's records as plain values: what the store keeps and the audit log replays.
// Validation lives in book.h; these types only hold data that has already been validated.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ledger/base/date.h"
#include "ledger/money/amount.h"

namespace semilla::book {

enum class AccountType { kAsset, kLiability, kEquity, kIncome, kExpense };

// Names of the account types, as users type them and records store them. Inline (not in a
// .cpp of the book library) because the store, which the book library depends on, needs them.
inline constexpr std::array<std::pair<AccountType, std::string_view>, 5> kAccountTypeNames{{
    {AccountType::kAsset, "asset"},
    {AccountType::kLiability, "liability"},
    {AccountType::kEquity, "equity"},
    {AccountType::kIncome, "income"},
    {AccountType::kExpense, "expense"},
}};

// "asset", "liability", "equity", "income", "expense".
[[nodiscard]] inline std::string_view account_type_name(AccountType type) {
  for (const auto& [t, name] : kAccountTypeNames) {
    if (t == type) return name;
  }
  return "unknown";
}

// kInvalid naming `field` for anything but the five names.
[[nodiscard]] inline Result<AccountType> parse_account_type(std::string_view text,
                                                            std::string_view field = "--type") {
  for (const auto& [t, name] : kAccountTypeNames) {
    if (name == text) return t;
  }
  return make_error(ErrorCode::kInvalid, std::string(field),
                    "\"" + std::string(text) +
                        "\" is not an account type; use asset, liability, equity, income "
                        "or expense");
}

// Settings fixed at `init`.
struct BookInfo {
  std::string name;
  std::string currency;   // default currency: amounts without a code are in it
  std::string timezone;   // IANA zone that decides what "today" is
};

struct Account {
  std::int64_t id = 0;                    // assigned in order of creation, from 1
  std::string name;                       // "Assets:Bank:Pichincha"
  AccountType type = AccountType::kAsset;
  std::optional<std::string> currency;    // when set, the only currency it accepts
  std::optional<std::string> enterprise;  // owner: its postings appear in that statement
  std::uint64_t audit_seq = 0;            // the record that created it

  friend bool operator==(const Account&, const Account&) = default;
};

// The non-identifying attributes donors report on. Names live outside the chain.
struct Enterprise {
  std::string id;                         // chosen by the user: "EC-0001"
  std::string kind;                       // individual | family | association | cooperative
  std::string sex;                        // owner's: female | male | other | "" (unknown)
  std::optional<int> birth_year;
  std::string nationality;                // ISO 3166-1 alpha-2, "" when unknown
  std::string status;                     // a known migration status (fields.h), or ""
  std::string province;
  std::string cohort;
  std::uint64_t audit_seq = 0;

  friend bool operator==(const Enterprise&, const Enterprise&) = default;
};

// A migration status a book adds to the built-in list (status define): a name enterprises and
// members can then carry, with the label reports show.
struct StatusName {
  std::string name;   // "displaced"
  std::string label;  // "Internally displaced (IDP)"
  std::uint64_t audit_seq = 0;  // the status.define record

  friend bool operator==(const StatusName&, const StatusName&) = default;
};

// One officer record (officer.add, officer.roles, officer.revoke; officers.h): its payload,
// its signer, and the row of the officer_records table that projects it.
struct OfficerRecord {
  std::uint64_t audit_seq = 0;
  std::string kind;                // "officer.add", "officer.roles" or "officer.revoke"
  std::string name;                // the officer's name (audit::is_signer_name)
  std::vector<std::string> roles;  // add, roles: the role names, sorted; revoke: empty
  std::string verifier_key;        // add: the officer's Ed25519 verifier key; else ""
  std::string reason;              // revoke: why; else ""
  std::string signer;              // the officer who signed the record

  friend bool operator==(const OfficerRecord&, const OfficerRecord&) = default;
};

// A record of the approvals (policy.set, approval.request, approval.approve,
// approval.reject: ledger/book/approvals.h), as the approval_records table keeps it.
struct ApprovalRecord {
  std::uint64_t audit_seq = 0;
  std::string kind;
  std::string time;     // the record's time
  std::string signer;   // the officer who signed it
  std::string hash;     // the record's hash, lower-case hex
  std::string payload;  // its payload, canonical JSON

  friend bool operator==(const ApprovalRecord&, const ApprovalRecord&) = default;
};

// One side of a transaction: debits are positive, credits negative.
struct Posting {
  std::int64_t account_id = 0;
  std::string account;      // the account's name, denormalised for reading
  money::Amount amount = money::Amount::zero(*money::Currency::find("USD"));

  friend bool operator==(const Posting&, const Posting&) = default;
};

struct Transaction {
  std::int64_t id = 0;                     // assigned in order of posting, from 1
  Date date = Date::from_ymd(1970, 1, 1);  // effective (value) date
  std::string recorded_at;                 // RFC 3339 UTC: when it entered the book
  std::string memo;
  std::optional<std::string> ref;          // external reference: idempotency key
  std::optional<std::string> enterprise;
  std::optional<std::int64_t> reverses;    // the transaction this one reverses
  std::string reason;                      // why, for a reversal
  std::vector<Posting> postings;
  std::uint64_t audit_seq = 0;

  friend bool operator==(const Transaction&, const Transaction&) = default;
};

// One row of the balance table: the net change of an account in one currency on one day,
// and the closing balance at the end of that day.
struct BalanceDay {
  std::int64_t account_id = 0;
  std::string currency;
  Date day = Date::from_ymd(1970, 1, 1);
  std::int64_t delta_minor = 0;
  std::int64_t closing_minor = 0;

  friend bool operator==(const BalanceDay&, const BalanceDay&) = default;
};

// An account's balance in one currency at some date.
struct AccountBalance {
  std::string account;
  AccountType type = AccountType::kAsset;
  money::Amount amount = money::Amount::zero(*money::Currency::find("USD"));
};

}  // namespace semilla::book
