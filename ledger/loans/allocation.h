// SPDX-License-Identifier: Apache-2.0
// Repayment allocation: how one payment is split over instalments and components.
//
// Pure computation on a loan's state; the book turns an Allocation into one balanced
// transaction (cash debited, one credit per component of `totals`). Rules and their Fineract
// sources are in docs/loans.md ("Repayment allocation").
#pragma once

#include <vector>

#include "ledger/base/date.h"
#include "ledger/base/error.h"
#include "ledger/loans/schedule.h"
#include "ledger/loans/terms.h"

namespace semilla::loans {

// An amount per component, all in one currency.
struct Components {
  Amount penalty;
  Amount fee;
  Amount interest;
  Amount principal;

  [[nodiscard]] static Components zero(Currency currency);
  [[nodiscard]] const Amount& get(Component component) const;
  [[nodiscard]] Amount& get(Component component);
  // penalty + fee + interest + principal.
  [[nodiscard]] Amount sum() const;

  friend bool operator==(const Components&, const Components&) = default;
};

// What one instalment asks for and what has been paid on it so far. `due` starts as the
// schedule's figures; the book adds penalties and late fees to it as they are charged.
struct InstallmentState {
  int number;
  Date due_date;
  Components due;
  Components paid;
};

// The state of a loan just disbursed: due as scheduled, nothing paid.
[[nodiscard]] std::vector<InstallmentState> initial_state(const Schedule& schedule);

// Everything still owed (due - paid) over all instalments, in `currency`.
[[nodiscard]] Components outstanding(const std::vector<InstallmentState>& state,
                                     Currency currency);

// One piece of a payment: this much of that component of that instalment.
struct AllocationLine {
  int installment_number;
  Component component;
  Amount amount;

  friend bool operator==(const AllocationLine&, const AllocationLine&) = default;
};

struct Allocation {
  std::vector<AllocationLine> lines;  // in the order the payment covered them; no zero lines
  Components totals;                  // per component: the credits of the repayment posting
  Amount in_advance;                  // the part that paid instalments due after the date
};

// Splits `payment`, received on `date`, over what `state` still owes under `policy`:
//  - oldest-first: instalment by instalment in due-date order, each one's components in
//    policy.order before the next instalment (Fineract's default strategy);
//  - due-component-first: first every instalment due on or before `date`, component by
//    component in policy.order, oldest instalment first within a component; then, what is
//    left prepays the next instalments as oldest-first does.
// A prepayment pays the next instalments in due-date order; their amounts do not change.
// Errors: payment not positive (kInvalid, "--amount"); another currency (kCurrencyMismatch);
// a payment above everything owed is kRefused with the excess in the message: the caller
// records the excess elsewhere (a refund or a deposit), never on the loan.
[[nodiscard]] Result<Allocation> allocate_payment(const std::vector<InstallmentState>& state,
                                                  const Amount& payment, Date date,
                                                  const AllocationPolicy& policy);

// `state` with the allocation added to the paid amounts. Precondition: `allocation` was made
// from this state (checked: no component is paid beyond its due).
[[nodiscard]] std::vector<InstallmentState> apply_allocation(std::vector<InstallmentState> state,
                                                             const Allocation& allocation);

}  // namespace semilla::loans
