// SPDX-License-Identifier: Apache-2.0
// semilla post | reverse
#include <charconv>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "ledger/book/draft_checks.h"

namespace semilla::cli {
namespace {

using nlohmann::json;

struct PostArgs {
  book::TransactionDraft draft;
  std::vector<std::string> debits, credits;
  bool allow_duplicate = false;
};

// "Assets:Bank=800.50 USD" → account, amount, currency. The account name may itself hold '='
// only before the last one, so the split is at the last '='.
Result<book::PostingDraft> parse_posting(const std::string& text, bool debit, std::size_t n) {
  const std::string field = std::string(debit ? "--debit " : "--credit ") + std::to_string(n);
  auto eq = text.rfind('=');
  if (eq == std::string::npos || eq == 0) {
    return make_error(ErrorCode::kUsage, field,
                      trf("\"{value}\" is not ACCOUNT=AMOUNT or ACCOUNT=AMOUNT CUR",
                          {{"value", text}}));
  }
  auto amount = money::split_amount_text(std::string_view(text).substr(eq + 1), field);
  if (!amount.ok()) return amount.error();
  return book::PostingDraft{text.substr(0, eq), std::string(amount->number),
                            std::string(amount->currency), debit, field};
}

json transaction_json(const book::Transaction& t) {
  json postings = json::array();
  for (const auto& p : t.postings) {
    postings.push_back({{"account", p.account},
                        {"amount", p.amount.to_string()},
                        {"currency", std::string(p.amount.currency().code())}});
  }
  return {{"id", t.id},
          {"date", t.date.to_string()},
          {"recorded_at", t.recorded_at},
          {"memo", t.memo},
          {"ref", t.ref ? json(*t.ref) : json(nullptr)},
          {"enterprise", t.enterprise ? json(*t.enterprise) : json(nullptr)},
          {"reverses", t.reverses ? json(*t.reverses) : json(nullptr)},
          {"reason", t.reason},
          {"audit_seq", t.audit_seq},
          {"postings", postings}};
}

// `heading`: "Posted transaction {id} dated {date} (audit record {record})" or another
// sentence with those placeholders, already translated.
void print_posted(const book::Transaction& t, const std::string& heading) {
  std::cout << fill(heading, {{"id", std::to_string(t.id)}, {"date", t.date.to_string()},
                             {"record", std::to_string(t.audit_seq)}})
            << "\n";
  for (const auto& p : t.postings) {
    std::cout << "  " << posting_side(p.amount.is_negative()) << "  " << p.account << "  "
              << with_code(p.amount.abs()) << '\n';
  }
}

ExitCode run_post(Context& ctx, PostArgs& args) {
  SEMILLA_OPEN_BOOK(ctx, b);
  Errors errors;
  args.draft.postings.clear();
  for (bool debit : {true, false}) {
    const auto& list = debit ? args.debits : args.credits;
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto p = parse_posting(list[i], debit, i + 1);
      if (p.ok()) {
        args.draft.postings.push_back(*p);
      } else {
        errors.push_back(p.error());
      }
    }
  }
  if (!errors.empty()) return report_errors(ctx, errors);
  args.draft.refuse_same_day = !args.allow_duplicate;
  auto outcome = b.post(args.draft);
  if (!outcome.ok()) return report_errors(ctx, outcome.error());
  const auto& t = outcome->transaction;
  if (ctx.json()) {
    print_json({{"ok", true}, {"duplicate", outcome->duplicate},
                {"transaction", transaction_json(t)}});
  } else if (outcome->duplicate) {
    std::cout << trf("Already recorded, nothing changed: reference {ref} is transaction {id} "
                     "(audit record {record}), with the same content",
                     {{"ref", *t.ref}, {"id", std::to_string(t.id)},
                      {"record", std::to_string(t.audit_seq)}})
              << "\n";
  } else {
    print_posted(t, tr("Posted transaction {id} dated {date} (audit record {record})"));
  }
  return kExitOk;
}

void add_post(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto args = std::make_shared<PostArgs>();
  auto* cmd = app.add_subcommand("post", tr("Post a balanced transaction"));
  cmd->add_option("--date", args->draft.date, tr("Effective date, YYYY-MM-DD"))->required();
  cmd->add_option("--memo", args->draft.memo, tr("What happened"));
  cmd->add_option("--ref", args->draft.ref,
                  tr("External reference (receipt, bank or MFI id): posting it again with the "
                     "same content changes nothing"))->check(kReference);
  cmd->add_option("--enterprise", args->draft.enterprise, tr("The enterprise concerned"));
  cmd->add_flag("--allow-duplicate", args->allow_duplicate,
                tr("Post even when a transaction with the same date, memo and postings (and no "
                   "--ref) is already in the book"));
  cmd->add_option("--debit", args->debits, tr("ACCOUNT=AMOUNT[ CUR], repeatable"))->required();
  cmd->add_option("--credit", args->credits, tr("ACCOUNT=AMOUNT[ CUR], repeatable"))->required();
  cmd->footer(
      tr("Amounts are positive decimals with a '.' (800.50); without a currency code they are in "
         "the account's currency or the book's. Every currency must balance.\n\nExample:\n  "
         "semilla post --date 2026-03-02 --memo \"Seed capital, tranche 1\" --ref GR-7/1 \\\n    "
         "--enterprise EC-001 --debit Expenses:Grants=800.00 --credit Assets:Bank=800.00"));
  cmd->callback([&ctx, &exit_code, args] { exit_code = run_post(ctx, *args); });
}

struct ReverseArgs {
  std::string id, date, reason;
};

ExitCode run_reverse(Context& ctx, const ReverseArgs& a) {
  SEMILLA_OPEN_BOOK(ctx, b);
  // Several problems are reported together; a single one as the book words it.
  if (auto problems = book::reverse_draft_problems(b.store(), a.id, a.date, a.reason);
      problems.size() > 1) {
    return report_errors(ctx, problems);
  }
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(a.id.data(), a.id.data() + a.id.size(), id);
  if (ec != std::errc() || end != a.id.data() + a.id.size() || id <= 0) {
    return report_error(ctx, make_error(ErrorCode::kInvalid, "TXN-ID",
                                        trf("\"{value}\" is not a transaction number",
                                            {{"value", a.id}})));
  }
  auto r = b.reverse(id, a.date, a.reason);
  if (!r.ok()) return report_error(ctx, r.error());
  if (ctx.json()) {
    print_json({{"ok", true}, {"transaction", transaction_json(*r)}});
  } else {
    print_posted(*r, fill(tr("Reversed transaction {reversed} with transaction {id} dated {date} "
                             "(audit record {record})"),
                          {{"reversed", a.id}}));
  }
  return kExitOk;
}

void add_reverse(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  auto args = std::make_shared<ReverseArgs>();
  auto* cmd = app.add_subcommand("reverse", tr("Correct a transaction by posting its mirror"));
  cmd->add_option("TXN-ID", args->id, tr("The transaction to reverse"))->required();
  cmd->add_option("--date", args->date, tr("Date of the reversal, YYYY-MM-DD"))->required();
  cmd->add_option("--reason", args->reason, tr("Why (kept in the audit log)"))->required();
  cmd->footer(tr("Nothing posted is ever changed or deleted: a mistake is corrected by reversing "
                 "it and posting the right entry.\n\nExample:\n  semilla reverse 42 --date "
                 "2026-03-05 --reason \"Amount typed twice\""));
  cmd->callback([&ctx, &exit_code, args] { exit_code = run_reverse(ctx, *args); });
}

}  // namespace

void add_journal_commands(CLI::App& app, Context& ctx, ExitCode& exit_code) {
  add_post(app, ctx, exit_code);
  add_reverse(app, ctx, exit_code);
}

}  // namespace semilla::cli
