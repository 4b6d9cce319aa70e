// SPDX-License-Identifier: Apache-2.0
// plainly_canonical: the one-pass look at a record's bytes that spares re-encoding it. It may
// say "cannot tell" (false) for canonical text, but never "canonical" for text that is not:
// the property test below holds it to canonical_json on many near-canonical documents.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "audit/canonical_json.h"
#include "audit/record.h"

namespace semilla::audit {
namespace {

using Json = nlohmann::json;

// The verdict plainly_canonical must never contradict: the text parses, and re-encoding what
// it parses to gives the text back.
bool canonical(const std::string& text) {
  const Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded()) return false;
  auto again = canonical_json(doc);
  return again.ok() && *again == text;
}

std::vector<std::string> samples() {
  std::vector<std::string> out;
  auto sealed = seal(Record{7, "2026-06-30T12:00:00.000Z", "María \"la\" tesorera\n", "loan.repay",
                            Json{{"loan", "L-1"},
                                 {"amount", "120.50"},
                                 {"lines", Json::array({Json{{"n", 1}, {"x", -9007199254740991}},
                                                        Json{{"n", 0}, {"x", nullptr}}})},
                                 {"flags", Json::array({true, false})},
                                 {"memo", "tab\there \x01 / \\ é €"},
                                 {"empty", Json::object()},
                                 {"none", Json::array()}},
                            genesis_prev()});
  EXPECT_TRUE(sealed.ok());
  out.push_back(sealed->bytes);
  out.push_back(R"({"a":{"b":[1,2,{"c":"d"}],"e":""},"f":0})");
  out.push_back(R"({"":1,"a":2})");
  out.push_back(R"([])");
  return out;
}

TEST(PlainlyCanonical, SaysYesToWhatSemillaWrites) {
  for (const auto& s : samples()) {
    EXPECT_TRUE(canonical(s)) << s;
    EXPECT_TRUE(plainly_canonical(s)) << s;
  }
  EXPECT_FALSE(plainly_canonical(R"({"n":9007199254740991,"m":-9007199254740991})"));
  EXPECT_TRUE(plainly_canonical(R"({"m":-9007199254740991,"n":9007199254740991})"));
  EXPECT_TRUE(plainly_canonical(R"({"c":"\u001f\u0000\b\f\n\r\t\"\\"})"));
}

TEST(PlainlyCanonical, SaysNoToOtherSpellings) {
  for (const char* text : {
           R"({"a":1, "b":2})",            // whitespace
           R"( {"a":1})",                  // whitespace before
           R"({"b":1,"a":2})",             // names out of order
           R"({"a":1,"a":2})",             // a name twice
           R"({"a":"\/"})",                // escaped solidus
           R"({"a":"\u0041"})",            // escaped letter
           R"({"a":"\u000a"})",            // \n spelt long
           R"({"a":"\u001F"})",            // upper-case hex
           R"({"a":-0})",                  // minus zero
           R"({"a":1.0})",                 // fraction
           R"({"a":1e3})",                 // exponent
           R"({"a":9007199254740992})",    // 2^53
           R"({"a":12345678901234567})",   // 17 digits
           R"({"\u00e9":1})",              // escaped name: left to canonical_json
           "{\"\xc3\xa9\":1}",             // non-ASCII name: left to canonical_json
       }) {
    EXPECT_FALSE(plainly_canonical(text)) << text;
  }
}

// Near-canonical documents, by the thousand: every one plainly_canonical accepts is canonical.
TEST(PlainlyCanonical, NeverAcceptsWhatReEncodingRefuses) {
  const std::string pieces[] = {" ", "\"", "\\", "\\/", "\\u0041", "\\u001f", "\\u001F", "0",
                                "-", "1", ".5", "e2", "{", "}", "[", "]", ",", ":", "\"a\":1,",
                                "\"z\":2,", "\xc3\xa9", "\x7f", "true", "null", "-0", "\n"};
  std::uint64_t state = 42;
  auto next = [&state] {  // splitmix64: the same cases on every run
    state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  int accepted = 0;
  int parsed = 0;
  const auto bases = samples();
  for (int round = 0; round < 40000; ++round) {
    std::string text = bases[next() % bases.size()];
    for (int edits = 1 + static_cast<int>(next() % 2); edits > 0 && !text.empty(); --edits) {
      const std::size_t at = next() % text.size();
      switch (next() % 4) {
        case 0: text.insert(at, pieces[next() % std::size(pieces)]); break;
        case 1: text.erase(at, 1 + next() % 3); break;
        case 2: text[at] = pieces[next() % std::size(pieces)][0]; break;
        default:
          if (at + 1 < text.size()) std::swap(text[at], text[at + 1]);
      }
    }
    if (Json::parse(text, nullptr, false).is_discarded()) continue;
    ++parsed;
    if (!plainly_canonical(text)) continue;
    ++accepted;
    ASSERT_TRUE(canonical(text)) << text;
  }
  // The mutations must reach both verdicts, or the test proves little.
  EXPECT_GT(parsed, 2000);
  EXPECT_GT(accepted, 200);
}

}  // namespace
}  // namespace semilla::audit
