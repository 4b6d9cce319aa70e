// SPDX-License-Identifier: Apache-2.0
// --csv of the reports made of several parts: each part a section of one CSV (csv_out.h),
// flattened from the document the command's --json prints, so the figures are the same.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

namespace semilla::cli {

// `loan schedule` and `loan quote`: one row per instalment (n, due_date, principal, interest,
// fee, total, balance).
void write_schedule_csv(std::ostream& out, const nlohmann::json& quote);

// `loan status`: one row per instalment, with what is due and paid per component
// (due.principal, ..., paid.total).
void write_loan_status_csv(std::ostream& out, const nlohmann::json& status);

// `portfolio`: sections portfolio (the total, each product and cohort per currency), aging,
// written_off, partner, partner_position and at_risk.
void write_portfolio_csv(std::ostream& out, const nlohmann::json& portfolio);

// `statement show`: sections summary, line (own accounts), grant, loan (one row per figure)
// and transaction.
void write_statement_csv(std::ostream& out, const nlohmann::json& statement);

// `grant status`: sections tranche and event.
void write_grant_status_csv(std::ostream& out, const nlohmann::json& status);

}  // namespace semilla::cli
