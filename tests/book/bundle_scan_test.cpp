// SPDX-License-Identifier: Apache-2.0
// The bundle reader accepts exactly the canonical bytes: every other encoding of the same
// content is refused, with the byte where it departs.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "ledger/book/bundle_scan.h"

namespace semilla::book {
namespace {

const std::string kBundle =
    R"({"checkpoints":[],"format":"semilla-audit-bundle","keys":[],"origin":null,)"
    R"("records":["{\"a\":\"x/y\"}","{\"b\":1}"],"root":"00","tree_size":2,"version":1})";

Result<BundleHeader> scan(const std::string& text, std::vector<std::string>* records = nullptr) {
  std::istringstream in(text);
  return scan_bundle(in, [&](std::uint64_t seq, const std::string& bytes) -> Status {
    if (records != nullptr) {
      EXPECT_EQ(seq, records->size());
      records->push_back(bytes);
    }
    return Status::Ok();
  });
}

TEST(BundleScan, ReadsTheCanonicalBytes) {
  std::vector<std::string> records;
  auto h = scan(kBundle, &records);
  ASSERT_TRUE(h.ok()) << h.error().to_string();
  EXPECT_EQ(records, (std::vector<std::string>{R"({"a":"x/y"})", R"({"b":1})"}));
  EXPECT_FALSE(h->origin.has_value());
  EXPECT_EQ(h->tree_size, 2u);
  EXPECT_EQ(h->version, 1u);
}

TEST(BundleScan, RefusesEveryOtherEncodingOfTheSameContent) {
  auto replaced = [](std::string from, std::string to) {
    std::string s = kBundle;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  const std::vector<std::string> variants = {
      replaced("{\"checkpoints\"", "{ \"checkpoints\""),        // whitespace
      replaced("x/y", "x\\/y"),                                  // "\/" for "/"
      replaced("\"tree_size\":2", "\"tree_size\":02"),          // leading zero
      replaced("\"version\":1}", "\"version\":1} "),            // trailing byte
      replaced("\"origin\":null,", ""),                         // member missing
      replaced("\"format\":\"semilla-audit-bundle\"", "\"format\":\"other\""),
      replaced("\"records\":[", "\"records\":[\"\\u0041\","),   // escape not needed
      kBundle.substr(0, kBundle.size() - 1),                    // truncated
  };
  for (const auto& v : variants) {
    auto h = scan(v);
    ASSERT_FALSE(h.ok()) << v;
    EXPECT_EQ(h.error().code, ErrorCode::kVerifyFailed) << v;
    EXPECT_EQ(h.error().field, "bundle") << v;
  }
}

TEST(BundleScan, RecordErrorsStopTheScanAndComeBackUnchanged) {
  std::istringstream in(kBundle);
  auto h = scan_bundle(in, [](std::uint64_t seq, const std::string&) -> Status {
    if (seq == 1) return make_error(ErrorCode::kVerifyFailed, "record 1", "broken");
    return Status::Ok();
  });
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().field, "record 1");
}

}  // namespace
}  // namespace semilla::book
