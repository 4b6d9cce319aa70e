// SPDX-License-Identifier: Apache-2.0
// End-to-end: tampering behind the program's back is found by `audit verify`, and a process
// killed in the middle of a batch leaves a book that verifies with no half transaction.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>

#include "audit/hash.h"
#include "ledger/book/book.h"
#include "tests/e2e/cli_runner.h"
#include "ledger/store/page_checksums.h"

namespace semilla::e2e {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class IntegrityE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    make_sample_book(cli);
    for (int i = 1; i <= 5; ++i) {
      cli.ok({"post", "--date", "2026-03-0" + std::to_string(i), "--debit",
              "Assets:Bank:Pichincha=" + std::to_string(i * 100) + ".00", "--credit",
              "Equity:Donor:BID=" + std::to_string(i * 100) + ".00"});
    }
    cli.ok({"audit", "verify"});
  }
  // Runs verify and expects exit code 3 with `expected` in its message.
  void expect_detected(const std::string& expected) {
    auto r = cli.run({"audit", "verify"});
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr(expected));
  }
  Cli cli;
};

TEST_F(IntegrityE2E, AppendOnlyTablesRefuseUpdatesInSqlite) {
  auto r = cli.run({"audit", "verify"});
  ASSERT_EQ(r.exit_code, 0);
  const std::string out = cli.dir() + "/x";
  // The triggers make even a direct UPDATE fail.
  EXPECT_EXIT(
      {
        int rc = std::system(("sqlite3 " + cli.db() +
                              " 'UPDATE postings SET amount_minor = 1' 2>/dev/null")
                                 .c_str());
        std::exit(WEXITSTATUS(rc) == 0 ? 0 : 1);
      },
      ::testing::ExitedWithCode(1), "");
}

TEST_F(IntegrityE2E, ChangedPostingAmountIsNamed) {
  cli.sql("DROP TRIGGER postings_no_UPDATE; UPDATE postings SET amount_minor = 90000 "
          "WHERE transaction_id = 3 AND idx = 0;");
  expect_detected("transaction 3 (record 11): posting 1 is Assets:Bank:Pichincha 900.00 USD in "
                  "the database but Assets:Bank:Pichincha 300.00 USD in the audit record");
}

TEST_F(IntegrityE2E, DeletedPostingRowIsFound) {
  cli.sql("DROP TRIGGER postings_no_DELETE; DELETE FROM postings WHERE transaction_id = 2 "
          "AND idx = 1;");
  expect_detected("transaction 2 (record 10)");
}

TEST_F(IntegrityE2E, DeletedTransactionIsFound) {
  cli.sql("PRAGMA foreign_keys=OFF; DROP TRIGGER transactions_no_DELETE; "
          "DROP TRIGGER postings_no_DELETE; DELETE FROM postings WHERE transaction_id = 4; "
          "DELETE FROM transactions WHERE id = 4;");
  expect_detected("transaction 4: deleted from the database; record 12 posted it");
}

TEST_F(IntegrityE2E, EditedRecordBytesAreNamed) {
  cli.sql("DROP TRIGGER audit_log_no_UPDATE; UPDATE audit_log SET bytes = "
          "CAST(replace(CAST(bytes AS TEXT), '300.00', '30.00') AS BLOB) WHERE seq = 11;");
  expect_detected("record 11: bytes altered");
}

TEST_F(IntegrityE2E, RecordRewrittenWithItsHashBreaksTheChainAfterIt) {
  // A careful forger also recomputes the stored hash: the next record's prev exposes it.
  {
    SQLite::Database db(cli.db(), SQLite::OPEN_READWRITE, 0, store::page_checksum_vfs());
    db.exec("DROP TRIGGER audit_log_no_UPDATE");
    std::string bytes = db.execAndGet("SELECT bytes FROM audit_log WHERE seq = 12").getString();
    auto at = bytes.find("\"memo\":\"\"");
    ASSERT_NE(at, std::string::npos);
    bytes.insert(at + 8, "x");
    audit::Hash h = audit::sha256(bytes);
    SQLite::Statement st(db, "UPDATE audit_log SET bytes = ?, hash = ? WHERE seq = 12");
    st.bind(1, bytes.data(), static_cast<int>(bytes.size()));
    st.bind(2, h.data(), static_cast<int>(h.size()));
    st.exec();
  }
  expect_detected("record 13: chain broken");
}

TEST_F(IntegrityE2E, DeletedRecordIsFound) {
  cli.sql("DROP TRIGGER audit_log_no_DELETE; DELETE FROM audit_log WHERE seq = 11;");
  expect_detected("record 11: missing");
}

TEST_F(IntegrityE2E, BalanceTableEditIsFound) {
  cli.sql("UPDATE balance_days SET closing_minor = closing_minor + 1 WHERE day = '2026-03-05';");
  expect_detected("balance table");
}

// Posts batches of 100 transactions in a child process until it is killed.
[[noreturn]] void post_batches_forever(const std::string& db) {
  setenv("SEMILLA_NOW", "2026-06-30T15:00:00Z", 1);
  auto store = store::open_sqlite_store(db, false);
  if (!store.ok()) _exit(10);
  auto book = book::Book::open(**store, "crash-test");
  if (!book.ok()) _exit(11);
  std::vector<book::TransactionDraft> batch;
  for (int i = 0; i < 100; ++i) {
    batch.push_back(book::TransactionDraft{
        "2026-03-10", "batch", "", "",
        {{"Assets:Bank:Pichincha", "1.00", "", true, "d"},
         {"Equity:Donor:BID", "1.00", "", false, "c"}},
        ""});
  }
  while (true) {
    if (!book->post_batch(batch).ok()) _exit(12);
  }
}

TEST_F(IntegrityE2E, SigkillInTheMiddleOfBatchesLeavesNoHalfTransaction) {
  for (int round = 0; round < 3; ++round) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) post_batches_forever(cli.db());
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + 70 * round));
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << WEXITSTATUS(status);
  }
  json v = json::parse(cli.ok({"--json", "audit", "verify"}));
  ASSERT_EQ(v["ok"], true);
  const auto txns = v["transactions"].get<std::int64_t>();
  EXPECT_EQ((txns - 5) % 100, 0) << "a batch was cut in half: " << txns;
  EXPECT_GT(txns, 5) << "no batch committed; slow machine?";
  json tb = json::parse(cli.ok({"--json", "trial-balance"}));
  EXPECT_EQ(tb["totals"][0]["debit"], tb["totals"][0]["credit"]);
}

}  // namespace
}  // namespace semilla::e2e
