// SPDX-License-Identifier: Apache-2.0
// A record has one byte string: open_record refuses every envelope a Semilla writer could not
// have produced (a time not in the writer's exact format, an upper-case prev, a kind outside
// the grammar, a member too many or too few) even when the bytes are canonical JSON, and the
// writer's record_bytes refuses the same times and kinds.
#include <gtest/gtest.h>

#include <string>

#include "audit/canonical_json.h"
#include "audit/record.h"
#include "ledger/base/date.h"

namespace semilla::audit {
namespace {

using nlohmann::json;

json good_doc() {
  return json{{"v", 1},
              {"seq", 3},
              {"time", "2026-06-30T12:00:00.000Z"},
              {"actor", "maria"},
              {"kind", "loan.write-off"},
              {"payload", json{{"loan", "L1"}}},
              {"prev", std::string(64, 'a')}};
}

// The canonical bytes of `doc`: only the rule under test can object.
std::string bytes_of(const json& doc) { return canonical_json(doc).value(); }

TEST(RecordStrict, TheWritersRecordOpensAndReencodesToItsBytes) {
  auto sealed = seal(Record{3, "2026-06-30T12:00:00.000Z", "maria", "loan.write-off",
                            json{{"loan", "L1"}}, genesis_prev()});
  ASSERT_TRUE(sealed.ok()) << sealed.error().to_string();
  auto opened = open_record(sealed->bytes);
  ASSERT_TRUE(opened.ok()) << opened.error().to_string();
  auto again = seal(opened->record);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->bytes, sealed->bytes);
  EXPECT_TRUE(open_record(bytes_of(good_doc())).ok());
}

TEST(RecordStrict, TimeIsExactlyTheWritersFormat) {
  for (const char* time :
       {"2026-06-30T12:00:00Z", "2026-06-30T12:00:00.0Z", "2026-06-30T12:00:00.00Z",
        "2026-06-30T12:00:00.0000Z", "2026-06-30T12:00:00.000+00:00", "2026-06-30t12:00:00.000Z",
        "2026-06-30T12:00:00.000z", "2026-06-30 12:00:00.000Z", "2026-13-30T12:00:00.000Z",
        "2026-06-30T24:00:00.000Z", "2026-06-30T12:00:60.000Z", "0999-06-30T12:00:00.000Z",
        " 2026-06-30T12:00:00.000Z", "2026-06-30T12:00:00.000Z ", "", "yesterday"}) {
    json doc = good_doc();
    doc["time"] = time;
    auto opened = open_record(bytes_of(doc));
    ASSERT_FALSE(opened.ok()) << "accepted time \"" << time << "\"";
    EXPECT_EQ(opened.error().code, ErrorCode::kVerifyFailed);
    EXPECT_NE(opened.error().message.find("time"), std::string::npos) << opened.error().message;
    // The writer refuses it too.
    auto written = record_bytes(3, time, "maria", "loan.write-off", "{}", genesis_prev());
    EXPECT_FALSE(written.ok()) << time;
  }
}

TEST(RecordStrict, TheWritersClockFormatParsesBack) {
  for (std::int64_t ms : {std::int64_t{0}, std::int64_t{1'782'820'800'123},
                          std::int64_t{-2'208'988'800'000}, std::int64_t{32'503'679'999'999}}) {
    const std::string text = Instant{ms}.to_rfc3339();
    auto parsed = parse_rfc3339_millis_utc(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().to_string();
    EXPECT_EQ(parsed->unix_millis, ms) << text;
    EXPECT_TRUE(check_record_time(text).ok()) << text;
  }
}

TEST(RecordStrict, PrevIsLowerCaseHex) {
  for (const std::string& prev : {std::string(64, 'A'), "A" + std::string(63, 'a'),
                                  std::string(63, 'a'), std::string(65, 'a'),
                                  std::string(64, 'g')}) {
    json doc = good_doc();
    doc["prev"] = prev;
    auto opened = open_record(bytes_of(doc));
    ASSERT_FALSE(opened.ok()) << prev;
    EXPECT_NE(opened.error().message.find("prev"), std::string::npos);
  }
}

TEST(RecordStrict, KindFollowsTheGrammar) {
  for (const char* kind : {"book.init", "loan.write-off", "enterprise.members", "a.b"}) {
    EXPECT_TRUE(is_record_kind(kind)) << kind;
  }
  for (const char* kind : {"", "book", "Book.init", "book.Init", "book..init", "a.b.c", ".init",
                           "book.", "book.init-", "-book.init", "loan.write--off", "book.in it",
                           "book.init2"}) {
    EXPECT_FALSE(is_record_kind(kind)) << kind;
    json doc = good_doc();
    doc["kind"] = kind;
    EXPECT_FALSE(open_record(bytes_of(doc)).ok()) << kind;
    EXPECT_FALSE(check_envelope("maria", kind).ok()) << kind;
  }
  EXPECT_FALSE(is_record_kind("a." + std::string(kRecordKindBytesMax, 'b')));
}

TEST(RecordStrict, MembersAreExactlyTheSevenWithTheirTypes) {
  json extra = good_doc();
  extra["note"] = "x";
  auto e = open_record(bytes_of(extra));
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("not one of the seven"), std::string::npos);
  for (const char* member : {"v", "seq", "time", "actor", "kind", "payload", "prev"}) {
    json missing = good_doc();
    missing.erase(member);
    auto m = open_record(bytes_of(missing));
    ASSERT_FALSE(m.ok()) << member;
    EXPECT_NE(m.error().message.find(std::string("no ") + member), std::string::npos)
        << m.error().message;
  }
  json negative = good_doc();
  negative["seq"] = -1;
  auto n = open_record(bytes_of(negative));
  ASSERT_FALSE(n.ok());
  EXPECT_NE(n.error().message.find("seq"), std::string::npos);
  json text_payload = good_doc();
  text_payload["payload"] = "{}";
  EXPECT_FALSE(open_record(bytes_of(text_payload)).ok());
}

}  // namespace
}  // namespace semilla::audit
