// SPDX-License-Identifier: Apache-2.0
// semilla transactions (the register) | transaction show
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/csv_out.h"
#include "cli/table.h"
#include "ledger/reports/register.h"

namespace semilla::cli {
namespace {

using nlohmann::json;
using Align = Table::Align;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json register_json(const reports::RegisterQuery& q, const reports::Register& r) {
  json lines = json::array();
  for (const auto& row : r.rows) {
    const auto& l = row.line;
    json line = {{"date", l.date.to_string()}, {"transaction", l.transaction_id},
                 {"ref", opt(l.ref)},          {"memo", l.memo},
                 {"enterprise", opt(l.enterprise)}, {"kind", l.kind},
                 {"account", l.account},       {"amount", l.amount.to_string()},
                 {"currency", std::string(l.amount.currency().code())}};
    if (row.balance) line["balance"] = row.balance->to_string();
    lines.push_back(std::move(line));
  }
  auto given = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"filters",
           {{"account", given(q.account)}, {"enterprise", given(q.enterprise)},
            {"from", given(q.from)}, {"to", given(q.to)}, {"ref", given(q.ref)},
            {"memo", given(q.memo)}, {"kind", given(q.kind)}, {"limit", given(q.limit)}}},
          {"running_balance", r.running_balance},
          {"count", r.rows.size()},
          {"lines", lines}};
}

// One line per posting; a transaction's date, number, ref, memo and kind on its first line.
void print_register(const reports::Register& r) {
  std::vector<Table::Column> cols{{tr("Date")}, {tr("Txn"), Align::kRight}, {tr("Ref")},
                                  {tr("Memo")}, {tr("Kind")}, {tr("Account")},
                                  {tr("Amount"), Align::kNumber}};
  if (r.running_balance) cols.push_back({tr("Balance"), Align::kNumber});
  cols.push_back({"Cur"});
  Table t(std::move(cols));
  std::int64_t previous = 0;
  for (const auto& row : r.rows) {
    const auto& l = row.line;
    const bool first = l.transaction_id != previous;
    previous = l.transaction_id;
    std::vector<std::string> cells{first ? l.date.to_string() : "",
                                   first ? std::to_string(l.transaction_id) : "",
                                   first ? l.ref.value_or("") : "", first ? l.memo : "",
                                   first ? l.kind : "", l.account, l.amount.to_string()};
    if (r.running_balance) cells.push_back(row.balance ? row.balance->to_string() : "");
    cells.emplace_back(l.amount.currency().code());
    t.add_row(std::move(cells));
  }
  t.print(std::cout);
}

ExitCode run_register(Context& ctx, const reports::RegisterQuery& q) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto r = reports::find_transactions(b, q);
  if (!r.ok()) return report_errors(ctx, r.error());
  if (ctx.csv()) {
    // Every line carries its transaction's date, number, ref and memo, so that a spreadsheet
    // can sort and filter them.
    const json doc = register_json(q, *r);
    std::vector<std::string> columns = {"date", "transaction", "ref",    "memo",    "enterprise",
                                        "kind", "account",     "amount", "currency"};
    if (r->running_balance) columns.push_back("balance");
    write_csv(std::cout, {"", &doc.at("lines"), columns});
  } else if (ctx.json()) {
    print_json(register_json(q, *r));
  } else if (r->rows.empty()) {
    std::cout << tr("No transactions match.") << "\n";
  } else {
    print_register(*r);
  }
  return kExitOk;
}

void add_register(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto q = std::make_shared<reports::RegisterQuery>();
  auto* cmd = app.add_subcommand("transactions", tr("Find transactions: a register of postings"));
  cmd->add_option("--account", q->account, tr("Only this account and those below it"));
  cmd->add_option("--enterprise", q->enterprise, tr("Only transactions concerning the enterprise"));
  cmd->add_option("--from", q->from, tr("First date, YYYY-MM-DD"));
  cmd->add_option("--to", q->to, tr("Last date, YYYY-MM-DD"));
  cmd->add_option("--ref", q->ref, tr("Reference containing this text (any case)"));
  cmd->add_option("--memo", q->memo, tr("Memo containing this text (any case)"));
  cmd->add_option("--kind", q->kind, tr("post, reversal, loan[.repay...], grant[...], fund[...]"));
  cmd->add_option("--limit", q->limit, tr("Only the newest N lines"));
  cmd->footer(tr("One line per posting, oldest first. With --account alone (or with --from/--to) "
                 "each line also shows the account's balance after it.\n\nExamples:\n  semilla "
                 "transactions --account Assets:Bank --from 2026-03-01 --to 2026-03-31\n  "
                 "semilla transactions --enterprise EC-001 --kind loan.repay --limit 20\n  "
                 "semilla transactions --memo \"seed capital\""));
  ctx.offer_csv(cmd);
  cmd->callback([&ctx, &exit_code, q] { exit_code = run_register(ctx, *q); });
}

json detail_json(const reports::TransactionDetail& d) {
  const auto& t = d.transaction;
  json postings = json::array();
  for (const auto& p : t.postings) {
    postings.push_back({{"account", p.account}, {"amount", p.amount.to_string()},
                        {"currency", std::string(p.amount.currency().code())}});
  }
  return {{"id", t.id}, {"date", t.date.to_string()}, {"memo", t.memo}, {"ref", opt(t.ref)},
          {"enterprise", opt(t.enterprise)}, {"kind", d.kind},
          {"operation", d.origin ? json{{"kind", d.origin->kind},
                                        {"audit_seq", d.origin->audit_seq}}
                                 : json(nullptr)},
          {"reverses", t.reverses ? json(*t.reverses) : json(nullptr)},
          {"reversed_by", d.reversed_by ? json(*d.reversed_by) : json(nullptr)},
          {"reason", t.reason}, {"recorded_at", t.recorded_at}, {"actor", d.actor},
          {"record", {{"seq", t.audit_seq}, {"kind", d.record_kind}, {"hash", d.record_hash},
                      {"time", d.record_time}}},
          {"postings", postings}};
}

void print_detail(const reports::TransactionDetail& d) {
  const auto& t = d.transaction;
  std::cout << trf("Transaction {id} dated {date} ({kind})",
                   {{"id", std::to_string(t.id)}, {"date", t.date.to_string()}, {"kind", d.kind}})
            << "\n";
  // Labels, then values in one column past the widest label of the language in use.
  const char* labels[] = {tr("Memo:"),     tr("Ref:"),       tr("Enterprise:"),
                          tr("Recorded:"), tr("Record:"),    tr("Operation:"),
                          tr("Reverses:"), tr("Reversed by:")};
  std::size_t width = 0;
  for (const char* l : labels) width = std::max(width, display_width(l) + 1);
  auto fact = [&](const char* label, const std::string& value) {
    std::cout << label << std::string(width - display_width(label), ' ') << value << '\n';
  };
  if (!t.memo.empty()) fact(labels[0], t.memo);
  if (t.ref) fact(labels[1], *t.ref);
  if (t.enterprise) fact(labels[2], *t.enterprise);
  fact(labels[3], trf("{time} by {actor}", {{"time", t.recorded_at}, {"actor", d.actor}}));
  fact(labels[4], trf("{seq} ({kind}, hash {hash})", {{"seq", std::to_string(t.audit_seq)},
                                                      {"kind", d.record_kind},
                                                      {"hash", d.record_hash}}));
  if (d.origin) {
    fact(labels[5], trf("{kind} (audit record {record})",
                        {{"kind", d.origin->kind},
                         {"record", std::to_string(d.origin->audit_seq)}}));
  }
  if (t.reverses) {
    fact(labels[6], trf("transaction {id} ({reason})",
                        {{"id", std::to_string(*t.reverses)}, {"reason", t.reason}}));
  }
  if (d.reversed_by) {
    fact(labels[7], trf("transaction {id}", {{"id", std::to_string(*d.reversed_by)}}));
  }
  std::cout << '\n';
  Table table({{tr("Account")}, {tr("Debit"), Align::kNumber}, {tr("Credit"), Align::kNumber},
              {tr("Cur")}});
  for (const auto& p : t.postings) {
    const bool debit = p.amount.is_positive();
    table.add_row({p.account, debit ? p.amount.to_string() : "",
                   debit ? "" : p.amount.abs().to_string(),
                   std::string(p.amount.currency().code())});
  }
  table.print(std::cout);
}

ExitCode run_show(Context& ctx, const std::string& id) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto d = reports::transaction_detail(b, id);
  if (!d.ok()) return report_error(ctx, d.error());
  if (ctx.csv()) {  // its postings, each with the transaction's number, date, ref and memo
    json doc = detail_json(*d), rows = json::array();
    for (const auto& p : doc["postings"]) {
      rows.push_back({{"transaction", doc["id"]}, {"date", doc["date"]}, {"ref", doc["ref"]},
                      {"memo", doc["memo"]}, {"account", p["account"]},
                      {"amount", p["amount"]}, {"currency", p["currency"]}});
    }
    write_csv(std::cout, {"", &rows, {"transaction", "date", "ref", "memo", "account", "amount",
                                       "currency"}});
  } else if (ctx.json()) {
    print_json(detail_json(*d));
  } else {
    print_detail(*d);
  }
  return kExitOk;
}

void add_show(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto* group = app.add_subcommand("transaction", tr("One transaction in full"));
  group->require_subcommand(1);
  group->footer(tr("Example:\n  semilla transaction show 42"));
  auto id = std::make_shared<std::string>();
  auto* show = group->add_subcommand(
      "show", tr("Postings, audit record, actor, the operation behind it, its reversal"));
  show->add_option("TXN-ID", *id, tr("The transaction number"))->required();
  show->footer(tr("Example:\n  semilla transaction show 42\n  semilla --json transaction show 42"));
  ctx.offer_csv(show);
  show->callback([&ctx, &exit_code, id] { exit_code = run_show(ctx, *id); });
}

}  // namespace

void add_find_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  add_register(app, ctx, exit_code);
  add_show(app, ctx, exit_code);
}

}  // namespace semilla::cli
