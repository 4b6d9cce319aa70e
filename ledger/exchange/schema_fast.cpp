// SPDX-License-Identifier: Apache-2.0
// FastSchema: each keyword means what valijson's ValidationVisitor makes of it with strong
// types (valijson/validation_visitor.hpp), so that kValid here is kValid there.
#include "ledger/exchange/schema_fast.h"

#include <algorithm>
#include <deque>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <valijson/utils/utf8_utils.hpp>
#include <vector>

namespace semilla::exchange::detail {
namespace {

using nlohmann::json;

// Integers that valijson's comparisons (through binary64) see exactly.
constexpr std::int64_t kExactMax = (std::int64_t{1} << 53) - 1;

enum Type : unsigned {
  kNull = 1, kBoolean = 2, kInteger = 4, kNumber = 8, kString = 16, kArray = 32, kObject = 64
};

// Keywords with no effect on validation.
const std::set<std::string, std::less<>> kAnnotations = {
    "$schema", "$id", "$comment", "title", "description", "examples", "default"};

std::optional<std::int64_t> exact_integer(const json& v) {
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(kExactMax)) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (!v.is_number_integer()) return std::nullopt;
  const auto i = v.get<std::int64_t>();
  if (i > kExactMax || i < -kExactMax) return std::nullopt;
  return i;
}

// A schema value a const or enum may hold here: strings, booleans, null, exact integers.
bool comparable(const json& v) {
  return v.is_string() || v.is_boolean() || v.is_null() || exact_integer(v).has_value();
}

// valijson's equalTo(strict) for a comparable schema value `s` and any instance `v`.
Verdict equal(const json& s, const json& v) {
  const bool s_number = s.is_number();
  if (s_number != v.is_number() || s.is_string() != v.is_string() ||
      s.is_boolean() != v.is_boolean() || s.is_null() != v.is_null()) {
    return Verdict::kInvalid;
  }
  if (s_number) {
    const auto vi = exact_integer(v);
    if (!vi) return Verdict::kUnsure;
    return *vi == *exact_integer(s) ? Verdict::kValid : Verdict::kInvalid;
  }
  return s == v ? Verdict::kValid : Verdict::kInvalid;
}

unsigned type_of(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return kNull;
    case json::value_t::boolean: return kBoolean;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return kInteger | kNumber;
    case json::value_t::number_float: return kNumber;
    case json::value_t::string: return kString;
    case json::value_t::array: return kArray;
    case json::value_t::object: return kObject;
    default: return 0;
  }
}

std::optional<unsigned> type_bit(const json& name) {
  static const std::map<std::string, unsigned, std::less<>> kNames = {
      {"null", kNull},     {"boolean", kBoolean}, {"integer", kInteger}, {"number", kNumber},
      {"string", kString}, {"array", kArray},     {"object", kObject}};
  if (!name.is_string()) return std::nullopt;
  auto it = kNames.find(name.get_ref<const std::string&>());
  if (it == kNames.end()) return std::nullopt;
  return it->second;
}

std::optional<std::uint64_t> count_of(const json& v) {
  if (!v.is_number_unsigned()) return std::nullopt;
  return v.get<std::uint64_t>();
}

// Combines the verdicts of constraints that must all hold.
class All {
 public:
  // false once the result is known to be kInvalid.
  bool add(Verdict v) {
    if (v == Verdict::kInvalid) result_ = v;
    if (v == Verdict::kUnsure && result_ == Verdict::kValid) result_ = v;
    return result_ != Verdict::kInvalid;
  }
  [[nodiscard]] Verdict result() const { return result_; }

 private:
  Verdict result_ = Verdict::kValid;
};

}  // namespace

struct FastSchema::Node {
  const Node* ref = nullptr;  // $ref: the definition stands for this node
  unsigned types = 0;         // 0: any type
  std::vector<json> consts;   // the const value, or the enum's values
  bool has_const = false;
  std::optional<std::uint64_t> min_length, max_length, min_items, max_items;
  std::optional<FastPattern> pattern;
  std::optional<std::regex> regex;  // a pattern beyond FastPattern's subset
  std::optional<std::int64_t> minimum, maximum;
  std::vector<std::pair<std::string, const Node*>> properties;  // sorted by name
  bool closed = false;  // additionalProperties: false
  std::vector<std::string> required;
  const Node* items = nullptr;
  std::vector<const Node*> all_of;
  const Node* if_ = nullptr;
  const Node* then_ = nullptr;
  const Node* else_ = nullptr;
};

struct FastSchema::Nodes {
  std::deque<Node> all;
  std::map<std::string, Node*, std::less<>> definitions;
};

namespace {

using Node = FastSchema::Node;

using Definitions = std::map<std::string, Node*, std::less<>>;

class Compiler {
 public:
  Compiler(const json& root, std::deque<Node>& all, Definitions& defs)
      : root_(root), all_(all), defs_(defs) {}

  // The node for `s`; nullptr when it uses anything this checker does not implement.
  const Node* compile(const json& s, bool at_root) {
    if (!s.is_object()) return nullptr;
    Node& n = all_.emplace_back();
    return fill(s, n, at_root) ? &n : nullptr;
  }

 private:
  bool fill(const json& s, Node& n, bool at_root) {
    if (auto ref = s.find("$ref"); ref != s.end()) {
      for (const auto& [key, value] : s.items()) {
        if (key == "$id" || (key != "$ref" && kAnnotations.count(key) == 0)) return false;
      }
      n.ref = resolve(*ref);
      return n.ref != nullptr;
    }
    for (const auto& [key, value] : s.items()) {
      if (key == "$id" && !at_root) return false;  // a new base for $ref: not implemented
      if (kAnnotations.count(key) > 0) continue;
      if (key == "definitions") {
        if (!at_root || !value.is_object()) return false;
        continue;  // compiled when a $ref names one
      }
      if (!keyword(key, value, s, n)) return false;
    }
    return true;
  }

  bool keyword(const std::string& key, const json& value, const json& s, Node& n) {
    if (key == "type") return types(value, n);
    if (key == "const" || key == "enum") return consts(key == "enum", value, n);
    if (key == "minLength") return (n.min_length = count_of(value)).has_value();
    if (key == "maxLength") return (n.max_length = count_of(value)).has_value();
    if (key == "minItems") return (n.min_items = count_of(value)).has_value();
    if (key == "maxItems") return (n.max_items = count_of(value)).has_value();
    if (key == "minimum") return (n.minimum = exact_integer(value)).has_value();
    if (key == "maximum") return (n.maximum = exact_integer(value)).has_value();
    if (key == "pattern") return pattern(value, n);
    if (key == "properties") return properties(value, n);
    if (key == "additionalProperties") {
      n.closed = value.is_boolean() && !value.get<bool>();
      return value.is_boolean();
    }
    if (key == "required") return required(value, n);
    if (key == "items") return (n.items = compile(value, false)) != nullptr;
    if (key == "allOf") return all_of(value, n);
    if (key == "if") {
      n.if_ = compile(value, false);
      return n.if_ != nullptr;
    }
    if (key == "then" || key == "else") {
      if (!s.contains("if")) return false;
      return ((key == "then" ? n.then_ : n.else_) = compile(value, false)) != nullptr;
    }
    return false;
  }

  bool types(const json& value, Node& n) {
    if (!value.is_array()) {
      auto bit = type_bit(value);
      if (bit) n.types = *bit;
      return bit.has_value();
    }
    for (const auto& t : value) {
      auto bit = type_bit(t);
      if (!bit) return false;
      n.types |= *bit;
    }
    return n.types != 0;
  }

  static bool consts(bool is_enum, const json& value, Node& n) {
    if (is_enum) {
      if (!value.is_array() || value.empty()) return false;
      if (n.has_const) return false;
      n.consts.assign(value.begin(), value.end());
    } else {
      if (n.has_const) return false;
      n.consts = {value};
    }
    n.has_const = true;
    return std::all_of(n.consts.begin(), n.consts.end(), comparable);
  }

  static bool pattern(const json& value, Node& n) {
    if (!value.is_string()) return false;
    const auto& text = value.get_ref<const std::string&>();
    n.pattern = FastPattern::compile(text);
    if (n.pattern) return true;
    try {
      n.regex.emplace(text);  // as valijson builds it
    } catch (const std::regex_error&) {
      return false;
    }
    return true;
  }

  bool properties(const json& value, Node& n) {
    if (!value.is_object()) return false;
    for (const auto& [name, sub] : value.items()) {
      const Node* c = compile(sub, false);
      if (c == nullptr) return false;
      n.properties.emplace_back(name, c);
    }
    std::sort(n.properties.begin(), n.properties.end());
    return true;
  }

  static bool required(const json& value, Node& n) {
    if (!value.is_array()) return false;
    for (const auto& r : value) {
      if (!r.is_string()) return false;
      n.required.push_back(r.get<std::string>());
    }
    return true;
  }

  bool all_of(const json& value, Node& n) {
    if (!value.is_array() || value.empty()) return false;
    for (const auto& sub : value) {
      const Node* c = compile(sub, false);
      if (c == nullptr) return false;
      n.all_of.push_back(c);
    }
    return true;
  }

  // "#/definitions/NAME" only. A definition is compiled once, and may refer to itself.
  const Node* resolve(const json& ref) {
    constexpr std::string_view kPrefix = "#/definitions/";
    if (!ref.is_string()) return nullptr;
    const auto& text = ref.get_ref<const std::string&>();
    if (text.rfind(kPrefix, 0) != 0) return nullptr;
    const std::string name = text.substr(kPrefix.size());
    if (name.find_first_of("/~%") != std::string::npos) return nullptr;
    if (auto it = defs_.find(name); it != defs_.end()) return it->second;
    auto defs = root_.find("definitions");
    if (defs == root_.end() || !defs->is_object()) return nullptr;
    auto def = defs->find(name);
    if (def == defs->end() || !def->is_object()) return nullptr;
    Node& n = all_.emplace_back();
    defs_.emplace(name, &n);
    return fill(*def, n, false) ? &n : nullptr;
  }

  const json& root_;
  std::deque<Node>& all_;
  Definitions& defs_;
};

Verdict check_node(const Node& n, const json& v);

Verdict check_string(const Node& n, const std::string& s) {
  if (n.min_length || n.max_length) {
    const std::uint64_t length = valijson::utils::u8_strlen(s.c_str());
    if (n.min_length && length < *n.min_length) return Verdict::kInvalid;
    if (n.max_length && length > *n.max_length) return Verdict::kInvalid;
  }
  if (n.pattern) {
    auto found = n.pattern->search(s);
    if (!found) return Verdict::kUnsure;
    if (!*found) return Verdict::kInvalid;
  } else if (n.regex && !std::regex_search(s, *n.regex)) {
    return Verdict::kInvalid;
  }
  return Verdict::kValid;
}

Verdict check_number(const Node& n, const json& v) {
  if (!n.minimum && !n.maximum) return Verdict::kValid;
  const auto i = exact_integer(v);
  if (!i) return Verdict::kUnsure;
  if ((n.minimum && *i < *n.minimum) || (n.maximum && *i > *n.maximum)) return Verdict::kInvalid;
  return Verdict::kValid;
}

Verdict check_object(const Node& n, const json& v) {
  for (const auto& r : n.required) {
    if (v.find(r) == v.end()) return Verdict::kInvalid;
  }
  All all;
  if (!n.closed) {  // only the named members matter: look each up (an `if` names one)
    for (const auto& [name, sub] : n.properties) {
      auto it = v.find(name);
      if (it != v.end() && !all.add(check_node(*sub, *it))) break;
    }
    return all.result();
  }
  // Both sides are sorted by name (nlohmann keeps members in a std::map): one merge pass.
  auto p = n.properties.begin();
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string& key = it.key();
    while (p != n.properties.end() && p->first < key) ++p;
    if (p != n.properties.end() && p->first == key) {
      if (!all.add(check_node(*p->second, *it))) break;
    } else if (n.closed) {
      return Verdict::kInvalid;
    }
  }
  return all.result();
}

Verdict check_array(const Node& n, const json& v) {
  if (n.min_items && v.size() < *n.min_items) return Verdict::kInvalid;
  if (n.max_items && v.size() > *n.max_items) return Verdict::kInvalid;
  All all;
  if (n.items != nullptr) {
    for (const auto& e : v) {
      if (!all.add(check_node(*n.items, e))) break;
    }
  }
  return all.result();
}

Verdict check_consts(const Node& n, const json& v) {
  Verdict out = Verdict::kInvalid;
  for (const auto& c : n.consts) {
    const Verdict e = equal(c, v);
    if (e == Verdict::kValid) return e;
    if (e == Verdict::kUnsure) out = e;
  }
  return out;
}

Verdict check_node(const Node& n, const json& v) {
  if (n.ref != nullptr) return check_node(*n.ref, v);
  const unsigned type = type_of(v);
  if (type == 0) return Verdict::kUnsure;
  if (n.types != 0 && (n.types & type) == 0) return Verdict::kInvalid;
  All all;
  if (n.has_const && !all.add(check_consts(n, v))) return all.result();
  if (v.is_string()) {
    if (!all.add(check_string(n, v.get_ref<const std::string&>()))) return all.result();
  } else if (v.is_number()) {
    if (!all.add(check_number(n, v))) return all.result();
  } else if (v.is_object()) {
    if (!all.add(check_object(n, v))) return all.result();
  } else if (v.is_array()) {
    if (!all.add(check_array(n, v))) return all.result();
  }
  for (const Node* sub : n.all_of) {
    if (!all.add(check_node(*sub, v))) return all.result();
  }
  if (n.if_ != nullptr) {
    const Verdict cond = check_node(*n.if_, v);
    if (cond == Verdict::kUnsure) return Verdict::kUnsure;
    const Node* branch = cond == Verdict::kValid ? n.then_ : n.else_;
    if (branch != nullptr) all.add(check_node(*branch, v));
  }
  return all.result();
}

}  // namespace

FastSchema::FastSchema() = default;
FastSchema::FastSchema(FastSchema&&) noexcept = default;
FastSchema& FastSchema::operator=(FastSchema&&) noexcept = default;
FastSchema::~FastSchema() = default;

std::optional<FastSchema> FastSchema::compile(const json& schema) {
  FastSchema out;
  out.nodes_ = std::make_unique<Nodes>();
  Compiler compiler(schema, out.nodes_->all, out.nodes_->definitions);
  out.root_ = compiler.compile(schema, true);
  if (out.root_ == nullptr) return std::nullopt;
  return out;
}

Verdict FastSchema::check(const json& doc) const { return check_node(*root_, doc); }

}  // namespace semilla::exchange::detail
