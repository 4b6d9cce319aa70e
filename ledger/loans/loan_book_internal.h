// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/loans: what the LoanBook operations share.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "ledger/base/check.h"
#include "ledger/loans/loan_book.h"
#include "ledger/loans/loan_records.h"

namespace semilla::loans::internal {

// The loan `id` with its current state, or kNotFound naming LOAN-ID.
[[nodiscard]] Result<LoanState> load_state(store::Store& store, const std::string& id);
// The public view of a state.
[[nodiscard]] Result<Loan> to_loan(const LoanState& state);

// Appends the record, applies it to `state` through apply_loan_record (loan_rules.h: every
// rule the replay checks) and writes the rows, inside `tx`. `t`: the transaction the operation
// just posted, which the record names. Returns the seq; a broken rule rolls `tx` back.
[[nodiscard]] Result<std::uint64_t> write_record(book::BookTransaction& tx, std::string_view kind,
                                                 nlohmann::json payload, LoanState& state,
                                                 const book::Transaction* t = nullptr);

// The account `name` exists with `type` (created inside `tx` when missing); kConflict when an
// account of that name exists with another type or owner. Errors other than the database's
// name no field: the account is the module's, not an option the user typed.
[[nodiscard]] Status ensure_account(book::BookTransaction& tx, const std::string& name,
                                    book::AccountType type, const std::string& enterprise);

// The name under which the module owns its accounts (book/ownership.h).
inline constexpr const char* kOwner = "loans";

// Posts `draft` inside `tx` as the module, on its own accounts; the first error of a refusal.
[[nodiscard]] Result<book::PostOutcome> post(book::BookTransaction& tx,
                                             const book::TransactionDraft& draft);

// `text` as a date, or today when empty.
[[nodiscard]] Result<Date> date_or_today(const std::string& text, Date today,
                                         std::string_view field);

// A refusal naming `field`.
[[nodiscard]] Error refused(std::string_view field, const std::string& message);

}  // namespace semilla::loans::internal

// SEMILLA_TRY for functions that return Result<T, Errors>: one error becomes a list of one.
#define SEMILLA_TRY_ERRORS(expr)                                            \
  do {                                                                      \
    auto semilla_try_result_ = (expr);                                      \
    if (!semilla_try_result_.ok()) return Errors{semilla_try_result_.error()}; \
  } while (false)
