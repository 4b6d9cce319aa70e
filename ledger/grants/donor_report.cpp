// SPDX-License-Identifier: Apache-2.0
#include "ledger/grants/donor_report.h"

#include <map>
#include <set>

#include "ledger/grants/grants.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {
namespace {

// One enterprise's share of the period: the snapshot of its latest event decides its groups.
struct Reached {
  const store::SnapshotRow* snapshot = nullptr;  // in the events vector, which outlives it
  std::uint64_t seq = 0;                         // that event's record
  std::vector<store::MemberPerson> people;       // its members one by one then, if registered
  std::set<std::string> grants;
  std::int64_t amount_minor = 0;
};

// People with the same attributes, counted together.
struct Persons {
  store::MemberPerson person;
  std::int64_t count = 0;
};

// Whom an enterprise's grants reached: its members one by one when registered so; else its
// members by sex with the representative's other attributes; else its owner.
std::vector<Persons> persons_of(const Reached& r) {
  const store::SnapshotRow& s = *r.snapshot;
  std::vector<Persons> out;
  if (!r.people.empty()) {
    for (const auto& p : r.people) out.push_back({p, 1});
    return out;
  }
  if (s.kind != "individual" && s.members_known) {
    for (const auto& [sex, n] : {std::pair{"female", s.female}, std::pair{"male", s.male},
                                 std::pair{"other", s.other}}) {
      if (n > 0) out.push_back({{sex, s.birth_year, s.nationality, s.status}, n});
    }
    return out;
  }
  out.push_back({{s.sex, s.birth_year, s.nationality, s.status}, 1});
  return out;
}

void add_people(GroupFigures& g, const std::string& sex, std::int64_t n) {
  (sex == "female" ? g.people.female
   : sex == "male" ? g.people.male
   : sex == "other" ? g.people.other
                    : g.people.unknown) += n;
}

// The enterprise itself: once, with its grants and amount.
void add_enterprise(GroupFigures& g, const Reached& r) {
  g.enterprises += 1;
  g.grants += static_cast<std::int64_t>(r.grants.size());
  g.amount_minor += r.amount_minor;
}

void add(GroupFigures& g, const Reached& r) {
  add_enterprise(g, r);
  for (const auto& p : persons_of(r)) add_people(g, p.person.sex, p.count);
}

GroupFigures& group(std::map<std::string, GroupFigures>& groups, std::string value) {
  if (value.empty()) value = "unknown";
  auto& g = groups[value];
  g.value = value;
  return g;
}

// By a person's attribute (sex, age group, nationality, status), each person counts in their
// own group, while the enterprise, its grants and its amount count in its owner's or
// representative's group; by an enterprise's attribute (province, cohort, kind), everything
// counts in the enterprise's group.
std::vector<Breakdown> breakdowns(const std::map<std::string, Reached>& reached, Date to) {
  using Key = std::string (*)(const store::MemberPerson&, Date);
  const std::pair<const char*, Key> person_dims[] = {
      {"sex", [](const store::MemberPerson& p, Date) { return p.sex; }},
      {"age_group",
       [](const store::MemberPerson& p, Date on) { return age_group(p.birth_year, on); }},
      {"nationality", [](const store::MemberPerson& p, Date) { return p.nationality; }},
      {"status", [](const store::MemberPerson& p, Date) { return p.status; }}};
  using EnterpriseKey = std::string (*)(const store::SnapshotRow&);
  const std::pair<const char*, EnterpriseKey> enterprise_dims[] = {
      {"province", [](const store::SnapshotRow& s) { return s.province; }},
      {"cohort", [](const store::SnapshotRow& s) { return s.cohort; }},
      {"kind", [](const store::SnapshotRow& s) { return s.kind; }}};
  std::vector<Breakdown> out;
  auto finish = [&out](const char* name, std::map<std::string, GroupFigures>& groups) {
    Breakdown b{name, {}};
    for (auto& [value, g] : groups) b.groups.push_back(std::move(g));
    out.push_back(std::move(b));
  };
  for (const auto& [name, key] : person_dims) {
    std::map<std::string, GroupFigures> groups;
    for (const auto& [id, r] : reached) {
      const store::SnapshotRow& s = *r.snapshot;
      add_enterprise(group(groups, key({s.sex, s.birth_year, s.nationality, s.status}, to)), r);
      for (const auto& p : persons_of(r)) {
        add_people(group(groups, key(p.person, to)), p.person.sex, p.count);
      }
    }
    finish(name, groups);
  }
  for (const auto& [name, key] : enterprise_dims) {
    std::map<std::string, GroupFigures> groups;
    for (const auto& [id, r] : reached) add(group(groups, key(*r.snapshot)), r);
    finish(name, groups);
  }
  return out;
}

// Balances of the fund's programme accounts (fund spend) at the end of `as_of`, by account.
Result<std::map<std::string, std::int64_t>> programme_balances(store::Store& store,
                                                               const std::string& code,
                                                               Date as_of) {
  auto rows = store.balances("Expenses:Programme:" + code, as_of);
  if (!rows.ok()) return rows.error();
  std::map<std::string, std::int64_t> out;
  for (const auto& b : *rows) {
    auto minor = b.amount.minor_int64();
    if (!minor.ok()) return minor.error();
    out[b.account] += *minor;
  }
  return out;
}

std::int64_t sum(const std::map<std::string, std::int64_t>& m) {
  std::int64_t total = 0;
  for (const auto& [account, minor] : m) total += minor;
  return total;
}

// Spending on the other categories in the period, and each category's actual by `to`.
Status programme_figures(store::Store& store, DonorReport& r) {
  auto before = programme_balances(store, r.fund.code, r.from.add_days(-1));
  if (!before.ok()) return before.error();
  auto after = programme_balances(store, r.fund.code, r.to);
  if (!after.ok()) return after.error();
  r.spent_minor = sum(*after) - sum(*before);
  for (auto& line : r.budget) {
    auto it = after->find(programme_account(r.fund.code, line.category));
    if (it != after->end()) line.actual_minor = it->second;
  }
  return Status::Ok();
}

// The ledger's side: balances of the fund's accounts before `from` and at the end of `to`.
Status ledger_figures(store::Store& store, DonorReport& r) {
  const FundAccounts a = fund_accounts(r.fund.code);
  const Date before = r.from.add_days(-1);
  std::int64_t v[2][6];
  const std::string* names[6] = {&a.cash,     &a.received,  &a.paid_cash,
                                 &a.paid_in_kind, &a.returned, &a.committed};
  for (int at = 0; at < 2; ++at) {
    for (int i = 0; i < 6; ++i) {
      auto b = balance_minor(store, *names[i], at == 0 ? before : r.to);
      if (!b.ok()) return b.error();
      v[at][i] = *b;
    }
  }
  r.opening_minor = v[0][0];
  r.closing_minor = v[1][0];
  r.received_minor = -(v[1][1] - v[0][1]);
  r.disbursed_cash_minor = v[1][2] - v[0][2];
  r.disbursed_in_kind_minor = v[1][3] - v[0][3];
  r.returned_minor = -(v[1][4] - v[0][4]);
  r.committed_opening_minor = -v[0][5];  // a credit balance
  r.committed_minor = -v[1][5];
  for (const auto& b : r.fund.budget) {
    std::int64_t actual = 0;
    if (b.category == kSeedCapitalCash) actual = v[1][2];
    if (b.category == kSeedCapitalInKind) actual = v[1][3];
    r.budget.push_back({b.category, b.amount_minor, actual});
  }
  SEMILLA_TRY(programme_figures(store, r));
  r.other_minor = r.closing_minor - r.opening_minor - r.received_minor +
                  r.disbursed_cash_minor + r.disbursed_in_kind_minor - r.returned_minor +
                  r.spent_minor;
  return Status::Ok();
}

}  // namespace

std::string age_group(std::optional<int> birth_year, Date on) {
  if (!birth_year) return "unknown";
  const int age = on.year() - *birth_year;
  if (age < 18) return "under-18";
  if (age <= 24) return "18-24";
  if (age <= 34) return "25-34";
  if (age <= 44) return "35-44";
  if (age <= 59) return "45-59";
  return "60+";
}

namespace {

// The account is one of fund `code`'s (its own or one of a budget category).
bool fund_account(std::string_view account, const std::string& code) {
  if (account == "Assets:Funds:" + code) return true;
  for (const char* root : {"Equity:Funds:", "Expenses:Grants:", "Expenses:Programme:"}) {
    const std::string prefix = root + code + ":";
    if (account.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

// The transactions behind an unreconciled report (DonorReport::unexplained): one pass over
// the journal, run only when the figures disagree.
Status find_unexplained(store::Store& store, DonorReport& r) {
  std::set<std::int64_t> known;
  auto receipts = store.grants().list_receipts(r.fund.code);
  if (!receipts.ok()) return receipts.error();
  for (const auto& x : *receipts) known.insert(x.transaction_id);
  auto spending = store.grants().list_spending(r.fund.code);
  if (!spending.ok()) return spending.error();
  for (const auto& x : *spending) known.insert(x.transaction_id);
  auto events = store.grants().grant_events("");
  if (!events.ok()) return events.error();
  for (const auto& e : *events) {
    if (e.fund == r.fund.code && e.transaction_id != 0) known.insert(e.transaction_id);
  }
  return store.for_each_transaction([&](const book::Transaction& t) -> Status {
    if (t.date < r.from || r.to < t.date || known.contains(t.id)) return Status::Ok();
    for (const auto& p : t.postings) {
      if (fund_account(p.account, r.fund.code)) {
        r.unexplained.push_back(t.id);
        break;
      }
    }
    return Status::Ok();
  });
}

}  // namespace

Result<DonorReport> donor_report(book::Book& book, const std::string& fund,
                                 const std::string& from, const std::string& to) {
  DonorReport r;
  auto f = book.store().grants().find_fund(fund);
  if (!f.ok()) return f.error();
  if (!f->has_value()) return make_error(ErrorCode::kNotFound, "CODE", "no fund " + fund);
  r.fund = **f;
  auto d1 = Date::parse(from, "--from");
  if (!d1.ok()) return d1.error();
  auto d2 = Date::parse(to, "--to");
  if (!d2.ok()) return d2.error();
  if (*d2 < *d1) return make_error(ErrorCode::kInvalid, "--to", to + " is before --from " + from);
  r.from = *d1;
  r.to = *d2;
  SEMILLA_TRY(ledger_figures(book.store(), r));
  auto events = book.store().grants().fund_events(fund, r.from, r.to);
  if (!events.ok()) return events.error();
  std::map<std::string, Reached> reached;
  std::int64_t repaid = 0;  // paid again after returns: moves no commitment
  for (const auto& e : *events) {
    if (e.type == "disburse" && !e.reason.empty()) repaid += e.amount_minor;
    if (e.type == "award") r.awarded_minor += e.amount_minor;
    if (e.type == "cancel") r.released_minor += e.amount_minor;
    if (e.type != "disburse" && e.type != "return") continue;
    auto& x = reached[e.enterprise];
    x.snapshot = &e.snapshot;  // events come in record order: the latest wins
    x.seq = e.audit_seq;
    x.grants.insert(e.grant_id);
    x.amount_minor += e.type == "disburse" ? e.amount_minor : -e.amount_minor;
  }
  for (auto& [id, x] : reached) {  // the members one by one as they were at that event
    if (x.snapshot->kind == "individual" || !x.snapshot->members_known) continue;
    auto m = book.store().grants().members_before(id, x.seq);
    if (!m.ok()) return m.error();
    if (*m) x.people = std::move((*m)->people);
  }
  r.total.value = "total";
  for (const auto& [id, x] : reached) add(r.total, x);
  r.breakdowns = breakdowns(reached, r.to);
  month_figures(*events, r);
  SEMILLA_TRY(tranche_figures(book.store(), r));
  const std::int64_t paid = r.disbursed_cash_minor + r.disbursed_in_kind_minor;
  r.reconciled = r.other_minor == 0 && r.total.amount_minor == paid - r.returned_minor &&
                 r.committed_minor ==
                     r.committed_opening_minor + r.awarded_minor - (paid - repaid) -
                         r.released_minor;
  if (!r.reconciled) SEMILLA_TRY(find_unexplained(book.store(), r));
  return r;
}

}  // namespace semilla::grants
