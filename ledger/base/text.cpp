// SPDX-License-Identifier: Apache-2.0
#include "ledger/base/text.h"

#include <string>

#include "ledger/base/lang.h"

namespace semilla {
namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is malformed.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1Fu;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0Fu;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07u;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  static constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

// The field's name is copied only for an error: decoders call these once per member of every
// record `audit verify` reads.
Status check_text(std::string_view text, std::string_view field, std::size_t max_bytes,
                  bool allow_empty) {
  const std::string_view f = field;
  if (text.empty() && !allow_empty) {
    return make_error(ErrorCode::kInvalid, std::string(f), tr("must not be empty"));
  }
  if (text.size() > max_bytes) {
    return make_error(ErrorCode::kLimitExceeded, std::string(f),
                      trf("is {count} bytes long; at most {max} are allowed",
                          {{"count", std::to_string(text.size())},
                           {"max", std::to_string(max_bytes)}}));
  }
  if (!is_valid_utf8(text)) {
    return make_error(ErrorCode::kInvalid, std::string(f), tr("is not valid UTF-8"));
  }
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F) {
      return make_error(ErrorCode::kInvalid, std::string(f),
                        tr("contains a control character (tab, newline...); use plain text"));
    }
  }
  return Status::Ok();
}

Status check_identifier(std::string_view text, std::string_view field, std::size_t max_bytes) {
  const std::string_view f = field;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (text.empty()) return make_error(ErrorCode::kInvalid, std::string(f), tr("must not be empty"));
  if (text.size() > max_bytes) {
    return make_error(ErrorCode::kLimitExceeded, std::string(f),
                      trf("\"{start}...\" is longer than {max} characters",
                          {{"start", std::string(text.substr(0, 20))},
                           {"max", std::to_string(max_bytes)}}));
  }
  if (!alnum(text[0])) {
    return make_error(ErrorCode::kInvalid, std::string(f),
                      trf("\"{value}\" must start with a letter or digit",
                          {{"value", std::string(text)}}));
  }
  for (char c : text) {
    if (!alnum(c) && c != '.' && c != '_' && c != '-' && c != ':' && c != '/') {
      return make_error(ErrorCode::kInvalid, std::string(f),
                        trf("\"{value}\" may contain only letters, digits and . _ - : /",
                            {{"value", std::string(text)}}));
    }
  }
  return Status::Ok();
}

}  // namespace semilla
