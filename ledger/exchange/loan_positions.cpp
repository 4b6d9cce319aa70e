// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/loan_positions_internal.h"

#include <map>
#include <string_view>

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

// The statement's name of the operation a loan record kind stands for (docs/exchange.md §3).
const char* operation_name(std::string_view kind) {
  constexpr std::pair<std::string_view, const char*> kNames[] = {
      {"loan.disburse", "disbursement"},
      {"loan.repay", "repayment"},
      {"loan.reverse", "repayment-reversal"},
      {"loan.write-off", "write-off"},
      {"loan.recover", "recovery"},
      {"loan.reverse-disbursement", "disbursement-reversal"}};
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return nullptr;
}

}  // namespace

Result<json> LoanPositions::operation_of(const std::string& id, std::int64_t transaction) {
  auto& store = book_.store().loans();
  auto event = store.find_event_by_transaction(transaction);
  if (!event.ok()) return event.error();
  if (!event->has_value() || (*event)->loan_id != id) return json::object();
  const char* name = operation_name((*event)->kind);
  if (name == nullptr) return json::object();
  json out = {{"operation", name}};
  if ((*event)->kind != "loan.repay" && (*event)->kind != "loan.reverse") return out;
  auto loan = store.find_loan(id);
  if (!loan.ok()) return loan.error();
  auto currency = money::Currency::find((*loan)->currency);
  if (!currency.ok()) return currency.error();
  auto lines = store.allocations((*event)->seq);
  if (!lines.ok()) return lines.error();
  // A reversal's rows are negative: the statement gives what it took back, by component.
  std::map<std::string, std::int64_t> minor = {
      {"principal", 0}, {"interest", 0}, {"fee", 0}, {"penalty", 0}};
  for (const auto& line : *lines) {
    auto it = minor.find(line.component);
    if (it != minor.end()) it->second += line.amount_minor < 0 ? -line.amount_minor
                                                               : line.amount_minor;
  }
  json components = json::object();
  for (const auto& [component, value] : minor) {
    components[component] = money::Amount::from_minor(value, *currency).to_string();
  }
  out["components"] = std::move(components);
  return out;
}

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

Result<json> LoanPositions::entry_loan(const std::string& account, Date date,
                                       std::int64_t transaction) {
  auto id = loan_of(account);
  if (!id.ok()) return id.error();
  if (!id->has_value()) return json();
  const auto key = std::make_pair(**id, date);
  auto it = positions_.find(key);
  if (it == positions_.end()) {
    auto status = loans::LoanBook(book_).status(**id, date.to_string());
    if (!status.ok()) return status.error();
    json position = {{"loan_id", **id}};
    position.update(position_json(*status));
    it = positions_.emplace(key, std::move(position)).first;
  }
  auto operation = operation_of(**id, transaction);
  if (!operation.ok()) return operation.error();
  json out = it->second;
  out.update(*operation);
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
