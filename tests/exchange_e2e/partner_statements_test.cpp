// SPDX-License-Identifier: Apache-2.0
// Partner statements mean what they say (issue 12), through the real binary: a partner MFI
// keeps loans in its book and sends signed statements; the NGO imports them. A write-off is
// booked as a write-off, a repayment by component, the loans' positions reach the NGO's
// `portfolio` with the same PAR the partner computes, several files import all or nothing,
// and the result passes `audit verify` and `book import`.
#include <gmock/gmock.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

json run_json(const Cli& cli, std::vector<std::string> args) {
  args.insert(args.begin(), "--json");
  return json::parse(cli.ok(args));
}

std::string balance(const Cli& cli, const std::string& account) {
  json b = run_json(cli, {"balance", account});
  return b["accounts"].empty() ? "0.00" : b["accounts"][0]["balance"].get<std::string>();
}

// "-12.34" -> -1234 (USD amounts as the CLI writes them).
std::int64_t cents(const json& amount) {
  std::string s = amount.get<std::string>();
  s.erase(s.find('.'), 1);
  return std::stoll(s);
}

// The sum of the balances of the accounts under `prefix`, in cents.
std::int64_t total(const Cli& cli, const std::string& prefix) {
  const json b = run_json(cli, {"balance", prefix});
  return b["total"].empty() ? 0 : cents(b["total"][0]["amount"]);
}

std::string state(const Cli& cli) {
  return cli.ok({"--json", "audit", "verify"}) + cli.ok({"trial-balance"});
}

class PartnerStatements : public ::testing::Test {
 protected:
  void SetUp() override {
    // The partner, MFI-A: three loans of EC-001 and EC-002, one late, one written off.
    make_sample_book(mfi);
    mfi.ok({"post", "--date", "2026-01-02", "--memo", "Capital", "--debit",
            "Assets:Bank:Pichincha=10000", "--credit", "Equity:Donor:BID=10000"});
    mfi.ok({"loan", "product", "add", "CREDI-6", "--currency", "USD", "--rate", "24",
            "--installments", "6", "--fee", "2%", "--cash-account", "Assets:Bank:Pichincha"});
    open("L-1", "EC-001", "1000", "2026-01-15");
    mfi.ok({"loan", "repay", "L-1", "200", "--date", "2026-02-15", "--ref", "R-1"});
    open("L-2", "EC-001", "600", "2026-02-01");
    mfi.ok({"loan", "write-off", "L-2", "--date", "2026-05-20", "--reason", "Business closed"});
    open("L-3", "EC-002", "500", "2026-03-01");
    mfi.ok({"loan", "repay", "L-3", "95", "--date", "2026-04-01", "--ref", "R-2"});
    const std::string out = mfi.ok({"keys", "generate", "mfi-a.example.org/st", "--out",
                                    mfi.dir() + "/mfi.key"});
    vkey = out.substr(0, out.find('\n'));
    st1 = exported("EC-001", "st1.json");
    st2 = exported("EC-002", "st2.json");

    make_sample_book(ngo);
    ngo.ok({"account", "add", "Assets:Partners:MFI-A:Loans", "--type", "asset", "--currency",
            "USD"});
    ngo.ok({"account", "add", "Assets:DueFrom:MFI-A", "--type", "asset"});
    ngo.ok({"account", "add", "Expenses:LoanLosses:MFI-A", "--type", "expense"});
    ngo.ok({"account", "add", "Income:Partners:MFI-A:Interest", "--type", "income"});
    ngo.ok({"account", "add", "Income:Partners:MFI-A:Fees", "--type", "income"});
  }

  void open(const std::string& id, const std::string& enterprise, const std::string& principal,
            const std::string& date) {
    mfi.ok({"loan", "open", id, "--enterprise", enterprise, "--product", "CREDI-6",
            "--principal", principal, "--date", date});
    mfi.ok({"loan", "disburse", id, "--date", date});
  }

  std::string exported(const std::string& enterprise, const std::string& name) {
    const std::string file = mfi.dir() + "/" + name;
    mfi.ok({"statement", "export", enterprise, "--from", "2026-01-01", "--to", "2026-06-30",
            "--issuer", "mfi-a", "--sign", mfi.dir() + "/mfi.key", "--out", file});
    return file;
  }

  // `statement import FILES...` with the accounts the statements need, less `without`.
  std::vector<std::string> import(const std::vector<std::string>& files,
                                  const std::vector<std::string>& without = {}) {
    std::vector<std::string> args{"statement", "import"};
    args.insert(args.end(), files.begin(), files.end());
    args.insert(args.end(), {"--key", vkey, "--account", "Assets:Partners:MFI-A:Loans",
                             "--counterpart", "Assets:DueFrom:MFI-A"});
    const std::pair<std::string, std::string> options[] = {
        {"--write-off-account", "Expenses:LoanLosses:MFI-A"},
        {"--interest-account", "Income:Partners:MFI-A:Interest"},
        {"--fee-account", "Income:Partners:MFI-A:Fees"}};
    for (const auto& [option, account] : options) {
      if (std::find(without.begin(), without.end(), option) == without.end()) {
        args.insert(args.end(), {option, account});
      }
    }
    return args;
  }

  Cli mfi, ngo;
  std::string vkey, st1, st2;
};

TEST_F(PartnerStatements, TheStatementSaysWhatEachEntryIs) {
  std::ifstream in(st1);
  const json doc = json::parse(in);
  EXPECT_EQ(doc["version"], 2);
  std::map<std::string, json> by_operation;
  for (const auto& e : doc["statement"]["entries"]) {
    by_operation[e["loan"]["operation"].get<std::string>()] = e;
  }
  ASSERT_TRUE(by_operation.contains("write-off"));
  EXPECT_EQ(by_operation["write-off"]["indicator"], "CRDT");
  EXPECT_EQ(by_operation["write-off"]["amount"], "600.00");
  const json& repayment = by_operation["repayment"];
  ASSERT_TRUE(repayment["loan"].contains("components"));
  const json& c = repayment["loan"]["components"];
  EXPECT_EQ(c["principal"], repayment["amount"]);
  EXPECT_NE(c["interest"], "0.00");
  // The loan fee is charged at disbursement (docs/loans.md); instalments carry none.
  EXPECT_EQ(c["fee"], "0.00");
  EXPECT_EQ(c["penalty"], "0.00");
  // The whole payment: 200.00 on L-1.
  EXPECT_EQ(cents(c["principal"]) + cents(c["interest"]), 20000);
  EXPECT_EQ(by_operation["disbursement"]["loan"].contains("components"), false);
}

TEST_F(PartnerStatements, WriteOffsAndSplitRepaymentsAreBookedAsSuch) {
  const std::string before = state(ngo);
  // Without the accounts the statements need, nothing is imported and both are named.
  auto missing = ngo.run(import({st1, st2}, {"--write-off-account", "--interest-account"}));
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
  EXPECT_THAT(missing.err, HasSubstr("--write-off-account: " + st1 + "#/statement/entries/"));
  EXPECT_THAT(missing.err, HasSubstr("is the write-off of loan L-2 (600.00 USD): give "
                                     "--write-off-account"));
  // Both repayments need --interest-account: the first is named, the other counted.
  EXPECT_THAT(missing.err, HasSubstr("--interest-account: " + st1));
  EXPECT_THAT(missing.err, HasSubstr("(and 1 more entries)"));
  EXPECT_EQ(state(ngo), before);

  auto out = ngo.ok(import({st1, st2}));
  EXPECT_THAT(out, HasSubstr("Imported statement ST20260101-20260630-EC-001 of EC-001 from "
                             "mfi-a"));
  EXPECT_THAT(out, HasSubstr("1 write-offs, 1 repayments by component"));
  // The loss is a loss, not cash the partner owes.
  EXPECT_EQ(balance(ngo, "Expenses:LoanLosses:MFI-A"), "600.00");
  // The mirror holds what the partner's receivables hold; the partner owes the payments.
  EXPECT_EQ(cents(balance(ngo, "Assets:Partners:MFI-A:Loans")), total(mfi, "Assets:Loans"));
  // Collected 200.00 + 95.00 (whole payments), less the 2,100.00 disbursed.
  EXPECT_EQ(balance(ngo, "Assets:DueFrom:MFI-A"), "-1805.00");
  const json interest = run_json(ngo, {"balance", "Income:Partners:MFI-A:Interest"});
  const json mfi_interest = run_json(mfi, {"balance", "Income:Loans:Interest"});
  EXPECT_EQ(interest["accounts"][0]["balance"], mfi_interest["accounts"][0]["balance"]);
  expect_verifies_and_imports(ngo);

  // Again: already recorded, nothing changed.
  const std::string after = state(ngo);
  auto again = ngo.ok(import({st1}));
  EXPECT_THAT(again, HasSubstr("Already recorded, nothing changed: statement "
                               "ST20260101-20260630-EC-001"));
  std::vector<std::string> args = import({st1, st2});
  args.insert(args.begin(), "--json");
  const json j = json::parse(ngo.ok(args));
  EXPECT_EQ(j["duplicate"], true);
  EXPECT_EQ(j["statements"][1]["duplicate"], true);
  EXPECT_EQ(j["transactions_posted"], 0);
  EXPECT_EQ(state(ngo), after);
}

TEST_F(PartnerStatements, PortfolioShowsThePartnersLoansWithTheirPar) {
  ngo.ok(import({st1, st2}));
  const json mine = run_json(mfi, {"portfolio", "--as-of", "2026-06-30"});
  const json theirs = run_json(ngo, {"portfolio", "--as-of", "2026-06-30"});
  ASSERT_EQ(theirs["partner_loans"].size(), 1u);
  const json& p = theirs["partner_loans"][0];
  EXPECT_EQ(p["issuer"], "mfi-a");
  EXPECT_EQ(p["currency"], "USD");
  const json& own = mine["currencies"][0];
  // The partner's PAR, computed in the NGO's book from the statements alone.
  EXPECT_EQ(p["loans"], own["loans"]);
  EXPECT_EQ(p["gross_outstanding_principal"], own["gross_outstanding_principal"]);
  EXPECT_EQ(p["par30"], own["par30"]);
  EXPECT_EQ(p["par90"], own["par90"]);
  EXPECT_NE(p["par30"], "0.0000");  // L-1 is late
  EXPECT_EQ(p["written_off"], 1);
  ASSERT_EQ(p["positions"].size(), 3u);
  EXPECT_EQ(p["positions"][0]["loan_id"], "L-1");
  EXPECT_GT(p["positions"][0]["days_past_due"].get<int>(), 30);
  EXPECT_EQ(p["positions"][1]["status"], "written-off");
  // Tables show PAR as a percentage.
  const std::string text = ngo.ok({"portfolio", "--as-of", "2026-06-30"});
  EXPECT_THAT(text, HasSubstr("Partners' loans"));
  EXPECT_THAT(text, HasSubstr("mfi-a, USD: 2 loans"));
  const std::string own_text = mfi.ok({"portfolio", "--as-of", "2026-06-30"});
  const auto at = own_text.find("PAR30 ");
  ASSERT_NE(at, std::string::npos);
  const std::string par = own_text.substr(at, own_text.find('\n', at) - at);  // "PAR30 x%, ..."
  EXPECT_THAT(par, HasSubstr("%"));
  EXPECT_THAT(text, HasSubstr(par + "; 1 written off"));
  // Before the statements' day the partner's loans are not known.
  const json early = run_json(ngo, {"portfolio", "--as-of", "2026-06-29"});
  EXPECT_TRUE(early["partner_loans"].empty());
}

TEST_F(PartnerStatements, SeveralFilesAllOrNothing) {
  // A third statement, of an enterprise the NGO does not know.
  mfi.ok({"enterprise", "add", "EC-003"});
  open("L-4", "EC-003", "300", "2026-05-02");
  const std::string st3 = exported("EC-003", "st3.json");
  // A fourth, altered after signing.
  std::ifstream in(st2);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("\"500.00\""), 8, "\"501.00\"");
  const std::string altered = ngo.dir() + "/altered.json";
  std::ofstream(altered) << text;

  const std::string before = state(ngo);
  auto bad = ngo.run(import({st1, st2, st3}));
  EXPECT_EQ(bad.exit_code, 1) << bad.err;
  EXPECT_THAT(bad.err, HasSubstr("st3.json#/statement/entries/0"));
  EXPECT_THAT(bad.err, HasSubstr("EC-003"));
  EXPECT_EQ(state(ngo), before);
  EXPECT_TRUE(run_json(ngo, {"portfolio"})["partner_loans"].empty());

  auto forged = ngo.run(import({st1, altered}));
  EXPECT_EQ(forged.exit_code, 3) << forged.err;
  EXPECT_THAT(forged.err, HasSubstr("altered.json"));
  EXPECT_THAT(forged.err, HasSubstr("altered after signing"));
  EXPECT_EQ(state(ngo), before);

  // Once the NGO knows EC-003, the three import together.
  ngo.ok({"enterprise", "add", "EC-003"});
  auto good = ngo.ok(import({st1, st2, st3}));
  EXPECT_THAT(good, HasSubstr("[" + st3 + "]"));
  EXPECT_THAT(good, Not(HasSubstr("Already recorded")));
  expect_verifies_and_imports(ngo);
}

}  // namespace
}  // namespace semilla::e2e
