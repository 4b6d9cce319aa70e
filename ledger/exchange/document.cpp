// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/document.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "ledger/base/check.h"
#include "ledger/base/lang.h"
#include "ledger/exchange/schema_fast.h"

namespace semilla::exchange {

extern const std::pair<std::string_view, std::string_view> kEmbeddedSchemas[];
extern const int kEmbeddedSchemaCount;

namespace {

using nlohmann::json;

Error invalid(std::string_view field, std::string message) {
  return make_error(ErrorCode::kInvalid, std::string(field), std::move(message));
}

// Builds the DOM, refusing what the plain parser accepts silently: a member name twice in one
// object (the last would win), and deep nesting. A name is looked up in the object being
// built, where it is inserted anyway, so checking costs no copy of it.
class StrictSax final : public json::json_sax_t {
 public:
  explicit StrictSax(json& root) : root_(root) {}
  // Streaming: each element of the root object's member `array` is handed to `sink` as soon
  // as it is complete and not kept (the root keeps an empty array there). An element of more
  // than `values_max` values is refused.
  StrictSax(json& root, std::string array, const OperationSink& sink, std::size_t values_max)
      : root_(root), array_(std::move(array)), sink_(&sink), values_max_(values_max) {}

  bool null() override { return value(nullptr) != nullptr; }
  bool boolean(bool v) override { return value(v) != nullptr; }
  bool number_integer(number_integer_t v) override { return value(v) != nullptr; }
  bool number_unsigned(number_unsigned_t v) override { return value(v) != nullptr; }
  bool number_float(number_float_t v, const string_t&) override {
    return value(v) != nullptr;
  }
  bool string(string_t& v) override {
    if (sink_ != nullptr && v.size() > limits::kImportStringBytesMax) {
      problem_ = "a string of " + std::to_string(v.size()) + " bytes (at most " +
                 std::to_string(limits::kImportStringBytesMax) + ")";
      return false;
    }
    return value(std::move(v)) != nullptr;
  }
  bool binary(binary_t& v) override { return value(json::binary(std::move(v))) != nullptr; }
  bool start_object(std::size_t) override {
    if (!enter()) return false;
    json* placed = value(json::value_t::object);
    if (placed == nullptr) return false;
    stack_.push_back(placed);
    return true;
  }
  bool key(string_t& k) override {
    auto [it, inserted] = stack_.back()->emplace(std::move(k), nullptr);
    if (!inserted) {
      problem_ = "the member name \"" + it.key() + "\" appears twice in one object";
      return false;
    }
    member_ = &it.value();
    if (sink_ != nullptr && stack_.size() == 1 && it.key() == array_) streamed_ = member_;
    return true;
  }
  bool end_object() override { return leave(); }
  bool start_array(std::size_t) override {
    if (!enter()) return false;
    json* placed = value(json::value_t::array);
    if (placed == nullptr) return false;
    // The streamed member is streamed only when it is an array (else the schema names it).
    if (placed == streamed_) stream_ = placed;
    stack_.push_back(placed);
    return true;
  }
  bool end_array() override { return leave(); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    problem_ = e.what();
    position_ = position;
    return false;
  }

  [[nodiscard]] const std::string& problem() const { return problem_; }
  [[nodiscard]] std::size_t position() const { return position_; }

 private:
  // Places `v` where the parser is: the root, the next element of an array, or the member
  // whose name came last.
  template <typename V>
  json* value(V&& v) {
    if (stack_.empty()) {
      root_ = json(std::forward<V>(v));
      return &root_;
    }
    if (stream_ != nullptr && stack_.size() > 2 && ++values_ > values_max_) {
      problem_ = "an element of \"" + array_ + "\" with more than " +
                 std::to_string(values_max_) + " values";
      return nullptr;
    }
    json* top = stack_.back();
    if (top->is_array()) {
      top->emplace_back(std::forward<V>(v));
      json* placed = &top->back();
      if (top == stream_ && !placed->is_structured()) return hand_over() ? placed : nullptr;
      return placed;
    }
    *member_ = json(std::forward<V>(v));
    return member_;
  }

  bool enter() {
    if (++depth_ <= limits::kImportJsonDepthMax) return true;
    problem_ = "nesting deeper than " + std::to_string(limits::kImportJsonDepthMax) +
               " arrays and objects";
    return false;
  }

  bool leave() {
    stack_.pop_back();
    --depth_;
    // An element of the streamed array is complete: hand it over.
    if (stream_ != nullptr && stack_.size() == 2 && stack_.back() == stream_) return hand_over();
    return true;
  }

  // Passes the streamed array's last element to the sink and drops it.
  bool hand_over() {
    json element = std::move(stream_->back());
    stream_->erase(stream_->end() - 1);
    values_ = 0;
    Status s = (*sink_)(std::move(element));
    if (s.ok()) return true;
    stopped_ = s.error();
    problem_ = stopped_->message;
    return false;
  }

 public:
  // The sink's own error, when it stopped the parse.
  [[nodiscard]] const std::optional<Error>& stopped() const { return stopped_; }

 private:

  json& root_;
  std::vector<json*> stack_;  // the open objects and arrays, innermost last
  json* member_ = nullptr;    // where the value of the member just named goes
  std::size_t depth_ = 0;
  std::string problem_;
  std::size_t position_ = 0;
  std::string array_;                    // streaming: the root member streamed
  const OperationSink* sink_ = nullptr;  // ... and who takes its elements
  std::size_t values_max_ = 0;
  json* streamed_ = nullptr;             // that member's value, once named
  json* stream_ = nullptr;               // ... once it is known to be an array
  std::size_t values_ = 0;               // values in the element being built
  std::optional<Error> stopped_;
};

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at ...".
std::string plain_parse_message(const std::string& what) {
  const auto close = what.find("] ");
  return close == std::string::npos ? what : what.substr(close + 2);
}

}  // namespace

Result<std::string> read_document_file(const std::string& path, std::string_view field,
                                       std::uintmax_t bytes_max) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return make_error(ErrorCode::kEnvironment, std::string(field), "cannot read " + path);
  if (size > bytes_max) {
    return make_error(ErrorCode::kLimitExceeded, std::string(field),
                      path + " has " + std::to_string(size) + " bytes; documents of at most " +
                          std::to_string(bytes_max >> 20) +
                          " MiB are imported (split the operations into several files)");
  }
  std::ifstream in(path, std::ios::binary);
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (!in || in.gcount() != static_cast<std::streamsize>(size)) {
    return make_error(ErrorCode::kEnvironment, std::string(field), "cannot read " + path);
  }
  return text;
}

Result<json> parse_document(std::string_view text, std::string_view field) {
  json root;
  StrictSax sax(root);
  // Malformed input comes back through StrictSax::parse_error; nothing is thrown.
  const bool ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json,
                                  /*strict=*/true);
  if (ok) return root;
  if (sax.problem().empty()) return invalid(field, "not a JSON document");
  return invalid(field, "not valid JSON: " + plain_parse_message(sax.problem()));
}

Result<json> stream_document(std::istream& in, std::string_view field, const std::string& array,
                             const OperationSink& sink) {
  json root;
  StrictSax sax(root, array, sink, limits::kImportOperationValuesMax);
  const bool ok = json::sax_parse(in, &sax, json::input_format_t::json, /*strict=*/true);
  if (ok) return root;
  if (sax.stopped()) return *sax.stopped();
  if (sax.problem().empty()) return invalid(field, "not a JSON document");
  return invalid(field, "not valid JSON: " + plain_parse_message(sax.problem()));
}

Status stream_lines(std::istream& in, std::string_view field, const OperationSink& sink) {
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.size() > limits::kImportLineBytesMax) {
      return make_error(ErrorCode::kLimitExceeded, std::string(field),
                        "line " + std::to_string(number) + " has " +
                            std::to_string(line.size()) + " bytes; a line holds at most " +
                            std::to_string(limits::kImportLineBytesMax));
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto doc = parse_document(line, field);
    if (!doc.ok()) {
      Error e = doc.error();
      e.message = "line " + std::to_string(number) + ": " + e.message;
      return e;
    }
    SEMILLA_TRY(sink(std::move(*doc)));
  }
  if (in.bad()) {
    return make_error(ErrorCode::kEnvironment, std::string(field), tr("cannot read the file"));
  }
  return Status::Ok();
}

std::string json_pointer(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    out += '/';
    for (char c : t) {
      if (c == '~') {
        out += "~0";
      } else if (c == '/') {
        out += "~1";
      } else {
        out += c;
      }
    }
  }
  return out;
}

std::string_view schema_text(SchemaId schema) {
  const std::string_view name = schema == SchemaId::kBatch ? "batch" : "statement";
  for (int i = 0; i < kEmbeddedSchemaCount; ++i) {
    if (kEmbeddedSchemas[i].first == name) return kEmbeddedSchemas[i].second;
  }
  SEMILLA_CHECK(false && "schema not embedded");
  return {};
}

namespace {

// Parsed once per schema: valijson compiles the schema and caches its regular expressions.
const valijson::Schema& compiled_schema(SchemaId id) {
  static const auto build = [](SchemaId which) {
    auto schema = std::make_unique<valijson::Schema>();
    const json doc = json::parse(schema_text(which));
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, *schema);
    return schema;
  };
  static const auto batch = build(SchemaId::kBatch);
  static const auto statement = build(SchemaId::kStatement);
  return id == SchemaId::kBatch ? *batch : *statement;
}

// The same schema for the quick check (schema_fast.h); nullptr when it cannot read it.
const detail::FastSchema* fast_schema(SchemaId id) {
  static const auto build = [](SchemaId which) {
    return detail::FastSchema::compile(json::parse(schema_text(which)));
  };
  static const auto batch = build(SchemaId::kBatch);
  static const auto statement = build(SchemaId::kStatement);
  const auto& fast = id == SchemaId::kBatch ? batch : statement;
  return fast ? &*fast : nullptr;
}

// valijson's context: "<root>", "[operations]", "[17]", ... → pointer tokens.
std::vector<std::string> tokens_of(const std::vector<std::string>& context) {
  std::vector<std::string> out;
  for (const auto& c : context) {
    if (c.size() >= 2 && c.front() == '[' && c.back() == ']') {
      std::string token = c.substr(1, c.size() - 2);
      if (token.size() >= 2 && token.front() == '"' && token.back() == '"') {
        token = token.substr(1, token.size() - 2);
      }
      out.push_back(token);
    }
  }
  return out;
}

}  // namespace

namespace {

using Found = std::pair<std::vector<std::string>, std::string>;

bool is_wrapper(const std::string& description) {
  return description.rfind("Failed to validate", 0) == 0;
}

// "...constraints: 'colour'." → "colour".
std::string quoted_tail(const std::string& description) {
  const auto close = description.rfind('\'');
  const auto open = close == std::string::npos ? close : description.rfind('\'', close - 1);
  if (open == std::string::npos) return "";
  return description.substr(open + 1, close - open - 1);
}

// valijson's sentences, said in the terms of a document's author.
Error plain_error(const json& doc, Found found) {
  auto& [tokens, description] = found;
  std::string message = description;
  if (description.find("'additionalProperties'") != std::string::npos) {
    tokens.push_back(quoted_tail(description));
    message = "unknown member (refused, not ignored: check its spelling)";
  } else if (description.rfind("Missing required property", 0) == 0) {
    message = "missing required member \"" + quoted_tail(description) + "\"";
  } else {
    const json* value = nullptr;
    try {
      value = &doc.at(json::json_pointer(json_pointer(tokens)));
    } catch (const json::exception&) {
      value = nullptr;  // the pointer came from the validator; only the wording suffers
    }
    if (description.rfind("Failed to match against any enum", 0) == 0) {
      message = "is not one of the values the schema allows";
    } else if (description.rfind("Value type not permitted", 0) == 0) {
      message = "has the wrong type for this member";
    }
    if (value != nullptr && value->is_primitive()) message = value->dump() + " " + message;
  }
  const std::string pointer = json_pointer(tokens);
  return invalid(pointer.empty() ? "/" : pointer, message);
}

}  // namespace

namespace {

// Where a value sits: a chain of parents, turned into a pointer only for an error.
struct Where {
  const Where* parent = nullptr;
  const std::string* key = nullptr;  // member name, or nullptr for an array element
  std::size_t index = 0;

  void tokens(std::vector<std::string>& out) const {
    if (parent == nullptr) return;
    parent->tokens(out);
    out.push_back(key != nullptr ? *key : std::to_string(index));
  }
};

// Strings too long for the validator's regular expressions, by pointer. Depth is bounded by
// parse_document, so the recursion is too.
void find_long_strings(const json& value, const Where& where, Errors& out) {
  if (out.size() >= 10) return;
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    if (s.size() > limits::kImportStringBytesMax) {
      std::vector<std::string> path;
      where.tokens(path);
      out.push_back(make_error(ErrorCode::kLimitExceeded, json_pointer(path),
                               "a string of " + std::to_string(s.size()) + " bytes; at most " +
                                   std::to_string(limits::kImportStringBytesMax) +
                                   " are accepted"));
    }
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      find_long_strings(*it, Where{&where, &it.key(), 0}, out);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      find_long_strings(value[i], Where{&where, nullptr, i}, out);
    }
  }
}

}  // namespace

Errors validate_schema(const json& doc, SchemaId schema, std::size_t errors_max,
                       SchemaEngine engine) {
  Errors long_strings;
  find_long_strings(doc, Where{}, long_strings);
  if (!long_strings.empty()) return long_strings;
  // The quick check proves most documents valid; valijson decides the rest and words errors.
  const detail::FastSchema* fast =
      engine == SchemaEngine::kValijson ? nullptr : fast_schema(schema);
  if (fast != nullptr && fast->check(doc) == detail::Verdict::kValid) return {};
  valijson::Validator validator(valijson::Validator::kStrongTypes);
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc);
  if (validator.validate(compiled_schema(schema), target, &results)) return {};
  // valijson also reports a failure at every level above the one that failed ("Failed to
  // validate item #17 in array"): keep those only where nothing more precise was said.
  std::vector<Found> all;
  std::set<std::string> precise;  // pointers with a precise error, and their ancestors
  for (const auto& e : results) {
    if (all.size() >= 4 * errors_max) break;  // bounds the work on a hopeless file
    all.emplace_back(tokens_of(e.context), e.description);
    if (is_wrapper(e.description)) continue;
    for (std::size_t n = 0; n <= all.back().first.size(); ++n) {
      precise.insert(json_pointer({all.back().first.begin(), all.back().first.begin() +
                                                                 static_cast<long>(n)}));
    }
  }
  Errors out;
  std::set<std::pair<std::string, std::string>> seen;
  for (auto& found : all) {
    if (is_wrapper(found.second) && precise.count(json_pointer(found.first)) > 0) continue;
    if (!seen.emplace(json_pointer(found.first), found.second).second) continue;
    if (out.size() == errors_max) {
      out.push_back(invalid("", "more problems not shown; correct these first"));
      break;
    }
    out.push_back(plain_error(doc, std::move(found)));
  }
  return out;
}

}  // namespace semilla::exchange
