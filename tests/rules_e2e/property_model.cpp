// SPDX-License-Identifier: Apache-2.0
#include "tests/rules_e2e/property_model.h"

#include <fstream>

#include "tests/rules_e2e/books.h"

namespace semilla::rules_e2e {
namespace {

std::string cents_text(int c) {
  const std::string frac = std::to_string(c % 100);
  return std::to_string(c / 100) + "." + (frac.size() == 1 ? "0" : "") + frac;
}

}  // namespace

std::string Step::text() const {
  std::string s = what + ": semilla";
  for (const auto& a : args) s += " " + (a.find(' ') == std::string::npos ? a : "'" + a + "'");
  return s;
}

Model::Model(std::uint64_t seed) : rng_(seed) {}

std::string Model::now() const { return day_.to_string() + "T15:00:00Z"; }

int Model::pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }

bool Model::chance(int percent) { return pick(100) < percent; }

// Today mostly; sometimes a few days back (perhaps into a closed month) or tomorrow.
std::string Model::some_date() {
  if (chance(8)) return day_.add_days(1).to_string();
  if (chance(25)) return day_.add_days(-pick(20)).to_string();
  return day_.to_string();
}

std::string Model::some_amount(int min_cents, int max_cents) {
  return cents_text(min_cents + pick(max_cents - min_cents + 1));
}

void Model::start(const e2e::Cli& cli) {
  start_book(cli, "Property");
  key_file_ = generate_key(cli).key_file;
  cli.ok({"loan", "product", "add", "CREDI-6", "--currency", "USD", "--rate", "24",
          "--installments", "6", "--fee", "2%", "--fee-mode", "deducted", "--cash-account",
          "Assets:Bank"});
  cli.ok({"fund", "add", "F-1", "--donor", "BID Lab", "--currency", "USD", "--budget",
          "seed-capital-cash=50000", "--budget", "training=5000"});
  cli.ok({"fund", "receive", "F-1", "30000", "--date", "2026-01-03", "--ref", "SW-0"});
  cli.ok({"milestone", "define", "plan", "--label", "Business plan approved"});
}

void Model::accepted_start(std::int64_t transactions) {
  // BANK-1 from start_book, then the fund's first receipt.
  for (std::int64_t id = 1; id <= transactions; ++id) txns_[id] = "fund.receive";
  txns_[1] = "plain";
  transactions_ = transactions;
}

void Model::accepted(const Step& step, std::int64_t transactions) {
  for (std::int64_t id = transactions_ + 1; id <= transactions; ++id) {
    txns_[id] = step.made;
    if (step.made == "loan.repay") repaid_[id] = step.loan;
  }
  transactions_ = transactions;
  if (step.on_accept) step.on_accept();
}

Step Model::next(const std::string& dir) {
  dir_ = dir;
  if (chance(45)) day_ = day_.add_days(1 + pick(2));
  static const std::vector<std::pair<int, Maker>> kMakers{
      {10, &Model::post_valid},   {6, &Model::post_owned},     {5, &Model::post_invalid},
      {10, &Model::reverse},      {4, &Model::loan_open},      {4, &Model::loan_disburse},
      {8, &Model::loan_repay},    {3, &Model::loan_reverse},   {2, &Model::loan_write_off},
      {2, &Model::loan_recover},  {3, &Model::fund_receive},   {3, &Model::fund_spend},
      {5, &Model::grant_award},   {6, &Model::grant_disburse}, {3, &Model::grant_return},
      {1, &Model::grant_cancel},  {4, &Model::milestone},      {2, &Model::period_close},
      {1, &Model::period_reopen}, {1, &Model::checkpoint},     {5, &Model::batch},
      {1, &Model::loan_cancel},   {2, &Model::loan_reverse_disbursement},
      {3, &Model::enterprise_update}, {3, &Model::grant_disburse_again},
      {1, &Model::milestone_define}, {1, &Model::status_define}, {2, &Model::members}};
  int total = 0;
  for (const auto& [weight, maker] : kMakers) total += weight;
  int roll = pick(total);
  for (const auto& [weight, maker] : kMakers) {
    if (roll < weight) return (this->*maker)();
    roll -= weight;
  }
  return post_valid();
}

Step Model::post_valid() {
  const std::string amount = some_amount(100, 20000);
  Step s{"post",
         {"post", "--date", some_date(), "--memo", "step", "--debit", "Expenses:Training=" + amount,
          "--credit", "Assets:Bank=" + amount}};
  if (chance(50)) {
    s.args.insert(s.args.end(), {"--ref", "R-" + std::to_string(++counter_ % 40)});
  }
  s.made = "plain";
  return s;
}

// An account a module owns: a loan's receivable or one of the fund's accounts.
std::string Model::owned_account() {
  if (!loans_.empty() && chance(50)) {
    const Loan& l = loans_[static_cast<std::size_t>(pick(static_cast<int>(loans_.size())))];
    return "Assets:Loans:" + l.enterprise + ":" + l.id;
  }
  static const std::vector<std::string> kFund{"Assets:Funds:F-1", "Equity:Funds:F-1:Received",
                                              "Equity:Funds:F-1:Commitments",
                                              "Expenses:Grants:F-1:Cash"};
  return kFund[static_cast<std::size_t>(pick(static_cast<int>(kFund.size())))];
}

Step Model::post_owned() {
  const std::string amount = some_amount(100, 5000), owned = owned_account();
  const bool debit = chance(50);
  Step s{"post to a module's account",
         {"post", "--date", day_.to_string(), "--memo", "bypass", "--debit",
          (debit ? owned : "Assets:Bank") + "=" + amount, "--credit",
          (debit ? "Assets:Bank" : owned) + "=" + amount}};
  s.owned = true;
  s.made = "bypass";  // reversing it moves the module's account again
  return s;
}

Step Model::post_invalid() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kBad{
      {"unbalanced", {"--debit", "Expenses:Training=10.00", "--credit", "Assets:Bank=9.99"}},
      {"unknown account", {"--debit", "Expenses:Nowhere=10", "--credit", "Assets:Bank=10"}},
      {"amount 1e3", {"--debit", "Expenses:Training=1e3", "--credit", "Assets:Bank=1e3"}},
      {"amount with a space",
       {"--debit", "Expenses:Training=1.00 ", "--credit", "Assets:Bank=1.00 "}},
      {"empty ref", {"--debit", "Expenses:Training=1", "--credit", "Assets:Bank=1", "--ref", ""}},
      {"PEN on a USD account",
       {"--debit", "Expenses:Training=1 PEN", "--credit", "Assets:Bank=1 PEN"}}};
  const auto& [what, postings] =
      kBad[static_cast<std::size_t>(pick(static_cast<int>(kBad.size())))];
  Step s{"post, " + what, {"post", "--date", some_date(), "--memo", "bad"}};
  s.args.insert(s.args.end(), postings.begin(), postings.end());
  s.made = "plain";
  return s;
}

Step Model::reverse() {
  std::int64_t id = 9999;
  std::string kind = "unknown";
  if (!txns_.empty() && chance(95)) {
    auto it = txns_.begin();
    std::advance(it, pick(static_cast<int>(txns_.size())));
    id = it->first;
    kind = it->second;
  }
  Step s{"reverse a " + kind + " transaction",
         {"reverse", std::to_string(id), "--date", some_date(), "--reason", "property"}};
  // A batch's transactions may be plain or a module's: either verdict is allowed for them.
  s.owned = kind != "plain" && kind != "reversal" && kind != "unknown" && kind != "batch";
  s.made = "reversal";
  return s;
}

Step Model::checkpoint() { return Step{"checkpoint", {"audit", "checkpoint", "--key", key_file_}}; }

Step Model::batch() {
  json ops = json::array();
  bool owned = false;
  for (int n = 1 + pick(3); n > 0; --n) {
    json op = batch_operation(owned);
    // A bypass alone, most times, so that nothing else in the file gets it refused.
    if (owned && chance(60)) {
      ops = json::array({op});
      break;
    }
    ops.push_back(std::move(op));
  }
  const std::string path = dir_ + "/batch-" + std::to_string(++counter_) + ".json";
  std::ofstream(path) << json{{"format", "semilla-batch"}, {"version", 1}, {"operations", ops}};
  Step s{"batch, " + ops.dump(), {"batch", "import", path}};
  s.owned = owned;
  s.made = "batch";
  return s;
}

}  // namespace semilla::rules_e2e
