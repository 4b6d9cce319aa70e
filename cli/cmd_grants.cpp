// SPDX-License-Identifier: Apache-2.0
// semilla fund add | receive | spend | list | show, milestone record, enterprise members,
// grant award | disburse | return | cancel | status
#include <iostream>
#include <memory>

#include "cli/cmd_grants.h"
#include "cli/commands.h"
#include "cli/csv_out.h"
#include "cli/csv_reports.h"
#include "cli/table.h"
#include "ledger/grants/grants.h"

namespace semilla::cli {

CLI::App* subcommand(CLI::App& app, const std::string& name, const std::string& description) {
  auto found = app.get_subcommands([&](CLI::App* s) { return s->get_name() == name; });
  if (!found.empty()) return found.front();
  auto* cmd = app.add_subcommand(name, description);
  cmd->require_subcommand(1);
  return cmd;
}

std::string money(std::int64_t minor, const std::string& currency) {
  auto c = money::Currency::find(currency);
  if (!c.ok()) return std::to_string(minor);
  return money::Amount::from_minor(minor, *c).to_string();
}

namespace {

using nlohmann::json;
using Align = Table::Align;

// What the fund can still commit (its money less its commitments outstanding), never below
// zero, and by how much its commitments exceed its money (docs/grants.md).
std::int64_t available_minor(const grants::FundSummary& s) {
  return std::max<std::int64_t>(0, s.balance_minor - s.committed_minor);
}
std::int64_t over_committed_minor(const grants::FundSummary& s) {
  return std::max<std::int64_t>(0, s.committed_minor - s.balance_minor);
}

json fund_json(const grants::FundSummary& s) {
  const auto& f = s.fund;
  json budget = json::array();
  for (const auto& b : f.budget) {
    budget.push_back({{"category", b.category}, {"amount", money(b.amount_minor, f.currency)}});
  }
  return {{"code", f.code}, {"donor", f.donor}, {"currency", f.currency},
          {"from", f.start ? json(f.start->to_string()) : json(nullptr)},
          {"to", f.end ? json(f.end->to_string()) : json(nullptr)},
          {"budget", budget}, {"received", money(s.received_minor, f.currency)},
          {"balance", money(s.balance_minor, f.currency)},
          {"committed", money(s.committed_minor, f.currency)},
          {"available", money(available_minor(s), f.currency)},
          {"over_committed", money(over_committed_minor(s), f.currency)},
          {"audit_seq", f.audit_seq}};
}

// Several problems of a command's input are reported together (and nothing changes); a
// single one is left to the operation, which words it as it always has.
#define SEMILLA_REPORT_PROBLEMS(ctx, problems)                                   \
  if (auto all = (problems); all.size() > 1) return report_errors((ctx), all)

ExitCode run_fund_add(Context& ctx, const grants::FundDraft& d) {
  SEMILLA_OPEN_BOOK(ctx, b);
  SEMILLA_REPORT_PROBLEMS(ctx, grants::fund_problems(b, d));
  auto f = grants::add_fund(b, d);
  if (!f.ok()) return report_error(ctx, f.error());
  if (ctx.json()) {
    print_json({{"ok", true}, {"fund", fund_json({*f, 0, 0, 0})}});
  } else {
    std::cout << trf("Added fund {fund} ({donor}, {currency}, audit record {record}); its money "
                     "is {account}",
                     {{"fund", f->code}, {"donor", f->donor}, {"currency", f->currency},
                      {"record", std::to_string(f->audit_seq)},
                      {"account", grants::fund_accounts(f->code).cash}})
              << "\n";
  }
  return kExitOk;
}

ExitCode run_fund_receive(Context& ctx, const grants::ReceiveDraft& d) {
  SEMILLA_OPEN_BOOK(ctx, b);
  SEMILLA_REPORT_PROBLEMS(ctx, grants::receive_problems(b, d));
  bool duplicate = false;
  auto r = grants::receive(b, d, &duplicate);
  if (!r.ok()) return report_error(ctx, r.error());
  auto f = b.store().grants().find_fund(r->fund);
  const std::string cur = f.ok() && f->has_value() ? (*f)->currency : "";
  if (ctx.json()) {
    print_json({{"ok", true}, {"duplicate", duplicate}, {"fund", r->fund},
                {"date", r->day.to_string()}, {"amount", money(r->amount_minor, cur)},
                {"currency", cur}, {"transaction", r->transaction_id},
                {"audit_seq", r->audit_seq}});
  } else {
    const TrArgs args = {{"amount", display_number(money(r->amount_minor, cur))},
                         {"currency", cur}, {"fund", r->fund}, {"date", r->day.to_string()},
                         {"id", std::to_string(r->transaction_id)}};
    std::cout << (duplicate ? trf("Already recorded, nothing changed: received {amount} "
                                  "{currency} into fund {fund} on {date} (transaction {id})",
                                  args)
                            : trf("Received {amount} {currency} into fund {fund} on {date} "
                                  "(transaction {id})",
                                  args))
              << "\n";
  }
  return kExitOk;
}

ExitCode run_fund_spend(Context& ctx, const grants::SpendDraft& d) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto r = grants::spend(b, d);
  if (!r.ok()) return report_error(ctx, r.error());
  const auto& s = r->spending;
  auto f = b.store().grants().find_fund(s.fund);
  const std::string cur = f.ok() && f->has_value() ? (*f)->currency : "";
  const std::string account = grants::programme_account(s.fund, s.category);
  if (ctx.json()) {
    print_json({{"ok", true}, {"duplicate", r->duplicate}, {"fund", s.fund},
                {"category", s.category}, {"date", s.day.to_string()},
                {"amount", money(s.amount_minor, cur)}, {"currency", cur}, {"memo", s.memo},
                {"override_reason", s.override_reason}, {"account", account},
                {"transaction", s.transaction_id}, {"audit_seq", s.audit_seq}});
  } else {
    const TrArgs args = {{"amount", display_number(money(s.amount_minor, cur))},
                         {"currency", cur}, {"fund", s.fund}, {"category", s.category},
                         {"date", s.day.to_string()}, {"account", account},
                         {"id", std::to_string(s.transaction_id)},
                         {"record", std::to_string(s.audit_seq)}};
    std::cout << (r->duplicate
                      ? trf("Already recorded, nothing changed: spent {amount} {currency} from "
                            "fund {fund} on {category} on {date} ({account}, transaction {id}, "
                            "audit record {record})",
                            args)
                      : trf("Spent {amount} {currency} from fund {fund} on {category} on {date} "
                            "({account}, transaction {id}, audit record {record})",
                            args))
              << "\n";
  }
  return kExitOk;
}

void add_fund_spend(CLI::App& fund, Context& ctx, ExitCode& exit_code) {
  auto d = std::make_shared<grants::SpendDraft>();
  auto* sp = fund.add_subcommand("spend",
                                 tr("Pay from the fund for a budget line (training, ...)"));
  sp->add_option("CODE", d->fund, tr("The fund"))->required();
  sp->add_option("CATEGORY", d->category, tr("A budget category of the fund, not seed capital"))
      ->required();
  sp->add_option("AMOUNT", d->amount, tr("Amount, optionally with its currency (\"500 USD\")"))
      ->required();
  sp->add_option("--date", d->date, tr("Value date, YYYY-MM-DD"))->required();
  sp->add_option("--memo", d->memo, tr("What was paid for (kept in the ledger)"))->required();
  sp->add_option("--ref", d->ref, tr("External reference of the payment (idempotency key)"))
      ->check(kReference);
  sp->add_option("--override-reason", d->override_reason,
                 tr("Pay although the fund is short or the date outside its dates (recorded)"));
  sp->footer(tr("Posts Expenses:Programme:CODE:CATEGORY against Assets:Funds:CODE; the donor "
                "report shows it as the category's actual. Seed capital is paid with `grant "
                "disburse`.\n\nExample:\n  semilla fund spend BID-2026 training 1200 --date "
                "2026-03-15 \\\n    --memo \"Bookkeeping workshop, cohort A\" --ref INV-0042"));
  sp->callback([&ctx, &exit_code, d] { exit_code = run_fund_spend(ctx, *d); });
}

void print_funds(const std::vector<grants::FundSummary>& funds) {
  Table t({{tr("Fund")}, {tr("Donor")}, {tr("Cur")}, {tr("From")}, {tr("To")},
           {tr("Received"), Align::kNumber},
           {tr("Balance"), Align::kNumber}, {tr("Committed"), Align::kNumber},
           {tr("Available"), Align::kNumber}});
  for (const auto& s : funds) {
    const auto& f = s.fund;
    t.add_row({f.code, f.donor, f.currency, f.start ? f.start->to_string() : "",
               f.end ? f.end->to_string() : "", money(s.received_minor, f.currency),
               money(s.balance_minor, f.currency), money(s.committed_minor, f.currency),
               money(available_minor(s), f.currency)});
  }
  t.print(std::cout);
  for (const auto& s : funds) {
    if (over_committed_minor(s) == 0) continue;
    std::cout << trf("Fund {fund} is over-committed by {amount} {currency}: its grants not yet "
                     "paid exceed the money it holds (see `semilla grant list --fund {fund}`)",
                     {{"fund", s.fund.code},
                      {"amount", display_number(money(over_committed_minor(s), s.fund.currency))},
                      {"currency", s.fund.currency}})
              << "\n";
  }
}

ExitCode run_fund_list(Context& ctx, const std::string& code) {
  SEMILLA_OPEN_BOOK(ctx, b);
  std::vector<grants::FundSummary> funds;
  if (code.empty()) {
    auto all = grants::list_funds(b);
    if (!all.ok()) return report_error(ctx, all.error());
    funds = std::move(*all);
  } else {
    auto one = grants::fund_summary(b, code);
    if (!one.ok()) return report_error(ctx, one.error());
    funds.push_back(std::move(*one));
  }
  if (ctx.json() || ctx.csv()) {
    json out = json::array();
    for (const auto& s : funds) out.push_back(fund_json(s));
    if (!ctx.csv()) {
      print_json(code.empty() ? json{{"funds", out}} : out.front());
      return kExitOk;
    }
    const CsvTable table{"fund", &out, {"code", "donor", "currency", "from", "to", "received",
                                        "balance", "committed", "available",
                                        "over_committed", "audit_seq"}};
    if (code.empty()) {
      write_csv(std::cout, table);
    } else {  // fund show: the fund, then its budget lines
      write_csv_sections(std::cout, {table, {"budget", &out.front().at("budget"),
                                             {"category", "amount"}}});
    }
    return kExitOk;
  }
  print_funds(funds);
  if (!code.empty() && !funds.front().fund.budget.empty()) {
    std::cout << "\n" << tr("Budget") << "\n";
    Table t({{tr("Category")}, {tr("Amount"), Align::kNumber}});
    for (const auto& l : funds.front().fund.budget) {
      t.add_row({l.category, money(l.amount_minor, funds.front().fund.currency)});
    }
    t.print(std::cout);
  }
  return kExitOk;
}

void add_fund(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto* fund = subcommand(app, "fund", tr("Donor funds (projects): add, receive money, list"));
  auto d = std::make_shared<grants::FundDraft>();
  auto* add = fund->add_subcommand("add", tr("Add a donor fund and its accounts"));
  add->add_option("CODE", d->code, tr("Fund code: letters, digits, . _ -"))->required();
  add->add_option("--donor", d->donor, tr("The donor (an organisation)"))->required();
  add->add_option("--currency", d->currency, tr("ISO 4217 currency of the fund"))->required();
  add->add_option("--from", d->from, tr("First day money may be disbursed, YYYY-MM-DD"));
  add->add_option("--to", d->to, tr("Last day money may be disbursed, YYYY-MM-DD"));
  add->add_option("--budget", d->budget, tr("CATEGORY=AMOUNT, repeatable"));
  add->footer(tr("Creates Assets:Funds:CODE, "
                 "Equity:Funds:CODE:{Received,Commitments,CommitmentsOffset} and "
                 "Expenses:Grants:CODE:{Cash,InKind,Returned}.\n\nExample:\n  semilla fund add "
                 "BID-2026 --donor \"BID Lab\" --currency USD --from 2026-01-01 --to 2026-12-31 "
                 "\\\n    --budget seed-capital-cash=30000 --budget seed-capital-in-kind=20000"));
  add->callback([&ctx, &exit_code, d] { exit_code = run_fund_add(ctx, *d); });
  auto r = std::make_shared<grants::ReceiveDraft>();
  auto* rec = fund->add_subcommand("receive", tr("Record donor money received into the fund"));
  rec->add_option("CODE", r->fund, tr("The fund"))->required();
  rec->add_option("AMOUNT", r->amount, tr("Amount, optionally with its currency (\"500 USD\")"))
      ->required();
  rec->add_option("--date", r->date, tr("Value date, YYYY-MM-DD"))->required();
  rec->add_option("--ref", r->ref, tr("Bank reference (idempotency key)"))->check(kReference);
  rec->footer(tr("Example:\n  semilla fund receive BID-2026 50000 --date 2026-01-10 --ref "
                 "SWIFT-88"));
  rec->callback([&ctx, &exit_code, r] { exit_code = run_fund_receive(ctx, *r); });
  add_fund_spend(*fund, ctx, exit_code);
  auto* list = fund->add_subcommand("list", tr("Funds with balance, commitments and availability"));
  ctx.offer_csv(list);
  list->callback([&ctx, &exit_code] { exit_code = run_fund_list(ctx, ""); });
  auto code = std::make_shared<std::string>();
  auto* show = fund->add_subcommand("show", tr("One fund with its budget"));
  show->add_option("CODE", *code, tr("The fund"))->required();
  show->footer(tr("Example:\n  semilla fund show BID-2026"));
  ctx.offer_csv(show);
  show->callback([&ctx, &exit_code, code] { exit_code = run_fund_list(ctx, *code); });
}

struct MilestoneArgs {
  std::string enterprise, name, date, female, male, other, label;
};

ExitCode run_milestone_define(Context& ctx, const MilestoneArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto r = grants::define_milestone(b, a.name, a.label);
  if (!r.ok()) return report_error(ctx, r.error());
  const auto& m = r->name;
  if (ctx.json()) {
    print_json({{"ok", true}, {"duplicate", r->duplicate}, {"milestone", m.name},
                {"label", m.label}, {"audit_seq", m.audit_seq}});
  } else {
    const TrArgs args = {{"milestone", m.name}, {"label", m.label},
                         {"record", std::to_string(m.audit_seq)}};
    std::cout << (r->duplicate ? trf("Already recorded, nothing changed: milestone {milestone} "
                                     "({label}, audit record {record})",
                                     args)
                               : trf("Defined milestone {milestone} ({label}, audit record "
                                     "{record})",
                                     args))
              << "\n";
  }
  return kExitOk;
}

ExitCode run_milestone_names(Context& ctx) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto names = grants::milestone_names(b);
  if (!names.ok()) return report_error(ctx, names.error());
  if (ctx.json() || ctx.csv()) {
    json defined = json::array();
    for (const auto& m : names->defined) {
      defined.push_back({{"milestone", m.name}, {"label", m.label}, {"audit_seq", m.audit_seq}});
    }
    for (const auto& n : names->used_before) {
      if (ctx.csv()) defined.push_back({{"milestone", n}, {"used_before_definitions", true}});
    }
    if (print_csv(ctx, {"", &defined, {"milestone", "label", "audit_seq",
                                       "used_before_definitions"}})) {
      return kExitOk;
    }
    print_json({{"milestones", defined}, {"used_before_definitions", names->used_before}});
    return kExitOk;
  }
  if (names->defined.empty() && names->used_before.empty()) {
    std::cout << tr("No milestone names defined; define one with `semilla milestone define "
                    "NAME --label TEXT`.")
              << "\n";
    return kExitOk;
  }
  Table t({{tr("Milestone")}, {tr("Label")}, {tr("Record"), Align::kRight}});
  for (const auto& m : names->defined) t.add_row({m.name, m.label, std::to_string(m.audit_seq)});
  for (const auto& n : names->used_before) {
    t.add_row({n, tr("(in use before names were defined)"), ""});
  }
  t.print(std::cout);
  return kExitOk;
}

void add_milestone_names(CLI::App& ms, Context& ctx, ExitCode& exit_code,
                         const std::shared_ptr<MilestoneArgs>& a) {
  auto* def = ms.add_subcommand("define", tr("Define a milestone name the programme uses"));
  def->add_option("NAME", a->name, tr("Lower-case letters, digits, . _ - (plan-approved)"))
      ->required();
  def->add_option("--label", a->label, tr("What it means, for people (recorded)"))->required();
  def->footer(tr("Grant conditions and `milestone record` accept only defined names. Defining a "
                 "name again with the same label changes nothing.\n\nExample:\n  semilla "
                 "milestone define plan-approved --label \"Business plan approved\""));
  def->callback([&ctx, &exit_code, a] { exit_code = run_milestone_define(ctx, *a); });
  auto* names = ms.add_subcommand("names", tr("List the milestone names defined"));
  names->footer(tr("`milestone list` lists the milestones enterprises reached.\n\nExample:\n  "
                   "semilla milestone names --json"));
  ctx.offer_csv(names);
  names->callback([&ctx, &exit_code] { exit_code = run_milestone_names(ctx); });
}

void add_members(CLI::App& app, Context& ctx, ExitCode& exit_code);

void add_milestone_and_members(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto a = std::make_shared<MilestoneArgs>();
  auto* ms = subcommand(app, "milestone", tr("Milestones of enterprises (grant conditions)"));
  add_milestone_names(*ms, ctx, exit_code, a);
  auto* rec = ms->add_subcommand("record", tr("Record that an enterprise reached a milestone"));
  rec->add_option("ENTERPRISE", a->enterprise, tr("The enterprise"))->required();
  rec->add_option("NAME", a->name, tr("A defined milestone name (`semilla milestone names`)"))
      ->required();
  rec->add_option("--date", a->date, tr("When it was reached, YYYY-MM-DD"))->required();
  rec->footer(tr("Recording the same milestone on the same date again changes nothing and "
                 "succeeds.\n\nExample:\n  semilla milestone record EC-001 plan-approved --date "
                 "2026-02-15"));
  rec->callback([&ctx, &exit_code, a] {
    exit_code = [&]() -> ExitCode {
      SEMILLA_OPEN_BOOK(ctx, b);
      SEMILLA_REPORT_PROBLEMS(ctx,
                              grants::milestone_problems(b, a->enterprise, a->name, a->date));
      auto r = grants::record_milestone(b, a->enterprise, a->name, a->date);
      if (!r.ok()) return report_error(ctx, r.error());
      const auto& m = r->milestone;
      if (ctx.json()) {
        print_json({{"ok", true}, {"duplicate", r->duplicate}, {"enterprise", m.enterprise},
                    {"milestone", m.name}, {"date", m.day.to_string()},
                    {"audit_seq", m.audit_seq}});
      } else {
        const TrArgs args = {{"milestone", m.name}, {"enterprise", m.enterprise},
                             {"date", m.day.to_string()},
                             {"record", std::to_string(m.audit_seq)}};
        std::cout << (r->duplicate
                          ? trf("Already recorded, nothing changed: milestone {milestone} of "
                                "{enterprise} on {date} (audit record {record})",
                                args)
                          : trf("Recorded milestone {milestone} of {enterprise} on {date} "
                                "(audit record {record})",
                                args))
                  << "\n";
      }
      return kExitOk;
    }();
  });
  add_members(app, ctx, exit_code);
}

json person_json(const store::MemberPerson& p) {
  return {{"sex", p.sex}, {"birth_year", p.birth_year ? json(*p.birth_year) : json(nullptr)},
          {"nationality", p.nationality}, {"status", p.status}};
}

ExitCode run_members(Context& ctx, const grants::MembersDraft& d) {
  SEMILLA_OPEN_BOOK(ctx, b);
  SEMILLA_REPORT_PROBLEMS(ctx, grants::members_problems(b, d));
  auto r = grants::set_members(b, d);
  if (!r.ok()) return report_error(ctx, r.error());
  const auto& m = r->members;
  if (ctx.json()) {
    json people = json::array();
    for (const auto& p : m.people) people.push_back(person_json(p));
    print_json({{"ok", true}, {"duplicate", r->duplicate}, {"enterprise", m.enterprise},
                {"female", m.female}, {"male", m.male}, {"other", m.other},
                {"people", people}, {"audit_seq", m.audit_seq}});
    return kExitOk;
  }
  const TrArgs args = {{"enterprise", m.enterprise}, {"women", std::to_string(m.female)},
                       {"men", std::to_string(m.male)}, {"others", std::to_string(m.other)},
                       {"record", std::to_string(m.audit_seq)}};
  std::cout << (r->duplicate ? tr("Already recorded, nothing changed: ") : "")
            << (m.people.empty()
                    ? trf("{enterprise} has {women} women, {men} men and {others} others (audit "
                          "record {record})",
                          args)
                    : trf("{enterprise} has {women} women, {men} men and {others} others, "
                          "registered one by one (audit record {record})",
                          args))
            << "\n";
  return kExitOk;
}

void add_members(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto d = std::make_shared<grants::MembersDraft>();
  auto* ent = subcommand(app, "enterprise", tr("Register and list enterprises"));
  auto* mem = ent->add_subcommand("members", tr("Members of a collective enterprise"));
  mem->add_option("ID", d->enterprise, tr("A family, association or cooperative"))->required();
  mem->add_option("--member", d->people,
                  tr("One member, SEX[,BIRTH-YEAR[,NATIONALITY[,STATUS]]]; repeat it for each"));
  mem->add_option("--female", d->female, tr("Number of women (when not given one by one)"));
  mem->add_option("--male", d->male, tr("Number of men"));
  mem->add_option("--other", d->other, tr("Number of members of another sex"));
  mem->footer(tr("Members have no names: only the attributes donors count. Given one by one, "
                 "donor reports count each member by their own sex, age, nationality and status; "
                 "given as numbers, by sex and the representative's other attributes. Grants "
                 "record the members as they are at each event; the same members again change "
                 "nothing.\n\nExamples:\n  semilla enterprise members EC-004 --member "
                 "female,1990,VE,migrant --member male,1985,CO,refugee --member "
                 "female,,EC,host\n  semilla enterprise members EC-005 --female 9 --male 3"));
  mem->callback([&ctx, &exit_code, d] { exit_code = run_members(ctx, *d); });
}

json event_json(const store::GrantEventRow& e, const std::string& currency) {
  return {{"audit_seq", e.audit_seq}, {"type", e.type}, {"date", e.day.to_string()},
          {"tranche", e.tranche == 0 ? json(nullptr) : json(e.tranche)},
          {"amount", money(e.amount_minor, currency)}, {"in_kind", e.in_kind},
          {"description", e.description}, {"supplier", e.supplier}, {"reason", e.reason},
          {"override_reason", e.override_reason},
          {"transaction", e.transaction_id == 0 ? json(nullptr) : json(e.transaction_id)}};
}

json status_json(const grants::GrantStatus& s) {
  const auto& g = s.grant;
  json tranches = json::array();
  for (std::size_t i = 0; i < g.tranches.size(); ++i) {
    tranches.push_back({{"n", i + 1}, {"amount", money(g.tranches[i].amount_minor, g.currency)},
                        {"conditions", g.tranches[i].conditions}, {"paid", s.paid[i]}});
  }
  json events = json::array();
  for (const auto& e : s.events) events.push_back(event_json(e, g.currency));
  return {{"grant", g.id}, {"enterprise", g.enterprise}, {"fund", g.fund},
          {"currency", g.currency}, {"awarded", g.day.to_string()},
          {"total", money(g.total_minor, g.currency)},
          {"disbursed", money(s.disbursed_minor, g.currency)},
          {"returned", money(s.returned_minor, g.currency)},
          {"paid_again", money(s.repaid_minor, g.currency)},
          {"committed", money(s.committed_minor, g.currency)},
          {"over_commit_reason", g.over_commit && !g.over_commit->empty()
                                     ? json(*g.over_commit) : json(nullptr)},
          {"status", s.cancelled ? "cancelled" : "open"}, {"tranches", tranches},
          {"events", events}};
}

void print_status(const grants::GrantStatus& s) {
  const auto& g = s.grant;
  const auto m = [&](std::int64_t v) {
    return display_number(money(v, g.currency)) + " " + g.currency;
  };
  const TrArgs head = {{"grant", g.id}, {"enterprise", g.enterprise}, {"fund", g.fund},
                       {"date", g.day.to_string()}};
  std::cout << (s.cancelled
                    ? trf("Grant {grant} to {enterprise} from fund {fund}, awarded {date} "
                          "(cancelled)",
                          head)
                    : trf("Grant {grant} to {enterprise} from fund {fund}, awarded {date}", head))
            << "\n"
            << trf("Total {total}; disbursed {disbursed}; returned {returned}; committed, not "
                   "paid {committed}",
                   {{"total", m(g.total_minor)}, {"disbursed", m(s.disbursed_minor)},
                    {"returned", m(s.returned_minor)}, {"committed", m(s.committed_minor)}})
            << "\n";
  if (g.over_commit && !g.over_commit->empty()) {
    std::cout << trf("Awarded beyond what the fund could commit: {reason}",
                     {{"reason", *g.over_commit}})
              << "\n";
  }
  std::cout << "\n";
  Table t({{tr("Tranche"), Align::kRight}, {tr("Amount"), Align::kNumber}, {tr("Conditions")},
          {tr("Paid")}});
  for (std::size_t i = 0; i < g.tranches.size(); ++i) {
    std::string conds;
    for (const auto& c : g.tranches[i].conditions) conds += (conds.empty() ? "" : ", ") + c;
    t.add_row({std::to_string(i + 1), money(g.tranches[i].amount_minor, g.currency), conds,
               s.paid[i] ? tr("yes") : tr("no")});
  }
  t.print(std::cout);
  std::cout << "\n";
  Table ev({{tr("Record"), Align::kRight}, {tr("Date")}, {tr("Event")},
           {tr("Amount"), Align::kNumber},
            {tr("Txn"), Align::kRight}, {tr("Detail")}});
  for (const auto& e : s.events) {
    std::string detail = e.in_kind ? e.description + " (" + e.supplier + ")" : e.reason;
    if (!e.override_reason.empty()) detail += " [override: " + e.override_reason + "]";
    ev.add_row({std::to_string(e.audit_seq), e.day.to_string(),
                e.type + (e.tranche ? " " + std::to_string(e.tranche) : ""),
                money(e.amount_minor, g.currency),
                e.transaction_id ? std::to_string(e.transaction_id) : "", detail});
  }
  ev.print(std::cout);
}

// What an operation did: the grant, a line for people, and whether it was a repeat.
struct Done {
  std::string id, line;
  bool duplicate = false;
};

std::string amount_text(book::Book& b, const store::GrantEventRow& e) {
  auto g = b.store().grants().find_grant(e.grant_id);
  const std::string cur = g.ok() && g->has_value() ? (*g)->currency : "";
  return display_number(money(e.amount_minor, cur)) + " " + cur;
}

Done done(book::Book&, const store::GrantRow& r) {
  std::string line =
      trf("Awarded grant {grant} to {enterprise} from fund {fund}: {amount} {currency} in "
          "{tranches} tranches, dated {date} (audit record {record})",
          {{"grant", r.id}, {"enterprise", r.enterprise}, {"fund", r.fund},
           {"amount", display_number(money(r.total_minor, r.currency))},
           {"currency", r.currency}, {"tranches", std::to_string(r.tranches.size())},
           {"date", r.day.to_string()}, {"record", std::to_string(r.audit_seq)}});
  if (r.over_commit && !r.over_commit->empty()) {
    line += "\n" + trf("Over-committed fund {fund}: {reason}",
                       {{"fund", r.fund}, {"reason", *r.over_commit}});
  }
  return {r.id, line};
}

Done done(book::Book& b, const store::GrantEventRow& r) {
  const TrArgs args = {{"grant", r.grant_id}, {"event", r.type},
                       {"tranche", std::to_string(r.tranche)}, {"amount", amount_text(b, r)},
                       {"date", r.day.to_string()}, {"id", std::to_string(r.transaction_id)},
                       {"record", std::to_string(r.audit_seq)}};
  std::string line = r.tranche ? trf("Grant {grant}: {event} tranche {tranche} {amount} on {date}",
                                     args)
                               : trf("Grant {grant}: {event} {amount} on {date}", args);
  if (r.transaction_id) line += trf(" (transaction {id})", args);
  return {r.grant_id, line + trf(", audit record {record}", args)};
}

Done done(book::Book& b, const grants::DisburseOutcome& r) {
  Done d = done(b, r.event);
  if (r.duplicate) {
    d.line = tr("Already recorded, nothing changed: ") + d.line;
    d.duplicate = true;
  }
  return d;
}

// Runs one grant operation, then prints the grant's status (--json) or what it did.
template <typename Op>
ExitCode run_grant_op(Context& ctx, Op op) {
  SEMILLA_OPEN_BOOK(ctx, b);
  auto r = op(b);
  if (!r.ok()) return report_error(ctx, r.error());
  const Done d = done(b, *r);
  auto s = grants::grant_status(b, d.id);
  if (!s.ok()) return report_error(ctx, s.error());
  if (ctx.json()) {
    print_json({{"ok", true}, {"duplicate", d.duplicate}, {"grant", status_json(*s)}});
  } else {
    std::cout << d.line << "\n";
  }
  return kExitOk;
}

// grant award: every problem of the input at once (award_problems), then the award.
ExitCode run_award(Context& ctx, const grants::AwardDraft& d) {
  {
    SEMILLA_OPEN_BOOK(ctx, b);
    SEMILLA_REPORT_PROBLEMS(ctx, grants::award_problems(b, d));
  }
  const ExitCode code = run_grant_op(ctx, [&](book::Book& b) { return grants::award(b, d); });
  if (code != kExitOk || ctx.json() || d.over_commit_reason.empty()) return code;
  SEMILLA_OPEN_BOOK(ctx, b);
  auto g = b.store().grants().find_grant(d.id);
  if (g.ok() && g->has_value() && (*g)->over_commit && (*g)->over_commit->empty()) {
    std::cout << trf("Note: the award is within what fund {fund} can still commit, so "
                     "--over-commit was not needed and its reason was not recorded.",
                     {{"fund", d.fund}})
              << "\n";
  }
  return code;
}

struct GrantArgs {
  grants::AwardDraft award;
  bool over_commit = false;
  grants::DisburseDraft disburse;
  bool again = false;
  std::string again_reason;
  grants::ReturnDraft ret;
  grants::CancelDraft cancel;
  std::string id;
};

void add_award_disburse(CLI::App& grant_cmd, Context& ctx, ExitCode& exit_code,
                        const std::shared_ptr<GrantArgs>& a) {
  auto* aw = grant_cmd.add_subcommand("award", tr("Award a grant: a commitment of the fund"));
  aw->add_option("GRANT-ID", a->award.id, tr("New grant identifier"))->required();
  aw->add_option("--enterprise", a->award.enterprise, tr("The enterprise"))->required();
  aw->add_option("--fund", a->award.fund, tr("The fund that pays it"))->required();
  aw->add_option("--tranche", a->award.tranches, tr("AMOUNT[:MILESTONE,MILESTONE], repeatable"))
      ->required();
  aw->add_option("--date", a->award.date, tr("Award date, YYYY-MM-DD (default: today)"));
  auto* over = aw->add_flag("--over-commit", a->over_commit,
                            tr("Award beyond what the fund can still commit (needs --reason)"));
  auto* over_why = aw->add_option("--reason", a->award.over_commit_reason,
                                  tr("Why the fund may over-commit (with --over-commit; "
                                     "recorded)"));
  over->needs(over_why);
  over_why->needs(over);
  aw->footer(tr("No tranche may be paid before the award's date: when recording a programme "
                "after the fact, give the award's real --date (it may be in the past). "
                "Milestones in conditions must be defined (`semilla milestone define`). An award "
                "beyond what the fund can still commit (its money less the grants not yet paid) "
                "is refused unless --over-commit --reason TEXT says why.\n\nExample:\n  semilla "
                "grant award GR-001 --enterprise EC-001 --fund BID-2026 --date 2026-02-01 \\\n   "
                " --tranche 600:plan-approved --tranche 400:follow-up-visit"));
  aw->callback([&ctx, &exit_code, a] {
    exit_code = run_award(ctx, a->award);
    if (exit_code == kExitOk && a->award.date.empty() && !ctx.json()) {
      std::cout << tr("Note: dated today, since no --date was given. Its tranches cannot be "
                      "paid with an earlier date; to record an award made earlier, give --date.")
                << "\n";
    }
  });
  auto& d = a->disburse;
  auto* di = grant_cmd.add_subcommand("disburse", tr("Pay a tranche, in cash or in kind"));
  di->add_option("GRANT-ID", d.grant, tr("The grant"))->required();
  di->add_option("--tranche", d.tranche, tr("Tranche number, from 1"))->required();
  di->add_option("--date", d.date, tr("Value date, YYYY-MM-DD"))->required();
  di->add_option("--in-kind", d.in_kind, tr("What was delivered instead of cash"));
  di->add_option("--supplier", d.supplier, tr("Who supplied it (with --in-kind)"));
  di->add_option("--ref", d.ref, tr("External reference of the payment"))->check(kReference);
  di->add_option("--override-reason", d.override_reason,
                 tr("Pay although the fund is short or the date outside its dates (recorded)"));
  auto* again = di->add_flag("--again", a->again,
                             tr("Pay a tranche already paid again, once it was returned in full"));
  auto* why = di->add_option("--reason", a->again_reason, tr("Why it is paid again (with "
                                                             "--again; recorded)"));
  again->needs(why);
  why->needs(again);
  di->footer(tr("Refused while the tranche's milestones are missing, when paid already with "
                "another --ref, date, --in-kind or --supplier, or when the fund would go below "
                "zero. The same disbursement run again changes nothing and succeeds. A tranche "
                "given back in full (`grant return`) is paid again only with --again and a "
                "reason.\n\nExamples:\n  semilla grant disburse GR-001 --tranche 1 --date "
                "2026-03-02 \\\n    --in-kind \"Oven and mixer\" --supplier \"Equipos "
                "Andinos\"\n  semilla grant disburse GR-001 --tranche 1 --date 2026-04-02 "
                "--again \\\n    --reason \"Returned by mistake by the bank\""));
  di->callback([&ctx, &exit_code, a] {
    exit_code = [&]() -> ExitCode {
      SEMILLA_OPEN_BOOK(ctx, b);
      SEMILLA_REPORT_PROBLEMS(ctx, grants::disburse_problems(b, a->disburse));
      return kExitOk;
    }();
    if (exit_code != kExitOk) return;
    exit_code = run_grant_op(ctx, [&](book::Book& b) {
      return a->again ? grants::disburse_again(b, a->disburse, a->again_reason)
                      : grants::disburse(b, a->disburse);
    });
  });
}

void add_grant(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto a = std::make_shared<GrantArgs>();
  auto* grant = subcommand(app, "grant", tr("Grants: award, disburse, return, cancel, status"));
  add_award_disburse(*grant, ctx, exit_code, a);
  auto* re = grant->add_subcommand("return", tr("Money given back to the fund"));
  re->add_option("GRANT-ID", a->ret.grant, tr("The grant"))->required();
  re->add_option("AMOUNT", a->ret.amount, tr("At most what was disbursed and not yet returned"))
      ->required();
  re->add_option("--date", a->ret.date, tr("Value date, YYYY-MM-DD"))->required();
  re->add_option("--reason", a->ret.reason, tr("Why (kept in the audit log)"))->required();
  re->footer(tr("Example:\n  semilla grant return GR-001 150 --date 2026-05-10 --reason "
                "\"Unspent balance\""));
  re->callback([&ctx, &exit_code, a] {
    exit_code = run_grant_op(ctx, [&](book::Book& b) { return grants::return_funds(b, a->ret); });
  });
  auto* ca = grant->add_subcommand("cancel", tr("Cancel a grant, releasing what is not paid"));
  ca->add_option("GRANT-ID", a->cancel.grant, tr("The grant"))->required();
  ca->add_option("--reason", a->cancel.reason, tr("Why (kept in the audit log)"))->required();
  ca->add_option("--date", a->cancel.date, tr("Date, YYYY-MM-DD (default: today)"));
  ca->footer(tr("Example:\n  semilla grant cancel GR-007 --reason \"Enterprise closed\""));
  ca->callback([&ctx, &exit_code, a] {
    exit_code = run_grant_op(ctx, [&](book::Book& b) { return grants::cancel(b, a->cancel); });
  });
  auto* st = grant->add_subcommand("status", tr("A grant's tranches, events and balances"));
  st->add_option("GRANT-ID", a->id, tr("The grant"))->required();
  st->footer(tr("Example:\n  semilla grant status GR-001"));
  ctx.offer_csv(st);
  st->callback([&ctx, &exit_code, a] {
    exit_code = [&]() -> ExitCode {
      SEMILLA_OPEN_BOOK(ctx, b);
      auto s = grants::grant_status(b, a->id);
      if (!s.ok()) return report_error(ctx, s.error());
      if (ctx.csv()) {
        write_grant_status_csv(std::cout, status_json(*s));
      } else if (ctx.json()) {
        print_json(status_json(*s));
      } else {
        print_status(*s);
      }
      return kExitOk;
    }();
  });
}

}  // namespace

void add_grant_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  add_fund(app, ctx, exit_code);
  add_milestone_and_members(app, ctx, exit_code);
  add_grant(app, ctx, exit_code);
  add_donor_report_command(app, ctx, exit_code);
  add_period_commands(app, ctx, exit_code);
}

}  // namespace semilla::cli
