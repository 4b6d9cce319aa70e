// SPDX-License-Identifier: Apache-2.0
// An enterprise's statement: everything the book holds that concerns one enterprise over a
// period. Its own accounts (opening balance, lines, closing balance), its grants (awarded,
// disbursed, returned, released), its loans (disbursed, repaid by component, written off,
// recovered, outstanding principal and arrears), every transaction tagged with it, and a
// summary with opening, period and closing figures per kind and currency.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ledger/book/book.h"
#include "ledger/store/store.h"

namespace semilla::reports {

// A figure at the start of the period (the end of the day before --from; zero without
// --from), its change during the period, and its value at the end of --to. Flows (awarded,
// repaid...) count from the first event; stocks (balances, outstanding, overdue) are values.
// closing = opening + period, in minor units of `currency`.
struct Figure {
  std::string kind;      // "grants.disbursed", "loans.principal-repaid", ... (docs/cli.md)
  std::string currency;
  std::int64_t opening_minor = 0, period_minor = 0, closing_minor = 0;
};

struct StatementGrant {
  std::string id, fund, currency;
  std::string status;               // at --to: awarded | paid | cancelled
  std::vector<Figure> figures;      // grants.awarded, .disbursed, .returned, .released
};

struct StatementLoan {
  std::string id, product, currency;
  std::string status;               // at --to: open | active | closed | written-off
  std::int64_t days_past_due = 0;   // at --to
  std::vector<Figure> figures;      // loans.* (docs/cli.md)
};

struct EnterpriseStatement {
  book::Statement accounts;         // its own accounts, as Book::statement
  std::optional<std::string> name;  // outside the chain; nullopt when erased or never given
  std::vector<StatementGrant> grants;
  std::vector<StatementLoan> loans;
  std::vector<store::RegisterLine> tagged;  // postings of its transactions in the period
  std::vector<Figure> summary;      // per kind and currency, over all of the above
};

// Every problem is reported: an unknown enterprise (kNotFound on "ENTERPRISE-ID", with the
// closest ids), a bad --from or --to, a period that ends before it starts. --to defaults to
// today, --from to the beginning.
[[nodiscard]] Result<EnterpriseStatement, Errors> enterprise_statement(
    book::Book& book, const std::string& enterprise, const std::string& from,
    const std::string& to);

}  // namespace semilla::reports
