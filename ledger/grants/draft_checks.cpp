// SPDX-License-Identifier: Apache-2.0
// Every problem of a fund, grant or milestone command's input at once (grants.h): the rules
// the operations apply, run over all of a draft's fields instead of stopping at the first.
#include <limits>

#include "ledger/base/limits.h"
#include "ledger/base/lang.h"
#include "ledger/base/text.h"
#include "ledger/grants/grant_rules.h"
#include "ledger/grants/grants.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {
namespace {

void add(Errors& errors, const Status& s) {
  if (!s.ok()) errors.push_back(s.error());
}

// The fund `code`, or a problem on `field`.
std::optional<store::FundRow> fund_of(store::Store& store, const std::string& code,
                                      const std::string& field, Errors& errors) {
  auto f = store.grants().find_fund(code);
  if (!f.ok()) {
    errors.push_back(f.error());
  } else if (!f->has_value()) {
    errors.push_back(make_error(ErrorCode::kNotFound, field,
                                trf("no fund \"{fund}\" (add it with `semilla fund add`)",
                                    {{"fund", code}})));
  } else {
    return **f;
  }
  return std::nullopt;
}

void need_enterprise(store::Store& store, const std::string& id, const std::string& field,
                     Errors& errors) {
  auto e = store.find_enterprise(id);
  if (!e.ok()) {
    errors.push_back(e.error());
  } else if (!e->has_value()) {
    errors.push_back(
        make_error(ErrorCode::kNotFound, field, trf("no enterprise \"{id}\"", {{"id", id}})));
  }
}

// A date not after today (none given means today, as event_date reads it).
void check_date(const std::string& text, Date today, const std::string& field,
                Errors& errors) {
  if (auto d = event_date(text, today, field); !d.ok()) errors.push_back(d.error());
}

// The tranches of an award in the fund's currency, each with its conditions known; nullopt
// when one has a problem. Without a fund (itself a problem) they cannot be read.
std::optional<std::vector<store::TrancheRow>> award_tranches(
    store::Store& store, const AwardDraft& d, const std::optional<store::FundRow>& fund,
    Errors& errors) {
  if (d.tranches.empty() || d.tranches.size() > kTranchesPerGrantMax) {
    errors.push_back(make_error(
        d.tranches.empty() ? ErrorCode::kUsage : ErrorCode::kLimitExceeded, "--tranche",
        trf("a grant has 1 to {max} tranches; {count} given",
            {{"max", std::to_string(kTranchesPerGrantMax)},
             {"count", std::to_string(d.tranches.size())}})));
    return std::nullopt;
  }
  if (!fund) return std::nullopt;
  std::vector<store::TrancheRow> out;
  const std::size_t before = errors.size();
  for (std::size_t i = 0; i < d.tranches.size(); ++i) {
    const std::string field = "--tranche " + std::to_string(i + 1);
    auto t = parse_tranche(d.tranches[i], fund->currency, field);
    if (!t.ok()) {
      errors.push_back(t.error());
      continue;
    }
    for (const auto& cond : t->conditions) {
      add(errors, check_milestone_known(store, cond, field));
    }
    out.push_back(std::move(*t));
  }
  if (errors.size() != before) return std::nullopt;
  return out;
}

}  // namespace

Errors award_problems(book::Book& book, const AwardDraft& d) {
  Errors errors;
  store::Store& store = book.store();
  auto today = book.today();
  if (!today.ok()) return {today.error()};
  const Status id = check_identifier(d.id, "GRANT-ID", limits::kIdBytesMax);
  add(errors, id);
  if (id.ok()) {
    auto g = store.grants().find_grant(d.id);
    if (!g.ok()) return {g.error()};
    if (g->has_value()) {
      errors.push_back(make_error(ErrorCode::kAlreadyExists, "GRANT-ID",
                                  trf("grant {grant} already exists", {{"grant", d.id}})));
    }
  }
  need_enterprise(store, d.enterprise, "--enterprise", errors);
  const auto fund = fund_of(store, d.fund, "--fund", errors);
  check_date(d.date, *today, "--date", errors);
  if (!d.over_commit_reason.empty()) {
    add(errors, check_text(d.over_commit_reason, "--reason", limits::kReasonBytesMax, false));
  }
  auto tranches = award_tranches(store, d, fund, errors);
  if (!tranches || !errors.empty()) return errors;
  // Every field is right: what remains is whether the fund can commit it.
  store::GrantRow g{d.id, d.enterprise, d.fund, fund->currency, 0, std::move(*tranches),
                    *today, 0, std::nullopt};
  for (const auto& t : g.tranches) {
    if (t.amount_minor > std::numeric_limits<std::int64_t>::max() - g.total_minor) return errors;
    g.total_minor += t.amount_minor;
  }
  add(errors, check_award_state(store, g, d.over_commit_reason));
  return errors;
}

Errors fund_problems(book::Book& book, const FundDraft& d) {
  Errors errors;
  const Status code = check_code(d.code, "CODE");
  add(errors, code);
  add(errors, check_text(d.donor, "--donor", limits::kNameBytesMax, false));
  auto currency = money::Currency::find(d.currency, "--currency");
  if (!currency.ok()) errors.push_back(currency.error());
  std::optional<Date> from, to;
  for (auto [text, field, out] : {std::tuple{&d.from, "--from", &from},
                                  std::tuple{&d.to, "--to", &to}}) {
    if (text->empty()) continue;
    auto day = Date::parse(*text, field);
    if (day.ok()) {
      *out = *day;
    } else {
      errors.push_back(day.error());
    }
  }
  if (from && to && *to < *from) {
    errors.push_back(make_error(ErrorCode::kInvalid, "--to",
                                trf("{end} is before --from {start}",
                                    {{"end", to->to_string()}, {"start", from->to_string()}})));
  }
  std::vector<store::BudgetLineRow> lines;
  for (std::size_t i = 0; i < d.budget.size(); ++i) {
    const std::string field = "--budget " + std::to_string(i + 1);
    const auto eq = d.budget[i].find('=');
    if (eq == std::string::npos) {
      errors.push_back(make_error(ErrorCode::kUsage, field,
                                  trf("\"{value}\" is not CATEGORY=AMOUNT",
                                      {{"value", d.budget[i]}})));
      continue;
    }
    const std::string category = d.budget[i].substr(0, eq);
    const Status name = check_name(category, field);
    add(errors, name);
    if (currency.ok()) {
      auto minor = parse_positive(d.budget[i].substr(eq + 1), std::string(currency->code()),
                                  field);
      if (!minor.ok()) errors.push_back(minor.error());
    }
    if (!name.ok()) continue;
    for (const auto& l : lines) {
      if (l.category == category) {
        errors.push_back(make_error(ErrorCode::kAlreadyExists, field,
                                    trf("category {category} is budgeted twice",
                                        {{"category", category}})));
      }
    }
    lines.push_back({category, 1});
  }
  if (code.ok()) {
    auto f = book.store().grants().find_fund(d.code);
    if (!f.ok()) return {f.error()};
    if (f->has_value()) {
      errors.push_back(make_error(ErrorCode::kAlreadyExists, "CODE",
                                  "fund " + d.code + " already exists"));
    }
  }
  return errors;
}

Errors receive_problems(book::Book& book, const ReceiveDraft& d) {
  Errors errors;
  auto today = book.today();
  if (!today.ok()) return {today.error()};
  const auto fund = fund_of(book.store(), d.fund, "CODE", errors);
  if (fund) {
    if (auto m = parse_positive(d.amount, fund->currency, "AMOUNT"); !m.ok()) {
      errors.push_back(m.error());
    }
  }
  check_date(d.date, *today, "--date", errors);
  return errors;
}

Errors disburse_problems(book::Book& book, const DisburseDraft& d) {
  Errors errors;
  auto today = book.today();
  if (!today.ok()) return {today.error()};
  add(errors, check_disburse_text(d.in_kind, d.supplier, d.override_reason));
  auto g = book.store().grants().find_grant(d.grant);
  if (!g.ok()) return {g.error()};
  if (!g->has_value()) {
    errors.push_back(make_error(ErrorCode::kNotFound, "GRANT-ID", "no grant " + d.grant));
  } else {
    auto i = tranche_index(d.grant, (*g)->tranches.size(), d.tranche);
    if (!i.ok()) errors.push_back(i.error());
  }
  check_date(d.date, *today, "--date", errors);
  return errors;
}

Errors milestone_problems(book::Book& book, const std::string& enterprise,
                          const std::string& name, const std::string& date) {
  Errors errors;
  auto today = book.today();
  if (!today.ok()) return {today.error()};
  need_enterprise(book.store(), enterprise, "ENTERPRISE", errors);
  const Status valid = check_name(name, "NAME");
  add(errors, valid);
  if (valid.ok()) add(errors, check_milestone_known(book.store(), name, "NAME"));
  check_date(date, *today, "--date", errors);
  return errors;
}

}  // namespace semilla::grants
