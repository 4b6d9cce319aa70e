// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/loan_positions_internal.h"

#include "ledger/loans/loan_book.h"

namespace semilla::exchange {
namespace {

using nlohmann::json;

// The members an entry's `loan` and a statement's `loans` item share, by the loan's status
// as of the date: an open loan has only its status; a disbursed one its number of
// instalments; an active or closed one its days past due and arrears; an active one the
// first instalment not fully paid.
json position_json(const loans::LoanStatus& s) {
  json out = {{"status", s.status}};
  if (s.status == "open" || s.status == "cancelled" || s.loan.state.empty()) return out;
  out["installments"] = s.loan.state.size();
  if (s.status == "written-off" || !s.arrears) return out;
  if (s.status == "active" && s.next_due) out["installment"] = s.next_due->number;
  out["days_past_due"] = s.arrears->days_past_due;
  out["arrears"] = s.arrears->overdue.sum().to_string();
  return out;
}

// A `loans` item: the position, plus the account, currency, outstanding principal and what
// is left to pay on the next instalment.
Result<json> summary_json(const loans::LoanStatus& s) {
  json out = {{"loan_id", s.loan.row.id},
              {"account", s.loan.row.receivable_account},
              {"currency", s.loan.row.currency}};
  out.update(position_json(s));
  if (!out.contains("days_past_due")) return out;
  out["outstanding_principal"] = s.outstanding.principal.to_string();
  if (out.contains("installment")) {
    auto left = s.next_due->due.sum().minus(s.next_due->paid.sum());
    if (!left.ok()) return left.error();
    out["next_due_date"] = s.next_due->due_date.to_string();
    out["next_due_amount"] = left->to_string();
  }
  return out;
}

}  // namespace

Result<std::optional<std::string>> LoanPositions::loan_of(const std::string& account) {
  if (auto it = loans_.find(account); it != loans_.end()) return it->second;
  std::optional<std::string> id;
  // A loan id holds no ':' (it is the last part of its receivable's name, docs/loans.md).
  const auto colon = account.rfind(':');
  if (colon != std::string::npos) {
    auto row = book_.store().loans().find_loan(account.substr(colon + 1));
    if (!row.ok()) return row.error();
    if (row->has_value() && (*row)->receivable_account == account &&
        (*row)->enterprise == enterprise_) {
      id = (*row)->id;
    }
  }
  loans_.emplace(account, id);
  return id;
}

Result<json> LoanPositions::entry_loan(const std::string& account, Date date) {
  auto id = loan_of(account);
  if (!id.ok()) return id.error();
  if (!id->has_value()) return json();
  const auto key = std::make_pair(**id, date);
  if (auto it = positions_.find(key); it != positions_.end()) return it->second;
  auto status = loans::LoanBook(book_).status(**id, date.to_string());
  if (!status.ok()) return status.error();
  json out = {{"loan_id", **id}};
  out.update(position_json(*status));
  positions_.emplace(key, out);
  return out;
}

Result<json> LoanPositions::summary(Date to) {
  auto statuses = loans::LoanBook(book_).statuses_of(enterprise_, to.to_string());
  if (!statuses.ok()) return statuses.error();
  json out = json::array();
  for (const auto& s : *statuses) {
    auto item = summary_json(s);
    if (!item.ok()) return item.error();
    out.push_back(std::move(*item));
  }
  return out;
}

}  // namespace semilla::exchange
