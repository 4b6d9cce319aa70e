// SPDX-License-Identifier: Apache-2.0
// Spanish and English through the real binary (issue 13): the language comes from --lang, else
// LC_ALL / LC_MESSAGES / LANG, else English; tables show the language's numbers while JSON and
// CSV stay canonical; no Spanish locale needs to be installed on the machine.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;

class LangE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    make_sample_book(cli);
    cli.ok({"post", "--date", "2026-03-01", "--memo", "Donor receipt", "--debit",
            "Assets:Bank:Pichincha=51234.50", "--credit", "Equity:Donor:BID=51234.50"});
  }
  // Runs `args` with the environment variables `env` (NAME=value) added.
  RunResult run_with(const std::vector<std::string>& env, const std::vector<std::string>& args) {
    Cli& c = cli;
    const auto saved = c.env;
    c.env.insert(c.env.end(), env.begin(), env.end());
    RunResult r = c.run(args);
    c.env = saved;
    return r;
  }
  Cli cli;
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(LangE2E, EnglishByDefaultWithGroupedThousands) {
  const RunResult r = cli.run({"trial-balance"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "Trial balance")) << r.out;
  EXPECT_TRUE(has(r.out, "Account")) << r.out;
  EXPECT_TRUE(has(r.out, "51,234.50")) << r.out;
}

TEST_F(LangE2E, SpanishByOptionAndByEnvironmentAlike) {
  const RunResult by_option = cli.run({"--lang", "es", "trial-balance"});
  ASSERT_EQ(by_option.exit_code, 0) << by_option.err;
  EXPECT_TRUE(has(by_option.out, "Balance de comprobación")) << by_option.out;
  EXPECT_TRUE(has(by_option.out, "Cuenta")) << by_option.out;
  EXPECT_TRUE(has(by_option.out, "Debe")) << by_option.out;
  EXPECT_TRUE(has(by_option.out, "51.234,50")) << by_option.out;
  EXPECT_FALSE(has(by_option.out, "51,234.50")) << by_option.out;
  // es_EC.UTF-8 is not generated on a bare Debian: the catalogue must not need it.
  for (const char* env : {"LANG=es_EC.UTF-8", "LANG=es_PE", "LC_MESSAGES=es", "LC_ALL=es_BO.UTF-8",
                          "LANG=es"}) {
    const RunResult by_env = run_with({env}, {"trial-balance"});
    EXPECT_EQ(by_env.exit_code, 0) << env;
    EXPECT_EQ(by_env.out, by_option.out) << env;
  }
  // --lang is a global option: after the command too.
  EXPECT_EQ(cli.run({"trial-balance", "--lang", "es"}).out, by_option.out);
  EXPECT_EQ(cli.run({"trial-balance", "--lang=es"}).out, by_option.out);
}

TEST_F(LangE2E, TheOptionAndLcAllWinOverLang) {
  const std::string english = cli.ok({"trial-balance"});
  EXPECT_EQ(run_with({"LANG=es_EC.UTF-8"}, {"--lang", "en", "trial-balance"}).out, english);
  EXPECT_EQ(run_with({"LANG=es_EC.UTF-8", "LC_ALL=en_US.UTF-8"}, {"trial-balance"}).out, english);
  EXPECT_EQ(run_with({"LANG=es_EC.UTF-8", "LC_ALL=C"}, {"trial-balance"}).out, english);
  // A language without a catalogue is English.
  EXPECT_EQ(run_with({"LANG=fr_FR.UTF-8"}, {"trial-balance"}).out, english);
  // LANGUAGE alone does not choose (GNU programs ignore it when the locale is C).
  EXPECT_EQ(run_with({"LANGUAGE=es"}, {"trial-balance"}).out, english);
}

TEST_F(LangE2E, JsonAndCsvStayCanonicalInSpanish) {
  const std::string en_json = cli.ok({"--json", "trial-balance"});
  EXPECT_EQ(cli.ok({"--json", "--lang", "es", "trial-balance"}), en_json);
  EXPECT_EQ(json::parse(en_json)["totals"][0]["debit"], "51234.50");
  const std::string en_csv = cli.ok({"trial-balance", "--csv"});
  EXPECT_EQ(cli.ok({"--lang", "es", "trial-balance", "--csv"}), en_csv);
  EXPECT_TRUE(has(en_csv, "51234.50")) << en_csv;
}

TEST_F(LangE2E, AnErrorInSpanishKeepsItsExitCodeAndNamesTheField) {
  const RunResult r = cli.run({"--lang", "es", "post", "--date", "2026-03-02", "--debit",
                               "Assets:Receivable:EC-001=1.000,50", "--credit",
                               "Assets:Bank:Pichincha=1.000,50"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.err, "semilla: error: ")) << r.err;
  EXPECT_TRUE(has(r.err, "--debit")) << r.err;
  EXPECT_TRUE(has(r.err, "escriba 1000.50")) << r.err;
  const RunResult en = cli.run({"post", "--date", "2026-03-02", "--debit",
                                "Assets:Receivable:EC-001=1,000.50", "--credit",
                                "Assets:Bank:Pichincha=1,000.50"});
  EXPECT_EQ(en.exit_code, 1);
  EXPECT_TRUE(has(en.err, "write 1000.50")) << en.err;
  // Nothing was posted.
  EXPECT_EQ(json::parse(cli.ok({"--json", "trial-balance"}))["totals"][0]["debit"], "51234.50");
  // --json keeps the code and field canonical; the message is the user's.
  const json doc = json::parse(cli.run({"--json", "--lang", "es", "post", "--date", "2026-03-02",
                                        "--debit", "Assets:Receivable:EC-001=1.000,50",
                                        "--credit", "Assets:Bank:Pichincha=1.000,50"})
                                   .out);
  EXPECT_EQ(doc["errors"][0]["code"], "invalid");
  EXPECT_TRUE(has(doc["errors"][0]["message"].get<std::string>(), "escriba 1000.50")) << doc;
}

TEST_F(LangE2E, HelpAndUsageErrorsInSpanish) {
  const RunResult help = cli.run({"--lang", "es", "trial-balance", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(has(help.out, "El saldo de cada cuenta, en el debe y el haber")) << help.out;
  const RunResult top = run_with({"LANG=es_PE.UTF-8"}, {"--help"});
  EXPECT_TRUE(has(top.out, "Códigos de salida")) << top.out;
  const RunResult bad = cli.run({"--lang", "fr", "trial-balance"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_TRUE(has(bad.err, "--lang")) << bad.err;
}

TEST_F(LangE2E, TheDonorReportInTheDonorsLanguage) {
  copy_example_parts(cli, {"10-book", "40-loans", "50-grants"});
  const std::vector<std::string> donor = {"report", "donor", "BID-2026", "--from",
                                          "2026-01-01", "--to", "2026-06-30"};
  const std::string english = cli.ok(donor);
  EXPECT_TRUE(has(english, "Budget and actual")) << english;
  const RunResult officer = run_with({"LANG=es_EC.UTF-8"}, donor);
  EXPECT_TRUE(has(officer.out, "Presupuesto y ejecución")) << officer.out;
  std::vector<std::string> for_donor = donor;
  for_donor.insert(for_donor.end(), {"--lang", "en"});
  EXPECT_EQ(run_with({"LANG=es_EC.UTF-8"}, for_donor).out, english);
  // The page too: its words and its numbers.
  const std::string page = cli.dir() + "/donor.html";
  for_donor.insert(for_donor.end(), {"--html", page});
  ASSERT_EQ(run_with({"LANG=es_EC.UTF-8"}, for_donor).exit_code, 0);
  EXPECT_TRUE(has(slurp(page), "<html lang=\"en\">"));
  EXPECT_TRUE(has(slurp(page), "Budget against actual"));
  std::vector<std::string> spanish = donor;
  spanish.insert(spanish.end(), {"--html", page});
  ASSERT_EQ(run_with({"LANG=es_EC.UTF-8"}, spanish).exit_code, 0);
  EXPECT_TRUE(has(slurp(page), "<html lang=\"es\">"));
  EXPECT_TRUE(has(slurp(page), "Presupuesto frente a ejecución"));
}

}  // namespace
}  // namespace semilla::e2e
