// SPDX-License-Identifier: Apache-2.0
// The donor report's page (html_reports.h), from the document of `report donor --json`.
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

// The series' colours: budget and actual, cash, in kind and returned.
constexpr const char* kGrey = "#a9b8c4";
constexpr const char* kGreen = "#4f9a5b";
constexpr const char* kOrange = "#d9822b";

std::string fig(const json& doc, const Ptr& at, Shown how = Shown::kAmount) {
  return figure(doc, at, how);
}

void write_header(std::ostream& out, const json& r) {
  auto text = [&r](const char* key) {
    return figure(r, Ptr("/" + std::string(key)), Shown::kText);
  };
  const std::string facts =
      escape(tr(w::kFund)) + " " + text("fund") + " · " + escape(tr(w::kDonor)) + " " +
             text("donor") +
      " · " + escape(tr(w::kPeriod)) + " " + text("from") + " " + escape(tr(w::kTo)) + " " +
      text("to") + " · " + escape(tr(w::kCurrency)) + " " + text("currency");
  open_page(out, tr(w::kDonorTitle), facts);
  tiles(out, {{std::string(w::money_line("received")), fig(r, Ptr("/money/received"))},
              {std::string(w::money_line("disbursed_cash")),
               fig(r, Ptr("/money/disbursed_cash"))},
              {std::string(w::money_line("disbursed_in_kind")),
               fig(r, Ptr("/money/disbursed_in_kind"))},
              {std::string(w::money_line("closing_balance")),
               fig(r, Ptr("/money/closing_balance"))},
              {std::string(tr(w::kPeople)), fig(r, Ptr("/reached/people"), Shown::kCount)},
              {std::string(tr(w::kEnterprises)),
               fig(r, Ptr("/reached/enterprises"), Shown::kCount)}});
}

void write_money(std::ostream& out, const json& r) {
  open_section(out, "money", tr(w::kMoney));
  std::vector<std::vector<std::string>> rows;
  for (const auto& [key, label] : w::money_lines()) {  // in the report's order
    if (r.at("money").contains(key)) {
      rows.push_back({escape(tr(label)), fig(r, Ptr("/money") / std::string(key))});
    }
  }
  table(out, {{tr(w::kItem)}, {tr(w::kAmount), true}}, rows);
  if (r.at("reconciled").get<bool>()) {
    paragraph(out, escape(tr(w::kReconciled)), "ok");
  } else {
    std::string ids;
    for (std::size_t i = 0; i < r.at("unexplained_transactions").size(); ++i) {
      ids += " " + fig(r, Ptr("/unexplained_transactions") / i, Shown::kCount);
    }
    paragraph(out, escape(tr(w::kNotReconciled)) + ids, "warning");
  }
  close_section(out);
}

void write_budget(std::ostream& out, const json& r) {
  open_section(out, "budget", tr(w::kBudget), tr(w::kBudgetNote));
  const json& lines = r.at("budget");
  if (lines.empty()) {
    paragraph(out, escape(tr(w::kNoBudget)));
    close_section(out);
    return;
  }
  Chart c{"chart-budget", std::string(tr(w::kBudget)), {},
          {{std::string(tr(w::kBudgetColumn)), kGrey, {}}, {std::string(tr(w::kActual)), kBlue,
                        {}}}};
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Ptr at = Ptr("/budget") / i;
    const std::string name = w::group_value(str(lines[i].at("category")));
    c.categories.push_back(name);
    c.series[0].values.push_back({str(lines[i].at("budget")),
                                  svg_figure(r, at / "budget", Shown::kAmount)});
    c.series[1].values.push_back({str(lines[i].at("actual")),
                                  svg_figure(r, at / "actual", Shown::kAmount)});
    rows.push_back({escape(name), fig(r, at / "budget"),
                    fig(r, at / "actual"), fig(r, at / "remaining")});
  }
  chart(out, bar_chart(c, kChartWidthPx));
  table(out, {{tr(w::kCategory)}, {tr(w::kBudgetColumn), true}, {tr(w::kActual), true},
              {tr(w::kRemaining), true}}, rows);
  close_section(out);
}

void write_months(std::ostream& out, const json& r) {
  open_section(out, "over-time", tr(w::kOverTime));
  Chart c{"chart-months", std::string(tr(w::kOverTime)), {},
          {{std::string(tr(w::kCash)), kBlue, {}}, {std::string(tr(w::kInKind)), kGreen, {}},
           {std::string(tr(w::kReturned)), kOrange, {}}}};
  std::vector<std::vector<std::string>> rows;
  const json& months = r.at("by_month");
  for (std::size_t i = 0; i < months.size(); ++i) {
    const Ptr at = Ptr("/by_month") / i;
    c.categories.push_back(str(months[i].at("month")));
    const char* keys[] = {"disbursed_cash", "disbursed_in_kind", "returned"};
    for (std::size_t s = 0; s < 3; ++s) {
      c.series[s].values.push_back(chart_value(r, at / keys[s], Shown::kAmount));
    }
    rows.push_back({fig(r, at / "month", Shown::kText), fig(r, at / "disbursed_cash"),
                    fig(r, at / "disbursed_in_kind"), fig(r, at / "returned")});
  }
  chart(out, column_chart(c, kChartWidthPx, 240));
  table(out, {{tr(w::kMonth)}, {tr(w::kCash), true}, {tr(w::kInKind), true}, {tr(w::kReturned),
        true}}, rows);
  close_section(out);
}

// One dimension of the reach: people per group in a chart, then the group's figures.
void write_dimension(std::ostream& out, const json& r, const std::string& dimension,
                     std::string_view title) {
  subheading(out, title);
  const json& groups = r.at("by").at(dimension);
  if (groups.empty()) {
    paragraph(out, escape(tr(w::kNone)));
    return;
  }
  Chart c{"chart-" + dimension, std::string(title), {}, {{std::string(tr(w::kPeople)), kBlue, {}}}};
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const Ptr at = Ptr("/by") / dimension / i;
    const std::string name = w::group_value(groups[i].at("group").get<std::string>());
    c.categories.push_back(name);
    c.series[0].values.push_back({std::to_string(groups[i].at("people").get<std::int64_t>()),
                                  svg_figure(r, at / "people", Shown::kCount)});
    std::vector<std::string> row = {escape(name)};
    for (const char* key :
         {"people", "female", "male", "other", "unknown", "enterprises", "grants"}) {
      row.push_back(fig(r, at / key, Shown::kCount));
    }
    row.push_back(fig(r, at / "amount"));
    rows.push_back(row);
  }
  chart(out, bar_chart(c, kChartWidthPx));
  table(out, {{tr(w::kGroup)}, {tr(w::kPeople), true}, {tr(w::kWomen), true}, {tr(w::kMen), true},
              {tr(w::kOther), true}, {tr(w::kUnknownSexColumn), true}, {tr(w::kEnterprises), true},
              {tr(w::kGrants), true}, {tr(w::kAmount), true}}, rows);
}

void write_reach(std::ostream& out, const json& r) {
  open_section(out, "reached", tr(w::kReached), tr(w::kReachedNote));
  auto count = [&r](const char* key) { return fig(r, Ptr("/reached") / key, Shown::kCount); };
  tiles(out, {{std::string(tr(w::kPeople)), count("people")},
              {std::string(tr(w::kWomen)), count("female")},
              {std::string(tr(w::kMen)), count("male")},
              {std::string(tr(w::kOther)), count("other")},
              {std::string(tr(w::kUnknownSex)), count("unknown")},
              {std::string(tr(w::kEnterprises)), count("enterprises")},
              {std::string(tr(w::kGrants)), count("grants")},
              {std::string(tr(w::kNetAmount)), fig(r, Ptr("/reached/amount"))}});
  const std::pair<const char*, std::string_view> dims[] = {
      {"sex", tr(w::kBySex)}, {"age_group", tr(w::kByAge)}, {"nationality", tr(w::kByNationality)},
      {"status", tr(w::kByStatus)}};
  for (const auto& [dimension, title] : dims) {
    if (r.at("by").contains(dimension)) write_dimension(out, r, dimension, title);
  }
  close_section(out);
}

void write_tranches(std::ostream& out, const json& r) {
  open_section(out, "tranches", tr(w::kTranches), tr(w::kTranchesNote));
  const json& totals = r.at("tranche_totals");
  Chart c{"chart-tranches", std::string(tr(w::kTranches)), {}, {{std::string(tr(w::kAmount)),
                                        kBlue, {}}}};
  for (std::size_t i = 0; i < totals.size(); ++i) {
    const Ptr at = Ptr("/tranche_totals") / i;
    c.categories.push_back(w::group_value(totals[i].at("state").get<std::string>()));
    c.series[0].values.push_back(
        {str(totals[i].at("amount")), svg_figure(r, at / "amount", Shown::kAmount) + " · " +
                                     escape(tr(w::kTranchesCount)) + " " +
                                     svg_figure(r, at / "tranches", Shown::kCount)});
  }
  chart(out, bar_chart(c, kChartWidthPx));
  subheading(out, tr(w::kNotPaid));
  std::vector<std::vector<std::string>> rows;
  const json& list = r.at("tranches");
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].at("state") == "paid") continue;
    const Ptr at = Ptr("/tranches") / i;
    rows.push_back({escape(str(list[i].at("grant"))), escape(str(list[i].at("enterprise"))),
                    fig(r, at / "n", Shown::kCount), fig(r, at / "amount"),
                    escape(w::group_value(list[i].at("state").get<std::string>()))});
  }
  if (rows.empty()) {
    paragraph(out, escape(tr(w::kNone)));
  } else {
    table(out, {{tr(w::kGrant)}, {tr(w::kEnterprise)}, {tr(w::kTranche), true}, {tr(w::kAmount),
          true},
                {tr(w::kState)}}, rows);
  }
  close_section(out);
}

}  // namespace

void write_donor_page(std::ostream& out, const json& report) {
  write_header(out, report);
  write_money(out, report);
  write_budget(out, report);
  write_months(out, report);
  write_reach(out, report);
  write_tranches(out, report);
  close_page(out);
}

}  // namespace semilla::html
