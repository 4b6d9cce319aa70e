// SPDX-License-Identifier: Apache-2.0
// Book export and import: the audit bundle restores into a new database exactly.
#include <gmock/gmock.h>

#include <sstream>

#include "audit/note_key.h"
#include "ledger/book/audit_ops.h"
#include "ledger/book/bundle.h"
#include "ledger/book/restore.h"
#include "ledger/book/verify.h"
#include "ledger/exchange/batch.h"
#include "tests/exchange/fixture.h"

namespace semilla::exchange_test {
namespace {

using nlohmann::json;

class RestoreTest : public BookTest {
 protected:
  void SetUp() override {
    BookTest::SetUp();
    json ops = setup_operations();
    ops.push_back(txn("don-1", "2026-01-05", "10000.00"));
    ops.push_back(txn("loan-1", "2026-02-01", "800.00", "Assets:Receivable:EC-001", "Assets:Bank"));
    ASSERT_TRUE(exchange::import_batch(*book_, batch(ops)).ok());
    signer_ = *audit::NoteSigner::from_seed("ngo.example.org/audit", std::string(32, '\x05'));
    ASSERT_TRUE(book::sign_checkpoint(*store_, signer_, "", "auditor").ok());
    ASSERT_TRUE(book_->reverse(2, "2026-02-02", "typed twice").ok());
  }

  audit::NoteSigner signer_ = *audit::NoteSigner::from_seed("x", std::string(32, '\x01'));
};

TEST_F(RestoreTest, SameRecordsHeadTreeCheckpointsAndBalances) {
  auto bundle = book::export_bundle(*store_);
  ASSERT_TRUE(bundle.ok());
  auto copy = open(path("copy.db"));
  std::istringstream in(*bundle);
  auto report = book::restore_bundle(*copy, in);
  ASSERT_TRUE(report.ok()) << report.error().to_string();
  const book::VerifyOptions options{{signer_.verifier()}, std::nullopt, nullptr, false, {}};
  auto original = book::verify_book(*store_, options);
  auto restored = book::verify_book(*copy, options);
  ASSERT_TRUE(restored.ok()) << restored.error().to_string();
  EXPECT_EQ(restored->head, original->head);
  EXPECT_EQ(restored->root, original->root);
  EXPECT_EQ(restored->checkpoints, 1u);
  EXPECT_EQ(restored->transactions, 3u);
  EXPECT_EQ(report->head, original->head);
  auto a = store_->balances("", std::nullopt);
  auto b = copy->balances("", std::nullopt);
  ASSERT_EQ(a->size(), b->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    EXPECT_EQ((*a)[i].account, (*b)[i].account);
    EXPECT_EQ((*a)[i].amount, (*b)[i].amount);
  }
  // The restored book exports the very same bytes.
  EXPECT_EQ(*book::export_bundle(*copy), *bundle);
}

TEST_F(RestoreTest, RefusesABookThatIsNotEmpty) {
  std::istringstream in(*book::export_bundle(*store_));
  auto r = book::restore_bundle(*store_, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kAlreadyExists);
}

TEST_F(RestoreTest, AlteredOrTruncatedBundlesWriteNothing) {
  const std::string bundle = *book::export_bundle(*store_);
  std::string altered = bundle;
  altered.replace(altered.find("800.00"), 6, "900.00");
  for (const std::string& bytes : {altered, bundle.substr(0, bundle.size() / 2),
                                   std::string("{}"), std::string()}) {
    auto copy = open(path("bad.db"));
    std::istringstream in(bytes);
    auto r = book::restore_bundle(*copy, in);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kVerifyFailed) << r.error().to_string();
    EXPECT_EQ(copy->audit_head()->size, 0u);
    EXPECT_FALSE(copy->info()->has_value());
    copy.reset();
    std::filesystem::remove(path("bad.db"));
  }
}

}  // namespace
}  // namespace semilla::exchange_test
