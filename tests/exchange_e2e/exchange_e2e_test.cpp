// SPDX-License-Identifier: Apache-2.0
// The exchange commands through the real binary: batch import, statements between two books,
// book export and restore, journal export read by hledger.
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

TEST(ExchangeE2e, BatchImportOnceThenNothingChanged) {
  Cli cli;
  cli.ok({"init", "--currency", "USD", "--name", "Semillas 2026"});
  auto dry = cli.run({"batch", "import", kExample, "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("Dry run, nothing written"));
  const std::string before = state(cli);
  auto first = cli.run({"batch", "import", kExample});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("Imported: 2 enterprises, 6 accounts, 5 transactions"));
  EXPECT_EQ(first.err, "");  // no progress display when stderr is not a terminal
  EXPECT_NE(state(cli), before);
  const std::string after = state(cli);
  auto second = cli.run({"--json", "batch", "import", kExample});
  EXPECT_EQ(json::parse(second.out)["changed"], false);
  EXPECT_EQ(state(cli), after);
}

// Each bad document is refused with a clear message, exit code 1, and nothing changes.
TEST(ExchangeE2e, BadDocumentsChangeNothing) {
  Cli cli;
  make_sample_book(cli);
  const std::string good = R"({"format":"semilla-batch","version":1,"operations":[)"
                           R"({"type":"transaction","external_id":"t-1","date":"2026-03-02",)"
                           R"("postings":[{"account":"Expenses:Grants:Seed","side":"debit",)"
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
      {with("Expenses:Grants:Seed", "Expenses:Nowhere"), "/postings/0/account: no account"},
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
  // 200 MB, sparse: refused by its size before a byte is read.
  write(cli.dir() + "/big.json", "{");
  ASSERT_EQ(truncate((cli.dir() + "/big.json").c_str(), 200'000'000), 0);
  auto big = cli.run({"batch", "import", cli.dir() + "/big.json"});
  EXPECT_EQ(big.exit_code, 1);
  EXPECT_THAT(big.err, HasSubstr("at most 128 MiB"));
  EXPECT_EQ(state(cli), before);
}

TEST(ExchangeE2e, SignedStatementBetweenTwoBooks) {
  Cli mfi;
  make_sample_book(mfi);
  mfi.ok({"post", "--date", "2026-02-01", "--ref", "L-1", "--debit", "Assets:Loans:EC-001=500",
          "--credit", "Assets:Bank:Pichincha=500"});
  mfi.ok({"post", "--date", "2026-03-01", "--ref", "R-1", "--debit",
          "Assets:Bank:Pichincha=45.10", "--credit", "Assets:Loans:EC-001=45.10"});
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
                                           "--account", "Assets:Loans:EC-001",
                                           "--counterpart", "Assets:DueFrom:MFI-A"};
  EXPECT_THAT(ngo.ok(import), HasSubstr("1 transactions"));
  EXPECT_THAT(ngo.ok(import), HasSubstr("Nothing changed"));
  EXPECT_THAT(ngo.ok({"balance", "Assets:DueFrom"}), HasSubstr("45.10"));

  const std::string before = state(ngo);
  std::string text;
  std::getline(std::ifstream(file), text);
  text.replace(text.find("45.10"), 5, "54.10");
  write(ngo.dir() + "/altered.json", text);
  auto altered = ngo.run({"statement", "import", ngo.dir() + "/altered.json", "--key", vk,
                          "--account", "Assets:Loans:EC-001", "--counterpart",
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

TEST(ExchangeE2e, BookExportImportReproducesTheBook) {
  Cli cli;
  cli.ok({"init", "--currency", "USD", "--name", "Semillas 2026"});
  cli.ok({"batch", "import", kExample});
  const std::string key = cli.dir() + "/audit.key";
  const std::string vkey = cli.ok({"keys", "generate", "ngo.example.org/audit", "--out", key});
  cli.ok({"audit", "checkpoint", "--key", key});
  cli.ok({"reverse", "3", "--date", "2026-06-01", "--reason", "typed twice"});
  const std::string bundle = cli.dir() + "/book.json";
  cli.ok({"book", "export", "--out", bundle});
  Cli copy;  // a new, empty database
  copy.ok({"book", "import", bundle});
  const std::string vk = vkey.substr(0, vkey.find('\n'));
  auto a = json::parse(cli.ok({"--json", "audit", "verify", "--key", vk}));
  auto b = json::parse(copy.ok({"--json", "audit", "verify", "--key", vk}));
  EXPECT_EQ(a["head"], b["head"]);
  EXPECT_EQ(a["root"], b["root"]);
  EXPECT_EQ(a["records"], b["records"]);
  EXPECT_EQ(cli.ok({"trial-balance"}), copy.ok({"trial-balance"}));
  // The same file verifies offline as an audit bundle.
  EXPECT_THAT(cli.ok({"audit", "verify", "--bundle", bundle, "--key", vk}), HasSubstr("OK"));
  // Into a database that holds a book: refused, nothing changed.
  auto again = copy.run({"book", "import", bundle});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("already holds a book"));
  // A damaged bundle leaves no database behind.
  std::string text;
  std::getline(std::ifstream(bundle), text);
  write(cli.dir() + "/cut.json", text.substr(0, text.size() - 100));
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
  cli.ok({"init", "--currency", "USD", "--name", "Semillas 2026"});
  cli.ok({"batch", "import", kExample});
  cli.ok({"account", "add", "Assets:Caja Lima", "--type", "asset", "--currency", "PEN"});
  cli.ok({"account", "add", "Equity:Donor:BID", "--type", "equity"});
  cli.ok({"post", "--date", "2026-03-03", "--debit", "Assets:Caja Lima=150.25", "--credit",
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
  EXPECT_THAT(csv, HasSubstr("\"Equity:Funds:AECID 2026\",\"-25000.00 USD\""));
}

}  // namespace
}  // namespace semilla::e2e
