// SPDX-License-Identifier: Apache-2.0
#include "audit/checkpoint.h"

#include "audit/merkle.h"

namespace semilla::audit {
namespace {

// Standard padded base64 of 32 bytes.
constexpr std::size_t kRootBase64Chars = 44;

Error invalid(std::string field, std::string message) {
  return make_error(ErrorCode::kInvalid, std::move(field), std::move(message));
}

// Canonical decimal: "0", or a non-zero digit followed by digits; at most
// kCheckpointSizeMax. Rejects "+7", "07", " 7", "7 " and overflow.
Result<std::uint64_t> parse_size(std::string_view line) {
  const bool digits_only =
      !line.empty() && line.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits_only || (line.size() > 1 && line[0] == '0')) {
    return invalid("size", "the tree size must be a decimal number without leading zeros");
  }
  std::uint64_t value = 0;
  for (char c : line) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (kCheckpointSizeMax - digit) / 10) {
      return invalid("size", "the tree size is above 2^63-1");
    }
    value = value * 10 + digit;
  }
  return value;
}

Result<Hash> parse_root(std::string_view line) {
  Result<std::string> bytes = base64_decode(line, "root");
  if (line.size() != kRootBase64Chars || !bytes.ok() || bytes->size() != 32) {
    return invalid("root", "the root hash must be 44 characters of base64 of 32 bytes");
  }
  Hash root{};
  for (std::size_t i = 0; i < root.size(); ++i) root[i] = static_cast<std::uint8_t>((*bytes)[i]);
  return root;
}

Status check_empty_root(const Checkpoint& c) {
  if (c.size == 0 && c.root != merkle_empty_root()) {
    return invalid("root", "the root of the empty tree is SHA-256 of nothing "
                           "(47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=)");
  }
  return Status::Ok();
}

// Splits `text` (ending in '\n') into its lines, without the newlines.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    lines.push_back(text.substr(0, eol));
    text.remove_prefix(eol + 1);
  }
  return lines;
}

Error as_verify_failure(const Error& e) {
  return make_error(ErrorCode::kVerifyFailed, e.field, "checkpoint: " + e.message);
}

}  // namespace

Result<std::string> format_checkpoint(const Checkpoint& c) {
  SEMILLA_TRY(check_key_name(c.origin, "origin"));
  if (c.size > kCheckpointSizeMax) return invalid("size", "the tree size is above 2^63-1");
  SEMILLA_TRY(check_empty_root(c));
  std::string text = c.origin + "\n" + std::to_string(c.size) + "\n" +
                     base64_encode(as_bytes(c.root)) + "\n";
  for (std::size_t i = 0; i < c.extensions.size(); ++i) {
    const std::string& ext = c.extensions[i];
    // One line each: an embedded newline would smuggle in a line the caller did not mean.
    if (ext.empty() || ext.find('\n') != std::string::npos ||
        !check_note_text(ext + "\n").ok()) {
      return invalid("extensions/" + std::to_string(i),
                     "an extension line must be non-empty UTF-8 without control characters");
    }
    text += ext + "\n";
  }
  return text;
}

Result<Checkpoint> parse_checkpoint(std::string_view text) {
  SEMILLA_TRY(check_note_text(text));
  const std::vector<std::string_view> lines = lines_of(text);
  if (lines.size() < 3) {
    return invalid("text", "a checkpoint has an origin, a size and a root line");
  }
  Checkpoint c;
  if (lines[0].empty()) return invalid("origin", "the origin line must not be empty");
  c.origin = std::string(lines[0]);
  Result<std::uint64_t> size = parse_size(lines[1]);
  if (!size.ok()) return size.error();
  c.size = *size;
  Result<Hash> root = parse_root(lines[2]);
  if (!root.ok()) return root.error();
  c.root = *root;
  SEMILLA_TRY(check_empty_root(c));
  for (std::size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) {
      return invalid("extensions/" + std::to_string(i - 3), "an extension line is empty");
    }
    c.extensions.emplace_back(lines[i]);
  }
  return c;
}

Result<std::string> sign_checkpoint(const Checkpoint& checkpoint, const NoteSigner& signer) {
  Result<std::string> text = format_checkpoint(checkpoint);
  if (!text.ok()) return text.error();
  if (signer.name() != checkpoint.origin) {
    return invalid("origin", "the signing key is named \"" + signer.name() +
                                 "\", not like the origin \"" + checkpoint.origin + "\"");
  }
  return sign_note(*text, signer);
}

Result<Checkpoint> peek_checkpoint(std::string_view note) {
  const std::size_t blank = note.rfind("\n\n");
  if (blank == std::string_view::npos) {
    return make_error(ErrorCode::kVerifyFailed, "note",
                      "checkpoint: no blank line before the signatures");
  }
  const std::string_view text = note.substr(0, blank + 1);
  Status ok = check_note_text(text);
  if (!ok.ok()) return as_verify_failure(ok.error());
  Result<Checkpoint> c = parse_checkpoint(text);
  if (!c.ok()) return as_verify_failure(c.error());
  return c;
}

Result<Checkpoint> open_checkpoint(std::string_view note, std::string_view origin,
                                   std::span<const NoteVerifier> verifiers) {
  Result<OpenedNote> opened = open_note(note, verifiers);
  if (!opened.ok()) return opened.error();
  Result<Checkpoint> c = parse_checkpoint(opened->text);
  if (!c.ok()) return as_verify_failure(c.error());
  if (c->origin != origin) {
    return make_error(ErrorCode::kVerifyFailed, "origin",
                      "checkpoint: origin \"" + c->origin + "\", expected \"" +
                          std::string(origin) + "\"");
  }
  return c;
}

Result<Checkpoint> open_checkpoint(std::string_view note, const NoteVerifier& log_key) {
  return open_checkpoint(note, log_key.name(), std::span<const NoteVerifier>(&log_key, 1));
}

}  // namespace semilla::audit
