// SPDX-License-Identifier: Apache-2.0
// semilla loan product add|list, quote, open, schedule, disburse, repay, reverse, status,
// write-off, recover; semilla portfolio. The rules live in ledger/loans/loan_book.h.
#include <algorithm>
#include <charconv>
#include <iostream>
#include <map>
#include <memory>

#include "cli/cmd_lists.h"
#include "cli/commands.h"
#include "cli/csv_out.h"
#include "cli/csv_reports.h"
#include "cli/html/html_reports.h"
#include "cli/html_out.h"
#include "cli/table.h"
#include "ledger/base/limits.h"
#include "ledger/exchange/partner_loans.h"
#include "ledger/loans/loan_book.h"

namespace semilla::cli {
namespace {

using nlohmann::json;
using Align = Table::Align;

// Every loan term option, with its help. Products take them all; loans override any.
constexpr std::pair<const char*, const char*> kTermOptions[] = {
    {"--currency", tr_noop("ISO 4217 code of the loans")},
    {"--principal-min", tr_noop("Smallest principal (amount or none)")},
    {"--principal-max", tr_noop("Largest principal (amount or none)")},
    {"--rate", tr_noop("Nominal annual rate in percent: 24, 36.5")},
    {"--installments", tr_noop("Number of instalments")},
    {"--every", tr_noop("Instalments every N units")},
    {"--unit", tr_noop("days, weeks or months")},
    {"--method", tr_noop("flat or declining")},
    {"--amortization", tr_noop("equal-installments or equal-principal")},
    {"--interest-period", tr_noop("same-as-repayment or daily")},
    {"--days-in-year", tr_noop("360, 364, 365 or actual")},
    {"--days-in-month", tr_noop("30 or actual")},
    {"--grace-principal", tr_noop("First N instalments without principal")},
    {"--grace-interest", tr_noop("First N instalments with interest deferred")},
    {"--grace-interest-free", tr_noop("First N instalments without interest")},
    {"--fee", tr_noop("Loan fee: AMOUNT, PCT% of the principal, or none")},
    {"--fee-mode", tr_noop("upfront (paid in cash) or deducted (withheld from the disbursement)")},
    {"--rounding", tr_noop("half-even, half-up, half-down, down, up, floor or ceiling")},
    {"--multiple-of", tr_noop("Instalments in multiples of this step (or none)")},
    {"--allocation", tr_noop("Order of components: penalties,fees,interest,principal")},
    {"--allocation-strategy", tr_noop("oldest-first or due-component-first")},
    {"--schedule", tr_noop("cumulative or progressive (Fineract's two schedule generators)")},
    {"--currency-multiple-of",
     tr_noop("Cash rounding: every figure in multiples of this coin (or none)")},
};

using TermValues = std::map<std::string, std::string>;

void add_term_options(CLI::App* cmd, TermValues& values) {
  for (const auto& [flag, help] : kTermOptions) {
    cmd->add_option(flag, values[flag], tr(help))->group(tr("Loan terms"));
  }
}

loans::Options options_of(const TermValues& values) {
  loans::Options out;
  for (const auto& [flag, help] : kTermOptions) {
    const std::string& v = values.at(flag);
    if (!v.empty()) out.emplace_back(flag, v);
  }
  return out;
}

std::string code_of(const money::Amount& a) { return std::string(a.currency().code()); }

json components_json(const loans::Components& c) {
  return {{"penalty", c.penalty.to_string()}, {"fee", c.fee.to_string()},
          {"interest", c.interest.to_string()}, {"principal", c.principal.to_string()},
          {"total", c.sum().to_string()}};
}

json quote_json(const loans::Quote& q) {
  const auto& s = q.schedule;
  json rows = json::array();
  for (const auto& i : s.installments) {
    rows.push_back({{"n", i.number}, {"due_date", i.due_date.to_string()},
                    {"principal", i.principal.to_string()}, {"interest", i.interest.to_string()},
                    {"fee", i.fee.to_string()}, {"total", i.total.to_string()},
                    {"balance", i.balance_after.to_string()}});
  }
  return {{"currency", code_of(s.principal)},
          {"principal", s.principal.to_string()},
          {"disbursement_date", s.disbursement_date.to_string()},
          {"fee_at_disbursement", s.fee_at_disbursement.to_string()},
          {"fee_mode", std::string(loans::fee_mode_name(s.fee_mode))},
          {"net_disbursement", s.net_disbursement.to_string()},
          {"installments", rows},
          {"totals", {{"principal", s.total_principal.to_string()},
                      {"interest", s.total_interest.to_string()},
                      {"fee", s.total_fee.to_string()},
                      {"total", s.total_due.to_string()}}},
          {"nominal_rate", q.cost.nominal_percent},
          {"apr", q.cost.apr_percent},
          {"eir", q.cost.eir_percent},
          {"apr_to_nominal", q.cost.apr_to_nominal}};
}

void print_quote(const loans::Quote& q) {
  const auto& s = q.schedule;
  std::cout << trf("Principal {principal}, disbursed {date}; fee {fee} ({mode}), cash to the "
                   "borrower {cash}",
                   {{"principal", with_code(s.principal)},
                    {"date", s.disbursement_date.to_string()},
                    {"fee", display_number(s.fee_at_disbursement.to_string())},
                    {"mode", std::string(loans::fee_mode_name(s.fee_mode))},
                    {"cash", display_number(s.net_disbursement.to_string())}})
            << "\n\n";
  Table t({{tr("N"), Align::kRight}, {tr("Due")}, {tr("Principal"), Align::kNumber},
           {tr("Interest"), Align::kNumber}, {tr("Fee"), Align::kNumber},
           {tr("Total"), Align::kNumber}, {tr("Balance"), Align::kNumber}});
  for (const auto& i : s.installments) {
    t.add_row({std::to_string(i.number), i.due_date.to_string(), i.principal.to_string(),
               i.interest.to_string(), i.fee.to_string(), i.total.to_string(),
               i.balance_after.to_string()});
  }
  t.add_rule();
  t.add_row({"", tr("Total"), s.total_principal.to_string(), s.total_interest.to_string(),
             s.total_fee.to_string(), s.total_due.to_string(), ""});
  t.print(std::cout);
  const TrArgs rates = {{"nominal", display_number(q.cost.nominal_percent)},
                       {"apr", display_number(q.cost.apr_percent)},
                       {"eir", display_number(q.cost.eir_percent)},
                       {"times", display_number(q.cost.apr_to_nominal)}};
  std::cout << "\n"
            << (q.cost.apr_to_nominal.empty()
                    ? trf("Nominal rate {nominal}%, APR {apr}%, EIR {eir}%", rates)
                    : trf("Nominal rate {nominal}%, APR {apr}%, EIR {eir}% ({times} x nominal)",
                          rates))
            << "\n";
}

json product_json(const loans::Product& p) {
  json terms = json::object();
  for (const auto& [flag, value] : loans::format_options(p.terms)) terms[flag.substr(2)] = value;
  return {{"name", p.row.name}, {"currency", p.row.currency},
          {"cash_account", p.row.cash_account}, {"terms", terms}};
}

struct ProductArgs {
  loans::ProductDraft draft;
  TermValues terms;
};

ExitCode run_product_add(Context& ctx, ProductArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  a.draft.options = options_of(a.terms);
  auto p = loans::LoanBook(b).add_product(a.draft);
  if (!p.ok()) return report_errors(ctx, p.error());
  if (ctx.json()) {
    print_json({{"ok", true}, {"product", product_json(*p)}});
  } else {
    std::cout << trf("Added loan product {product} ({currency}, cash account {account})",
                     {{"product", p->row.name}, {"currency", p->row.currency},
                      {"account", p->row.cash_account}})
              << "\n";
  }
  return kExitOk;
}

ExitCode run_product_list(Context& ctx) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto list = loans::LoanBook(b).products();
  if (!list.ok()) return report_error(ctx, list.error());
  if (ctx.json() || ctx.csv()) {
    json out = json::array();
    std::vector<std::string> columns = {"name", "currency", "cash_account"};
    for (const auto& p : *list) {
      out.push_back(product_json(p));
      for (const auto& [key, value] : out.back()["terms"].items()) {
        if (std::find(columns.begin(), columns.end(), "terms." + key) == columns.end()) {
          columns.push_back("terms." + key);
        }
      }
    }
    if (!print_csv(ctx, {"", &out, columns})) print_json({{"products", out}});
    return kExitOk;
  }
  Table t({{tr("Product")}, {tr("Cur")}, {tr("Rate"), Align::kRight}, {tr("Method")},
          {tr("Instalments")},
           {tr("Fee")}, {tr("Cash account")}});
  for (const auto& p : *list) {
    const auto& tm = p.terms;
    const json j = product_json(p)["terms"];
    t.add_row({p.row.name, p.row.currency, j.value("rate", "") + "%",
               std::string(loans::method_name(tm.method)) +
                   (tm.schedule == loans::ScheduleType::kProgressive ? ", progressive" : ""),
               std::to_string(tm.installments_count) + " x " + std::to_string(tm.every) + " " +
                   std::string(loans::unit_name(tm.unit)),
               j.value("fee", "none"), p.row.cash_account});
  }
  t.print(std::cout);
  return kExitOk;
}

void add_product(CLI::App* loan, Context& ctx, ExitCode& exit_code) {
  auto args = std::make_shared<ProductArgs>();
  auto* product = loan->add_subcommand("product", tr("Loan products: terms that loans start from"));
  product->require_subcommand(1);
  auto* add = product->add_subcommand("add", tr("Add a loan product"));
  add->add_option("NAME", args->draft.name, tr("The product's name: CREDI-SEMILLA"))->required();
  add->add_option("--cash-account", args->draft.cash_account,
                  tr("Account that pays disbursements and receives repayments (default "
                     "Assets:Bank)"));
  add_term_options(add, args->terms);
  add->footer(tr("--currency is required; every other term has a default "
                 "(docs/loans.md).\n\nExample:\n  semilla loan product add CREDI-12 --currency "
                 "USD --rate 24 --installments 12 --method declining --fee 2% --cash-account "
                 "Assets:Bank:Pichincha"));
  add->callback([&ctx, &exit_code, args] { exit_code = run_product_add(ctx, *args); });
  auto* list = product->add_subcommand("list", tr("List loan products"));
  ctx.offer_csv(list);
  list->callback([&ctx, &exit_code] { exit_code = run_product_list(ctx); });
}

struct QuoteArgs {
  loans::OpenDraft draft;
  TermValues terms;
};

ExitCode run_quote(Context& ctx, const QuoteArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto q = loans::LoanBook(b).quote(a.draft.product, a.draft.principal, a.draft.date,
                                    options_of(a.terms));
  if (!q.ok()) return report_errors(ctx, q.error());
  if (ctx.csv()) {
    write_schedule_csv(std::cout, quote_json(*q));
  } else if (ctx.json()) {
    print_json(quote_json(*q));
  } else {
    print_quote(*q);
  }
  return kExitOk;
}

void add_quote(CLI::App* loan, Context& ctx, ExitCode& exit_code) {
  auto args = std::make_shared<QuoteArgs>();
  auto* cmd = loan->add_subcommand("quote", tr("Preview a schedule and its APR/EIR (no loan)"));
  cmd->add_option("--product", args->draft.product, tr("The loan product"))->required();
  cmd->add_option("--principal", args->draft.principal, tr("Principal, e.g. 1000.00"))->required();
  cmd->add_option("--date", args->draft.date, tr("Disbursement date (default: today)"));
  add_term_options(cmd, args->terms);
  cmd->footer(tr("Example:\n  semilla loan quote --product CREDI-12 --principal 1000 --date "
                 "2026-03-01 --method flat --json"));
  ctx.offer_csv(cmd);
  cmd->callback([&ctx, &exit_code, args] { exit_code = run_quote(ctx, *args); });
}

ExitCode run_open(Context& ctx, QuoteArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  a.draft.overrides = options_of(a.terms);
  auto loan = loans::LoanBook(b).open(a.draft);
  if (!loan.ok()) return report_errors(ctx, loan.error());
  const auto& r = loan->row;
  const auto principal = money::Amount::from_minor(r.principal_minor, loan->terms.currency);
  if (ctx.json()) {
    print_json({{"ok", true},
                {"loan", {{"id", r.id}, {"enterprise", r.enterprise}, {"product", r.product},
                          {"principal", principal.to_string()}, {"currency", r.currency},
                          {"date", r.expected_on.to_string()}, {"status", r.status},
                          {"receivable_account", r.receivable_account},
                          {"audit_seq", r.audit_seq}}}});
  } else {
    std::cout << trf("Opened loan {loan} of {amount} to {enterprise} (product {product}, "
                     "receivable {account}, audit record {record})",
                     {{"loan", r.id}, {"amount", with_code(principal)},
                      {"enterprise", r.enterprise}, {"product", r.product},
                      {"account", r.receivable_account},
                      {"record", std::to_string(r.audit_seq)}})
              << "\n";
  }
  return kExitOk;
}

void add_open(CLI::App* loan, Context& ctx, ExitCode& exit_code) {
  auto args = std::make_shared<QuoteArgs>();
  auto* cmd = loan->add_subcommand("open", tr("Open a loan: terms fixed, schedule generated"));
  cmd->add_option("LOAN-ID", args->draft.id, tr("The loan's id: L-2026-001"))->required();
  cmd->add_option("--enterprise", args->draft.enterprise, tr("The borrower"))->required();
  cmd->add_option("--product", args->draft.product, tr("The loan product"))->required();
  cmd->add_option("--principal", args->draft.principal, tr("Principal, e.g. 1000.00"))->required();
  cmd->add_option("--date", args->draft.date, tr("Expected disbursement date (default: today)"));
  cmd->add_option("--cash-account", args->draft.cash_account,
                  tr("Account for its cash (default: the product's)"));
  add_term_options(cmd, args->terms);
  cmd->footer(tr("The receivable account Assets:Loans:ENTERPRISE:LOAN-ID is created and owned by "
                 "the enterprise, so its statement shows the loan.\n\nExample:\n  semilla loan "
                 "open L-001 --enterprise EC-001 --product CREDI-12 --principal 1000 --date "
                 "2026-03-01"));
  cmd->callback([&ctx, &exit_code, args] { exit_code = run_open(ctx, *args); });
}

// Prints `r` as JSON or as text, or reports its error.
template <typename T, typename J, typename P>
ExitCode show(const Context& ctx, const Result<T>& r, J to_json, P print) {
  if (!r.ok()) return report_error(ctx, r.error());
  if (ctx.json()) {
    print_json(to_json(*r));
  } else {
    print(*r);
  }
  return kExitOk;
}

// Runs `f` on the opened book, or reports why it cannot be opened.
template <typename F>
ExitCode with_book(Context& ctx, F&& f) {
  SEMILLA_OPEN_BOOK(ctx, b);
  return f(b);
}

struct LoanIdArgs {
  std::string id, date, cash_account, reason, txn;
};

ExitCode run_schedule(Context& ctx, const LoanIdArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto q = loans::LoanBook(b).schedule(a.id);
  if (!q.ok()) return report_error(ctx, q.error());
  if (ctx.csv()) {
    write_schedule_csv(std::cout, quote_json(*q));
  } else if (ctx.json()) {
    json out = quote_json(*q);
    out["loan"] = a.id;
    print_json(out);
  } else {
    std::cout << trf("Loan {loan}: ", {{"loan", a.id}});
    print_quote(*q);
  }
  return kExitOk;
}

json posted_json(const loans::Posted& p) {
  json postings = json::array();
  for (const auto& x : p.transaction.postings) {
    postings.push_back({{"account", x.account}, {"amount", x.amount.to_string()},
                        {"currency", code_of(x.amount)}});
  }
  return {{"ok", true},
          {"duplicate", p.duplicate},
          {"loan", p.loan.row.id},
          {"status", p.loan.row.status},
          {"audit_seq", p.audit_seq},
          {"transaction", p.transaction.id > 0 ? json(p.transaction.id) : json(nullptr)},
          {"postings", postings}};
}

// `heading`: a translated sentence with {loan} and {status} ("Disbursed loan {loan} (now
// {status})").
ExitCode print_posted(Context& ctx, const Result<loans::Posted>& p, const char* heading) {
  if (!p.ok()) return report_error(ctx, p.error());
  if (ctx.json()) {
    print_json(posted_json(*p));
    return kExitOk;
  }
  if (p->duplicate) {
    std::cout << trf("Already recorded, nothing changed: reference {ref} is transaction {id} "
                     "(audit record {record}) of loan {loan}",
                     {{"ref", p->transaction.ref.value_or("")},
                      {"id", std::to_string(p->transaction.id)},
                      {"record", std::to_string(p->audit_seq)}, {"loan", p->loan.row.id}})
              << "\n";
    return kExitOk;
  }
  std::cout << fill(heading, {{"loan", p->loan.row.id}, {"status", p->loan.row.status}});
  const std::string record = std::to_string(p->audit_seq);
  if (p->transaction.id > 0) {
    std::cout << trf(": transaction {id}, audit record {record}",
                     {{"id", std::to_string(p->transaction.id)}, {"record", record}});
  } else {
    std::cout << trf(", audit record {record}", {{"record", record}});
  }
  std::cout << "\n";
  for (const auto& x : p->transaction.postings) {
    std::cout << "  " << posting_side(x.amount.is_negative()) << "  " << x.account << "  "
              << with_code(x.amount.abs()) << '\n';
  }
  return kExitOk;
}

void add_schedule_disburse(CLI::App* loan, Context& ctx, ExitCode& exit_code) {
  auto args = std::make_shared<LoanIdArgs>();
  auto* sch = loan->add_subcommand("schedule", tr("A loan's schedule, with APR and EIR"));
  sch->add_option("LOAN-ID", args->id, tr("The loan"))->required();
  sch->footer(tr("Before disbursement: the schedule for the expected date. After: the schedule "
                 "fixed at disbursement.\n\nExample:\n  semilla loan schedule L-001 --json"));
  ctx.offer_csv(sch);
  sch->callback([&ctx, &exit_code, args] { exit_code = run_schedule(ctx, *args); });
  auto d = std::make_shared<LoanIdArgs>();
  auto* dis = loan->add_subcommand("disburse", tr("Pay out a loan (posts cash out and its fee)"));
  dis->add_option("LOAN-ID", d->id, tr("The loan"))->required();
  dis->add_option("--date", d->date, tr("Disbursement date; the schedule runs from it"))
      ->required();
  dis->add_option("--cash-account", d->cash_account, tr("Paying account (default: the loan's)"));
  dis->footer(tr("Example:\n  semilla loan disburse L-001 --date 2026-03-01"));
  dis->callback([&ctx, &exit_code, d] {
    exit_code = with_book(ctx, [&](book::Book& b) {
      return print_posted(ctx, loans::LoanBook(b).disburse(d->id, d->date, d->cash_account),
                          tr("Disbursed loan {loan} (now {status})"));
    });
  });
}

void add_repay(CLI::App* loan, Context& ctx, ExitCode& exit_code) {
  auto r = std::make_shared<loans::RepayDraft>();
  auto* cmd = loan->add_subcommand("repay", tr("Record a repayment: one transaction showing the "
                                               "split"));
  cmd->add_option("LOAN-ID", r->loan, tr("The loan"))->required();
  cmd->add_option("AMOUNT", r->amount, tr("Amount received: 120.00 or \"120.00 USD\""))->required();
  cmd->add_option("--date", r->date, tr("Date received, YYYY-MM-DD"))->required();
  cmd->add_option("--ref", r->ref, tr("External reference (MFI or bank id): recording it again "
                                      "with the same content changes nothing"))->check(kReference);
  cmd->add_option("--cash-account", r->cash_account, tr("Receiving account (default: the loan's)"));
  cmd->footer(tr("The payment covers what is due in the loan's allocation order, oldest "
                 "instalment first; money beyond what is due prepays the next instalments. A "
                 "payment above everything owed is refused.\n\nExample:\n  semilla loan repay "
                 "L-001 95.00 --date 2026-04-01 --ref MFI-A/7781"));
  cmd->callback([&ctx, &exit_code, r] {
    exit_code = with_book(ctx, [&](book::Book& b) {
      // Several problems are reported together; a single one as repay words it.
      if (auto problems = loans::LoanBook(b).repay_problems(*r); problems.size() > 1) {
        return report_errors(ctx, problems);
      }
      return print_posted(ctx, loans::LoanBook(b).repay(*r),
                          tr("Repayment on loan {loan} (now {status})"));
    });
  });
}

void add_reverse(CLI::App* loan, Context& ctx, ExitCode& exit_code) {
  auto a = std::make_shared<LoanIdArgs>();
  auto* cmd = loan->add_subcommand("reverse",
                                   tr("Reverse a repayment; the schedule state follows"));
  cmd->add_option("LOAN-ID", a->id, tr("The loan"))->required();
  cmd->add_option("TXN-ID", a->txn, tr("The repayment's transaction"))->required();
  cmd->add_option("--date", a->date, tr("Date of the reversal"))->required();
  cmd->add_option("--reason", a->reason, tr("Why (kept in the audit log)"))->required();
  cmd->footer(tr("Use this, not the plain `reverse`, for a loan's transactions: `audit verify` "
                 "fails when a receivable no longer matches its loan.\n\nExample:\n  semilla "
                 "loan reverse L-001 42 --date 2026-04-03 --reason \"Cheque bounced\""));
  cmd->callback([&ctx, &exit_code, a] {
    exit_code = with_book(ctx, [&](book::Book& b) -> ExitCode {
      std::int64_t id = 0;
      auto [end, ec] = std::from_chars(a->txn.data(), a->txn.data() + a->txn.size(), id);
      if (ec != std::errc() || end != a->txn.data() + a->txn.size() || id <= 0) {
        return report_error(ctx, make_error(ErrorCode::kInvalid, "TXN-ID",
                                            trf("\"{value}\" is not a transaction number",
                                                {{"value", a->txn}})));
      }
      return print_posted(ctx, loans::LoanBook(b).reverse_repayment(a->id, id, a->date,
                                                                    a->reason),
                          tr("Reversed a repayment of loan {loan} (now {status})"));
    });
  });
}

void add_write_off_recover(CLI::App* loan, Context& ctx, ExitCode& exit_code) {
  auto a = std::make_shared<LoanIdArgs>();
  auto* w = loan->add_subcommand("write-off", tr("Write off an unrecoverable loan"));
  w->add_option("LOAN-ID", a->id, tr("The loan"))->required();
  w->add_option("--date", a->date, tr("Date of the write-off"))->required();
  w->add_option("--reason", a->reason, tr("Why (kept in the audit log; no personal data)"))
      ->required();
  w->footer(tr("Moves the outstanding principal from the receivable to Assets:LoanLossReserve "
               "(debit). Unpaid interest was never booked and is only noted.\n\nExample:\n  "
               "semilla loan write-off L-001 --date 2026-12-31 --reason \"Business closed\""));
  w->callback([&ctx, &exit_code, a] {
    exit_code = with_book(ctx, [&](book::Book& b) {
      return print_posted(ctx, loans::LoanBook(b).write_off(a->id, a->date, a->reason),
                          tr("Wrote off loan {loan} (now {status})"));
    });
  });
  auto r = std::make_shared<loans::RepayDraft>();
  auto* rec = loan->add_subcommand("recover", tr("Record money recovered on a written-off loan"));
  rec->add_option("LOAN-ID", r->loan, tr("The loan"))->required();
  rec->add_option("AMOUNT", r->amount, tr("Amount received"))->required();
  rec->add_option("--date", r->date, tr("Date received"))->required();
  rec->add_option("--ref", r->ref, tr("External reference"))->check(kReference);
  rec->add_option("--cash-account", r->cash_account, tr("Receiving account"));
  rec->footer(tr("Credits Assets:LoanLossReserve.\n\nExample:\n  semilla loan recover L-001 "
                 "50.00 --date 2027-02-01"));
  rec->callback([&ctx, &exit_code, r] {
    exit_code = with_book(ctx, [&](book::Book& b) {
      return print_posted(ctx, loans::LoanBook(b).recover(*r),
                          tr("Recovery on loan {loan} (now {status})"));
    });
  });
}

void add_cancel(CLI::App* loan, Context& ctx, ExitCode& exit_code) {
  auto a = std::make_shared<LoanIdArgs>();
  auto* c = loan->add_subcommand("cancel", tr("Cancel a loan opened by mistake (not disbursed)"));
  c->add_option("LOAN-ID", a->id, tr("The loan"))->required();
  c->add_option("--date", a->date, tr("Date of the cancellation (default: today)"));
  c->add_option("--reason", a->reason, tr("Why (kept in the audit log; no personal data)"))
      ->required();
  c->footer(tr("Posts nothing; the loan's status becomes cancelled and no command moves it "
               "again. A disbursed loan is undone with `loan "
               "reverse-disbursement`.\n\nExample:\n  semilla loan cancel L-007 --reason "
               "\"Opened for the wrong enterprise\""));
  c->callback([&ctx, &exit_code, a] {
    exit_code = with_book(ctx, [&](book::Book& b) {
      return print_posted(ctx, loans::LoanBook(b).cancel(a->id, a->date, a->reason),
                          tr("Cancelled loan {loan} (now {status})"));
    });
  });
  auto r = std::make_shared<LoanIdArgs>();
  auto* rd = loan->add_subcommand("reverse-disbursement",
                                  tr("Undo a disbursement while nothing is repaid; cancels the "
                                     "loan"));
  rd->add_option("LOAN-ID", r->id, tr("The loan"))->required();
  rd->add_option("--date", r->date, tr("Date of the reversal (default: today)"));
  rd->add_option("--reason", r->reason, tr("Why (kept in the audit log; no personal data)"))
      ->required();
  rd->footer(tr("Posts the reversal of the disbursement's transaction (cash, receivable and fee "
                "back) and closes the loan as cancelled; refused once anything is repaid "
                "(reverse the repayments first with `loan reverse`). To lend again, open a new "
                "loan.\n\nExample:\n  semilla loan reverse-disbursement L-007 --date 2026-03-02 "
                "--reason \"Paid to the wrong account\""));
  rd->callback([&ctx, &exit_code, r] {
    exit_code = with_book(ctx, [&](book::Book& b) {
      return print_posted(ctx, loans::LoanBook(b).reverse_disbursement(r->id, r->date, r->reason),
                          tr("Reversed the disbursement of loan {loan} (now {status})"));
    });
  });
}

json status_json(const loans::LoanStatus& s) {
  const auto& row = s.loan.row;
  json inst = json::array();
  for (std::size_t i = 0; i < s.loan.state.size(); ++i) {
    const auto& st = s.loan.state[i];
    inst.push_back({{"n", st.number}, {"due_date", st.due_date.to_string()},
                    {"status", std::string(loans::installment_status_name(s.installments[i]))},
                    {"due", components_json(st.due)}, {"paid", components_json(st.paid)}});
  }
  json arrears = nullptr;
  if (s.arrears) {
    const auto& a = *s.arrears;
    arrears = {{"days_past_due", a.days_past_due},
               {"oldest_unpaid_due_date", a.oldest_unpaid_due_date
                                              ? json(a.oldest_unpaid_due_date->to_string())
                                              : json(nullptr)},
               {"overdue", components_json(a.overdue)},
               {"outstanding_principal", a.outstanding_principal.to_string()}};
  }
  json events = json::array();
  for (const auto& e : s.events) {
    events.push_back({{"record", e.seq}, {"kind", e.kind}, {"date", e.day.to_string()},
                      {"amount", money::Amount::from_minor(e.amount_minor, s.loan.terms.currency)
                                     .to_string()},
                      {"transaction", e.transaction_id ? json(*e.transaction_id) : json(nullptr)}});
  }
  return {{"loan", row.id}, {"enterprise", row.enterprise}, {"product", row.product},
          {"currency", row.currency}, {"as_of", s.as_of.to_string()}, {"status", s.status},
          {"principal", money::Amount::from_minor(row.principal_minor, s.loan.terms.currency)
                            .to_string()},
          {"disbursed_on", row.disbursed_on ? json(row.disbursed_on->to_string()) : json(nullptr)},
          {"outstanding", components_json(s.outstanding)}, {"arrears", arrears},
          {"next_due", s.next_due ? json({{"n", s.next_due->number},
                                          {"due_date", s.next_due->due_date.to_string()}})
                                  : json(nullptr)},
          {"installments", inst}, {"events", events}};
}

void print_status(const loans::LoanStatus& s) {
  const auto& row = s.loan.row;
  std::cout << trf("Loan {loan} of {enterprise} ({product}), {status} as of {date}",
                   {{"loan", row.id}, {"enterprise", row.enterprise}, {"product", row.product},
                    {"status", s.status}, {"date", s.as_of.to_string()}})
            << "\n";
  if (s.arrears) {
    std::cout << trf("Outstanding {outstanding} {currency} (principal {principal}); overdue "
                     "{overdue}, {days} days past due",
                     {{"outstanding", display_number(s.outstanding.sum().to_string())},
                      {"currency", row.currency},
                      {"principal", display_number(s.outstanding.principal.to_string())},
                      {"overdue", display_number(s.arrears->overdue.sum().to_string())},
                      {"days", std::to_string(s.arrears->days_past_due)}});
    if (s.next_due) {
      std::cout << trf("; next due: instalment {number} on {date}",
                       {{"number", std::to_string(s.next_due->number)},
                        {"date", s.next_due->due_date.to_string()}});
    }
    std::cout << "\n\n";
  }
  Table t({{tr("N"), Align::kRight}, {tr("Due")}, {tr("Due total"), Align::kNumber},
           {tr("Paid"), Align::kNumber}, {tr("Status")}});
  for (std::size_t i = 0; i < s.loan.state.size(); ++i) {
    const auto& st = s.loan.state[i];
    t.add_row({std::to_string(st.number), st.due_date.to_string(), st.due.sum().to_string(),
               st.paid.sum().to_string(),
               std::string(loans::installment_status_name(s.installments[i]))});
  }
  t.print(std::cout);
}

void add_status(CLI::App* loan, Context& ctx, ExitCode& exit_code) {
  auto a = std::make_shared<LoanIdArgs>();
  auto* cmd = loan->add_subcommand("status", tr("Instalments paid/partial/due/overdue, arrears"));
  cmd->add_option("LOAN-ID", a->id, tr("The loan"))->required();
  cmd->add_option("--as-of", a->date, tr("At the end of this date (default: today)"));
  cmd->footer(tr("Example:\n  semilla loan status L-001 --as-of 2026-06-30"));
  ctx.offer_csv(cmd);
  cmd->callback([&ctx, &exit_code, a] {
    exit_code = with_book(ctx, [&](book::Book& b) {
      auto status = loans::LoanBook(b).status(a->id, a->date);
      if (status.ok() && ctx.csv()) {
        write_loan_status_csv(std::cout, status_json(*status));
        return kExitOk;
      }
      return show(ctx, status, status_json, print_status);
    });
  });
}

json arrears_json(const loans::PortfolioArrears& p) {
  json buckets = json::array();
  for (const auto& b : p.buckets) {
    buckets.push_back({{"bucket", std::string(loans::aging_bucket_name(b.bucket))},
                       {"loans", b.loans_count}, {"principal", b.principal.to_string()}});
  }
  return {{"loans", p.loans_count},
          {"gross_outstanding_principal", p.gross_outstanding_principal.to_string()},
          {"par30", loans::format_ratio(p.par30)}, {"par90", loans::format_ratio(p.par90)},
          {"par30_principal", p.par30_principal.to_string()},
          {"par90_principal", p.par90_principal.to_string()}, {"buckets", buckets}};
}

json portfolio_json(const loans::Portfolio& p) {
  json out = json::array();
  for (const auto& c : p.currencies) {
    json j = arrears_json(c.total.arrears);
    j["currency"] = std::string(c.currency.code());
    for (const auto& [name, list, key] :
         {std::tuple{"by_product", &c.by_product, "product"},
          std::tuple{"by_cohort", &c.by_cohort, "cohort"}}) {
      json groups = json::array();
      for (const auto& g : *list) {
        json one = arrears_json(g.arrears);
        one[key] = g.key;
        groups.push_back(one);
      }
      j[name] = groups;
    }
    j["written_off"] = {{"loans", c.written_off_count}, {"amount", c.written_off.to_string()},
                        {"recovered", c.recovered.to_string()}};
    out.push_back(j);
  }
  return {{"as_of", p.as_of.to_string()}, {"currencies", out}};
}

// "3 loans, 1,200.00 outstanding; PAR30 12.50%, PAR90 0.00%".
std::string arrears_text(const loans::PortfolioArrears& a) {
  return trf("{loans} loans, {outstanding} outstanding; PAR30 {par30}, PAR90 {par90}",
             {{"loans", std::to_string(a.loans_count)},
              {"outstanding", display_number(a.gross_outstanding_principal.to_string())},
              {"par30", display_number(loans::format_percent(a.par30))},
              {"par90", display_number(loans::format_percent(a.par90))}});
}

void add_group_rows(Table& t, const std::string& label, const loans::PortfolioArrears& a) {
  t.add_row({label, std::to_string(a.loans_count), a.gross_outstanding_principal.to_string(),
             loans::format_percent(a.par30), loans::format_percent(a.par90)});
}

void print_portfolio(const loans::Portfolio& p) {
  std::cout << trf("Portfolio as of {date}", {{"date", p.as_of.to_string()}}) << "\n";
  for (const auto& c : p.currencies) {
    const auto& total = c.total.arrears;
    std::cout << "\n" << c.currency.code() << ": " << arrears_text(total) << "\n";
    Table aging({{tr("Aging")}, {tr("Loans"), Align::kRight}, {tr("Principal"), Align::kNumber}});
    for (const auto& b : total.buckets) {
      aging.add_row({std::string(loans::aging_bucket_name(b.bucket)),
                     std::to_string(b.loans_count), b.principal.to_string()});
    }
    aging.print(std::cout);
    Table t({{tr("Group")}, {tr("Loans"), Align::kRight}, {tr("Outstanding"), Align::kNumber},
             {tr("PAR30"), Align::kNumber}, {tr("PAR90"), Align::kNumber}});
    for (const auto& g : c.by_product) {
      add_group_rows(t, trf("product {product}", {{"product", g.key}}), g.arrears);
    }
    for (const auto& g : c.by_cohort) {
      add_group_rows(t, trf("cohort {cohort}", {{"cohort", g.key.empty() ? tr("(none)") : g.key}}),
                     g.arrears);
    }
    std::cout << "\n";
    t.print(std::cout);
    std::cout << trf("Written off: {count} loans, {amount} (recovered {recovered})",
                     {{"count", std::to_string(c.written_off_count)},
                      {"amount", display_number(c.written_off.to_string())},
                      {"recovered", display_number(c.recovered.to_string())}})
              << "\n";
  }
}

// PAR30 and PAR90 at each date of --history, per currency.
void print_history(const std::vector<loans::Portfolio>& history) {
  std::cout << "\n" << tr("PAR30 and PAR90 at each month end") << "\n";
  Table t({{tr("As of")}, {tr("Cur")}, {tr("Loans"), Align::kRight},
           {tr("Outstanding"), Align::kNumber}, {tr("PAR30"), Align::kNumber},
           {tr("PAR90"), Align::kNumber}});
  for (const auto& p : history) {
    for (const auto& c : p.currencies) {
      const auto& a = c.total.arrears;
      t.add_row({p.as_of.to_string(), std::string(c.currency.code()),
                 std::to_string(a.loans_count), a.gross_outstanding_principal.to_string(),
                 loans::format_percent(a.par30), loans::format_percent(a.par90)});
    }
  }
  t.print(std::cout);
}

// Partners' loans, from their imported statements (ledger/exchange/partner_loans.h).
json partners_json(const std::vector<exchange::PartnerPortfolio>& list) {
  json out = json::array();
  for (const auto& p : list) {
    json j = arrears_json(p.arrears);
    j["issuer"] = p.issuer;
    j["currency"] = std::string(p.currency.code());
    j["written_off"] = p.written_off_count;
    json positions = json::array();
    for (const auto& l : p.loans) {
      auto amount = [](const std::optional<money::Amount>& a) {
        return a ? json(a->to_string()) : json(nullptr);
      };
      positions.push_back({{"loan_id", l.row.loan_id}, {"enterprise", l.row.enterprise},
                           {"as_of", l.row.as_of.to_string()}, {"status", l.row.status},
                           {"days_past_due", l.days_past_due}, {"arrears", amount(l.arrears)},
                           {"outstanding_principal", amount(l.outstanding_principal)},
                           {"audit_seq", l.row.audit_seq}});
    }
    j["positions"] = positions;
    out.push_back(j);
  }
  return out;
}

void print_partners(const std::vector<exchange::PartnerPortfolio>& list) {
  if (list.empty()) return;
  std::cout << "\n" << tr("Partners' loans, as their latest imported statements report them")
            << "\n";
  for (const auto& p : list) {
    std::cout << "\n" << p.issuer << ", " << p.currency.code() << ": " << arrears_text(p.arrears)
              << "; "
              << trf("{count} written off", {{"count", std::to_string(p.written_off_count)}})
              << "\n";
    Table t({{tr("Loan")}, {tr("Enterprise")}, {tr("As of")}, {tr("Status")},
             {tr("Days past due"), Align::kRight}, {tr("Arrears"), Align::kNumber},
             {tr("Outstanding"), Align::kNumber}});
    for (const auto& l : p.loans) {
      auto text = [](const std::optional<money::Amount>& x) {
        return x ? x->to_string() : std::string("-");
      };
      t.add_row({l.row.loan_id, l.row.enterprise, l.row.as_of.to_string(), l.row.status,
                 std::to_string(l.days_past_due), text(l.arrears),
                 text(l.outstanding_principal)});
    }
    t.print(std::cout);
  }
}

// The dates of `portfolio --history N`: the N - 1 month ends before `as_of`, oldest first,
// then `as_of` itself (when it is a month end, N month ends); none before Date::min().
std::vector<Date> history_dates(Date as_of, int months) {
  std::vector<Date> out;
  for (int k = months - 1; k >= 1; --k) {
    if (as_of.year() * 12 + as_of.month() - k < Date::min().year() * 12 + Date::min().month()) {
      continue;  // its month would be before the first date a book holds
    }
    out.push_back(as_of.add_months(-k).end_of_month());
  }
  if (months > 0) out.push_back(as_of);
  return out;
}

// The portfolio computed again as of each date of --history, oldest first.
Result<std::vector<loans::Portfolio>> history_of(book::Book& b, Date as_of, int months) {
  std::vector<loans::Portfolio> out;
  for (const Date d : history_dates(as_of, months)) {
    auto p = loans::LoanBook(b).portfolio(d.to_string());
    if (!p.ok()) return p.error();
    out.push_back(std::move(*p));
  }
  return out;
}

// [{"as_of", "currencies": [{"currency", "loans", "gross_outstanding_principal", "par30",
// "par90", "par30_principal", "par90_principal"}]}]: each total without its buckets.
json history_json(const std::vector<loans::Portfolio>& history) {
  json out = json::array();
  for (const auto& p : history) {
    json currencies = json::array();
    for (const auto& c : p.currencies) {
      json j = arrears_json(c.total.arrears);
      j.erase("buckets");
      j["currency"] = std::string(c.currency.code());
      currencies.push_back(j);
    }
    out.push_back({{"as_of", p.as_of.to_string()}, {"currencies", currencies}});
  }
  return out;
}

struct PortfolioArgs {
  std::string as_of;
  bool at_risk = false;
  std::optional<int> history;  // --history; with --html 12 when not given
};

ExitCode run_portfolio(Context& ctx, const PortfolioArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  const bool html = !ctx.html_path().empty();
  const int months = a.history.value_or(html ? 12 : 0);
  auto p = loans::LoanBook(b).portfolio(a.as_of);
  if (!p.ok()) return report_error(ctx, p.error());
  auto partners = exchange::partner_portfolio(b.store(), p->as_of);
  if (!partners.ok()) return report_error(ctx, partners.error());
  std::optional<std::vector<reports::LoanListRow>> risk;
  if (a.at_risk || html) {
    auto r = reports::loans_at_risk(b, a.as_of);
    if (!r.ok()) return report_errors(ctx, r.error());
    risk = std::move(*r);
  }
  auto history = history_of(b, p->as_of, months);
  if (!history.ok()) return report_error(ctx, history.error());
  if (ctx.json() || ctx.csv() || html) {
    json j = portfolio_json(*p);
    j["partner_loans"] = partners_json(*partners);
    if (risk) j["at_risk"] = at_risk_json(*risk);
    if (months > 0) j["history"] = history_json(*history);
    if (html) return finish_html(ctx, j, html::write_portfolio_page);
    if (ctx.csv()) {
      write_portfolio_csv(std::cout, j);
    } else {
      print_json(j);
    }
  } else {
    print_portfolio(*p);
    if (months > 0) print_history(*history);
    print_partners(*partners);
    if (risk) print_at_risk(*risk);
  }
  return kExitOk;
}

void add_portfolio(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto a = std::make_shared<PortfolioArgs>();
  auto* cmd = app.add_subcommand("portfolio", tr("Loan portfolio: PAR30, PAR90, aging buckets"));
  cmd->add_option("--as-of", a->as_of, tr("At the end of this date (default: today)"));
  cmd->add_flag("--at-risk", a->at_risk,
                tr("Also list the loans past due: enterprise, days past due, amount at risk"));
  cmd->add_option("--history", a->history,
                  tr("Also PAR30 and PAR90 at the N-1 month ends before --as-of and at --as-of "
                     "(default with --html: 12)"))
      ->check(CLI::Range(1, limits::kPortfolioHistoryMonthsMax));
  cmd->footer(tr("Per currency, by product and by cohort. PAR30 is the outstanding principal of "
                 "loans more than 30 days past due over the gross outstanding principal, shown "
                 "as a percentage (JSON: the ratio, \"0.1250\"); written-off loans are left out "
                 "and shown apart. Partners' loans, from their imported statements (`statement "
                 "import`), follow with their own PAR, by partner and currency. --html writes a "
                 "page with charts, with the loans at risk and 12 months of PAR unless --history "
                 "says otherwise.\n\nExamples:\n  semilla portfolio --as-of 2026-06-30 "
                 "--at-risk\n  semilla --json portfolio --as-of 2026-06-30\n  semilla portfolio "
                 "--as-of 2026-06-30 --html portfolio-2026-06.html"));
  ctx.offer_csv(cmd);
  ctx.offer_html(cmd);
  cmd->callback([&ctx, &exit_code, a] { exit_code = run_portfolio(ctx, *a); });
}

}  // namespace

void add_loan_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  loans::register_module();
  auto* loan = app.add_subcommand("loan", tr("Microcredit: products, loans, repayments, arrears"));
  loan->require_subcommand(1);
  add_product(loan, ctx, exit_code);
  add_quote(loan, ctx, exit_code);
  add_open(loan, ctx, exit_code);
  add_schedule_disburse(loan, ctx, exit_code);
  add_repay(loan, ctx, exit_code);
  add_reverse(loan, ctx, exit_code);
  add_write_off_recover(loan, ctx, exit_code);
  add_cancel(loan, ctx, exit_code);
  add_status(loan, ctx, exit_code);
  add_portfolio(app, ctx, exit_code);
}

}  // namespace semilla::cli
