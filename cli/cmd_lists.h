// SPDX-License-Identifier: Apache-2.0
// Internal to cli/: the loans at risk, which `portfolio --at-risk` adds to the portfolio.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "ledger/reports/lists.h"

namespace semilla::cli {

// [{"loan", "enterprise", "product", "days_past_due", "overdue", "at_risk", "currency"}]
[[nodiscard]] nlohmann::json at_risk_json(const std::vector<reports::LoanListRow>& rows);
// A table of them, or a line saying there are none.
void print_at_risk(const std::vector<reports::LoanListRow>& rows);

}  // namespace semilla::cli
