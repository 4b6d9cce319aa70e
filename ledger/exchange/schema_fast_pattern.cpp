// SPDX-License-Identifier: Apache-2.0
// FastPattern: a backtracking matcher for the regular expressions of Semilla's schemas. It
// answers what std::regex_search answers (ECMAScript semantics on bytes), including the rule
// that a repetition past its minimum may not match the empty string.
#include <bitset>
#include <string>
#include <utility>
#include <vector>

#include "ledger/exchange/schema_fast.h"

namespace semilla::exchange::detail {
namespace {

// One element of a sequence: a set of bytes, a group, or an anchor, with its repetition.
struct Item {
  enum class Kind { kSet, kGroup, kBegin, kEnd };
  Kind kind = Kind::kSet;
  std::bitset<256> set;
  std::unique_ptr<FastPattern::Node> group;
  std::size_t min = 1;
  std::size_t max = 1;  // kUnbounded: no limit
};

constexpr std::size_t kUnbounded = static_cast<std::size_t>(-1);
constexpr std::string_view kEscapable = ".-\\/+*?()[]{}|^$";

}  // namespace

// Alternatives, each a sequence of items.
struct FastPattern::Node {
  std::vector<std::vector<Item>> alternatives;
};

namespace {

using Node = FastPattern::Node;

class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p) {}

  std::unique_ptr<Node> parse() {
    auto node = alternation();
    if (!node || pos_ != p_.size()) return nullptr;
    return node;
  }

 private:
  bool more() const { return pos_ < p_.size(); }
  char peek() const { return p_[pos_]; }

  std::unique_ptr<Node> alternation() {
    auto node = std::make_unique<Node>();
    node->alternatives.emplace_back();
    while (more() && peek() != ')') {
      if (peek() == '|') {
        ++pos_;
        node->alternatives.emplace_back();
        continue;
      }
      Item item;
      if (!atom(item) || !quantifier(item)) return nullptr;
      node->alternatives.back().push_back(std::move(item));
    }
    return node;
  }

  // A byte that stands for itself: printable ASCII without a special meaning.
  static bool plain(char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0x20U && b < 0x7FU && kEscapable.find(c) == std::string_view::npos;
  }

  // After a backslash: \d or an escaped punctuation character.
  bool escape(std::bitset<256>& set, int& literal) {
    if (!more()) return false;
    const char c = p_[pos_++];
    if (c == 'd') {
      for (char d = '0'; d <= '9'; ++d) set.set(static_cast<unsigned char>(d));
      return true;
    }
    if (kEscapable.find(c) == std::string_view::npos) return false;
    literal = static_cast<unsigned char>(c);
    return true;
  }

  bool atom(Item& item) {
    const char c = p_[pos_++];
    if (c == '^' || c == '$') {
      item.kind = c == '^' ? Item::Kind::kBegin : Item::Kind::kEnd;
      return true;
    }
    if (c == '(') {
      if (more() && peek() == '?') return false;
      item.kind = Item::Kind::kGroup;
      item.group = alternation();
      if (!item.group || !more() || peek() != ')') return false;
      ++pos_;
      return true;
    }
    if (c == '[') return klass(item.set);
    if (c == '\\') {
      int literal = -1;
      if (!escape(item.set, literal)) return false;
      if (literal >= 0) item.set.set(static_cast<std::size_t>(literal));
      return true;
    }
    if (!plain(c) && c != '-' && c != '/') return false;  // both literal outside classes
    item.set.set(static_cast<unsigned char>(c));
    return true;
  }

  // One class member: a literal (returned) or \d (added to `set`, -1 returned); -2 on error.
  int class_member(std::bitset<256>& set) {
    const char c = p_[pos_++];
    if (c == '\\') {
      int literal = -1;
      if (!escape(set, literal)) return -2;
      return literal;
    }
    if (c == '-' || (plain(c) && c != '[') || c == '.' || c == '/' || c == '+' || c == '*' ||
        c == '?' || c == '(' || c == ')' || c == '{' || c == '}' || c == '|' || c == '$') {
      return static_cast<unsigned char>(c);
    }
    return -2;
  }

  bool klass(std::bitset<256>& set) {
    bool negated = false;
    if (more() && peek() == '^') {
      negated = true;
      ++pos_;
    }
    if (!more() || peek() == ']') return false;  // [] and [^] are not in the subset
    while (more() && peek() != ']') {
      const int lo = class_member(set);
      if (lo == -2) return false;
      if (lo >= 0 && pos_ + 1 < p_.size() && peek() == '-' && p_[pos_ + 1] != ']') {
        ++pos_;
        const int hi = class_member(set);
        if (hi < lo) return false;  // also \d as an end, and errors
        for (int b = lo; b <= hi; ++b) set.set(static_cast<std::size_t>(b));
      } else if (lo >= 0) {
        set.set(static_cast<std::size_t>(lo));
      }
    }
    if (!more()) return false;
    ++pos_;
    if (negated) set.flip();
    return true;
  }

  bool number(std::size_t& out) {
    if (!more() || peek() < '0' || peek() > '9') return false;
    out = 0;
    while (more() && peek() >= '0' && peek() <= '9') {
      out = out * 10 + static_cast<std::size_t>(peek() - '0');
      if (out > 100000) return false;
      ++pos_;
    }
    return true;
  }

  bool quantifier(Item& item) {
    if (!more()) return true;
    const char c = peek();
    if (c != '*' && c != '+' && c != '?' && c != '{') return true;
    if (item.kind == Item::Kind::kBegin || item.kind == Item::Kind::kEnd) return false;
    ++pos_;
    if (c == '*' || c == '+' || c == '?') {
      item.min = c == '+' ? 1 : 0;
      item.max = c == '?' ? 1 : kUnbounded;
    } else {
      if (!number(item.min)) return false;
      item.max = item.min;
      if (more() && peek() == ',') {
        ++pos_;
        item.max = kUnbounded;
        if (more() && peek() != '}' && (!number(item.max) || item.max < item.min)) return false;
      }
      if (!more() || peek() != '}') return false;
      ++pos_;
    }
    // A lazy or a second quantifier is not in the subset.
    return !(more() && (peek() == '?' || peek() == '*' || peek() == '+' || peek() == '{'));
  }

  std::string_view p_;
  std::size_t pos_ = 0;
};

// A continuation: what must match after the current point, called with the position reached.
struct Cont {
  const void* object;
  bool (*call)(const void*, std::size_t);
  bool operator()(std::size_t pos) const { return call(object, pos); }
};

template <typename F>
Cont cont(const F& f) {
  return Cont{&f, [](const void* o, std::size_t pos) { return (*static_cast<const F*>(o))(pos); }};
}

class Matcher {
 public:
  Matcher(std::string_view text, std::size_t budget) : text_(text), budget_(budget) {}

  bool exhausted() const { return steps_ > budget_; }

  bool alternation(const Node& node, std::size_t pos, Cont k) {
    for (const auto& seq : node.alternatives) {
      if (sequence(seq, 0, pos, k)) return true;
      if (exhausted()) return false;
    }
    return false;
  }

 private:
  bool sequence(const std::vector<Item>& seq, std::size_t i, std::size_t pos, Cont k) {
    if (++steps_ > budget_) return false;
    if (i == seq.size()) return k(pos);
    const Item& item = seq[i];
    switch (item.kind) {
      case Item::Kind::kBegin: return pos == 0 && sequence(seq, i + 1, pos, k);
      case Item::Kind::kEnd: return pos == text_.size() && sequence(seq, i + 1, pos, k);
      case Item::Kind::kGroup: {
        const auto rest = [&](std::size_t p) { return sequence(seq, i + 1, p, k); };
        return repeat(item, 0, pos, cont(rest));
      }
      case Item::Kind::kSet: break;
    }
    std::size_t run = 0;
    while (run < item.max && pos + run < text_.size() &&
           item.set.test(static_cast<unsigned char>(text_[pos + run]))) {
      ++run;
    }
    if (run < item.min) return false;
    for (std::size_t n = run + 1; n-- > item.min;) {
      if (sequence(seq, i + 1, pos + n, k)) return true;
      if (exhausted()) return false;
    }
    return false;
  }

  // Greedy repetition of a group: one more iteration first, then the rest. An iteration past
  // the minimum that consumes nothing fails (ECMAScript RepeatMatcher).
  bool repeat(const Item& item, std::size_t count, std::size_t pos, Cont rest) {
    if (++steps_ > budget_) return false;
    if (count < item.max) {
      const auto next = [&](std::size_t p) {
        if (p == pos && count >= item.min) return false;
        return repeat(item, count + 1, p, rest);
      };
      if (alternation(*item.group, pos, cont(next))) return true;
      if (exhausted()) return false;
    }
    return count >= item.min && rest(pos);
  }

  std::string_view text_;
  std::size_t budget_;
  std::size_t steps_ = 0;
};

}  // namespace

FastPattern::FastPattern() = default;
FastPattern::FastPattern(FastPattern&&) noexcept = default;
FastPattern& FastPattern::operator=(FastPattern&&) noexcept = default;
FastPattern::~FastPattern() = default;

std::optional<FastPattern> FastPattern::compile(std::string_view pattern) {
  auto root = Parser(pattern).parse();
  if (!root) return std::nullopt;
  FastPattern out;
  out.root_ = std::move(root);
  return out;
}

std::optional<bool> FastPattern::search(std::string_view text) const {
  Matcher m(text, 10000 + 64 * text.size());
  const auto accept = [](std::size_t) { return true; };
  for (std::size_t start = 0; start <= text.size(); ++start) {
    if (m.alternation(*root_, start, cont(accept))) return true;
    if (m.exhausted()) return std::nullopt;
  }
  return false;
}

}  // namespace semilla::exchange::detail
