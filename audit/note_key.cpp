// SPDX-License-Identifier: Apache-2.0
#include "audit/note_key.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstddef>
#include <memory>
#include <optional>

#include "audit/hash.h"
#include "audit/utf8_internal.h"

namespace semilla::audit {
namespace {

constexpr std::size_t kEd25519KeyBytes = 32;
constexpr std::size_t kEd25519SignatureBytes = 64;
constexpr std::string_view kPrivateKeyPrefix = "PRIVATE+KEY+";

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

const unsigned char* ubytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// kEnvironment with OpenSSL's own reason, and an empty error queue for the next caller.
Error openssl_error(std::string_view what) {
  std::string message = "OpenSSL failed to " + std::string(what);
  const unsigned long code = ERR_get_error();
  if (code != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    message += ": " + std::string(buf);
  }
  ERR_clear_error();
  return make_error(ErrorCode::kEnvironment, "", message);
}

Error invalid(std::string_view field, std::string message) {
  return make_error(ErrorCode::kInvalid, std::string(field), std::move(message));
}

// Unicode White_Space (what Go's unicode.IsSpace accepts), which key names must not contain.
bool is_unicode_space(std::uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

std::string hex_key_id(std::uint32_t id) {
  const char bytes[4] = {static_cast<char>(id >> 24U), static_cast<char>(id >> 16U),
                         static_cast<char>(id >> 8U), static_cast<char>(id)};
  return to_hex(std::string_view(bytes, 4));
}

// "<name>+<8 hex>+<base64(type || key)>", shared by both key strings. The name cannot hold
// '+', so the first two '+' split the fields; the base64 may contain '+'.
struct KeyFields {
  std::string name;
  std::uint32_t key_id = 0;
  std::string key;  // after the type byte
};

Result<KeyFields> parse_key_fields(std::string_view text, std::string_view field) {
  const std::size_t plus1 = text.find('+');
  const std::size_t plus2 = plus1 == std::string_view::npos ? plus1 : text.find('+', plus1 + 1);
  if (plus2 == std::string_view::npos) {
    return invalid(field, "expected <name>+<key ID>+<key>");
  }
  KeyFields out;
  out.name = std::string(text.substr(0, plus1));
  SEMILLA_TRY(check_key_name(out.name, field));
  Result<std::string> id = bytes_from_hex(text.substr(plus1 + 1, plus2 - plus1 - 1), field);
  if (!id.ok() || id->size() != 4) return invalid(field, "the key ID is not 8 hex digits");
  for (char c : *id) out.key_id = (out.key_id << 8U) | static_cast<unsigned char>(c);
  Result<std::string> key = base64_decode(text.substr(plus2 + 1), field);
  if (!key.ok()) return invalid(field, "the key is not strict base64");
  if (key->size() != 1 + kEd25519KeyBytes || static_cast<unsigned char>((*key)[0]) !=
                                                  kNoteKeyTypeEd25519) {
    return invalid(field, "not an Ed25519 key (type byte 0x01 and 32 bytes)");
  }
  out.key = key->substr(1);
  OPENSSL_cleanse(key->data(), key->size());
  return out;
}

Result<std::string> public_key_of_seed(const std::array<std::uint8_t, 32>& seed) {
  Pkey pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  if (!pkey) return openssl_error("load an Ed25519 private key");
  std::string pub(kEd25519KeyBytes, '\0');
  std::size_t len = pub.size();
  if (EVP_PKEY_get_raw_public_key(pkey.get(), reinterpret_cast<unsigned char*>(pub.data()),
                                  &len) != 1 ||
      len != kEd25519KeyBytes) {
    return openssl_error("derive an Ed25519 public key");
  }
  return pub;
}

}  // namespace

Status check_key_name(std::string_view name, std::string_view field) {
  if (name.empty()) return invalid(field, "a key name must not be empty");
  std::size_t i = 0;
  while (i < name.size()) {
    const std::optional<std::uint32_t> cp = internal::decode_utf8(name, i);
    if (!cp) return invalid(field, "a key name must be valid UTF-8");
    if (*cp < 0x20 || *cp == 0x7F || is_unicode_space(*cp) || *cp == '+') {
      return invalid(field, "a key name must not contain spaces, control characters or '+'");
    }
  }
  return Status::Ok();
}

std::uint32_t note_key_id(std::string_view name, std::uint8_t type,
                          std::string_view public_key) {
  const char prefix[2] = {'\n', static_cast<char>(type)};
  const Hash h = sha256_concat({name, std::string_view(prefix, 2), public_key});
  return (std::uint32_t{h[0]} << 24U) | (std::uint32_t{h[1]} << 16U) |
         (std::uint32_t{h[2]} << 8U) | std::uint32_t{h[3]};
}

Result<NoteVerifier> NoteVerifier::from_public_key(std::string_view name,
                                                   std::string_view public_key) {
  SEMILLA_TRY(check_key_name(name));
  if (public_key.size() != kEd25519KeyBytes) {
    return invalid("public_key", "an Ed25519 public key is 32 bytes");
  }
  NoteVerifier v;
  v.name_ = std::string(name);
  v.public_key_ = std::string(public_key);
  v.key_id_ = note_key_id(name, kNoteKeyTypeEd25519, public_key);
  return v;
}

Result<NoteVerifier> NoteVerifier::parse(std::string_view vkey) {
  Result<KeyFields> fields = parse_key_fields(vkey, "verifier_key");
  if (!fields.ok()) return fields.error();
  Result<NoteVerifier> v = from_public_key(fields->name, fields->key);
  if (!v.ok()) return v.error();
  if (v->key_id() != fields->key_id) {
    return invalid("verifier_key", "key ID " + hex_key_id(fields->key_id) +
                                       " does not match the name and key (expected " +
                                       hex_key_id(v->key_id()) + ")");
  }
  return v;
}

std::string NoteVerifier::to_string() const {
  const std::string typed = std::string(1, static_cast<char>(kNoteKeyTypeEd25519)) + public_key_;
  return name_ + "+" + hex_key_id(key_id_) + "+" + base64_encode(typed);
}

Result<bool> NoteVerifier::verify(std::string_view message, std::string_view signature) const {
  if (signature.size() != kEd25519SignatureBytes) return false;
  Pkey pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, ubytes(public_key_),
                                        public_key_.size()));
  MdCtx ctx(EVP_MD_CTX_new());
  if (!pkey || !ctx) return openssl_error("load an Ed25519 public key");
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1) {
    return openssl_error("start Ed25519 verification");
  }
  // 1 is a valid signature; 0 or a negative value is a wrong or malformed one (a point
  // that does not decode, s >= L). Either way the note is not signed by this key.
  const int rc = EVP_DigestVerify(ctx.get(), ubytes(signature), signature.size(),
                                  ubytes(message), message.size());
  ERR_clear_error();
  return rc == 1;
}

NoteSigner::~NoteSigner() { OPENSSL_cleanse(seed_.data(), seed_.size()); }

Result<NoteSigner> NoteSigner::from_seed(std::string_view name, std::string_view seed) {
  SEMILLA_TRY(check_key_name(name));
  if (seed.size() != kEd25519KeyBytes) return invalid("seed", "an Ed25519 seed is 32 bytes");
  NoteSigner s;
  for (std::size_t i = 0; i < s.seed_.size(); ++i) {
    s.seed_[i] = static_cast<std::uint8_t>(seed[i]);
  }
  Result<std::string> pub = public_key_of_seed(s.seed_);
  if (!pub.ok()) return pub.error();
  Result<NoteVerifier> v = NoteVerifier::from_public_key(name, *pub);
  if (!v.ok()) return v.error();
  s.verifier_ = std::move(*v);
  return s;
}

Result<NoteSigner> NoteSigner::generate(std::string_view name) {
  std::array<unsigned char, kEd25519KeyBytes> seed{};
  if (RAND_priv_bytes(seed.data(), static_cast<int>(seed.size())) != 1) {
    return openssl_error("draw random bytes for a key");
  }
  Result<NoteSigner> s = from_seed(name, std::string_view(reinterpret_cast<const char*>(
                                                              seed.data()), seed.size()));
  OPENSSL_cleanse(seed.data(), seed.size());
  return s;
}

Result<NoteSigner> NoteSigner::parse(std::string_view skey) {
  if (skey.substr(0, kPrivateKeyPrefix.size()) != kPrivateKeyPrefix) {
    return invalid("signer_key", "a signer key starts with PRIVATE+KEY+");
  }
  Result<KeyFields> fields = parse_key_fields(skey.substr(kPrivateKeyPrefix.size()),
                                              "signer_key");
  if (!fields.ok()) return fields.error();
  Result<NoteSigner> s = from_seed(fields->name, fields->key);
  OPENSSL_cleanse(fields->key.data(), fields->key.size());
  if (!s.ok()) return s.error();
  if (s->key_id() != fields->key_id) {
    return invalid("signer_key", "key ID " + hex_key_id(fields->key_id) +
                                     " does not match the name and key");
  }
  return s;
}

std::string NoteSigner::to_string() const {
  std::string typed(1, static_cast<char>(kNoteKeyTypeEd25519));
  typed.append(reinterpret_cast<const char*>(seed_.data()), seed_.size());
  std::string out = std::string(kPrivateKeyPrefix) + name() + "+" + hex_key_id(key_id()) + "+" +
                    base64_encode(typed);
  OPENSSL_cleanse(typed.data(), typed.size());
  return out;
}

Result<std::string> NoteSigner::sign(std::string_view message) const {
  Pkey pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed_.data(), seed_.size()));
  MdCtx ctx(EVP_MD_CTX_new());
  if (!pkey || !ctx) return openssl_error("load an Ed25519 private key");
  // Ed25519 is a one-shot signature: no digest is named (RFC 8032 PureEdDSA).
  if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1) {
    return openssl_error("start Ed25519 signing");
  }
  std::string sig(kEd25519SignatureBytes, '\0');
  std::size_t len = sig.size();
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     ubytes(message), message.size()) != 1 ||
      len != kEd25519SignatureBytes) {
    return openssl_error("sign with Ed25519");
  }
  return sig;
}

}  // namespace semilla::audit
