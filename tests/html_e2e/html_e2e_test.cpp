// SPDX-License-Identifier: Apache-2.0
// The HTML pages (--html) of the example programme through the real binary, rendered by
// headless Chromium: check_page.py (beside this file) checks that every figure on the page is
// the JSON report's, that the page fetches nothing, and that each chart is drawn in the
// screenshot. The pages, their JSON and the screenshots stay in the build folder
// (test-artefacts/html) for a person to look at; they are not kept in git.
//
// Chromium (Debian's chromium) and Pillow (python3-pil) are test packages (dev.sh): without
// them the test fails, unless SEMILLA_SKIP_CHROMIUM=1 says to skip it (a local run on a
// machine without them).
#include <gmock/gmock.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

namespace fs = std::filesystem;

const std::string kArtefacts = SEMILLA_BINARY_DIR "/test-artefacts/html/";
const std::string kChecker = SEMILLA_SOURCE_DIR "/tests/html_e2e/check_page.py";

const std::vector<std::string> kDonor = {"report", "donor", "BID-2026", "--from", "2026-01-01",
                                         "--to", "2026-06-30"};
const std::vector<std::string> kPortfolio = {"portfolio", "--as-of", "2026-06-30", "--at-risk",
                                             "--history", "12"};

// The example programme up to its partner's batch (parts 10 to 60), built once and copied
// into each test's book.
void copy_programme(const Cli& cli) {
  copy_example_parts(cli, {"10-book", "40-loans", "50-grants", "60-exchange"});
}

std::vector<std::string> with(std::vector<std::string> args,
                              const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// Writes NAME.html with --json and NAME.json into the artefacts, and checks that the JSON
// printed beside the page is the one --json alone prints. Returns that JSON.
json write_page(const Cli& cli, const std::vector<std::string>& args, const std::string& name) {
  fs::create_directories(kArtefacts);
  const std::string page = kArtefacts + name + ".html";
  fs::remove(page);
  const std::string alone = cli.ok(with({"--json"}, args));
  const std::string beside = cli.ok(with(with({"--json"}, args), {"--html", page}));
  EXPECT_EQ(beside, alone);
  spit(kArtefacts + name + ".json", alone);
  EXPECT_TRUE(fs::exists(page));
  return json::parse(alone);
}

// Runs check_page.py on NAME's page; true when it passes. Fails the test when Chromium or
// Pillow is missing, unless SEMILLA_SKIP_CHROMIUM=1.
bool pixels_and_figures_hold(const std::string& name, const std::vector<std::string>& extra) {
  const std::string py = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  std::string cmd = py + " " + kChecker + " " + kArtefacts + name + ".html " + kArtefacts +
                    name + ".json " + kArtefacts + name + ".png";
  for (const auto& e : extra) cmd += " '" + e + "'";
  const std::string log = kArtefacts + name + ".check.log";
  const int status = std::system((cmd + " >" + log + " 2>&1").c_str());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 77) {
    const char* skip = std::getenv("SEMILLA_SKIP_CHROMIUM");
    if (skip != nullptr && std::string(skip) == "1") return true;
    ADD_FAILURE() << "Chromium or python3-pil is missing (set SEMILLA_SKIP_CHROMIUM=1 to skip "
                     "on a machine without them): "
                  << slurp(log);
    return false;
  }
  EXPECT_EQ(code, 0) << slurp(log);
  return code == 0;
}

TEST(HtmlPagesE2e, TheDonorReportShowsTheJsonFiguresAndItsChartsAreDrawn) {
  Cli cli;
  copy_programme(cli);
  const json r = write_page(cli, kDonor, "donor-report");
  ASSERT_EQ(r["by_month"].size(), 6U);
  EXPECT_EQ(r["by_month"][2], json::parse(R"({"month": "2026-03", "disbursed_cash": "6480.00",
      "disbursed_in_kind": "2160.00", "returned": "0.00"})"));
  // 12 grants of two tranches: the first paid to all, the second to six in May and two in
  // the partner's June batch; GR-011 cancelled before its second.
  EXPECT_EQ(r["tranche_totals"], json::parse(R"([
      {"state": "paid", "tranches": 20, "amount": "12480.00"},
      {"state": "pending", "tranches": 3, "amount": "1440.00"},
      {"state": "cancelled", "tranches": 1, "amount": "480.00"}])"));
  EXPECT_EQ(r["tranche_totals"][1]["amount"], r["money"]["committed_closing"]);
  EXPECT_TRUE(pixels_and_figures_hold(
      "donor-report",
      {"--cover", "/money", "--cover", "/budget", "--cover", "/by_month", "--cover",
       "/by/sex", "--cover", "/by/age_group", "--cover", "/by/nationality", "--cover",
       "/by/status", "--cover", "/tranche_totals", "--cover", "/reached", "--chart",
       "chart-budget", "--chart", "chart-months", "--chart", "chart-sex", "--chart",
       "chart-age_group", "--chart", "chart-nationality", "--chart", "chart-status",
       "--chart", "chart-tranches"}));
}

TEST(HtmlPagesE2e, ThePortfolioShowsTwelveMonthEndsOfParAndItsChartsAreDrawn) {
  Cli cli;
  copy_programme(cli);
  const json p = write_page(cli, kPortfolio, "portfolio");
  ASSERT_EQ(p["history"].size(), 12U);
  EXPECT_EQ(p["history"][0]["as_of"], "2025-07-31");
  EXPECT_EQ(p["history"][0]["currencies"], json::array());  // no loan yet
  EXPECT_EQ(p["history"][11]["as_of"], "2026-06-30");
  // Each month end's figures are the portfolio's as of that date.
  const json may = json::parse(cli.ok({"--json", "portfolio", "--as-of", "2026-05-31"}));
  json total = may["currencies"][0];
  for (const char* key : {"buckets", "by_product", "by_cohort", "written_off"}) {
    total.erase(key);
  }
  EXPECT_EQ(p["history"][10]["currencies"][0], total);
  EXPECT_EQ(p["history"][11]["currencies"][0]["par30"], p["currencies"][0]["par30"]);
  EXPECT_FALSE(p["at_risk"].empty());
  EXPECT_TRUE(pixels_and_figures_hold(
      "portfolio", {"--cover", "/currencies/0/buckets", "--cover", "/history", "--cover",
                    "/at_risk", "--chart", "chart-par-USD", "--chart", "chart-aging-USD"}));
}

TEST(HtmlPagesE2e, HtmlAloneDefaultsToTwelveMonthsAndTheLoansAtRisk) {
  Cli cli;
  copy_programme(cli);
  const std::string page = cli.dir() + "/p.html";
  const auto r = cli.run({"portfolio", "--as-of", "2026-06-30", "--html", page});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Wrote " + page));
  const std::string html = slurp(page);
  EXPECT_THAT(html, HasSubstr("data-json=\"/history/11/as_of\""));
  EXPECT_THAT(html, Not(HasSubstr("data-json=\"/history/12/")));
  EXPECT_THAT(html, HasSubstr("data-json=\"/at_risk/0/loan\""));
}

TEST(HtmlPagesE2e, HistoryIsBoundedPrintedAndStopsAtTheFirstDateABookHolds) {
  Cli cli;
  copy_programme(cli);
  EXPECT_EQ(cli.run({"portfolio", "--history", "0"}).exit_code, 2);
  EXPECT_EQ(cli.run({"portfolio", "--history", "121"}).exit_code, 2);
  const std::string table = cli.ok({"portfolio", "--as-of", "2026-06-30", "--history", "3"});
  EXPECT_THAT(table, HasSubstr("PAR30 and PAR90 at each month end"));
  EXPECT_THAT(table, HasSubstr("2026-04-30"));
  EXPECT_THAT(table, Not(HasSubstr("2026-03-31")));
  const json early = json::parse(
      cli.ok({"--json", "portfolio", "--as-of", "1900-02-15", "--history", "120"}));
  ASSERT_EQ(early["history"].size(), 2U);
  EXPECT_EQ(early["history"][0]["as_of"], "1900-01-31");
  EXPECT_EQ(early["history"][1]["as_of"], "1900-02-15");
}

TEST(HtmlPagesE2e, NamesFromUsersAreEscaped) {
  Cli cli;
  make_sample_book(cli);
  cli.ok({"fund", "add", "F-1", "--donor", "<script>alert('x')</script> & \"Co\"",
          "--currency", "USD", "--budget", "seed-capital-cash=100"});
  const std::string page = cli.dir() + "/f.html";
  cli.ok({"report", "donor", "F-1", "--from", "2026-01-01", "--to", "2026-01-31", "--html",
          page});
  const std::string html = slurp(page);
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                              "&quot;Co&quot;"));
}

TEST(HtmlPagesE2e, RefusedWithCsvAndWhenTheFileCannotBeWritten) {
  Cli cli;
  make_sample_book(cli);
  const auto both = cli.run({"portfolio", "--csv", "--html", cli.dir() + "/p.html"});
  EXPECT_EQ(both.exit_code, 2) << both.err;
  EXPECT_FALSE(fs::exists(cli.dir() + "/p.html"));
  const auto bad = cli.run({"portfolio", "--html", cli.dir() + "/no/such/dir/p.html"});
  EXPECT_EQ(bad.exit_code, 4);
  EXPECT_THAT(bad.err, HasSubstr("--html"));
  const auto empty = cli.run({"portfolio", "--html", cli.dir() + "/empty.html"});
  EXPECT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_THAT(slurp(cli.dir() + "/empty.html"), HasSubstr("No active loan"));
}

}  // namespace
}  // namespace semilla::e2e
