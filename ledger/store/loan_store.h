// SPDX-License-Identifier: Apache-2.0
// LoanStore: the loan module's tables (products, loans, schedules, events, allocations). Rows
// hold only primitive, already validated values: the rules live in ledger/loans, which also
// writes each row in the same database transaction as the audit record it follows from.
//
// Money is a signed count of minor units with the loan's currency; dates are calendar dates.
// Failures of the database are kEnvironment errors, as everywhere in the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/store/store.h"

namespace semilla::store {

// A loan product: its defaults as canonical JSON text of the term options.
struct LoanProductRow {
  std::string name;
  std::string currency;
  std::string cash_account;   // default account that pays disbursements and receives cash
  std::string terms_json;     // {"rate":"24","installments":"12",...}: every option
  std::uint64_t audit_seq = 0;

  friend bool operator==(const LoanProductRow&, const LoanProductRow&) = default;
};

// A loan and its current state. Updated as records change it (status, dates, sums).
struct LoanRow {
  std::string id, enterprise, product, currency;
  std::int64_t principal_minor = 0;
  std::string terms_json;           // the loan's effective terms (product plus overrides)
  std::string cash_account;         // default cash account of its operations
  std::string receivable_account;   // Assets:Loans:<ENTERPRISE>:<LOAN>
  Date expected_on = Date::from_ymd(1970, 1, 1);  // disbursement date given at open
  std::string status;               // open | active | closed | written-off
  std::optional<Date> disbursed_on, closed_on, written_off_on;
  std::int64_t written_off_minor = 0;  // everything owed when written off
  std::int64_t recovered_minor = 0;    // recovered since
  std::uint64_t audit_seq = 0;         // the loan.open record

  friend bool operator==(const LoanRow&, const LoanRow&) = default;
};

// One instalment of a disbursed loan's schedule (fixed at disbursement).
struct LoanInstallmentRow {
  std::string loan_id;
  int n = 0;
  Date due_date = Date::from_ymd(1970, 1, 1);
  std::int64_t principal_minor = 0, interest_minor = 0, fee_minor = 0;

  friend bool operator==(const LoanInstallmentRow&, const LoanInstallmentRow&) = default;
};

// One loan record after loan.open: what happened, when, with which book transaction.
struct LoanEventRow {
  std::uint64_t seq = 0;           // the audit record
  std::string loan_id;
  std::string kind;                // loan.disburse, loan.repay, loan.reverse, ...
  Date day = Date::from_ymd(1970, 1, 1);
  std::int64_t amount_minor = 0;
  std::optional<std::int64_t> transaction_id;
  std::optional<std::uint64_t> reverses_seq;  // loan.reverse: the loan.repay it undoes
  std::optional<std::string> ref;             // loan.repay: the external reference

  friend bool operator==(const LoanEventRow&, const LoanEventRow&) = default;
};

// A piece of a repayment (positive) or of its reversal (negative), dated like the event.
struct LoanAllocationRow {
  std::uint64_t event_seq = 0;
  int idx = 0;                     // position within the event
  std::string loan_id;
  int n = 0;                       // instalment
  std::string component;           // penalty | fee | interest | principal
  Date day = Date::from_ymd(1970, 1, 1);
  std::int64_t amount_minor = 0;

  friend bool operator==(const LoanAllocationRow&, const LoanAllocationRow&) = default;
};

// An instalment with what was paid on it by the end of some date, per component.
struct LoanInstallmentPosition {
  LoanInstallmentRow due;
  std::int64_t paid_penalty_minor = 0, paid_fee_minor = 0, paid_interest_minor = 0,
               paid_principal_minor = 0;
};

class LoanStore {
 public:
  virtual ~LoanStore() = default;

  [[nodiscard]] virtual Status insert_product(const LoanProductRow& p) = 0;
  [[nodiscard]] virtual Result<std::optional<LoanProductRow>> find_product(
      std::string_view name) = 0;
  // Ordered by name.
  [[nodiscard]] virtual Result<std::vector<LoanProductRow>> list_products() = 0;

  // insert_loan adds a new id; update_loan replaces the row of loan.id (which must exist).
  [[nodiscard]] virtual Status insert_loan(const LoanRow& loan) = 0;
  [[nodiscard]] virtual Status update_loan(const LoanRow& loan) = 0;
  [[nodiscard]] virtual Result<std::optional<LoanRow>> find_loan(std::string_view id) = 0;
  // The loans of one enterprise in id order (one indexed query).
  [[nodiscard]] virtual Result<std::vector<LoanRow>> loans_of(std::string_view enterprise) = 0;
  // Every loan in id order, with its enterprise's cohort (for the portfolio report).
  [[nodiscard]] virtual Status for_each_loan(
      const std::function<Status(const LoanRow&, const std::string& cohort)>& visit) = 0;

  [[nodiscard]] virtual Status insert_installments(
      const std::vector<LoanInstallmentRow>& rows) = 0;
  [[nodiscard]] virtual Status insert_event(const LoanEventRow& e) = 0;
  [[nodiscard]] virtual Status insert_allocations(const std::vector<LoanAllocationRow>& rows) = 0;

  // The loan's events in seq order.
  [[nodiscard]] virtual Result<std::vector<LoanEventRow>> events(std::string_view loan_id) = 0;
  // The loan.repay event that posted transaction `transaction_id`, if any.
  [[nodiscard]] virtual Result<std::optional<LoanEventRow>> find_event_by_transaction(
      std::int64_t transaction_id) = 0;
  // The allocation rows of one event, in idx order.
  [[nodiscard]] virtual Result<std::vector<LoanAllocationRow>> allocations(
      std::uint64_t event_seq) = 0;

  // Instalments with what was paid on them by the end of `as_of` (everything when nullopt):
  // of one loan, or of every loan in (loan id, n) order.
  [[nodiscard]] virtual Result<std::vector<LoanInstallmentPosition>> positions(
      std::string_view loan_id, std::optional<Date> as_of) = 0;
  [[nodiscard]] virtual Status for_each_position(
      std::optional<Date> as_of, const Visitor<LoanInstallmentPosition>& visit) = 0;

  // Full scans for verification, in primary-key order.
  [[nodiscard]] virtual Status for_each_installment(const Visitor<LoanInstallmentRow>& v) = 0;
  [[nodiscard]] virtual Status for_each_event(const Visitor<LoanEventRow>& v) = 0;
  [[nodiscard]] virtual Status for_each_allocation(const Visitor<LoanAllocationRow>& v) = 0;
};

}  // namespace semilla::store
