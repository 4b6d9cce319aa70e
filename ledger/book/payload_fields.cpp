// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/payload_fields.h"

namespace semilla::book {

using nlohmann::json;

Error payload_error(std::string_view member, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, "payload/" + std::string(member), what);
}

Result<std::string> payload_string(const json& p, std::string_view member) {
  auto it = p.find(member);
  if (it == p.end() || !it->is_string()) return payload_error(member, "missing or not a string");
  return it->get<std::string>();
}

Result<std::optional<std::string>> payload_optional_string(const json& p,
                                                           std::string_view member) {
  auto it = p.find(member);
  if (it == p.end()) return payload_error(member, "missing");
  if (it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return payload_error(member, "not a string or null");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::int64_t> payload_integer(const json& p, std::string_view member) {
  auto it = p.find(member);
  if (it == p.end() || !it->is_number_integer()) {
    return payload_error(member, "missing or not an integer");
  }
  return it->get<std::int64_t>();
}

Result<std::optional<std::int64_t>> payload_optional_integer(const json& p,
                                                             std::string_view member) {
  auto it = p.find(member);
  if (it == p.end()) return payload_error(member, "missing");
  if (it->is_null()) return std::optional<std::int64_t>();
  auto v = payload_integer(p, member);
  if (!v.ok()) return v.error();
  return std::optional<std::int64_t>(*v);
}

Result<Date> payload_date(const json& p, std::string_view member) {
  auto text = payload_string(p, member);
  if (!text.ok()) return text.error();
  auto d = Date::parse(*text, member);
  if (!d.ok()) return payload_error(member, d.error().message);
  return *d;
}

Result<std::optional<Date>> payload_optional_date(const json& p, std::string_view member) {
  auto it = p.find(member);
  if (it == p.end()) return payload_error(member, "missing");
  if (it->is_null()) return std::optional<Date>();
  auto d = payload_date(p, member);
  if (!d.ok()) return d.error();
  return std::optional<Date>(*d);
}

Result<money::Amount> payload_amount(const json& p, std::string_view member,
                                     money::Currency currency) {
  auto text = payload_string(p, member);
  if (!text.ok()) return text.error();
  auto a = money::Amount::parse(*text, currency, member);
  if (!a.ok()) return payload_error(member, a.error().message);
  return *a;
}

}  // namespace semilla::book
