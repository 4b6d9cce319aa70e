// SPDX-License-Identifier: Apache-2.0
// The two pages written from hand-made report documents: every figure ties back to the
// document, names are escaped, and single months, zeros and missing parts still make a page.
#include <gmock/gmock.h>

#include <regex>
#include <sstream>

#include "cli/html/html_reports.h"

namespace semilla::html {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

// `text` with the character references html::escape writes turned back.
std::string unescape(std::string text) {
  for (const auto& [ref, c] : {std::pair{"&lt;", "<"}, std::pair{"&gt;", ">"},
                               std::pair{"&quot;", "\""}, std::pair{"&#39;", "'"},
                               std::pair{"&amp;", "&"}}) {
    for (std::size_t at = text.find(ref); at != std::string::npos; at = text.find(ref, at + 1)) {
      text.replace(at, std::string(ref).size(), c);
    }
  }
  return text;
}

// Every data-json="P" data-value="V" of the page: P must be in `doc` with the value V, and
// nothing else may sit between them. Returns how many there are.
std::size_t expect_figures_match(const std::string& page, const json& doc) {
  static const std::regex kFigure("data-json=\"([^\"]*)\" data-value=\"([^\"]*)\"");
  std::size_t n = 0;
  for (std::sregex_iterator it(page.begin(), page.end(), kFigure), end; it != end; ++it) {
    ++n;
    const json::json_pointer at(unescape((*it)[1].str()));
    if (!doc.contains(at)) {
      ADD_FAILURE() << (*it)[1] << " is not in the document";
      continue;
    }
    const json& v = doc.at(at);
    EXPECT_EQ(unescape((*it)[2].str()), v.is_string() ? v.get<std::string>() : v.dump()) << (*it)[1];
  }
  return n;
}

json donor_doc(const std::string& donor, const std::string& group) {
  json people = {{"group", group}, {"enterprises", 1}, {"grants", 1}, {"people", 3},
                 {"female", 2}, {"male", 1}, {"other", 0}, {"unknown", 0},
                 {"amount", "9999999999999999.99"}};
  json money = json::object();
  for (const char* k : {"opening_balance", "received", "disbursed_cash", "disbursed_in_kind",
                        "returned", "spent", "other_movements", "closing_balance",
                        "committed_opening", "awarded", "released", "committed_closing"}) {
    money[k] = "0.00";
  }
  money["other_movements"] = "-12.50";
  return {{"fund", "F&1"}, {"donor", donor}, {"currency", "USD"}, {"from", "2026-06-01"},
          {"to", "2026-06-30"}, {"money", money},
          {"budget", json::array({{{"category", "training"}, {"budget", "0.00"},
                                   {"actual", "150.00"}, {"remaining", "-150.00"}}})},
          {"reached", people},
          {"by", {{"sex", json::array({people})}, {"age_group", json::array()},
                  {"nationality", json::array({people})}, {"status", json::array({people})},
                  {"province", json::array()}}},
          {"by_month", json::array({{{"month", "2026-06"}, {"disbursed_cash", "0.00"},
                                     {"disbursed_in_kind", "0.00"}, {"returned", "0.00"}}})},
          {"tranches", json::array({{{"grant", "G<1>"}, {"enterprise", "E'1"}, {"n", 2},
                                     {"amount", "480.00"}, {"state", "pending"},
                                     {"paid_on", nullptr}}})},
          {"tranche_totals", json::array({{{"state", "paid"}, {"tranches", 0},
                                           {"amount", "0.00"}},
                                          {{"state", "pending"}, {"tranches", 1},
                                           {"amount", "480.00"}},
                                          {{"state", "cancelled"}, {"tranches", 0},
                                           {"amount", "0.00"}}})},
          {"reconciled", false}, {"unexplained_transactions", json::array({17, 18})}};
}

TEST(HtmlReports, TheDonorPageTiesEveryFigureToTheReportAndEscapesNames) {
  const json doc = donor_doc("<script>alert(1)</script>", "<img src=x>");
  std::ostringstream out;
  write_donor_page(out, doc);
  const std::string page = out.str();
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  EXPECT_THAT(page, Not(HasSubstr("<img")));
  EXPECT_THAT(page, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(page, HasSubstr("G&lt;1&gt;"));
  EXPECT_GE(expect_figures_match(page, doc), 40U);
  // The huge amount, grouped; the negative one; unreconciled names its transactions.
  EXPECT_THAT(page, HasSubstr(">9,999,999,999,999,999.99</span>"));
  EXPECT_THAT(page, HasSubstr(">-12.50</span>"));
  EXPECT_THAT(page, HasSubstr("data-json=\"/unexplained_transactions/1\" data-value=\"18\""));
  EXPECT_THAT(page, HasSubstr("class=\"warning\""));
  // One month of zeros is a chart without bars; an empty dimension says so.
  EXPECT_THAT(page, HasSubstr("id=\"chart-months\""));
  EXPECT_THAT(page, HasSubstr("By age group</h3>\n<p>None.</p>"));
  EXPECT_THAT(page, HasSubstr("@media print"));
  EXPECT_THAT(page, HasSubstr("@page{size:A4"));
}

TEST(HtmlReports, TheDonorPageKeepsTheMoneyLinesInTheReportsOrder) {
  std::ostringstream out;
  write_donor_page(out, donor_doc("D", "female"));
  const std::string page = out.str();
  const std::size_t table = page.find("id=\"money\"");  // after the tiles above
  auto at = [&](const char* key) { return page.find(std::string(key) + "\"", table); };
  EXPECT_LT(at("/money/opening_balance"), at("/money/received"));
  EXPECT_LT(at("/money/received"), at("/money/closing_balance"));
  EXPECT_LT(at("/money/closing_balance"), at("/money/committed_opening"));
  EXPECT_LT(at("/money/committed_opening"), at("/money/committed_closing"));
  EXPECT_THAT(page, HasSubstr(">Women</text>"));  // group values in words
}

json portfolio_doc() {
  const json usd = {{"currency", "USD"}, {"loans", 2}, {"gross_outstanding_principal", "1000.00"},
                    {"par30", "0.2500"}, {"par90", "0.0000"}, {"par30_principal", "250.00"},
                    {"par90_principal", "0.00"}};
  json total = usd;
  total["buckets"] = json::array();
  for (const char* b : {"current", "1-30", "31-60", "61-90", "91-180", ">180"}) {
    total["buckets"].push_back({{"bucket", b}, {"loans", 0}, {"principal", "0.00"}});
  }
  total["buckets"][0] = {{"bucket", "current"}, {"loans", 1}, {"principal", "750.00"}};
  total["buckets"][2] = {{"bucket", "31-60"}, {"loans", 1}, {"principal", "250.00"}};
  json product = usd;
  product["product"] = "P&1";
  json cohort = usd;
  cohort["cohort"] = "";
  total["by_product"] = json::array({product});
  total["by_cohort"] = json::array({cohort});
  total["written_off"] = {{"loans", 0}, {"amount", "0.00"}, {"recovered", "0.00"}};
  return {{"as_of", "2026-06-30"}, {"currencies", json::array({total})},
          {"partner_loans", json::array()},
          {"history", json::array({{{"as_of", "2026-05-31"}, {"currencies", json::array()}},
                                   {{"as_of", "2026-06-30"}, {"currencies", {usd}}}})},
          {"at_risk", json::array()}};
}

TEST(HtmlReports, ThePortfolioPageShowsAMonthWithoutLoansAsADash) {
  const json doc = portfolio_doc();
  std::ostringstream out;
  write_portfolio_page(out, doc);
  const std::string page = out.str();
  EXPECT_GE(expect_figures_match(page, doc), 30U);
  EXPECT_THAT(page, HasSubstr(">25.00%</span>"));
  EXPECT_THAT(page, HasSubstr("data-json=\"/history/0/as_of\""));
  EXPECT_THAT(page, Not(HasSubstr("data-json=\"/history/0/currencies")));
  EXPECT_THAT(page, HasSubstr("id=\"chart-par-USD\""));
  EXPECT_THAT(page, HasSubstr("id=\"chart-aging-USD\""));
  EXPECT_THAT(page, HasSubstr("No active loan has an instalment past due."));
  EXPECT_THAT(page, HasSubstr("P&amp;1"));
}

TEST(HtmlReports, APortfolioWithoutLoansIsStillAPage) {
  const json doc = {{"as_of", "2026-06-30"}, {"currencies", json::array()},
                    {"partner_loans", json::array()}};
  std::ostringstream out;
  write_portfolio_page(out, doc);
  EXPECT_THAT(out.str(), HasSubstr("</html>"));
  EXPECT_THAT(out.str(), HasSubstr("None."));
}

}  // namespace
}  // namespace semilla::html
