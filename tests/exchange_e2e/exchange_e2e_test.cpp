// SPDX-License-Identifier: Apache-2.0
// The exchange commands through the real binary: batch import (with the loans' and grants'
// operations, on the example programme), statements between two books, book export and
// restore of the whole programme, journal export read by hledger.
#include <gmock/gmock.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

const std::string kExample = SEMILLA_SOURCE_DIR "/examples/programme-batch.json";

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// What an unchanged database looks like from outside: its log head and its balances.
std::string state(const Cli& cli) {
  return cli.ok({"--json", "audit", "verify"}) + cli.ok({"trial-balance"});
}

// The example programme up to its batch: the book, the loans and the grants (parts 10, 40
// and 50), built once and copied into each test's book.
void copy_programme(const Cli& cli) {
  copy_example_parts(cli, {"10-book", "40-loans", "50-grants"});
}

TEST(ExchangeE2e, TheExampleBatchOnceThenNothingChanged) {
  Cli cli;
  copy_programme(cli);
  const std::string before = state(cli);
  auto dry = cli.run({"batch", "import", kExample, "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("Dry run, nothing written"));
  EXPECT_EQ(state(cli), before);
  auto first = cli.run({"batch", "import", kExample});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("Imported: 1 enterprises, 1 accounts, 1 transactions, "
                                   "2 loan repayments, 2 grant disbursements, 2 milestones; "
                                   "0 already in the book (unchanged)"));
  EXPECT_EQ(first.err, "");  // no progress display when stderr is not a terminal
  const std::string after = state(cli);
  EXPECT_NE(after, before);
  // The modules recorded them with their rules: GR-008's second tranche in kind, the
  // repayments allocated to the loans' instalments and collected by MFI-A, who settled.
  auto grant = json::parse(cli.ok({"--json", "grant", "status", "GR-008"}));
  EXPECT_THAT(grant.dump(), HasSubstr("Ferretería El Roble"));
  EXPECT_THAT(cli.ok({"loan", "status", "L-2026-002", "--as-of", "2026-06-30"}),
              HasSubstr("next due: instalment 4 on 2026-05-20"));
  EXPECT_THAT(cli.ok({"balance", "Assets:DueFrom", "--as-of", "2026-06-28"}),
              HasSubstr("199.84"));
  auto second = cli.run({"--json", "batch", "import", kExample});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  auto report = json::parse(second.out);
  EXPECT_EQ(report["changed"], false);
  EXPECT_EQ(report["unchanged"], 9);
  EXPECT_EQ(report["repayments_posted"], 0);
  EXPECT_EQ(state(cli), after);
  EXPECT_THAT(cli.ok({"batch", "import", kExample}), HasSubstr("Nothing changed: all 9"));
}

// The example batch as JSON Lines (one operation per line): the same import; stderr, not a
// terminal here, gets no progress, with or without --quiet; verify agrees on one core or two.
TEST(ExchangeE2e, JsonLinesImportAndNoProgressOffATerminal) {
  Cli cli;
  copy_programme(cli);
  std::ifstream in(kExample);
  const json doc = json::parse(in);
  std::string lines;
  for (const auto& op : doc["operations"]) lines += op.dump() + "\n";
  const std::string file = cli.dir() + "/programme.jsonl";
  write(file, lines);
  auto first = cli.run({"batch", "import", file});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("Imported: 1 enterprises, 1 accounts, 1 transactions, "
                                   "2 loan repayments, 2 grant disbursements, 2 milestones"));
  EXPECT_EQ(first.err, "");
  auto again = cli.run({"--quiet", "batch", "import", kExample});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("Nothing changed: all 9"));
  EXPECT_EQ(again.err, "");
  auto two = cli.run({"audit", "verify"});
  auto one = cli.run({"audit", "verify", "--jobs", "1"});
  EXPECT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(two.err, "");
  EXPECT_EQ(one.out, two.out);
  auto three = cli.run({"audit", "verify", "--jobs", "3"});  // records read ahead
  EXPECT_EQ(three.exit_code, 0) << three.err;
  EXPECT_EQ(one.out, three.out);
  EXPECT_EQ(cli.run({"audit", "verify", "--jobs", "4"}).exit_code, 2);
}

// A batch whose fifth operation on is wrong in every way the modules refuse: each problem
// with its pointer, exit code 1, and the book as it was.
TEST(ExchangeE2e, BadModuleOperationsChangeNothing) {
  Cli cli;
  copy_programme(cli);
  const std::string good =
      R"({"type":"milestone","enterprise":"EC-009","name":"follow-up-visit","date":"2026-06-20"},)"
      R"({"type":"grant_disbursement","external_id":"g-9","grant":"GR-009","tranche":2,)"
      R"("date":"2026-06-21"},)"
      R"({"type":"loan_repayment","external_id":"r-5","loan":"L-2026-005","date":"2026-06-25",)"
      R"("amount":"10.00"},)"
      R"({"type":"loan_repayment","external_id":"r-5b","loan":"L-2026-005","date":"2026-06-26",)"
      R"("amount":"10.00"},)";
  const std::string bad =
      R"({"type":"loan_repayment","external_id":"b-4","loan":"L-2026-005","date":"2026-06-26",)"
      R"("amount":"10.005"},)"
      R"({"type":"loan_repayment","external_id":"b-5","loan":"L-404","date":"2026-06-26",)"
      R"("amount":"10.00"},)"
      R"({"type":"loan_repayment","external_id":"b-6","loan":"L-2026-005","date":"2026-05-01",)"
      R"("amount":"10.00"},)"
      R"({"type":"grant_disbursement","external_id":"b-7","grant":"GR-001","tranche":1,)"
      R"("date":"2026-06-21"},)"
      R"({"type":"milestone","enterprise":"EC-404","name":"visit","date":"2026-06-20"})";
  const std::string doc = R"({"format":"semilla-batch","version":1,"operations":[)" + good +
                          bad + "]}";
  const std::string before = state(cli);
  write(cli.dir() + "/bad.json", doc);
  auto r = cli.run({"batch", "import", cli.dir() + "/bad.json"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  for (const char* expected :
       {"/operations/4/amount: \"10.005\" has 3 decimals; USD allows at most 2",
        "/operations/5/loan: no loan \"L-404\"",
        "/operations/6/date: 2026-05-01 is before the loan's disbursement (2026-05-04)",
        "/operations/7/tranche: tranche 1 of grant GR-001 was already disbursed",
        "/operations/8/enterprise: no enterprise \"EC-404\"", "5 problems; nothing was changed"}) {
    EXPECT_THAT(r.err, HasSubstr(expected));
  }
  // An amount as a JSON number is refused by the schema, before any rule.
  std::string number = doc;
  number.replace(number.find("\"10.005\""), 8, "10.005");
  write(cli.dir() + "/number.json", number);
  r = cli.run({"batch", "import", cli.dir() + "/number.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("/operations/4/amount: 10.005 is a JSON number"));
  EXPECT_EQ(state(cli), before);
  // The good operations alone go through, the repayments on the loan disbursed on the
  // command line; a dry run first writes nothing.
  write(cli.dir() + "/good.json", R"({"format":"semilla-batch","version":1,"operations":[)" +
                                      good.substr(0, good.size() - 1) + "]}");
  EXPECT_THAT(cli.ok({"batch", "import", cli.dir() + "/good.json", "--dry-run"}),
              HasSubstr("would add 0 enterprises, 0 accounts, 0 transactions, "
                        "2 loan repayments, 1 grant disbursements, 1 milestones"));
  EXPECT_EQ(state(cli), before);
  EXPECT_THAT(cli.ok({"batch", "import", cli.dir() + "/good.json"}), HasSubstr("Imported"));
  EXPECT_THAT(cli.ok({"batch", "import", cli.dir() + "/good.json"}),
              HasSubstr("Nothing changed: all 4 operations"));
}

// Each bad document is refused with a clear message, exit code 1, and nothing changes.
TEST(ExchangeE2e, BadDocumentsChangeNothing) {
  Cli cli;
  make_sample_book(cli);
  const std::string good = R"({"format":"semilla-batch","version":1,"operations":[)"
                           R"({"type":"transaction","external_id":"t-1","date":"2026-03-02",)"
                           R"("postings":[{"account":"Expenses:Seed","side":"debit",)"
                           R"("amount":"800.00"},{"account":"Assets:Bank:Pichincha",)"
                           R"("side":"credit","amount":"800.00"}]}]})";
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  const std::pair<std::string, std::string> cases[] = {
      {good.substr(0, good.size() / 2), "not valid JSON"},
      {"{\"format\": }", "not valid JSON"},
      {with("\"800.00\"},{\"account\":\"Assets", "800.00},{\"account\":\"Assets"),
       "is a JSON number"},
      {with("\"date\"", "\"colour\":1,\"date\""), "/operations/0/colour: unknown member"},
      {with("\"date\":\"2026-03-02\",", ""), "missing required member \"date\""},
      {with("2026-03-02", "2026-02-30"), "/operations/0/date: \"2026-02-30\""},
      {with("Expenses:Seed", "Expenses:Nowhere"), "/postings/0/account: no account"},
      {with("\"date\"", "\"enterprise\":\"EC-404\",\"date\""), "no enterprise \"EC-404\""},
      {with("\"version\":1", "\"version\":\"1\""), "/version"},
      {std::string(40, '[') + std::string(40, ']'), "nesting deeper than 32"},
  };
  const std::string before = state(cli);
  for (const auto& [text, message] : cases) {
    write(cli.dir() + "/bad.json", text);
    auto r = cli.run({"batch", "import", cli.dir() + "/bad.json"});
    EXPECT_EQ(r.exit_code, 1) << text;
    EXPECT_THAT(r.err, HasSubstr(message)) << text;
  }
  // 200 MB, sparse: a batch is streamed, so not refused for its size, but read up to its
  // first NUL byte, which is not JSON.
  write(cli.dir() + "/big.json", "{");
  ASSERT_EQ(truncate((cli.dir() + "/big.json").c_str(), 200'000'000), 0);
  auto big = cli.run({"batch", "import", cli.dir() + "/big.json"});
  EXPECT_EQ(big.exit_code, 1);
  EXPECT_THAT(big.err, HasSubstr("not valid JSON"));
  EXPECT_EQ(state(cli), before);
}

// Issue 12: statement export reports every problem of its input, not only the first.
TEST(ExchangeE2e, StatementExportReportsEveryProblemOfItsInput) {
  Cli cli;
  cli.ok({"init", "--currency", "USD"});
  auto r = cli.run({"statement", "export", "NOPE", "--from", "2026-13-01", "--to", "31/03/2026",
                    "--issuer", "bad id", "--sign", cli.dir() + "/missing.key"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("5 problems"));
  for (const char* field : {"--issuer", "ENTERPRISE-ID", "--from", "--to", "missing.key"}) {
    EXPECT_THAT(r.err, HasSubstr(field)) << field;
  }
  cli.ok({"enterprise", "add", "EC-001"});
  auto order = cli.run({"statement", "export", "EC-001", "--from", "2026-03-31", "--to",
                        "2026-03-01", "--issuer", "bad id"});
  EXPECT_EQ(order.exit_code, 1);
  EXPECT_THAT(order.err, HasSubstr("2 problems"));
  EXPECT_THAT(order.err, HasSubstr("the period ends (2026-03-01) before it starts (2026-03-31)"));
  // One problem reads as it always did.
  auto one = cli.run({"statement", "export", "NOPE"});
  EXPECT_THAT(one.err, HasSubstr("no enterprise \"NOPE\""));
  EXPECT_THAT(one.err, ::testing::Not(HasSubstr("problems")));
}

TEST(ExchangeE2e, SignedStatementBetweenTwoBooks) {
  Cli mfi;
  make_sample_book(mfi);
  mfi.ok({"post", "--date", "2026-02-01", "--ref", "L-1", "--debit", "Assets:Receivable:EC-001=500",
          "--credit", "Assets:Bank:Pichincha=500"});
  mfi.ok({"post", "--date", "2026-03-01", "--ref", "R-1", "--debit",
          "Assets:Bank:Pichincha=45.10", "--credit", "Assets:Receivable:EC-001=45.10"});
  const std::string key = mfi.dir() + "/mfi.key";
  const std::string vkey = mfi.ok({"keys", "generate", "mfi-a.example.org/st", "--out", key});
  const std::string file = mfi.dir() + "/st.json";
  mfi.ok({"statement", "export", "EC-001", "--from", "2026-03-01", "--to", "2026-03-31",
          "--issuer", "mfi-a", "--sign", key, "--out", file});
  const std::string vk = vkey.substr(0, vkey.find('\n'));
  EXPECT_THAT(mfi.ok({"statement", "verify", file, "--key", vk}), HasSubstr("OK"));
  // `statement show` still works beside the new subcommands.
  EXPECT_THAT(mfi.ok({"statement", "show", "EC-001"}), HasSubstr("Closing balance"));

  Cli ngo;
  make_sample_book(ngo);
  ngo.ok({"account", "add", "Assets:DueFrom:MFI-A", "--type", "asset"});
  const std::vector<std::string> import = {"statement", "import", file, "--key", vk,
                                           "--account", "Assets:Receivable:EC-001",
                                           "--counterpart", "Assets:DueFrom:MFI-A"};
  EXPECT_THAT(ngo.ok(import), HasSubstr("1 transactions"));
  EXPECT_THAT(ngo.ok(import), HasSubstr("Already recorded, nothing changed"));
  EXPECT_THAT(ngo.ok({"balance", "Assets:DueFrom"}), HasSubstr("45.10"));

  const std::string before = state(ngo);
  std::string text;
  std::getline(std::ifstream(file), text);
  text.replace(text.find("45.10"), 5, "54.10");
  write(ngo.dir() + "/altered.json", text);
  auto altered = ngo.run({"statement", "import", ngo.dir() + "/altered.json", "--key", vk,
                          "--account", "Assets:Receivable:EC-001", "--counterpart",
                          "Assets:DueFrom:MFI-A"});
  EXPECT_EQ(altered.exit_code, 3);
  EXPECT_THAT(altered.err, HasSubstr("altered after signing"));
  const std::string other = ngo.ok({"keys", "generate", "mfi-b.example.org/st", "--out",
                                    ngo.dir() + "/b.key"});
  auto unknown = ngo.run({"statement", "verify", file, "--key", other.substr(0, other.find('\n'))});
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_THAT(unknown.err, HasSubstr("not a key you gave"));
  EXPECT_EQ(state(ngo), before);
}

// The whole example programme (book, loans, grants, the partner's batch, statements, the
// auditor's checkpoint) restores from its export into a new database: the same records,
// head, tree and balances, and the loans' and grants' tables rebuilt from their records.
TEST(ExchangeE2e, BookExportImportReproducesTheExampleProgramme) {
  Cli cli;
  copy_programme(cli);
  run_example_parts(cli, {"60-exchange", "90-audit"});
  const std::string bundle = cli.dir() + "/book.json";
  cli.ok({"book", "export", "--out", bundle});
  Cli copy;  // a new, empty database
  EXPECT_THAT(copy.ok({"book", "import", bundle}), HasSubstr("13 enterprises"));
  const std::vector<std::string> verify = {"--json", "audit", "verify"};
  auto a = json::parse(cli.ok(verify));
  auto b = json::parse(copy.ok(verify));  // also compares the module tables with the records
  EXPECT_EQ(a["head"], b["head"]);
  EXPECT_EQ(a["root"], b["root"]);
  EXPECT_EQ(a["records"], b["records"]);
  EXPECT_EQ(cli.ok({"trial-balance"}), copy.ok({"trial-balance"}));
  for (const std::vector<std::string>& report :
       {std::vector<std::string>{"portfolio"}, {"loan", "status", "L-2026-002"},
        {"grant", "status", "GR-008"}, {"fund", "list"}, {"period", "list"},
        {"report", "donor", "BID-2026", "--from", "2026-01-01", "--to", "2026-06-30"},
        {"statement", "export", "EC-002", "--from", "2026-04-01", "--to", "2026-06-30"}}) {
    EXPECT_EQ(cli.ok(report), copy.ok(report)) << report.front();
  }
  // The restored book goes on: a closed month stays closed, a loan takes repayments.
  EXPECT_EQ(copy.run({"post", "--date", "2026-03-31", "--debit", "Expenses:Training=2.00",
                      "--credit", "Assets:Bank:Pichincha=2.00"}).exit_code, 1);
  copy.ok({"loan", "repay", "L-2026-002", "141.84", "--date", "2026-06-30", "--ref", "R-AFTER"});
  copy.ok({"audit", "verify"});
  // Its export is the very same file.
  copy.ok({"book", "export", "--out", copy.dir() + "/again.json"});
  std::string first, again;
  std::getline(std::ifstream(bundle), first);
  std::getline(std::ifstream(copy.dir() + "/again.json"), again);
  EXPECT_NE(first, again);  // one repayment more
  // Into a database that holds a book: refused, nothing changed.
  auto twice = copy.run({"book", "import", bundle});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_THAT(twice.err, HasSubstr("already holds a book"));
  // A damaged bundle leaves no database behind.
  write(cli.dir() + "/cut.json", first.substr(0, first.size() - 100));
  Cli cut;
  auto r = cut.run({"book", "import", cli.dir() + "/cut.json"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(cut.db()));
}

TEST(ExchangeE2e, JournalExportAgreesWithTrialBalanceInHledger) {
  if (std::system("command -v hledger >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "hledger is not installed (./dev.sh test installs it)";
  }
  Cli cli;
  copy_programme(cli);
  cli.ok({"batch", "import", kExample});
  cli.ok({"account", "add", "Assets:Caja Lima", "--type", "asset", "--currency", "PEN"});
  cli.ok({"account", "add", "Equity:Donor:BID", "--type", "equity"});
  cli.ok({"post", "--date", "2026-06-03", "--debit", "Assets:Caja Lima=150.25", "--credit",
          "Equity:Donor:BID=150.25 PEN"});
  const std::string journal = cli.dir() + "/book.journal";
  cli.ok({"journal", "export", "--out", journal});
  const std::string out = cli.dir() + "/hledger.txt";
  ASSERT_EQ(std::system(("hledger -f " + journal + " balance --flat --no-total -O csv > " + out)
                            .c_str()),
            0);
  std::ifstream in(out);
  std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto tb = json::parse(cli.ok({"--json", "trial-balance"}));
  for (const auto& row : tb["accounts"]) {
    const std::string line = "\"" + row["account"].get<std::string>() + "\",\"" +
                             row["balance"].get<std::string>() + " " +
                             row["currency"].get<std::string>() + "\"";
    EXPECT_THAT(csv, HasSubstr(line));
  }
  EXPECT_THAT(csv, HasSubstr("\"Equity:Programme\",\"-120000.00 USD\""));
}

}  // namespace
}  // namespace semilla::e2e
