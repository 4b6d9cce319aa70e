// SPDX-License-Identifier: Apache-2.0
#include "audit/hash.h"

#include <openssl/evp.h>

#include <array>
#include <cstddef>
#include <memory>

#include "ledger/base/check.h"

namespace semilla::audit {
namespace {

constexpr std::string_view kHexDigits = "0123456789abcdef";
constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

// Value of one hex digit, or -1.
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Value of one base64 alphabet character, or -1 (padding and anything else).
int base64_value(char c) {
  const std::size_t pos = kBase64Alphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

Error invalid(std::string_view field, std::string message) {
  return make_error(ErrorCode::kInvalid, std::string(field), std::move(message));
}

struct MdFree {
  void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};

// OpenSSL 3 looks the algorithm up in its provider registry (under a lock) on every
// EVP_sha256() init; fetching it once, and keeping one context per thread, makes hashing a
// million records a third cheaper.
const EVP_MD* sha256_md() {
  static const std::unique_ptr<EVP_MD, MdFree> md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
  SEMILLA_CHECK(md != nullptr);
  return md.get();
}

}  // namespace

Hash sha256_concat(std::initializer_list<std::string_view> parts) {
  // SHA-256 through the default provider cannot fail short of memory exhaustion or a broken
  // OpenSSL installation; neither is something a caller could handle, so it is an invariant.
  thread_local const std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  SEMILLA_CHECK(ctx != nullptr);
  SEMILLA_CHECK(EVP_DigestInit_ex(ctx.get(), sha256_md(), nullptr) == 1);
  for (std::string_view part : parts) {
    SEMILLA_CHECK(EVP_DigestUpdate(ctx.get(), part.data(), part.size()) == 1);
  }
  Hash out{};
  unsigned int len = 0;
  SEMILLA_CHECK(EVP_DigestFinal_ex(ctx.get(), out.data(), &len) == 1);
  SEMILLA_CHECK(len == out.size());
  return out;
}

Hash sha256(std::string_view bytes) { return sha256_concat({bytes}); }

std::string_view as_bytes(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

std::string to_hex(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(kHexDigits[b >> 4U]);
    out.push_back(kHexDigits[b & 0x0FU]);
  }
  return out;
}

std::string to_hex(const Hash& h) { return to_hex(as_bytes(h)); }

Result<std::string> bytes_from_hex(std::string_view hex, std::string_view field) {
  if (hex.size() % 2 != 0) {
    return invalid(field, "hex string has an odd number of digits");
  }
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_value(hex[i]);
    const int lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return invalid(field, "not a hex digit at offset " + std::to_string(hi < 0 ? i : i + 1));
    }
    out.push_back(static_cast<char>((hi << 4) | lo));
  }
  return out;
}

Result<Hash> hash_from_hex(std::string_view hex, std::string_view field) {
  if (hex.size() != 64) {
    return invalid(field, "a SHA-256 hash is 64 hex digits, got " + std::to_string(hex.size()));
  }
  Result<std::string> bytes = bytes_from_hex(hex, field);
  if (!bytes.ok()) return bytes.error();
  Hash out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::uint8_t>((*bytes)[i]);
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16U) |
                            (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8U) |
                            std::uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    out.push_back(kBase64Alphabet[(v >> 18U) & 63U]);
    out.push_back(kBase64Alphabet[(v >> 12U) & 63U]);
    out.push_back(kBase64Alphabet[(v >> 6U) & 63U]);
    out.push_back(kBase64Alphabet[v & 63U]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 0) return out;
  std::uint32_t v = std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16U;
  if (rest == 2) v |= std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8U;
  out.push_back(kBase64Alphabet[(v >> 18U) & 63U]);
  out.push_back(kBase64Alphabet[(v >> 12U) & 63U]);
  out.push_back(rest == 2 ? kBase64Alphabet[(v >> 6U) & 63U] : '=');
  out.push_back('=');
  return out;
}

Result<std::string> base64_decode(std::string_view text, std::string_view field) {
  if (text.size() % 4 != 0) {
    return invalid(field, "base64 length " + std::to_string(text.size()) +
                              " is not a multiple of 4");
  }
  // Padding is only legal as the last one or two characters of the final quantum.
  std::size_t pad = 0;
  if (!text.empty() && text.back() == '=') pad = (text[text.size() - 2] == '=') ? 2 : 1;
  const std::size_t data_len = text.size() - pad;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t acc = 0;
  for (std::size_t i = 0; i < data_len; ++i) {
    const int v = base64_value(text[i]);
    if (v < 0) {
      return invalid(field, "character at offset " + std::to_string(i) +
                                " is not in the standard base64 alphabet");
    }
    acc = (acc << 6U) | static_cast<std::uint32_t>(v);
    if (i % 4 == 3) {
      out.push_back(static_cast<char>((acc >> 16U) & 0xFFU));
      out.push_back(static_cast<char>((acc >> 8U) & 0xFFU));
      out.push_back(static_cast<char>(acc & 0xFFU));
      acc = 0;
    }
  }
  // Canonical form: the bits below the last full byte must be zero, or two encodings would
  // decode to the same bytes and a signature line could be altered without detection.
  if (pad == 2) {
    if ((acc & 0x0FU) != 0) return invalid(field, "base64 has non-zero trailing bits");
    out.push_back(static_cast<char>((acc >> 4U) & 0xFFU));
  } else if (pad == 1) {
    if ((acc & 0x03U) != 0) return invalid(field, "base64 has non-zero trailing bits");
    out.push_back(static_cast<char>((acc >> 10U) & 0xFFU));
    out.push_back(static_cast<char>((acc >> 2U) & 0xFFU));
  }
  return out;
}

}  // namespace semilla::audit
