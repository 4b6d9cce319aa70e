// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/csv_import.h"

#include <algorithm>
#include <cctype>

#include "ledger/base/limits.h"
#include "ledger/exchange/csv_messages.h"
#include "ledger/exchange/csv_reader.h"
#include "ledger/exchange/document.h"

namespace semilla::exchange::csv {
namespace {

using nlohmann::json;
using Type = MemberSpec::Type;

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool same_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The first column a template reads, or npos for a template of literal text only.
std::size_t first_column(const Assignment& a) {
  for (const auto& p : a.pieces) {
    if (p.column) return p.column_index;
  }
  return std::string::npos;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "5/3/2026" read with "%d/%m/%Y" → "2026-03-05"; "" when it does not fit the format.
std::string iso_date(std::string_view text, std::string_view format) {
  std::string day, month, year;
  std::size_t at = 0;
  auto digits = [&](std::size_t min, std::size_t max) {
    std::string out;
    while (at < text.size() && out.size() < max && text[at] >= '0' && text[at] <= '9') {
      out += text[at++];
    }
    return out.size() >= min ? out : std::string();
  };
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '%') {
      const char t = format[++i];
      std::string& part = t == 'd' ? day : t == 'm' ? month : year;
      part = t == 'Y' ? digits(4, 4) : digits(1, 2);
      if (part.empty()) return "";
    } else if (at >= text.size() || text[at++] != format[i]) {
      return "";
    }
  }
  if (at != text.size()) return "";
  auto two = [](const std::string& s) { return s.size() == 1 ? "0" + s : s; };
  return year + "-" + two(month) + "-" + two(day);
}

// Turns the rows of a table into operations.
class RowReader {
 public:
  RowReader(Rules& rules, const std::vector<std::string>& header)
      : rules_(rules), header_(header) {}

  // The operation of `record` (spreadsheet row `row`), its values into `values`; problems
  // into errors().
  json operation(const std::vector<std::string>& record, std::size_t row,
                 std::vector<std::string>& values) {
    json members = json::object();
    values.clear();
    for (const auto& a : rules_.assignments) {
      std::string raw = text_of(a, record);
      values.push_back(raw);
      if (raw.empty()) {
        if (a.member->required) {
          fail(row, a, msg::required_empty(a.member->name, kind_name(rules_.kind)), raw);
        }
        continue;
      }
      if (auto v = convert(a, mapped(a, raw), row, raw); !v.is_null()) {
        members[a.member->name] = std::move(v);
      }
    }
    return shape(members);
  }

  Errors& errors() { return errors_; }

 private:
  // The template's text; empty when the cells it reads are all empty ("MFI-A/%1" of an empty
  // cell is no reference).
  std::string text_of(const Assignment& a, const std::vector<std::string>& record) const {
    std::string out;
    bool columns = false, filled = false;
    for (const auto& p : a.pieces) {
      if (!p.column) {
        out += p.text;
        continue;
      }
      const std::string cell = trimmed(record[p.column_index]);
      columns = true;
      filled = filled || !cell.empty();
      out += cell;
    }
    return columns && !filled ? std::string() : trimmed(out);
  }

  std::string mapped(const Assignment& a, const std::string& raw) const {
    for (const auto& m : rules_.maps) {
      if (m.member == a.member->name && same_ascii_case(m.from, raw)) return m.to;
    }
    return raw;
  }

  json convert(const Assignment& a, const std::string& value, std::size_t row,
               const std::string& raw) {
    switch (a.member->type) {
      case Type::kText: return value;
      case Type::kInteger:
        if (all_digits(value) && value.size() <= 9) return std::stoll(value);
        return fail(row, a, msg::not_whole_number(), raw);
      case Type::kDate: {
        if (rules_.date_format.empty()) return value;
        std::string iso = iso_date(value, rules_.date_format);
        if (iso.empty()) return fail(row, a, msg::date_not_in_format(rules_.date_format), raw);
        return iso;
      }
      case Type::kAmount: return amount(a, value, row, raw);
    }
    return value;
  }

  // Strict: digits and at most one decimal mark, the one the rules name; never guessed.
  json amount(const Assignment& a, std::string value, std::size_t row, const std::string& raw) {
    const char other = rules_.decimal_mark == '.' ? ',' : '.';
    if (value.find(other) != std::string::npos ||
        std::count(value.begin(), value.end(), rules_.decimal_mark) > 1) {
      return fail(row, a, msg::thousands_mark(std::string(1, rules_.decimal_mark)), raw);
    }
    std::replace(value.begin(), value.end(), rules_.decimal_mark, '.');
    return value;
  }

  // The batch operation from the members by their rules names.
  json shape(json& members) const {
    json op = {{"type", operation_type(rules_.kind)}};
    if (rules_.kind != Kind::kTransactions) {
      for (const auto& spec : csv::members(rules_.kind)) {
        if (members.contains(spec.name)) op[spec.batch] = std::move(members[spec.name]);
      }
      return op;
    }
    for (const char* key : {"ref", "date", "memo", "enterprise"}) {
      if (members.contains(key)) op[key == std::string("ref") ? "external_id" : key] = members[key];
    }
    json postings = json::array();
    for (const char* side : {"debit", "credit"}) {
      json p = {{"side", side}};
      if (members.contains(side)) p["account"] = members[side];
      if (members.contains("amount")) p["amount"] = members["amount"];
      if (members.contains("currency")) p["currency"] = members["currency"];
      postings.push_back(std::move(p));
    }
    op["postings"] = std::move(postings);
    return op;
  }

  json fail(std::size_t row, const Assignment& a, std::string message, const std::string& raw) {
    const std::size_t column = first_column(a);
    std::string where = column == std::string::npos
                            ? msg::row_rule(row, a.line, a.member->name)
                            : msg::cell(row, column, trimmed(header_[column]));
    errors_.push_back(make_error(ErrorCode::kInvalid, std::move(where),
                                 raw.empty() ? message : msg::value(raw) + ": " + message));
    return json();
  }

  Rules& rules_;
  const std::vector<std::string>& header_;
  Errors errors_;
};

}  // namespace

Result<RowBatch, Errors> rows_to_batch(std::string_view csv_text, Rules rules) {
  const char separator =
      rules.separator != 0 ? rules.separator : detect_separator(csv_text, rules.skip);
  auto table = read(csv_text, separator);
  if (!table.ok()) return table.error();
  if (table->records.size() <= rules.skip) return Errors{make_error(
      ErrorCode::kInvalid, "FILE", msg::no_header_row(rules.skip))};
  RowBatch out;
  out.header = table->records[rules.skip];
  Errors errors = check_widths(*table, rules.skip);
  if (Errors bound = bind_columns(rules, out.header); !bound.empty()) return bound;
  if (!errors.empty()) return errors;
  RowReader reader(rules, out.header);
  json ops = json::array();
  for (std::size_t i = rules.skip + 1; i < table->records.size(); ++i) {
    if (is_blank(table->records[i])) continue;
    out.values.emplace_back();
    ops.push_back(reader.operation(table->records[i], i + 1, out.values.back()));
    out.rows.push_back(i + 1);
  }
  if (!reader.errors().empty()) return reader.errors();
  if (ops.empty()) return Errors{make_error(ErrorCode::kInvalid, "FILE", msg::no_rows())};
  out.doc = {{"format", "semilla-batch"}, {"version", 1}, {"operations", std::move(ops)}};
  out.rules = std::move(rules);
  return out;
}

namespace {

// The rules member a batch error's pointer ("/postings/1/account", "/amount") names.
const MemberSpec* member_at(Kind kind, const std::string& rest) {
  std::vector<std::string> tokens;
  for (std::size_t at = 1; at <= rest.size();) {
    const auto slash = rest.find('/', at);
    tokens.push_back(rest.substr(at, slash - at));
    at = slash == std::string::npos ? rest.size() + 1 : slash + 1;
  }
  if (tokens.empty()) return nullptr;
  std::string name = tokens[0];
  if (kind == Kind::kTransactions && name == "postings") {
    if (tokens.size() < 3) return nullptr;
    name = tokens[2] == "account" ? (tokens[1] == "0" ? "debit" : "credit") : tokens[2];
  }
  for (const auto& m : members(kind)) {
    const bool renamed = kind == Kind::kTransactions && std::string(m.batch) == "account";
    if (renamed ? name == m.name : name == m.batch) return &m;
  }
  return nullptr;
}

// A batch error named by row and column instead of "/operations/4/loan".
Error locate(Error e, const RowBatch& rb) {
  const std::string prefix = "/operations/";
  if (e.field.rfind(prefix, 0) != 0) return e;
  const auto slash = e.field.find('/', prefix.size());
  const std::size_t i = std::stoul(e.field.substr(prefix.size(), slash - prefix.size()));
  if (i >= rb.rows.size()) return e;
  const std::size_t row = rb.rows[i];
  const MemberSpec* spec =
      slash == std::string::npos ? nullptr : member_at(rb.rules.kind, e.field.substr(slash));
  const auto& assignments = rb.rules.assignments;
  auto a = std::find_if(assignments.begin(), assignments.end(),
                        [spec](const Assignment& x) { return x.member == spec; });
  if (spec == nullptr || a == assignments.end()) {
    e.field = msg::row(row);
    return e;
  }
  const std::size_t column = first_column(*a);
  e.field = column == std::string::npos
                ? msg::row_rule(row, a->line, spec->name)
                : msg::cell(row, column, trimmed(rb.header[column]));
  const std::string& raw = rb.values[i][static_cast<std::size_t>(a - assignments.begin())];
  if (e.message.find(raw) == std::string::npos) e.message = msg::value(raw) + ": " + e.message;
  return e;
}

}  // namespace

Result<BatchReport, Errors> import_csv(book::Book& book, const std::string& csv_path,
                                       const std::string& rules_path,
                                       const BatchOptions& options) {
  auto rules_text = read_document_file(rules_path, "--rules", 1 << 20);
  if (!rules_text.ok()) return Errors{rules_text.error()};
  auto csv_text = read_document_file(csv_path, "FILE");
  if (!csv_text.ok()) return Errors{csv_text.error()};
  auto rules = parse_rules(*rules_text);
  if (!rules.ok()) return rules.error();
  auto rb = rows_to_batch(*csv_text, std::move(*rules));
  if (!rb.ok()) return rb.error();
  auto report = import_batch(book, rb->doc, options);
  if (report.ok()) return report;
  Errors errors;
  for (const auto& e : report.error()) errors.push_back(locate(e, *rb));
  return errors;
}

}  // namespace semilla::exchange::csv
