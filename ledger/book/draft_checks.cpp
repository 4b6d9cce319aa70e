// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/draft_checks.h"

#include <charconv>
#include <optional>

#include "ledger/base/lang.h"
#include "ledger/base/limits.h"
#include "ledger/base/suggest.h"
#include "ledger/base/text.h"
#include "ledger/book/fields.h"
#include "ledger/book/rules.h"

namespace semilla::book {
namespace {

void add(Errors& errors, const Status& s) {
  if (!s.ok()) errors.push_back(s.error());
}

}  // namespace

Result<std::optional<int>> parse_birth_year(const std::string& text, int this_year) {
  if (text.empty()) return std::optional<int>();
  int year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || end != text.data() + text.size() || text.size() != 4) {
    return make_error(ErrorCode::kInvalid, "--birth-year",
                      trf("\"{value}\" is not a four-digit year", {{"value", text}}));
  }
  SEMILLA_TRY(check_birth_year(year, this_year, "--birth-year"));
  return std::optional<int>(year);
}

Errors enterprise_draft_problems(store::Store& store, const EnterpriseDraft& d, int this_year) {
  Errors errors;
  const auto id = check_identifier(d.id, "ID", limits::kIdBytesMax);
  add(errors, id);
  add(errors, check_text(d.name, "--name", limits::kNameBytesMax));
  add(errors, check_enterprise_kind(d.kind.empty() ? "individual" : d.kind, "--kind"));
  add(errors, check_sex(d.sex, "--sex"));
  if (auto status = check_migration_status(d.status, "--status"); !status.ok()) {
    errors.push_back(status.error());
  } else if (!d.status.empty()) {
    auto defined = store.list_status_names();
    if (!defined.ok()) return Errors{defined.error()};
    add(errors, check_status_known(*defined, d.status, "--status"));
  }
  add(errors, check_nationality(d.nationality, "--nationality"));
  add(errors, check_attribute(d.province, "--province"));
  add(errors, check_attribute(d.cohort, "--cohort"));
  if (auto birth = parse_birth_year(d.birth_year, this_year); !birth.ok()) {
    errors.push_back(birth.error());
  }
  if (id.ok()) {
    auto existing = store.find_enterprise(d.id);
    if (!existing.ok()) {
      errors.push_back(existing.error());
    } else if (existing->has_value()) {
      errors.push_back(make_error(ErrorCode::kAlreadyExists, "ID",
                                  trf("enterprise \"{id}\" already exists", {{"id", d.id}})));
    }
  }
  return errors;
}

Errors account_draft_problems(store::Store& store, const AccountDraft& d) {
  Errors errors;
  add(errors, check_account_name(d.name, "NAME"));
  if (auto t = parse_account_type(d.type, "--type"); !t.ok()) errors.push_back(t.error());
  if (!d.currency.empty()) {
    if (auto c = money::Currency::find(d.currency, "--currency"); !c.ok()) {
      errors.push_back(c.error());
    }
  }
  if (!d.enterprise.empty()) {
    auto e = store.find_enterprise(d.enterprise);
    if (!e.ok()) {
      errors.push_back(e.error());
    } else if (!e->has_value()) {
      errors.push_back(make_error(ErrorCode::kNotFound, "--enterprise",
                                  trf("no enterprise \"{id}\"", {{"id", d.enterprise}})));
    }
  }
  return errors;
}

Errors reverse_draft_problems(store::Store& store, const std::string& id,
                              const std::string& date, const std::string& reason) {
  Errors errors;
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), n);
  if (ec != std::errc() || end != id.data() + id.size() || n <= 0) {
    errors.push_back(make_error(ErrorCode::kInvalid, "TXN-ID",
                                trf("\"{value}\" is not a transaction number", {{"value", id}})));
  } else {
    auto t = store.find_transaction(n);
    if (!t.ok()) return Errors{t.error()};
    if (!t->has_value()) {
      errors.push_back(
          make_error(ErrorCode::kNotFound, "TXN-ID", trf("no transaction {id}", {{"id", id}})));
    }
  }
  if (auto d = Date::parse(date, "--date"); !d.ok()) errors.push_back(d.error());
  add(errors, check_text(reason, "--reason", limits::kReasonBytesMax, false));
  return errors;
}

Errors statement_period_problems(store::Store& store, const std::string& enterprise,
                                 const std::string& from, const std::string& to) {
  Errors errors;
  auto e = store.find_enterprise(enterprise);
  if (!e.ok()) return Errors{e.error()};
  if (!e->has_value()) {
    std::vector<std::string> ids;
    if (auto all = store.list_enterprises(); all.ok()) {
      for (const auto& x : *all) ids.push_back(x.id);
    }
    errors.push_back(make_error(ErrorCode::kNotFound, "ENTERPRISE-ID",
                                trf("no enterprise \"{id}\"", {{"id", enterprise}}) +
                                    did_you_mean(closest_names(enterprise, ids))));
  }
  // An empty date is the default; a bad one is a problem; a good one is compared below.
  auto date = [&errors](const std::string& text, const char* field) -> std::optional<Date> {
    if (text.empty()) return std::nullopt;
    auto d = Date::parse(text, field);
    if (d.ok()) return *d;
    errors.push_back(d.error());
    return std::nullopt;
  };
  const std::optional<Date> start = date(from, "--from"), end = date(to, "--to");
  if (start && end && *end < *start) {
    errors.push_back(make_error(ErrorCode::kInvalid, "--to",
                                trf("the period ends ({end}) before it starts ({start})",
                                    {{"end", end->to_string()}, {"start", start->to_string()}})));
  }
  return errors;
}

}  // namespace semilla::book
