// SPDX-License-Identifier: Apache-2.0
#include "ledger/base/suggest.h"
#include "ledger/reports/reports_internal.h"

namespace semilla::reports::internal {

void check_enterprise(store::Store& store, const std::string& id, const std::string& field,
                      Errors& errors) {
  if (id.empty()) return;
  auto found = store.find_enterprise(id);
  if (!read_ok(found, errors) || found->has_value()) return;
  std::vector<std::string> ids;
  if (auto all = store.list_enterprises(); all.ok()) {
    for (const auto& e : *all) ids.push_back(e.id);
  }
  errors.push_back(make_error(ErrorCode::kNotFound, field,
                              "no enterprise \"" + id + "\"" +
                                  did_you_mean(closest_names(id, ids))));
}

std::optional<Date> optional_date(const std::string& text, const std::string& field,
                                  Errors& errors) {
  if (text.empty()) return std::nullopt;
  auto d = Date::parse(text, field);
  if (!d.ok()) {
    errors.push_back(d.error());
    return std::nullopt;
  }
  return *d;
}

void check_period(const std::optional<Date>& from, const std::optional<Date>& to,
                  Errors& errors) {
  if (from && to && *to < *from) {
    errors.push_back(make_error(ErrorCode::kInvalid, "--to",
                                "the period ends (" + to->to_string() + ") before it starts (" +
                                    from->to_string() + ")"));
  }
}

}  // namespace semilla::reports::internal
