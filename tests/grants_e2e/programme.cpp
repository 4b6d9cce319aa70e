// SPDX-License-Identifier: Apache-2.0
#include "tests/grants_e2e/programme.h"

#include <gtest/gtest.h>

#include <set>

namespace semilla::grants_e2e {
namespace {

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }
std::string day(int month, int d) { return "2026-" + two(month) + "-" + two(d); }
std::string grant_id(int i) { return "GR-" + two(i); }

Enterprise make_enterprise(int i) {
  Enterprise e;
  e.i = i;
  e.id = "EC-0" + two(i);
  e.kind = i % 10 == 0 ? "cooperative"
           : i % 10 == 5 ? "association"
           : i % 7 == 0  ? "family"
                         : "individual";
  e.sex = i == 17 ? "" : i % 13 == 0 ? "other" : i % 3 == 0 ? "male" : "female";
  e.born = i == 23 ? 0 : 1950 + (i * 7) % 55;
  const char* nats[] = {"CO", "VE", "VE", "EC"};
  e.nationality = nats[i % 4];
  if (e.nationality == "EC") {
    e.status = i % 2 ? "host" : "returnee";
  } else {
    e.status = e.nationality == "CO" || i % 3 == 0 ? "refugee" : "migrant";
  }
  const char* provinces[] = {"Pichincha", "Imbabura", "Guayas", "Manabí"};
  e.province = provinces[i % 4];
  e.cohort = i <= 20 ? "2026-A" : "2026-B";
  if (e.kind != "individual") {
    e.female = 3 + i % 5;
    e.male = 1 + i % 3;
    e.other = i % 2;
  }
  if (e.kind == "cooperative") {  // registered one by one, with their own attributes
    const char* statuses[] = {"migrant", "refugee", "displaced", "host", ""};
    const char* member_nats[] = {"VE", "CO", "EC", "", "PE"};
    int k = 0;
    for (const auto& [sex, n] : {std::pair{"female", e.female}, std::pair{"male", e.male},
                                 std::pair{"other", e.other}}) {
      for (std::int64_t j = 0; j < n; ++j, ++k) {
        e.people.push_back({sex, k % 6 == 5 ? 0 : 1960 + (i + k * 11) % 48,
                            member_nats[(i + k) % 5], statuses[(i / 10 + k) % 5]});
      }
    }
  }
  return e;
}

std::int64_t tranche1(int i) { return 40000 + i * 725; }
std::int64_t tranche2(int i) { return 30000 + i * 310; }
bool second_paid(int i) { return i <= 31; }

}  // namespace

std::string usd(std::int64_t minor) {
  const bool neg = minor < 0;
  const std::int64_t a = neg ? -minor : minor;
  return (neg ? "-" : "") + std::to_string(a / 100) + "." + two(static_cast<int>(a % 100));
}

Programme make_programme() {
  Programme p;
  p.received_minor = 5000000;
  for (int i = 1; i <= kEnterprises; ++i) {
    p.enterprises.push_back(make_enterprise(i));
    p.awarded_minor += tranche1(i) + tranche2(i);
    p.movements.push_back({i - 1, grant_id(i), day(3, 1 + i % 28), tranche1(i), i % 3 == 0});
  }
  for (int i = 1; i <= kEnterprises; ++i) {
    if (!second_paid(i)) continue;
    // GR-31's second tranche is refused in closed March first, then paid in June.
    const std::string date = i == 31 ? day(6, 5) : day(5, 1 + i % 28);
    p.movements.push_back({i - 1, grant_id(i), date, tranche2(i), i % 4 == 0});
  }
  p.movements.push_back({4, grant_id(5), day(6, 10), -12050, false});
  p.movements.push_back({11, grant_id(12), day(4, 20), -tranche1(12), false});
  p.released_minor = tranche2(40);
  return p;
}

void run_programme(const e2e::Cli& cli, const Programme& p) {
  cli.ok({"--actor", "maria", "init", "--currency", "USD", "--name", "Semillas 2026",
          "--timezone", "America/Guayaquil"});
  cli.ok({"status", "define", "displaced", "--label", "Internally displaced"});
  for (const auto& e : p.enterprises) {
    std::vector<std::string> args{"enterprise", "add", e.id, "--kind", e.kind,
                                  "--nationality", e.nationality, "--status", e.status,
                                  "--province", e.province, "--cohort", e.cohort};
    if (!e.sex.empty()) args.insert(args.end(), {"--sex", e.sex});
    if (e.born) args.insert(args.end(), {"--birth-year", std::to_string(e.born)});
    cli.ok(args);
    if (!e.people.empty()) {
      std::vector<std::string> members{"enterprise", "members", e.id};
      for (const auto& m : e.people) {
        members.insert(members.end(),
                       {"--member", m.sex + "," + (m.born ? std::to_string(m.born) : "") + "," +
                                        m.nationality + "," + m.status});
      }
      cli.ok(members);
    } else if (e.kind != "individual") {
      cli.ok({"enterprise", "members", e.id, "--female", std::to_string(e.female), "--male",
              std::to_string(e.male), "--other", std::to_string(e.other)});
    }
  }
  cli.ok({"fund", "add", kFund, "--donor", "BID Lab", "--currency", "USD", "--from",
          "2026-01-01", "--to", "2026-12-31", "--budget", "seed-capital-cash=30000",
          "--budget", "seed-capital-in-kind=15000", "--budget", "training=5000"});
  cli.ok({"fund", "receive", kFund, "50000.00", "--date", "2026-01-15", "--ref", "SWIFT-001"});
  cli.ok({"milestone", "define", "plan-approved", "--label", "Business plan approved"});
  cli.ok({"milestone", "define", "follow-up-visit", "--label", "Follow-up visit"});
  for (const auto& e : p.enterprises) {
    const std::string g = grant_id(e.i);
    cli.ok({"milestone", "record", e.id, "plan-approved", "--date", day(2, 1 + e.i % 20)});
    cli.ok({"grant", "award", g, "--enterprise", e.id, "--fund", kFund, "--date",
            "2026-02-10", "--tranche", usd(tranche1(e.i)) + ":plan-approved", "--tranche",
            usd(tranche2(e.i)) + ":follow-up-visit"});
    if (second_paid(e.i) && e.i != 31) {
      cli.ok({"milestone", "record", e.id, "follow-up-visit", "--date", day(4, 1 + e.i % 28)});
    }
  }
  for (const auto& m : p.movements) {
    const auto& e = p.enterprises[static_cast<std::size_t>(m.enterprise)];
    if (m.amount_minor < 0) continue;
    if (m.date.substr(5, 2) != "03") continue;  // March first, then close it
    std::vector<std::string> args{"grant", "disburse", m.grant, "--tranche", "1", "--date",
                                  m.date};
    if (m.in_kind) {
      args.insert(args.end(), {"--in-kind", "Equipment kit for " + e.id, "--supplier",
                               "Equipos Andinos S.A."});
    }
    cli.ok(args);
  }
  cli.ok({"period", "close", "2026-03"});
  cli.ok({"milestone", "record", "EC-031", "follow-up-visit", "--date", "2026-03-05"});
  auto refused = cli.run({"grant", "disburse", "GR-31", "--tranche", "2", "--date", "2026-03-30"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("2026-03, a closed period"), std::string::npos) << refused.err;
  for (const auto& m : p.movements) {
    if (m.date.substr(5, 2) == "03") continue;
    if (m.amount_minor < 0) {
      cli.ok({"grant", "return", m.grant, usd(-m.amount_minor), "--date", m.date, "--reason",
              m.grant == "GR-05" ? "Unspent balance" : "Business closed"});
      continue;
    }
    std::vector<std::string> args{"grant", "disburse", m.grant, "--tranche", "2", "--date",
                                  m.date};
    if (m.in_kind) args.insert(args.end(), {"--in-kind", "Stock", "--supplier", "Mayorista"});
    cli.ok(args);
  }
  cli.ok({"grant", "cancel", "GR-40", "--date", "2026-06-15", "--reason", "Enterprise closed"});
}

namespace {

std::string age_group(int born) {
  if (born == 0) return "unknown";
  const int age = 2026 - born;
  if (age < 18) return "under-18";
  if (age <= 24) return "18-24";
  if (age <= 34) return "25-34";
  if (age <= 44) return "35-44";
  if (age <= 59) return "45-59";
  return "60+";
}

void add_enterprise(Group& g, std::int64_t grants, std::int64_t amount) {
  g.enterprises += 1;
  g.grants += grants;
  g.amount_minor += amount;
}

void add_people(Group& g, const std::string& sex, std::int64_t n) {
  (sex == "female" ? g.female : sex == "male" ? g.male : sex == "other" ? g.other : g.unknown) +=
      n;
}

// Whom the enterprise's grants reached (docs/grants.md): its members one by one, else its
// members by sex with the representative's other attributes, else its owner.
std::vector<std::pair<Person, std::int64_t>> persons(const Enterprise& e) {
  std::vector<std::pair<Person, std::int64_t>> out;
  if (!e.people.empty()) {
    for (const auto& m : e.people) out.push_back({m, 1});
  } else if (e.kind != "individual") {
    for (const auto& [sex, n] : {std::pair{"female", e.female}, std::pair{"male", e.male},
                                 std::pair{"other", e.other}}) {
      if (n > 0) out.push_back({Person{sex, e.born, e.nationality, e.status}, n});
    }
  } else {
    out.push_back({Person{e.sex, e.born, e.nationality, e.status}, 1});
  }
  return out;
}

std::string or_unknown(const std::string& v) { return v.empty() ? "unknown" : v; }

}  // namespace

Expected expected_report(const Programme& p, const std::string& from, const std::string& to) {
  Expected x;
  x.opening = 0;
  std::map<int, std::int64_t> amount;
  std::map<int, std::set<std::string>> grants;
  for (const auto& m : p.movements) {
    if (m.date < from) {
      x.opening -= m.amount_minor;
      continue;
    }
    if (m.date > to) continue;
    (m.amount_minor < 0 ? x.returned : m.in_kind ? x.in_kind : x.cash) +=
        m.amount_minor < 0 ? -m.amount_minor : m.amount_minor;
    amount[m.enterprise] += m.amount_minor;
    grants[m.enterprise].insert(m.grant);
  }
  if (from <= "2026-01-15") {
    x.closing = x.opening + p.received_minor;
  } else {
    x.opening += p.received_minor;
    x.closing = x.opening;
  }
  x.closing += x.returned - x.cash - x.in_kind;
  for (const auto& [idx, a] : amount) {
    const auto& e = p.enterprises[static_cast<std::size_t>(idx)];
    const auto n = static_cast<std::int64_t>(grants[idx].size());
    const auto reached = persons(e);
    add_enterprise(x.total, n, a);
    for (const auto& [person, count] : reached) add_people(x.total, person.sex, count);
    // A person's attributes: the enterprise in its owner's group, each person in their own.
    using Key = std::string (*)(const Person&);
    const std::pair<const char*, Key> person_dims[] = {
        {"sex", [](const Person& q) { return or_unknown(q.sex); }},
        {"age_group", [](const Person& q) { return age_group(q.born); }},
        {"nationality", [](const Person& q) { return or_unknown(q.nationality); }},
        {"status", [](const Person& q) { return or_unknown(q.status); }}};
    for (const auto& [dim, key] : person_dims) {
      add_enterprise(x.by[dim][key(Person{e.sex, e.born, e.nationality, e.status})], n, a);
      for (const auto& [person, count] : reached) {
        add_people(x.by[dim][key(person)], person.sex, count);
      }
    }
    // An enterprise's attributes: everything in its group.
    const std::pair<const char*, std::string> enterprise_dims[] = {
        {"province", e.province}, {"cohort", e.cohort}, {"kind", e.kind}};
    for (const auto& [dim, value] : enterprise_dims) {
      add_enterprise(x.by[dim][value], n, a);
      for (const auto& [person, count] : reached) {
        add_people(x.by[dim][value], person.sex, count);
      }
    }
  }
  return x;
}

}  // namespace semilla::grants_e2e
