// SPDX-License-Identifier: Apache-2.0
// The portfolio's page (html_reports.h), from the document of
// `portfolio --json --history N --at-risk`.
#include "cli/html/html_page.h"
#include "cli/html/html_reports.h"
#include "cli/html/html_strings.h"
#include "cli/html/html_text.h"
#include "cli/html/svg_chart.h"

namespace semilla::html {
namespace {

using nlohmann::json;
using Ptr = json::json_pointer;
namespace w = words;

constexpr const char* kPar30Colour = "#d9822b";
constexpr const char* kPar90Colour = "#b23b3b";

// The entry of `currency` in a history point's currencies, or nullptr when it had no loans.
const json* history_entry(const json& point, const json& currency) {
  for (const auto& c : point.at("currencies")) {
    if (c.at("currency") == currency) return &c;
  }
  return nullptr;
}

// PAR30 and PAR90 at each date of the history, in a chart and a table.
void write_history(std::ostream& out, const json& p, std::size_t ci) {
  const json& history = p.at("history");
  if (history.empty()) return;
  const json& currency = p.at("currencies")[ci].at("currency");
  subheading(out, tr(w::kHistory));
  Chart c{"chart-par-" + str(currency), std::string(tr(w::kHistory)), {},
          {{std::string(tr(w::kPar30)), kPar30Colour, {}}, {std::string(tr(w::kPar90)),
                        kPar90Colour, {}}}};
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const json* e = history_entry(history[i], currency);
    c.categories.push_back(str(history[i].at("as_of")));
    std::vector<std::string> row = {figure(p, Ptr("/history") / i / "as_of", Shown::kText)};
    if (e == nullptr) {
      c.series[0].values.push_back({"0", ""});
      c.series[1].values.push_back({"0", ""});
      row.insert(row.end(), 6, escape(tr(w::kNoLoans)));
    } else {
      const Ptr at = Ptr("/history") / i / "currencies" /
                     static_cast<std::size_t>(e - &history[i].at("currencies")[0]);
      c.series[0].values.push_back(chart_value(p, at / "par30", Shown::kRatio));
      c.series[1].values.push_back(chart_value(p, at / "par90", Shown::kRatio));
      for (auto& f : figures(p, at, {{"loans", Shown::kCount},
                                     {"gross_outstanding_principal", Shown::kAmount},
                                     {"par30_principal", Shown::kAmount},
                                     {"par30", Shown::kRatio},
                                     {"par90_principal", Shown::kAmount},
                                     {"par90", Shown::kRatio}})) {
        row.push_back(std::move(f));
      }
    }
    rows.push_back(row);
  }
  chart(out, column_chart(c, kChartWidthPx, 260));
  table(out, {{tr(w::kDate)}, {tr(w::kLoans), true}, {tr(w::kOutstandingShort), true},
              {tr(w::kPar30Principal), true}, {tr(w::kPar30), true}, {tr(w::kPar90Principal), true},
              {tr(w::kPar90), true}}, rows);
}

void write_aging(std::ostream& out, const json& p, std::size_t ci) {
  subheading(out, tr(w::kAging));
  const Ptr base = Ptr("/currencies") / ci / "buckets";
  const json& buckets = p.at(base);
  Chart c{"chart-aging-" + str(p.at("currencies")[ci].at("currency")), std::string(tr(w::kAging)),
          {}, {{std::string(tr(w::kPrincipal)), kBlue, {}}}};
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    c.categories.push_back(w::group_value(str(buckets[i].at("bucket"))));
    c.series[0].values.push_back(
        {str(buckets[i].at("principal")),
         svg_figure(p, base / i / "principal", Shown::kAmount) + " · " +
             escape(tr(w::kLoansCount)) + " " + svg_figure(p, base / i / "loans", Shown::kCount)});
  }
  chart(out, bar_chart(c, kChartWidthPx));
}

// By product and by cohort, and what was written off.
void write_groups(std::ostream& out, const json& p, std::size_t ci) {
  subheading(out, tr(w::kByProduct));
  std::vector<std::vector<std::string>> rows;
  for (const auto& [list, key, label] :
       {std::tuple{"by_product", "product", tr(w::kProduct)},
        std::tuple{"by_cohort", "cohort", tr(w::kCohort)}}) {
    const Ptr base = Ptr("/currencies") / ci / list;
    for (std::size_t i = 0; i < p.at(base).size(); ++i) {
      auto row = figures(p, base / i, {{key, Shown::kText}, {"loans", Shown::kCount},
                                       {"gross_outstanding_principal", Shown::kAmount},
                                       {"par30", Shown::kRatio}, {"par90", Shown::kRatio}});
      row[0] = escape(label) + " " + row[0];
      rows.push_back(std::move(row));
    }
  }
  table(out, {{tr(w::kGroup)}, {tr(w::kLoans), true}, {tr(w::kOutstandingShort), true},
        {tr(w::kPar30), true},
              {tr(w::kPar90), true}}, rows);
  subheading(out, tr(w::kWrittenOff));
  const Ptr wo = Ptr("/currencies") / ci / "written_off";
  table(out, {{tr(w::kLoans), true}, {tr(w::kWrittenOffAmount), true}, {tr(w::kRecovered), true}},
        {{figure(p, wo / "loans", Shown::kCount), figure(p, wo / "amount", Shown::kAmount),
          figure(p, wo / "recovered", Shown::kAmount)}});
}

void write_currency(std::ostream& out, const json& p, std::size_t ci) {
  const Ptr at = Ptr("/currencies") / ci;
  const std::string code = str(p.at(at / "currency"));
  open_section(out, "currency-" + code, std::string(tr(w::kCurrency)) + " " + code,
               tr(w::kParNote));
  tiles(out, {{std::string(tr(w::kLoans)), figure(p, at / "loans", Shown::kCount)},
              {std::string(tr(w::kOutstanding)),
               figure(p, at / "gross_outstanding_principal", Shown::kAmount)},
              {std::string(tr(w::kPar30)), figure(p, at / "par30", Shown::kRatio)},
              {std::string(tr(w::kPar90)), figure(p, at / "par90", Shown::kRatio)}});
  write_history(out, p, ci);
  write_aging(out, p, ci);
  write_groups(out, p, ci);
  close_section(out);
}

void write_at_risk(std::ostream& out, const json& p) {
  open_section(out, "at-risk", tr(w::kAtRisk));
  const json list = p.value("at_risk", json::array());
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Ptr at = Ptr("/at_risk") / i;
    rows.push_back(figures(p, at, {{"loan", Shown::kText}, {"enterprise", Shown::kText},
                                   {"product", Shown::kText}, {"days_past_due", Shown::kCount},
                                   {"overdue", Shown::kAmount}, {"at_risk", Shown::kAmount},
                                   {"currency", Shown::kText}}));
  }
  if (rows.empty()) {
    paragraph(out, escape(tr(w::kNoneAtRisk)));
  } else {
    table(out, {{tr(w::kLoan)}, {tr(w::kEnterprise)}, {tr(w::kProduct)}, {tr(w::kDaysPastDue),
          true},
                {tr(w::kOverdue), true}, {tr(w::kAtRiskColumn), true}, {tr(w::kCurrency)}}, rows);
  }
  close_section(out);
}

void write_partners(std::ostream& out, const json& p) {
  const json list = p.value("partner_loans", json::array());
  if (list.empty()) return;
  open_section(out, "partners", tr(w::kPartners));
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Ptr at = Ptr("/partner_loans") / i;
    rows.push_back(figures(p, at, {{"issuer", Shown::kText}, {"currency", Shown::kText},
                                   {"loans", Shown::kCount},
                                   {"gross_outstanding_principal", Shown::kAmount},
                                   {"par30", Shown::kRatio}, {"par90", Shown::kRatio},
                                   {"written_off", Shown::kCount}}));
  }
  table(out, {{tr(w::kPartner)}, {tr(w::kCurrency)}, {tr(w::kLoans), true},
        {tr(w::kOutstandingShort), true},
              {tr(w::kPar30), true}, {tr(w::kPar90), true}, {tr(w::kWrittenOff), true}}, rows);
  close_section(out);
}

}  // namespace

void write_portfolio_page(std::ostream& out, const json& portfolio) {
  open_page(out, tr(w::kPortfolioTitle),
            escape(tr(w::kAsOf)) + " " + figure(portfolio, Ptr("/as_of"), Shown::kText));
  const std::size_t n = portfolio.at("currencies").size();
  if (n == 0) paragraph(out, escape(tr(w::kNone)));
  for (std::size_t ci = 0; ci < n; ++ci) write_currency(out, portfolio, ci);
  write_at_risk(out, portfolio);
  write_partners(out, portfolio);
  close_page(out);
}

}  // namespace semilla::html
