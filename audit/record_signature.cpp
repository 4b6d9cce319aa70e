// SPDX-License-Identifier: Apache-2.0
#include "audit/record_signature.h"

#include "audit/hash.h"

namespace semilla::audit {
namespace {

constexpr std::string_view kTimeMember = ",\"time\":\"";
constexpr std::string_view kSignerMember = ",\"signer\":\"";
constexpr std::string_view kSigMember = ",\"sig\":\"";

// `bytes` with the member `member` + `value` + '"' inserted at `at`.
std::string member_inserted(std::string_view bytes, std::size_t at, std::string_view member,
                            std::string_view value) {
  std::string out;
  out.reserve(bytes.size() + member.size() + value.size() + 1);
  out.append(bytes.substr(0, at));
  out.append(member);
  out.append(value);
  out.push_back('"');
  out.append(bytes.substr(at));
  return out;
}

}  // namespace

bool is_signer_name(std::string_view name) {
  if (name.empty() || name.size() > kSignerNameBytesMax) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(name.front())) return false;
  for (char c : name) {
    if (!(alnum(c) || c == '.' || c == '_' || c == '@' || c == '-')) return false;
  }
  return true;
}

Result<std::string> with_signer(std::string_view unsigned_bytes, std::string_view signer) {
  if (!is_signer_name(signer)) {
    return make_error(ErrorCode::kInvalid, "/signer",
                      "an officer name is 1 to 64 ASCII letters, digits and . _ @ -, starting "
                      "with a letter or digit");
  }
  // `time` and `v` are the last members and hold no quote or comma of their own, so the last
  // occurrence of the time member's opening is the top-level one.
  const std::size_t at = unsigned_bytes.rfind(kTimeMember);
  if (at == std::string_view::npos) {
    return make_error(ErrorCode::kInvalid, "/time", "not the bytes of an unsigned record");
  }
  return member_inserted(unsigned_bytes, at, kSignerMember, signer);
}

Result<std::string> with_sig(std::string_view message, std::string_view signature) {
  const std::size_t at = message.rfind(kSignerMember);
  if (at == std::string_view::npos) {
    return make_error(ErrorCode::kInvalid, "/signer", "the message has no signer member");
  }
  return member_inserted(message, at, kSigMember, base64_encode(signature));
}

Result<std::string> signed_message(std::string_view signed_bytes) {
  // A canonical string holds a quote only escaped, so ,"sig":" opens a member; the members
  // after it (signer, time, v) are plain, so the last occurrence is the top-level one.
  const std::size_t at = signed_bytes.rfind(kSigMember);
  const std::size_t value = at == std::string_view::npos ? at : at + kSigMember.size();
  const std::size_t end = value == std::string_view::npos ? value : signed_bytes.find('"', value);
  if (end == std::string_view::npos ||
      signed_bytes.compare(end + 1, kSignerMember.size(), kSignerMember) != 0) {
    return make_error(ErrorCode::kVerifyFailed, "", "the record has no sig member before signer");
  }
  std::string out;
  out.reserve(signed_bytes.size() - (end + 1 - at));
  out.append(signed_bytes.substr(0, at));
  out.append(signed_bytes.substr(end + 1));
  return out;
}

}  // namespace semilla::audit
