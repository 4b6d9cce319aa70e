// SPDX-License-Identifier: Apache-2.0
// Reading JSON documents that enter the book from outside (batches, statements): size and
// nesting limits checked before anything else, strict parsing (duplicate member names are
// refused: two readers of one signed statement must not see different values), and
// validation against the published JSON Schemas in schemas/ with valijson.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "ledger/base/error.h"
#include "ledger/base/limits.h"

namespace semilla::exchange {

// The schemas Semilla publishes (schemas/NAME.schema.json), embedded in the program.
enum class SchemaId { kBatch, kStatement };

// Reads the file at `path` whole. kLimitExceeded naming `field` when it is larger than
// `bytes_max` (checked before reading, so a wrong 200 MB file fails at once); kEnvironment
// when it cannot be read.
[[nodiscard]] Result<std::string> read_document_file(
    const std::string& path, std::string_view field,
    std::uintmax_t bytes_max = limits::kImportDocumentBytesMax);

// Parses `text` as one JSON document. kInvalid naming `field` with the byte offset for
// malformed or truncated JSON, a duplicate member name, or nesting deeper than
// limits::kImportJsonDepthMax; trailing bytes other than white space are refused.
[[nodiscard]] Result<nlohmann::json> parse_document(std::string_view text,
                                                    std::string_view field);

// Takes one streamed element; an error stops the reading and is returned by it.
using OperationSink = std::function<Status(nlohmann::json)>;

// Reads one JSON document from `in` as parse_document does (strict, the same limits), but
// streams the root object's member `array` ("operations"): each of its elements goes to
// `sink` as soon as it is complete, and is not kept, so memory stays flat however long the
// array is. An element may hold at most limits::kImportOperationValuesMax values and no
// string longer than limits::kImportStringBytesMax (kInvalid naming `field`). Returns the
// rest of the document, with an empty array in place of the streamed one; the sink's error
// when it stopped the reading.
[[nodiscard]] Result<nlohmann::json> stream_document(std::istream& in, std::string_view field,
                                                     const std::string& array,
                                                     const OperationSink& sink);

// JSON Lines: each non-blank line of `in` is one JSON document (parse_document), passed to
// `sink` in order. kLimitExceeded for a line longer than limits::kImportLineBytesMax;
// kInvalid naming `field` with "line N: ..." for a line that is not strict JSON.
[[nodiscard]] Status stream_lines(std::istream& in, std::string_view field,
                                  const OperationSink& sink);

// How validate_schema decides. kAuto: a quick check of the schema's common keywords proves
// most valid documents valid (schema_fast.h) and valijson decides the rest; kValijson: only
// valijson (the tests compare the two).
enum class SchemaEngine { kAuto, kValijson };

// Every way `doc` breaks the schema, each as kInvalid with the JSON pointer of the offending
// value as field ("/operations/17/postings/1/amount") and valijson's reason; empty when it
// conforms. At most `errors_max` are returned, the last saying how many more there were.
[[nodiscard]] Errors validate_schema(const nlohmann::json& doc, SchemaId schema,
                                     std::size_t errors_max = 100,
                                     SchemaEngine engine = SchemaEngine::kAuto);

// The schema's text as published in schemas/.
[[nodiscard]] std::string_view schema_text(SchemaId schema);

// RFC 6901 JSON pointer of `tokens` ("a/b" → "/a~1b").
[[nodiscard]] std::string json_pointer(const std::vector<std::string>& tokens);

}  // namespace semilla::exchange
