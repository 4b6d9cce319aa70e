// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/csv_rules.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "ledger/base/suggest.h"
#include "ledger/exchange/csv_messages.h"

namespace semilla::exchange::csv {
namespace {

using Type = MemberSpec::Type;

constexpr MemberSpec kEnterpriseMembers[] = {
    {"id", "id", Type::kText, true},
    {"name", "name", Type::kText, false},
    {"kind", "kind", Type::kText, false},
    {"sex", "sex", Type::kText, false},
    {"birth_year", "birth_year", Type::kInteger, false},
    {"nationality", "nationality", Type::kText, false},
    {"status", "status", Type::kText, false},
    {"province", "province", Type::kText, false},
    {"cohort", "cohort", Type::kText, false}};
constexpr MemberSpec kRepaymentMembers[] = {
    {"ref", "external_id", Type::kText, true},   {"loan", "loan", Type::kText, true},
    {"date", "date", Type::kDate, true},          {"amount", "amount", Type::kAmount, true},
    {"currency", "currency", Type::kText, false}, {"cash_account", "cash_account", Type::kText,
                                                   false}};
constexpr MemberSpec kDisbursementMembers[] = {
    {"ref", "external_id", Type::kText, true},
    {"grant", "grant", Type::kText, true},
    {"tranche", "tranche", Type::kInteger, true},
    {"date", "date", Type::kDate, true},
    {"in_kind", "in_kind", Type::kText, false},
    {"supplier", "supplier", Type::kText, false},
    {"override_reason", "override_reason", Type::kText, false}};
constexpr MemberSpec kMilestoneMembers[] = {{"enterprise", "enterprise", Type::kText, true},
                                            {"milestone", "name", Type::kText, true},
                                            {"date", "date", Type::kDate, true}};
// A transaction of two postings: `amount` debited to `debit` and credited to `credit`.
constexpr MemberSpec kTransactionMembers[] = {
    {"ref", "external_id", Type::kText, true},
    {"date", "date", Type::kDate, true},
    {"amount", "amount", Type::kAmount, true},
    {"debit", "account", Type::kText, true},
    {"credit", "account", Type::kText, true},
    {"memo", "memo", Type::kText, false},
    {"enterprise", "enterprise", Type::kText, false},
    {"currency", "currency", Type::kText, false}};

constexpr std::pair<const char*, Kind> kKinds[] = {
    {"enterprises", Kind::kEnterprises}, {"repayments", Kind::kRepayments},
    {"disbursements", Kind::kDisbursements}, {"milestones", Kind::kMilestones},
    {"transactions", Kind::kTransactions}};
constexpr const char* kDirectives[] = {"import", "skip",         "separator", "fields",
                                       "map",    "date-format", "decimal-mark"};

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

std::vector<std::string> kind_names() {
  std::vector<std::string> out;
  for (const auto& [name, kind] : kKinds) out.emplace_back(name);
  return out;
}

std::vector<std::string> member_names(Kind kind) {
  std::vector<std::string> out;
  for (const auto& m : members(kind)) out.emplace_back(m.name);
  return out;
}

const MemberSpec* find_member(Kind kind, std::string_view name) {
  for (const auto& m : members(kind)) {
    if (name == m.name) return &m;
  }
  return nullptr;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '-';
}

// "MFI-A/%{Recibo}-%2" → literal "MFI-A/", reference "%{Recibo}", literal "-", reference "%2".
// False on a malformed reference.
bool split_template(std::string_view text, std::vector<Piece>& pieces) {
  std::string literal;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      literal += text[i];
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '%') {
      literal += '%';
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    if (end < text.size() && text[end] == '{') {
      end = text.find('}', end);
      if (end == std::string_view::npos || end == i + 2) return false;
      ++end;
    } else {
      while (end < text.size() && is_name_char(text[end])) ++end;
      if (end == i + 1) return false;
    }
    if (!literal.empty()) pieces.push_back({std::move(literal), false, 0});
    literal.clear();
    pieces.push_back({std::string(text.substr(i, end - i)), true, 0});
    i = end - 1;
  }
  if (!literal.empty()) pieces.push_back({std::move(literal), false, 0});
  return true;
}

// %d, %m and %Y once each, other characters literal.
bool valid_date_format(std::string_view format) {
  int d = 0, m = 0, y = 0;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    if (i + 1 == format.size()) return false;
    const char t = format[++i];
    if (t == 'd') {
      ++d;
    } else if (t == 'm') {
      ++m;
    } else if (t == 'Y') {
      ++y;
    } else {
      return false;
    }
  }
  return d == 1 && m == 1 && y == 1;
}

// Parses line by line; what needs the whole file (the kind) is checked by finish().
class Parser {
 public:
  Result<Rules, Errors> run(std::string_view text) {
    std::size_t number = 0;
    while (!text.empty()) {
      const auto end = text.find('\n');
      const std::string_view line = trim(text.substr(0, end));
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      ++number;
      if (line.empty() || line[0] == '#' || line[0] == ';') continue;
      const auto space = line.find_first_of(" \t");
      const std::string word(line.substr(0, space));
      const std::string_view value =
          space == std::string_view::npos ? std::string_view() : trim(line.substr(space));
      directive(word, value, number);
    }
    finish();
    if (!errors_.empty()) return errors_;
    return rules_;
  }

 private:
  void directive(const std::string& word, std::string_view value, std::size_t line) {
    if (std::find(std::begin(kDirectives), std::end(kDirectives), word) !=
        std::end(kDirectives)) {
      if (value.empty()) return fail(line, msg::needs_value(word, example(word)));
      if (word != "map" && !once(word, line)) return;
      if (word == "import") return import(value, line);
      if (word == "skip") return skip(value, line);
      if (word == "separator") return separator(value, line);
      if (word == "fields") return fields(value, line);
      if (word == "map") return map(value, line);
      if (word == "date-format") return date_format(value, line);
      return decimal_mark(value, line);
    }
    pending_.push_back({word, std::string(value), line});
  }

  static std::string example(const std::string& word) {
    static const std::map<std::string, std::string> examples = {
        {"import", "import repayments"},     {"skip", "skip 2"},
        {"separator", "separator ;"},        {"fields", "fields ref, loan, date, amount"},
        {"map", "map sex Mujer = female"},   {"date-format", "date-format %d/%m/%Y"},
        {"decimal-mark", "decimal-mark ,"}};
    return examples.at(word);
  }

  bool once(const std::string& word, std::size_t line) {
    auto [it, fresh] = seen_.emplace(word, line);
    if (!fresh) fail(line, msg::twice(word, it->second));
    return fresh;
  }

  void import(std::string_view value, std::size_t line) {
    for (const auto& [name, kind] : kKinds) {
      if (value == name) {
        rules_.kind = kind;
        has_kind_ = true;
        return;
      }
    }
    fail(line, msg::unknown_kind(value, msg::one_of(kind_names())));
    kind_failed_ = true;
  }

  void skip(std::string_view value, std::size_t line) {
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || n > 1000) {
      return fail(line, msg::bad_skip(value));
    }
    rules_.skip = n;
  }

  void separator(std::string_view value, std::size_t line) {
    if (value == "," || value == "comma") {
      rules_.separator = ',';
    } else if (value == ";" || value == "semicolon") {
      rules_.separator = ';';
    } else if (value == "tab" || value == "\\t") {
      rules_.separator = '\t';
    } else {
      fail(line, msg::bad_separator(value));
    }
  }

  void fields(std::string_view value, std::size_t line) {
    fields_line_ = line;
    while (true) {
      const auto comma = value.find(',');
      const std::string name(trim(value.substr(0, comma)));
      if (!std::all_of(name.begin(), name.end(), is_name_char)) {
        fail(line, msg::bad_field_name(name));
      }
      rules_.fields.push_back(name);
      if (comma == std::string_view::npos) break;
      value.remove_prefix(comma + 1);
    }
  }

  void map(std::string_view value, std::size_t line) {
    const auto space = value.find_first_of(" \t");
    const auto equals = value.find('=');
    if (space == std::string_view::npos || equals == std::string_view::npos ||
        equals < space) {
      return fail(line, msg::bad_map(value));
    }
    ValueMap m{std::string(value.substr(0, space)),
               std::string(trim(value.substr(space, equals - space))),
               std::string(trim(value.substr(equals + 1))), line};
    if (m.from.empty()) return fail(line, msg::bad_map(value));
    rules_.maps.push_back(std::move(m));
  }

  void date_format(std::string_view value, std::size_t line) {
    if (!valid_date_format(value)) return fail(line, msg::bad_date_format(value));
    rules_.date_format = std::string(value);
  }

  void decimal_mark(std::string_view value, std::size_t line) {
    if (value != "." && value != ",") return fail(line, msg::bad_decimal_mark(value));
    rules_.decimal_mark = value[0];
  }

  void finish();
  void assign(const std::string& word, const std::string& value, std::size_t line);

  void fail(std::size_t line, std::string message) {
    errors_.push_back(make_error(ErrorCode::kInvalid, msg::rules_line(line), std::move(message)));
  }

  struct Pending {
    std::string word, value;
    std::size_t line;
  };
  Rules rules_;
  bool has_kind_ = false, kind_failed_ = false;
  std::size_t fields_line_ = 0;
  std::map<std::string, std::size_t> seen_;
  std::vector<Pending> pending_;
  Errors errors_;
};

void Parser::assign(const std::string& word, const std::string& value, std::size_t line) {
  const MemberSpec* spec = find_member(rules_.kind, word);
  if (spec == nullptr) {
    std::vector<std::string> names = member_names(rules_.kind);
    names.insert(names.end(), std::begin(kDirectives), std::end(kDirectives));
    const std::string hint = did_you_mean(closest_names(word, names));
    const bool elsewhere = std::any_of(std::begin(kKinds), std::end(kKinds), [&](const auto& k) {
      return find_member(k.second, word) != nullptr;
    });
    if (!elsewhere) return fail(line, msg::unknown_directive(word, hint));
    return fail(line, msg::not_a_member(word, kind_name(rules_.kind),
                                        msg::one_of(member_names(rules_.kind)), hint));
  }
  if (!once(word, line)) return;
  Assignment a{spec, value, {}, line};
  if (!split_template(value, a.pieces)) return fail(line, msg::bad_reference(value));
  rules_.assignments.push_back(std::move(a));
}

void Parser::finish() {
  if (!has_kind_) {
    if (!kind_failed_) fail(0, msg::no_kind(msg::one_of(kind_names())));
    // Members cannot be checked without the kind; words that are no member are still wrong.
    for (const auto& p : pending_) {
      const bool member = std::any_of(std::begin(kKinds), std::end(kKinds), [&](const auto& k) {
        return find_member(k.second, p.word) != nullptr;
      });
      if (!member) {
        fail(p.line, msg::unknown_directive(
                         p.word, did_you_mean(closest_names(
                                     p.word, {std::begin(kDirectives), std::end(kDirectives)}))));
      }
    }
    return;
  }
  for (const auto& p : pending_) assign(p.word, p.value, p.line);
  // hledger's convention: a column named as a member in `fields` is assigned to it.
  for (const auto& name : rules_.fields) {
    if (find_member(rules_.kind, name) != nullptr && seen_.count(name) == 0) {
      assign(name, "%" + name, fields_line_);
    }
  }
  for (const auto& m : rules_.maps) {
    if (find_member(rules_.kind, m.member) == nullptr) {
      fail(m.line, msg::not_a_member(m.member, kind_name(rules_.kind),
                                     msg::one_of(member_names(rules_.kind)),
                                     did_you_mean(closest_names(m.member,
                                                                member_names(rules_.kind)))));
    }
  }
  std::vector<std::string> missing;
  for (const auto& m : members(rules_.kind)) {
    if (m.required && seen_.count(m.name) == 0) missing.emplace_back(m.name);
  }
  if (!missing.empty()) {
    fail(seen_.at("import"), msg::missing_members(kind_name(rules_.kind), msg::one_of(missing)));
  }
}

std::string header_text(const std::string& cell) { return std::string(trim(cell)); }

}  // namespace

std::span<const MemberSpec> members(Kind kind) {
  switch (kind) {
    case Kind::kEnterprises: return kEnterpriseMembers;
    case Kind::kRepayments: return kRepaymentMembers;
    case Kind::kDisbursements: return kDisbursementMembers;
    case Kind::kMilestones: return kMilestoneMembers;
    case Kind::kTransactions: return kTransactionMembers;
  }
  return {};
}

const char* kind_name(Kind kind) {
  for (const auto& [name, k] : kKinds) {
    if (k == kind) return name;
  }
  return "";
}

const char* operation_type(Kind kind) {
  switch (kind) {
    case Kind::kEnterprises: return "enterprise";
    case Kind::kRepayments: return "loan_repayment";
    case Kind::kDisbursements: return "grant_disbursement";
    case Kind::kMilestones: return "milestone";
    case Kind::kTransactions: return "transaction";
  }
  return "";
}

Result<Rules, Errors> parse_rules(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return Parser().run(text);
}

Errors bind_columns(Rules& rules, const std::vector<std::string>& header) {
  Errors errors;
  std::vector<std::string> headers;
  for (const auto& cell : header) headers.push_back(header_text(cell));
  auto fail = [&errors](std::size_t line, std::string message) {
    errors.push_back(make_error(ErrorCode::kInvalid, msg::rules_line(line), std::move(message)));
  };
  for (auto& a : rules.assignments) {
    for (auto& p : a.pieces) {
      if (!p.column) continue;
      const std::string_view ref = std::string_view(p.text).substr(1);
      std::size_t n = 0;
      auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), n);
      if (ec == std::errc() && end == ref.data() + ref.size()) {
        if (n == 0 || n > header.size()) fail(a.line, msg::no_column(n, header.size()));
        p.column_index = n == 0 ? 0 : n - 1;
      } else if (ref.front() == '{') {
        const std::string name(trim(ref.substr(1, ref.size() - 2)));
        auto it = std::find(headers.begin(), headers.end(), name);
        if (it == headers.end()) {
          fail(a.line, msg::no_header(name, did_you_mean(closest_names(name, headers))));
        }
        p.column_index = static_cast<std::size_t>(it - headers.begin());
      } else {
        auto it = std::find(rules.fields.begin(), rules.fields.end(), ref);
        if (it == rules.fields.end()) {
          fail(a.line, msg::no_field(ref, did_you_mean(closest_names(ref, rules.fields))));
        }
        p.column_index = static_cast<std::size_t>(it - rules.fields.begin());
        if (it != rules.fields.end() && p.column_index >= header.size()) {
          fail(a.line, msg::no_column(p.column_index + 1, header.size()));
        }
      }
    }
  }
  return errors;
}

}  // namespace semilla::exchange::csv
