// SPDX-License-Identifier: Apache-2.0
// End-to-end: the real binary posting, refusing and reporting.
#include <gtest/gtest.h>
#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class PostingE2E : public ::testing::Test {
 protected:
  void SetUp() override { make_sample_book(cli); }
  json trial_balance(const std::string& as_of = "") {
    std::vector<std::string> args{"--json", "trial-balance"};
    if (!as_of.empty()) args.insert(args.end(), {"--as-of", as_of});
    return json::parse(cli.ok(args));
  }
  std::string records() {
    return json::parse(cli.ok({"--json", "audit", "verify"}))["records"].dump();
  }
  Cli cli;
};

TEST_F(PostingE2E, PostsAndReportsBalancedTrialBalance) {
  cli.ok({"post", "--date", "2026-03-01", "--memo", "Donor receipt", "--ref", "DON-1",
          "--debit", "Assets:Bank:Pichincha=50000", "--credit", "Equity:Donor:BID=50000"});
  cli.ok({"post", "--date", "2026-03-02", "--debit", "Assets:Receivable:EC-001=800.50",
          "--credit", "Assets:Bank:Pichincha=800.50"});
  json tb = trial_balance();
  ASSERT_EQ(tb["totals"].size(), 1u);
  EXPECT_EQ(tb["totals"][0]["debit"], "50000.00");
  EXPECT_EQ(tb["totals"][0]["credit"], "50000.00");
  EXPECT_EQ(tb["accounts"][0]["account"], "Assets:Bank:Pichincha");
  EXPECT_EQ(tb["accounts"][0]["balance"], "49199.50");
  std::string human = cli.ok({"trial-balance"});
  EXPECT_THAT(human, HasSubstr("Assets:Bank:Pichincha     asset   49,199.50"));
}

TEST_F(PostingE2E, UnbalancedIsRefusedAndChangesNothing) {
  std::string before = records();
  auto r = cli.run({"post", "--date", "2026-03-01", "--debit", "Assets:Bank:Pichincha=10",
                    "--credit", "Equity:Donor:BID=9.99"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("does not balance in USD: debits exceed credits by 0.01"));
  EXPECT_EQ(records(), before);
}

TEST_F(PostingE2E, WrongCurrencyForAccountIsRefused) {
  auto r = cli.run({"post", "--date", "2026-03-01", "--debit", "Assets:Cash:PEN=10 USD",
                    "--credit", "Equity:Donor:BID=10 USD"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("--debit 1: account Assets:Cash:PEN holds only PEN, not USD"));
}

TEST_F(PostingE2E, CurrenciesBalanceSeparatelyAndNeverAdd) {
  auto r = cli.run({"post", "--date", "2026-03-01", "--debit", "Assets:Cash:PEN=10",
                    "--credit", "Equity:Donor:BID=10 USD"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("does not balance in PEN"));
  EXPECT_THAT(r.err, HasSubstr("does not balance in USD"));
  cli.ok({"post", "--date", "2026-03-01", "--debit", "Assets:Cash:PEN=37.50",
          "--credit", "Equity:Donor:BID=37.50 PEN"});
  json tb = trial_balance();
  EXPECT_EQ(tb["totals"][0]["currency"], "PEN");
  EXPECT_EQ(tb["totals"][0]["debit"], "37.50");
}

TEST_F(PostingE2E, BadAmountsAndDatesAreAllReportedAtOnce) {
  auto r = cli.run({"--json", "post", "--date", "2026-02-30", "--debit",
                    "Assets:Bank:Pichincha=800.505", "--debit", "Assets:Bank:Pichincha=1e3",
                    "--credit", "Equity:Donor:BID=12,34", "--credit", "Equity:Donor:BID=-5"});
  EXPECT_EQ(r.exit_code, 1);
  json j = json::parse(r.out);
  EXPECT_EQ(j["ok"], false);
  ASSERT_EQ(j["errors"].size(), 5u) << r.out;
  EXPECT_EQ(j["errors"][0]["field"], "--date");
  EXPECT_EQ(j["errors"][1]["field"], "--debit 1");
  EXPECT_THAT(j["errors"][1]["message"].get<std::string>(), HasSubstr("USD allows at most 2"));
  EXPECT_EQ(j["errors"][2]["field"], "--debit 2");
  EXPECT_EQ(j["errors"][3]["field"], "--credit 1");
  EXPECT_EQ(j["errors"][4]["field"], "--credit 2");
}

TEST_F(PostingE2E, HugeAmountsAreRefusedNotWrapped) {
  auto r = cli.run({"post", "--date", "2026-03-01", "--debit",
                    "Assets:Bank:Pichincha=1000000000000000000000000000000", "--credit",
                    "Equity:Donor:BID=1000000000000000000000000000000"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("digits"));
  // The largest amount that fits, nine times on one account; the tenth would take the
  // balance past the 64-bit column (9.2e18 minor units) and is refused, not wrapped.
  const std::vector<std::string> largest{"post", "--date", "2026-03-01", "--debit",
                                         "Assets:Bank:Pichincha=9999999999999999.99", "--credit",
                                         "Equity:Donor:BID=9999999999999999.99",
                                         "--allow-duplicate"};
  for (int i = 0; i < 9; ++i) cli.ok(largest);
  auto tenth = cli.run(largest);
  EXPECT_EQ(tenth.exit_code, 1) << tenth.out;
  EXPECT_THAT(tenth.err, HasSubstr("range"));
  cli.ok({"audit", "verify"});
}

TEST_F(PostingE2E, ATransactionTypedTwiceIsRefusedUnlessAllowed) {
  const std::vector<std::string> fare{"post", "--date", "2026-03-01", "--memo", "Bus fare",
                                      "--debit", "Expenses:Seed=1.50", "--credit",
                                      "Assets:Bank:Pichincha=1.50"};
  cli.ok(fare);
  auto again = cli.run(fare);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("--allow-duplicate: transaction 1 (audit record"));
  EXPECT_THAT(again.err, HasSubstr("memo \"Bus fare\" on 2026-03-01"));
  auto json_again = cli.run({"--json", "post", "--date", "2026-03-01", "--memo", "Bus fare",
                             "--debit", "Expenses:Seed=1.50", "--credit",
                             "Assets:Bank:Pichincha=1.50"});
  EXPECT_EQ(json_again.exit_code, 1);
  EXPECT_THAT(json_again.out, HasSubstr("\"conflict\""));
  // Another day, another memo, another amount, or a ref: not the same transaction.
  for (const auto& change : std::vector<std::pair<std::size_t, std::string>>{
           {2, "2026-03-02"}, {4, "Bus fare back"}, {6, "Expenses:Seed=1.60"}}) {
    auto args = fare;
    args[change.first] = change.second;
    if (change.first == 6) args[8] = "Assets:Bank:Pichincha=1.60";
    EXPECT_EQ(cli.run(args).exit_code, 0) << change.second;
  }
  auto with_ref = fare;
  with_ref.insert(with_ref.end(), {"--ref", "TICKET-2"});
  cli.ok(with_ref);
  // --allow-duplicate posts the second fare.
  auto second = cli.run({"--json", "post", "--date", "2026-03-01", "--memo", "Bus fare",
                         "--debit", "Expenses:Seed=1.50", "--credit",
                         "Assets:Bank:Pichincha=1.50", "--allow-duplicate"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("\"duplicate\": false"));
  // A ref repeated with the same content is an idempotent repeat, said the same way.
  auto repeat = cli.run(with_ref);
  EXPECT_EQ(repeat.exit_code, 0);
  EXPECT_THAT(repeat.out, HasSubstr("Already recorded, nothing changed: reference TICKET-2"));
  cli.ok({"audit", "verify"});
}

TEST_F(PostingE2E, AnAccountNameDifferingOnlyInCaseIsRefusedNamingTheExistingOne) {
  for (const char* twin : {"Assets:bank:Pichincha", "ASSETS:BANK:PICHINCHA", "expenses:seed"}) {
    auto r = cli.run({"account", "add", twin, "--type", twin[0] == 'e' ? "expense" : "asset"});
    EXPECT_EQ(r.exit_code, 1) << twin;
    EXPECT_THAT(r.err, HasSubstr("only in letter case: use \""));
  }
  auto r = cli.run({"account", "add", "assets:bank:pichincha", "--type", "asset"});
  EXPECT_THAT(r.err, HasSubstr("use \"Assets:Bank:Pichincha\""));
  // A really new name is fine, also one that merely shares a prefix.
  cli.ok({"account", "add", "Assets:Bank:Pichincha2", "--type", "asset"});
  cli.ok({"audit", "verify"});
}

TEST_F(PostingE2E, FutureDateIsRefused) {
  auto r = cli.run({"post", "--date", "2026-07-01", "--debit", "Assets:Bank:Pichincha=1",
                    "--credit", "Equity:Donor:BID=1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("after today (2026-06-30 in America/Guayaquil)"));
}

TEST_F(PostingE2E, DuplicateRefIsIdempotentAndDifferentContentConflicts) {
  std::vector<std::string> post{"--json", "post", "--date", "2026-03-01", "--ref", "MFI-9",
                                "--debit", "Assets:Bank:Pichincha=100", "--credit",
                                "Equity:Donor:BID=100"};
  json first = json::parse(cli.ok(post));
  std::string before = records();
  json again = json::parse(cli.ok(post));
  EXPECT_EQ(again["duplicate"], true);
  EXPECT_EQ(again["transaction"]["id"], first["transaction"]["id"]);
  EXPECT_EQ(records(), before);
  post[7] = "Assets:Bank:Pichincha=101";
  post[9] = "Equity:Donor:BID=101";
  auto r = cli.run(post);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("already used by transaction 1 with different content"));
}

TEST_F(PostingE2E, ReversalMirrorsAndCannotRepeat) {
  cli.ok({"post", "--date", "2026-03-02", "--debit", "Assets:Receivable:EC-001=800",
          "--credit", "Assets:Bank:Pichincha=800"});
  auto early = cli.run({"reverse", "1", "--date", "2026-03-01", "--reason", "typo"});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_THAT(early.err, HasSubstr("before the reversed transaction's date"));
  json rev = json::parse(cli.ok({"--json", "reverse", "1", "--date", "2026-03-05", "--reason",
                                 "typed twice"}));
  EXPECT_EQ(rev["transaction"]["reverses"], 1);
  EXPECT_EQ(rev["transaction"]["postings"][0]["amount"], "-800.00");
  EXPECT_TRUE(trial_balance()["accounts"].empty());
  EXPECT_EQ(trial_balance("2026-03-04")["accounts"].size(), 2u);
  auto again = cli.run({"reverse", "1", "--date", "2026-03-05", "--reason", "again"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("already reversed by transaction 2"));
  auto of_reversal = cli.run({"reverse", "2", "--date", "2026-03-05", "--reason", "undo"});
  EXPECT_THAT(of_reversal.err, HasSubstr("is itself the reversal of transaction 1"));
}

TEST_F(PostingE2E, AsOfBalancesFollowBackdatedEntries) {
  cli.ok({"post", "--date", "2026-03-10", "--debit", "Assets:Bank:Pichincha=100",
          "--credit", "Equity:Donor:BID=100"});
  cli.ok({"post", "--date", "2026-03-20", "--debit", "Assets:Bank:Pichincha=50",
          "--credit", "Equity:Donor:BID=50"});
  cli.ok({"post", "--date", "2026-03-05", "--memo", "backdated", "--debit",
          "Assets:Bank:Pichincha=7", "--credit", "Equity:Donor:BID=7"});
  auto bal = [&](const std::string& d) {
    json j = json::parse(cli.ok({"--json", "balance", "Assets:Bank", "--as-of", d}));
    return j["total"].empty() ? std::string("0") : j["total"][0]["amount"].get<std::string>();
  };
  EXPECT_EQ(bal("2026-03-04"), "0");
  EXPECT_EQ(bal("2026-03-05"), "7.00");
  EXPECT_EQ(bal("2026-03-15"), "107.00");
  EXPECT_EQ(bal("2026-03-20"), "157.00");
  // "Assets:Bank" covers Assets:Bank:* but not Assets:Banking.
  cli.ok({"account", "add", "Assets:Banking", "--type", "asset"});
  cli.ok({"post", "--date", "2026-03-21", "--debit", "Assets:Banking=1", "--credit",
          "Equity:Donor:BID=1"});
  EXPECT_EQ(bal("2026-03-21"), "157.00");
  cli.ok({"audit", "verify"});
}

TEST_F(PostingE2E, StatementShowsOpeningRunningAndClosing) {
  cli.ok({"post", "--date", "2026-01-15", "--debit", "Assets:Receivable:EC-001=1000",
          "--credit", "Assets:Bank:Pichincha=1000"});
  cli.ok({"post", "--date", "2026-02-15", "--debit", "Assets:Bank:Pichincha=250",
          "--credit", "Assets:Receivable:EC-001=250"});
  cli.ok({"post", "--date", "2026-03-15", "--debit", "Assets:Bank:Pichincha=250.25",
          "--credit", "Assets:Receivable:EC-001=250.25"});
  json st = json::parse(cli.ok({"--json", "statement", "show", "EC-001", "--from",
                                "2026-02-01", "--to", "2026-03-31"}));
  EXPECT_EQ(st["opening"][0]["amount"], "1000.00");
  ASSERT_EQ(st["lines"].size(), 2u);
  EXPECT_EQ(st["lines"][0]["balance"], "750.00");
  EXPECT_EQ(st["lines"][1]["balance"], "499.75");
  EXPECT_EQ(st["closing"][0]["amount"], "499.75");
  EXPECT_EQ(st["name"], "Panadería Rosa");
}

TEST_F(PostingE2E, UsageErrorsExitTwoAndHelpReadsLikeAManual) {
  EXPECT_EQ(cli.run({"post", "--date"}).exit_code, 2);
  EXPECT_EQ(cli.run({"frobnicate"}).exit_code, 2);
  auto help = cli.run({"post", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("Example:"));
  EXPECT_THAT(help.out, HasSubstr("--debit"));
}

TEST_F(PostingE2E, PersonalDataStaysOutOfTheChain) {
  auto r = cli.run({"--json", "enterprise", "list"});
  EXPECT_THAT(r.out, HasSubstr("Panadería Rosa"));
  SQLite::Database db(cli.db(), SQLite::OPEN_READONLY);
  SQLite::Statement st(db, "SELECT bytes FROM audit_log");
  std::string log;
  while (st.executeStep()) log += st.getColumn(0).getString() + "\n";
  EXPECT_THAT(log, HasSubstr("\"id\":\"EC-001\""));
  EXPECT_EQ(log.find("Rosa"), std::string::npos);
}

}  // namespace
}  // namespace semilla::e2e
