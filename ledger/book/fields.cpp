// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/fields.h"

#include <initializer_list>
#include <string>
#include <vector>

#include "ledger/base/country.h"
#include "ledger/base/limits.h"
#include "ledger/base/text.h"

namespace semilla::book {
namespace {

Error invalid(std::string_view field, const std::string& message) {
  return make_error(ErrorCode::kInvalid, std::string(field), message);
}

// `value` is one of `allowed` (or empty when `allow_empty`).
Status check_choice(std::string_view value, std::string_view field,
                    std::initializer_list<std::string_view> allowed, bool allow_empty) {
  if (value.empty() && allow_empty) return Status::Ok();
  for (auto a : allowed) {
    if (a == value) return Status::Ok();
  }
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return invalid(field, "\"" + std::string(value) + "\" is not one of " + list);
}

}  // namespace

Status check_account_name(std::string_view name, std::string_view field) {
  SEMILLA_TRY(check_text(name, field, limits::kAccountNameBytesMax, false));
  std::size_t depth = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = name.find(':', start);
    const std::string_view segment =
        name.substr(start, (end == std::string_view::npos ? name.size() : end) - start);
    ++depth;
    if (segment.empty() || segment.front() == ' ' || segment.back() == ' ') {
      return invalid(field, "\"" + std::string(name) +
                                "\": each part between ':' must be non-empty, without "
                                "leading or trailing spaces");
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (depth > limits::kAccountDepthMax) {
    return make_error(ErrorCode::kLimitExceeded, std::string(field),
                      "\"" + std::string(name) + "\" has " + std::to_string(depth) +
                          " levels; at most " + std::to_string(limits::kAccountDepthMax) +
                          " are allowed");
  }
  return Status::Ok();
}

Status check_enterprise_kind(std::string_view kind, std::string_view field) {
  return check_choice(kind, field, {"individual", "family", "association", "cooperative"},
                      false);
}

Status check_sex(std::string_view sex, std::string_view field) {
  return check_choice(sex, field, {"female", "male", "other"}, true);
}

// The categories of the regional R4V platform and UNHCR's population statistics, in the
// words donors' reports use; "other" for a person none of them describes.
const std::vector<std::string>& builtin_statuses() {
  static const std::vector<std::string> kBuiltin = {
      "migrant", "refugee", "asylum-seeker", "irregular", "returnee", "host", "stateless",
      "other"};
  return kBuiltin;
}

bool is_builtin_status(std::string_view status) {
  for (const auto& b : builtin_statuses()) {
    if (b == status) return true;
  }
  return false;
}

Status check_status_name(std::string_view name, std::string_view field) {
  const bool shape = !name.empty() && name.size() <= limits::kStatusNameBytesMax &&
                     name.front() >= 'a' && name.front() <= 'z' && name.back() != '-';
  bool chars = true;
  for (char c : name) {
    chars = chars && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (shape && chars) return Status::Ok();
  return invalid(field, "\"" + std::string(name) + "\" is not a status name: 1 to " +
                            std::to_string(limits::kStatusNameBytesMax) +
                            " lower-case letters, digits and '-', starting with a letter "
                            "(\"displaced\", \"deported-2024\")");
}

Status check_migration_status(std::string_view status, std::string_view field) {
  if (status.empty() || is_builtin_status(status)) return Status::Ok();
  return check_status_name(status, field);
}

Status check_nationality(std::string_view code, std::string_view field) {
  if (code.empty() || is_country_code(code)) return Status::Ok();
  return invalid(field, "\"" + std::string(code) +
                            "\" is not an ISO 3166-1 alpha-2 code such as VE, CO or EC "
                            "(XX: stateless or unknown)");
}

Status check_attribute(std::string_view text, std::string_view field) {
  return check_text(text, field, limits::kAttributeBytesMax);
}

Status check_birth_year(std::int64_t year, int this_year, std::string_view field) {
  if (year >= limits::kYearMin && year <= this_year) return Status::Ok();
  return invalid(field, std::to_string(year) + " is not between " +
                            std::to_string(limits::kYearMin) + " and " +
                            std::to_string(this_year));
}

Status check_book_name(std::string_view name, std::string_view field) {
  return check_text(name, field, limits::kNameBytesMax);
}

}  // namespace semilla::book
