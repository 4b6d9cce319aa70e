// SPDX-License-Identifier: Apache-2.0
// The HTML pages of the reports (--html, docs/cli.md "HTML pages"), each written from the
// JSON document the same command prints with --json: the page shows that document's figures
// and recomputes none (html_text.h).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

namespace semilla::html {

// `report donor`: the money of the fund, budget against actual, disbursements by month,
// people reached by sex, age group, nationality and migration status, and the tranches paid
// and pending. `report` is the --json document of report donor.
void write_donor_page(std::ostream& out, const nlohmann::json& report);

// `portfolio`: per currency PAR30 and PAR90 now and at each month end of its "history", the
// aging buckets, by product and cohort, written off; the loans at risk; partners' loans.
// `portfolio` is the --json document of portfolio --history N --at-risk.
void write_portfolio_page(std::ostream& out, const nlohmann::json& portfolio);

}  // namespace semilla::html
