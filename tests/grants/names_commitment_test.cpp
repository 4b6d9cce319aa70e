// SPDX-License-Identifier: Apache-2.0
// Issue 12: milestone names come from a list the programme defines, an award stays within what
// its fund can still commit unless a recorded reason says why, and a command's input problems
// are reported together. Each rule is refused by the command and, on a record that breaks it,
// by the replay (audit verify, book import); books written before the rules still replay.
#include <gtest/gtest.h>

#include <functional>

#include "ledger/book/replay.h"
#include "ledger/grants/grant_rules.h"
#include "ledger/grants/grants_internal.h"
#include "tests/grants/fixture.h"

namespace semilla::grants {
namespace {

using nlohmann::json;

class IssueTwelveTest : public GrantsBook {
 protected:
  static std::function<bool(const json&)> grant(const std::string& id) {
    return [id](const json& p) { return p.at("grant") == id; };
  }
};

TEST_F(IssueTwelveTest, AnUnknownMilestoneIsRefusedWithTheClosestNames) {
  const auto before = head();
  auto r = record_milestone(*book_, "EC-1", "plan-aproved", "2026-02-10");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(r.error().field, "NAME");
  EXPECT_NE(r.error().message.find("did you mean 'plan-approved'"), std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().message.find("semilla milestone define plan-aproved"), std::string::npos);
  auto g = award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100", "50:visit,harvest"}});
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().field, "--tranche 2");
  EXPECT_NE(g.error().message.find("unknown milestone \"harvest\""), std::string::npos);
  EXPECT_EQ(head(), before);
}

TEST_F(IssueTwelveTest, DefiningANameTwiceIsARepeatOrAConflict) {
  const auto before = head();
  auto same = define_milestone(*book_, "visit", "Milestone visit");
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same->duplicate);
  auto other = define_milestone(*book_, "visit", "Another meaning");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_EQ(define_milestone(*book_, "Visit", "x").error().field, "NAME");
  EXPECT_EQ(define_milestone(*book_, "harvest", "").error().field, "--label");
  EXPECT_EQ(head(), before);
  auto names = milestone_names(*book_);
  ASSERT_TRUE(names.ok());
  ASSERT_EQ(names->defined.size(), 3u);
  EXPECT_EQ(names->defined[0].name, "plan");  // by name
  EXPECT_TRUE(names->used_before.empty());
}

TEST_F(IssueTwelveTest, TheReplayRefusesAnUnknownNameOnceNamesAreDefined) {
  ASSERT_TRUE(record_milestone(*book_, "EC-1", "plan", "2026-02-10").ok());
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100:plan"}}).ok());
  EXPECT_TRUE(replay_with("milestone.record", [](json&) {}).ok());
  expect_replay_refused(
      "milestone.record", [](json& p) { p["milestone"] = "harvest"; },
      "unknown milestone \"harvest\"");
  expect_replay_refused(
      "grant.award", [](json& p) { p["tranches"][0]["conditions"][0] = "harvest"; },
      "unknown milestone \"harvest\"");
  expect_replay_refused(
      "milestone.define", [](json& p) { p["label"] = ""; }, "payload/label");
  expect_replay_refused(
      "milestone.define", [](json& p) { p["milestone"] = "plan-approved"; },
      "already defined", [](const json& p) { return p.at("milestone") == "plan"; });
}

// A book written before names were defined: its milestones and conditions used names freely.
class LegacyBookTest : public IssueTwelveTest {
 protected:
  LegacyBookTest() { define_names_ = false; }
  // A milestone.record as a release before issue 12 wrote it (no definition needed).
  void old_milestone(const std::string& enterprise, const std::string& name) {
    auto tx = book_->begin();
    ASSERT_TRUE(tx.ok());
    store::MilestoneRow m{enterprise, name, Date::from_ymd(2026, 2, 1), "", 0};
    auto seq = tx->append_record(kKindMilestone, to_payload(m));
    ASSERT_TRUE(seq.ok());
    m.audit_seq = *seq;
    m.actor = "ana";
    ASSERT_TRUE(tx->store().grants().insert_milestone(m).ok());
    ASSERT_TRUE(tx->commit().ok());
  }
};

TEST_F(LegacyBookTest, NamesUsedBeforeTheFirstDefinitionStayKnown) {
  old_milestone("EC-1", "old-name");
  EXPECT_TRUE(replay_with("milestone.record", [](json&) {}).ok());
  // Before any definition the replay accepts any name, as earlier releases wrote it.
  EXPECT_TRUE(replay_with("milestone.record", [](json& p) { p["milestone"] = "other"; }).ok());
  // The command knows the names the book used, and refuses new ones until defined.
  ASSERT_TRUE(record_milestone(*book_, "EC-2", "old-name", "2026-02-02").ok());
  EXPECT_EQ(record_milestone(*book_, "EC-2", "new-name", "2026-02-02").error().code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(define_milestone(*book_, "new-name", "New").ok());
  ASSERT_TRUE(record_milestone(*book_, "EC-2", "new-name", "2026-02-02").ok());
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"100:old-name,new-name"}}).ok());
  auto names = milestone_names(*book_);
  ASSERT_TRUE(names.ok());
  ASSERT_EQ(names->used_before.size(), 1u);
  EXPECT_EQ(names->used_before[0], "old-name");
  EXPECT_TRUE(replay_with("grant.award", [](json&) {}).ok());
  // After the first definition, a name neither defined nor used before it is refused.
  expect_replay_refused(
      "milestone.record", [](json& p) { p["milestone"] = "other"; }, "unknown milestone",
      [](const json& p) { return p.at("milestone") == "new-name"; });
}

TEST_F(IssueTwelveTest, AnAwardBeyondWhatTheFundCanCommitIsRefused) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"600"}}).ok());
  const auto before = head();
  auto over = award(*book_, {"G2", "EC-2", "F1", "2026-02-01", {"300", "101"}});
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::kRefused);
  EXPECT_EQ(over.error().field, "--fund");
  EXPECT_NE(over.error().message.find("can still commit 400.00 USD (it holds 1000.00 USD, of "
                                      "which 600.00 USD is committed"),
            std::string::npos)
      << over.error().message;
  EXPECT_NE(over.error().message.find("--over-commit --reason"), std::string::npos);
  EXPECT_EQ(head(), before);
  ASSERT_TRUE(award(*book_, {"G2", "EC-2", "F1", "2026-02-01", {"300", "100"}}).ok());
  // Paying a tranche moves money and commitment alike; a cancellation releases what is left.
  ASSERT_TRUE(disburse(*book_, {"G1", "1", "2026-02-02", "", "", "", ""}).ok());
  EXPECT_FALSE(award(*book_, {"G3", "EC-1", "F1", "2026-02-03", {"0.01"}}).ok());
  ASSERT_TRUE(cancel(*book_, {"G2", "2026-02-03", "Closed"}).ok());
  EXPECT_FALSE(award(*book_, {"G3", "EC-1", "F1", "2026-02-03", {"400.01"}}).ok());
  auto exact = award(*book_, {"G3", "EC-1", "F1", "2026-02-03", {"400"}});
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->over_commit, std::optional<std::string>(""));
  EXPECT_TRUE(replay_with("grant.award", [](json&) {}).ok());
}

TEST_F(IssueTwelveTest, OverCommittingNeedsAReasonThatIsRecorded) {
  auto g = award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"1500"}, "Donor's March tranche"});
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->over_commit, std::optional<std::string>("Donor's March tranche"));
  auto stored = book_->store().grants().find_grant("G1");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->over_commit, g->over_commit);
  // The fund is over-committed now: even 0.01 more needs a reason.
  EXPECT_EQ(award(*book_, {"G2", "EC-2", "F1", "2026-02-01", {"0.01"}}).error().field, "--fund");
  // A reason for an award that is within is not recorded.
  auto receipt = receive(*book_, {"F1", "600", "2026-02-01", ""});
  ASSERT_TRUE(receipt.ok());
  auto within = award(*book_, {"G2", "EC-2", "F1", "2026-02-01", {"100"}, "not needed"});
  ASSERT_TRUE(within.ok());
  EXPECT_EQ(within->over_commit, std::optional<std::string>(""));
  EXPECT_TRUE(replay_with("grant.award", [](json&) {}).ok());
  expect_replay_refused(
      "grant.award", [](json& p) { p["over_commit_reason"] = nullptr; }, "can still commit",
      grant("G1"));
  expect_replay_refused(
      "grant.award", [](json& p) { p["over_commit_reason"] = "why"; }, "--over-commit",
      grant("G2"));
  expect_replay_refused(
      "grant.award", [](json& p) { p["over_commit_reason"] = ""; },
      "payload/over_commit_reason", grant("G1"));
  expect_replay_refused(
      "grant.award", [](json& p) { p["over_commit_reason"] = 7; }, "payload/over_commit_reason",
      grant("G1"));
}

TEST_F(IssueTwelveTest, AwardsWithoutTheMemberReplayOnlyBeforeTheFirstThatHasIt) {
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"1500"}, "Pledged"}).ok());
  ASSERT_TRUE(award(*book_, {"G2", "EC-2", "F1", "2026-02-01", {"10"}, "Pledged"}).ok());
  // The first award without the member is one recorded before issue 12: not checked.
  EXPECT_TRUE(replay_with("grant.award", [](json& p) { p.erase("over_commit_reason"); },
                          grant("G1"))
                  .ok());
  expect_replay_refused(
      "grant.award", [](json& p) { p.erase("over_commit_reason"); }, "missing, though",
      grant("G2"));
}

TEST_F(IssueTwelveTest, EveryProblemOfTheInputIsReported) {
  AwardDraft d{"bad id", "EC-9", "F9", "2026-13-01", {"100:harvest"}, ""};
  Errors problems = award_problems(*book_, d);
  std::vector<std::string> fields;
  for (const auto& e : problems) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"GRANT-ID", "--enterprise", "--fund", "--date"}));
  d = {"G1", "EC-1", "F1", "", {"x", "5:harvest", "10:Plan"}, ""};
  fields.clear();
  for (const auto& e : award_problems(*book_, d)) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"--tranche 1", "--tranche 2", "--tranche 3"}));
  d = {"G1", "EC-1", "F1", "", {"2000"}, ""};
  ASSERT_EQ(award_problems(*book_, d).size(), 1u);
  EXPECT_EQ(award_problems(*book_, d)[0].field, "--fund");
  EXPECT_TRUE(award_problems(*book_, {"G1", "EC-1", "F1", "", {"20:plan"}, ""}).empty());

  fields.clear();
  for (const auto& e : fund_problems(*book_, {"F1", "", "ABC", "2026-02-30", "", {"a", "b=1"}})) {
    fields.push_back(e.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"--donor", "--currency", "--from", "--budget 1",
                                              "CODE"}));
  fields.clear();
  for (const auto& e : receive_problems(*book_, {"F1", "-5", "2026-07-01", ""})) {
    fields.push_back(e.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"AMOUNT", "--date"}));
  EXPECT_EQ(receive_problems(*book_, {"F9", "5", "2026-02-01", ""}).size(), 1u);
  ASSERT_TRUE(award(*book_, {"G1", "EC-1", "F1", "2026-02-01", {"10"}}).ok());
  fields.clear();
  for (const auto& e : disburse_problems(*book_, {"G1", "7", "2026-02-30", "Oven", "", "", ""})) {
    fields.push_back(e.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"--supplier", "--tranche", "--date"}));
  fields.clear();
  for (const auto& e : milestone_problems(*book_, "EC-9", "harvest", "tomorrow")) {
    fields.push_back(e.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"ENTERPRISE", "NAME", "--date"}));
}

}  // namespace
}  // namespace semilla::grants
