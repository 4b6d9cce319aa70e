// SPDX-License-Identifier: Apache-2.0
// The rules of the fund and grant operations (grant_rules.h), shared by the commands and the
// replay. The messages are the commands' own: the replay prints them after the record's seq.
#include "ledger/grants/grant_rules.h"

#include <algorithm>
#include <limits>

#include "ledger/base/lang.h"
#include "ledger/base/limits.h"
#include "ledger/base/suggest.h"
#include "ledger/base/text.h"
#include "ledger/book/fields.h"
#include "ledger/book/rules.h"
#include "ledger/money/amount.h"

namespace semilla::grants {
namespace {

Error refused(const std::string& field, const std::string& message) {
  return make_error(ErrorCode::kRefused, field, message);
}

std::string opt_text(const std::optional<Date>& d) { return d ? d->to_string() : "open"; }

}  // namespace

Status check_not_after_today(Date day, Date today, const std::string& field) {
  if (day <= today) return Status::Ok();
  return refused(field, day.to_string() + " is after today (" + today.to_string() +
                            "); record events once they happen");
}

std::vector<FundAccount> fund_account_list(const std::string& code) {
  using book::AccountType;
  const FundAccounts a = fund_accounts(code);
  return {{a.cash, AccountType::kAsset},        {a.received, AccountType::kEquity},
          {a.committed, AccountType::kEquity},  {a.offset, AccountType::kEquity},
          {a.paid_cash, AccountType::kExpense}, {a.paid_in_kind, AccountType::kExpense},
          {a.returned, AccountType::kExpense}};
}

Status check_budget(const std::vector<store::BudgetLineRow>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string field = "--budget " + std::to_string(i + 1);
    SEMILLA_TRY(check_name(lines[i].category, field));
    if (lines[i].amount_minor <= 0) {
      return make_error(ErrorCode::kInvalid, field, tr("amount must be greater than zero"));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (lines[j].category == lines[i].category) {
        return make_error(ErrorCode::kAlreadyExists, field,
                          trf("category {category} is budgeted twice",
                              {{"category", lines[i].category}}));
      }
    }
  }
  return Status::Ok();
}

Status check_fund_row(const store::FundRow& f) {
  SEMILLA_TRY(check_code(f.code, "CODE"));
  SEMILLA_TRY(check_text(f.donor, "--donor", limits::kNameBytesMax, false));
  auto currency = money::Currency::find(f.currency, "--currency");
  if (!currency.ok()) return currency.error();
  if (currency->code() != f.currency) {
    return make_error(ErrorCode::kInvalid, "--currency", f.currency + " is not a currency code");
  }
  if (f.start && f.end && *f.end < *f.start) {
    return make_error(ErrorCode::kInvalid, "--to",
                      trf("{end} is before --from {start}",
                          {{"end", f.end->to_string()}, {"start", f.start->to_string()}}));
  }
  SEMILLA_TRY(check_budget(f.budget));
  // The command stores the lines by category: a record in another order is another byte
  // string for the same fund, which no command writes.
  const bool ordered =
      std::is_sorted(f.budget.begin(), f.budget.end(),
                     [](const auto& a, const auto& b) { return a.category < b.category; });
  if (!ordered) return make_error(ErrorCode::kInvalid, "--budget", tr("not in category order"));
  return Status::Ok();
}

Status check_collective(const std::string& id, const book::Enterprise* e) {
  if (!e) return make_error(ErrorCode::kNotFound, "ID", trf("no enterprise \"{id}\"", {{"id",
      id}}));
  if (e->kind == "individual") {
    return refused("ID", id + " is an individual enterprise: it counts its owner");
  }
  return Status::Ok();
}

Status check_members(const store::MembersRow& m, const book::Enterprise* e,
                     std::span<const book::StatusName> statuses, int this_year) {
  for (auto [n, field] : {std::pair{m.female, "--female"}, std::pair{m.male, "--male"},
                          std::pair{m.other, "--other"}}) {
    if (n < 0 || n > kMembersMax) {
      return make_error(ErrorCode::kInvalid, field,
                        std::to_string(n) + " is not a number of people from 0 to " +
                            std::to_string(kMembersMax));
    }
  }
  if (m.female + m.male + m.other == 0) {
    return make_error(ErrorCode::kInvalid, "--female", tr("a collective enterprise has members"));
  }
  SEMILLA_TRY(check_collective(m.enterprise, e));
  for (std::size_t i = 0; i < m.people.size(); ++i) {
    const store::MemberPerson& p = m.people[i];
    const std::string field = "--member " + std::to_string(i + 1);
    SEMILLA_TRY(book::check_status_known(statuses, p.status, field));
    if (p.birth_year) SEMILLA_TRY(book::check_birth_year(*p.birth_year, this_year, field));
  }
  return Status::Ok();
}

Status check_milestone(const store::MilestoneRow& m, Date today, bool enterprise_exists) {
  SEMILLA_TRY(check_name(m.name, "NAME"));
  SEMILLA_TRY(check_not_after_today(m.day, today, "--date"));
  if (!enterprise_exists) {
    return make_error(ErrorCode::kNotFound, "ENTERPRISE",
                      trf("no enterprise \"{id}\"", {{"id", m.enterprise}}));
  }
  return Status::Ok();
}

const store::MilestoneNameRow* MilestoneNames::find(const std::string& name) const {
  auto it = defined_.find(name);
  return it == defined_.end() ? nullptr : &it->second;
}

std::vector<std::string> MilestoneNames::known() const {
  std::set<std::string> all(used_before_);
  for (const auto& [name, row] : defined_) all.insert(name);
  return {all.begin(), all.end()};
}

Status MilestoneNames::check_known(const std::string& name, const std::string& field) const {
  if (defined_.count(name) != 0 || used_before_.count(name) != 0) return Status::Ok();
  const std::vector<std::string> all = known();
  std::string message = trf("unknown milestone \"{name}\"", {{"name", name}});
  if (all.empty()) {
    message += tr(": no milestone names are defined yet");
  } else {
    message += did_you_mean(closest_names(name, all));
    if (all.size() <= 8) {
      std::string list;
      for (const auto& n : all) list += (list.empty() ? "" : ", ") + n;
      message += trf(" (known: {list})", {{"list", list}});
    }
  }
  return make_error(ErrorCode::kNotFound, field,
                    message + trf("; define it with `semilla milestone define {name} --label "
                                  "TEXT`, or see `semilla milestone names`",
                                  {{"name", name}}));
}

Status check_milestone_define(const store::MilestoneNameRow& m, const MilestoneNames& names) {
  SEMILLA_TRY(check_name(m.name, "NAME"));
  SEMILLA_TRY(check_text(m.label, "--label", limits::kNameBytesMax, false));
  if (const auto* before = names.find(m.name)) {
    return make_error(ErrorCode::kConflict, "NAME",
                      trf("milestone {name} is already defined as \"{label}\" (audit record "
                          "{record})",
                          {{"name", m.name}, {"label", before->label},
                           {"record", std::to_string(before->audit_seq)}}));
  }
  return Status::Ok();
}

Status check_commitment(const store::GrantRow& g, std::int64_t cash_minor,
                        std::int64_t committed_minor) {
  if (!g.over_commit) return Status::Ok();
  const money::MinorUnits available = money::MinorUnits(cash_minor) - committed_minor;
  const bool over = money::MinorUnits(g.total_minor) > available;
  const std::string& c = g.currency;
  if (over && g.over_commit->empty()) {
    const auto text = [&](const money::MinorUnits& m) {
      return money::Amount::from_minor(m, currency_of(c)).to_string() + " " + c;
    };
    return refused("--fund",
                   "fund " + g.fund + " can still commit " + text(available) + " (it holds " +
                       text(cash_minor) + ", of which " + text(committed_minor) +
                       " is committed to grants not yet paid), less than the award's " +
                       text(g.total_minor) +
                       "; receive the money first, or give --over-commit --reason TEXT to "
                       "award it anyway");
  }
  if (!over && !g.over_commit->empty()) {
    return refused("--over-commit", "the award is within what fund " + g.fund +
                                        " can still commit: it records no over-commit reason");
  }
  return Status::Ok();
}

store::SnapshotRow snapshot_of(const book::Enterprise& e,
                               const std::optional<store::MembersRow>& latest) {
  store::SnapshotRow s{
      e.kind, e.sex, e.birth_year, e.nationality, e.status, e.province, e.cohort, false, 0, 0, 0};
  if (e.kind != "individual" && latest) {
    s.members_known = true;
    s.female = latest->female;
    s.male = latest->male;
    s.other = latest->other;
  }
  return s;
}

Status check_award(const store::GrantRow& g, const store::FundRow* fund, Date today) {
  SEMILLA_TRY(check_identifier(g.id, "GRANT-ID", limits::kIdBytesMax));
  if (!fund) return make_error(ErrorCode::kNotFound, "--fund", trf("no fund {fund}", {{"fund",
      g.fund}}));
  if (g.currency != fund->currency) {
    return make_error(ErrorCode::kCurrencyMismatch, "--fund",
                      trf("the grant is in {currency}, but fund {fund} holds only {other}",
                          {{"currency", g.currency}, {"fund", fund->code},
                           {"other", fund->currency}}));
  }
  SEMILLA_TRY(check_not_after_today(g.day, today, "--date"));
  if (g.tranches.empty() || g.tranches.size() > kTranchesPerGrantMax) {
    return make_error(g.tranches.empty() ? ErrorCode::kUsage : ErrorCode::kLimitExceeded,
                      "--tranche",
                      trf("a grant has 1 to {max} tranches; {count} given",
                          {{"max", std::to_string(kTranchesPerGrantMax)},
                           {"count", std::to_string(g.tranches.size())}}));
  }
  std::int64_t total = 0;
  for (std::size_t i = 0; i < g.tranches.size(); ++i) {
    const std::string field = "--tranche " + std::to_string(i + 1);
    const auto& t = g.tranches[i];
    if (t.amount_minor <= 0) {
      return make_error(ErrorCode::kInvalid, field, tr("amount must be greater than zero"));
    }
    for (const auto& cond : t.conditions) SEMILLA_TRY(check_name(cond, field));
    if (t.amount_minor > std::numeric_limits<std::int64_t>::max() - total) {
      return make_error(ErrorCode::kLimitExceeded, "--tranche",
                        tr("the tranches add up to more than the book can store"));
    }
    total += t.amount_minor;
  }
  if (total != g.total_minor) {
    return make_error(ErrorCode::kInvalid, "--tranche",
                      trf("the tranches add up to {sum}, not {total}",
                          {{"sum", money_text(total, g.currency)},
                           {"total", money_text(g.total_minor, g.currency)}}));
  }
  return Status::Ok();
}

Status check_fund_money(const store::FundRow& f, Date day, std::int64_t at_day, std::int64_t now,
                        std::int64_t amount_minor, bool overridden, const FundUse& use) {
  if (overridden) return Status::Ok();
  const std::string anyway = "; give --override-reason to " + use.verb + " anyway";
  if ((f.start && day < *f.start) || (f.end && day > *f.end)) {
    return refused("--date", day.to_string() + " is outside fund " + f.code + "'s dates (" +
                                 opt_text(f.start) + " to " + opt_text(f.end) + ")" + anyway);
  }
  for (auto [balance, when] :
       {std::pair{at_day, " on " + day.to_string()}, std::pair{now, std::string(" now")}}) {
    if (balance < amount_minor) {
      return refused(use.field, "fund " + f.code + " holds " + money_text(balance, f.currency) +
                                    " " + f.currency + when + ", less than " + use.what + " " +
                                    money_text(amount_minor, f.currency) + anyway);
    }
  }
  return Status::Ok();
}

Status check_disburse_text(const std::string& in_kind, const std::string& supplier,
                           const std::string& override_reason) {
  if ((!in_kind.empty() || !supplier.empty()) && (in_kind.empty() || supplier.empty())) {
    return make_error(ErrorCode::kUsage, in_kind.empty() ? "--in-kind" : "--supplier",
                      tr("an in-kind disbursement needs both --in-kind and --supplier"));
  }
  SEMILLA_TRY(check_text(in_kind, "--in-kind", limits::kMemoBytesMax));
  SEMILLA_TRY(check_text(supplier, "--supplier", limits::kNameBytesMax));
  return check_text(override_reason, "--override-reason", limits::kReasonBytesMax);
}

Status check_disbursable(const GrantStatus& s, std::size_t i, Date day,
                         const std::vector<std::optional<Date>>& recorded) {
  if (s.cancelled) return refused("GRANT-ID", "grant " + s.grant.id + " is cancelled");
  if (day < s.grant.day) {
    return refused("--date",
                   day.to_string() + " is before the award (" + s.grant.day.to_string() + ")");
  }
  const auto& conditions = s.grant.tranches[i].conditions;
  for (std::size_t k = 0; k < conditions.size(); ++k) {
    const std::optional<Date> on = k < recorded.size() ? recorded[k] : std::nullopt;
    if (!on || *on > day) {
      return refused("--tranche",
                     "tranche " + std::to_string(i + 1) + " of grant " + s.grant.id +
                         " needs milestone " + conditions[k] + " of " + s.grant.enterprise +
                         (on ? ", recorded only on " + on->to_string() : ", not recorded yet") +
                         " (record it with `semilla milestone record`)");
    }
  }
  return Status::Ok();
}

Result<std::string> disburse_memo(const std::string& grant, std::size_t i,
                                  const std::string& in_kind, const std::string& supplier,
                                  bool again) {
  std::string memo = "Grant " + grant + ", tranche " + std::to_string(i + 1);
  if (again) memo += ", paid again";
  if (in_kind.empty()) return memo;
  memo += " in kind: " + in_kind + " (" + supplier + ")";
  if (memo.size() > limits::kMemoBytesMax) {
    return make_error(ErrorCode::kLimitExceeded, "--in-kind",
                      "with --supplier and the grant it makes a memo of " +
                          std::to_string(memo.size()) + " bytes; at most " +
                          std::to_string(limits::kMemoBytesMax) + " are allowed");
  }
  return memo;
}

Status check_payable_again(const GrantStatus& s, std::size_t i, const std::string& reason) {
  SEMILLA_TRY(check_text(reason, "--reason", limits::kReasonBytesMax, false));
  const std::string tranche = "tranche " + std::to_string(i + 1) + " of grant " + s.grant.id;
  if (!s.paid[i]) {
    return refused("--again", tranche + " was never paid: pay it without --again");
  }
  const std::int64_t returned = s.returned_minor - s.repaid_minor;
  const std::int64_t amount = s.grant.tranches[i].amount_minor;
  if (returned < amount) {
    const std::string& c = s.grant.currency;
    return refused("--again", tranche + " (" + money_text(amount, c) + " " + c +
                                  ") can be paid again only once returns cover it: returned " +
                                  money_text(s.returned_minor, c) + ", paid again " +
                                  money_text(s.repaid_minor, c));
  }
  return Status::Ok();
}

Status check_returnable(const GrantStatus& s, std::int64_t amount_minor) {
  const std::int64_t returnable = s.disbursed_minor - s.returned_minor;
  if (amount_minor <= returnable) return Status::Ok();
  const std::string& c = s.grant.currency;
  return refused("AMOUNT", "grant " + s.grant.id + " can return at most " +
                               money_text(returnable, c) + " " + c + " (disbursed " +
                               money_text(s.disbursed_minor, c) + ", returned " +
                               money_text(s.returned_minor, c) + ")");
}

Status check_cancellable(const GrantStatus& s, Date day) {
  if (s.cancelled) return refused("GRANT-ID", "grant " + s.grant.id + " is already cancelled");
  if (day < s.grant.day) {
    return refused("--date",
                   day.to_string() + " is before the award (" + s.grant.day.to_string() + ")");
  }
  return Status::Ok();
}

Status check_spend_category(const store::FundRow& f, const std::string& category) {
  if (category == kSeedCapitalCash || category == kSeedCapitalInKind) {
    return refused("CATEGORY", category + " is paid to enterprises with `semilla grant disburse`");
  }
  std::string categories;
  for (const auto& b : f.budget) {
    if (b.category == category) return Status::Ok();
    categories += (categories.empty() ? "" : ", ") + b.category;
  }
  return make_error(ErrorCode::kNotFound, "CATEGORY",
                    trf("fund {fund} has no budget line \"{category}\" (it has: {categories})",
                        {{"fund", f.code}, {"category", category},
                         {"categories",
                          categories.empty() ? std::string(tr("none")) : categories}}));
}

std::string receipt_memo(const std::string& fund) { return "Donor receipt, fund " + fund; }
std::string award_memo(const std::string& grant) {
  return "Grant " + grant + " awarded (commitment)";
}
std::string return_memo(const std::string& grant, const std::string& reason) {
  return "Grant " + grant + " returned: " + reason;
}
std::string cancel_memo(const std::string& grant) {
  return "Grant " + grant + " cancelled (commitment released)";
}

}  // namespace semilla::grants
