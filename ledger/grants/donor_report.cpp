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
  std::set<std::string> grants;
  std::int64_t amount_minor = 0;
};

People people_of(const store::SnapshotRow& s) {
  People p;
  if (s.kind != "individual" && s.members_known) {
    p.female = s.female;
    p.male = s.male;
    p.other = s.other;
    return p;
  }
  if (s.sex == "female") {
    p.female = 1;
  } else if (s.sex == "male") {
    p.male = 1;
  } else if (s.sex == "other") {
    p.other = 1;
  } else {
    p.unknown = 1;
  }
  return p;
}

void add(GroupFigures& g, const Reached& r) {
  const People p = people_of(*r.snapshot);
  g.enterprises += 1;
  g.grants += static_cast<std::int64_t>(r.grants.size());
  g.people.female += p.female;
  g.people.male += p.male;
  g.people.other += p.other;
  g.people.unknown += p.unknown;
  g.amount_minor += r.amount_minor;
}

std::vector<Breakdown> breakdowns(const std::map<std::string, Reached>& reached, Date to) {
  using Key = std::string (*)(const store::SnapshotRow&, Date);
  const std::pair<const char*, Key> dims[] = {
      {"sex", [](const store::SnapshotRow& s, Date) { return s.sex; }},
      {"age_group",
       [](const store::SnapshotRow& s, Date on) { return age_group(s.birth_year, on); }},
      {"nationality", [](const store::SnapshotRow& s, Date) { return s.nationality; }},
      {"status", [](const store::SnapshotRow& s, Date) { return s.status; }},
      {"province", [](const store::SnapshotRow& s, Date) { return s.province; }},
      {"cohort", [](const store::SnapshotRow& s, Date) { return s.cohort; }},
      {"kind", [](const store::SnapshotRow& s, Date) { return s.kind; }}};
  std::vector<Breakdown> out;
  for (const auto& [name, key] : dims) {
    std::map<std::string, GroupFigures> groups;
    for (const auto& [id, r] : reached) {
      std::string value = key(*r.snapshot, to);
      if (value.empty()) value = "unknown";
      auto& g = groups[value];
      g.value = value;
      add(g, r);
    }
    Breakdown b{name, {}};
    for (auto& [value, g] : groups) b.groups.push_back(std::move(g));
    out.push_back(std::move(b));
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
    x.grants.insert(e.grant_id);
    x.amount_minor += e.type == "disburse" ? e.amount_minor : -e.amount_minor;
  }
  r.total.value = "total";
  for (const auto& [id, x] : reached) add(r.total, x);
  r.breakdowns = breakdowns(reached, r.to);
  const std::int64_t paid = r.disbursed_cash_minor + r.disbursed_in_kind_minor;
  r.reconciled = r.other_minor == 0 && r.total.amount_minor == paid - r.returned_minor &&
                 r.committed_minor ==
                     r.committed_opening_minor + r.awarded_minor - (paid - repaid) -
                         r.released_minor;
  if (!r.reconciled) SEMILLA_TRY(find_unexplained(book.store(), r));
  return r;
}

}  // namespace semilla::grants
