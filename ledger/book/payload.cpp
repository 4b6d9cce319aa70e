// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/payload.h"

#include <charconv>
#include <limits>
#include <utility>

#include "audit/canonical_json.h"
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

namespace {

// Amount::to_string() without the 128-bit arithmetic when the minor units fit 64 bits.
void append_amount(std::string& out, const money::Amount& amount) {
  auto minor = amount.minor_int64();
  const auto scale = static_cast<std::size_t>(amount.currency().scale());
  if (!minor.ok() || *minor == std::numeric_limits<std::int64_t>::min()) {
    out += amount.to_string();
    return;
  }
  if (*minor < 0) out.push_back('-');
  char buffer[24];
  char* end = std::to_chars(buffer, buffer + sizeof buffer, *minor < 0 ? -*minor : *minor).ptr;
  const auto digits = static_cast<std::size_t>(end - buffer);
  if (scale == 0) {
    out.append(buffer, digits);
  } else if (digits <= scale) {
    out += "0.";
    out.append(scale - digits, '0');
    out.append(buffer, digits);
  } else {
    out.append(buffer, digits - scale);
    out.push_back('.');
    out.append(buffer + digits - scale, scale);
  }
}

// The members as canonical_json writes them, in its (sorted) order; `at` names the member in
// errors as canonical_json would ("/postings/1/account").
class PayloadWriter {
 public:
  explicit PayloadWriter(std::string& out) : out_(out) {}

  Status text(std::string_view name, std::string_view value, const char* at) {
    member(name);
    if (!audit::append_canonical_string(out_, value)) return audit::canonical_string_error(at);
    return Status::Ok();
  }
  Status optional_text(std::string_view name, const std::optional<std::string>& value,
                       const char* at) {
    if (value) return text(name, *value, at);
    member(name);
    out_ += "null";
    return Status::Ok();
  }
  Status integer(std::string_view name, std::optional<std::int64_t> value, const char* at) {
    member(name);
    if (!value) {
      out_ += "null";
    } else if (!audit::append_canonical_integer(out_, *value)) {
      return audit::canonical_integer_error(at);
    }
    return Status::Ok();
  }
  // Writes the member's name; its value follows.
  void member(std::string_view name) {
    if (!first_) out_.push_back(',');
    first_ = false;
    out_.push_back('"');
    out_ += name;  // Semilla's member names need no escapes
    out_ += "\":";
  }
  void open() { out_.push_back('{'), first_ = true; }
  void close() { out_.push_back('}'), first_ = false; }

 private:
  std::string& out_;
  bool first_ = true;
};

// "/postings/1/account": built only for an error.
std::string posting_member(std::size_t i, const char* member) {
  return "/postings/" + std::to_string(i) + "/" + member;
}

Status append_postings(std::string& out, const Transaction& t) {
  out.push_back('[');
  for (std::size_t i = 0; i < t.postings.size(); ++i) {
    const Posting& p = t.postings[i];
    out += i > 0 ? ",{\"account\":" : "{\"account\":";
    if (!audit::append_canonical_string(out, p.account)) {
      return audit::canonical_string_error(posting_member(i, "account"));
    }
    out += ",\"account_id\":";
    if (!audit::append_canonical_integer(out, p.account_id)) {
      return audit::canonical_integer_error(posting_member(i, "account_id"));
    }
    out += ",\"amount\":\"";
    append_amount(out, p.amount);  // digits, '-' and '.': nothing to escape
    out += "\",\"currency\":";
    if (!audit::append_canonical_string(out, p.amount.currency().code())) {
      return audit::canonical_string_error(posting_member(i, "currency"));
    }
    out.push_back('}');
  }
  out.push_back(']');
  return Status::Ok();
}

}  // namespace

Result<std::string> canonical_payload(const Transaction& t) {
  std::string out;
  out.reserve(256 + 96 * t.postings.size() + t.memo.size());
  PayloadWriter w(out);
  w.open();
  SEMILLA_TRY(w.text("date", t.date.to_string(), "/date"));
  SEMILLA_TRY(w.optional_text("enterprise", t.enterprise, "/enterprise"));
  SEMILLA_TRY(w.integer("id", t.id, "/id"));
  SEMILLA_TRY(w.text("memo", t.memo, "/memo"));
  w.member("postings");
  SEMILLA_TRY(append_postings(out, t));
  SEMILLA_TRY(w.text("reason", t.reason, "/reason"));
  SEMILLA_TRY(w.optional_text("ref", t.ref, "/ref"));
  SEMILLA_TRY(w.integer("reverses", t.reverses, "/reverses"));
  w.close();
  return out;
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
