// SPDX-License-Identifier: Apache-2.0
// Rule breakers of the approvals (issue 11, docs/audit-format.md §2.7): operations applied
// without the approval their policy needed, makers approving their own, approvers approving
// twice or without the role, requests and policies no command could have written. The forger
// holds every officer's key and points approvals at their requests' new hashes (forge.cpp),
// so only the rules can object.
#include "tests/rules_e2e/mutation_catalogue.h"

namespace semilla::rules_e2e {
namespace {

std::optional<std::size_t> nth(const Records& records, std::string_view kind, std::size_t n) {
  return find_record(records, kind, n, {});
}

void edit(Catalogue& c, std::optional<std::size_t> i, const std::string& what, Expect e,
          const std::function<void(json&)>& change) {
  if (i) c.edit(*i, what, e, change);
}

std::function<void(json&)> payload(const char* member, json value) {
  return [member, value](json& r) { r["payload"][member] = value; };
}

std::function<void(json&)> signer(const char* name) {
  return [name](json& r) { r["signer"] = name; };
}

// Drops the records at `at` (ascending), renumbering nothing but what sealing renumbers; an
// approval's `request` after them is moved down with its request.
void drop(Records& r, std::vector<std::size_t> at) {
  for (auto it = at.rbegin(); it != at.rend(); ++it) {
    for (std::size_t k = *it + 1; k < r.size(); ++k) {
      json& p = r[k]["payload"];
      if (p.is_object() && p.contains("request") && p["request"].is_number_unsigned() &&
          p["request"].get<std::size_t>() > *it) {
        p["request"] = p["request"].get<std::size_t>() - 1;
      }
    }
    r.erase(r.begin() + static_cast<std::ptrdiff_t>(*it));
  }
}

}  // namespace

void approval_rules(Catalogue& c) {
  const Records& r = c.records();
  const auto policy = nth(r, "policy.set", 0), later_policy = nth(r, "policy.set", 1);
  const auto request = nth(r, "approval.request", 0), rejected = nth(r, "approval.request", 1);
  const auto first_ok = nth(r, "approval.approve", 0), completing = nth(r, "approval.approve", 1);
  const auto last_ok = nth(r, "approval.approve", 2);
  const auto reject = nth(r, "approval.reject", 0);
  // Policies.
  edit(c, policy, "signed by luis (recorder)", Expect::kRefuse, signer("luis"));
  edit(c, policy, "threshold 500.00: the reversal needed no request", Expect::kRefuse,
       payload("above_amount", "500.00"));
  edit(c, policy, "3 approvers, 2 officers hold approver", Expect::kRefuse,
       payload("approvers", 3));
  edit(c, policy, "operation coffee", Expect::kRefuse, payload("operation", "coffee"));
  edit(c, policy, "threshold without currency", Expect::kRefuse,
       payload("above_currency", nullptr));
  edit(c, policy, "expires_days 0", Expect::kRefuse, payload("expires_days", 0));
  edit(c, later_policy, "the policy in force again", Expect::kRefuse, [](json& rec) {
    rec["payload"]["above_amount"] = "50.00";
    rec["payload"]["above_currency"] = "USD";
    rec["payload"]["approvers"] = 2;
    rec["payload"]["expires_days"] = 30;
  });
  edit(c, later_policy, "threshold for a policy of period-reopen", Expect::kRefuse, [](json& rec) {
    rec["payload"]["operation"] = "period-reopen";
    rec["payload"]["above_amount"] = "5.00";
    rec["payload"]["above_currency"] = "USD";
  });
  // Requests.
  edit(c, request, "signed by eva (approver, not a recorder)", Expect::kRefuse, signer("eva"));
  edit(c, request, "1 approver where the policy asks 2", Expect::kRefuse,
       payload("approvers", 1));
  edit(c, request, "expires a day later", Expect::kRefuse, [](json& rec) {
    std::string e = rec["payload"]["expires"].get<std::string>();
    e[9] = static_cast<char>(e[9] == '9' ? '8' : e[9] + 1);
    rec["payload"]["expires"] = e;
  });
  edit(c, request, "amount 99.00 (the reversal moves 100.00)", Expect::kRefuse,
       payload("amount", "99.00"));
  edit(c, request, "kind loan.disburse", Expect::kRefuse, payload("kind", "loan.disburse"));
  edit(c, request, "record's reason changed", Expect::kRefuse,
       [](json& rec) { rec["payload"]["record"]["reason"] = "another"; });
  edit(c, rejected, "a rejected request's command changed", Expect::kAccept,
       [](json& rec) { rec["payload"]["command"] = json::array({"reverse", "4"}); });
  // Approvals.
  edit(c, first_ok, "signed by luis, the maker", Expect::kRefuse, signer("luis"));
  edit(c, first_ok, "signed by ana (admin, not approver)", Expect::kRefuse, signer("ana"));
  edit(c, completing, "signed by eva, who approved already", Expect::kRefuse, signer("eva"));
  edit(c, first_ok, "request names a transaction's record", Expect::kRefuse,
       payload("request", 1));
  edit(c, last_ok, "approves the rejected request", Expect::kRefuse, [rejected](json& rec) {
    if (rejected) rec["payload"]["request"] = *rejected;
  });
  edit(c, reject, "reason empty", Expect::kRefuse, payload("reason", ""));
  edit(c, reject, "signed by luis (recorder)", Expect::kRefuse, signer("luis"));
  edit(c, reject, "another reason", Expect::kAccept, payload("reason", "Wrong amount"));
  if (completing) {
    const std::size_t gate = *completing + 1;
    edit(c, gate, "the approved reversal's reason changed", Expect::kRefuse,
         [](json& rec) { rec["payload"]["reason"] = "changed after approval"; });
    c.whole("approval.approve", "the completing approval dropped: applied without it",
            Expect::kRefuse, [i = *completing](Records& rs) { drop(rs, {i}); });
    c.whole("approval.approve", "a record between the approval and its operation",
            Expect::kRefuse, [i = *completing](Records& rs) {
              json extra = rs[i + 1];
              extra["kind"] = "enterprise.add";
              extra["payload"] = {{"id", "EC-099"}, {"kind", "individual"}, {"sex", "female"},
                                  {"birth_year", nullptr}, {"nationality", ""},
                                  {"status", ""}, {"province", ""}, {"cohort", ""}};
              rs.insert(rs.begin() + static_cast<std::ptrdiff_t>(i + 1), extra);
            });
  }
  if (request && first_ok && completing) {
    c.whole("approval.request", "request and approvals dropped: applied without approval",
            Expect::kRefuse,
            [a = *request, b = *first_ok, d = *completing](Records& rs) { drop(rs, {a, b, d}); });
  }
  if (last_ok) {
    c.whole("approval.approve", "approved again at the end", Expect::kRefuse,
            [i = *last_ok](Records& rs) { rs.push_back(rs[i]); });
  }
}

}  // namespace semilla::rules_e2e
