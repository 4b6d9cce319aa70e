// SPDX-License-Identifier: Apache-2.0
// The positions of partners' loans, as their signed statements reported them
// (docs/exchange.md §3, "Importing": each `statement.import` record, docs/audit-format.md).
// A partner's loan is not a loan of this book: the book keeps what the partner said about it,
// one row per (issuer, loan, as-of date), append-only; `portfolio` reads the latest row of
// each loan at a date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/date.h"
#include "ledger/store/store.h"

namespace semilla::store {

struct PartnerLoanRow {
  std::string issuer;   // the statement's issuer id
  std::string loan_id;  // the partner's loan id
  Date as_of = Date::from_ymd(1970, 1, 1);  // the statement's last day
  std::string enterprise, currency, status;
  std::string position;  // the statement's `loans` item, RFC 8785 canonical JSON
  std::uint64_t audit_seq = 0;  // the statement.import record

  friend bool operator==(const PartnerLoanRow&, const PartnerLoanRow&) = default;
};

class PartnerLoanStore {
 public:
  virtual ~PartnerLoanStore() = default;
  [[nodiscard]] virtual Status insert_partner_loan(const PartnerLoanRow& row) = 0;
  // The row of (issuer, loan, as_of); nullopt when none.
  [[nodiscard]] virtual Result<std::optional<PartnerLoanRow>> find_partner_loan(
      std::string_view issuer, std::string_view loan_id, Date as_of) = 0;
  // The earliest row of (issuer, loan), which fixes its enterprise and currency.
  [[nodiscard]] virtual Result<std::optional<PartnerLoanRow>> first_partner_loan(
      std::string_view issuer, std::string_view loan_id) = 0;
  // Per (issuer, loan), its latest row dated `as_of` or before, by issuer and loan.
  [[nodiscard]] virtual Result<std::vector<PartnerLoanRow>> partner_loans_as_of(Date as_of) = 0;
  // Every row, by audit_seq then loan.
  [[nodiscard]] virtual Status for_each_partner_loan(const Visitor<PartnerLoanRow>& v) = 0;
};

}  // namespace semilla::store
