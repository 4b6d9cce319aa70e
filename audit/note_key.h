// SPDX-License-Identifier: Apache-2.0
// Ed25519 keys for C2SP signed notes (c2sp.org/signed-note v1.0.0): the public "verifier
// key" string auditors pin, and the ledger's private signing key with its file. Signatures
// are pure Ed25519 (RFC 8032) through OpenSSL. docs/audit-format.md §6 gives the layouts.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/base/error.h"

namespace semilla::audit {

// Signature type byte of Ed25519 in signed notes; part of the key ID and of both key strings.
inline constexpr std::uint8_t kNoteKeyTypeEd25519 = 0x01;

// OK when `name` can name a key (and a checkpoint origin): non-empty valid UTF-8 without
// Unicode white space, control characters or '+'. kInvalid naming `field` otherwise.
[[nodiscard]] Status check_key_name(std::string_view name, std::string_view field = "key_name");

// The signed-note key ID: the first 4 bytes, big-endian, of
// SHA-256(name || 0x0A || type || public_key).
[[nodiscard]] std::uint32_t note_key_id(std::string_view name, std::uint8_t type,
                                        std::string_view public_key);

// A public key that checks signatures of one name: what an auditor pins.
class NoteVerifier {
 public:
  // Parses "<name>+<8 hex key ID>+<base64(0x01 || 32-byte public key)>" (the x/mod vkey
  // form). kInvalid for any other shape, another key type, or a key ID that does not match
  // the name and key (which catches a mistyped or spliced key string).
  [[nodiscard]] static Result<NoteVerifier> parse(std::string_view vkey);
  // A verifier for the 32-byte Ed25519 `public_key`. kInvalid for a bad name or length.
  [[nodiscard]] static Result<NoteVerifier> from_public_key(std::string_view name,
                                                            std::string_view public_key);

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::uint32_t key_id() const { return key_id_; }
  // The raw 32-byte public key.
  [[nodiscard]] const std::string& public_key() const { return public_key_; }
  // The vkey string, lower-case hex key ID: parse(v.to_string()) gives v back.
  [[nodiscard]] std::string to_string() const;

  // true when `signature` is a valid Ed25519 signature of `message` by this key, false for
  // any wrong or malformed signature. kEnvironment when OpenSSL itself fails.
  [[nodiscard]] Result<bool> verify(std::string_view message, std::string_view signature) const;

 private:
  std::string name_;
  std::uint32_t key_id_ = 0;
  std::string public_key_;
};

// The ledger's private key. Holds the 32-byte RFC 8032 seed, wiped when destroyed; copies
// hold (and wipe) their own.
class NoteSigner {
 public:
  // A signer from a 32-byte seed. kInvalid for a bad name or length; kEnvironment when
  // OpenSSL fails.
  [[nodiscard]] static Result<NoteSigner> from_seed(std::string_view name, std::string_view seed);
  // A new random key (OpenSSL's private DRBG). kEnvironment when no randomness is available.
  [[nodiscard]] static Result<NoteSigner> generate(std::string_view name);
  // Parses "PRIVATE+KEY+<name>+<8 hex key ID>+<base64(0x01 || seed)>", the x/mod signer key
  // form, without a newline. kInvalid for any other shape or a key ID that does not match;
  // the message never quotes the secret.
  [[nodiscard]] static Result<NoteSigner> parse(std::string_view skey);

  NoteSigner(const NoteSigner&) = default;
  NoteSigner& operator=(const NoteSigner&) = default;
  ~NoteSigner();

  [[nodiscard]] const std::string& name() const { return verifier_.name(); }
  [[nodiscard]] std::uint32_t key_id() const { return verifier_.key_id(); }
  // The public half, to publish as a vkey.
  [[nodiscard]] const NoteVerifier& verifier() const { return verifier_; }
  // The secret key string accepted by parse(). Handle as the key itself.
  [[nodiscard]] std::string to_string() const;

  // The 64-byte Ed25519 signature of `message`. kEnvironment when OpenSSL fails.
  [[nodiscard]] Result<std::string> sign(std::string_view message) const;

 private:
  NoteSigner() = default;
  std::array<std::uint8_t, 32> seed_{};
  NoteVerifier verifier_;
};

// Creates the key file `path` holding signer.to_string() and a newline, with mode 0600 from
// the start (open with O_CREAT|O_EXCL|O_NOFOLLOW, so it never exists with wider permissions
// and a planted symlink is not followed), and syncs it. kAlreadyExists when `path` exists
// (a key is never overwritten); kEnvironment for other I/O failures (the partial file is
// removed).
[[nodiscard]] Status write_signer_key_file(const std::string& path, const NoteSigner& signer);

// Reads a key file written by write_signer_key_file: a regular file of at most 1 KiB, not
// readable or writable by group or others (kEnvironment otherwise, like OpenSSH), holding
// exactly one key line ending in "\n" (kInvalid naming the path otherwise).
[[nodiscard]] Result<NoteSigner> read_signer_key_file(const std::string& path);

}  // namespace semilla::audit
