// SPDX-License-Identifier: Apache-2.0
// The quick schema check (ledger/exchange/schema_fast.h) against what it stands in for: its
// regular expressions against std::regex on random strings, and validate_schema with it
// against validate_schema with valijson alone on randomly broken documents.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "ledger/exchange/document.h"
#include "ledger/exchange/schema_fast.h"

namespace semilla::exchange_test {
namespace {

using exchange::detail::FastPattern;
using exchange::detail::FastSchema;
using exchange::detail::Verdict;
using nlohmann::json;

json example(const std::string& name) {
  std::ifstream in(std::string(SEMILLA_SOURCE_DIR "/examples/") + name);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

void collect_patterns(const json& schema, std::vector<std::string>& out) {
  if (schema.is_object()) {
    for (auto it = schema.begin(); it != schema.end(); ++it) {
      if (it.key() == "pattern" && it->is_string()) out.push_back(it->get<std::string>());
      collect_patterns(*it, out);
    }
  } else if (schema.is_array()) {
    for (const auto& e : schema) collect_patterns(e, out);
  }
}

std::vector<std::string> schema_patterns() {
  std::vector<std::string> out;
  for (auto id : {exchange::SchemaId::kBatch, exchange::SchemaId::kStatement}) {
    collect_patterns(json::parse(exchange::schema_text(id)), out);
  }
  return out;
}

// Random strings over bytes that matter to `pattern`: its own characters, a few others,
// line ends, and the bytes of a multi-byte character.
std::string random_text(std::mt19937_64& rng, const std::string& pattern) {
  static const std::string kExtra = "aZ09.-_:/,+=~ \t\n\r\\[]()*?{}|^$\xc3\xa9\xe2\x80\xa8";
  std::string alphabet = pattern + kExtra;
  std::uniform_int_distribution<std::size_t> length(0, 100);
  std::string out;
  const std::size_t n = length(rng) % (rng() % 3 == 0 ? 100 : 12);
  for (std::size_t i = 0; i < n; ++i) out.push_back(alphabet[rng() % alphabet.size()]);
  return out;
}

// A string the pattern accepts, mutated a little: the interesting cases sit near matches.
std::string near_match(std::mt19937_64& rng, const std::vector<std::string>& seeds) {
  std::string s = seeds[rng() % seeds.size()];
  static const std::string kBytes = "0123456789.-aZ: \n/,+=A\xc3";
  const int edits = static_cast<int>(rng() % 3);
  for (int e = 0; e < edits; ++e) {
    const std::size_t at = s.empty() ? 0 : rng() % (s.size() + 1);
    switch (rng() % 3) {
      case 0: s.insert(at, 1, kBytes[rng() % kBytes.size()]); break;
      case 1: if (at < s.size()) s.erase(at, 1); break;
      default: if (at < s.size()) s[at] = kBytes[rng() % kBytes.size()];
    }
  }
  return s;
}

void expect_same_as_std_regex(const std::string& pattern, std::mt19937_64& rng, int cases) {
  auto fast = FastPattern::compile(pattern);
  ASSERT_TRUE(fast.has_value()) << pattern;
  const std::regex re(pattern);
  const std::vector<std::string> seeds = {
      "2026-01-31", "1500.00", "0", "10.5", "USD", "EC-001", "b-1", "VE", "A.b:c/d,e-f",
      "2026-06-30T12:00:00.000Z", "2026-06-30T12:00:00Z", "", "a+1e0df140+A"};
  for (int i = 0; i < cases; ++i) {
    const std::string text = i % 2 == 0 ? random_text(rng, pattern) : near_match(rng, seeds);
    auto got = fast->search(text);
    ASSERT_TRUE(got.has_value()) << pattern << " on " << text;
    ASSERT_EQ(*got, std::regex_search(text, re)) << pattern << " on \"" << text << "\"";
  }
}

TEST(FastPattern, EverySchemaPatternInTheSubsetAgreesWithStdRegex) {
  std::mt19937_64 rng(20260630);
  int compiled = 0;
  for (const auto& p : schema_patterns()) {
    if (!FastPattern::compile(p)) continue;  // valijson's std::regex then checks it
    ++compiled;
    expect_same_as_std_regex(p, rng, 20000);
  }
  EXPECT_GE(compiled, 5);
}

TEST(FastPattern, TheBatchPatternsAreInTheSubset) {
  std::vector<std::string> patterns;
  collect_patterns(json::parse(exchange::schema_text(exchange::SchemaId::kBatch)), patterns);
  ASSERT_FALSE(patterns.empty());
  for (const auto& p : patterns) {
    EXPECT_TRUE(FastPattern::compile(p).has_value())
        << p << ": batch imports would check this pattern with std::regex (slow)";
  }
}

TEST(FastPattern, OtherFormsAgreeWithStdRegex) {
  std::mt19937_64 rng(7);
  for (const char* p : {"a", "^a", "a$", "ab|cd", "^(ab|a)*b$", "(a|)*b", "(a|){3}b",
                        "^(a*)*$", "x{2,3}", "^x{2,}$", "[^a-c]+", "[-a]", "[a-]z?",
                        "\\d{2}\\.\\d", "^(0|[1-9][0-9]*)(\\.[0-9]+)?$", "(\\+|-)?1",
                        "^$", "", "(()|a)+$", "[.]\\$\\^", "^[A-Z]{3}$|^$"}) {
    expect_same_as_std_regex(p, rng, 3000);
  }
}

TEST(FastPattern, RefusesWhatItDoesNotImplement) {
  for (const char* p : {".", "\\s", "\\w", "a*?", "(?:a)", "[[:alpha:]]", "a**", "\\u0041",
                        "[]", "[^]", "\xc3\xa9", "(a", "a)", "[a", "x{2", "x{3,2}", "\\"}) {
    EXPECT_FALSE(FastPattern::compile(p).has_value()) << p;
  }
}

// Values that break or stress a schema: wrong types, edges of lengths and ranges, strings
// that almost match a pattern, non-integer and huge numbers.
json random_value(std::mt19937_64& rng) {
  static const std::vector<json> kPool = {
      nullptr, true, false, 0, 1, -1, 1899, 1900, 2999, 3000, 1.0, 1.5, -0.0,
      json(9007199254740993ULL), json(-9007199254740993LL), "", " ", "\n", "USD", "usd",
      "US", "VE", "2026-01-31", "2026-1-31", "2026-01-31\n", "1500.00", "01.5", "1.", ".5",
      "1e3", "0", "debit", "credit", "DBIT", "CRDT", "transaction", "account", "enterprise",
      "asset", "female", "migrant", "semilla-batch", "semilla-statement", "EC-001",
      "EC 001", ".EC", "\xc3\xa9", std::string("a\0b", 3), std::string(64, 'x'),
      std::string(65, 'x'), std::string(200, 'y'), std::string(201, 'y'),
      "\xc3\xa9" + std::string(63, 'x'), "\xc3\xb1" + std::string(64, 'x'),
      std::string(66, '\x01'), json::array(), json::array({1, 2}), json::object(),
      json::object({{"type", "transaction"}})};
  return kPool[rng() % kPool.size()];
}

// Every pointer to a value in `doc`.
void pointers(const json& doc, const json::json_pointer& at, std::vector<json::json_pointer>& out) {
  out.push_back(at);
  if (doc.is_object()) {
    for (auto it = doc.begin(); it != doc.end(); ++it) pointers(*it, at / it.key(), out);
  } else if (doc.is_array()) {
    for (std::size_t i = 0; i < doc.size(); ++i) pointers(doc[i], at / i, out);
  }
}

void mutate(json& doc, std::mt19937_64& rng) {
  std::vector<json::json_pointer> all;
  pointers(doc, json::json_pointer(), all);
  const auto& at = all[rng() % all.size()];
  if (at.empty()) return;
  json& parent = doc[at.parent_pointer()];
  const std::string key = at.back();
  switch (rng() % 6) {
    case 0:  // remove the member or element
      if (parent.is_object()) parent.erase(key);
      if (parent.is_array() && !parent.empty()) parent.erase(std::stoul(key));
      break;
    case 1:  // add a member, known to some object of the schema or not
      if (parent.is_object()) parent[rng() % 2 ? "memo" : "colour"] = random_value(rng);
      break;
    case 2:  // duplicate an element
      if (parent.is_array()) parent.push_back(doc[at]);
      break;
    default: doc[at] = random_value(rng);
  }
}

void expect_same_errors(const json& doc, exchange::SchemaId id, const FastSchema& fast) {
  const Errors with = exchange::validate_schema(doc, id);
  const Errors without =
      exchange::validate_schema(doc, id, 100, exchange::SchemaEngine::kValijson);
  ASSERT_EQ(with.size(), without.size()) << doc.dump();
  for (std::size_t i = 0; i < with.size(); ++i) {
    ASSERT_EQ(with[i].to_string(), without[i].to_string()) << doc.dump();
  }
  const Verdict v = fast.check(doc);
  if (v != Verdict::kUnsure) {
    ASSERT_EQ(v == Verdict::kValid, without.empty()) << doc.dump();
  }
}

void fuzz_against_valijson(const json& valid, exchange::SchemaId id, int cases) {
  auto fast = FastSchema::compile(json::parse(exchange::schema_text(id)));
  ASSERT_TRUE(fast.has_value());
  EXPECT_EQ(fast->check(valid), Verdict::kValid);
  std::mt19937_64 rng(static_cast<unsigned>(id) + 11);
  int decided = 0;
  for (int i = 0; i < cases; ++i) {
    json doc = valid;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) mutate(doc, rng);
    expect_same_errors(doc, id, *fast);
    if (fast->check(doc) != Verdict::kUnsure) ++decided;
  }
  EXPECT_GT(decided, cases / 2);  // the quick check decides most cases itself
}

TEST(FastSchema, BatchAgreesWithValijsonOnBrokenDocuments) {
  fuzz_against_valijson(example("programme-batch.json"), exchange::SchemaId::kBatch, 4000);
}

TEST(FastSchema, StatementAgreesWithValijsonOnBrokenDocuments) {
  fuzz_against_valijson(example("statement-EC-001.json"), exchange::SchemaId::kStatement, 2000);
}

TEST(FastSchema, BothPublishedSchemasAreReadByTheQuickCheck) {
  for (auto id : {exchange::SchemaId::kBatch, exchange::SchemaId::kStatement}) {
    EXPECT_TRUE(FastSchema::compile(json::parse(exchange::schema_text(id))).has_value())
        << "schemas/ use a keyword ledger/exchange/schema_fast.cpp does not implement: every "
           "document is then checked by valijson alone (correct, but several times slower)";
  }
}

TEST(FastSchema, RefusesKeywordsItDoesNotImplement) {
  for (const char* s : {R"({"format":"date"})", R"({"oneOf":[{}]})", R"({"not":{}})",
                        R"({"items":[{}]})", R"({"additionalProperties":{}})",
                        R"({"$ref":"other.json#/x"})", R"({"const":1.5})",
                        R"({"properties":{"a":{"$id":"x"}}})", R"({"then":{}})",
                        R"({"minimum":0.5})", R"({"exclusiveMaximum":3})"}) {
    EXPECT_FALSE(FastSchema::compile(json::parse(s)).has_value()) << s;
  }
}

TEST(FastSchema, NonIntegerNumbersAreLeftToValijson) {
  auto fast = FastSchema::compile(json::parse(R"({"const":1,"minimum":0})"));
  ASSERT_TRUE(fast.has_value());
  EXPECT_EQ(fast->check(json::parse("1")), Verdict::kValid);
  EXPECT_EQ(fast->check(json::parse("1.0")), Verdict::kUnsure);
  EXPECT_EQ(fast->check(json::parse("\"1\"")), Verdict::kInvalid);
}

}  // namespace
}  // namespace semilla::exchange_test
