// SPDX-License-Identifier: Apache-2.0
// The bundle is canonical JSON with fixed members, so it has exactly one byte layout per
// content: the scanner checks the punctuation literally, and each string or number by
// decoding it and re-encoding it canonically. No document tree is ever built.
#include "ledger/book/bundle_scan.h"

#include <nlohmann/json.hpp>

#include "audit/canonical_json.h"
#include "ledger/base/lang.h"
#include "ledger/book/bundle.h"
#include "ledger/book/record_pipeline.h"

namespace semilla::book {
namespace {

// Longest string token accepted: records and notes are far smaller; a hostile file cannot
// make the verifier allocate without bound.
constexpr std::size_t kTokenBytesMax = std::size_t{16} << 20;
// Largest integer canonical JSON carries exactly.
constexpr std::uint64_t kIntegerMax = (std::uint64_t{1} << 53) - 1;

class Scanner {
 public:
  explicit Scanner(std::istream& in) : in_(in) {}

  Error fail(const std::string& what) const {
    return make_error(ErrorCode::kVerifyFailed, "bundle",
                      "at byte " + std::to_string(pos_) + ": " + what +
                          " (not the canonical form of a bundle: the file was altered)");
  }

  Status literal(std::string_view text) {
    for (char c : text) {
      if (next() != static_cast<unsigned char>(c)) {
        return fail("expected " + std::string(text));
      }
    }
    return Status::Ok();
  }

  bool peek_is(char c) { return in_.peek() == static_cast<unsigned char>(c); }

  // A JSON string in canonical form, decoded.
  Result<std::string> string_value() {
    const std::uint64_t start = pos_;
    std::string raw;
    if (next() != '"') return fail("expected a string");
    raw.push_back('"');
    for (;;) {
      const int c = next();
      if (c == EOF) return fail("the file ends inside a string");
      raw.push_back(static_cast<char>(c));
      if (c == '"') break;
      if (c == '\\') {
        const int escaped = next();
        if (escaped == EOF) return fail("the file ends inside a string");
        raw.push_back(static_cast<char>(escaped));
      }
      if (raw.size() > kTokenBytesMax) return fail("a string longer than 16 MiB");
    }
    nlohmann::json value = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
    if (value.is_string()) {
      auto canonical = audit::canonical_json(value);
      if (canonical.ok() && *canonical == raw) return value.get<std::string>();
    }
    pos_ = start;
    return fail("a string that is not valid canonical JSON");
  }

  Result<std::optional<std::string>> string_or_null() {
    if (!peek_is('n')) {
      auto s = string_value();
      if (!s.ok()) return s.error();
      return std::optional<std::string>(std::move(*s));
    }
    SEMILLA_TRY(literal("null"));
    return std::optional<std::string>();
  }

  // A non-negative integer in canonical decimal, at most 2^53 - 1.
  Result<std::uint64_t> integer() {
    std::uint64_t value = 0;
    std::size_t digits = 0;
    bool leading_zero = false;
    while (in_.peek() >= '0' && in_.peek() <= '9') {
      const auto d = static_cast<std::uint64_t>(next() - '0');
      if (digits++ == 0) leading_zero = d == 0;
      if (value > (kIntegerMax - d) / 10) return fail("an integer above 2^53 - 1");
      value = value * 10 + d;
    }
    if (digits == 0 || (leading_zero && digits > 1)) return fail("expected an integer");
    return value;
  }

  // "[" strings separated by "," "]", each handed to `item`.
  Status strings(const std::function<Status(std::string&&)>& item) {
    SEMILLA_TRY(literal("["));
    if (peek_is(']')) return literal("]");
    for (;;) {
      auto s = string_value();
      if (!s.ok()) return s.error();
      SEMILLA_TRY(item(std::move(*s)));
      if (peek_is(']')) return literal("]");
      SEMILLA_TRY(literal(","));
    }
  }

  Status end() {
    if (in_.peek() != EOF) return fail("bytes after the end of the document");
    return Status::Ok();
  }

 private:
  int next() {
    const int c = in_.get();
    if (c != EOF) ++pos_;
    return c;
  }

  std::istream& in_;
  std::uint64_t pos_ = 0;
};

Status collect_into(std::vector<std::string>& out, std::string& s) {
  out.push_back(std::move(s));
  return Status::Ok();
}

}  // namespace

Result<BundleHeader> scan_bundle(
    std::istream& in, const std::function<Status(std::uint64_t, const std::string&)>& record) {
  Scanner scan(in);
  BundleHeader h;
  SEMILLA_TRY(scan.literal("{\"checkpoints\":"));
  SEMILLA_TRY(scan.strings([&](std::string&& s) { return collect_into(h.checkpoints, s); }));
  SEMILLA_TRY(scan.literal(",\"format\":"));
  auto format = scan.string_value();
  if (!format.ok()) return format.error();
  h.format = *format;
  if (h.format != kBundleFormat) {
    return make_error(ErrorCode::kVerifyFailed, "bundle", tr("not a semilla-audit-bundle"));
  }
  SEMILLA_TRY(scan.literal(",\"keys\":"));
  SEMILLA_TRY(scan.strings([&](std::string&& s) { return collect_into(h.keys, s); }));
  SEMILLA_TRY(scan.literal(",\"origin\":"));
  auto origin = scan.string_or_null();
  if (!origin.ok()) return origin.error();
  h.origin = *origin;
  SEMILLA_TRY(scan.literal(",\"records\":"));
  std::uint64_t seq = 0;
  SEMILLA_TRY(scan.strings([&](std::string&& bytes) { return record(seq++, bytes); }));
  SEMILLA_TRY(scan.literal(",\"root\":"));
  auto root = scan.string_value();
  if (!root.ok()) return root.error();
  h.root = *root;
  SEMILLA_TRY(scan.literal(",\"tree_size\":"));
  auto size = scan.integer();
  if (!size.ok()) return size.error();
  h.tree_size = *size;
  SEMILLA_TRY(scan.literal(",\"version\":"));
  auto version = scan.integer();
  if (!version.ok()) return version.error();
  h.version = *version;
  SEMILLA_TRY(scan.literal("}"));
  SEMILLA_TRY(scan.end());
  return h;
}

Result<BundleHeader> scan_bundle_opened(
    std::istream& in, const std::function<Status(const audit::OpenedRecord&)>& take) {
  std::optional<BundleHeader> header;
  auto read = [&](const store::Visitor<store::StoredRecord>& visit) -> Status {
    auto scanned = scan_bundle(in, [&](std::uint64_t seq, const std::string& bytes) {
      return visit(store::StoredRecord{seq, "", bytes, audit::sha256(bytes)});
    });
    if (!scanned.ok()) return scanned.error();
    header = std::move(*scanned);
    return Status::Ok();
  };
  SEMILLA_TRY(pipeline_records(read, [&](PipedRecord& r) { return take(r.opened); }));
  return std::move(*header);
}

}  // namespace semilla::book
