// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/payload.h"

#include <utility>

#include "ledger/book/payload_fields.h"

namespace semilla::book {
namespace {

using nlohmann::json;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

Result<Posting> posting_from(const json& p, std::size_t index) {
  const std::string at = "postings/" + std::to_string(index) + "/";
  if (!p.is_object()) return payload_error(at, "not an object");
  auto account = payload_string(p, "account");
  auto id = payload_integer(p, "account_id");
  auto code = payload_string(p, "currency");
  auto amount = payload_string(p, "amount");
  if (!account.ok() || !id.ok() || !code.ok() || !amount.ok()) {
    return payload_error(at, "needs account, account_id, amount and currency");
  }
  auto currency = money::Currency::find(*code);
  if (!currency.ok()) return payload_error(at + "currency", currency.error().message);
  auto parsed = money::Amount::parse(*amount, *currency);
  if (!parsed.ok()) return payload_error(at + "amount", parsed.error().message);
  return Posting{*id, *account, *parsed};
}

}  // namespace

json to_payload(const BookInfo& info) {
  return json{{"name", info.name}, {"currency", info.currency}, {"timezone", info.timezone}};
}

json to_payload(const Account& a) {
  return json{{"id", a.id},
              {"name", a.name},
              {"type", std::string(account_type_name(a.type))},
              {"currency", opt(a.currency)},
              {"enterprise", opt(a.enterprise)}};
}

json to_payload(const Enterprise& e) {
  return json{{"id", e.id},
              {"kind", e.kind},
              {"sex", e.sex},
              {"birth_year", e.birth_year ? json(*e.birth_year) : json(nullptr)},
              {"nationality", e.nationality},
              {"status", e.status},
              {"province", e.province},
              {"cohort", e.cohort}};
}

json to_payload(const Transaction& t) {
  json postings = json::array();
  for (const auto& p : t.postings) {
    postings.push_back(json{{"account", p.account},
                            {"account_id", p.account_id},
                            {"amount", p.amount.to_string()},
                            {"currency", std::string(p.amount.currency().code())}});
  }
  return json{{"id", t.id},
              {"date", t.date.to_string()},
              {"memo", t.memo},
              {"ref", opt(t.ref)},
              {"enterprise", opt(t.enterprise)},
              {"reverses", t.reverses ? json(*t.reverses) : json(nullptr)},
              {"reason", t.reason},
              {"postings", std::move(postings)}};
}

Result<BookInfo> book_info_from_payload(const json& p) {
  auto name = payload_string(p, "name");
  auto currency = payload_string(p, "currency");
  auto tz = payload_string(p, "timezone");
  if (!name.ok()) return name.error();
  if (!currency.ok()) return currency.error();
  if (!tz.ok()) return tz.error();
  return BookInfo{*name, *currency, *tz};
}

Result<Account> account_from_payload(const json& p, std::uint64_t seq) {
  auto id = payload_integer(p, "id");
  auto name = payload_string(p, "name");
  auto type_text = payload_string(p, "type");
  auto currency = payload_optional_string(p, "currency");
  auto enterprise = payload_optional_string(p, "enterprise");
  if (!id.ok()) return id.error();
  if (!name.ok()) return name.error();
  if (!type_text.ok()) return type_text.error();
  if (!currency.ok()) return currency.error();
  if (!enterprise.ok()) return enterprise.error();
  auto type = parse_account_type(*type_text);
  if (!type.ok()) return payload_error("type", type.error().message);
  return Account{*id, *name, *type, *currency, *enterprise, seq};
}

Result<Enterprise> enterprise_from_payload(const json& p, std::uint64_t seq) {
  Enterprise e;
  e.audit_seq = seq;
  for (auto [key, out] : {std::pair<const char*, std::string*>{"id", &e.id},
                          {"kind", &e.kind}, {"sex", &e.sex},
                          {"nationality", &e.nationality}, {"status", &e.status},
                          {"province", &e.province}, {"cohort", &e.cohort}}) {
    auto v = payload_string(p, key);
    if (!v.ok()) return v.error();
    *out = *v;
  }
  auto it = p.find("birth_year");
  if (it == p.end() || !(it->is_null() || it->is_number_integer())) {
    return payload_error("birth_year", "missing or not an integer or null");
  }
  if (it->is_number_integer()) e.birth_year = it->get<int>();
  return e;
}

Result<Transaction> transaction_from_payload(const json& p, std::uint64_t seq,
                                             const std::string& time) {
  Transaction t;
  t.audit_seq = seq;
  t.recorded_at = time;
  auto id = payload_integer(p, "id");
  auto date = payload_string(p, "date");
  auto memo = payload_string(p, "memo");
  auto reason = payload_string(p, "reason");
  auto ref = payload_optional_string(p, "ref");
  auto enterprise = payload_optional_string(p, "enterprise");
  if (!id.ok() || !date.ok() || !memo.ok() || !reason.ok() || !ref.ok() || !enterprise.ok()) {
    return payload_error("", "transaction needs id, date, memo, reason, ref and enterprise");
  }
  auto parsed_date = Date::parse(*date);
  if (!parsed_date.ok()) return payload_error("date", parsed_date.error().message);
  t.id = *id;
  t.date = *parsed_date;
  t.memo = *memo;
  t.reason = *reason;
  t.ref = *ref;
  t.enterprise = *enterprise;
  auto reverses = payload_optional_integer(p, "reverses");
  if (!reverses.ok()) return reverses.error();
  t.reverses = *reverses;
  auto postings = p.find("postings");
  if (postings == p.end() || !postings->is_array()) {
    return payload_error("postings", "not an array");
  }
  for (std::size_t i = 0; i < postings->size(); ++i) {
    auto posting = posting_from((*postings)[i], i);
    if (!posting.ok()) return posting.error();
    t.postings.push_back(std::move(*posting));
  }
  return t;
}

}  // namespace semilla::book
