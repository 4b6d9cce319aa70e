// SPDX-License-Identifier: Apache-2.0
// semilla balance | trial-balance (statement show: cmd_statement.cpp)
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/csv_out.h"
#include "cli/table.h"
#include "ledger/money/balance.h"

namespace semilla::cli {
namespace {

using nlohmann::json;
using Align = Table::Align;

struct BalanceArgs {
  std::string prefix, as_of;
};

ExitCode run_balance(Context& ctx, const BalanceArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto rows = b.balances(a.prefix, a.as_of);
  if (!rows.ok()) return report_error(ctx, rows.error());
  money::Balance total;
  json accounts = json::array();
  Table t({{tr("Account")}, {tr("Balance"), Align::kNumber}, {tr("Cur")}});
  for (const auto& r : *rows) {
    if (auto s = total.add(r.amount); !s.ok()) return report_error(ctx, s.error());
    accounts.push_back({{"account", r.account},
                        {"type", std::string(book::account_type_name(r.type))},
                        {"balance", r.amount.to_string()},
                        {"currency", std::string(r.amount.currency().code())}});
    t.add_row({r.account, r.amount.to_string(), std::string(r.amount.currency().code())});
  }
  if (ctx.csv()) {
    json totals = json::array();
    for (const auto& sum : total.amounts()) {
      totals.push_back(
          {{"balance", sum.to_string()}, {"currency", std::string(sum.currency().code())}});
    }
    write_csv_sections(std::cout, {{"account", &accounts, {"account", "type", "balance",
                                                           "currency"}},
                                   {"total", &totals, {"balance", "currency"}}});
    return kExitOk;
  }
  if (ctx.json()) {
    print_json({{"prefix", a.prefix}, {"as_of", a.as_of.empty() ? json(nullptr) : json(a.as_of)},
                {"accounts", accounts}, {"total", amounts_json(total.amounts())}});
    return kExitOk;
  }
  t.add_rule();
  for (const auto& amount : total.amounts()) {
    t.add_row({a.prefix.empty() ? tr("Total") : trf("Total {prefix}", {{"prefix", a.prefix}}),
               amount.to_string(),
               std::string(amount.currency().code())});
  }
  t.print(std::cout);
  return kExitOk;
}

// Debit-positive balances shown in two columns, as accountants read a trial balance.
ExitCode run_trial_balance(Context& ctx, const BalanceArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto rows = b.balances("", a.as_of);
  if (!rows.ok()) return report_error(ctx, rows.error());
  money::Balance debits, credits;
  json accounts = json::array(), columns = json::array();  // columns: as the table, for --csv
  Table t({{tr("Account")}, {tr("Type")}, {tr("Debit"), Align::kNumber},
           {tr("Credit"), Align::kNumber}, {tr("Cur")}});
  for (const auto& r : *rows) {
    const bool debit = r.amount.is_positive();
    if (auto s = (debit ? debits : credits).add(r.amount.abs()); !s.ok()) {
      return report_error(ctx, s.error());
    }
    const std::string code(r.amount.currency().code());
    accounts.push_back({{"account", r.account},
                        {"type", std::string(book::account_type_name(r.type))},
                        {"balance", r.amount.to_string()}, {"currency", code}});
    columns.push_back({{"account", r.account},
                       {"type", std::string(book::account_type_name(r.type))},
                       {"debit", debit ? r.amount.to_string() : ""},
                       {"credit", debit ? "" : r.amount.abs().to_string()}, {"currency", code}});
    t.add_row({r.account, std::string(book::account_type_name(r.type)),
               debit ? r.amount.to_string() : "", debit ? "" : r.amount.abs().to_string(), code});
  }
  json totals = json::array();
  t.add_rule();
  for (const auto& d : debits.amounts()) {
    auto c = credits.get(d.currency());
    totals.push_back({{"currency", std::string(d.currency().code())},
                      {"debit", d.to_string()}, {"credit", c.to_string()}});
    t.add_row({tr("Total"), "", d.to_string(), c.to_string(), std::string(d.currency().code())});
  }
  if (ctx.csv()) {
    write_csv_sections(std::cout, {{"account", &columns, {"account", "type", "debit", "credit",
                                                          "currency"}},
                                   {"total", &totals, {"debit", "credit", "currency"}}});
  } else if (ctx.json()) {
    print_json({{"as_of", a.as_of.empty() ? json(nullptr) : json(a.as_of)},
                {"accounts", accounts}, {"totals", totals}});
  } else {
    std::cout << (a.as_of.empty() ? std::string(tr("Trial balance"))
                                  : trf("Trial balance as of {date}", {{"date", a.as_of}}))
              << "\n";
    t.print(std::cout);
  }
  return kExitOk;
}

void add_balance(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto args = std::make_shared<BalanceArgs>();
  auto* cmd = app.add_subcommand("balance", tr("Balances of accounts, by account prefix"));
  cmd->add_option("ACCOUNT-PREFIX", args->prefix,
                  tr("Only this account and those below it (Assets:Bank covers Assets:Bank:*)"));
  cmd->add_option("--as-of", args->as_of, tr("Balances at the end of this date, YYYY-MM-DD"));
  cmd->footer(tr("Example:\n  semilla balance Assets --as-of 2026-03-31"));
  ctx.offer_csv(cmd);
  cmd->callback([&ctx, &exit_code, args] { exit_code = run_balance(ctx, *args); });
  auto* tb =
      app.add_subcommand("trial-balance", tr("Every account's balance, debits and credits"));
  tb->add_option("--as-of", args->as_of, tr("At the end of this date, YYYY-MM-DD"));
  tb->footer(tr("Debits equal credits in each currency: a trial balance that does not add up "
                "means a damaged book (run `semilla audit verify`).\n\nExample:\n  semilla "
                "trial-balance --as-of 2026-06-30"));
  ctx.offer_csv(tb);
  tb->callback([&ctx, &exit_code, args] { exit_code = run_trial_balance(ctx, *args); });
}

}  // namespace

void add_report_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  add_balance(app, ctx, exit_code);
  add_statement_show(app, ctx, exit_code);
}

}  // namespace semilla::cli
