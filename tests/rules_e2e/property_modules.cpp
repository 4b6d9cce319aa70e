// SPDX-License-Identifier: Apache-2.0
// The property model's loan, fund, grant, milestone, period and batch commands.
#include "tests/rules_e2e/property_model.h"

namespace semilla::rules_e2e {
namespace {

const std::vector<std::string> kEnterprises{"EC-001", "EC-002", "EC-003"};

template <typename T>
T* any_of(std::vector<T>& items, int roll) {
  if (items.empty()) return nullptr;
  return &items[static_cast<std::size_t>(roll) % items.size()];
}

}  // namespace

Step Model::loan_open() {
  const std::string id = "L-" + std::to_string(++counter_);
  const std::string enterprise = kEnterprises[static_cast<std::size_t>(pick(3))];
  Step s{"loan open",
         {"loan", "open", id, "--enterprise", enterprise, "--product", "CREDI-6", "--principal",
          std::to_string(200 + 100 * pick(18)), "--date", some_date()}};
  s.on_accept = [this, id, enterprise] { loans_.push_back({id, enterprise}); };
  return s;
}

Step Model::loan_disburse() {
  Loan* l = any_of(loans_, pick(1000));
  Step s{"loan disburse", {"loan", "disburse", l ? l->id : "L-404", "--date", some_date()}};
  s.made = "loan.disburse";
  if (l) s.on_accept = [l] { l->disbursed = true; };
  return s;
}

Model::Loan* Model::some_loan() {
  std::vector<Loan*> disbursed;
  for (Loan& l : loans_) {
    if (l.disbursed && !l.written_off) disbursed.push_back(&l);
  }
  if (!disbursed.empty() && chance(80)) return *any_of(disbursed, pick(1000));
  return any_of(loans_, pick(1000));
}

Step Model::loan_repay() {
  Loan* l = some_loan();
  Step s{"loan repay",
         {"loan", "repay", l ? l->id : "L-404", some_amount(1000, 30000), "--date", some_date()}};
  if (chance(40)) s.args.insert(s.args.end(), {"--ref", "MFI-" + std::to_string(++counter_)});
  s.made = "loan.repay";
  if (l) s.loan = l->id;
  return s;
}

Step Model::loan_reverse() {
  std::vector<std::pair<std::int64_t, std::string>> repaid(repaid_.begin(), repaid_.end());
  const auto* txn = any_of(repaid, pick(1000));
  Loan* l = any_of(loans_, pick(1000));
  const std::string loan = txn && chance(90) ? txn->second : l ? l->id : "L-404";
  Step s{"loan reverse",
         {"loan", "reverse", loan, std::to_string(txn ? txn->first : 9999), "--date", some_date(),
          "--reason", "bounced"}};
  s.made = "loan.reverse";
  return s;
}

Step Model::loan_write_off() {
  Loan* l = any_of(loans_, pick(1000));
  Step s{"loan write-off",
         {"loan", "write-off", l ? l->id : "L-404", "--date", some_date(), "--reason", "closed"}};
  s.made = "loan.write-off";
  if (l) s.on_accept = [l] { l->written_off = true; };
  return s;
}

Step Model::loan_recover() {
  Loan* l = any_of(loans_, pick(1000));
  Step s{"loan recover",
         {"loan", "recover", l ? l->id : "L-404", some_amount(500, 5000), "--date", some_date()}};
  s.made = "loan.recover";
  return s;
}

Step Model::loan_cancel() {
  Loan* l = any_of(loans_, pick(1000));
  Step s{"loan cancel",
         {"loan", "cancel", l ? l->id : "L-404", "--date", some_date(), "--reason", "mistake"}};
  if (l) s.on_accept = [l] { l->written_off = true; };  // no command moves it again
  return s;
}

Step Model::loan_reverse_disbursement() {
  Loan* l = some_loan();
  Step s{"loan reverse-disbursement",
         {"loan", "reverse-disbursement", l ? l->id : "L-404", "--date", some_date(), "--reason",
          "paid to the wrong account"}};
  s.made = "loan.reverse-disbursement";
  if (l) s.on_accept = [l] { l->written_off = true; };
  return s;
}

Step Model::enterprise_update() {
  static const std::vector<std::vector<std::string>> kChanges{
      {"--status", "refugee"}, {"--status", "migrant"},     {"--cohort", "2026-B"},
      {"--birth-year", "1985"}, {"--nationality", "CO"},   {"--sex", "other"},
      {"--status", "tourist"},  {"--birth-year", "2999"}, {"--name", "Renamed"},
      {"--status", "displaced"}};  // refused until status_define defines it
  const std::string enterprise = chance(95) ? kEnterprises[static_cast<std::size_t>(pick(3))]
                                            : "EC-404";
  Step s{"enterprise update", {"enterprise", "update", enterprise}};
  const auto& change = kChanges[static_cast<std::size_t>(pick(static_cast<int>(kChanges.size())))];
  s.args.insert(s.args.end(), change.begin(), change.end());
  return s;
}

Step Model::grant_disburse_again() {
  Grant* g = some_grant(/*paid=*/true);
  Step s{"grant disburse again",
         {"grant", "disburse", g ? g->id : "G-404", "--tranche", std::to_string(1 + pick(2)),
          "--date", some_date(), "--again", "--reason", "bank returned it"}};
  s.made = "grant.disburse";
  return s;
}

Step Model::fund_receive() {
  Step s{"fund receive",
         {"fund", "receive", "F-1", some_amount(10000, 500000), "--date", some_date()}};
  s.made = "fund.receive";
  return s;
}

Step Model::fund_spend() {
  Step s{"fund spend",
         {"fund", "spend", "F-1", chance(85) ? "training" : "seed-capital-cash",
          some_amount(1000, 30000), "--date", some_date(), "--memo", "workshop"}};
  s.made = "fund.spend";
  return s;
}

Step Model::grant_award() {
  const std::string id = "G-" + std::to_string(++counter_);
  const std::string enterprise = kEnterprises[static_cast<std::size_t>(pick(3))];
  Step s{
      "grant award",
      {"grant", "award", id, "--enterprise", enterprise, "--fund", "F-1", "--date", some_date(),
       "--tranche", some_amount(10000, 60000) + ":plan", "--tranche", some_amount(10000, 40000)}};
  // Beyond what the fund can still commit, an award needs a reason (issue 12).
  if (chance(25)) s.args.insert(s.args.end(), {"--over-commit", "--reason", "pledged"});
  s.made = "grant.award";
  s.on_accept = [this, id, enterprise] { grants_.push_back({id, enterprise}); };
  return s;
}

// A grant still open with a tranche to pay mostly (paid: one with a tranche paid), any
// grant sometimes; nullptr when there is none.
Model::Grant* Model::some_grant(bool paid) {
  std::vector<Grant*> fitting;
  for (Grant& g : grants_) {
    const bool fits = paid ? g.paid[0] || g.paid[1] : !g.cancelled && !(g.paid[0] && g.paid[1]);
    if (fits) fitting.push_back(&g);
  }
  if (!fitting.empty() && chance(85)) return *any_of(fitting, pick(1000));
  return any_of(grants_, pick(1000));
}

Step Model::grant_disburse() {
  Grant* g = some_grant(/*paid=*/false);
  int tranche = 1 + pick(chance(10) ? 3 : 2);
  if (g && tranche <= 2 && g->paid[tranche - 1] && chance(80)) tranche = 3 - tranche;
  Step s{"grant disburse",
         {"grant", "disburse", g ? g->id : "G-404", "--tranche", std::to_string(tranche), "--date",
          some_date()}};
  if (chance(30)) s.args.insert(s.args.end(), {"--in-kind", "Oven", "--supplier", "Hornos SA"});
  s.made = "grant.disburse";
  if (g && tranche <= 2) s.on_accept = [g, tranche] { g->paid[tranche - 1] = true; };
  return s;
}

Step Model::grant_return() {
  Grant* g = some_grant(/*paid=*/true);
  Step s{"grant return",
         {"grant", "return", g ? g->id : "G-404", some_amount(1000, 20000), "--date", some_date(),
          "--reason", "unspent"}};
  s.made = "grant.return";
  return s;
}

Step Model::grant_cancel() {
  Grant* g = some_grant(/*paid=*/false);
  Step s{"grant cancel",
         {"grant", "cancel", g ? g->id : "G-404", "--date", some_date(), "--reason", "moved away"}};
  s.made = "grant.cancel";
  if (g) s.on_accept = [g] { g->cancelled = true; };
  return s;
}

// Names are defined once ("visit" only by this step, so that a milestone of it is refused
// until then); the same label again is a repeat, another one a conflict.
Step Model::milestone_define() {
  static const std::vector<std::string> kNames{"plan", "visit", "Visit"};
  return Step{"milestone define",
              {"milestone", "define", kNames[static_cast<std::size_t>(pick(3))], "--label",
               chance(80) ? "Business plan approved" : "Other"}};
}

// A status defined once ("displaced"); a built-in or badly written name is refused.
Step Model::status_define() {
  static const std::vector<std::string> kNames{"displaced", "displaced", "refugee", "Displaced"};
  return Step{"status define",
              {"status", "define", kNames[static_cast<std::size_t>(pick(4))], "--label",
               chance(80) ? "Internally displaced" : "Other"}};
}

// The cooperative's members, one by one (some with a status not defined yet, or a bad
// nationality) or by numbers.
Step Model::members() {
  static const std::vector<std::string> kPeople{
      "female,1990,VE,migrant", "male,,CO,refugee", "other", "female,2001,EC,displaced",
      "male,1985,ZZ", "female,1970,PE,host"};
  const std::string enterprise = chance(90) ? "EC-002" : kEnterprises[0];
  Step s{"enterprise members", {"enterprise", "members", enterprise}};
  if (chance(20)) {
    s.args.insert(s.args.end(), {"--female", std::to_string(1 + pick(5)), "--male", "2"});
    return s;
  }
  for (int n = 1 + pick(4); n > 0; --n) {
    s.args.insert(s.args.end(),
                  {"--member", kPeople[static_cast<std::size_t>(pick(static_cast<int>(
                                   kPeople.size())))]});
  }
  return s;
}

Step Model::milestone() {
  const std::string enterprise = kEnterprises[static_cast<std::size_t>(pick(3))];
  return Step{
      "milestone record",
      {"milestone", "record", enterprise, chance(70) ? "plan" : "visit", "--date", some_date()}};
}

Step Model::period_close() {
  const std::string month = day_.add_days(-pick(70)).to_string().substr(0, 7);
  Step s{"period close", {"period", "close", month}};
  s.on_accept = [this, month] { closed_.insert(month); };
  return s;
}

Step Model::period_reopen() {
  std::vector<std::string> closed(closed_.begin(), closed_.end());
  const std::string* month = any_of(closed, pick(1000));
  const std::string m = month ? *month : day_.to_string().substr(0, 7);
  Step s{"period reopen", {"period", "reopen", m, "--reason", "late invoice"}};
  s.on_accept = [this, m] { closed_.erase(m); };
  return s;
}

json Model::batch_operation(bool& owned) {
  const std::string id = "B-" + std::to_string(++counter_);
  const std::string amount = some_amount(100, 5000);
  switch (pick(5)) {
    case 0: {
      const bool bypass = chance(50);
      owned = owned || bypass;
      const std::string account = bypass ? owned_account() : "Expenses:Training";
      return {{"type", "transaction"},
              {"external_id", id},
              {"date", some_date()},
              {"postings",
               {{{"account", account}, {"side", "debit"}, {"amount", amount}},
                {{"account", "Assets:Bank"}, {"side", "credit"}, {"amount", amount}}}}};
    }
    case 1:
      return {{"type", "milestone"},
              {"enterprise", kEnterprises[static_cast<std::size_t>(pick(3))]},
              {"name", "plan"},
              {"date", some_date()}};
    case 2: {
      Loan* l = any_of(loans_, pick(1000));
      return {{"type", "loan_repayment"},
              {"external_id", id},
              {"loan", l ? l->id : "L-404"},
              {"date", some_date()},
              {"amount", some_amount(1000, 20000)}};
    }
    default: {
      Grant* g = any_of(grants_, pick(1000));
      return {{"type", "grant_disbursement"},
              {"external_id", id},
              {"grant", g ? g->id : "G-404"},
              {"tranche", 1 + pick(2)},
              {"date", some_date()}};
    }
  }
}

}  // namespace semilla::rules_e2e
