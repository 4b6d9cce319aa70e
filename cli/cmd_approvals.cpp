// SPDX-License-Identifier: Apache-2.0
// semilla policy set | list, approvals list, approve, reject: maker-checker (issue 11;
// ledger/book/approvals.h has the rules, cli/approval_flow.cpp how an operation goes pending
// and how the completing approval records it, docs/cli.md the commands).
#include <iostream>
#include <memory>

#include "cli/approval_flow.h"
#include "cli/commands.h"
#include "cli/csv_out.h"
#include "cli/table.h"
#include "ledger/base/lang.h"
#include "ledger/book/approval_ops.h"

namespace semilla::cli {
namespace {

using nlohmann::json;

struct PolicyArgs {
  std::string operation;
  std::vector<std::string> above;  // AMOUNT CUR
  int approvers = -1;
  int expires = 0;
};

json policy_json(const book::Policy& p) {
  return {{"operation", p.operation},
          {"approvers", p.approvers},
          {"above_amount", p.above_amount.empty() ? json() : json(p.above_amount)},
          {"above_currency", p.above_amount.empty() ? json() : json(p.above_currency)},
          {"expires_days", p.expires_days ? json(*p.expires_days) : json()},
          {"audit_seq", p.seq},
          {"signer", p.signer}};
}

ExitCode run_policy_set(Context& ctx, const PolicyArgs& a) {
  book::Policy p;
  p.operation = a.operation;
  p.approvers = a.approvers;
  if (!a.above.empty()) {
    if (a.above.size() != 2) {
      return report_error(ctx, make_error(ErrorCode::kUsage, "--above",
                                          tr("give an amount and its currency: --above 1000 USD")));
    }
    auto currency = money::Currency::find(a.above[1], "--above");
    if (!currency.ok()) return report_error(ctx, currency.error());
    auto amount = money::Amount::parse(a.above[0], *currency, "--above");
    if (!amount.ok()) return report_error(ctx, amount.error());
    p.above_amount = amount->to_string();
    p.above_currency = std::string(currency->code());
  }
  if (a.expires != 0) p.expires_days = a.expires;
  SEMILLA_OPEN_BOOK(ctx, b);
  auto done = book::set_policy(b, p);
  if (!done.ok()) return report_error(ctx, done.error());
  if (ctx.json()) {
    print_json({{"ok", true}, {"policy", policy_json(*done)}});
    return kExitOk;
  }
  std::cout << trf("Policy for {operation}: {policy} (audit record {record}, signed by "
                   "{officer})\n",
                   {{"operation", done->operation}, {"policy", book::describe_policy(*done)},
                    {"record", std::to_string(done->seq)}, {"officer", done->signer}});
  return kExitOk;
}

ExitCode run_policy_list(Context& ctx) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto state = book::approval_state(b);
  if (!state.ok()) return report_error(ctx, state.error());
  json out = json::array();
  for (const auto& op : book::policy_operations()) {
    if (const auto* p = state->policy(op)) out.push_back(policy_json(*p));
  }
  if (print_csv(ctx, {"", &out, {"operation", "approvers", "above_amount", "above_currency",
                                 "expires_days", "audit_seq", "signer"}})) {
    return kExitOk;
  }
  if (ctx.json()) {
    print_json({{"policies", out}});
    return kExitOk;
  }
  if (out.empty()) {
    std::cout << tr("No policies: every operation is applied when recorded.\n");
    return kExitOk;
  }
  Table t({{tr("Operation")}, {tr("Needs")}, {tr("Set at"), Table::Align::kRight}, {tr("By")}});
  for (const auto& op : book::policy_operations()) {
    if (const auto* p = state->policy(op)) {
      t.add_row({p->operation, book::describe_policy(*p), std::to_string(p->seq), p->signer});
    }
  }
  t.print(std::cout);
  return kExitOk;
}

void add_policy_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto* policy = app.add_subcommand("policy", tr("Which operations need approval (maker-checker)"));
  policy->require_subcommand(1);
  auto a = std::make_shared<PolicyArgs>();
  auto* set = policy->add_subcommand("set", tr("Set how many approvals an operation needs"));
  set->add_option("OPERATION", a->operation,
                  tr("loan-disbursement, grant-disbursement, fund-spend, write-off, reversal, "
                     "period-reopen, officer-change or policy-change"))
      ->required();
  set->add_option("--approvers", a->approvers,
                  tr("Approvals needed, each by another officer with the role approver; 0 "
                     "removes the policy"))
      ->required()
      ->check(CLI::Range(0, book::kPolicyApproversMax));
  set->add_option("--above", a->above, tr("Only operations above AMOUNT CUR need approval"))
      ->expected(2);
  set->add_option("--expires", a->expires,
                  tr("A request not approved within DAYS days (of 24 hours) expires"))
      ->check(CLI::Range(1, book::kPolicyExpiryDaysMax));
  set->footer(tr("Signed by an admin. The policy applies from its record on.\n\nExample:\n"
                 "  semilla policy set grant-disbursement --above 1000 USD --approvers 1 "
                 "--expires 7"));
  set->callback([&ctx, &exit_code, a] { exit_code = run_policy_set(ctx, *a); });
  auto* list = policy->add_subcommand("list", tr("List the policies in force"));
  list->footer(tr("Example:\n  semilla policy list --json"));
  ctx.offer_csv(list);
  list->callback([&ctx, &exit_code] { exit_code = run_policy_list(ctx); });
}

json request_json(const book::ApprovalRequest& q, const std::string& now) {
  return {{"request", q.seq},
          {"state", q.state(now)},
          {"operation", q.gate.operation},
          {"kind", q.gate.kind},
          {"amount", q.gate.amount.empty() ? json() : json(q.gate.amount)},
          {"currency", q.gate.amount.empty() ? json() : json(q.gate.currency)},
          {"maker", q.maker},
          {"time", q.time},
          {"expires", q.expires.empty() ? json() : json(q.expires)},
          {"approvers", q.approvers},
          {"approved_by", q.approved_by},
          {"rejected_by", q.rejected_by.empty() ? json() : json(q.rejected_by)},
          {"reject_reason", q.rejected_by.empty() ? json() : json(q.reject_reason)},
          {"command", q.command},
          {"hash", q.hash}};
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

ExitCode run_approvals_list(Context& ctx, bool all) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto state = book::approval_state(b);
  if (!state.ok()) return report_error(ctx, state.error());
  auto now = semilla::now();
  if (!now.ok()) return report_error(ctx, now.error());
  const std::string at = now->to_rfc3339();
  json out = json::array();
  for (const auto& q : state->requests()) {
    if (all || q.state(at) == "pending") out.push_back(request_json(q, at));
  }
  if (print_csv(ctx, {"", &out, {"request", "state", "operation", "amount", "currency", "maker",
                                 "time", "expires", "approvers", "approved_by", "rejected_by",
                                 "reject_reason", "command"}})) {
    return kExitOk;
  }
  if (ctx.json()) {
    print_json({{"requests", out}});
    return kExitOk;
  }
  if (out.empty()) {
    std::cout << (all ? tr("No approval requests.\n") : tr("No request waits for approval.\n"));
    return kExitOk;
  }
  Table t({{tr("Request"), Table::Align::kRight}, {tr("State")}, {tr("Operation")},
           {tr("Amount"), Table::Align::kRight}, {tr("Maker")}, {tr("Approvals")},
           {tr("Expires")}, {tr("Command")}});
  for (const auto& q : state->requests()) {
    if (!all && q.state(at) != "pending") continue;
    t.add_row({std::to_string(q.seq), q.state(at), q.gate.operation,
               q.gate.amount.empty() ? "" : q.gate.amount + " " + q.gate.currency, q.maker,
               std::to_string(q.approved_by.size()) + "/" + std::to_string(q.approvers) +
                   (q.approved_by.empty() ? "" : " (" + joined(q.approved_by) + ")"),
               q.expires.empty() ? std::string(tr("never")) : q.expires, joined(q.command)});
  }
  t.print(std::cout);
  return kExitOk;
}

ExitCode run_decision(Context& ctx, std::uint64_t id, bool approve, const std::string& reason) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto d = book::decide_request(b, id, approve, reason);
  if (!d.ok()) return report_error(ctx, d.error());
  if (d->completes) return arrange_completion(ctx, *d);
  if (ctx.json()) {
    print_json({{"ok", true}, {"kind", d->kind}, {"request", id}, {"audit_seq", d->seq},
                {"applied", false}});
    return kExitOk;
  }
  const auto& q = d->request;
  if (approve) {
    std::cout << trf("Approved request {request} ({given} of {needed} approvals), audit record "
                     "{record}\n",
                     {{"request", std::to_string(id)},
                      {"given", std::to_string(q.approved_by.size() + 1)},
                      {"needed", std::to_string(q.approvers)}, {"record", std::to_string(d->seq)}});
  } else {
    std::cout << trf("Rejected request {request} ({operation} by {maker}), audit record "
                     "{record}\n",
                     {{"request", std::to_string(id)}, {"operation", q.gate.operation},
                      {"maker", q.maker}, {"record", std::to_string(d->seq)}});
  }
  return kExitOk;
}

struct DecisionArgs {
  std::uint64_t id = 0;
  std::string reason;
  bool all = false;
};

void add_approval_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto a = std::make_shared<DecisionArgs>();
  auto* approvals = app.add_subcommand("approvals", tr("Operations waiting for approval"));
  approvals->require_subcommand(1);
  auto* list = approvals->add_subcommand("list", tr("List the requests waiting for approval"));
  list->add_flag("--all", a->all, tr("Also the applied, rejected and expired ones"));
  list->footer(tr("Example:\n  semilla approvals list --all --json"));
  ctx.offer_csv(list);
  list->callback([&ctx, &exit_code, a] { exit_code = run_approvals_list(ctx, a->all); });
  auto* approve = app.add_subcommand("approve", tr("Approve an operation waiting for approval"));
  approve->add_option("ID", a->id, tr("The request's id (`approvals list`)"))->required();
  approve->footer(tr("Signed by an officer with the role approver, not the request's maker. "
                     "The approval that completes the count applies the operation as "
                     "recorded.\n\nExample:\n  semilla --as marta --key marta.key approve 42"));
  approve->callback([&ctx, &exit_code, a] { exit_code = run_decision(ctx, a->id, true, ""); });
  auto* reject = app.add_subcommand("reject", tr("Reject an operation waiting for approval"));
  reject->add_option("ID", a->id, tr("The request's id (`approvals list`)"))->required();
  reject->add_option("--reason", a->reason, tr("Why (recorded)"))->required();
  reject->footer(tr("Example:\n  semilla reject 42 --reason \"Invoice missing\""));
  reject->callback(
      [&ctx, &exit_code, a] { exit_code = run_decision(ctx, a->id, false, a->reason); });
}

}  // namespace

void add_approvals_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  add_policy_commands(app, ctx, exit_code);
  add_approval_commands(app, ctx, exit_code);
}

}  // namespace semilla::cli
