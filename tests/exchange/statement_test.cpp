// SPDX-License-Identifier: Apache-2.0
// Statements: built from the book, signed, verified, imported once.
#include <gmock/gmock.h>

#include "audit/canonical_json.h"
#include "ledger/exchange/batch.h"
#include "ledger/exchange/statement.h"
#include "tests/exchange/fixture.h"

namespace semilla::exchange_test {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class StatementTest : public BookTest {
 protected:
  void SetUp() override {
    BookTest::SetUp();
    json ops = setup_operations();
    ops.push_back(txn("don-1", "2026-01-05", "10000.00"));
    ops.push_back(txn("loan-1", "2026-02-01", "800.00", "Assets:Receivable:EC-001", "Assets:Bank"));
    ops.push_back(txn("rep-1", "2026-03-01", "120.50", "Assets:Bank", "Assets:Receivable:EC-001"));
    ops.push_back(txn("rep-2", "2026-04-01", "120.50", "Assets:Bank", "Assets:Receivable:EC-001"));
    auto r = exchange::import_batch(*book_, batch(ops));
    ASSERT_TRUE(r.ok()) << r.error().front().to_string();
    signer_ = *audit::NoteSigner::from_seed("mfi-a.example.org/statements",
                                            std::string(32, '\x07'));
    other_ = *audit::NoteSigner::from_seed("mfi-b.example.org/statements",
                                           std::string(32, '\x08'));
  }

  json signed_statement(const std::string& from = "2026-03-01") {
    auto doc = exchange::build_statement(*book_, {"EC-001", from, "2026-06-30", "mfi-a"});
    EXPECT_TRUE(doc.ok());
    return *exchange::sign_statement(*doc, signer_);
  }

  Result<exchange::VerifiedStatement, Errors> verify(const json& doc) {
    std::vector<audit::NoteVerifier> keys{signer_.verifier()};
    return exchange::verify_statement(doc, keys);
  }

  audit::NoteSigner signer_ = *audit::NoteSigner::from_seed("x", std::string(32, '\x01'));
  audit::NoteSigner other_ = signer_;
};

TEST_F(StatementTest, ShapedAfterCamt053) {
  const json doc = signed_statement();
  const auto& st = doc["statement"];
  EXPECT_EQ(st["id"], "ST20260301-20260630-EC-001");
  EXPECT_EQ(st["issuer"]["id"], "mfi-a");
  EXPECT_EQ(st["balances"][0], json::parse(R"({"type":"OPBD","date":"2026-03-01",
      "amount":"800.00","currency":"USD","indicator":"DBIT"})"));
  EXPECT_EQ(st["balances"][1]["amount"], "559.00");
  ASSERT_EQ(st["entries"].size(), 2u);
  EXPECT_EQ(st["entries"][0]["indicator"], "CRDT");
  EXPECT_EQ(st["entries"][0]["end_to_end_ref"], "rep-1");
  EXPECT_EQ(st["entries"][0]["amount"], "120.50");
  EXPECT_TRUE(verify(doc).ok());
}

TEST_F(StatementTest, SignatureCoversTheCanonicalFormWithoutItself) {
  json doc = signed_statement();
  const std::string value = doc["signature"]["value"];
  json unsigned_doc = doc;
  unsigned_doc.erase("signature");
  auto bytes = audit::canonical_json(unsigned_doc);
  auto raw = audit::base64_decode(value);
  EXPECT_TRUE(*signer_.verifier().verify(*bytes, *raw));
}

TEST_F(StatementTest, AlteredForgedUnknownOrUnsigned) {
  json doc = signed_statement();
  doc["statement"]["entries"][0]["amount"] = "1200.50";  // a valid document, bad signature
  auto r = verify(doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error()[0].code, ErrorCode::kVerifyFailed);
  EXPECT_THAT(r.error()[0].message, HasSubstr("altered after signing"));

  auto foreign = *exchange::sign_statement(signed_statement(), other_);
  r = verify(foreign);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error()[0].message, HasSubstr("not a key you gave"));

  json bare = signed_statement();
  bare.erase("signature");
  r = verify(bare);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error()[0].message, HasSubstr("not signed"));
}

TEST_F(StatementTest, SchemaAndArithmeticAreChecked) {
  json doc = signed_statement();
  doc["statement"]["entries"][0]["amount"] = 120.5;
  doc["statement"]["surprise"] = 1;
  auto r = verify(doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().size(), 2u);
  // Signed, but the balances do not follow from the entries.
  json bad = signed_statement();
  bad["statement"]["balances"][1]["amount"] = "560.00";
  r = verify(*exchange::sign_statement(bad, signer_));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error()[0].message, HasSubstr("is not the closing balance"));
  json date = signed_statement();
  date["statement"]["entries"][0]["booking_date"] = "2026-02-30";
  r = verify(*exchange::sign_statement(date, signer_));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error()[0].field, "/statement/entries/0/booking_date");
}

TEST_F(StatementTest, ImportRecordsRepaymentsOnce) {
  auto v = verify(signed_statement());
  ASSERT_TRUE(v.ok());
  ASSERT_TRUE(book_->add_account({"Assets:DueFrom:MFI-A", "asset", "", ""}).ok());
  exchange::StatementImportOptions o;
  o.account = "Assets:Receivable:EC-001";
  o.counterpart = "Assets:DueFrom:MFI-A";
  // A fresh enterprise account mirrors the partner's: use a second book's view by importing
  // into this one under other refs (the refs are namespaced by the issuer).
  auto first = exchange::import_statement(*book_, *v, o);
  ASSERT_TRUE(first.ok()) << first.error().front().to_string();
  EXPECT_EQ(first->transactions_posted, 2u);
  auto t = store_->find_transaction_by_ref("mfi-a/T4-1");
  ASSERT_TRUE(t->has_value());
  EXPECT_EQ((*t)->enterprise, "EC-001");
  const auto size = log_size();
  auto again = exchange::import_statement(*book_, *v, o);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->changed());
  EXPECT_EQ(log_size(), size);
}

TEST_F(StatementTest, ImportNamesTheOptionsAtFault) {
  auto v = verify(signed_statement());
  ASSERT_TRUE(v.ok());
  const auto size = log_size();
  exchange::StatementImportOptions o;
  o.account = "Assets:Receivable:EC-001";
  o.counterpart = "Assets:Nope";
  auto r = exchange::import_statement(*book_, *v, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error()[0].field, "--counterpart");
  EXPECT_EQ(r.error().size(), 2u);  // one per entry
  EXPECT_EQ(log_size(), size);
}

TEST_F(StatementTest, UnknownEnterprise) {
  auto doc = exchange::build_statement(*book_, {"EC-404", "", "", "mfi-a"});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace semilla::exchange_test
