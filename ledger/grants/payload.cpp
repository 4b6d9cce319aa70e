// SPDX-License-Identifier: Apache-2.0
// The grant module's audit payloads (docs/grants.md): written here, read back by the replay.
#include <initializer_list>
#include <utility>

#include "ledger/book/payload_fields.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {
namespace {

using nlohmann::json;

using book::payload_date;
using book::payload_error;
using book::payload_integer;
using book::payload_string;

json opt_date(const std::optional<Date>& d) { return d ? json(d->to_string()) : json(nullptr); }

// The error of member `member` of the object at `path` of the payload ("snapshot",
// "tranches/2"), named by its whole path: "payload/tranches/2/amount".
Error nested(const std::string& path, const Error& e) {
  const std::string_view prefix = "payload/";
  std::string_view member = e.field;
  if (member.substr(0, prefix.size()) == prefix) member.remove_prefix(prefix.size());
  return payload_error(member.empty() ? path : path + "/" + std::string(member), e.message);
}

// An amount in `currency` (negative and zero allowed), in minor units.
Result<std::int64_t> minor_at(const json& p, std::string_view member,
                              const std::string& currency) {
  auto c = money::Currency::find(currency);
  if (!c.ok()) return payload_error(member, c.error().message);
  auto a = book::payload_amount(p, member, *c);
  if (!a.ok()) return a.error();
  auto m = a->minor_int64(member);
  if (!m.ok()) return payload_error(member, m.error().message);
  return *m;
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
  auto txn = payload_integer(p, "transaction");
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

Result<store::SnapshotRow> snapshot_from(const json& j) {
  if (!j.is_object()) return payload_error("", "missing or not an object");
  store::SnapshotRow s;
  SEMILLA_TRY(strings_at(j, {{"kind", &s.kind}, {"sex", &s.sex},
                             {"nationality", &s.nationality}, {"status", &s.status},
                             {"province", &s.province}, {"cohort", &s.cohort}}));
  auto born = book::payload_optional_integer(j, "birth_year");
  if (!born.ok()) return born.error();
  if (*born) {
    if (**born < 0 || **born > 9999) return payload_error("birth_year", "not a year");
    s.birth_year = static_cast<int>(**born);
  }
  auto m = j.find("members");
  if (m == j.end()) return payload_error("members", "missing");
  if (m->is_null()) return s;
  if (!m->is_object()) return payload_error("members", "not an object or null");
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

json to_payload(const store::MembersRow& m) {
  return {{"enterprise", m.enterprise}, {"female", m.female}, {"male", m.male},
          {"other", m.other}};
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
  return p;
}

json to_payload(const store::PeriodEventRow& p) {
  json out = {{"month", p.month}};
  if (!p.closed) out["reason"] = p.reason;
  return out;
}

Result<store::FundRow> fund_from_payload(const json& p, std::uint64_t seq) {
  store::FundRow f;
  SEMILLA_TRY(strings_at(p, {{"code", &f.code}, {"donor", &f.donor}, {"currency", &f.currency}}));
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
    auto category = payload_string(b, "category");
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
  store::FundReceiptRow r{seq, "", Date::from_ymd(1970, 1, 1), 0, 0};
  SEMILLA_TRY(strings_at(p, {{"fund", &r.fund}}));
  auto pay = payment_at(p, currency);
  if (!pay.ok()) return pay.error();
  r.day = pay->day;
  r.amount_minor = pay->amount_minor;
  r.transaction_id = pay->transaction_id;
  return r;
}

Result<store::FundSpendingRow> spending_from_payload(const json& p, std::uint64_t seq,
                                                     const std::string& currency) {
  store::FundSpendingRow s;
  s.audit_seq = seq;
  SEMILLA_TRY(strings_at(p, {{"fund", &s.fund}, {"category", &s.category}, {"memo", &s.memo},
                             {"override_reason", &s.override_reason}}));
  auto pay = payment_at(p, currency);
  if (!pay.ok()) return pay.error();
  s.day = pay->day;
  s.amount_minor = pay->amount_minor;
  s.transaction_id = pay->transaction_id;
  return s;
}

Result<store::MilestoneRow> milestone_from_payload(const json& p, std::uint64_t seq,
                                                   const std::string& actor) {
  store::MilestoneRow m{"", "", Date::from_ymd(1970, 1, 1), actor, seq};
  SEMILLA_TRY(strings_at(p, {{"enterprise", &m.enterprise}, {"milestone", &m.name}}));
  auto day = payload_date(p, "date");
  if (!day.ok()) return day.error();
  m.day = *day;
  return m;
}

Result<store::MembersRow> members_from_payload(const json& p, std::uint64_t seq) {
  store::MembersRow m{seq, "", 0, 0, 0};
  SEMILLA_TRY(strings_at(p, {{"enterprise", &m.enterprise}}));
  auto counts = counts_at(p);
  if (!counts.ok()) return counts.error();
  m.female = counts->female;
  m.male = counts->male;
  m.other = counts->other;
  return m;
}

namespace {

// The members of every grant event but the snapshot.
Status event_fields(const json& p, store::GrantEventRow& e, const std::string& currency) {
  SEMILLA_TRY(strings_at(p, {{"grant", &e.grant_id}, {"enterprise", &e.enterprise},
                             {"fund", &e.fund}, {"description", &e.description},
                             {"supplier", &e.supplier}, {"reason", &e.reason},
                             {"override_reason", &e.override_reason}}));
  auto day = payload_date(p, "date");
  if (!day.ok()) return day.error();
  e.day = *day;
  auto tranche = int_at(p, "tranche", 0, static_cast<std::int64_t>(kTranchesPerGrantMax));
  if (!tranche.ok()) return tranche.error();
  e.tranche = *tranche;
  auto m = minor_at(p, "amount", currency);
  if (!m.ok()) return m.error();
  e.amount_minor = *m;
  auto in_kind = bool_at(p, "in_kind");
  if (!in_kind.ok()) return in_kind.error();
  e.in_kind = *in_kind;
  auto txn = payload_integer(p, "transaction");
  if (!txn.ok()) return txn.error();
  e.transaction_id = *txn;
  return Status::Ok();
}

Result<store::TrancheRow> tranche_from(const json& t, const std::string& currency) {
  store::TrancheRow out;
  auto a = minor_at(t, "amount", currency);
  if (!a.ok()) return a.error();
  out.amount_minor = *a;
  auto conditions = array_at(t, "conditions");
  if (!conditions.ok()) return conditions.error();
  for (std::size_t i = 0; i < (*conditions)->size(); ++i) {
    const json& c = (**conditions)[i];
    if (!c.is_string()) return payload_error("conditions/" + std::to_string(i), "not a string");
    out.conditions.push_back(c.get<std::string>());
  }
  return out;
}

}  // namespace

Result<store::GrantEventRow> event_from_payload(const json& p, std::uint64_t seq,
                                                std::string type,
                                                const std::string& currency) {
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

Result<store::GrantRow> grant_from_payload(const json& p, std::uint64_t seq) {
  store::GrantRow g;
  SEMILLA_TRY(strings_at(p, {{"grant", &g.id}, {"enterprise", &g.enterprise},
                             {"fund", &g.fund}, {"currency", &g.currency}}));
  auto m = minor_at(p, "amount", g.currency);
  if (!m.ok()) return m.error();
  g.total_minor = *m;
  auto tranches = array_at(p, "tranches");
  if (!tranches.ok()) return tranches.error();
  for (std::size_t i = 0; i < (*tranches)->size(); ++i) {
    auto t = tranche_from((**tranches)[i], g.currency);
    if (!t.ok()) return nested("tranches/" + std::to_string(i), t.error());
    g.tranches.push_back(std::move(*t));
  }
  auto day = payload_date(p, "date");
  if (!day.ok()) return day.error();
  g.day = *day;
  g.audit_seq = seq;
  return g;
}

Result<store::PeriodEventRow> period_from_payload(const json& p, std::uint64_t seq, bool closed,
                                                  const std::string& time) {
  store::PeriodEventRow e{seq, "", closed, "", time};
  SEMILLA_TRY(strings_at(p, {{"month", &e.month}}));
  if (!closed) SEMILLA_TRY(strings_at(p, {{"reason", &e.reason}}));
  return e;
}

}  // namespace semilla::grants
