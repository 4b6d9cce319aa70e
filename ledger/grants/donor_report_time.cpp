// SPDX-License-Identifier: Apache-2.0
// The donor report's parts over time: grant money by month, and the tranches paid and pending
// at the report's end (docs/grants.md, "Donor report").
#include <map>

#include "ledger/grants/donor_report.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {
namespace {

std::string month_of(Date d) { return d.to_string().substr(0, 7); }

}  // namespace

void month_figures(const std::vector<store::GrantEventRow>& events, DonorReport& r) {
  std::map<std::string, std::size_t> index;
  const std::string last = month_of(r.to);
  for (Date m = Date::from_ymd(r.from.year(), r.from.month(), 1);; m = m.add_months(1)) {
    index[month_of(m)] = r.by_month.size();
    r.by_month.push_back({month_of(m)});
    if (month_of(m) == last) break;  // before add_months could pass Date::max()
  }
  for (const auto& e : events) {
    auto it = index.find(month_of(e.day));
    if (it == index.end()) continue;  // fund_events gives only the period's: cannot happen
    MonthFigures& m = r.by_month[it->second];
    if (e.type == "disburse") (e.in_kind ? m.in_kind_minor : m.cash_minor) += e.amount_minor;
    if (e.type == "return") m.returned_minor += e.amount_minor;
  }
}

Status tranche_figures(store::Store& store, DonorReport& r) {
  auto grants = store.grants().list_grants();
  if (!grants.ok()) return grants.error();
  auto events = store.grants().fund_events(r.fund.code, Date::min(), r.to);
  if (!events.ok()) return events.error();
  std::map<std::string, std::vector<const store::GrantEventRow*>> by_grant;
  for (const auto& e : *events) by_grant[e.grant_id].push_back(&e);
  r.tranche_totals = {{"paid"}, {"pending"}, {"cancelled"}};
  for (const auto& g : *grants) {
    if (g.fund != r.fund.code || r.to < g.day) continue;
    const std::size_t first = r.tranches.size();
    bool cancelled = false;
    for (std::size_t i = 0; i < g.tranches.size(); ++i) {
      r.tranches.push_back({g.id, g.enterprise, static_cast<int>(i + 1),
                            g.tranches[i].amount_minor, "pending", std::nullopt});
    }
    for (const auto* e : by_grant[g.id]) {
      if (e->type == "cancel") cancelled = true;
      if (e->type != "disburse" || e->tranche < 1 ||
          static_cast<std::size_t>(e->tranche) > g.tranches.size()) {
        continue;
      }
      TrancheLine& t = r.tranches[first + static_cast<std::size_t>(e->tranche - 1)];
      t.state = "paid";
      if (!t.paid_on || e->day < *t.paid_on) t.paid_on = e->day;
    }
    for (std::size_t i = first; i < r.tranches.size(); ++i) {
      TrancheLine& t = r.tranches[i];
      if (cancelled && t.state == "pending") t.state = "cancelled";
      TrancheTotal& total = r.tranche_totals[t.state == "paid"      ? 0
                                             : t.state == "pending" ? 1
                                                                    : 2];
      total.tranches += 1;
      total.amount_minor += t.amount_minor;
    }
  }
  return Status::Ok();
}

}  // namespace semilla::grants
