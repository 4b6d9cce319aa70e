// SPDX-License-Identifier: Apache-2.0
// The operations a policy covers and how a record is recognised as one (gate_of), and the
// policy.set payload. docs/audit-format.md §2.7.
#include <array>

#include "ledger/book/approvals.h"
#include "ledger/book/payload_fields.h"
#include "ledger/money/amount.h"

namespace semilla::book {
namespace {

// The currency of the transaction before, from its first posting; "" when none.
std::string previous_currency(const nlohmann::json* previous) {
  if (previous == nullptr) return "";
  auto postings = previous->find("postings");
  if (postings == previous->end() || !postings->is_array() || postings->empty()) return "";
  auto c = (*postings)[0].find("currency");
  return c != (*postings)[0].end() && c->is_string() ? c->get<std::string>() : "";
}

std::string string_member(const nlohmann::json& p, const char* member) {
  auto it = p.find(member);
  return it != p.end() && it->is_string() ? it->get<std::string>() : "";
}

// A reversal's amount: the sum of its positive postings in its first posting's currency.
void reversal_amount(const nlohmann::json& p, Gate& g) {
  auto postings = p.find("postings");
  if (postings == p.end() || !postings->is_array() || postings->empty()) return;
  auto currency = money::Currency::find(string_member((*postings)[0], "currency"));
  if (!currency.ok()) return;
  auto sum = money::Amount::zero(*currency);
  for (const auto& posting : *postings) {
    if (string_member(posting, "currency") != currency->code()) continue;
    auto a = money::Amount::parse_canonical(string_member(posting, "amount"), *currency);
    if (!a.ok() || a->minor() <= 0) continue;
    auto next = sum.plus(*a);
    if (!next.ok()) return;
    sum = *next;
  }
  g.amount = sum.to_string();
  g.currency = std::string(currency->code());
}

}  // namespace

bool is_approval_kind(std::string_view kind) {
  return kind == kKindPolicySet || kind == kKindApprovalRequest ||
         kind == kKindApprovalApprove || kind == kKindApprovalReject;
}

const std::vector<std::string>& policy_operations() {
  static const std::vector<std::string> kOperations = {
      "loan-disbursement", "grant-disbursement", "fund-spend",     "write-off",
      "reversal",          "period-reopen",      "officer-change", "policy-change"};
  return kOperations;
}

bool operation_has_amount(std::string_view operation) {
  return operation == "loan-disbursement" || operation == "grant-disbursement" ||
         operation == "fund-spend" || operation == "write-off" || operation == "reversal";
}

std::optional<Gate> gate_of(std::string_view kind, const nlohmann::json& payload,
                            const nlohmann::json* previous) {
  if (!payload.is_object()) return std::nullopt;
  Gate g;
  g.kind = std::string(kind);
  const char* amount_member = nullptr;
  if (kind == "loan.disburse") {
    g.operation = "loan-disbursement";
    amount_member = "principal";
  } else if (kind == "grant.disburse") {
    g.operation = "grant-disbursement";
    amount_member = "amount";
  } else if (kind == "fund.spend") {
    g.operation = "fund-spend";
    amount_member = "amount";
  } else if (kind == "loan.write-off") {
    g.operation = "write-off";
    // A write-off of a loan that owes no principal moves no money: it has no amount.
    if (auto t = payload.find("transaction"); t != payload.end() && !t->is_null()) {
      amount_member = "principal";
    }
  } else if (kind == "transaction.post") {
    auto reverses = payload.find("reverses");
    if (reverses == payload.end() || reverses->is_null()) return std::nullopt;
    g.operation = "reversal";
    reversal_amount(payload, g);
  } else if (kind == "period.reopen") {
    g.operation = "period-reopen";
  } else if (is_officer_kind(kind)) {
    g.operation = "officer-change";
  } else if (kind == kKindPolicySet) {
    g.operation = "policy-change";
  } else {
    return std::nullopt;
  }
  if (amount_member != nullptr) {
    g.amount = string_member(payload, amount_member);
    g.currency = previous_currency(previous);
    if (g.currency.empty()) g.amount.clear();
  }
  g.record = payload;
  g.record.erase("id");
  g.record.erase("transaction");
  return g;
}

Result<Policy> policy_from_payload(const nlohmann::json& p) {
  SEMILLA_TRY(payload_members(
      p, {"operation", "approvers", "above_amount", "above_currency", "expires_days"}));
  Policy out;
  auto op = payload_string(p, "operation");
  if (!op.ok()) return op.error();
  out.operation = *op;
  bool known = false;
  for (const auto& o : policy_operations()) known = known || o == out.operation;
  if (!known) {
    return payload_error("operation", "\"" + out.operation + "\" is not an operation a policy "
                                      "covers");
  }
  auto approvers = payload_integer_in(p, "approvers", 0, kPolicyApproversMax);
  if (!approvers.ok()) return approvers.error();
  out.approvers = static_cast<int>(*approvers);
  auto amount = payload_optional_string(p, "above_amount");
  if (!amount.ok()) return amount.error();
  auto currency = payload_optional_string(p, "above_currency");
  if (!currency.ok()) return currency.error();
  if (amount->has_value() != currency->has_value()) {
    return payload_error("above_currency", "above_amount and above_currency are both null or "
                                           "both given");
  }
  if (amount->has_value()) {
    if (!operation_has_amount(out.operation)) {
      return payload_error("above_amount", out.operation + " moves no amount: no threshold");
    }
    auto c = payload_currency(p, "above_currency");
    if (!c.ok()) return c.error();
    auto a = payload_amount(p, "above_amount", *c);
    if (!a.ok()) return a.error();
    if (a->minor() < 0) return payload_error("above_amount", "is negative");
    if (out.approvers == 0) {
      return payload_error("above_amount", "a removed policy (approvers 0) has no threshold");
    }
    out.above_amount = **amount;
    out.above_currency = **currency;
  }
  auto days = payload_optional_integer(p, "expires_days");
  if (!days.ok()) return days.error();
  if (days->has_value()) {
    if (**days < 1 || **days > kPolicyExpiryDaysMax) {
      return payload_error("expires_days", "is not within 1.." +
                                               std::to_string(kPolicyExpiryDaysMax));
    }
    if (out.approvers == 0) {
      return payload_error("expires_days", "a removed policy (approvers 0) has no expiry");
    }
    out.expires_days = static_cast<int>(**days);
  }
  return out;
}

nlohmann::json policy_payload(const Policy& p) {
  nlohmann::json out{{"operation", p.operation}, {"approvers", p.approvers}};
  out["above_amount"] = p.above_amount.empty() ? nlohmann::json() : nlohmann::json(p.above_amount);
  out["above_currency"] =
      p.above_amount.empty() ? nlohmann::json() : nlohmann::json(p.above_currency);
  out["expires_days"] = p.expires_days ? nlohmann::json(*p.expires_days) : nlohmann::json();
  return out;
}

std::string describe_policy(const Policy& p) {
  if (p.approvers == 0) return "no approval";
  std::string out = std::to_string(p.approvers) + (p.approvers == 1 ? " approver" : " approvers");
  if (!p.above_amount.empty()) out += ", above " + p.above_amount + " " + p.above_currency;
  if (p.expires_days) out += ", expires after " + std::to_string(*p.expires_days) + " days";
  return out;
}

}  // namespace semilla::book
