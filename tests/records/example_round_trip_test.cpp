// SPDX-License-Identifier: Apache-2.0
// A record has one byte string, proven on the example programme (examples/semillas.sh, built
// by the real binary): every record opens strictly, re-encodes to its exact bytes, and its
// payload decodes with its kind's decoder and, where the module has an encoder for the decoded
// value, re-encodes to the same canonical bytes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "audit/canonical_json.h"
#include "audit/record.h"
#include "ledger/book/approvals.h"
#include "ledger/book/checkpoint_record.h"
#include "ledger/book/officers.h"
#include "ledger/book/payload.h"
#include "ledger/grants/grants_internal.h"
#include "ledger/loans/loan_records.h"
#include "ledger/store/store.h"

namespace semilla {
namespace {

using nlohmann::json;

// Builds the example book once for the whole file.
std::string example_db() {
  static const std::string db = [] {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("semilla-records-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    const std::string command = std::string("SEMILLA=") + SEMILLA_BINARY_DIR + "/cli/semilla " +
                                SEMILLA_SOURCE_DIR + "/examples/semillas.sh " + dir.string() +
                                " >" + dir.string() + ".log 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << "see " << dir.string() << ".log";
    return (dir / "semillas.db").string();
  }();
  return db;
}

std::string canonical(const json& j) { return audit::canonical_json(j).value(); }

// Decodes the payload of `r` with its kind's decoder and re-encodes it where the module has
// an encoder; a failure names the record.
class RoundTrip {
 public:
  void check(const audit::SealedRecord& r) {
    const auto& k = r.record.kind;
    const json& p = r.record.payload;
    kinds.insert(k);
    if (loans::internal::is_loan_kind(k)) return check_loan(r);
    if (k == book::kKindInit) {
      EXPECT_EQ(canonical(book::to_payload(book::book_info_from_payload(p).value())),
                canonical(p));
    } else if (k == book::kKindAccount) {
      EXPECT_EQ(canonical(book::to_payload(book::account_from_payload(p, 0).value())),
                canonical(p));
    } else if (k == book::kKindStatusDefine) {
      EXPECT_EQ(canonical(book::to_payload(book::status_name_from_payload(p, 0).value())),
                canonical(p));
    } else if (k == book::kKindEnterprise || k == book::kKindEnterpriseUpdate) {
      EXPECT_EQ(canonical(book::to_payload(book::enterprise_from_payload(p, 0).value())),
                canonical(p));
    } else if (k == book::kKindTransaction) {
      auto t = book::transaction_from_payload(p, 0, r.record.time).value();
      EXPECT_EQ(book::canonical_payload(t).value(), canonical(p));
    } else if (book::is_officer_kind(k)) {
      auto o = book::officer_from_payload(k, p, r.record.seq, r.record.signer).value();
      EXPECT_EQ(canonical(book::officer_payload(o)), canonical(p));
    } else if (k == book::kKindPolicySet) {
      EXPECT_EQ(canonical(book::policy_payload(book::policy_from_payload(p).value())),
                canonical(p));
    } else if (book::is_approval_kind(k)) {
      // Requests and decisions have no encoder of their own: their payloads are written
      // as the command builds them (approval_ops.cpp), and their rules need the log before
      // them (ApprovalBook::step, which the example's audit verify runs).
      EXPECT_TRUE(p.contains("request") || p.contains("record")) << k;
    } else if (k == book::kKindCheckpoint) {
      EXPECT_EQ(canonical(book::to_payload(book::checkpoint_from_payload(p).value())),
                canonical(p));
    } else {
      check_grant(r);
    }
  }

  std::set<std::string> kinds;

 private:
  void check_loan(const audit::SealedRecord& r) {
    const json& p = r.record.payload;
    auto change = loans::internal::apply_record(r.record.kind, p, r.record.seq,
                                                loans_[loans::internal::loan_of(p)]);
    ASSERT_TRUE(change.ok()) << change.error().to_string();
    if (p.contains("terms")) {
      auto terms = loans::internal::terms_from_json(p["terms"]);
      ASSERT_TRUE(terms.ok()) << terms.error().to_string();
      EXPECT_EQ(loans::internal::terms_to_json(*terms), p["terms"]);
    }
  }

  void check_grant(const audit::SealedRecord& r) {
    using namespace grants;  // NOLINT: the module's payload functions
    const auto& k = r.record.kind;
    const json& p = r.record.payload;
    const auto seq = r.record.seq;
    json again;
    if (k == "fund.add") {
      auto f = fund_from_payload(p, seq).value();
      currency_[f.code] = f.currency;
      again = to_payload(f);
    } else if (k == "fund.receive") {
      const std::string& c = currency_.at(p.at("fund").get<std::string>());
      again = to_payload(receipt_from_payload(p, seq, c).value(), c);
    } else if (k == "fund.spend") {
      const std::string& c = currency_.at(p.at("fund").get<std::string>());
      again = to_payload(spending_from_payload(p, seq, c).value(), c);
    } else if (k == "milestone.record") {
      again = to_payload(milestone_from_payload(p, seq, r.record.actor).value());
    } else if (k == "milestone.define") {
      again = to_payload(milestone_name_from_payload(p, seq).value());
    } else if (k == "enterprise.members") {
      again = to_payload(members_from_payload(p, seq).value());
    } else if (k == "period.close" || k == "period.reopen") {
      again = to_payload(period_from_payload(p, seq, k == "period.close", "").value());
    } else if (k == "grant.award") {
      auto g = grant_from_payload(p, seq).value();
      currency_["grant " + g.id] = g.currency;
      again = award_payload(g, event_from_payload(p, seq, "award", g.currency).value());
    } else {
      ASSERT_EQ(k.substr(0, 6), "grant.") << k;
      const std::string& c = currency_.at("grant " + p.at("grant").get<std::string>());
      again = to_payload(event_from_payload(p, seq, k.substr(6), c).value(), c);
    }
    EXPECT_EQ(canonical(again), canonical(p)) << k;
  }

  std::map<std::string, loans::internal::LoanState> loans_;
  std::map<std::string, std::string> currency_;  // fund code or "grant ID" -> currency
};

TEST(ExampleRoundTrip, EveryRecordDecodesAndReencodesToItsExactBytes) {
  auto store = store::open_sqlite_store(example_db(), false);
  ASSERT_TRUE(store.ok()) << store.error().to_string();
  RoundTrip trip;
  std::uint64_t count = 0;
  Status s = (*store)->for_each_record(0, [&](const store::StoredRecord& stored) -> Status {
    auto opened = audit::open_record(stored.bytes);
    EXPECT_TRUE(opened.ok()) << "record " << stored.seq << ": " << opened.error().to_string();
    if (!opened.ok()) return Status::Ok();
    auto again = audit::seal(opened->record);
    EXPECT_TRUE(again.ok());
    if (again.ok()) {
      EXPECT_EQ(again->bytes, stored.bytes) << "record " << stored.seq;
    }
    SCOPED_TRACE("record " + std::to_string(stored.seq) + " " + opened->record.kind);
    trip.check(*opened);
    ++count;
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_GT(count, 100u);
  // The example exercises the book, both modules and the checkpoint.
  for (const char* kind : {"book.init", "account.add", "enterprise.add", "transaction.post",
                           "loan.product", "loan.open", "loan.disburse", "loan.repay",
                           "fund.add", "fund.receive", "milestone.define", "status.define",
                           "grant.award", "grant.disburse", "enterprise.members",
                           "officer.add", "policy.set", "approval.request",
                           "approval.approve"}) {
    EXPECT_EQ(trip.kinds.count(kind), 1u) << kind;
  }
  std::string seen;
  for (const auto& k : trip.kinds) seen += k + " ";
  RecordProperty("kinds", seen);
  store->reset();
  const std::filesystem::path dir = std::filesystem::path(example_db()).parent_path();
  std::filesystem::remove(dir.string() + ".log");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace semilla
