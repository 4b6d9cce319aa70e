// SPDX-License-Identifier: Apache-2.0
// Issue 11's approvals through the real binary, with three officers: admin ana, recorder
// luis, approver marta. A grant tranche above the policy's threshold goes pending; the maker's
// own approval and an admin's are refused; marta's applies it as recorded; a policy change
// applies from its record on; a revoked officer's write is refused; a batch carrying an
// operation under policy is refused as a whole; expiry is compared on the records' times.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/rules_e2e/books.h"

namespace semilla::rules_e2e {
namespace {

using ::testing::HasSubstr;
using Args = std::vector<std::string>;
using nlohmann::json;

std::uint64_t records_of(const e2e::Cli& cli) {
  return json::parse(cli.ok({"--json", "audit", "verify"})).at("records").get<std::uint64_t>();
}

class ApprovalsE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    start_book(cli_, "Approvals");
    for (const char* name : {"ana", "luis", "marta"}) {
      files_[name] = cli_.dir() + "/" + name + ".key";
      std::string vkey = cli_.ok({"keys", "generate", name, "--out", files_[name]});
      vkey.pop_back();
      vkeys_[name] = vkey;
    }
    ok_as("ana", {"officer", "add", "ana", "--role", "admin", "--key", vkeys_["ana"]});
    ok_as("ana", {"officer", "add", "luis", "--role", "recorder", "--key", vkeys_["luis"]});
    ok_as("ana", {"officer", "add", "marta", "--role", "approver", "--key", vkeys_["marta"]});
    ok_as("luis", {"fund", "add", "F-1", "--donor", "BID Lab", "--currency", "USD", "--from",
                   "2026-01-01", "--to", "2026-12-31", "--budget", "seed-capital-cash=9000"});
    ok_as("luis", {"fund", "receive", "F-1", "9000.00", "--date", "2026-01-10"});
    for (const char* g : {"G-1", "G-2", "G-3"}) {
      ok_as("luis", {"grant", "award", g, "--enterprise", "EC-001", "--fund", "F-1", "--date",
                     "2026-01-25", "--tranche", "1500", "--tranche", "500"});
    }
  }

  [[nodiscard]] e2e::RunResult as(const std::string& name, const Args& args) const {
    Args all{"--as", name, "--key", files_.at(name)};
    all.insert(all.end(), args.begin(), args.end());
    return cli_.run(all);
  }
  std::string ok_as(const std::string& name, const Args& args) const {
    const auto r = as(name, args);
    EXPECT_EQ(r.exit_code, 0) << name << " " << args.front() << ": " << r.err;
    return r.out;
  }
  void refused(const e2e::RunResult& r, const std::string& why, std::uint64_t before) const {
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_THAT(r.err, HasSubstr(why));
    EXPECT_EQ(records_of(cli_), before);
  }
  // A command recorded as a request: its id.
  std::string pending(const std::string& name, Args args) const {
    args.insert(args.begin(), "--json");
    const auto out = json::parse(ok_as(name, args));
    EXPECT_TRUE(out.value("pending", false)) << out.dump();
    return std::to_string(out.value("request", 0));
  }
  json grant(const std::string& id) const {
    return json::parse(cli_.ok({"--json", "grant", "status", id}));
  }

  e2e::Cli cli_;
  std::map<std::string, std::string> files_, vkeys_;
};

TEST_F(ApprovalsE2E, ATrancheAboveTheThresholdWaitsForAnotherOfficer) {
  // Before the policy, a large tranche is paid at once.
  ok_as("luis", {"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-02-01"});
  std::uint64_t n = records_of(cli_);
  refused(as("luis", {"policy", "set", "grant-disbursement", "--approvers", "1"}),
          "needs the role admin", n);
  refused(as("ana", {"policy", "set", "grant-disbursement", "--above", "1000", "USD",
                     "--approvers", "2"}),
          "could never be met", n);
  ok_as("ana", {"policy", "set", "grant-disbursement", "--above", "1000", "USD", "--approvers",
                "1", "--expires", "7"});
  const auto policies = json::parse(cli_.ok({"--json", "policy", "list"}));
  ASSERT_EQ(policies.at("policies").size(), 1U);
  EXPECT_EQ(policies["policies"][0]["above_amount"], "1000.00");
  // From the policy's record on: the large tranche waits, the small one is paid.
  n = records_of(cli_);
  const std::string id =
      pending("luis", {"grant", "disburse", "G-2", "--tranche", "1", "--date", "2026-02-02"});
  EXPECT_EQ(records_of(cli_), n + 1);  // the request only
  EXPECT_EQ(grant("G-2").at("disbursed"), grant("G-3").at("disbursed"));
  ok_as("luis", {"grant", "disburse", "G-1", "--tranche", "2", "--date", "2026-02-03"});
  n = records_of(cli_);
  refused(as("luis", {"approve", id}), "needs the role approver", n);
  refused(as("ana", {"approve", id}), "needs the role approver", n);
  // Holding the role is not enough: the maker never approves their own operation.
  ok_as("ana", {"officer", "roles", "luis", "--role", "approver", "--role", "recorder"});
  n = records_of(cli_);
  refused(as("luis", {"approve", id}), "the maker of an operation cannot approve it", n);
  const auto list = json::parse(cli_.ok({"--json", "approvals", "list"}));
  ASSERT_EQ(list.at("requests").size(), 1U);
  EXPECT_EQ(list["requests"][0]["maker"], "luis");
  EXPECT_EQ(list["requests"][0]["amount"], "1500.00");
  EXPECT_EQ(list["requests"][0]["state"], "pending");
  const std::string approved = ok_as("marta", {"approve", id});
  EXPECT_THAT(approved, HasSubstr("Approved request " + id));
  EXPECT_NE(grant("G-2").at("disbursed"), grant("G-3").at("disbursed"));
  refused(as("marta", {"approve", id}), "approved and applied already", records_of(cli_));
  const auto all = json::parse(cli_.ok({"--json", "approvals", "list", "--all"}));
  EXPECT_EQ(all["requests"][0]["state"], "applied");
  EXPECT_EQ(all["requests"][0]["approved_by"], json::array({"marta"}));
  // The tranche's records are signed by marta, who approved the maker's operation.
  const auto disbursed = json::parse(cli_.ok({"--json", "transactions", "--memo", "G-2"}));
  EXPECT_THAT(disbursed.dump(), HasSubstr("G-2"));
  e2e::expect_verifies_and_imports(cli_);
}

TEST_F(ApprovalsE2E, ABookThatChangedRefusesTheApprovalWithTheReason) {
  ok_as("ana", {"policy", "set", "grant-disbursement", "--approvers", "1"});
  const std::string id =
      pending("luis", {"grant", "disburse", "G-2", "--tranche", "1", "--date", "2026-02-02"});
  ok_as("ana", {"period", "close", "2026-02"});
  const std::uint64_t n = records_of(cli_);
  const auto r = as("marta", {"approve", id});
  refused(r, "closed", n);
  EXPECT_THAT(r.err, HasSubstr("the approval of request " + id + " was not recorded"));
  ok_as("marta", {"reject", id, "--reason", "February is closed"});
  const auto all = json::parse(cli_.ok({"--json", "approvals", "list", "--all"}));
  EXPECT_EQ(all["requests"][0]["state"], "rejected");
  EXPECT_EQ(all["requests"][0]["reject_reason"], "February is closed");
  e2e::expect_verifies_and_imports(cli_);
}

TEST_F(ApprovalsE2E, PoliciesNeedOfficersAndRevokedOfficersWriteNothing) {
  e2e::Cli single;
  start_book(single, "Single");
  const auto r = single.run({"policy", "set", "reversal", "--approvers", "1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("policies need officers"));
  ok_as("ana", {"officer", "revoke", "luis", "--reason", "Left"});
  refused(as("luis", {"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-02-01"}),
          "was revoked", records_of(cli_));
}

TEST_F(ApprovalsE2E, ABatchCarryingAnOperationUnderPolicyIsRefusedAsAWhole) {
  ok_as("ana", {"policy", "set", "grant-disbursement", "--approvers", "1"});
  const std::string batch = cli_.dir() + "/batch.json";
  e2e::spit(batch, R"({"format": "semilla-batch", "version": 1, "operations": [
      {"type": "enterprise", "id": "EC-009", "kind": "individual", "sex": "female"},
      {"type": "grant_disbursement", "external_id": "B-2", "grant": "G-1", "tranche": 1,
       "date": "2026-02-01"}]})");
  const std::uint64_t n = records_of(cli_);
  const auto r = as("luis", {"batch", "import", batch});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err + r.out, HasSubstr("needs approval"));
  EXPECT_THAT(r.err + r.out, HasSubstr("a batch or statement import cannot carry it"));
  EXPECT_EQ(records_of(cli_), n);
}

TEST_F(ApprovalsE2E, AnApprovalAfterTheRequestExpiredIsRefused) {
  ok_as("ana", {"policy", "set", "reversal", "--approvers", "1", "--expires", "1"});
  const auto posted = json::parse(ok_as("luis", {"--json", "post", "--date", "2026-02-01",
                                                  "--memo", "Course", "--debit",
                                                  "Expenses:Training=10", "--credit",
                                                  "Assets:Bank=10"}));
  const std::string txn = std::to_string(posted.at("transaction").value("id", 0));
  cli_.env = {"SEMILLA_NOW=2030-01-01T10:00:00Z"};
  const std::string id = pending("luis", {"reverse", txn, "--date", "2026-02-02", "--reason", "x"});
  cli_.env = {"SEMILLA_NOW=2030-01-02T10:00:00.001Z"};
  refused(as("marta", {"approve", id}), "expired at 2030-01-02T10:00:00.000Z", records_of(cli_));
  const auto list = json::parse(cli_.ok({"--json", "approvals", "list", "--all"}));
  EXPECT_EQ(list["requests"][0]["state"], "expired");
  ok_as("marta", {"reject", id, "--reason", "Too late"});
  e2e::expect_verifies_and_imports(cli_);
}

}  // namespace
}  // namespace semilla::rules_e2e
