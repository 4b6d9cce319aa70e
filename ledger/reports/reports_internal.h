// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/reports: checks of the names and dates a query refers to, each adding
// its problem to a list so that a query reports all of them at once.
#pragma once

#include <optional>
#include <string>

#include "ledger/base/date.h"
#include "ledger/base/error.h"
#include "ledger/store/store.h"

namespace semilla::reports::internal {

// Nothing when `id` is empty or an enterprise; else kNotFound on `field` naming the closest
// enterprise ids.
void check_enterprise(store::Store& store, const std::string& id, const std::string& field,
                      Errors& errors);

// The date in `text` (nullopt when empty); a kInvalid error on `field` when it is not one.
std::optional<Date> optional_date(const std::string& text, const std::string& field,
                                  Errors& errors);

// kInvalid on "--to" when both dates are known and `to` is before `from`.
void check_period(const std::optional<Date>& from, const std::optional<Date>& to,
                  Errors& errors);

// Records a database failure (kEnvironment or damage) once and returns false.
template <typename R>
bool read_ok(const R& result, Errors& errors) {
  if (result.ok()) return true;
  errors.push_back(result.error());
  return false;
}

}  // namespace semilla::reports::internal
