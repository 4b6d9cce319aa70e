// SPDX-License-Identifier: Apache-2.0
// The grant module's audit payloads (docs/grants.md): written here, read back by the replay.
#include <array>
#include <initializer_list>
#include <span>
#include <tuple>
#include <utility>

#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/book/payload.h"
#include "ledger/book/payload_fields.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {
namespace {

using nlohmann::json;

using book::payload_date;
using book::payload_error;
using book::payload_integer;
using book::payload_string;

constexpr std::int64_t kTransactionIdMax = (std::int64_t{1} << 53) - 1;  // JSON's exact range

json opt_date(const std::optional<Date>& d) { return d ? json(d->to_string()) : json(nullptr); }

using book::payload_check;
using book::payload_members;
using book::payload_nested;
using book::payload_text;

Error nested(const std::string& path, const Error& e) { return payload_nested(path, e); }

// The least an amount member may be: every amount a grant command writes is positive
// (parse_positive), but a cancellation releases what is left, which may be nothing.
enum class Least { kPositive, kZero };

// An amount in `currency`, spelt as Amount::to_string writes it, in minor units.
Result<std::int64_t> minor_at(const json& p, std::string_view member,
                              const std::string& currency, Least least = Least::kPositive) {
  auto c = money::Currency::find(currency);
  if (!c.ok()) return payload_error(member, c.error().message);
  auto a = book::payload_amount(p, member, *c);
  if (!a.ok()) return a.error();
  if (a->is_negative() || (least == Least::kPositive && a->is_zero())) {
    return payload_error(member, least == Least::kPositive ? "must be greater than zero"
                                                           : "must not be negative");
  }
  auto m = a->minor_int64(member);
  if (!m.ok()) return payload_error(member, m.error().message);
  return *m;
}

// A member that the grant commands check with check_code (fund codes) or check_name
// (budget categories, milestones, conditions).
Result<std::string> code_at(const json& p, std::string_view member) {
  auto v = payload_string(p, member);
  if (!v.ok()) return v;
  SEMILLA_TRY(payload_check(check_code(*v, std::string(member)), member));
  return v;
}
Result<std::string> name_at(const json& p, std::string_view member) {
  auto v = payload_string(p, member);
  if (!v.ok()) return v;
  SEMILLA_TRY(payload_check(check_name(*v, std::string(member)), member));
  return v;
}

// An integer member that must fit `int` and lie in min..max.
Result<int> int_at(const json& p, std::string_view member, std::int64_t min, std::int64_t max) {
  auto n = payload_integer(p, member);
  if (!n.ok()) return n.error();
  if (*n < min || *n > max) {
    return payload_error(member, std::to_string(*n) + " is not from " + std::to_string(min) +
                                     " to " + std::to_string(max));
  }
  return static_cast<int>(*n);
}

Result<bool> bool_at(const json& p, std::string_view member) {
  auto it = p.find(member);
  if (it == p.end() || !it->is_boolean()) return payload_error(member, "missing or not a boolean");
  return it->get<bool>();
}

// An array member (each element is read by the caller, which names it by index).
Result<const json*> array_at(const json& p, std::string_view member) {
  auto it = p.find(member);
  if (it == p.end() || !it->is_array()) return payload_error(member, "missing or not an array");
  return &*it;
}

// Reads several string members at once: every one is needed.
Status strings_at(const json& p, std::initializer_list<std::pair<std::string_view,
                                                                 std::string*>> members) {
  for (const auto& [member, out] : members) {
    auto v = payload_string(p, member);
    if (!v.ok()) return v.error();
    *out = std::move(*v);
  }
  return Status::Ok();
}

// The members date, amount and transaction of a payment (fund.receive, fund.spend).
struct Payment {
  Date day = Date::from_ymd(1970, 1, 1);
  std::int64_t amount_minor = 0, transaction_id = 0;
};
Result<Payment> payment_at(const json& p, const std::string& currency) {
  auto day = payload_date(p, "date");
  if (!day.ok()) return day.error();
  auto m = minor_at(p, "amount", currency);
  if (!m.ok()) return m.error();
  auto txn = book::payload_integer_in(p, "transaction", 1, kTransactionIdMax);
  if (!txn.ok()) return txn.error();
  return Payment{*day, *m, *txn};
}

json snapshot_json(const store::SnapshotRow& s) {
  json members = nullptr;
  if (s.members_known) members = {{"female", s.female}, {"male", s.male}, {"other", s.other}};
  return {{"kind", s.kind},
          {"sex", s.sex},
          {"birth_year", s.birth_year ? json(*s.birth_year) : json(nullptr)},
          {"nationality", s.nationality},
          {"status", s.status},
          {"province", s.province},
          {"cohort", s.cohort},
          {"members", members}};
}

// The members female, male and other: numbers of people.
struct Counts {
  std::int64_t female = 0, male = 0, other = 0;
};
Result<Counts> counts_at(const json& p) {
  Counts c;
  using Member = std::pair<std::string_view, std::int64_t*>;
  for (const auto& [member, out] :
       {Member{"female", &c.female}, Member{"male", &c.male}, Member{"other", &c.other}}) {
    auto n = payload_integer(p, member);
    if (!n.ok()) return n.error();
    if (*n < 0 || *n > kMembersMax) return payload_error(member, "not a number of people");
    *out = *n;
  }
  return c;
}

// The enterprise's attributes when the event happened, checked as enterprise.add checks them;
// the members count only for a group (snapshot() reads them for any kind but an individual).
Result<store::SnapshotRow> snapshot_from(const json& j) {
  SEMILLA_TRY(payload_members(j, {"kind", "sex", "birth_year", "nationality", "status",
                                  "province", "cohort", "members"}));
  store::SnapshotRow s;
  SEMILLA_TRY(strings_at(j, {{"kind", &s.kind}, {"sex", &s.sex},
                             {"nationality", &s.nationality}, {"status", &s.status},
                             {"province", &s.province}, {"cohort", &s.cohort}}));
  SEMILLA_TRY(book::check_enterprise_members(s.kind, s.sex, s.nationality, s.status, s.province,
                                             s.cohort));
  auto born = book::payload_optional_integer(j, "birth_year");
  if (!born.ok()) return born.error();
  if (*born) {
    SEMILLA_TRY(book::check_birth_year_member(**born));
    s.birth_year = static_cast<int>(**born);
  }
  auto m = j.find("members");
  if (m == j.end()) return payload_error("members", "missing");
  if (m->is_null()) return s;
  if (!m->is_object()) return payload_error("members", "not an object or null");
  if (s.kind == "individual") return payload_error("members", "an individual has no members");
  SEMILLA_TRY(payload_members(*m, {"female", "male", "other"}, "members"));
  auto counts = counts_at(*m);
  if (!counts.ok()) return nested("members", counts.error());
  s.members_known = true;
  s.female = counts->female;
  s.male = counts->male;
  s.other = counts->other;
  return s;
}

}  // namespace

json to_payload(const store::FundRow& f) {
  json budget = json::array();
  for (const auto& b : f.budget) {
    budget.push_back({{"category", b.category}, {"amount", money_text(b.amount_minor,
                                                                      f.currency)}});
  }
  return {{"code", f.code}, {"donor", f.donor}, {"currency", f.currency},
          {"from", opt_date(f.start)}, {"to", opt_date(f.end)}, {"budget", budget}};
}

json to_payload(const store::FundReceiptRow& r, const std::string& currency) {
  return {{"fund", r.fund}, {"date", r.day.to_string()},
          {"amount", money_text(r.amount_minor, currency)}, {"transaction", r.transaction_id}};
}

json to_payload(const store::FundSpendingRow& s, const std::string& currency) {
  return {{"fund", s.fund},
          {"category", s.category},
          {"date", s.day.to_string()},
          {"amount", money_text(s.amount_minor, currency)},
          {"memo", s.memo},
          {"override_reason", s.override_reason},
          {"transaction", s.transaction_id}};
}

json to_payload(const store::MilestoneRow& m) {
  return {{"enterprise", m.enterprise}, {"milestone", m.name}, {"date", m.day.to_string()}};
}

json to_payload(const store::MilestoneNameRow& m) {
  return {{"milestone", m.name}, {"label", m.label}};
}

json to_payload(const store::MembersRow& m) {
  json out = {{"enterprise", m.enterprise}, {"female", m.female}, {"male", m.male},
              {"other", m.other}};
  if (m.people.empty()) return out;  // counts only: the record of before members had people
  json people = json::array();
  for (const auto& p : m.people) {
    people.push_back({{"sex", p.sex},
                      {"birth_year", p.birth_year ? json(*p.birth_year) : json(nullptr)},
                      {"nationality", p.nationality},
                      {"status", p.status}});
  }
  out["people"] = std::move(people);
  return out;
}

json to_payload(const store::GrantEventRow& e, const std::string& currency) {
  return {{"grant", e.grant_id},
          {"enterprise", e.enterprise},
          {"fund", e.fund},
          {"date", e.day.to_string()},
          {"tranche", e.tranche},
          {"amount", money_text(e.amount_minor, currency)},
          {"in_kind", e.in_kind},
          {"description", e.description},
          {"supplier", e.supplier},
          {"reason", e.reason},
          {"override_reason", e.override_reason},
          {"transaction", e.transaction_id},
          {"snapshot", snapshot_json(e.snapshot)}};
}

json award_payload(const store::GrantRow& g, const store::GrantEventRow& e) {
  json p = to_payload(e, g.currency);
  json tranches = json::array();
  for (const auto& t : g.tranches) {
    tranches.push_back({{"amount", money_text(t.amount_minor, g.currency)},
                        {"conditions", t.conditions}});
  }
  p["currency"] = g.currency;
  p["tranches"] = tranches;
  if (g.over_commit) {
    p["over_commit_reason"] = g.over_commit->empty() ? json(nullptr) : json(*g.over_commit);
  }
  return p;
}

json to_payload(const store::PeriodEventRow& p) {
  json out = {{"month", p.month}};
  if (!p.closed) out["reason"] = p.reason;
  return out;
}

Result<store::FundRow> fund_from_payload(const json& p, std::uint64_t seq) {
  SEMILLA_TRY(payload_members(p, {"code", "donor", "currency", "from", "to", "budget"}));
  store::FundRow f;
  auto code = code_at(p, "code");
  if (!code.ok()) return code.error();
  f.code = std::move(*code);
  auto donor = payload_text(p, "donor", limits::kNameBytesMax, false);
  if (!donor.ok()) return donor.error();
  f.donor = std::move(*donor);
  auto currency = book::payload_currency(p, "currency");
  if (!currency.ok()) return currency.error();
  f.currency = std::string(currency->code());
  auto start = book::payload_optional_date(p, "from");
  if (!start.ok()) return start.error();
  auto end = book::payload_optional_date(p, "to");
  if (!end.ok()) return end.error();
  f.start = *start;
  f.end = *end;
  auto budget = array_at(p, "budget");
  if (!budget.ok()) return budget.error();
  for (std::size_t i = 0; i < (*budget)->size(); ++i) {
    const json& b = (**budget)[i];
    const std::string at = "budget/" + std::to_string(i);
    if (Status s = payload_members(b, {"category", "amount"}); !s.ok()) {
      return nested(at, s.error());
    }
    auto category = name_at(b, "category");
    if (!category.ok()) return nested(at, category.error());
    auto m = minor_at(b, "amount", f.currency);
    if (!m.ok()) return nested(at, m.error());
    f.budget.push_back({*category, *m});
  }
  f.audit_seq = seq;
  return f;
}

Result<store::FundReceiptRow> receipt_from_payload(const json& p, std::uint64_t seq,
                                                   const std::string& currency) {
  SEMILLA_TRY(payload_members(p, {"fund", "date", "amount", "transaction"}));
  store::FundReceiptRow r{seq, "", Date::from_ymd(1970, 1, 1), 0, 0};
  auto fund = code_at(p, "fund");
  if (!fund.ok()) return fund.error();
  r.fund = std::move(*fund);
  auto pay = payment_at(p, currency);
  if (!pay.ok()) return pay.error();
  r.day = pay->day;
  r.amount_minor = pay->amount_minor;
  r.transaction_id = pay->transaction_id;
  return r;
}

Result<store::FundSpendingRow> spending_from_payload(const json& p, std::uint64_t seq,
                                                     const std::string& currency) {
  SEMILLA_TRY(payload_members(p, {"fund", "category", "date", "amount", "memo",
                                  "override_reason", "transaction"}));
  store::FundSpendingRow s;
  s.audit_seq = seq;
  auto fund = code_at(p, "fund");
  if (!fund.ok()) return fund.error();
  s.fund = std::move(*fund);
  auto category = name_at(p, "category");
  if (!category.ok()) return category.error();
  s.category = std::move(*category);
  auto memo = payload_text(p, "memo", limits::kMemoBytesMax, false);
  if (!memo.ok()) return memo.error();
  s.memo = std::move(*memo);
  auto why = payload_text(p, "override_reason", limits::kReasonBytesMax);
  if (!why.ok()) return why.error();
  s.override_reason = std::move(*why);
  auto pay = payment_at(p, currency);
  if (!pay.ok()) return pay.error();
  s.day = pay->day;
  s.amount_minor = pay->amount_minor;
  s.transaction_id = pay->transaction_id;
  return s;
}

Result<store::MilestoneRow> milestone_from_payload(const json& p, std::uint64_t seq,
                                                   const std::string& actor) {
  SEMILLA_TRY(payload_members(p, {"enterprise", "milestone", "date"}));
  store::MilestoneRow m{"", "", Date::from_ymd(1970, 1, 1), actor, seq};
  auto enterprise = book::payload_identifier(p, "enterprise");
  if (!enterprise.ok()) return enterprise.error();
  m.enterprise = std::move(*enterprise);
  auto name = name_at(p, "milestone");
  if (!name.ok()) return name.error();
  m.name = std::move(*name);
  auto day = payload_date(p, "date");
  if (!day.ok()) return day.error();
  m.day = *day;
  return m;
}

Result<store::MilestoneNameRow> milestone_name_from_payload(const json& p, std::uint64_t seq) {
  SEMILLA_TRY(payload_members(p, {"milestone", "label"}));
  store::MilestoneNameRow m{"", "", seq};
  auto name = name_at(p, "milestone");
  if (!name.ok()) return name.error();
  m.name = std::move(*name);
  auto label = payload_text(p, "label", limits::kNameBytesMax, false);
  if (!label.ok()) return label.error();
  m.label = std::move(*label);
  return m;
}

namespace {

// One of enterprise.members' people: sex (never empty), birth_year, nationality and status,
// each checked as `enterprise add` checks the owner's.
Result<store::MemberPerson> person_from(const json& j) {
  if (!j.is_object()) return payload_error("", "not an object");
  SEMILLA_TRY(payload_members(j, {"sex", "birth_year", "nationality", "status"}));
  store::MemberPerson person;
  SEMILLA_TRY(strings_at(j, {{"sex", &person.sex}, {"nationality", &person.nationality},
                             {"status", &person.status}}));
  if (person.sex.empty()) return payload_error("sex", "a member's sex is female, male or other");
  SEMILLA_TRY(book::check_enterprise_members("individual", person.sex, person.nationality,
                                             person.status, "", ""));
  auto born = book::payload_optional_integer(j, "birth_year");
  if (!born.ok()) return born.error();
  if (*born) {
    SEMILLA_TRY(book::check_birth_year_member(**born));
    person.birth_year = static_cast<int>(**born);
  }
  return person;
}

// The optional member people: absent for counts only, else 1.. people whose numbers by sex
// are the record's counts.
Status people_at(const json& p, store::MembersRow& m) {
  auto it = p.find("people");
  if (it == p.end()) return Status::Ok();
  if (!it->is_array() || it->empty()) return payload_error("people", "not a non-empty array");
  if (it->size() > static_cast<std::size_t>(3 * kMembersMax)) {
    return payload_error("people", "more people than the counts allow");
  }
  std::int64_t by_sex[3] = {0, 0, 0};
  for (std::size_t i = 0; i < it->size(); ++i) {
    auto person = person_from((*it)[i]);
    if (!person.ok()) return nested("people/" + std::to_string(i), person.error());
    by_sex[person->sex == "female" ? 0 : person->sex == "male" ? 1 : 2] += 1;
    m.people.push_back(std::move(*person));
  }
  if (by_sex[0] != m.female || by_sex[1] != m.male || by_sex[2] != m.other) {
    return payload_error("people", "the people's numbers by sex are not female, male, other");
  }
  return Status::Ok();
}

}  // namespace

Result<store::MembersRow> members_from_payload(const json& p, std::uint64_t seq) {
  SEMILLA_TRY(payload_members(p, {"enterprise", "female", "male", "other", "people"}));
  store::MembersRow m{seq, "", 0, 0, 0, {}};
  auto enterprise = book::payload_identifier(p, "enterprise");
  if (!enterprise.ok()) return enterprise.error();
  m.enterprise = std::move(*enterprise);
  auto counts = counts_at(p);
  if (!counts.ok()) return counts.error();
  m.female = counts->female;
  m.male = counts->male;
  m.other = counts->other;
  SEMILLA_TRY(people_at(p, m));
  return m;
}

namespace {

// The members of grant.award: those of every grant event, then its own three
// (over_commit_reason only in awards recorded since issue 12).
constexpr std::array<std::string_view, 16> kAwardMembers = {
    "grant",    "enterprise", "fund",   "date",   "tranche",         "amount",
    "in_kind",  "description", "supplier", "reason", "override_reason", "transaction",
    "snapshot", "currency",    "tranches", "over_commit_reason"};
constexpr std::size_t kEventMembersCount = 13;

Status event_members(const json& p, bool award) {
  const std::span<const std::string_view> all(kAwardMembers);
  return payload_members(p, award ? all : all.first(kEventMembersCount));
}

Status event_texts(const json& p, store::GrantEventRow& e) {
  auto grant = book::payload_identifier(p, "grant");
  if (!grant.ok()) return grant.error();
  e.grant_id = std::move(*grant);
  auto enterprise = book::payload_identifier(p, "enterprise");
  if (!enterprise.ok()) return enterprise.error();
  e.enterprise = std::move(*enterprise);
  auto fund = code_at(p, "fund");
  if (!fund.ok()) return fund.error();
  e.fund = std::move(*fund);
  using Text = std::tuple<std::string_view, std::string*, std::size_t>;
  for (const auto& [member, out, max] :
       {Text{"description", &e.description, limits::kMemoBytesMax},
        Text{"supplier", &e.supplier, limits::kNameBytesMax},
        Text{"reason", &e.reason, limits::kReasonBytesMax},
        Text{"override_reason", &e.override_reason, limits::kReasonBytesMax}}) {
    auto v = payload_text(p, member, max);
    if (!v.ok()) return v.error();
    *out = std::move(*v);
  }
  return Status::Ok();
}

// What each kind of event holds, as the command writes it: a tranche number and in-kind
// goods only on a disbursement (goods with their supplier), a reason on a return or a
// cancellation and nowhere else, an override reason only where the fund check can be
// overridden (a disbursement), and a transaction unless a cancellation released nothing.
Status check_event_shape(const store::GrantEventRow& e) {
  const bool disburse = e.type == "disburse";
  const bool with_reason = e.type == "return" || e.type == "cancel";
  if (disburse != (e.tranche >= 1)) {
    return payload_error("tranche", disburse ? "a disbursement pays a tranche from 1"
                                             : "only a disbursement names a tranche");
  }
  if (e.in_kind != !e.description.empty() || e.in_kind != !e.supplier.empty() ||
      (e.in_kind && !disburse)) {
    return payload_error("in_kind", "goods in kind are a disbursement's, with a description "
                                    "and a supplier");
  }
  // A disbursement with a reason pays a returned tranche again (grant disburse --again).
  if (with_reason ? e.reason.empty() : !disburse && !e.reason.empty()) {
    return payload_error("reason", with_reason ? "a " + e.type + " says why"
                                               : "only a return, a cancellation or a "
                                                 "payment again has one");
  }
  if (!disburse && !e.override_reason.empty()) {
    return payload_error("override_reason", "only a disbursement overrides the fund check");
  }
  const bool posted = e.type != "cancel" || e.amount_minor > 0;
  if (posted != (e.transaction_id >= 1)) {
    return payload_error("transaction", posted ? "missing" : "nothing was posted");
  }
  return Status::Ok();
}

// The members of every grant event but the snapshot.
Status event_fields(const json& p, store::GrantEventRow& e, const std::string& currency) {
  SEMILLA_TRY(event_texts(p, e));
  auto day = payload_date(p, "date");
  if (!day.ok()) return day.error();
  e.day = *day;
  auto tranche = int_at(p, "tranche", 0, static_cast<std::int64_t>(kTranchesPerGrantMax));
  if (!tranche.ok()) return tranche.error();
  e.tranche = *tranche;
  auto m = minor_at(p, "amount", currency, e.type == "cancel" ? Least::kZero : Least::kPositive);
  if (!m.ok()) return m.error();
  e.amount_minor = *m;
  auto in_kind = bool_at(p, "in_kind");
  if (!in_kind.ok()) return in_kind.error();
  e.in_kind = *in_kind;
  auto txn = book::payload_integer_in(p, "transaction", 0, kTransactionIdMax);
  if (!txn.ok()) return txn.error();
  e.transaction_id = *txn;
  return check_event_shape(e);
}

Result<store::TrancheRow> tranche_from(const json& t, const std::string& currency) {
  SEMILLA_TRY(payload_members(t, {"amount", "conditions"}));
  store::TrancheRow out;
  auto a = minor_at(t, "amount", currency);
  if (!a.ok()) return a.error();
  out.amount_minor = *a;
  auto conditions = array_at(t, "conditions");
  if (!conditions.ok()) return conditions.error();
  for (std::size_t i = 0; i < (*conditions)->size(); ++i) {
    const json& c = (**conditions)[i];
    const std::string at = "conditions/" + std::to_string(i);
    if (!c.is_string()) return payload_error(at, "not a string");
    SEMILLA_TRY(payload_check(check_name(c.get_ref<const std::string&>(), at), at));
    out.conditions.push_back(c.get<std::string>());
  }
  return out;
}

}  // namespace

Result<store::GrantEventRow> event_from_payload(const json& p, std::uint64_t seq,
                                                std::string type,
                                                const std::string& currency) {
  SEMILLA_TRY(event_members(p, type == "award"));
  store::GrantEventRow e;
  e.audit_seq = seq;
  e.type = std::move(type);
  SEMILLA_TRY(event_fields(p, e, currency));
  auto it = p.find("snapshot");
  auto snap = snapshot_from(it == p.end() ? json() : *it);
  if (!snap.ok()) return nested("snapshot", snap.error());
  e.snapshot = std::move(*snap);
  return e;
}

// The award's own members; event_from_payload reads the event members of the same payload.
// A grant is 1..kTranchesPerGrantMax positive tranches and its amount is their sum, as
// grant_from_draft builds it.
Result<store::GrantRow> grant_from_payload(const json& p, std::uint64_t seq) {
  SEMILLA_TRY(event_members(p, true));
  store::GrantRow g;
  SEMILLA_TRY(strings_at(p, {{"grant", &g.id}, {"enterprise", &g.enterprise},
                             {"fund", &g.fund}}));
  auto currency = book::payload_currency(p, "currency");
  if (!currency.ok()) return currency.error();
  g.currency = std::string(currency->code());
  auto m = minor_at(p, "amount", g.currency);
  if (!m.ok()) return m.error();
  g.total_minor = *m;
  auto tranches = array_at(p, "tranches");
  if (!tranches.ok()) return tranches.error();
  if ((*tranches)->empty() || (*tranches)->size() > kTranchesPerGrantMax) {
    return payload_error("tranches", "a grant has 1 to " + std::to_string(kTranchesPerGrantMax) +
                                         " tranches");
  }
  money::MinorUnits sum = 0;
  for (std::size_t i = 0; i < (*tranches)->size(); ++i) {
    auto t = tranche_from((**tranches)[i], g.currency);
    if (!t.ok()) return nested("tranches/" + std::to_string(i), t.error());
    sum += t->amount_minor;
    g.tranches.push_back(std::move(*t));
  }
  if (sum != g.total_minor) return payload_error("amount", "is not the sum of the tranches");
  auto day = payload_date(p, "date");
  if (!day.ok()) return day.error();
  g.day = *day;
  g.audit_seq = seq;
  if (p.contains("over_commit_reason")) {  // absent: recorded before issue 12
    auto why = book::payload_optional_string(p, "over_commit_reason");
    if (!why.ok()) return why.error();
    if (*why) {
      SEMILLA_TRY(payload_check(check_text(**why, "--reason", limits::kReasonBytesMax, false),
                                "over_commit_reason"));
    }
    g.over_commit = why->value_or("");
  }
  return g;
}

// period.close holds the month alone; period.reopen also says why.
Result<store::PeriodEventRow> period_from_payload(const json& p, std::uint64_t seq, bool closed,
                                                  const std::string& time) {
  if (closed) {
    SEMILLA_TRY(payload_members(p, {"month"}));
  } else {
    SEMILLA_TRY(payload_members(p, {"month", "reason"}));
  }
  store::PeriodEventRow e{seq, "", closed, "", time};
  SEMILLA_TRY(strings_at(p, {{"month", &e.month}}));
  if (e.month.size() != 7 || !Date::parse(e.month + "-01", "month").ok()) {
    return payload_error("month", "\"" + e.month + "\" is not a month YYYY-MM");
  }
  if (!closed) {
    auto reason = payload_text(p, "reason", limits::kReasonBytesMax, false);
    if (!reason.ok()) return reason.error();
    e.reason = std::move(*reason);
  }
  return e;
}

}  // namespace semilla::grants
