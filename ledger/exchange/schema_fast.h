// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/exchange: a quick check that a document conforms to one of the published
// schemas, read from the schema itself (schemas/ stay the single source). It understands the
// JSON Schema draft-07 keywords Semilla's schemas use, with valijson's meaning of each, and
// answers kValid only when sure. Anything else (a keyword it does not know, a number with a
// fraction, a regular expression beyond its subset) makes it answer kUnsure, and
// validate_schema then asks valijson, which also words every error. Its regular expressions
// are proven against std::regex by tests/exchange_schema.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace semilla::exchange::detail {

enum class Verdict { kValid, kInvalid, kUnsure };

// A regular expression of the subset the schemas use: ^ and $, literal characters, escapes
// of punctuation, \d, classes of ASCII characters and ranges (negated or not), groups with
// alternatives, and the greedy quantifiers * + ? {n} {n,} {n,m}.
class FastPattern {
 public:
  struct Node;
  FastPattern(FastPattern&&) noexcept;
  FastPattern& operator=(FastPattern&&) noexcept;
  ~FastPattern();

  // nullopt when `pattern` uses anything outside the subset.
  [[nodiscard]] static std::optional<FastPattern> compile(std::string_view pattern);
  // What std::regex_search(text, std::regex(pattern)) answers (ECMAScript grammar, bytes);
  // nullopt when the search needed more steps than a sane pattern does.
  [[nodiscard]] std::optional<bool> search(std::string_view text) const;

 private:
  FastPattern();
  std::unique_ptr<Node> root_;
};

class FastSchema {
 public:
  struct Node;
  FastSchema(FastSchema&&) noexcept;
  FastSchema& operator=(FastSchema&&) noexcept;
  ~FastSchema();

  // nullopt when the schema uses a keyword or a form this checker does not implement.
  [[nodiscard]] static std::optional<FastSchema> compile(const nlohmann::json& schema);
  // kValid: valijson (strong types) accepts `doc`; kInvalid: it refuses it; kUnsure: ask it.
  [[nodiscard]] Verdict check(const nlohmann::json& doc) const;

 private:
  FastSchema();
  struct Nodes;
  std::unique_ptr<Nodes> nodes_;
  const Node* root_ = nullptr;
};

}  // namespace semilla::exchange::detail
