// SPDX-License-Identifier: Apache-2.0
// What a partner's statement says about its loans, kept in this book (docs/exchange.md §3,
// "Importing", and the `statement.import` record of docs/audit-format.md). `statement import`
// records, per statement, the position of every loan its `loans` list reports as of the
// period's last day; `portfolio` shows the partner's loans with their PAR from them.
//
// The rules of that record live here once: the import checks a new record with them against
// the tables, and `audit verify` / `book import` check each replayed record against the state
// rebuilt so far, so that a bundle verifies exactly when an import could have written it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/base/date.h"
#include "ledger/base/error.h"
#include "ledger/loans/arrears.h"
#include "ledger/store/partner_loan_store.h"

namespace semilla::exchange {

inline constexpr std::string_view kKindStatementImport = "statement.import";

// Registers the exchange module's share of `audit verify` (book::register_module_replay).
void register_module();

// Every problem of one `loans` item of a statement (or of a statement.import record) at JSON
// pointer `at`: unknown or mistyped members, a loan id that is no identifier, an unknown
// currency, amounts not at its scale, a date that does not exist, a status outside
// open / active / closed / written-off. Empty when it is sound. `canonical`: amounts only in
// the spelling Amount::to_string writes (a record's payload, where a second spelling would be
// a second content).
[[nodiscard]] Errors check_loan_position(const nlohmann::json& item, const std::string& at,
                                         bool canonical = false);

// A sound `loans` item with its amounts in canonical spelling: what the record holds.
[[nodiscard]] nlohmann::json canonical_position(const nlohmann::json& item);

// The book before the record being checked.
class PartnerLoanState {
 public:
  virtual ~PartnerLoanState() = default;
  [[nodiscard]] virtual Result<bool> has_enterprise(const std::string& id) = 0;
  [[nodiscard]] virtual Result<std::optional<store::PartnerLoanRow>> position(
      std::string_view issuer, std::string_view loan_id, Date as_of) = 0;
  // Any earlier position of the loan (it fixes the enterprise and currency).
  [[nodiscard]] virtual Result<std::optional<store::PartnerLoanRow>> first(
      std::string_view issuer, std::string_view loan_id) = 0;
};

// The same state read from the store (the command path, inside its transaction).
class StorePartnerLoanState final : public PartnerLoanState {
 public:
  explicit StorePartnerLoanState(store::Store& store) : store_(store) {}
  Result<bool> has_enterprise(const std::string& id) override;
  Result<std::optional<store::PartnerLoanRow>> position(std::string_view issuer,
                                                        std::string_view loan_id,
                                                        Date as_of) override;
  Result<std::optional<store::PartnerLoanRow>> first(std::string_view issuer,
                                                     std::string_view loan_id) override;

 private:
  store::Store& store_;
};

// Applies a statement.import payload recorded on `today` (the record's day in the book's
// zone): every rule, in a fixed order; the rows it adds (audit_seq left 0 for the caller),
// without those the book holds already with the same content. Errors name the JSON pointer
// in the payload ("/loans/2/arrears"): members exactly issuer, statement, enterprise, from,
// to, signer, loans; identifiers; from <= to <= today; a known enterprise; sound loans
// (check_loan_position), each once; a loan keeps its enterprise and currency (kConflict), and
// a loan's position on a day, once recorded, is not recorded differently (kConflict).
[[nodiscard]] Result<std::vector<store::PartnerLoanRow>, Errors> apply_statement_import(
    PartnerLoanState& state, const nlohmann::json& payload, Date today);

// The partners' loans as of a date, for `portfolio`: per issuer and currency, the latest
// position of each loan at or before the date and the PAR over them (loans/arrears.h), with
// written-off loans counted apart.
struct PartnerLoan {
  store::PartnerLoanRow row;
  std::int64_t days_past_due = 0;
  std::optional<money::Amount> arrears, outstanding_principal;
};

struct PartnerPortfolio {
  std::string issuer;
  money::Currency currency;
  loans::PortfolioArrears arrears;
  std::size_t written_off_count = 0;
  std::vector<PartnerLoan> loans;  // every loan reported, by loan id
};

[[nodiscard]] Result<std::vector<PartnerPortfolio>> partner_portfolio(store::Store& store,
                                                                      Date as_of);

}  // namespace semilla::exchange
