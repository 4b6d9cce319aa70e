// SPDX-License-Identifier: Apache-2.0
// Journal export, read back by Debian's hledger: its balances must equal the book's to the
// cent, with awkward account names, several currencies (scales 0, 2 and 3) and negatives.
#include <gmock/gmock.h>
#include <sys/wait.h>

#include <cstdio>
#include <map>
#include <sstream>

#include "ledger/exchange/batch.h"
#include "ledger/exchange/journal.h"
#include "tests/exchange/fixture.h"

namespace semilla::exchange_test {
namespace {

using nlohmann::json;

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

class JournalTest : public BookTest {
 protected:
  void SetUp() override {
    BookTest::SetUp();
    json ops = json::parse(R"([
      {"type": "account", "name": "Assets:Banco Pichincha:Cuenta Corriente",
       "account_type": "asset"},
      {"type": "account", "name": "Equity:Fondo Donante:AECID 2026", "account_type": "equity"},
      {"type": "account", "name": "Expenses:Capital semilla", "account_type": "expense"},
      {"type": "account", "name": "Income:Intereses", "account_type": "income"}
    ])");
    const std::string bank = "Assets:Banco Pichincha:Cuenta Corriente";
    const std::string donor = "Equity:Fondo Donante:AECID 2026";
    ops.push_back(txn("d-usd", "2026-01-05", "10000.01", bank, donor));
    ops.push_back(txn("d-jpy", "2026-01-06", "150000", bank, donor));
    ops.push_back(txn("d-kwd", "2026-01-07", "1.005", bank, donor));
    ops.push_back(txn("g-1", "2026-02-01", "800.50", "Expenses:Capital semilla", bank));
    ops.push_back(txn("i-1", "2026-03-01", "0.07", bank, "Income:Intereses"));
    ops[5]["postings"][0]["currency"] = "JPY";
    ops[5]["postings"][1]["currency"] = "JPY";
    ops[6]["postings"][0]["currency"] = "KWD";
    ops[6]["postings"][1]["currency"] = "KWD";
    auto r = exchange::import_batch(*book_, batch(ops));
    ASSERT_TRUE(r.ok()) << r.error().front().to_string();
    ASSERT_TRUE(book_->reverse(5, "2026-03-02", "wrong account").ok());
  }
};

TEST_F(JournalTest, HledgerBalancesEqualTheBook) {
  if (system("command -v hledger >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "hledger is not installed (apt-get install hledger; ./dev.sh test does)";
  }
  std::ofstream out(path("book.journal"));
  ASSERT_TRUE(exchange::export_journal(*store_, out).ok());
  out.close();
  // One line per account and commodity: "account","balance".
  const std::string csv = run("hledger -f " + path("book.journal") +
                              " balance --flat --no-total --no-elide -O csv 2>&1");
  std::map<std::string, std::string> theirs;
  std::istringstream lines(csv);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("\"account\"", 0) == 0 || line.empty()) continue;
    const auto split = line.find("\",\"");
    ASSERT_NE(split, std::string::npos) << csv;
    std::string account = line.substr(1, split - 1);
    std::string amounts = line.substr(split + 3, line.size() - split - 4);
    std::istringstream each(amounts);
    std::string amount;
    while (std::getline(each, amount, ',')) {
      while (!amount.empty() && amount.front() == ' ') amount.erase(0, 1);
      const auto space = amount.find(' ');
      theirs[account + " " + amount.substr(space + 1)] = amount.substr(0, space);
    }
  }
  std::map<std::string, std::string> ours;
  auto balances = store_->balances("", std::nullopt);
  ASSERT_TRUE(balances.ok());
  for (const auto& b : *balances) {
    ours[b.account + " " + std::string(b.amount.currency().code())] = b.amount.to_string();
  }
  EXPECT_EQ(theirs, ours) << csv;
  EXPECT_EQ(ours["Expenses:Capital semilla USD"], "800.50");
  EXPECT_EQ(ours["Equity:Fondo Donante:AECID 2026 KWD"], "-1.005");
}

TEST_F(JournalTest, RefusesNamesAJournalCannotHold) {
  ASSERT_TRUE(book_->add_account({"Assets:Caja  Chica", "asset", "", ""}).ok());
  std::ostringstream out;
  auto s = exchange::export_journal(*store_, out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kRefused);
}

TEST_F(JournalTest, WritesCodesTagsAndSignedAmounts) {
  std::ostringstream out;
  ASSERT_TRUE(exchange::export_journal(*store_, out).ok());
  EXPECT_THAT(out.str(), ::testing::HasSubstr(
                             "2026-03-02 * (6) Reversal of transaction 5  ; semilla:6, "
                             "reverses:5\n"));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("-800.50 USD\n"));
}

}  // namespace
}  // namespace semilla::exchange_test
