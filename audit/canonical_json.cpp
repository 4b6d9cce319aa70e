// SPDX-License-Identifier: Apache-2.0
// RFC 8785 serialization. nlohmann::json keeps object members in std::string byte order, which
// is UTF-8 code point order; RFC 8785 orders by UTF-16 code units, and the two differ when a
// name holds a character above U+FFFF and another one in U+E000..U+FFFF. So members are
// re-sorted here on their UTF-16 form.
#include "audit/canonical_json.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "audit/utf8_internal.h"

namespace semilla::audit {
namespace {

using Json = nlohmann::json;

// Largest integer that an IEEE-754 binary64 holds exactly: RFC 8785 numbers are ECMAScript
// numbers, so a larger integer would not round-trip through a conforming verifier.
constexpr std::int64_t kExactIntegerMax = (std::int64_t{1} << 53) - 1;

// The UTF-16 code units of `s`, or nullopt when `s` is not valid UTF-8.
std::optional<std::u16string> to_utf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::optional<std::uint32_t> cp = internal::decode_utf8(s, i);
    if (!cp) return std::nullopt;
    if (*cp < 0x10000U) {
      out.push_back(static_cast<char16_t>(*cp));
    } else {
      const std::uint32_t v = *cp - 0x10000U;
      out.push_back(static_cast<char16_t>(0xD800U + (v >> 10U)));
      out.push_back(static_cast<char16_t>(0xDC00U + (v & 0x3FFU)));
    }
  }
  return out;
}

// One reference token of a JSON pointer (RFC 6901): '~' → "~0", '/' → "~1".
std::string pointer_token(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// True for the bytes a string holds as themselves in the common case: printable ASCII other
// than '"' and '\\'.
bool plain_ascii(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b >= 0x20U && b < 0x80U && c != '"' && c != '\\';
}

// Appends `s` (already known to be valid UTF-8) quoted and escaped as ECMAScript's
// JSON.stringify does (RFC 8785 §3.2.2.2): only '"', '\\' and controls are escaped.
void append_string(std::string& out, std::string_view s) {
  constexpr std::string_view kHex = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // most strings are plain ASCII: copy the run in one go
  while (run < s.size() && plain_ascii(s[run])) ++run;
  out.append(s.data(), run);
  for (char c : s.substr(run)) {
    const auto b = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (b < 0x20U) {
          out += "\\u00";
          out.push_back(kHex[b >> 4U]);
          out.push_back(kHex[b & 0x0FU]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

// Where a value sits, as a chain of parents; the JSON pointer text is built only when an error
// needs it, so encoding a valid document allocates no pointer strings.
struct Path {
  const Path* parent = nullptr;
  const std::string* key = nullptr;  // member name, or nullptr for an array element
  std::size_t index = 0;

  [[nodiscard]] std::string pointer() const {
    if (parent == nullptr) return "";
    return parent->pointer() + "/" +
           (key != nullptr ? pointer_token(*key) : std::to_string(index));
  }
};

Error invalid(const Path& path, std::string message) {
  return make_error(ErrorCode::kInvalid, path.pointer(), std::move(message));
}

// True when byte order of the names (nlohmann's order) is already UTF-16 order: the orders
// differ only for characters at or above U+E000, whose UTF-8 lead bytes are 0xEE and above.
bool byte_order_is_utf16_order(const Json& object) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    for (char c : it.key()) {
      if (static_cast<unsigned char>(c) >= 0xEEU) return false;
    }
  }
  return true;
}

Status serialize(const Json& value, const Path& path, std::string& out);

Status serialize_members(const std::vector<std::pair<const std::string*, const Json*>>& members,
                         const Path& path, std::string& out) {
  out.push_back('{');
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i > 0) out.push_back(',');
    const std::string& key = *members[i].first;
    if (!internal::is_valid_utf8(key)) {
      // The offending name cannot be quoted in the pointer (it is not text), so the object is
      // named instead.
      return invalid(path, "an object member name is not valid UTF-8");
    }
    append_string(out, key);
    out.push_back(':');
    SEMILLA_TRY(serialize(*members[i].second, Path{&path, &key, 0}, out));
  }
  out.push_back('}');
  return Status::Ok();
}

Status serialize_object(const Json& value, const Path& path, std::string& out) {
  std::vector<std::pair<const std::string*, const Json*>> members;
  members.reserve(value.size());
  for (auto it = value.begin(); it != value.end(); ++it) members.emplace_back(&it.key(), &*it);
  if (byte_order_is_utf16_order(value)) return serialize_members(members, path, out);
  std::vector<std::pair<std::u16string, std::size_t>> keys16;
  for (std::size_t i = 0; i < members.size(); ++i) {
    std::optional<std::u16string> key16 = to_utf16(*members[i].first);
    if (!key16) return invalid(path, "an object member name is not valid UTF-8");
    keys16.emplace_back(std::move(*key16), i);
  }
  std::sort(keys16.begin(), keys16.end());
  std::vector<std::pair<const std::string*, const Json*>> sorted;
  for (const auto& k : keys16) sorted.push_back(members[k.second]);
  return serialize_members(sorted, path, out);
}

Status serialize_array(const Json& value, const Path& path, std::string& out) {
  out.push_back('[');
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (i > 0) out.push_back(',');
    SEMILLA_TRY(serialize(value[i], Path{&path, nullptr, i}, out));
  }
  out.push_back(']');
  return Status::Ok();
}

constexpr const char* kRangeMessage =
    "integer outside the exactly representable range -(2^53-1)..2^53-1";
constexpr const char* kUtf8Message = "string is not valid UTF-8";

void append_decimal(std::string& out, std::int64_t v) {
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  out.append(buffer, static_cast<std::size_t>(end - buffer));
}

Status serialize_integer(const Json& value, const Path& path, std::string& out) {
  if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(kExactIntegerMax)) return invalid(path, kRangeMessage);
    append_decimal(out, static_cast<std::int64_t>(u));
    return Status::Ok();
  }
  const auto i = value.get<std::int64_t>();
  if (i > kExactIntegerMax || i < -kExactIntegerMax) return invalid(path, kRangeMessage);
  append_decimal(out, i);
  return Status::Ok();
}

Status serialize(const Json& value, const Path& path, std::string& out) {
  switch (value.type()) {
    case Json::value_t::null: out += "null"; return Status::Ok();
    case Json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return Status::Ok();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return serialize_integer(value, path, out);
    case Json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (!internal::is_valid_utf8(s)) return invalid(path, kUtf8Message);
      append_string(out, s);
      return Status::Ok();
    }
    case Json::value_t::array: return serialize_array(value, path, out);
    case Json::value_t::object: return serialize_object(value, path, out);
    default: break;
  }
  // What is left: non-integer numbers, binary values and discarded parse results.
  if (value.is_number()) {
    return invalid(path, "fractional numbers are not accepted; write amounts as strings");
  }
  return invalid(path, "value has no JSON representation");
}

}  // namespace

bool append_canonical_string(std::string& out, std::string_view s) {
  if (!internal::is_valid_utf8(s)) return false;
  append_string(out, s);
  return true;
}

bool append_canonical_integer(std::string& out, std::int64_t v) {
  if (v > kExactIntegerMax || v < -kExactIntegerMax) return false;
  append_decimal(out, v);
  return true;
}

Error canonical_string_error(std::string pointer) {
  return make_error(ErrorCode::kInvalid, std::move(pointer), kUtf8Message);
}

Error canonical_integer_error(std::string pointer) {
  return make_error(ErrorCode::kInvalid, std::move(pointer), kRangeMessage);
}

namespace {

// The short escapes RFC 8785 writes; any other control is escaped as backslash, u, 00 and two
// lower-case hex digits.
bool short_escape(char c) {
  return c == '"' || c == '\\' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't';
}

bool lower_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// The string starting at text[i] (its opening quote): its end (the closing quote's index), or
// npos when it holds an escape canonical JSON would not write.
std::size_t canonical_string_end(std::string_view text, std::size_t i) {
  for (++i; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') return i;
    if (c != '\\') continue;
    if (i + 1 >= text.size()) return std::string_view::npos;
    const char e = text[++i];
    if (short_escape(e)) continue;
    // u00xx only for a control character without a short escape.
    if (e != 'u' || i + 4 >= text.size() || text.substr(i + 1, 2) != "00" ||
        !lower_hex_digit(text[i + 3]) || !lower_hex_digit(text[i + 4]) || text[i + 3] > '1') {
      return std::string_view::npos;
    }
    const std::string_view code = text.substr(i + 3, 2);
    if (code == "08" || code == "09" || code == "0a" || code == "0c" || code == "0d") {
      return std::string_view::npos;
    }
    i += 4;
  }
  return std::string_view::npos;
}

// The integer starting at text[i]: its end, or npos when it is not written as canonical JSON
// writes an integer within the exact range (or has a fraction or an exponent).
std::size_t canonical_integer_end(std::string_view text, std::size_t i) {
  const bool negative = text[i] == '-';
  std::size_t j = negative ? i + 1 : i;
  const std::size_t first = j;
  std::int64_t value = 0;
  while (j < text.size() && text[j] >= '0' && text[j] <= '9') {
    if (j - first >= 16) return std::string_view::npos;  // beyond 2^53 - 1 (16 digits)
    value = value * 10 + (text[j] - '0');
    ++j;
  }
  const std::size_t digits = j - first;
  if (digits == 0 || (digits > 1 && text[first] == '0') || value > kExactIntegerMax ||
      (negative && value == 0)) {
    return std::string_view::npos;
  }
  if (j < text.size() && (text[j] == '.' || text[j] == 'e' || text[j] == 'E')) {
    return std::string_view::npos;
  }
  return j;
}

}  // namespace

bool plainly_canonical(std::string_view text) {
  // Per open object or array: whether it is an object, whether a member name comes next, and
  // the last name seen (names must increase strictly: sorted, no duplicates).
  struct Level {
    bool object = false;
    bool name_next = false;
    bool named = false;
    std::string_view last;
  };
  std::vector<Level> levels;
  levels.reserve(8);
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '{' || c == '[') {
      levels.push_back(Level{c == '{', c == '{', false, {}});
      ++i;
    } else if (c == '}' || c == ']') {
      if (levels.empty()) return false;
      levels.pop_back();
      ++i;
    } else if (c == ',') {
      if (!levels.empty() && levels.back().object) levels.back().name_next = true;
      ++i;
    } else if (c == ':') {
      ++i;
    } else if (c == '"') {
      const std::size_t end = canonical_string_end(text, i);
      if (end == std::string_view::npos) return false;
      if (!levels.empty() && levels.back().name_next) {
        Level& level = levels.back();
        const std::string_view name = text.substr(i + 1, end - i - 1);
        for (char n : name) {
          // Byte order is UTF-16 order for ASCII names; others are left to canonical_json.
          if (n == '\\' || static_cast<unsigned char>(n) >= 0x80U) return false;
        }
        if (level.named && !(level.last < name)) return false;
        level.last = name;
        level.named = true;
        level.name_next = false;
      }
      i = end + 1;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      i = canonical_integer_end(text, i);
      if (i == std::string_view::npos) return false;
    } else if (text.substr(i, 4) == "true" || text.substr(i, 4) == "null") {
      i += 4;
    } else if (text.substr(i, 5) == "false") {
      i += 5;
    } else {
      return false;  // whitespace, or anything else canonical JSON does not write
    }
  }
  return levels.empty();
}

Result<std::string> canonical_json(const nlohmann::json& doc) {
  std::string out;
  out.reserve(512);
  Status status = serialize(doc, Path{}, out);
  if (!status.ok()) return status.error();
  return out;
}

}  // namespace semilla::audit
