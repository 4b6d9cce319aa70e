// SPDX-License-Identifier: Apache-2.0
// The grant rules on a temporary book, through the library: funds, milestones, tranches,
// returns, cancellation, members and snapshots, period close, replay by audit verify.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "ledger/base/limits.h"
#include "ledger/book/verify.h"
#include "ledger/grants/donor_report.h"
#include "tests/grants/fixture.h"
#include "ledger/store/page_checksums.h"

namespace semilla::grants {
namespace {

class GrantsTest : public GrantsBook {};

TEST_F(GrantsTest, FundAddCreatesItsAccountsAndRefusesDuplicatesAndBadInput) {
  auto accounts = book_->accounts();
  ASSERT_TRUE(accounts.ok());
  EXPECT_EQ(accounts->size(), 7u);
  EXPECT_EQ(accounts->front().name, "Assets:Funds:F1");
  EXPECT_EQ(accounts->front().currency, "USD");
  const auto before = head();
  EXPECT_EQ(add_fund(*book_, {"F1", "D", "USD", "", "", {}}).error().code,
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(add_fund(*book_, {"F:2", "D", "USD", "", "", {}}).error().field, "CODE");
  EXPECT_EQ(add_fund(*book_, {"F2", "D", "USD", "2026-02-01", "2026-01-01", {}}).error().field,
            "--to");
  EXPECT_EQ(add_fund(*book_, {"F2", "D", "USD", "", "", {"a=1", "a=2"}}).error().code,
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(add_fund(*book_, {"F2", "D", "USD", "", "", {"a=1.001"}}).error().code,
            ErrorCode::kInvalid);
  EXPECT_EQ(head(), before);
}

TEST_F(GrantsTest, TrancheWaitsForItsMilestoneRecordedByTheDisbursementDate) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100:plan-approved"}}).ok());
  ASSERT_TRUE(record_milestone(*book_, "EC-1", "plan-approved", "2026-02-10").ok());
  const auto before = head();
  auto early = disburse(*book_, {"G1", "1", "2026-02-09", "", "", "", ""});
  EXPECT_EQ(early.error().code, ErrorCode::kRefused);
  EXPECT_NE(early.error().message.find("recorded only on 2026-02-10"), std::string::npos);
  EXPECT_EQ(head(), before);
  EXPECT_TRUE(disburse(*book_, {"G1", "1", "2026-02-10", "", "", "", ""}).ok());
  EXPECT_EQ(record_milestone(*book_, "EC-1", "plan-approved", "2026-02-11").error().code,
            ErrorCode::kConflict);
}

TEST_F(GrantsTest, DisburseInAnAbandonedTransactionLeavesNothing) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100:plan-approved"}}).ok());
  const auto before = head();
  const auto transactions = store_->last_transaction_id().value();
  {
    auto tx = book_->begin();
    ASSERT_TRUE(tx.ok());
    auto m = record_milestone(*tx, "EC-1", "plan-approved", "2026-02-01");
    ASSERT_TRUE(m.ok()) << m.error().to_string();
    auto d = disburse(*tx, {"G1", "1", "2026-02-02", "", "", "PAY-1", ""});
    ASSERT_TRUE(d.ok()) << d.error().to_string();
    EXPECT_FALSE(d->duplicate);
    EXPECT_EQ(tx->store().grants().grant_events("G1")->size(), 2u);  // seen inside
  }  // abandoned: rolled back
  EXPECT_EQ(head(), before);
  EXPECT_EQ(store_->last_transaction_id().value(), transactions);
  EXPECT_EQ(store_->grants().grant_events("G1")->size(), 1u);  // the award only
  EXPECT_FALSE(store_->grants().find_milestone("EC-1", "plan-approved")->has_value());
  EXPECT_FALSE(store_->find_transaction_by_ref("PAY-1")->has_value());
  auto s = grant_status(*book_, "G1");
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->paid[0]);
  EXPECT_EQ(fund_summary(*book_, "F1")->balance_minor, 100000);
  EXPECT_TRUE(book::verify_book(*store_).ok());
}

TEST_F(GrantsTest, TwoTranchesOfOneGrantInOneTransaction) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100", "50.50"}}).ok());
  const auto before = head();
  auto tx = book_->begin();
  ASSERT_TRUE(tx.ok());
  auto first = disburse(*tx, {"G1", "1", "2026-02-02", "", "", "", ""});
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  auto second = disburse(*tx, {"G1", "2", "2026-02-03", "Tools", "Ferretería", "", ""});
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(head(), before + 4);  // a transaction and a grant.disburse record each
  EXPECT_NE(first->event.transaction_id, second->event.transaction_id);
  auto s = grant_status(*book_, "G1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->paid, (std::vector<bool>{true, true}));
  EXPECT_EQ(s->disbursed_minor, 15050);
  EXPECT_EQ(s->committed_minor, 0);
  EXPECT_TRUE(s->events[2].in_kind);
  EXPECT_EQ(fund_summary(*book_, "F1")->balance_minor, 100000 - 15050);
  auto v = book::verify_book(*store_);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

TEST_F(GrantsTest, AMilestoneAndTheTrancheItConditionsInTheSameTransaction) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100:plan-approved,visit"}})
                  .ok());
  auto tx = book_->begin();
  ASSERT_TRUE(tx.ok());
  auto early = disburse(*tx, {"G1", "1", "2026-02-05", "", "", "", ""});
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field, "--tranche");
  ASSERT_TRUE(record_milestone(*tx, "EC-1", "plan-approved", "2026-02-03").ok());
  auto m = record_milestone(*tx, "EC-1", "visit", "2026-02-04");
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  EXPECT_EQ(m->milestone.actor, "ana");  // the record's actor
  auto d = disburse(*tx, {"G1", "1", "2026-02-05", "", "", "", ""});
  ASSERT_TRUE(d.ok()) << d.error().to_string();
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_TRUE(grant_status(*book_, "G1")->paid[0]);
  EXPECT_EQ(store_->grants().find_milestone("EC-1", "visit")->value().actor, "ana");
  auto v = book::verify_book(*store_);
  EXPECT_TRUE(v.ok()) << v.error().to_string();
}

TEST_F(GrantsTest, ARepeatedDisbursementIsADuplicateAndOtherContentAConflict) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100", "20"}}).ok());
  const DisburseDraft paid{"G1", "1", "2026-02-02", "Oven", "Equipos", "PAY-1", ""};
  auto first = disburse(*book_, paid);
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_FALSE(first->duplicate);
  const auto before = head();
  auto again = disburse(*book_, paid);
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->event, first->event);
  auto reason = paid;
  reason.override_reason = "not compared";
  EXPECT_TRUE(disburse(*book_, reason)->duplicate);
  EXPECT_EQ(head(), before);
  auto other = paid;
  for (auto change : {&DisburseDraft::ref, &DisburseDraft::date, &DisburseDraft::in_kind,
                      &DisburseDraft::supplier}) {
    other = paid;
    other.*change = change == &DisburseDraft::date ? "2026-02-03" : "Other";
    auto r = disburse(*book_, other);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kConflict);
    EXPECT_EQ(r.error().field, "--tranche");
    EXPECT_NE(r.error().message.find("was already disbursed"), std::string::npos);
  }
  other = paid;
  other.in_kind = other.supplier = "";
  auto cash = disburse(*book_, other);
  ASSERT_FALSE(cash.ok());
  EXPECT_NE(cash.error().message.find("it was in kind: Oven (Equipos)"), std::string::npos)
      << cash.error().message;
  EXPECT_EQ(head(), before);
  // Within one transaction, the second of two equal disbursements is the duplicate.
  auto tx = book_->begin();
  ASSERT_TRUE(tx.ok());
  const DisburseDraft second{"G1", "2", "2026-02-04", "", "", "", ""};
  ASSERT_FALSE(disburse(*tx, second)->duplicate);
  EXPECT_TRUE(disburse(*tx, second)->duplicate);
  ASSERT_TRUE(tx->commit().ok());
  EXPECT_EQ(head(), before + 2);
}

TEST_F(GrantsTest, ARepeatedMilestoneIsADuplicateAndAnotherDateAConflict) {
  auto first = record_milestone(*book_, "EC-1", "plan-approved", "2026-02-10");
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->duplicate);
  const auto before = head();
  auto again = record_milestone(*book_, "EC-1", "plan-approved", "2026-02-10");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->milestone, first->milestone);
  auto other = record_milestone(*book_, "EC-1", "plan-approved", "2026-02-11");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_EQ(other.error().field, "NAME");
  EXPECT_EQ(record_milestone(*book_, "EC-9", "plan-approved", "2026-02-10").error().field,
            "ENTERPRISE");
  EXPECT_EQ(record_milestone(*book_, "EC-1", "Plan", "2026-02-10").error().field, "NAME");
  EXPECT_EQ(record_milestone(*book_, "EC-1", "plan", "2026-07-01").error().field, "--date");
  EXPECT_EQ(head(), before);
}

TEST_F(GrantsTest, DisburseErrorsNameTheDocumentedFields) {
  ASSERT_TRUE(
      award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100", "2000"}, "donor pledge"}).ok());
  const auto before = head();
  const std::string long_text(limits::kMemoBytesMax, 'x');
  const std::pair<DisburseDraft, std::string> cases[] = {
      {{"G9", "1", "2026-02-02", "", "", "", ""}, "GRANT-ID"},
      {{"G1", "3", "2026-02-02", "", "", "", ""}, "--tranche"},
      {{"G1", "2", "2026-02-02", "", "", "", ""}, "--tranche"},  // fund short
      {{"G1", "1", "2026-02-30", "", "", "", ""}, "--date"},
      {{"G1", "1", "2026-01-31", "", "", "", ""}, "--date"},  // before the award
      {{"G1", "1", "2026-02-02", "Oven", "", "", ""}, "--supplier"},
      {{"G1", "1", "2026-02-02", "", "Equipos", "", ""}, "--in-kind"},
      {{"G1", "1", "2026-02-02", long_text, "Equipos", "", ""}, "--in-kind"},  // memo
      {{"G1", "1", "2026-02-02", "", "", "bad ref", ""}, "--ref"},
      {{"G1", "1", "2026-02-02", "", "", "", "line\nbreak"}, "--override-reason"},
  };
  for (const auto& [draft, field] : cases) {
    auto r = disburse(*book_, draft);
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_EQ(r.error().field, field) << r.error().to_string();
  }
  ASSERT_TRUE(receive(*book_, {"F1", "5", "2026-01-06", "PAY-1"}).ok());
  auto reused = disburse(*book_, {"G1", "1", "2026-02-02", "", "", "PAY-1", ""});
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.error().field, "--ref");
  EXPECT_EQ(head(), before + 2);  // the receipt only
}

TEST_F(GrantsTest, ReturnsUpToWhatWasPaidAndCancelReleasesTheRest) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100", "50.50"}}).ok());
  ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-02", "", "", "", ""}).ok());
  EXPECT_EQ(return_funds(*book_, {"G1", "100.01", "2026-03-01", "x"}).error().code,
            ErrorCode::kRefused);
  EXPECT_TRUE(return_funds(*book_, {"G1", "100", "2026-03-01", "all of it"}).ok());
  auto c = cancel(*book_, {"G1", "2026-03-02", "closed"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->amount_minor, 5050);
  EXPECT_EQ(cancel(*book_, {"G1", "", "again"}).error().code, ErrorCode::kRefused);
  auto s = grant_status(*book_, "G1");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->committed_minor, 0);
  EXPECT_TRUE(s->cancelled);
  auto f = fund_summary(*book_, "F1");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->balance_minor, 100000);
  EXPECT_EQ(f->committed_minor, 0);
}

TEST_F(GrantsTest, FullyPaidGrantCancelsWithoutATransaction) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"10"}}).ok());
  ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-02", "", "", "", ""}).ok());
  auto c = cancel(*book_, {"G1", "", "done"});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->transaction_id, 0);
  EXPECT_EQ(c->amount_minor, 0);
}

TEST_F(GrantsTest, MembersAreForCollectivesAndEventsKeepTheirSnapshot) {
  EXPECT_EQ(set_members(*book_, {"EC-1", "1", "", "", {}}).error().code, ErrorCode::kRefused);
  EXPECT_EQ(set_members(*book_, {"EC-2", "0", "0", "", {}}).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(set_members(*book_, {"EC-2", "-1", "", "", {}}).error().field, "--female");
  ASSERT_TRUE(set_members(*book_, {"EC-2", "5", "2", "", {}}).ok());
  ASSERT_TRUE(award(*book_, {"G2", "EC-2", "F1", "2026-02-01", {"10", "20"}}).ok());
  ASSERT_TRUE(disburse(*book_, {"G2", "1", "2026-02-02", "Tools", "Ferretería", "", ""}).ok());
  ASSERT_TRUE(set_members(*book_, {"EC-2", "8", "2", "1", {}}).ok());
  ASSERT_TRUE(disburse(*book_, {"G2", "2", "2026-02-03", "", "", "", ""}).ok());
  auto s = grant_status(*book_, "G2");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->events.size(), 3u);
  EXPECT_EQ(s->events[1].snapshot.female, 5);
  EXPECT_TRUE(s->events[1].in_kind);
  EXPECT_EQ(s->events[2].snapshot.female, 8);
  EXPECT_EQ(s->events[2].snapshot.other, 1);
  auto feb2 = donor_report(*book_, "F1", "2026-02-02", "2026-02-02");
  ASSERT_TRUE(feb2.ok());
  EXPECT_EQ(feb2->total.people.female, 5);  // as they were on the day
  auto both = donor_report(*book_, "F1", "2026-02-01", "2026-02-28");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->total.people.total(), 11);  // the latest event's snapshot
  EXPECT_EQ(both->disbursed_in_kind_minor, 1000);
  EXPECT_TRUE(both->reconciled);
}

TEST_F(GrantsTest, ClosedPeriodRefusesEveryPostingUntilReopened) {
  ASSERT_TRUE(close_period(*book_, "2026-02").ok());
  EXPECT_EQ(close_period(*book_, "2026-02").error().code, ErrorCode::kConflict);
  EXPECT_EQ(close_period(*book_, "2026-06").error().code, ErrorCode::kRefused);
  EXPECT_EQ(close_period(*book_, "2026-13").error().code, ErrorCode::kInvalid);
  // A hand posting (a fund's accounts take only the fund commands' postings).
  ASSERT_TRUE(book_->add_account({"Assets:Bank", "asset", "USD", ""}).ok());
  ASSERT_TRUE(book_->add_account({"Expenses:Office", "expense", "USD", ""}).ok());
  book::TransactionDraft d{"2026-02-28", "late", "", "", {}, ""};
  d.postings = {{"Expenses:Office", "1", "", true, "--debit"},
                {"Assets:Bank", "1", "", false, "--credit"}};
  auto refused = book_->post(d);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().front().code, ErrorCode::kRefused);
  EXPECT_EQ(refused.error().front().field, "--date");
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-01-20", {"10"}}).ok());
  EXPECT_EQ(disburse(*book_, {"G1", "1", "2026-02-02", "", "", "", ""}).error().code,
            ErrorCode::kRefused);
  EXPECT_EQ(reopen_period(*book_, "2026-02", "").error().field, "--reason");
  ASSERT_TRUE(reopen_period(*book_, "2026-02", "late bank statement").ok());
  EXPECT_TRUE(book_->post(d).ok());
  auto events = period_events(*book_);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 2u);
}

TEST_F(GrantsTest, AReceiptImportedTwiceChangesNothingButAReusedReferenceIsRefused) {
  auto first = receive(*book_, {"F1", "250", "2026-01-06", "SWIFT-7"});
  ASSERT_TRUE(first.ok());
  const auto before = head();
  auto again = receive(*book_, {"F1", "250.00", "2026-01-06", "SWIFT-7"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->audit_seq, first->audit_seq);
  EXPECT_EQ(head(), before);
  auto other = receive(*book_, {"F1", "260", "2026-01-06", "SWIFT-7"});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_EQ(head(), before);
}

TEST_F(GrantsTest, TranchesThatOverflowTheTotalAreRefused) {
  const std::string big = "9999999999999999.99";
  // Beyond the fund too: the reason lets the award reach the limit of the book.
  auto r = award(*book_, {"G1", "EC-1", "F1", "", {big, big}, "pledged"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(award(*book_, {"G1", "EC-1", "F1", "", {}}).error().field, "--tranche");
}

TEST(AgeGroup, Boundaries) {
  const Date on = Date::from_ymd(2026, 6, 30);
  EXPECT_EQ(age_group(std::nullopt, on), "unknown");
  EXPECT_EQ(age_group(2009, on), "under-18");
  EXPECT_EQ(age_group(2008, on), "18-24");
  EXPECT_EQ(age_group(2002, on), "18-24");
  EXPECT_EQ(age_group(2001, on), "25-34");
  EXPECT_EQ(age_group(1992, on), "25-34");
  EXPECT_EQ(age_group(1991, on), "35-44");
  EXPECT_EQ(age_group(1982, on), "35-44");
  EXPECT_EQ(age_group(1981, on), "45-59");
  EXPECT_EQ(age_group(1967, on), "45-59");
  EXPECT_EQ(age_group(1966, on), "60+");
}

TEST_F(GrantsTest, VerifyReplaysGrantsAndNamesAnAlteredRow) {
  ASSERT_TRUE(record_milestone(*book_, "EC-1", "plan-approved", "2026-02-01").ok());
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100:plan-approved"}}).ok());
  ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-02", "", "", "", ""}).ok());
  ASSERT_TRUE(close_period(*book_, "2026-03").ok());
  ASSERT_TRUE(book::verify_book(*store_).ok());
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE, 0, store::page_checksum_vfs());
    db.exec("DROP TRIGGER closed_periods_no_DELETE; DELETE FROM closed_periods");
  }
  auto r = book::verify_book(*store_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kVerifyFailed);
  EXPECT_NE(r.error().to_string().find("period 2026-03"), std::string::npos)
      << r.error().to_string();
}

}  // namespace
}  // namespace semilla::grants
