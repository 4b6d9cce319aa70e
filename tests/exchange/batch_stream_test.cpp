// SPDX-License-Identifier: Apache-2.0
// Batch files are streamed: a document's operations and JSON Lines are applied as they are
// read, in one database transaction, with the same verdicts as a document read whole.
#include <gmock/gmock.h>

#include "ledger/base/limits.h"
#include "ledger/exchange/batch.h"
#include "tests/exchange/fixture.h"

namespace semilla::exchange_test {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

json operations() {
  json ops = setup_operations();
  for (int i = 0; i < 2500; ++i) {
    ops.push_back(txn("t-" + std::to_string(i), "2026-01-05", std::to_string(i + 1) + ".00"));
  }
  return ops;
}

std::string lines(const json& ops) {
  std::string out;
  for (const auto& op : ops) out += op.dump() + "\n\n";  // blank lines are skipped
  return out;
}

class BatchStreamTest : public BookTest {};

TEST_F(BatchStreamTest, DocumentAndJsonLinesGiveTheBookADocumentReadWholeGives) {
  write("batch.json", batch(operations()).dump(1));
  auto streamed = exchange::import_batch_file(*book_, path("batch.json"));
  ASSERT_TRUE(streamed.ok()) << streamed.error().front().to_string();
  EXPECT_EQ(streamed->operations, 2504u);
  EXPECT_EQ(streamed->transactions_posted, 2500u);
  const auto head = store_->audit_head();

  // The same operations as JSON Lines change nothing more: the same external ids.
  write("batch.jsonl", lines(operations()));
  auto again = exchange::import_batch_file(*book_, path("batch.jsonl"));
  ASSERT_TRUE(again.ok()) << again.error().front().to_string();
  EXPECT_EQ(again->operations, 2504u);
  EXPECT_EQ(again->unchanged, 2504u);
  EXPECT_FALSE(again->changed());
  EXPECT_EQ(store_->audit_head()->hash, head->hash);
}

TEST_F(BatchStreamTest, JsonLinesIntoAFreshBookPostsEveryOperation) {
  write("batch.ndjson", lines(operations()));
  auto r = exchange::import_batch_file(*book_, path("batch.ndjson"));
  ASSERT_TRUE(r.ok()) << r.error().front().to_string();
  EXPECT_EQ(r->transactions_posted, 2500u);
}

// As for a document read whole: after a schema violation the rules are not checked, and only
// the schema's problems are reported, named by the operation's index.
TEST_F(BatchStreamTest, SchemaProblemsComeAloneAndNothingIsWritten) {
  json ops = operations();
  ops[10]["postings"][0]["account"] = "Assets:Nowhere";  // a rule: unknown account
  ops[20]["postings"][1]["amount"] = 5;                   // the schema: a number
  ops[30]["memo"] = 7;                                     // the schema again
  const auto before = log_size();
  for (const char* name : {"bad.json", "bad.jsonl"}) {
    write(name, std::string(name) == "bad.json" ? batch(ops).dump() : lines(ops));
    auto r = exchange::import_batch_file(*book_, path(name));
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(fields(r.error()),
                ElementsAre("/operations/20/postings/1/amount", "/operations/30/memo"))
        << name;
    EXPECT_THAT(r.error()[0].message, HasSubstr("is a JSON number"));
    EXPECT_EQ(log_size(), before);
  }
}

TEST_F(BatchStreamTest, RuleProblemsAreAllReportedAndNothingIsWritten) {
  json ops = operations();
  ops[10]["postings"][0]["account"] = "Assets:Nowhere";
  ops[2000]["date"] = "2026-02-30";
  write("bad.jsonl", lines(ops));
  const auto before = log_size();
  auto r = exchange::import_batch_file(*book_, path("bad.jsonl"));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(fields(r.error()),
              ElementsAre("/operations/10/postings/0/account", "/operations/2000/date"));
  EXPECT_EQ(log_size(), before);
}

// The members around the operations are checked when the document ends: the operations
// applied before are rolled back.
TEST_F(BatchStreamTest, AWrongEnvelopeAfterTheOperationsRefusesTheWholeFile) {
  json doc = batch(operations());
  const std::string text = doc.dump();
  // "operations" sorts before "version": make the version, read last, wrong.
  write("bad.json", text.substr(0, text.size() - 2) + "2}");
  const auto before = log_size();
  auto r = exchange::import_batch_file(*book_, path("bad.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(fields(r.error()), ElementsAre("/version"));
  EXPECT_EQ(log_size(), before);
}

TEST_F(BatchStreamTest, OneOperationHasLimits) {
  json big = txn("big", "2026-01-05", "1.00");
  json memo = json::array();
  for (std::size_t i = 0; i < limits::kImportOperationValuesMax; ++i) memo.push_back(i);
  big["memo"] = memo;
  write("big.json", batch(json::array({big})).dump());
  auto r = exchange::import_batch_file(*book_, path("big.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().front().field, "FILE");
  EXPECT_THAT(r.error().front().message, HasSubstr("more than 20000 values"));

  write("long.jsonl", std::string(limits::kImportLineBytesMax + 1, ' ') + "\n");
  auto line = exchange::import_batch_file(*book_, path("long.jsonl"));
  ASSERT_FALSE(line.ok());
  EXPECT_EQ(line.error().front().code, ErrorCode::kLimitExceeded);

  write("bad.jsonl", txn("a", "2026-01-05", "1.00").dump() + "\n{\"type\": \n");
  auto broken = exchange::import_batch_file(*book_, path("bad.jsonl"));
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(broken.error().front().message, HasSubstr("line 2: "));
}

}  // namespace
}  // namespace semilla::exchange_test
