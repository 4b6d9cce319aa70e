// SPDX-License-Identifier: Apache-2.0
// The direct encoders of the hot path write exactly what the generic ones write: the
// transaction payload (canonical_payload vs canonical_json(to_payload)) and the record
// envelope (record_bytes vs canonical_json of the whole record), bytes and errors alike, on
// random transactions full of escapes, controls and non-ASCII text.
#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>

#include "audit/canonical_json.h"
#include "audit/record.h"
#include "ledger/book/payload.h"

namespace semilla::book {
namespace {

// Pieces that exercise every escape, multi-byte characters (also above U+FFFF), and bytes
// that are not UTF-8 at all.
std::string random_text(std::mt19937_64& rng, bool allow_invalid) {
  static const std::vector<std::string> kPieces = {
      "a", "Z", "0", " ", ":", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", std::string(1, '\0'),
      "\x01", "\x1f", "\x7f", "\xc3\xb1", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xef\xbf\xbf",
      "Panader\xc3\xad" "a", "\xe2\x80\xa8"};
  static const std::vector<std::string> kInvalid = {"\xff", "\xc3", "\xed\xa0\x80",
                                                    "\xc0\xaf"};
  std::string out;
  const std::size_t n = rng() % 12;
  for (std::size_t i = 0; i < n; ++i) out += kPieces[rng() % kPieces.size()];
  if (allow_invalid && rng() % 50 == 0) out.insert(rng() % (out.size() + 1), kInvalid[rng() % 4]);
  return out;
}

std::optional<std::string> random_optional(std::mt19937_64& rng, bool allow_invalid) {
  if (rng() % 3 == 0) return std::nullopt;
  return random_text(rng, allow_invalid);
}

money::Amount random_amount(std::mt19937_64& rng) {
  static const char* const kCodes[] = {"USD", "JPY", "KWD", "CLF", "EUR"};
  auto currency = money::Currency::find(kCodes[rng() % 5]);
  std::int64_t minor = 0;
  switch (rng() % 4) {
    case 0: minor = static_cast<std::int64_t>(rng() % 1000); break;
    case 1: minor = static_cast<std::int64_t>(rng() % 1'000'000'000'000'000'000ULL); break;
    case 2: minor = std::numeric_limits<std::int64_t>::max() - static_cast<int>(rng() % 3); break;
    default: minor = static_cast<std::int64_t>(rng() % 100000);
  }
  auto a = money::Amount::from_minor(minor, *currency);
  if (rng() % 2 == 0) a = a.negated();
  if (rng() % 40 == 0) {  // beyond 64 bits: the 128-bit path
    auto big = a.plus(money::Amount::from_minor(std::numeric_limits<std::int64_t>::max(),
                                                *currency));
    if (big.ok()) a = *big;
  }
  return a;
}

std::int64_t random_id(std::mt19937_64& rng) {
  constexpr std::int64_t kExact = (std::int64_t{1} << 53) - 1;
  switch (rng() % 8) {
    case 0: return kExact;
    case 1: return kExact + 1;  // out of canonical range: both encoders refuse it
    case 2: return -kExact - 1;
    default: return static_cast<std::int64_t>(rng() % 100000) + 1;
  }
}

Transaction random_transaction(std::mt19937_64& rng) {
  Transaction t;
  t.id = random_id(rng);
  t.date = Date::from_ymd(2000 + static_cast<int>(rng() % 50), 1 + static_cast<int>(rng() % 12),
                          1 + static_cast<int>(rng() % 28));
  t.memo = random_text(rng, true);
  t.ref = random_optional(rng, true);
  t.enterprise = random_optional(rng, true);
  if (rng() % 4 == 0) t.reverses = random_id(rng);
  t.reason = random_text(rng, true);
  const std::size_t n = rng() % 5;
  for (std::size_t i = 0; i < n; ++i) {
    t.postings.push_back(Posting{random_id(rng), random_text(rng, true), random_amount(rng)});
  }
  return t;
}

TEST(PayloadEncoder, TransactionPayloadIsByteForByteTheGenericEncoding) {
  std::mt19937_64 rng(8785);
  int refused = 0;
  for (int i = 0; i < 50000; ++i) {
    const Transaction t = random_transaction(rng);
    auto generic = audit::canonical_json(to_payload(t));
    auto direct = canonical_payload(t);
    ASSERT_EQ(generic.ok(), direct.ok()) << i;
    if (generic.ok()) {
      ASSERT_EQ(*generic, *direct) << i;
    } else {
      ++refused;
      ASSERT_EQ(generic.error().to_string(), direct.error().to_string()) << i;
      ASSERT_EQ(generic.error().code, direct.error().code);
    }
  }
  EXPECT_GT(refused, 100);  // the error paths were exercised too
}

TEST(PayloadEncoder, AmountsAreWrittenAsAmountToString) {
  std::mt19937_64 rng(17);
  for (int i = 0; i < 20000; ++i) {
    Transaction t;
    t.id = 1;
    t.postings.push_back(Posting{1, "A", random_amount(rng)});
    auto direct = canonical_payload(t);
    ASSERT_TRUE(direct.ok());
    const std::string expected = "\"amount\":\"" + t.postings[0].amount.to_string() + "\"";
    ASSERT_NE(direct->find(expected), std::string::npos) << *direct;
  }
}

// The record as seal() wrote it before record_bytes existed: the whole record as one JSON
// object through canonical_json.
Result<std::string> generic_record(std::uint64_t seq, const std::string& time,
                                   const std::string& actor, const std::string& kind,
                                   const nlohmann::json& payload, const audit::Hash& prev) {
  return audit::canonical_json(nlohmann::json{{"v", audit::kRecordVersion}, {"seq", seq},
                                              {"time", time}, {"actor", actor},
                                              {"kind", kind}, {"payload", payload},
                                              {"prev", audit::to_hex(prev)}});
}

TEST(PayloadEncoder, RecordEnvelopeIsByteForByteTheGenericEncoding) {
  std::mt19937_64 rng(9162);
  int refused = 0;
  for (int i = 0; i < 20000; ++i) {
    const Transaction t = random_transaction(rng);
    const std::uint64_t seq = rng() % 20 == 0 ? (std::uint64_t{1} << 53) : rng() % 1000000;
    const std::string time = rng() % 30 == 0 ? "\xff" : "2026-06-30T12:00:00.000Z";
    const std::string actor = random_text(rng, true);
    const std::string kind = rng() % 30 == 0 ? "k\xc3" : "transaction.post";
    audit::Hash prev{};
    for (auto& b : prev) b = static_cast<std::uint8_t>(rng());
    auto generic = generic_record(seq, time, actor, kind, to_payload(t), prev);
    auto sealed = audit::seal(audit::Record{seq, time, actor, kind, to_payload(t), prev});
    ASSERT_EQ(generic.ok(), sealed.ok()) << i;
    if (!generic.ok()) {
      ++refused;
      ASSERT_EQ(generic.error().to_string(), sealed.error().to_string()) << i;
      continue;
    }
    ASSERT_EQ(*generic, sealed->bytes) << i;
    ASSERT_EQ(sealed->hash, audit::sha256(*generic));
    auto direct = audit::record_bytes(seq, time, actor, kind, *canonical_payload(t), prev);
    ASSERT_TRUE(direct.ok());
    ASSERT_EQ(*generic, *direct) << i;
  }
  EXPECT_GT(refused, 100);
}

}  // namespace
}  // namespace semilla::book
