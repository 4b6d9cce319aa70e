// SPDX-License-Identifier: Apache-2.0
// Reading untrusted documents: limits at their boundaries, malformed and hostile JSON.
#include <gmock/gmock.h>
#include <unistd.h>

#include <chrono>

#include "ledger/exchange/batch.h"
#include "ledger/exchange/document.h"
#include "tests/exchange/fixture.h"

namespace semilla::exchange_test {
namespace {

using ::testing::HasSubstr;

std::string nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(Document, NestingLimitAtItsBoundary) {
  EXPECT_TRUE(exchange::parse_document(nested(limits::kImportJsonDepthMax), "FILE").ok());
  auto deep = exchange::parse_document(nested(limits::kImportJsonDepthMax + 1), "FILE");
  ASSERT_FALSE(deep.ok());
  EXPECT_THAT(deep.error().message, HasSubstr("nesting deeper than 32"));
  // Far deeper input fails the same way, without exhausting the stack.
  EXPECT_FALSE(exchange::parse_document(nested(1'000'000), "FILE").ok());
}

TEST(Document, MalformedTruncatedAndDuplicated) {
  for (const char* text : {"", "{", "{\"a\":", "{\"a\":1,}", "[1 2]", "nul", "{\"a\":1} x",
                           "\"\xff\"", "{\"a\":1,\"a\":1}"}) {
    auto r = exchange::parse_document(text, "FILE");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, "FILE");
  }
  auto dup = exchange::parse_document(R"({"a":{"b":1,"b":2}})", "FILE");
  EXPECT_THAT(dup.error().message, HasSubstr("\"b\" appears twice"));
  auto cut = exchange::parse_document(R"({"operations":[{"type":"acc)", "FILE");
  EXPECT_THAT(cut.error().message, HasSubstr("column"));
}

class SizeTest : public BookTest {};

TEST_F(SizeTest, SizeLimitAtItsBoundary) {
  write("small.json", std::string(100, ' '));
  auto at = exchange::read_document_file(path("small.json"), "FILE", 100);
  EXPECT_TRUE(at.ok());
  auto over = exchange::read_document_file(path("small.json"), "FILE", 99);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::kLimitExceeded);
}

// A batch is streamed: its size is no reason to refuse it (a statement's still is). This
// 200 MB sparse file is read until its first NUL byte, which is not JSON.
TEST_F(SizeTest, ABatchOfTwoHundredMegabytesIsReadAsAStream) {
  const std::string big = path("big.json");
  write("big.json", "{");
  ASSERT_EQ(truncate(big.c_str(), 200'000'000), 0);
  const auto before = log_size();
  auto r = exchange::import_batch_file(*book_, big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().front().code, ErrorCode::kInvalid);
  EXPECT_THAT(r.error().front().message, HasSubstr("not valid JSON"));
  EXPECT_EQ(log_size(), before);
}

TEST_F(SizeTest, MissingFileIsAnEnvironmentError) {
  auto r = exchange::import_batch_file(*book_, path("none.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().front().code, ErrorCode::kEnvironment);
}

// A megabyte string would overflow the stack in the validator's std::regex: refused first.
TEST(Document, StringLimitAtItsBoundary) {
  auto doc = [](std::size_t n) {
    return nlohmann::json{{"format", "semilla-batch"}, {"version", 1},
                          {"operations", {{{"type", "enterprise"}, {"id", std::string(n, 'a')}}}}};
  };
  auto at = exchange::validate_schema(doc(limits::kImportStringBytesMax),
                                      exchange::SchemaId::kBatch);
  ASSERT_EQ(at.size(), 1u);
  EXPECT_EQ(at[0].code, ErrorCode::kInvalid);  // too long for an id, said by the schema
  auto over = exchange::validate_schema(doc(limits::kImportStringBytesMax + 1),
                                        exchange::SchemaId::kBatch);
  ASSERT_EQ(over.size(), 1u);
  EXPECT_EQ(over[0].code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(over[0].field, "/operations/0/id");
  EXPECT_EQ(exchange::validate_schema(doc(1 << 20), exchange::SchemaId::kBatch)[0].code,
            ErrorCode::kLimitExceeded);
}

TEST(Document, PointersEscapeTheirTokens) {
  EXPECT_EQ(exchange::json_pointer({"a/b", "c~d", "0"}), "/a~1b/c~0d/0");
  EXPECT_EQ(exchange::json_pointer({}), "");
}

TEST(Document, SchemasAreEmbeddedFromSchemasFolder) {
  std::ifstream in(SEMILLA_SOURCE_DIR "/schemas/batch.schema.json");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(exchange::schema_text(exchange::SchemaId::kBatch), text.str());
}

}  // namespace
}  // namespace semilla::exchange_test
