// SPDX-License-Identifier: Apache-2.0
// semilla grant list | milestone list | loan list
#include <iostream>
#include <memory>

#include "cli/cmd_grants.h"
#include "cli/cmd_lists.h"
#include "cli/commands.h"
#include "cli/csv_out.h"
#include "cli/table.h"
#include "ledger/reports/lists.h"

namespace semilla::cli {
namespace {

using nlohmann::json;
using Align = Table::Align;

json grant_row_json(const reports::GrantListRow& r) {
  const auto& g = r.grant.grant;
  std::size_t paid = 0;
  for (bool p : r.grant.paid) paid += p ? 1 : 0;
  return {{"grant", g.id}, {"enterprise", g.enterprise}, {"fund", g.fund},
          {"currency", g.currency}, {"awarded_on", g.day.to_string()}, {"status", r.status},
          {"tranches", g.tranches.size()}, {"tranches_paid", paid},
          {"awarded", money(g.total_minor, g.currency)},
          {"disbursed", money(r.grant.disbursed_minor, g.currency)},
          {"returned", money(r.grant.returned_minor, g.currency)},
          {"committed", money(r.grant.committed_minor, g.currency)}};
}

ExitCode run_grant_list(Context& ctx, const reports::GrantFilter& f) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto rows = reports::list_grants(b, f);
  if (!rows.ok()) return report_errors(ctx, rows.error());
  if (ctx.json() || ctx.csv()) {
    json out = json::array();
    for (const auto& r : *rows) out.push_back(grant_row_json(r));
    if (ctx.csv()) {
      write_csv(std::cout, {"", &out, {"grant", "enterprise", "fund", "awarded_on", "status",
                                        "tranches", "tranches_paid", "awarded", "disbursed",
                                        "returned", "committed", "currency"}});
    } else {
      print_json({{"grants", out}});
    }
    return kExitOk;
  }
  if (rows->empty()) {
    std::cout << tr("No grants match.") << "\n";
    return kExitOk;
  }
  Table t({{tr("Grant")}, {tr("Enterprise")}, {tr("Fund")}, {tr("Awarded on")}, {tr("Status")},
           {tr("Tranches"), Align::kRight}, {tr("Awarded"), Align::kNumber},
           {tr("Disbursed"), Align::kNumber}, {tr("Returned"), Align::kNumber},
           {tr("Committed"), Align::kNumber}, {tr("Cur")}});
  for (const auto& r : *rows) {
    const json j = grant_row_json(r);
    auto text = [&j](const char* key) { return j.at(key).get<std::string>(); };
    t.add_row({text("grant"), text("enterprise"), text("fund"), text("awarded_on"),
               text("status"),
               std::to_string(j["tranches_paid"].get<std::size_t>()) + "/" +
                   std::to_string(j["tranches"].get<std::size_t>()),
               text("awarded"), text("disbursed"), text("returned"), text("committed"),
               text("currency")});
  }
  t.print(std::cout);
  return kExitOk;
}

ExitCode run_milestone_list(Context& ctx, const std::string& enterprise) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto rows = reports::list_milestones(b, enterprise);
  if (!rows.ok()) return report_errors(ctx, rows.error());
  json out = json::array();
  Table t({{tr("Enterprise")}, {tr("Milestone")}, {tr("Date")}, {tr("Recorded by")},
           {tr("Audit record"), Align::kRight}});
  for (const auto& m : *rows) {
    out.push_back({{"enterprise", m.enterprise}, {"milestone", m.name},
                   {"date", m.day.to_string()}, {"actor", m.actor}, {"audit_seq", m.audit_seq}});
    t.add_row({m.enterprise, m.name, m.day.to_string(), m.actor, std::to_string(m.audit_seq)});
  }
  if (ctx.csv()) {
    write_csv(std::cout, {"", &out, {"enterprise", "milestone", "date", "actor", "audit_seq"}});
  } else if (ctx.json()) {
    print_json({{"milestones", out}});
  } else if (rows->empty()) {
    std::cout << (enterprise.empty()
                      ? std::string(tr("No milestones recorded."))
                      : trf("No milestones recorded for {enterprise}.", {{"enterprise",
                            enterprise}}))
              << "\n";
  } else {
    t.print(std::cout);
  }
  return kExitOk;
}

ExitCode run_loan_list(Context& ctx, const reports::LoanFilter& f) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto rows = reports::list_loans(b, f);
  if (!rows.ok()) return report_errors(ctx, rows.error());
  json out = json::array();
  Table t({{tr("Loan")}, {tr("Enterprise")}, {tr("Product")}, {tr("Status")},
           {tr("Principal"), Align::kNumber},
           {tr("Outstanding"), Align::kNumber}, {tr("Overdue"), Align::kNumber},
           {tr("DPD"), Align::kRight},
           {tr("Cur")}});
  for (const auto& r : *rows) {
    const auto& l = r.loan;
    const std::string principal = money(l.principal_minor, l.currency);
    const std::string outstanding = money(r.outstanding_minor, l.currency);
    const std::string overdue = money(r.overdue_minor, l.currency);
    out.push_back({{"loan", l.id}, {"enterprise", l.enterprise}, {"product", l.product},
                   {"currency", l.currency}, {"status", r.status}, {"principal", principal},
                   {"outstanding", outstanding}, {"overdue", overdue},
                   {"days_past_due", r.days_past_due},
                   {"disbursed_on", l.disbursed_on ? json(l.disbursed_on->to_string())
                                                   : json(nullptr)}});
    t.add_row({l.id, l.enterprise, l.product, r.status, principal, outstanding, overdue,
               std::to_string(r.days_past_due), l.currency});
  }
  if (ctx.csv()) {
    write_csv(std::cout, {"", &out, {"loan", "enterprise", "product", "status", "principal",
                                      "outstanding", "overdue", "days_past_due", "currency",
                                      "disbursed_on"}});
  } else if (ctx.json()) {
    print_json({{"loans", out}});
  } else if (rows->empty()) {
    std::cout << tr("No loans match.") << "\n";
  } else {
    t.print(std::cout);
  }
  return kExitOk;
}

}  // namespace

json at_risk_json(const std::vector<reports::LoanListRow>& rows) {
  json out = json::array();
  for (const auto& r : rows) {
    const auto& l = r.loan;
    out.push_back({{"loan", l.id}, {"enterprise", l.enterprise}, {"product", l.product},
                   {"days_past_due", r.days_past_due},
                   {"overdue", money(r.overdue_minor, l.currency)},
                   {"at_risk", money(r.outstanding_minor, l.currency)},
                   {"currency", l.currency}});
  }
  return out;
}

void print_at_risk(const std::vector<reports::LoanListRow>& rows) {
  std::cout << "\n" << tr("Loans at risk") << "\n";
  if (rows.empty()) {
    std::cout << tr("None: no active loan has an instalment past due.") << "\n";
    return;
  }
  Table t({{tr("Loan")}, {tr("Enterprise")}, {tr("Product")}, {tr("Days past due"), Align::kRight},
           {tr("Overdue"), Align::kNumber}, {tr("At risk"), Align::kNumber}, {tr("Cur")}});
  for (const auto& r : rows) {
    const auto& l = r.loan;
    t.add_row({l.id, l.enterprise, l.product, std::to_string(r.days_past_due),
               money(r.overdue_minor, l.currency), money(r.outstanding_minor, l.currency),
               l.currency});
  }
  t.print(std::cout);
  std::cout << tr("At risk: the loan's outstanding principal, as counted in PAR.") << "\n";
}

void add_list_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto g = std::make_shared<reports::GrantFilter>();
  auto* grant = subcommand(app, "grant", tr("Grants"))->add_subcommand("list", tr("List grants"));
  grant->add_option("--fund", g->fund, tr("Only the grants of this fund"));
  grant->add_option("--enterprise", g->enterprise, tr("Only the grants of this enterprise"));
  grant->add_option("--status", g->status, tr("awarded, partly-paid, paid or cancelled"));
  grant->footer(tr("Example:\n  semilla grant list --fund BID-2026 --status partly-paid"));
  ctx.offer_csv(grant);
  grant->callback([&ctx, &exit_code, g] { exit_code = run_grant_list(ctx, *g); });

  auto e = std::make_shared<std::string>();
  auto* ms = subcommand(app, "milestone", tr("Milestones"))
                 ->add_subcommand("list", tr("List the milestones recorded"));
  ms->add_option("--enterprise", *e, tr("Only those of this enterprise"));
  ms->footer(tr("Example:\n  semilla milestone list --enterprise EC-001"));
  ctx.offer_csv(ms);
  ms->callback([&ctx, &exit_code, e] { exit_code = run_milestone_list(ctx, *e); });

  auto l = std::make_shared<reports::LoanFilter>();
  auto* loan = subcommand(app, "loan", tr("Loans"))
                   ->add_subcommand("list", tr("List loans with what they owe today"));
  loan->add_option("--status", l->status, tr("open, active, closed or written-off (today)"));
  loan->add_option("--enterprise", l->enterprise, tr("Only the loans of this enterprise"));
  loan->footer(tr("Example:\n  semilla loan list --status active --enterprise EC-001"));
  ctx.offer_csv(loan);
  loan->callback([&ctx, &exit_code, l] { exit_code = run_loan_list(ctx, *l); });
}

}  // namespace semilla::cli
