// SPDX-License-Identifier: Apache-2.0
// The grant module's audit payloads (docs/grants.md): written here, read back by the replay.
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {
namespace {

using nlohmann::json;

json opt_date(const std::optional<Date>& d) { return d ? json(d->to_string()) : json(nullptr); }

Error bad(const std::string& member, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, member, what);
}

Result<Date> date_at(const json& p, const char* member) {
  auto d = Date::parse(p.at(member).get<std::string>(), member);
  if (!d.ok()) return bad(member, d.error().message);
  return *d;
}

Result<std::optional<Date>> opt_date_at(const json& p, const char* member) {
  if (p.at(member).is_null()) return std::optional<Date>();
  auto d = date_at(p, member);
  if (!d.ok()) return d.error();
  return std::optional<Date>(*d);
}

// An amount written by money_text, back to minor units (negative and zero allowed).
Result<std::int64_t> minor_at(const json& p, const char* member, const std::string& currency) {
  auto c = money::Currency::find(currency);
  if (!c.ok()) return bad(member, c.error().message);
  auto a = money::Amount::parse(p.at(member).get<std::string>(), *c, member);
  if (!a.ok()) return bad(member, a.error().message);
  auto m = a->minor_int64(member);
  if (!m.ok()) return bad(member, m.error().message);
  return *m;
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

store::SnapshotRow snapshot_from(const json& j) {
  store::SnapshotRow s;
  s.kind = j.at("kind").get<std::string>();
  s.sex = j.at("sex").get<std::string>();
  if (!j.at("birth_year").is_null()) s.birth_year = j.at("birth_year").get<int>();
  s.nationality = j.at("nationality").get<std::string>();
  s.status = j.at("status").get<std::string>();
  s.province = j.at("province").get<std::string>();
  s.cohort = j.at("cohort").get<std::string>();
  const auto& m = j.at("members");
  if (!m.is_null()) {
    s.members_known = true;
    s.female = m.at("female").get<std::int64_t>();
    s.male = m.at("male").get<std::int64_t>();
    s.other = m.at("other").get<std::int64_t>();
  }
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
  f.code = p.at("code").get<std::string>();
  f.donor = p.at("donor").get<std::string>();
  f.currency = p.at("currency").get<std::string>();
  auto start = opt_date_at(p, "from");
  if (!start.ok()) return start.error();
  auto end = opt_date_at(p, "to");
  if (!end.ok()) return end.error();
  f.start = *start;
  f.end = *end;
  for (const auto& b : p.at("budget")) {
    auto m = minor_at(b, "amount", f.currency);
    if (!m.ok()) return m.error();
    f.budget.push_back({b.at("category").get<std::string>(), *m});
  }
  f.audit_seq = seq;
  return f;
}

Result<store::FundReceiptRow> receipt_from_payload(const json& p, std::uint64_t seq,
                                                   const std::string& currency) {
  auto day = date_at(p, "date");
  if (!day.ok()) return day.error();
  auto m = minor_at(p, "amount", currency);
  if (!m.ok()) return m.error();
  return store::FundReceiptRow{seq, p.at("fund").get<std::string>(), *day, *m,
                               p.at("transaction").get<std::int64_t>()};
}

Result<store::MilestoneRow> milestone_from_payload(const json& p, std::uint64_t seq,
                                                   const std::string& actor) {
  auto day = date_at(p, "date");
  if (!day.ok()) return day.error();
  return store::MilestoneRow{p.at("enterprise").get<std::string>(),
                             p.at("milestone").get<std::string>(), *day, actor, seq};
}

store::MembersRow members_from_payload(const json& p, std::uint64_t seq) {
  return {seq, p.at("enterprise").get<std::string>(), p.at("female").get<std::int64_t>(),
          p.at("male").get<std::int64_t>(), p.at("other").get<std::int64_t>()};
}

Result<store::GrantEventRow> event_from_payload(const json& p, std::uint64_t seq,
                                                std::string type,
                                                const std::string& currency) {
  store::GrantEventRow e;
  e.audit_seq = seq;
  e.grant_id = p.at("grant").get<std::string>();
  e.enterprise = p.at("enterprise").get<std::string>();
  e.fund = p.at("fund").get<std::string>();
  e.type = std::move(type);
  auto day = date_at(p, "date");
  if (!day.ok()) return day.error();
  e.day = *day;
  e.tranche = p.at("tranche").get<int>();
  auto m = minor_at(p, "amount", currency);
  if (!m.ok()) return m.error();
  e.amount_minor = *m;
  e.in_kind = p.at("in_kind").get<bool>();
  e.description = p.at("description").get<std::string>();
  e.supplier = p.at("supplier").get<std::string>();
  e.reason = p.at("reason").get<std::string>();
  e.override_reason = p.at("override_reason").get<std::string>();
  e.transaction_id = p.at("transaction").get<std::int64_t>();
  e.snapshot = snapshot_from(p.at("snapshot"));
  return e;
}

Result<store::GrantRow> grant_from_payload(const json& p, std::uint64_t seq) {
  store::GrantRow g;
  g.id = p.at("grant").get<std::string>();
  g.enterprise = p.at("enterprise").get<std::string>();
  g.fund = p.at("fund").get<std::string>();
  g.currency = p.at("currency").get<std::string>();
  auto m = minor_at(p, "amount", g.currency);
  if (!m.ok()) return m.error();
  g.total_minor = *m;
  for (const auto& t : p.at("tranches")) {
    auto a = minor_at(t, "amount", g.currency);
    if (!a.ok()) return a.error();
    g.tranches.push_back({*a, t.at("conditions").get<std::vector<std::string>>()});
  }
  auto day = date_at(p, "date");
  if (!day.ok()) return day.error();
  g.day = *day;
  g.audit_seq = seq;
  return g;
}

store::PeriodEventRow period_from_payload(const json& p, std::uint64_t seq, bool closed,
                                          const std::string& time) {
  return {seq, p.at("month").get<std::string>(), closed,
          closed ? std::string() : p.at("reason").get<std::string>(), time};
}

}  // namespace semilla::grants
