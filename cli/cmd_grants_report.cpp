// SPDX-License-Identifier: Apache-2.0
// semilla report donor, period close | reopen | list
#include <iostream>
#include <memory>

#include "cli/cmd_grants.h"
#include "cli/commands.h"
#include "cli/csv_out.h"
#include "cli/html/html_reports.h"
#include "cli/html/html_strings.h"
#include "cli/html_out.h"
#include "cli/table.h"
#include "ledger/grants/donor_report.h"
#include "ledger/grants/grants.h"

namespace semilla::cli {
namespace {

using nlohmann::json;
using Align = Table::Align;

struct ReportArgs {
  std::string fund, from, to;
};

// The money lines of the report, in order: (key, minor units); their labels are the pages' words
// (cli/html/html_strings.h).
std::vector<std::pair<std::string, std::int64_t>> money_lines(const grants::DonorReport& r) {
  std::vector<std::pair<std::string, std::int64_t>> out = {
      {"opening_balance", r.opening_minor},
      {"received", r.received_minor},
      {"disbursed_cash", r.disbursed_cash_minor},
      {"disbursed_in_kind", r.disbursed_in_kind_minor},
      {"returned", r.returned_minor},
      {"spent", r.spent_minor},
      {"other_movements", r.other_minor},
      {"closing_balance", r.closing_minor},
      {"committed_opening", r.committed_opening_minor},
      {"awarded", r.awarded_minor},
      {"released", r.released_minor},
      {"committed_closing", r.committed_minor}};
  return out;
}

json group_json(const grants::GroupFigures& g, const std::string& cur) {
  return {{"group", g.value}, {"enterprises", g.enterprises}, {"grants", g.grants},
          {"people", g.people.total()}, {"female", g.people.female}, {"male", g.people.male},
          {"other", g.people.other}, {"unknown", g.people.unknown},
          {"amount", money(g.amount_minor, cur)}};
}

json months_json(const grants::DonorReport& r) {
  json out = json::array();
  for (const auto& m : r.by_month) {
    out.push_back({{"month", m.month},
                   {"disbursed_cash", money(m.cash_minor, r.fund.currency)},
                   {"disbursed_in_kind", money(m.in_kind_minor, r.fund.currency)},
                   {"returned", money(m.returned_minor, r.fund.currency)}});
  }
  return out;
}

json tranches_json(const grants::DonorReport& r) {
  json out = json::array();
  for (const auto& t : r.tranches) {
    out.push_back({{"grant", t.grant}, {"enterprise", t.enterprise}, {"n", t.n},
                   {"amount", money(t.amount_minor, r.fund.currency)}, {"state", t.state},
                   {"paid_on", t.paid_on ? json(t.paid_on->to_string()) : json(nullptr)}});
  }
  return out;
}

json tranche_totals_json(const grants::DonorReport& r) {
  json out = json::array();
  for (const auto& t : r.tranche_totals) {
    out.push_back({{"state", t.state}, {"tranches", t.tranches},
                   {"amount", money(t.amount_minor, r.fund.currency)}});
  }
  return out;
}

json report_json(const grants::DonorReport& r) {
  const std::string& cur = r.fund.currency;
  json m = json::object();
  for (const auto& [key, minor] : money_lines(r)) m[key] = money(minor, cur);
  json budget = json::array();
  for (const auto& b : r.budget) {
    budget.push_back({{"category", b.category}, {"budget", money(b.budget_minor, cur)},
                      {"actual", money(b.actual_minor, cur)},
                      {"remaining", money(b.budget_minor - b.actual_minor, cur)}});
  }
  json dims = json::object();
  for (const auto& d : r.breakdowns) {
    json groups = json::array();
    for (const auto& g : d.groups) groups.push_back(group_json(g, cur));
    dims[d.dimension] = groups;
  }
  return {{"fund", r.fund.code}, {"donor", r.fund.donor}, {"currency", cur},
          {"from", r.from.to_string()}, {"to", r.to.to_string()}, {"money", m},
          {"budget", budget}, {"reached", group_json(r.total, cur)}, {"by", dims},
          {"by_month", months_json(r)}, {"tranches", tranches_json(r)},
          {"tranche_totals", tranche_totals_json(r)},
          {"reconciled", r.reconciled}, {"unexplained_transactions", r.unexplained}};
}

// One section per part of the report, in the columns donors' spreadsheets have used since
// the first --csv: section, item, the reach counts, amount, budget.
void print_csv(const grants::DonorReport& r) {
  const json doc = report_json(r);
  json money_rows = json::array(), budget = json::array(), reached = json::array();
  for (const auto& [key, minor] : money_lines(r)) {
    money_rows.push_back({{"item", key}, {"amount", doc["money"][key]}});
  }
  for (const auto& b : doc["budget"]) {
    budget.push_back({{"item", b["category"]}, {"amount", b["actual"]}, {"budget", b["budget"]}});
  }
  std::vector<CsvTable> tables = {{"money", &money_rows, {"item", "amount"}},
                                  {"budget", &budget, {"item", "amount", "budget"}}};
  const std::vector<std::string> counts = {"enterprises", "grants", "people", "female",
                                           "male",        "other",  "unknown", "amount"};
  std::vector<std::string> group_columns = {"item"};
  group_columns.insert(group_columns.end(), counts.begin(), counts.end());
  std::vector<json> groups;  // kept alive while the tables point at them
  groups.reserve(1 + r.breakdowns.size());
  groups.push_back(json::array({doc["reached"]}));
  for (const auto& d : r.breakdowns) groups.push_back(doc["by"][d.dimension]);
  for (auto& g : groups) {
    for (auto& row : g) row["item"] = row["group"];
  }
  tables.push_back({"reached", &groups[0], group_columns});
  for (std::size_t i = 0; i < r.breakdowns.size(); ++i) {
    tables.push_back({r.breakdowns[i].dimension, &groups[i + 1], group_columns});
  }
  std::vector<std::string> order = {"item"};
  order.insert(order.end(), counts.begin(), counts.end());
  order.push_back("budget");
  write_csv_sections(std::cout, tables, order);
}

// Grant money by month, and the tranches by state at the report's end.
void print_time_parts(const grants::DonorReport& r) {
  const std::string& cur = r.fund.currency;
  std::cout << "\n" << tr("Grant money by month") << "\n";
  Table m({{tr("Month")}, {tr("Cash"), Align::kNumber}, {tr("In kind"), Align::kNumber},
           {tr("Returned"), Align::kNumber}});
  for (const auto& x : r.by_month) {
    m.add_row({x.month, money(x.cash_minor, cur), money(x.in_kind_minor, cur),
               money(x.returned_minor, cur)});
  }
  m.print(std::cout);
  std::cout << "\n"
            << trf("Tranches of the fund's grants at {date}", {{"date", r.to.to_string()}})
            << "\n";
  Table t({{tr("State")}, {tr("Tranches"), Align::kRight}, {tr("Amount"), Align::kNumber}});
  for (const auto& x : r.tranche_totals) {
    t.add_row({x.state, std::to_string(x.tranches), money(x.amount_minor, cur)});
  }
  t.print(std::cout);
}

void print_human(const grants::DonorReport& r) {
  const std::string& cur = r.fund.currency;
  std::cout << trf("Donor report: fund {fund} ({donor}, {currency}), {from} to {to}",
                   {{"fund", r.fund.code}, {"donor", r.fund.donor}, {"currency", cur},
                    {"from", r.from.to_string()}, {"to", r.to.to_string()}})
            << "\n\n";
  Table m({{tr("Money")}, {cur, Align::kNumber}});
  for (const auto& [key, minor] : money_lines(r)) {
    if ((key == "other_movements" || key == "spent") && minor == 0) continue;
    if (key == "closing_balance" || key == "committed_opening") m.add_rule();
    m.add_row({std::string(html::words::money_line(key)), money(minor, cur)});
  }
  m.print(std::cout);
  if (!r.budget.empty()) {
    std::cout << "\n"
              << trf("Budget and actual, from the fund's start to {date}",
                     {{"date", r.to.to_string()}})
              << "\n";
    Table b({{tr("Category")}, {tr("Budget"), Align::kNumber}, {tr("Actual"), Align::kNumber},
             {tr("Remaining"), Align::kNumber}});
    for (const auto& l : r.budget) {
      b.add_row({l.category, money(l.budget_minor, cur), money(l.actual_minor, cur),
                 money(l.budget_minor - l.actual_minor, cur)});
    }
    b.print(std::cout);
  }
  std::cout << "\n" << tr("Reached in the period (net amount: disbursed minus returned)") << "\n";
  Table t({{tr("Group")}, {tr("Enterprises"), Align::kRight}, {tr("Grants"), Align::kRight},
           {tr("People"), Align::kRight}, {tr("Women"), Align::kRight},
           {tr("Men"), Align::kRight}, {tr("Other"), Align::kRight},
           {tr("Unknown"), Align::kRight}, {tr("Amount"), Align::kNumber}});
  auto row = [&](const std::string& label, const grants::GroupFigures& g) {
    t.add_row({label, std::to_string(g.enterprises), std::to_string(g.grants),
               std::to_string(g.people.total()), std::to_string(g.people.female),
               std::to_string(g.people.male), std::to_string(g.people.other),
               std::to_string(g.people.unknown), money(g.amount_minor, cur)});
  };
  row(tr("Total"), r.total);
  for (const auto& d : r.breakdowns) {
    t.add_rule();
    for (const auto& g : d.groups) row(d.dimension + ": " + g.value, g);
  }
  t.print(std::cout);
  print_time_parts(r);
  if (!r.reconciled) {
    std::cout << "\n"
              << tr("WARNING: the grant events do not add up to the fund's accounts: something "
                    "was posted on them outside the grant commands.")
              << "\n";
    if (r.unexplained.empty()) {
      std::cout << tr("No transaction dated in the period explains it: compare the opening "
                      "balances with the previous report.")
                << "\n";
    } else {
      std::cout << tr("Transactions on the fund's accounts that no fund or grant command "
                      "posted:");
      for (std::int64_t id : r.unexplained) std::cout << ' ' << id;
      std::cout << "\n";
    }
  }
}

ExitCode run_donor_report(Context& ctx, const ReportArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto r = grants::donor_report(b, a.fund, a.from, a.to);
  if (!r.ok()) return report_error(ctx, r.error());
  if (!ctx.html_path().empty()) return finish_html(ctx, report_json(*r), html::write_donor_page);
  if (ctx.csv()) {
    print_csv(*r);
  } else if (ctx.json()) {
    print_json(report_json(*r));
  } else {
    print_human(*r);
  }
  return kExitOk;
}

json period_json(const store::PeriodEventRow& p) {
  return {{"month", p.month}, {"closed", p.closed}, {"reason", p.reason}, {"time", p.time},
          {"audit_seq", p.audit_seq}};
}

template <typename Op>
ExitCode run_period(Context& ctx, Op op) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto p = op(b);
  if (!p.ok()) return report_error(ctx, p.error());
  if (ctx.json()) {
    print_json({{"ok", true}, {"period", period_json(*p)}});
  } else {
    const TrArgs args = {{"month", p->month}, {"record", std::to_string(p->audit_seq)}};
    std::cout << (p->closed ? trf("Closed {month} (audit record {record})", args)
                            : trf("Reopened {month} (audit record {record})", args))
              << "\n";
  }
  return kExitOk;
}

ExitCode run_period_list(Context& ctx) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto events = grants::period_events(b);
  if (!events.ok()) return report_error(ctx, events.error());
  std::map<std::string, store::PeriodEventRow> latest;
  json all = json::array();
  for (const auto& e : *events) {
    latest[e.month] = e;
    all.push_back(period_json(e));
  }
  json closed = json::array();
  Table t({{tr("Month")}, {tr("State")}, {tr("Since")}, {tr("Record"), Align::kRight},
          {tr("Reason")}});
  for (const auto& [month, e] : latest) {
    if (e.closed) closed.push_back(month);
    t.add_row({month, e.closed ? "closed" : "reopened", e.time, std::to_string(e.audit_seq),
               e.reason});
  }
  if (print_csv(ctx, {"", &all, {"month", "closed", "reason", "time", "audit_seq"}})) {
    return kExitOk;
  }
  if (ctx.json()) {
    print_json({{"closed", closed}, {"events", all}});
  } else {
    t.print(std::cout);
  }
  return kExitOk;
}

}  // namespace

void add_donor_report_command(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto a = std::make_shared<ReportArgs>();
  auto* report = subcommand(app, "report", tr("Reports for donors and partners"));
  auto* donor = report->add_subcommand("donor", tr("A fund's money and reach over a period"));
  donor->add_option("CODE", a->fund, tr("The fund"))->required();
  donor->add_option("--from", a->from, tr("First day, YYYY-MM-DD"))->required();
  donor->add_option("--to", a->to, tr("Last day, YYYY-MM-DD"))->required();
  ctx.offer_csv(donor);
  ctx.offer_html(donor);
  donor->footer(tr("Money lines are the balances of the fund's accounts; the breakdown counts "
                   "enterprises with a disbursement or return in the period, by their attributes "
                   "at that event (docs/grants.md).\n\nExample:\n  semilla report donor BID-2026 "
                   "--from 2026-01-01 --to 2026-06-30 --csv\n  semilla report donor BID-2026 "
                   "--from 2026-01-01 --to 2026-06-30 --html bid-2026-h1.html"));
  donor->callback([&ctx, &exit_code, a] { exit_code = run_donor_report(ctx, *a); });
}

void add_period_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto a = std::make_shared<std::pair<std::string, std::string>>();
  auto* period = subcommand(app, "period", tr("Close and reopen months"));
  auto* close = period->add_subcommand("close", tr("Refuse every posting dated in a month"));
  close->add_option("MONTH", a->first, tr("YYYY-MM, a month that is over"))->required();
  close->footer(tr("Corrections then go into an open period.\n\nExample:\n  semilla period close "
                   "2026-03"));
  close->callback([&ctx, &exit_code, a] {
    exit_code = run_period(ctx, [&](book::Book& b) { return grants::close_period(b, a->first); });
  });
  auto* reopen = period->add_subcommand("reopen", tr("Accept postings in a closed month again"));
  reopen->add_option("MONTH", a->first, tr("YYYY-MM"))->required();
  reopen->add_option("--reason", a->second, tr("Why (kept in the audit log)"))->required();
  reopen->footer(tr("Example:\n  semilla period reopen 2026-03 --reason \"Bank statement late\""));
  reopen->callback([&ctx, &exit_code, a] {
    exit_code = run_period(
        ctx, [&](book::Book& b) { return grants::reopen_period(b, a->first, a->second); });
  });
  auto* list = period->add_subcommand("list", tr("Closed and reopened months"));
  ctx.offer_csv(list);
  list->callback([&ctx, &exit_code] { exit_code = run_period_list(ctx); });
}

}  // namespace semilla::cli
