// SPDX-License-Identifier: Apache-2.0
#include "audit/hash.h"

#include <gtest/gtest.h>

#include <string>

namespace semilla::audit {
namespace {

TEST(Sha256, KnownAnswers) {
  EXPECT_EQ(to_hex(sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(to_hex(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, ConcatEqualsHashOfConcatenation) {
  EXPECT_EQ(sha256_concat({"a", "", "bc"}), sha256("abc"));
  EXPECT_EQ(sha256_concat({}), sha256(""));
  const std::string with_nul("a\0b", 3);
  EXPECT_EQ(sha256_concat({"a", std::string_view("\0", 1), "b"}), sha256(with_nul));
}

TEST(Hex, RoundTripAndCase) {
  const Hash h = sha256("abc");
  EXPECT_EQ(as_bytes(h).size(), 32U);
  const std::string upper = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
  Result<Hash> parsed = hash_from_hex(upper);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, h);
  EXPECT_EQ(to_hex(std::string_view("\x00\xff\x10", 3)), "00ff10");
}

TEST(Hex, RejectsMalformed) {
  Result<Hash> short_hash = hash_from_hex("abcd", "/prev_hash");
  ASSERT_FALSE(short_hash.ok());
  EXPECT_EQ(short_hash.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(short_hash.error().field, "/prev_hash");
  EXPECT_FALSE(hash_from_hex(std::string(63, '0') + "g").ok());
  EXPECT_FALSE(hash_from_hex(std::string(65, '0')).ok());
  EXPECT_FALSE(bytes_from_hex("abc").ok());
  EXPECT_FALSE(bytes_from_hex("0x").ok());
  Result<std::string> empty = bytes_from_hex("");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, "");
}

// RFC 4648 §10 test vectors.
TEST(Base64, Rfc4648Vectors) {
  const std::pair<std::string, std::string> vectors[] = {
      {"", ""},         {"f", "Zg=="},     {"fo", "Zm8="},        {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(plain), encoded);
    Result<std::string> decoded = base64_decode(encoded);
    ASSERT_TRUE(decoded.ok()) << encoded;
    EXPECT_EQ(*decoded, plain);
  }
}

TEST(Base64, AllByteValuesRoundTrip) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t len = 0; len <= all.size(); len += 37) {
    const std::string part = all.substr(0, len);
    Result<std::string> decoded = base64_decode(base64_encode(part));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, part);
  }
}

TEST(Base64, StrictDecodingRejects) {
  const char* bad[] = {
      "Zg=",        // length not a multiple of 4
      "Zg",         // missing padding
      "Zh==",       // non-zero trailing bits after one byte
      "Zm9=",       // non-zero trailing bits after two bytes
      "Zm 9v",      // whitespace
      "Zm9v\n",     // trailing newline
      "Zm9vYg==Zm9v",  // padding in the middle
      "Z===",       // three padding characters
      "====",       // padding only
      "=Zg=",       // padding first
      "Zm-_",       // URL-safe alphabet
      "Zm9v====",   // a whole quantum of padding
  };
  for (const char* text : bad) {
    Result<std::string> r = base64_decode(text, "/sig");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, "/sig");
  }
}

}  // namespace
}  // namespace semilla::audit
