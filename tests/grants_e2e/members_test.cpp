// SPDX-License-Identifier: Apache-2.0
// The people a programme reaches, through the real binary (issue 12): a book extends the
// migration statuses (`status define`), a cooperative registers its members one by one with
// their own attributes, and the donor report counts each member by those, not by the
// representative's. Bad members are all reported and change nothing; each book verifies.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::grants_e2e {
namespace {

using nlohmann::json;

class Members : public ::testing::Test {
 protected:
  void SetUp() override { e2e::make_sample_book(cli); }

  json run_json(const std::vector<std::string>& args) {
    std::vector<std::string> all{"--json"};
    all.insert(all.end(), args.begin(), args.end());
    return json::parse(cli.ok(all));
  }

  std::string head() { return run_json({"audit", "verify"})["head"]; }

  // The group `value` of dimension `dim` in the donor report for the year.
  json group(const json& report, const std::string& dim, const std::string& value) {
    for (const json& g : report["by"][dim]) {
      if (g["group"] == value) return g;
    }
    return json();
  }

  e2e::Cli cli;
};

TEST_F(Members, ABookDefinesItsOwnStatusesAndEnterprisesUseThem) {
  e2e::RunResult unknown = cli.run({"enterprise", "add", "EC-010", "--status", "displaced"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("--status: \"displaced\" is not one of migrant, refugee, "
                             "asylum-seeker, irregular, returnee, host, stateless, other"),
            std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("semilla status define displaced"), std::string::npos);
  json d = run_json({"status", "define", "displaced", "--label", "Internally displaced"});
  EXPECT_EQ(d["duplicate"], false);
  EXPECT_EQ(run_json({"status", "define", "displaced", "--label", "Internally displaced"})
                ["duplicate"],
            true);
  // A built-in name, a defined one with another label, a bad name: refused.
  EXPECT_EQ(cli.run({"status", "define", "refugee", "--label", "x"}).exit_code, 1);
  EXPECT_EQ(cli.run({"status", "define", "displaced", "--label", "Other"}).exit_code, 1);
  EXPECT_EQ(cli.run({"status", "define", "Displaced", "--label", "x"}).exit_code, 1);
  EXPECT_EQ(cli.run({"status", "define", "a b", "--label", "x"}).exit_code, 1);
  EXPECT_EQ(cli.run({"status", "define", "new", "--label", ""}).exit_code, 1);
  cli.ok({"enterprise", "add", "EC-010", "--status", "displaced"});
  cli.ok({"enterprise", "update", "EC-001", "--status", "displaced"});
  e2e::RunResult typo = cli.run({"enterprise", "update", "EC-001", "--status", "displace"});
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_NE(typo.err.find("did you mean 'displaced'"), std::string::npos) << typo.err;
  json list = run_json({"status", "list"});
  ASSERT_EQ(list["statuses"].size(), 9u);
  EXPECT_EQ(list["statuses"][8]["status"], "displaced");
  EXPECT_EQ(list["statuses"][8]["label"], "Internally displaced");
  EXPECT_TRUE(list["statuses"][0]["label"].is_null());
  e2e::expect_verifies_and_imports(cli);
}

TEST_F(Members, TheDonorReportCountsEachMemberByTheirOwnAttributes) {
  cli.ok({"status", "define", "displaced", "--label", "Internally displaced"});
  cli.ok({"enterprise", "update", "EC-002", "--sex", "male", "--nationality", "CO", "--status",
          "refugee", "--birth-year", "1970"});
  json m = run_json({"enterprise", "members", "EC-002", "--member", "female,1990,VE,migrant",
                     "--member", "female,2001,VE,displaced", "--member", "male,,EC,host",
                     "--member", "other"});
  EXPECT_EQ(m["female"], 2);
  EXPECT_EQ(m["male"], 1);
  EXPECT_EQ(m["other"], 1);
  ASSERT_EQ(m["people"].size(), 4u);
  EXPECT_TRUE(m["people"][2]["birth_year"].is_null());
  cli.ok({"fund", "add", "BID", "--donor", "Lab", "--currency", "USD", "--budget",
          "seed-capital-cash=5000"});
  cli.ok({"fund", "receive", "BID", "5000", "--date", "2026-01-05"});
  for (const char* e : {"EC-001", "EC-002"}) {
    cli.ok({"grant", "award", std::string("G-") + e, "--enterprise", e, "--fund", "BID",
            "--date", "2026-01-10", "--tranche", "500"});
    cli.ok({"grant", "disburse", std::string("G-") + e, "--tranche", "1", "--date",
            "2026-02-10"});
  }
  json r = run_json({"report", "donor", "BID", "--from", "2026-01-01", "--to", "2026-12-31"});
  EXPECT_EQ(r["reached"]["people"], 5);  // EC-001's owner and EC-002's four members
  EXPECT_EQ(r["reached"]["enterprises"], 2);
  // By sex: the cooperative's women count as women although its representative is a man.
  EXPECT_EQ(group(r, "sex", "female")["people"], 3);
  EXPECT_EQ(group(r, "sex", "female")["enterprises"], 1);  // EC-001 (owner female)
  EXPECT_EQ(group(r, "sex", "male")["people"], 1);
  EXPECT_EQ(group(r, "sex", "male")["enterprises"], 1);    // EC-002 (representative male)
  EXPECT_EQ(group(r, "sex", "male")["amount"], "500.00");
  EXPECT_EQ(group(r, "sex", "other")["people"], 1);
  EXPECT_EQ(group(r, "sex", "other")["enterprises"], 0);
  // By nationality and status: each member's own; no one is Colombian but the representative.
  EXPECT_EQ(group(r, "nationality", "VE")["people"], 3);
  EXPECT_EQ(group(r, "nationality", "CO")["people"], 0);
  EXPECT_EQ(group(r, "nationality", "CO")["enterprises"], 1);
  EXPECT_EQ(group(r, "nationality", "unknown")["people"], 1);
  EXPECT_EQ(group(r, "status", "displaced")["people"], 1);
  EXPECT_EQ(group(r, "status", "migrant")["people"], 2);  // EC-001's owner and one member
  EXPECT_EQ(group(r, "age_group", "25-34")["people"], 1);
  EXPECT_EQ(group(r, "age_group", "unknown")["people"], 2);
  // By an enterprise's attribute, everyone is in the enterprise's group.
  EXPECT_EQ(group(r, "province", "Imbabura")["people"], 4);
  // In every dimension the groups add up to the total.
  for (const auto& [dim, groups] : r["by"].items()) {
    std::int64_t people = 0, enterprises = 0;
    for (const json& g : groups) {
      people += g["people"].get<std::int64_t>();
      enterprises += g["enterprises"].get<std::int64_t>();
    }
    EXPECT_EQ(people, 5) << dim;
    EXPECT_EQ(enterprises, 2) << dim;
  }
  e2e::expect_verifies_and_imports(cli);
}

TEST_F(Members, TheReportCountsTheMembersAsTheyWereAtTheEvent) {
  cli.ok({"enterprise", "members", "EC-002", "--member", "female,1990,VE", "--member",
          "female,1991,VE"});
  cli.ok({"fund", "add", "BID", "--donor", "Lab", "--currency", "USD", "--budget",
          "seed-capital-cash=5000"});
  cli.ok({"fund", "receive", "BID", "5000", "--date", "2026-01-05"});
  cli.ok({"grant", "award", "G-1", "--enterprise", "EC-002", "--fund", "BID", "--date",
          "2026-01-10", "--tranche", "500", "--tranche", "300"});
  cli.ok({"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-02-10"});
  cli.ok({"enterprise", "members", "EC-002", "--member", "male,1980,PE"});
  json before = run_json({"report", "donor", "BID", "--from", "2026-01-01", "--to",
                          "2026-03-31"});
  EXPECT_EQ(group(before, "nationality", "VE")["people"], 2);
  EXPECT_TRUE(group(before, "nationality", "PE").is_null());
  cli.ok({"grant", "disburse", "G-1", "--tranche", "2", "--date", "2026-05-10"});
  json after = run_json({"report", "donor", "BID", "--from", "2026-04-01", "--to",
                         "2026-06-30"});
  EXPECT_EQ(group(after, "nationality", "PE")["people"], 1);
  EXPECT_TRUE(group(after, "nationality", "VE").is_null());
}

TEST_F(Members, EveryBadMemberIsReportedAndNothingChanges) {
  const std::string before = head();
  e2e::RunResult r = cli.run({"enterprise", "members", "EC-002", "--member", "f,1990",
                              "--member", "female,99", "--member", "male,1990,ZZ",
                              "--member", "male,1990,VE,tourist", "--member", ",1990",
                              "--member", "female,1990,VE,migrant,extra"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  for (const char* n : {"--member 1:", "--member 2:", "--member 3:", "--member 4:",
                        "--member 5:", "--member 6:"}) {
    EXPECT_NE(r.err.find(n), std::string::npos) << n << "\n" << r.err;
  }
  // Numbers and people together, an individual enterprise, an unknown one: refused.
  EXPECT_EQ(cli.run({"enterprise", "members", "EC-002", "--female", "2", "--member", "male"})
                .exit_code,
            2);
  EXPECT_EQ(cli.run({"enterprise", "members", "EC-001", "--member", "male"}).exit_code, 1);
  EXPECT_EQ(cli.run({"enterprise", "members", "EC-404", "--member", "male"}).exit_code, 1);
  EXPECT_EQ(head(), before);
  // The same members twice: the second changes nothing and says so.
  cli.ok({"enterprise", "members", "EC-002", "--member", "female,1990,VE"});
  const std::string once = head();
  json again = run_json({"enterprise", "members", "EC-002", "--member", "female,1990,VE"});
  EXPECT_EQ(again["duplicate"], true);
  EXPECT_EQ(head(), once);
  e2e::expect_verifies_and_imports(cli);
}

}  // namespace
}  // namespace semilla::grants_e2e
