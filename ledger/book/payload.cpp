// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/payload.h"

#include <charconv>
#include <limits>
#include <utility>

#include "audit/canonical_json.h"
#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/book/fields.h"
#include "ledger/book/payload_fields.h"

namespace semilla::book {
namespace {

using nlohmann::json;

// Ids (accounts, transactions) count from 1; JSON integers stop at 2^53-1.
constexpr std::int64_t kIdMax = (std::int64_t{1} << 53) - 1;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

// Each member's grammar is the command's (fields.h, check_text, check_identifier); an amount is
// never zero (post refuses it, a reversal negates a non-zero one) and has the currency's digits.
Result<Posting> posting_from(const json& p) {
  SEMILLA_TRY(payload_members(p, {"account", "account_id", "amount", "currency"}));
  auto account = payload_string(p, "account");
  if (!account.ok()) return account.error();
  SEMILLA_TRY(payload_check(check_account_name(*account, "account"), "account"));
  auto id = payload_integer_in(p, "account_id", 1, kIdMax);
  if (!id.ok()) return id.error();
  auto currency = payload_currency(p, "currency");
  if (!currency.ok()) return currency.error();
  auto amount = payload_amount(p, "amount", *currency);
  if (!amount.ok()) return amount.error();
  if (amount->is_zero()) return payload_error("amount", "a posting's amount is never zero");
  return Posting{*id, std::move(*account), *amount};
}

Result<std::optional<std::string>> optional_identifier(const json& p, std::string_view member) {
  auto v = payload_optional_string(p, member);
  if (!v.ok() || !*v) return v;
  SEMILLA_TRY(payload_check(check_identifier(**v, member, limits::kIdBytesMax), member));
  return v;
}

// A reversal says why (reverse refuses an empty --reason); any other transaction has "".
Status check_reason(const Transaction& t) {
  if (!t.reverses) {
    if (t.reason.empty()) return Status::Ok();
    return payload_error("reason", "only a reversal has a reason");
  }
  return payload_check(check_text(t.reason, "reason", limits::kReasonBytesMax, false),
                       "reason");
}

Result<std::vector<Posting>> postings_from(const json& p) {
  auto list = p.find("postings");
  if (list == p.end() || !list->is_array()) return payload_error("postings", "not an array");
  if (list->size() < 2 || list->size() > limits::kPostingsPerTransactionMax) {
    return payload_error("postings", "a transaction has 2 to " +
                                         std::to_string(limits::kPostingsPerTransactionMax) +
                                         " postings; this one has " +
                                         std::to_string(list->size()));
  }
  std::vector<Posting> out;
  out.reserve(list->size());
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto posting = posting_from((*list)[i]);
    if (!posting.ok()) return payload_nested("postings/" + std::to_string(i), posting.error());
    out.push_back(std::move(*posting));
  }
  return out;
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

json to_payload(const StatusName& s) { return json{{"name", s.name}, {"label", s.label}}; }

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
  SEMILLA_TRY(payload_members(p, {"name", "currency", "timezone"}));
  auto name = payload_string(p, "name");
  if (!name.ok()) return name.error();
  SEMILLA_TRY(payload_check(check_book_name(*name, "name"), "name"));
  auto currency = payload_currency(p, "currency");
  if (!currency.ok()) return currency.error();
  auto tz = payload_string(p, "timezone");
  if (!tz.ok()) return tz.error();
  if (!is_time_zone_name(*tz)) {
    return payload_error("timezone", "\"" + *tz + "\" is not an IANA time zone name");
  }
  return BookInfo{std::move(*name), std::string(currency->code()), std::move(*tz)};
}

Result<Account> account_from_payload(const json& p, std::uint64_t seq) {
  SEMILLA_TRY(payload_members(p, {"id", "name", "type", "currency", "enterprise"}));
  auto id = payload_integer_in(p, "id", 1, kIdMax);
  if (!id.ok()) return id.error();
  auto name = payload_string(p, "name");
  if (!name.ok()) return name.error();
  SEMILLA_TRY(payload_check(check_account_name(*name, "name"), "name"));
  auto type_text = payload_string(p, "type");
  if (!type_text.ok()) return type_text.error();
  auto type = parse_account_type(*type_text);
  if (!type.ok()) return payload_error("type", type.error().message);
  auto currency = payload_optional_string(p, "currency");
  if (!currency.ok()) return currency.error();
  if (*currency) {
    auto c = money::Currency::find(**currency, "currency");
    if (!c.ok()) return payload_error("currency", c.error().message);
  }
  auto enterprise = optional_identifier(p, "enterprise");
  if (!enterprise.ok()) return enterprise.error();
  return Account{*id, std::move(*name), *type, std::move(*currency), std::move(*enterprise), seq};
}

Result<Enterprise> enterprise_from_payload(const json& p, std::uint64_t seq) {
  SEMILLA_TRY(payload_members(p, {"id", "kind", "sex", "birth_year", "nationality", "status",
                                  "province", "cohort"}));
  Enterprise e;
  e.audit_seq = seq;
  auto id = payload_identifier(p, "id");
  if (!id.ok()) return id.error();
  e.id = std::move(*id);
  for (auto [key, out] : {std::pair<const char*, std::string*>{"kind", &e.kind}, {"sex", &e.sex},
                          {"nationality", &e.nationality}, {"status", &e.status},
                          {"province", &e.province}, {"cohort", &e.cohort}}) {
    auto v = payload_string(p, key);
    if (!v.ok()) return v.error();
    *out = std::move(*v);
  }
  SEMILLA_TRY(check_enterprise_members(e.kind, e.sex, e.nationality, e.status, e.province,
                                          e.cohort));
  auto born = payload_optional_integer(p, "birth_year");
  if (!born.ok()) return born.error();
  if (*born) {
    SEMILLA_TRY(check_birth_year_member(**born));
    e.birth_year = static_cast<int>(**born);
  }
  return e;
}

Status check_enterprise_members(std::string_view kind, std::string_view sex,
                                std::string_view nationality, std::string_view status,
                                std::string_view province, std::string_view cohort) {
  SEMILLA_TRY(payload_check(check_enterprise_kind(kind, "kind"), "kind"));
  SEMILLA_TRY(payload_check(check_sex(sex, "sex"), "sex"));
  SEMILLA_TRY(payload_check(check_nationality(nationality, "nationality"), "nationality"));
  SEMILLA_TRY(payload_check(check_migration_status(status, "status"), "status"));
  SEMILLA_TRY(payload_check(check_attribute(province, "province"), "province"));
  return payload_check(check_attribute(cohort, "cohort"), "cohort");
}

Result<StatusName> status_name_from_payload(const json& p, std::uint64_t seq) {
  SEMILLA_TRY(payload_members(p, {"name", "label"}));
  auto name = payload_string(p, "name");
  if (!name.ok()) return name.error();
  SEMILLA_TRY(payload_check(check_status_name(*name, "name"), "name"));
  auto label = payload_text(p, "label", limits::kNameBytesMax, false);
  if (!label.ok()) return label.error();
  return StatusName{std::move(*name), std::move(*label), seq};
}

Status check_birth_year_member(std::int64_t year) {
  // The command's upper bound is "this year" in the book's zone when the record was written,
  // which needs the book's zone (the replay's state); here the range every book accepts.
  return payload_check(check_birth_year(year, limits::kYearMax, "birth_year"), "birth_year");
}

Result<Transaction> transaction_from_payload(const json& p, std::uint64_t seq,
                                             const std::string& time) {
  SEMILLA_TRY(payload_members(p, {"id", "date", "memo", "ref", "enterprise", "reverses", "reason",
                                  "postings"}));
  Transaction t;
  t.audit_seq = seq;
  t.recorded_at = time;
  auto id = payload_integer_in(p, "id", 1, kIdMax);
  if (!id.ok()) return id.error();
  t.id = *id;
  auto date = payload_date(p, "date");
  if (!date.ok()) return date.error();
  t.date = *date;
  auto memo = payload_text(p, "memo", limits::kMemoBytesMax);
  if (!memo.ok()) return memo.error();
  t.memo = std::move(*memo);
  auto ref = optional_identifier(p, "ref");
  if (!ref.ok()) return ref.error();
  t.ref = std::move(*ref);
  auto enterprise = optional_identifier(p, "enterprise");
  if (!enterprise.ok()) return enterprise.error();
  t.enterprise = std::move(*enterprise);
  auto reverses = payload_optional_integer(p, "reverses");
  if (!reverses.ok()) return reverses.error();
  if (*reverses && **reverses < 1) return payload_error("reverses", "not a transaction id");
  t.reverses = *reverses;
  auto reason = payload_string(p, "reason");
  if (!reason.ok()) return reason.error();
  t.reason = std::move(*reason);
  SEMILLA_TRY(check_reason(t));
  auto postings = postings_from(p);
  if (!postings.ok()) return postings.error();
  t.postings = std::move(*postings);
  return t;
}

}  // namespace semilla::book
