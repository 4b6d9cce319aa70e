// SPDX-License-Identifier: Apache-2.0
// semilla statement show: everything that concerns an enterprise over a period.
#include <iostream>
#include <memory>

#include "cli/cmd_grants.h"
#include "cli/commands.h"
#include "cli/csv_reports.h"
#include "cli/table.h"
#include "ledger/reports/enterprise_statement.h"

namespace semilla::cli {
namespace {

using nlohmann::json;
using Align = Table::Align;

struct StatementArgs {
  std::string enterprise, from, to;
};

json figures_json(const std::vector<reports::Figure>& figures) {
  json out = json::array();
  for (const auto& f : figures) {
    out.push_back({{"kind", f.kind}, {"currency", f.currency},
                   {"opening", money(f.opening_minor, f.currency)},
                   {"period", money(f.period_minor, f.currency)},
                   {"closing", money(f.closing_minor, f.currency)}});
  }
  return out;
}

json parts_json(const reports::EnterpriseStatement& st) {
  json grants = json::array(), loans = json::array(), tagged = json::array();
  for (const auto& g : st.grants) {
    grants.push_back({{"grant", g.id}, {"fund", g.fund}, {"currency", g.currency},
                      {"status", g.status}, {"figures", figures_json(g.figures)}});
  }
  for (const auto& l : st.loans) {
    loans.push_back({{"loan", l.id}, {"product", l.product}, {"currency", l.currency},
                     {"status", l.status}, {"days_past_due", l.days_past_due},
                     {"figures", figures_json(l.figures)}});
  }
  for (const auto& t : st.tagged) {
    tagged.push_back({{"date", t.date.to_string()}, {"transaction", t.transaction_id},
                      {"kind", t.kind}, {"ref", t.ref ? json(*t.ref) : json(nullptr)},
                      {"memo", t.memo}, {"account", t.account},
                      {"amount", t.amount.to_string()},
                      {"currency", std::string(t.amount.currency().code())}});
  }
  return {{"grants", grants}, {"loans", loans}, {"transactions", tagged},
          {"summary", figures_json(st.summary)}};
}

json statement_json(const reports::EnterpriseStatement& st) {
  const auto& a = st.accounts;
  json lines = json::array();
  for (const auto& e : a.entries) {
    lines.push_back({{"date", e.line.date.to_string()},
                     {"transaction", e.line.transaction_id},
                     {"memo", e.line.memo},
                     {"ref", e.line.ref ? json(*e.line.ref) : json(nullptr)},
                     {"account", e.line.account},
                     {"amount", e.line.amount.to_string()},
                     {"currency", std::string(e.line.amount.currency().code())},
                     {"balance", e.running.to_string()}});
  }
  json out = {{"enterprise", a.enterprise.id}, {"name", st.name ? json(*st.name) : json()},
              {"from", a.from.to_string()}, {"to", a.to.to_string()},
              {"opening", amounts_json(a.opening)}, {"lines", lines},
              {"closing", amounts_json(a.closing)}};
  out.update(parts_json(st));
  return out;
}

std::string amounts_text(const std::vector<money::Amount>& amounts) {
  if (amounts.empty()) return "0";
  std::string out;
  for (const auto& a : amounts) out += (out.empty() ? "" : ", ") + with_code(a);
  return out;
}

// The figure of `kind` in `figures`, closing value, or "" when there is none.
std::string closing_of(const std::vector<reports::Figure>& figures, const std::string& kind) {
  for (const auto& f : figures) {
    if (f.kind == kind) return money(f.closing_minor, f.currency);
  }
  return "";
}

void print_summary(const reports::EnterpriseStatement& st) {
  std::cout << "\n" << tr("Summary") << "\n";
  Table t({{tr("Kind")}, {tr("Cur")}, {tr("Opening"), Align::kNumber},
           {tr("Period"), Align::kNumber},
           {tr("Closing"), Align::kNumber}});
  for (const auto& f : st.summary) {
    t.add_row({f.kind, f.currency, money(f.opening_minor, f.currency),
               money(f.period_minor, f.currency), money(f.closing_minor, f.currency)});
  }
  t.print(std::cout);
}

void print_accounts(const book::Statement& a) {
  std::cout << "\n" << tr("Own accounts") << "\n"
            << trf("Opening balance: {amounts}", {{"amounts", amounts_text(a.opening)}}) << "\n";
  if (!a.entries.empty()) {
    Table t({{tr("Date")}, {tr("Txn"), Align::kRight}, {tr("Memo")}, {tr("Account")},
             {tr("Amount"), Align::kNumber}, {tr("Balance"), Align::kNumber}, {tr("Cur")}});
    for (const auto& e : a.entries) {
      t.add_row({e.line.date.to_string(), std::to_string(e.line.transaction_id), e.line.memo,
                 e.line.account, e.line.amount.to_string(), e.running.to_string(),
                 std::string(e.line.amount.currency().code())});
    }
    t.print(std::cout);
  }
  std::cout << trf("Closing balance: {amounts}", {{"amounts", amounts_text(a.closing)}}) << "\n";
}

void print_grants(const std::vector<reports::StatementGrant>& grants) {
  if (grants.empty()) return;
  std::cout << "\n" << tr("Grants (to the end of the period)") << "\n";
  Table t({{tr("Grant")}, {tr("Fund")}, {tr("Status")}, {tr("Awarded"), Align::kNumber},
           {tr("Disbursed"), Align::kNumber}, {tr("Returned"), Align::kNumber},
           {tr("Released"), Align::kNumber}, {tr("Cur")}});
  for (const auto& g : grants) {
    t.add_row({g.id, g.fund, g.status, closing_of(g.figures, "grants.awarded"),
               closing_of(g.figures, "grants.disbursed"),
               closing_of(g.figures, "grants.returned"),
               closing_of(g.figures, "grants.released"), g.currency});
  }
  t.print(std::cout);
}

void print_loans(const std::vector<reports::StatementLoan>& loans) {
  if (loans.empty()) return;
  std::cout << "\n" << tr("Loans (to the end of the period)") << "\n";
  Table t({{tr("Loan")}, {tr("Product")}, {tr("Status")}, {tr("Disbursed"), Align::kNumber},
           {tr("Principal"), Align::kNumber}, {tr("Interest"), Align::kNumber},
           {tr("Fees"), Align::kNumber}, {tr("Penalties"), Align::kNumber},
           {tr("Outstanding"), Align::kNumber}, {tr("Overdue"), Align::kNumber},
           {tr("DPD"), Align::kRight}, {tr("Cur")}});
  for (const auto& l : loans) {
    const auto& f = l.figures;
    t.add_row({l.id, l.product, l.status, closing_of(f, "loans.disbursed"),
               closing_of(f, "loans.principal-repaid"), closing_of(f, "loans.interest-paid"),
               closing_of(f, "loans.fees-paid"), closing_of(f, "loans.penalties-paid"),
               closing_of(f, "loans.outstanding"), closing_of(f, "loans.overdue"),
               std::to_string(l.days_past_due), l.currency});
  }
  t.print(std::cout);
  std::cout << tr("Principal, Interest, Fees, Penalties: repaid. DPD: days past due.") << "\n";
}

void print_tagged(const std::vector<store::RegisterLine>& lines) {
  if (lines.empty()) return;
  std::cout << "\n" << tr("Transactions concerning the enterprise") << "\n";
  Table t({{tr("Date")}, {tr("Txn"), Align::kRight}, {tr("Kind")}, {tr("Memo")}, {tr("Account")},
           {tr("Amount"), Align::kNumber}, {tr("Cur")}});
  std::int64_t previous = 0;
  for (const auto& l : lines) {
    const bool first = l.transaction_id != previous;
    previous = l.transaction_id;
    t.add_row({first ? l.date.to_string() : "", first ? std::to_string(l.transaction_id) : "",
               first ? l.kind : "", first ? l.memo : "", l.account, l.amount.to_string(),
               std::string(l.amount.currency().code())});
  }
  t.print(std::cout);
}

ExitCode run_statement(Context& ctx, const StatementArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto st = reports::enterprise_statement(b, a.enterprise, a.from, a.to);
  if (!st.ok()) return report_errors(ctx, st.error());
  if (ctx.csv()) {
    write_statement_csv(std::cout, statement_json(*st));
    return kExitOk;
  }
  if (ctx.json()) {
    print_json(statement_json(*st));
    return kExitOk;
  }
  const auto& acc = st->accounts;
  const std::string who = acc.enterprise.id + (st->name ? " (" + *st->name + ")" : "");
  std::cout << trf("Statement of {enterprise} from {from} to {to}",
                   {{"enterprise", who}, {"from", acc.from.to_string()},
                    {"to", acc.to.to_string()}})
            << "\n";
  if (st->summary.empty() && st->tagged.empty()) {
    std::cout << trf("Nothing concerns {enterprise} up to {to}.",
                     {{"enterprise", acc.enterprise.id}, {"to", acc.to.to_string()}})
              << "\n";
  } else {
    print_summary(*st);
  }
  print_accounts(acc);
  print_grants(st->grants);
  print_loans(st->loans);
  print_tagged(st->tagged);
  return kExitOk;
}

}  // namespace

void add_statement_show(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto args = std::make_shared<StatementArgs>();
  auto* st =
      app.add_subcommand("statement", tr("Enterprise statements, and partners' statements"));
  st->require_subcommand(1);
  st->footer(tr("`show` prints what concerns an enterprise; `export`, `verify` and `import` "
                "exchange signed statements with partners (docs/exchange.md).\n\nExample:\n  "
                "semilla statement show EC-001 --from 2026-01-01 --to 2026-03-31"));
  auto* show = st->add_subcommand(
      "show", tr("Everything that concerns an enterprise: accounts, grants, loans, transactions"));
  show->add_option("ENTERPRISE-ID", args->enterprise, tr("The enterprise"))->required();
  show->add_option("--from", args->from, tr("First date, YYYY-MM-DD (default: the beginning)"));
  show->add_option("--to", args->to, tr("Last date, YYYY-MM-DD (default: today)"));
  show->footer(tr("Its own accounts (`account add ... --enterprise ID`) with running balances, "
                  "its grants, its loans, every transaction tagged with it (`post "
                  "--enterprise`), and a summary with opening, period and closing figures per "
                  "kind.\n\nExample:\n  semilla statement show EC-001 --from 2026-01-01 --to "
                  "2026-03-31"));
  ctx.offer_csv(show);
  show->callback([&ctx, &exit_code, args] { exit_code = run_statement(ctx, *args); });
}

}  // namespace semilla::cli
