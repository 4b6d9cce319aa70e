// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/loans: the loan record kinds, their payloads, and the one function that
// turns a record into table rows. The live operations and `audit verify` both go through
// apply_record(), so the tables verify rebuilds are by construction the ones the book wrote.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/check.h"
#include "ledger/loans/allocation.h"
#include "ledger/loans/terms.h"
#include "ledger/store/loan_store.h"

namespace semilla::loans::internal {

inline constexpr std::string_view kKindProduct = "loan.product";
inline constexpr std::string_view kKindOpen = "loan.open";
inline constexpr std::string_view kKindDisburse = "loan.disburse";
inline constexpr std::string_view kKindRepay = "loan.repay";
inline constexpr std::string_view kKindReverse = "loan.reverse";
inline constexpr std::string_view kKindWriteOff = "loan.write-off";
inline constexpr std::string_view kKindRecover = "loan.recover";
// A loan opened by mistake, closed before disbursement (status cancelled, nothing posted).
inline constexpr std::string_view kKindCancel = "loan.cancel";
// A disbursement undone while nothing was repaid: after the reversal of the disbursement's
// transaction, the loan is cancelled.
inline constexpr std::string_view kKindReverseDisbursement = "loan.reverse-disbursement";

[[nodiscard]] bool is_loan_kind(std::string_view kind);

// Terms as a JSON object of option values without the leading "--" ({"rate": "24"}), and back.
// terms_from_json accepts exactly what terms_to_json writes for terms that validate() accepts:
// kVerifyFailed naming "payload/terms/<option>" for an option that does not parse or validate,
// and "payload/terms" for any other spelling (a missing or extra option, "24.0" for "24").
[[nodiscard]] nlohmann::json terms_to_json(const LoanTerms& terms);
[[nodiscard]] Result<LoanTerms> terms_from_json(const nlohmann::json& j);

// A loan id: check_identifier() without ':' (the id is a part of its receivable's name).
// kInvalid naming `field`. LoanBook::open checks LOAN-ID with it, the loan.open decoder the
// payload's `loan`.
[[nodiscard]] Status check_loan_id(std::string_view id, std::string_view field);
// The receivable account of a loan: "Assets:Loans:<enterprise>:<loan>".
[[nodiscard]] std::string receivable_account_name(std::string_view enterprise,
                                                  std::string_view loan);

// One instalment of a loan's state between records: what is due and what has been paid on
// it, per component (indexed by Component), in minor units of the loan's currency. Integers
// rather than Amounts (64 bytes each): `audit verify` holds the state of every loan at once.
struct InstallmentMinor {
  int n = 0;
  Date due_date = Date::from_ymd(1970, 1, 1);
  std::array<std::int64_t, kComponentsCount> due{}, paid{};
};

// One line of a repayment's allocation: a positive amount in minor units.
struct LineMinor {
  int n = 0;
  Component component = Component::kPrincipal;
  std::int64_t amount = 0;
};

// A repayment not yet reversed: what a loan.reverse of it must undo.
struct Repayment {
  std::int64_t transaction = 0;  // the book transaction it posted
  std::vector<LineMinor> lines;
};

// A loan's state between records: its row and, once disbursed, its instalments; the
// repayments not yet reversed (by seq), which a loan.reverse needs; and the day of its last
// operation, before which no write-off may be dated.
struct LoanState {
  std::optional<store::LoanRow> row;
  std::vector<InstallmentMinor> installments;
  std::map<std::uint64_t, Repayment> repayments;
  std::optional<Date> last_day;
  // The transaction of its loan.disburse; 0 before disbursement.
  std::int64_t disbursement_transaction = 0;
  // The row's terms, parsed once (loan_rules.cpp): a replay reads them at every repayment.
  std::shared_ptr<const LoanTerms> terms;
};

// What one record writes.
struct LoanChange {
  std::optional<store::LoanProductRow> product;
  bool new_loan = false;
  std::optional<store::LoanRow> loan;   // the loan's row after the record
  std::vector<store::LoanInstallmentRow> installments;
  std::optional<store::LoanEventRow> event;
  std::vector<store::LoanAllocationRow> allocations;
};

// The "loan" member of a loan record's payload ("" for loan.product).
[[nodiscard]] std::string loan_of(const nlohmann::json& payload);

// Applies record `seq` of `kind` to `state` (the state of the loan it names; empty for
// loan.open; ignored for loan.product) and returns the rows it writes. kVerifyFailed naming
// the member when the payload is malformed (a member the operation never writes, an amount
// not spelt as Amount::to_string writes it or of the wrong sign, an id or account name its
// command would refuse, terms that do not validate) or does not fit the loan's state (a
// repayment before disbursement, a line above what is owed...).
[[nodiscard]] Result<LoanChange> apply_record(std::string_view kind, const nlohmann::json& p,
                                              std::uint64_t seq, LoanState& state);

// Everything the instalments still owe, per component.
[[nodiscard]] Components owed(const LoanState& state);

// Instalments from stored positions (paid as of some date).
[[nodiscard]] std::vector<InstallmentMinor> minor_installments(
    const std::vector<store::LoanInstallmentPosition>& positions);
// The instalments as the engine takes them (allocation, arrears, status), in `currency`.
[[nodiscard]] std::vector<InstallmentState> installment_states(
    const std::vector<InstallmentMinor>& installments, Currency currency);
// Both: the engine's instalments from stored positions.
[[nodiscard]] std::vector<InstallmentState> state_from_positions(
    const std::vector<store::LoanInstallmentPosition>& positions, Currency currency);

// Component <-> "penalty" | "fee" | "interest" | "principal" (the allocation table's spelling).
[[nodiscard]] const char* component_key(Component c);

}  // namespace semilla::loans::internal
