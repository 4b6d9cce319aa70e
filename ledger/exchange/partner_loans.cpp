// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/partner_loans.h"

#include <map>
#include <set>
#include <utility>

#include "audit/canonical_json.h"
#include "ledger/base/limits.h"
#include "ledger/base/text.h"

namespace semilla::exchange {
namespace {

using nlohmann::json;

constexpr const char* kAmountMembers[] = {"arrears", "outstanding_principal", "next_due_amount"};
// Integer members and their least value.
constexpr std::pair<const char*, int> kCountMembers[] = {
    {"installments", 1}, {"installment", 1}, {"days_past_due", 0}};
const std::set<std::string, std::less<>> kStatuses = {"open", "active", "closed",
                                                      "written-off", "cancelled"};

Error invalid(const std::string& field, const std::string& what) {
  return make_error(ErrorCode::kInvalid, field, what);
}

bool is_string(const json& item, const char* key) {
  return item.contains(key) && item.at(key).is_string();
}

// A string member, or "" after recording why it is missing or mistyped.
std::string text_member(const json& item, const char* key, const std::string& at,
                        Errors& errors) {
  if (is_string(item, key)) return item.at(key).get<std::string>();
  errors.push_back(invalid(at + "/" + key, item.contains(key) ? "must be a string"
                                                              : "missing required member"));
  return "";
}

}  // namespace

Errors check_loan_position(const json& item, const std::string& at, bool canonical) {
  Errors errors;
  if (!item.is_object()) return {invalid(at, "must be an object")};
  static const std::set<std::string, std::less<>> kKnown = {
      "loan_id", "account", "currency", "status", "installments", "installment",
      "next_due_date", "next_due_amount", "outstanding_principal", "days_past_due", "arrears"};
  for (const auto& [key, value] : item.items()) {
    if (!kKnown.contains(key)) errors.push_back(invalid(at + "/" + key, "unknown member"));
  }
  const std::string id = text_member(item, "loan_id", at, errors);
  if (!id.empty()) {
    if (auto s = check_identifier(id, at + "/loan_id", limits::kIdBytesMax); !s.ok()) {
      errors.push_back(s.error());
    }
  }
  const std::string account = text_member(item, "account", at, errors);
  if (is_string(item, "account") && (account.empty() || account.size() > 200)) {
    errors.push_back(invalid(at + "/account", "must hold 1 to 200 characters"));
  }
  const std::string status = text_member(item, "status", at, errors);
  if (is_string(item, "status") && !kStatuses.contains(status)) {
    errors.push_back(invalid(at + "/status", "\"" + status + "\" is none of open, active, "
                                             "closed, written-off, cancelled"));
  }
  for (const auto& [key, least] : kCountMembers) {
    if (!item.contains(key)) continue;
    const json& v = item.at(key);
    if (!v.is_number_integer() || v.get<std::int64_t>() < least) {
      errors.push_back(invalid(at + "/" + key, "must be an integer of at least " +
                                                   std::to_string(least)));
    }
  }
  if (item.contains("next_due_date")) {
    if (!item.at("next_due_date").is_string()) {
      errors.push_back(invalid(at + "/next_due_date", "must be a date string"));
    } else if (auto d = Date::parse(item.at("next_due_date").get<std::string>(),
                                    at + "/next_due_date");
               !d.ok()) {
      errors.push_back(d.error());
    }
  }
  const std::string code = text_member(item, "currency", at, errors);
  if (!is_string(item, "currency")) return errors;
  auto currency = money::Currency::find(code, at + "/currency");
  if (!currency.ok()) {
    errors.push_back(currency.error());
    return errors;
  }
  for (const char* key : kAmountMembers) {
    if (!item.contains(key)) continue;
    const std::string field = at + "/" + key;
    if (!item.at(key).is_string()) {
      errors.push_back(invalid(field, "must be an amount string"));
      continue;
    }
    const auto text = item.at(key).get<std::string>();
    auto a = canonical ? money::Amount::parse_canonical(text, *currency, field)
                       : money::Amount::parse(text, *currency, field);
    if (!a.ok()) {
      errors.push_back(a.error());
    } else if (a->is_negative()) {
      errors.push_back(invalid(field, "must not be negative"));
    }
  }
  return errors;
}

json canonical_position(const json& item) {
  json out = item;
  const auto currency = money::Currency::find(item.at("currency").get<std::string>());
  for (const char* key : kAmountMembers) {
    if (!item.contains(key) || !currency.ok()) continue;
    auto a = money::Amount::parse(item.at(key).get<std::string>(), *currency);
    if (a.ok()) out[key] = a->to_string();
  }
  return out;
}

Result<bool> StorePartnerLoanState::has_enterprise(const std::string& id) {
  auto e = store_.find_enterprise(id);
  if (!e.ok()) return e.error();
  return e->has_value();
}

Result<std::optional<store::PartnerLoanRow>> StorePartnerLoanState::position(
    std::string_view issuer, std::string_view loan_id, Date as_of) {
  return store_.partner_loans().find_partner_loan(issuer, loan_id, as_of);
}

Result<std::optional<store::PartnerLoanRow>> StorePartnerLoanState::first(
    std::string_view issuer, std::string_view loan_id) {
  return store_.partner_loans().first_partner_loan(issuer, loan_id);
}

namespace {

// The payload's members other than loans: exactly these, each sound. `from` and `to` are
// returned when they are dates.
Errors check_header(const json& p, Date today, std::optional<Date>& to) {
  Errors errors;
  static const std::set<std::string, std::less<>> kKnown = {
      "issuer", "statement", "enterprise", "from", "to", "signer", "loans"};
  for (const auto& [key, value] : p.items()) {
    if (!kKnown.contains(key)) errors.push_back(invalid("/" + key, "unknown member"));
  }
  for (const char* key : {"issuer", "statement", "enterprise"}) {
    const std::string v = text_member(p, key, "", errors);
    if (!is_string(p, key)) continue;
    if (auto s = check_identifier(v, std::string("/") + key, limits::kIdBytesMax); !s.ok()) {
      errors.push_back(s.error());
    }
  }
  const std::string signer = text_member(p, "signer", "", errors);
  if (is_string(p, "signer") && (signer.empty() || signer.size() > 200)) {
    errors.push_back(invalid("/signer", "must hold 1 to 200 characters"));
  }
  std::optional<Date> from;
  for (const char* key : {"from", "to"}) {
    const std::string v = text_member(p, key, "", errors);
    if (!is_string(p, key)) continue;
    auto d = Date::parse(v, std::string("/") + key);
    if (!d.ok()) {
      errors.push_back(d.error());
    } else {
      (key[0] == 'f' ? from : to) = *d;
    }
  }
  if (from && to && *to < *from) errors.push_back(invalid("/to", "is before /from"));
  if (to && today < *to) {
    errors.push_back(invalid("/to", to->to_string() + " is after the day of the import, " +
                                        today.to_string()));
  }
  if (!p.contains("loans") || !p.at("loans").is_array()) {
    errors.push_back(invalid("/loans", "must be an array"));
  }
  return errors;
}

}  // namespace

Result<std::vector<store::PartnerLoanRow>, Errors> apply_statement_import(
    PartnerLoanState& state, const json& payload, Date today) {
  if (!payload.is_object()) return Errors{invalid("", "the payload must be an object")};
  std::optional<Date> to;
  Errors errors = check_header(payload, today, to);
  if (!errors.empty()) return errors;
  const std::string issuer = payload.at("issuer").get<std::string>();
  const std::string enterprise = payload.at("enterprise").get<std::string>();
  auto known = state.has_enterprise(enterprise);
  if (!known.ok()) return Errors{known.error()};
  if (!*known) {
    return Errors{make_error(ErrorCode::kNotFound, "/enterprise",
                             "no enterprise \"" + enterprise + "\" in this book")};
  }
  const json& loans = payload.at("loans");
  std::vector<store::PartnerLoanRow> rows;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < loans.size(); ++i) {
    const std::string at = "/loans/" + std::to_string(i);
    Errors item = check_loan_position(loans[i], at, /*canonical=*/true);
    if (!item.empty()) {
      errors.insert(errors.end(), item.begin(), item.end());
      continue;
    }
    const std::string id = loans[i].at("loan_id").get<std::string>();
    if (!seen.insert(id).second) {
      errors.push_back(invalid(at + "/loan_id", "loan " + id + " is listed twice"));
      continue;
    }
    auto bytes = audit::canonical_json(loans[i]);
    if (!bytes.ok()) return Errors{bytes.error()};
    store::PartnerLoanRow row{issuer, id, *to, enterprise,
                              loans[i].at("currency").get<std::string>(),
                              loans[i].at("status").get<std::string>(), *bytes, 0};
    auto first = state.first(issuer, id);
    if (!first.ok()) return Errors{first.error()};
    if (first->has_value() &&
        ((*first)->enterprise != row.enterprise || (*first)->currency != row.currency)) {
      errors.push_back(make_error(
          ErrorCode::kConflict, at + "/loan_id",
          issuer + "'s loan " + id + " was recorded for enterprise " + (*first)->enterprise +
              " in " + (*first)->currency + " (audit record " +
              std::to_string((*first)->audit_seq) + "), not for " + row.enterprise + " in " +
              row.currency));
      continue;
    }
    auto same_day = state.position(issuer, id, *to);
    if (!same_day.ok()) return Errors{same_day.error()};
    if (!same_day->has_value()) {
      rows.push_back(std::move(row));
    } else if ((*same_day)->position != row.position || (*same_day)->status != row.status) {
      errors.push_back(make_error(
          ErrorCode::kConflict, at,
          issuer + "'s loan " + id + " as of " + to->to_string() +
              " was recorded with another position (audit record " +
              std::to_string((*same_day)->audit_seq) + "): " + (*same_day)->position));
    }
  }
  if (!errors.empty()) return errors;
  return rows;
}

Result<std::vector<PartnerPortfolio>> partner_portfolio(store::Store& store, Date as_of) {
  auto rows = store.partner_loans().partner_loans_as_of(as_of);
  if (!rows.ok()) return rows.error();
  std::map<std::pair<std::string, std::string>, std::vector<PartnerLoan>> groups;
  for (auto& row : *rows) {
    auto currency = money::Currency::find(row.currency);
    if (!currency.ok()) return currency.error();
    const json item = json::parse(row.position);
    PartnerLoan loan{row, item.value("days_past_due", std::int64_t{0}), std::nullopt,
                     std::nullopt};
    for (auto [key, target] : {std::pair{"arrears", &loan.arrears},
                               std::pair{"outstanding_principal", &loan.outstanding_principal}}) {
      if (!item.contains(key)) continue;
      auto a = money::Amount::parse(item.at(key).get<std::string>(), *currency, key);
      if (!a.ok()) return a.error();
      *target = *a;
    }
    groups[{row.issuer, row.currency}].push_back(std::move(loan));
  }
  std::vector<PartnerPortfolio> out;
  for (auto& [key, list] : groups) {
    const auto currency = *money::Currency::find(key.second);
    std::vector<loans::LoanArrears> at_risk;
    std::size_t written_off = 0;
    for (const auto& l : list) {
      if (l.row.status == "written-off") ++written_off;
      if (l.row.status != "active" && l.row.status != "closed") continue;
      // The statement gives arrears as one sum; PAR reads only its total.
      auto overdue = loans::Components::zero(currency);
      overdue.principal = l.arrears.value_or(money::Amount::zero(currency));
      at_risk.push_back({l.days_past_due, std::nullopt, overdue,
                         l.outstanding_principal.value_or(money::Amount::zero(currency))});
    }
    auto arrears = loans::portfolio_arrears(at_risk, currency);
    if (!arrears.ok()) return arrears.error();
    out.push_back({key.first, currency, *arrears, written_off, std::move(list)});
  }
  return out;
}

}  // namespace semilla::exchange
