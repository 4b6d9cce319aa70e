// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/payload_fields.h"

#include "ledger/base/limits.h"
#include "ledger/base/text.h"

namespace semilla::book {

using nlohmann::json;

Error payload_error(std::string_view member, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, "payload/" + std::string(member), what);
}

Error payload_nested(std::string_view path, const Error& e) {
  constexpr std::string_view kPrefix = "payload/";
  std::string_view member = e.field;
  if (member.substr(0, kPrefix.size()) == kPrefix) member.remove_prefix(kPrefix.size());
  if (member.empty()) return payload_error(path, e.message);
  return payload_error(std::string(path) + "/" + std::string(member), e.message);
}

Status payload_check(Status checked, std::string_view member) {
  if (checked.ok()) return checked;
  return payload_error(member, checked.error().message);
}

Status payload_members(const json& p, std::initializer_list<std::string_view> members,
                       std::string_view path) {
  return payload_members(p, std::span<const std::string_view>(members.begin(), members.size()),
                         path);
}

Status payload_members(const json& p, std::span<const std::string_view> members,
                       std::string_view path) {
  if (!p.is_object()) return payload_error(path, "not an object");
  for (const auto& item : p.items()) {
    const std::string& name = item.key();
    bool known = false;
    for (std::string_view m : members) known = known || m == name;
    if (!known) {
      const std::string at = path.empty() ? name : std::string(path) + "/" + name;
      return payload_error(at, "is not a member of this record: Semilla never writes it");
    }
  }
  return Status::Ok();
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
  auto a = money::Amount::parse_canonical(*text, currency, member);
  if (!a.ok()) return payload_error(member, a.error().message);
  return *a;
}

Result<std::string> payload_text(const json& p, std::string_view member, std::size_t max_bytes,
                                 bool allow_empty) {
  auto text = payload_string(p, member);
  if (!text.ok()) return text;
  SEMILLA_TRY(payload_check(check_text(*text, member, max_bytes, allow_empty), member));
  return text;
}

Result<std::string> payload_identifier(const json& p, std::string_view member) {
  auto text = payload_string(p, member);
  if (!text.ok()) return text;
  SEMILLA_TRY(payload_check(check_identifier(*text, member, limits::kIdBytesMax), member));
  return text;
}

Result<money::Currency> payload_currency(const json& p, std::string_view member) {
  auto it = p.find(member);
  if (it == p.end() || !it->is_string()) return payload_error(member, "missing or not a string");
  auto c = money::Currency::find(it->get_ref<const std::string&>(), member);
  if (!c.ok()) return payload_error(member, c.error().message);
  return *c;
}

Result<std::int64_t> payload_integer_in(const json& p, std::string_view member, std::int64_t min,
                                        std::int64_t max) {
  auto n = payload_integer(p, member);
  if (!n.ok()) return n;
  if (*n < min || *n > max) {
    return payload_error(member, std::to_string(*n) + " is not from " + std::to_string(min) +
                                     " to " + std::to_string(max));
  }
  return n;
}

}  // namespace semilla::book
