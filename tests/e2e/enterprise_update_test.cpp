// SPDX-License-Identifier: Apache-2.0
// Correcting an enterprise through the real binary (issue 12): `enterprise update` records its
// attributes in the chain (enterprise.update), the name stays outside and can be erased with
// `enterprise forget-name`, and the donor report keeps the attributes each event had.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;

class EnterpriseUpdate : public ::testing::Test {
 protected:
  void SetUp() override { make_sample_book(cli); }

  json run_json(const std::vector<std::string>& args) {
    std::vector<std::string> all{"--json"};
    all.insert(all.end(), args.begin(), args.end());
    return json::parse(cli.ok(all));
  }

  json enterprise(const std::string& id) {
    const json list = run_json({"enterprise", "list"});
    for (const json& e : list["enterprises"]) {
      if (e["id"] == id) return e;
    }
    ADD_FAILURE() << "no enterprise " << id;
    return json();
  }

  void expect_verifies() { expect_verifies_and_imports(cli); }

  Cli cli;
};

TEST_F(EnterpriseUpdate, ChangesOnlyTheGivenAttributesAndRecordsThem) {
  json u = run_json({"enterprise", "update", "EC-001", "--status", "refugee", "--cohort",
                     "2026-B"});
  EXPECT_EQ(u["recorded"], true);
  EXPECT_EQ(u["duplicate"], false);
  json e = enterprise("EC-001");
  EXPECT_EQ(e["status"], "refugee");
  EXPECT_EQ(e["cohort"], "2026-B");
  EXPECT_EQ(e["sex"], "female");        // untouched
  EXPECT_EQ(e["birth_year"], 1990);     // untouched
  EXPECT_EQ(e["name"], "Panadería Rosa");
  // The record holds every attribute, and never the name.
  const std::string bundle = cli.dir() + "/b.json";
  cli.ok({"book", "export", "--out", bundle});
  std::ifstream in(bundle);
  json records = json::parse(in)["records"];
  bool seen = false;
  for (const json& text : records) {
    json r = json::parse(text.get<std::string>());
    if (r["kind"] != "enterprise.update") continue;
    seen = true;
    EXPECT_EQ(r["payload"]["status"], "refugee");
    EXPECT_EQ(r["payload"]["sex"], "female");
    EXPECT_EQ(r.dump().find("Rosa"), std::string::npos);
  }
  EXPECT_TRUE(seen);
  expect_verifies();
}

TEST_F(EnterpriseUpdate, RepeatingItChangesNothingAndSaysSo) {
  cli.ok({"enterprise", "update", "EC-001", "--status", "refugee"});
  const std::string before = cli.ok({"audit", "prove", "consistency", "--from", "1"});
  RunResult again = cli.run({"enterprise", "update", "EC-001", "--status", "refugee"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("Already recorded, nothing changed"), std::string::npos) << again.out;
  EXPECT_EQ(run_json({"enterprise", "update", "EC-001", "--status", "refugee"})["duplicate"],
            true);
  EXPECT_EQ(cli.ok({"audit", "prove", "consistency", "--from", "1"}), before);
}

TEST_F(EnterpriseUpdate, BadValuesAndUnknownEnterprisesAreRefusedAndChangeNothing) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"enterprise", "update", "EC-404", "--sex", "male"},
           {"enterprise", "update", "EC-001", "--sex", "f"},
           {"enterprise", "update", "EC-001", "--status", "tourist"},
           {"enterprise", "update", "EC-001", "--nationality", "ZZ"},
           {"enterprise", "update", "EC-001", "--birth-year", "2031"},
           {"enterprise", "update", "EC-001", "--birth-year", "99"},
           {"enterprise", "update", "EC-001", "--province", std::string(65, 'x')}}) {
    RunResult r = cli.run(args);
    EXPECT_EQ(r.exit_code, 1) << args.back() << ": " << r.err;
  }
  EXPECT_EQ(cli.run({"enterprise", "update", "EC-001", "--kind", "family"}).exit_code, 2);
  json e = enterprise("EC-001");
  EXPECT_EQ(e["sex"], "female");
  EXPECT_EQ(e["status"], "migrant");
  expect_verifies();
}

TEST_F(EnterpriseUpdate, TheNameChangesAndIsForgottenOutsideTheChain) {
  const std::string proof = cli.ok({"audit", "prove", "consistency", "--from", "1"});
  cli.ok({"enterprise", "update", "EC-001", "--name", "Panadería Rosa y Hermanas"});
  EXPECT_EQ(enterprise("EC-001")["name"], "Panadería Rosa y Hermanas");
  json f = run_json({"enterprise", "forget-name", "EC-001"});
  EXPECT_EQ(f["forgotten"], true);
  EXPECT_TRUE(enterprise("EC-001")["name"].is_null());
  EXPECT_EQ(run_json({"enterprise", "forget-name", "EC-001"})["forgotten"], false);
  EXPECT_EQ(cli.run({"enterprise", "forget-name", "EC-404"}).exit_code, 1);
  // No record was written for the name.
  EXPECT_EQ(cli.ok({"audit", "prove", "consistency", "--from", "1"}), proof);
  expect_verifies();
}

TEST_F(EnterpriseUpdate, TheDonorReportKeepsTheAttributesOfEachEvent) {
  cli.ok({"fund", "add", "BID", "--donor", "Lab", "--currency", "USD", "--from", "2026-01-01",
          "--to", "2026-12-31", "--budget", "seed-capital-cash=5000"});
  cli.ok({"fund", "receive", "BID", "5000", "--date", "2026-01-05"});
  cli.ok({"grant", "award", "G-1", "--enterprise", "EC-001", "--fund", "BID", "--date",
          "2026-01-10", "--tranche", "500", "--tranche", "300"});
  cli.ok({"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-02-10"});
  cli.ok({"enterprise", "update", "EC-001", "--status", "refugee"});
  cli.ok({"grant", "disburse", "G-1", "--tranche", "2", "--date", "2026-05-10"});
  auto status_groups = [&](const std::string& from, const std::string& to) {
    json r = run_json({"report", "donor", "BID", "--from", from, "--to", to});
    std::vector<std::string> out;
    for (const json& g : r["by"]["status"]) out.push_back(g["group"]);
    return out;
  };
  EXPECT_EQ(status_groups("2026-01-01", "2026-03-31"), std::vector<std::string>{"migrant"});
  EXPECT_EQ(status_groups("2026-04-01", "2026-06-30"), std::vector<std::string>{"refugee"});
  expect_verifies();
}

TEST_F(EnterpriseUpdate, AnAlteredUpdateRowFailsVerify) {
  cli.ok({"enterprise", "update", "EC-001", "--status", "refugee"});
  cli.sql("DROP TRIGGER enterprise_updates_no_UPDATE; "
          "UPDATE enterprise_updates SET status = 'host';");
  RunResult r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
}

}  // namespace
}  // namespace semilla::e2e
