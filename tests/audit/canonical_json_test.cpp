// SPDX-License-Identifier: Apache-2.0
#include "audit/canonical_json.h"

#include <gtest/gtest.h>

#include <string>

namespace semilla::audit {
namespace {

using Json = nlohmann::json;

std::string canon(const Json& doc) {
  Result<std::string> r = canonical_json(doc);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? *r : std::string();
}

// RFC 8785 §3.2.3: the sorting example. The emoji (a surrogate pair in UTF-16) sorts before
// U+FB33, although its UTF-8 bytes sort after.
TEST(CanonicalJson, Rfc8785SortingExample) {
  const Json doc = Json::parse(R"({
    "\u20ac": "Euro Sign",
    "\r": "Carriage Return",
    "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One",
    "\ud83d\ude00": "Emoji: Grinning Face",
    "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis"
  })");
  EXPECT_EQ(canon(doc),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xC2\x80\":\"Control\","
            "\"\xC3\xB6\":\"Latin Small Letter O With Diaeresis\",\"\xE2\x82\xAC\":\"Euro Sign\","
            "\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\","
            "\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

// The string and literal parts of the RFC 8785 §3.2.2 example (its numbers are fractional,
// which Semilla refuses).
TEST(CanonicalJson, Rfc8785StringExample) {
  const Json doc = Json::parse(R"({
    "literals": [null, true, false],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/"
  })");
  EXPECT_EQ(canon(doc),
            "{\"literals\":[null,true,false],"
            "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST(CanonicalJson, EscapesOnlyWhatJsonStringifyEscapes) {
  std::string all_controls;
  for (int c = 0; c < 0x20; ++c) all_controls.push_back(static_cast<char>(c));
  EXPECT_EQ(canon(Json(all_controls)),
            "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
            "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018"
            "\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"");
  // DEL, '/', U+2028 and a non-BMP character are emitted raw.
  const std::string raw = "\x7F/\xE2\x80\xA8\xF0\x9F\x98\x80";
  EXPECT_EQ(canon(Json(raw)), "\"" + raw + "\"");
}

TEST(CanonicalJson, SortsByUtf16CodeUnitsNotBytes) {
  Json doc = Json::object();
  doc["\xEE\x80\x80"] = 1;          // U+E000: byte order puts it first
  doc["\xF0\x90\x80\x80"] = 2;      // U+10000: UTF-16 D800 DC00 puts it first
  doc["z"] = 3;
  doc["Z"] = 4;
  doc[""] = 5;
  EXPECT_EQ(canon(doc), "{\"\":5,\"Z\":4,\"z\":3,\"\xF0\x90\x80\x80\":2,\"\xEE\x80\x80\":1}");
}

TEST(CanonicalJson, NestedStructuresAndWhitespace) {
  const Json doc = Json::parse(R"( { "b" : [ 1 , { "y": {}, "x": [] } ], "a" : "" } )");
  EXPECT_EQ(canon(doc), R"({"a":"","b":[1,{"x":[],"y":{}}]})");
  EXPECT_EQ(canon(Json::array()), "[]");
  EXPECT_EQ(canon(Json(nullptr)), "null");
}

TEST(CanonicalJson, IntegerRangeBoundaries) {
  const std::int64_t max = (std::int64_t{1} << 53) - 1;
  EXPECT_EQ(canon(Json(max)), "9007199254740991");
  EXPECT_EQ(canon(Json(-max)), "-9007199254740991");
  EXPECT_EQ(canon(Json(std::uint64_t{9007199254740991ULL})), "9007199254740991");
  EXPECT_EQ(canon(Json(0)), "0");
  EXPECT_EQ(canon(Json(-7)), "-7");
  const Json too_big = Json::parse(R"({"a":[0, 9007199254740992]})");
  Result<std::string> r = canonical_json(too_big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(r.error().field, "/a/1");
  EXPECT_FALSE(canonical_json(Json(-max - 1)).ok());
  EXPECT_FALSE(canonical_json(Json(std::uint64_t{18446744073709551615ULL})).ok());
}

TEST(CanonicalJson, RefusesFractionalNumbersWithPointer) {
  const Json doc = Json::parse(R"({"postings":[{"amount":"1.00"},{"a/b~c":{"x":1.5}}]})");
  Result<std::string> r = canonical_json(doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(r.error().field, "/postings/1/a~1b~0c/x");
  EXPECT_FALSE(canonical_json(Json::parse("1.0")).ok());
  EXPECT_FALSE(canonical_json(Json::parse("1e3")).ok());
}

TEST(CanonicalJson, RefusesInvalidUtf8) {
  const char* bad[] = {
      "\xFF",              // never valid
      "\xC0\xAF",          // overlong '/'
      "\xE0\x80\xAF",      // overlong, three bytes
      "\xED\xA0\x80",      // UTF-16 surrogate D800 encoded in UTF-8
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xE2\x82",          // truncated
      "a\x80",             // lone continuation byte
  };
  for (const char* s : bad) {
    Json doc = Json::object();
    doc["memo"] = std::string(s);
    Result<std::string> r = canonical_json(doc);
    ASSERT_FALSE(r.ok()) << s;
    EXPECT_EQ(r.error().field, "/memo");
  }
  Json bad_key = Json::object();
  bad_key["inner"][std::string("\xFF")] = 1;
  Result<std::string> r = canonical_json(bad_key);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "/inner");
}

TEST(CanonicalJson, RefusesBinary) {
  EXPECT_FALSE(canonical_json(Json::binary({1, 2, 3})).ok());
}

}  // namespace
}  // namespace semilla::audit
