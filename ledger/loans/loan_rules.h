// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/loans: every rule a loan command decides, written once. A command calls
// these functions on the live tables and then applies its record through apply_loan_record();
// `audit verify` and `book import` apply each replayed record through the same function, so a
// loan record verifies exactly when a loan command could have written it. Derived members (the
// schedule, the allocation, the module transaction's postings) are recomputed here with the
// functions the commands use and must be equal.
//
// Errors carry the command's code, field and words; the replay turns them into kVerifyFailed
// naming the record.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "ledger/book/book.h"
#include "ledger/loans/loan_records.h"
#include "ledger/loans/schedule.h"

namespace semilla::loans::internal {

// What the loan rules read of the book besides the loan's own state: the live tables for a
// command, the state replayed so far for verification.
class LoanWorld {
 public:
  virtual ~LoanWorld() = default;
  [[nodiscard]] virtual Result<bool> has_account(const std::string& name) = 0;
  [[nodiscard]] virtual Result<bool> has_enterprise(const std::string& id) = 0;
  [[nodiscard]] virtual Result<bool> has_product(const std::string& name) = 0;
  // The terms of product `name`, when it exists.
  [[nodiscard]] virtual Result<std::optional<LoanTerms>> product_terms(const std::string& name) = 0;
  // The seq of the record that closed `month` ("2026-03") when it is closed now.
  [[nodiscard]] virtual Result<std::optional<std::uint64_t>> closed_by(
      const std::string& month) = 0;
};

// A LoanWorld read from the store (inside the command's database transaction).
[[nodiscard]] std::unique_ptr<LoanWorld> store_world(store::Store& store);

// One record's circumstances.
struct RecordContext {
  LoanWorld& world;
  Date today;  // the record's day in the book's zone (its `time`), never a clock
  // The book transaction posted right before the record, which the record names in its member
  // "transaction"; nullptr when none was.
  const book::Transaction* transaction = nullptr;
};

// Applies record `seq` to `state` after checking every rule its command decides; the rows it
// writes. The first broken rule is the error (apply_record's decoding errors first).
[[nodiscard]] Result<LoanChange> apply_loan_record(std::string_view kind,
                                                   const nlohmann::json& payload, std::uint64_t seq,
                                                   LoanState& state, const RecordContext& ctx);

// ---- The rules, each called by its command (to refuse early, with its words) and by
// apply_loan_record.

// The account exists. kNotFound, field --cash-account.
[[nodiscard]] Status check_cash_account(LoanWorld& world, const std::string& name);
// `date` is not before `floor` (the loan's `what`: "disbursement"...). kRefused, field --date.
[[nodiscard]] Status check_not_before(Date date, std::optional<Date> floor, const char* what);
// A day a record without a transaction may carry: not after `today`, not in a closed month;
// the book's rules for a transaction's date (ledger/book/rules.h). kRefused, field --date.
[[nodiscard]] Status check_day(LoanWorld& world, Date date, Date today);
// The loan's status allows `action` ("repayment"): it is active. kRefused, field LOAN-ID.
[[nodiscard]] Status refuse_status(const store::LoanRow& row, const char* action);

// The transactions the operations post, from what their records say.
[[nodiscard]] book::TransactionDraft disbursement_draft(const store::LoanRow& row,
                                                        const Schedule& s, const std::string& cash,
                                                        Date date);
// Cash debited with `amount`, one credit per component of `totals`.
[[nodiscard]] book::TransactionDraft repayment_draft(const store::LoanRow& row,
                                                     const Components& totals, const Amount& amount,
                                                     const std::string& cash, Date date,
                                                     const std::string& ref);
[[nodiscard]] book::TransactionDraft write_off_draft(const store::LoanRow& row,
                                                     const Amount& principal, Date date);
[[nodiscard]] book::TransactionDraft recovery_draft(const store::LoanRow& row, const Amount& amount,
                                                    const std::string& cash, Date date,
                                                    const std::string& ref);
// The income account of a component other than the principal.
[[nodiscard]] const char* income_account(Component c);

// The members `loan disburse` derives from the schedule.
[[nodiscard]] nlohmann::json installments_json(const Schedule& s);
// The lines `loan repay` derives from the allocation.
[[nodiscard]] nlohmann::json lines_json(const Allocation& a);

}  // namespace semilla::loans::internal
