// SPDX-License-Identifier: Apache-2.0
#include "audit/utf8_internal.h"

namespace semilla::audit::internal {

std::optional<std::uint32_t> decode_utf8(std::string_view s, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80U) {
    ++i;
    return lead;
  }
  std::size_t len = 0;
  std::uint32_t cp = 0;
  std::uint32_t min = 0;
  if ((lead & 0xE0U) == 0xC0U) {
    len = 2, cp = lead & 0x1FU, min = 0x80;
  } else if ((lead & 0xF0U) == 0xE0U) {
    len = 3, cp = lead & 0x0FU, min = 0x800;
  } else if ((lead & 0xF8U) == 0xF0U) {
    len = 4, cp = lead & 0x07U, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (s.size() - i < len) return std::nullopt;
  for (std::size_t k = 1; k < len; ++k) {
    const auto cont = static_cast<unsigned char>(s[i + k]);
    if ((cont & 0xC0U) != 0x80U) return std::nullopt;
    cp = (cp << 6U) | (cont & 0x3FU);
  }
  // The minimum per length rejects overlong forms, which would give one character two
  // encodings and so two hashes.
  if (cp < min || cp > 0x10FFFFU || (cp >= 0xD800U && cp <= 0xDFFFU)) return std::nullopt;
  i += len;
  return cp;
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80U) {
      ++i;  // ASCII, most of what Semilla hashes
    } else if (!decode_utf8(s, i)) {
      return false;
    }
  }
  return true;
}

}  // namespace semilla::audit::internal
