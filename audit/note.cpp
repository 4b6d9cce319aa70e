// SPDX-License-Identifier: Apache-2.0
#include "audit/note.h"

#include <optional>

#include "audit/hash.h"
#include "audit/utf8_internal.h"

namespace semilla::audit {
namespace {

// U+2014 EM DASH and a space: how every signature line starts.
constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";
constexpr std::size_t kKeyIdBytes = 4;

Error verify_failed(std::string message) {
  return make_error(ErrorCode::kVerifyFailed, "", "signed note: " + std::move(message));
}

// The offset of the first byte that breaks the note rules (invalid UTF-8, or a control
// character other than '\n'), or nullopt when there is none.
std::optional<std::size_t> first_bad_byte(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t at = i;
    const std::optional<std::uint32_t> cp = internal::decode_utf8(s, i);
    if (!cp || (*cp < 0x20 && *cp != '\n')) return at;
  }
  return std::nullopt;
}

std::string line_label(std::size_t index) {
  return "signature line " + std::to_string(index + 1);
}

// Decodes one signature line (without its '\n').
Result<NoteSignature> parse_signature_line(std::string_view line, std::size_t index) {
  if (line.substr(0, kSignaturePrefix.size()) != kSignaturePrefix) {
    return verify_failed(line_label(index) + " does not start with an em dash and a space");
  }
  line.remove_prefix(kSignaturePrefix.size());
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos) {
    return verify_failed(line_label(index) + " has no space between key name and signature");
  }
  NoteSignature sig;
  sig.name = std::string(line.substr(0, space));
  if (!check_key_name(sig.name).ok()) {
    return verify_failed(line_label(index) + " has an invalid key name");
  }
  Result<std::string> blob = base64_decode(line.substr(space + 1));
  if (!blob.ok() || blob->size() <= kKeyIdBytes) {
    return verify_failed(line_label(index) + " (" + sig.name +
                         ") does not hold base64 of a key ID and a signature");
  }
  for (std::size_t i = 0; i < kKeyIdBytes; ++i) {
    sig.key_id = (sig.key_id << 8U) | static_cast<unsigned char>((*blob)[i]);
  }
  sig.signature = blob->substr(kKeyIdBytes);
  return sig;
}

struct SplitNote {
  std::string_view text;
  std::vector<NoteSignature> signatures;
};

// Checks the byte rules and splits at the last blank line (the text may itself hold blank
// lines; the signature lines cannot).
Result<SplitNote> split_note(std::string_view note) {
  if (note.size() > kNoteBytesMax) {
    return verify_failed("larger than " + std::to_string(kNoteBytesMax) + " bytes");
  }
  if (const std::optional<std::size_t> bad = first_bad_byte(note)) {
    return verify_failed("byte " + std::to_string(*bad) +
                         " is invalid UTF-8 or a control character other than newline");
  }
  const std::size_t blank = note.rfind("\n\n");
  if (blank == std::string_view::npos) return verify_failed("no blank line before signatures");
  SplitNote out{note.substr(0, blank + 1), {}};
  std::string_view rest = note.substr(blank + 2);
  if (rest.empty() || rest.back() != '\n') {
    return verify_failed("the signature lines must end in a newline");
  }
  for (std::size_t index = 0; !rest.empty(); ++index) {
    if (index == kNoteSignaturesMax) {
      return verify_failed("more than " + std::to_string(kNoteSignaturesMax) + " signatures");
    }
    const std::size_t eol = rest.find('\n');
    Result<NoteSignature> sig = parse_signature_line(rest.substr(0, eol), index);
    if (!sig.ok()) return sig.error();
    out.signatures.push_back(std::move(*sig));
    rest.remove_prefix(eol + 1);
  }
  return out;
}

const NoteVerifier* find_verifier(std::span<const NoteVerifier> verifiers,
                                  const NoteSignature& sig) {
  for (const NoteVerifier& v : verifiers) {
    if (v.name() == sig.name && v.key_id() == sig.key_id) return &v;
  }
  return nullptr;
}

bool already_listed(const std::vector<NoteSignature>& list, const NoteSignature& sig) {
  for (const NoteSignature& s : list) {
    if (s.name == sig.name && s.key_id == sig.key_id) return true;
  }
  return false;
}

}  // namespace

Status check_note_text(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return make_error(ErrorCode::kInvalid, "text", "a note text must end in a newline");
  }
  if (const std::optional<std::size_t> bad = first_bad_byte(text)) {
    return make_error(ErrorCode::kInvalid, "text",
                      "byte " + std::to_string(*bad) +
                          " is invalid UTF-8 or a control character other than newline");
  }
  return Status::Ok();
}

Result<std::string> sign_note(std::string_view text, std::span<const NoteSigner> signers) {
  SEMILLA_TRY(check_note_text(text));
  if (signers.empty() || signers.size() > kNoteSignaturesMax) {
    return make_error(ErrorCode::kInvalid, "signers",
                      "a note needs 1 to " + std::to_string(kNoteSignaturesMax) + " signers");
  }
  std::string note(text);
  note.push_back('\n');
  for (const NoteSigner& signer : signers) {
    Result<std::string> sig = signer.sign(text);
    if (!sig.ok()) return sig.error();
    const std::uint32_t id = signer.key_id();
    const char id_bytes[kKeyIdBytes] = {static_cast<char>(id >> 24U),
                                        static_cast<char>(id >> 16U),
                                        static_cast<char>(id >> 8U), static_cast<char>(id)};
    note += std::string(kSignaturePrefix) + signer.name() + " " +
            base64_encode(std::string(id_bytes, kKeyIdBytes) + *sig) + "\n";
  }
  return note;
}

Result<std::string> sign_note(std::string_view text, const NoteSigner& signer) {
  return sign_note(text, std::span<const NoteSigner>(&signer, 1));
}

Result<OpenedNote> open_note(std::string_view note, std::span<const NoteVerifier> verifiers) {
  Result<SplitNote> split = split_note(note);
  if (!split.ok()) return split.error();
  OpenedNote out;
  for (NoteSignature& sig : split->signatures) {
    const NoteVerifier* verifier = find_verifier(verifiers, sig);
    if (verifier == nullptr) {
      out.unverified.push_back(std::move(sig));
      continue;
    }
    Result<bool> valid = verifier->verify(split->text, sig.signature);
    if (!valid.ok()) return valid.error();
    if (!*valid) return verify_failed("the signature of " + verifier->to_string() + " is invalid");
    if (!already_listed(out.verified, sig)) out.verified.push_back(std::move(sig));
  }
  if (out.verified.empty()) {
    return verify_failed("no signature by a known key (" +
                         std::to_string(out.unverified.size()) + " by unknown keys)");
  }
  out.text = std::string(split->text);
  return out;
}

}  // namespace semilla::audit
