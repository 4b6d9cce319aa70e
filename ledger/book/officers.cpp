// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/officers.h"

#include <algorithm>
#include <array>

#include "audit/record_signature.h"
#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/book/approvals.h"
#include "ledger/book/payload_fields.h"

namespace semilla::book {
namespace {

struct RoleName {
  RoleSet role;
  std::string_view name;
};
// Canonical order: the names sorted, as a payload lists them.
constexpr std::array<RoleName, 4> kRoles = {{{kRoleAdmin, "admin"},
                                             {kRoleApprover, "approver"},
                                             {kRoleAuditor, "auditor"},
                                             {kRoleRecorder, "recorder"}}};

Error refused(std::string field, std::string message) {
  return make_error(ErrorCode::kRefused, std::move(field), std::move(message));
}

Error invalid(std::string field, std::string message) {
  return make_error(ErrorCode::kInvalid, std::move(field), std::move(message));
}

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The book's settings: records that change what later records may do, not the money.
// (The kinds of the grants and loans modules are spelt out: ledger/book does not see them.)
bool is_settings_kind(std::string_view kind) {
  return kind == "status.define" || kind == "milestone.define" || kind == "loan.product" ||
         kind == "period.close" || kind == "period.reopen" || kind == kKindPolicySet;
}

}  // namespace

bool is_officer_kind(std::string_view kind) {
  return kind == kKindOfficerAdd || kind == kKindOfficerRoles || kind == kKindOfficerRevoke;
}

std::vector<std::string> role_names(RoleSet roles) {
  std::vector<std::string> out;
  for (const auto& r : kRoles) {
    if ((roles & r.role) != 0) out.emplace_back(r.name);
  }
  return out;
}

std::string role_list(RoleSet roles) {
  std::string out;
  for (const auto& name : role_names(roles)) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "no role" : out;
}

Result<RoleSet> parse_roles(std::span<const std::string> names, std::string_view field,
                            bool canonical) {
  if (names.empty()) {
    return invalid(std::string(field), "give at least one role: admin, approver, auditor or "
                                       "recorder");
  }
  RoleSet out = 0;
  std::size_t last = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto it = std::find_if(kRoles.begin(), kRoles.end(),
                           [&](const RoleName& r) { return r.name == names[i]; });
    if (it == kRoles.end()) {
      return invalid(std::string(field), in_quotes(names[i]) + " is not a role: admin, approver, "
                                                            "auditor or recorder");
    }
    if ((out & it->role) != 0) {
      return invalid(std::string(field), "role " + in_quotes(names[i]) + " is given twice");
    }
    const auto index = static_cast<std::size_t>(it - kRoles.begin());
    if (canonical && i > 0 && index < last) {
      return invalid(std::string(field), "roles are listed in alphabetical order");
    }
    last = index;
    out = static_cast<RoleSet>(out | it->role);
  }
  return out;
}

RoleSet roles_for_kind(std::string_view kind) {
  if (is_officer_kind(kind) || is_settings_kind(kind)) return kRoleAdmin;
  if (kind == "checkpoint.sign") return static_cast<RoleSet>(kRoleAdmin | kRoleAuditor);
  if (kind == kKindApprovalApprove || kind == kKindApprovalReject) return kRoleApprover;
  // A request's maker needs the role of the operation's own kind (ApprovalBook::step).
  if (kind == kKindApprovalRequest) return static_cast<RoleSet>(kRoleAdmin | kRoleRecorder);
  return kRoleRecorder;
}

const Officer* OfficerRegistry::find(std::string_view name) const {
  for (const auto& o : officers_) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

std::size_t OfficerRegistry::active_admins() const {
  return static_cast<std::size_t>(std::count_if(
      officers_.begin(), officers_.end(),
      [](const Officer& o) { return o.active() && (o.roles & kRoleAdmin) != 0; }));
}

Status OfficerRegistry::check_active(std::string_view signer, std::string_view field) const {
  const std::string at(field);
  if (officers_.empty()) return Status::Ok();
  if (signer.empty()) {
    return refused(at, "this book has officers, so every change is signed: give --as NAME "
                       "--key FILE (or SEMILLA_OFFICER and SEMILLA_KEY)");
  }
  const Officer* o = find(signer);
  if (o == nullptr) return refused(at, in_quotes(signer) + " is not an officer of this book");
  if (!o->active()) {
    return refused(at, "officer " + in_quotes(signer) + " was revoked (record " +
                           std::to_string(*o->revoked_seq) + ": " + o->revoke_reason + ")");
  }
  return Status::Ok();
}

Status OfficerRegistry::check_signer(std::string_view kind, std::string_view signer,
                                     std::string_view field) const {
  const std::string at(field);
  if (officers_.empty()) {
    if (kind == kKindOfficerAdd) {
      if (signer.empty()) {
        return refused(at, "the first officer signs their own registration: give --as NAME "
                           "--key FILE with the new officer's key");
      }
      return Status::Ok();  // that the signer is the new admin is check_change's rule
    }
    if (signer.empty()) return Status::Ok();  // single-user mode
    return refused(at, "this book has no officers: " + in_quotes(signer) +
                           " cannot sign (register the first with `semilla officer add`)");
  }
  SEMILLA_TRY(check_active(signer, field));
  const Officer* o = find(signer);
  const RoleSet needed = roles_for_kind(kind);
  if ((o->roles & needed) == 0) {
    return refused(at, "officer " + in_quotes(signer) + " (" + role_list(o->roles) +
                           ") may not write " + std::string(kind) + ": it needs the role " +
                           role_list(needed));
  }
  return Status::Ok();
}

Status OfficerRegistry::check_change(const OfficerRecord& r) const {
  SEMILLA_TRY(check_officer_members(r));
  const Officer* o = find(r.name);
  if (r.kind == kKindOfficerAdd) {
    if (o != nullptr) {
      return make_error(ErrorCode::kAlreadyExists, "name",
                        "officer " + in_quotes(r.name) +
                            " exists already (names are never reused)");
    }
    for (const auto& other : officers_) {
      if (other.verifier_key == r.verifier_key) {
        return make_error(ErrorCode::kAlreadyExists, "verifier_key",
                          "the key is officer " + in_quotes(other.name) + "'s: each officer has "
                          "a key of their own");
      }
    }
    if (officers_.empty()) {
      auto roles = parse_roles(r.roles, "roles", true);
      if (roles.ok() && (*roles & kRoleAdmin) == 0) {
        return refused("roles", "the first officer must hold the role admin: only an admin "
                                "may register the others");
      }
      if (r.signer != r.name) {
        return refused("name", "the first officer signs their own registration (signed by " +
                                   in_quotes(r.signer) + ")");
      }
    }
    return Status::Ok();
  }
  if (o == nullptr) {
    return make_error(ErrorCode::kNotFound, "name", "no officer " + in_quotes(r.name));
  }
  if (!o->active()) return refused("name", "officer " + in_quotes(r.name) + " was revoked");
  RoleSet after = 0;
  if (r.kind == kKindOfficerRoles) {
    auto roles = parse_roles(r.roles, "roles", true);
    if (!roles.ok()) return roles.error();
    if (*roles == o->roles) {
      return make_error(ErrorCode::kAlreadyExists, "roles",
                        "officer " + in_quotes(r.name) + " holds exactly " + role_list(*roles));
    }
    after = *roles;
  }
  if ((o->roles & kRoleAdmin) != 0 && (after & kRoleAdmin) == 0 && active_admins() == 1) {
    return refused("name", "officer " + in_quotes(r.name) + " is the last active admin: register "
                           "or appoint another admin first");
  }
  return Status::Ok();
}

void OfficerRegistry::apply(const OfficerRecord& r) {
  if (r.kind == kKindOfficerAdd) {
    auto key = audit::NoteVerifier::parse(r.verifier_key);
    Officer o{r.name, 0, r.verifier_key, nullptr, r.audit_seq, std::nullopt, ""};
    if (auto roles = parse_roles(r.roles, "roles", true); roles.ok()) o.roles = *roles;
    if (key.ok()) o.key = std::make_shared<const audit::NoteVerifier>(std::move(*key));
    officers_.push_back(std::move(o));
    return;
  }
  for (auto& o : officers_) {
    if (o.name != r.name) continue;
    if (r.kind == kKindOfficerRoles) {
      if (auto roles = parse_roles(r.roles, "roles", true); roles.ok()) o.roles = *roles;
    } else {
      o.revoked_seq = r.audit_seq;
      o.revoke_reason = r.reason;
    }
  }
}

Status check_officer_members(const OfficerRecord& r) {
  if (!is_officer_kind(r.kind)) {
    return invalid("kind", in_quotes(r.kind) + " is not an officer kind");
  }
  if (!audit::is_signer_name(r.name)) {
    return invalid("name", in_quotes(r.name) + " is not an officer name: 1 to 64 ASCII letters, "
                                            "digits and . _ @ -, starting with a letter or "
                                            "digit");
  }
  const bool with_roles = r.kind != kKindOfficerRevoke;
  if (with_roles) {
    auto roles = parse_roles(r.roles, "roles", true);
    if (!roles.ok()) return roles.error();
  } else if (!r.roles.empty()) {
    return invalid("roles", "officer.revoke carries no roles");
  }
  if (r.kind == kKindOfficerAdd) {
    auto key = audit::NoteVerifier::parse(r.verifier_key);
    if (!key.ok()) return invalid("verifier_key", key.error().message);
    if (key->to_string() != r.verifier_key) {  // one spelling: the key ID in lower case
      return invalid("verifier_key", "not written as `semilla keys generate` prints it: " +
                                         key->to_string());
    }
  } else if (!r.verifier_key.empty()) {
    return invalid("verifier_key", "only officer.add carries a key");
  }
  if (r.kind == kKindOfficerRevoke) {
    return check_text(r.reason, "reason", limits::kNameBytesMax, false);
  }
  if (!r.reason.empty()) return invalid("reason", "only officer.revoke carries a reason");
  return Status::Ok();
}

nlohmann::json officer_payload(const OfficerRecord& r) {
  nlohmann::json p{{"name", r.name}};
  if (r.kind != kKindOfficerRevoke) p["roles"] = r.roles;
  if (r.kind == kKindOfficerAdd) p["verifier_key"] = r.verifier_key;
  if (r.kind == kKindOfficerRevoke) p["reason"] = r.reason;
  return p;
}

Result<OfficerRecord> officer_from_payload(std::string_view kind, const nlohmann::json& p,
                                           std::uint64_t seq, std::string_view signer) {
  OfficerRecord r{seq, std::string(kind), "", {}, "", "", std::string(signer)};
  if (kind == kKindOfficerAdd) {
    SEMILLA_TRY(payload_members(p, {"name", "roles", "verifier_key"}));
  } else if (kind == kKindOfficerRoles) {
    SEMILLA_TRY(payload_members(p, {"name", "roles"}));
  } else {
    SEMILLA_TRY(payload_members(p, {"name", "reason"}));
  }
  auto name = payload_string(p, "name");
  if (!name.ok()) return name.error();
  r.name = std::move(*name);
  if (kind != kKindOfficerRevoke) {
    auto roles = p.find("roles");
    if (roles == p.end() || !roles->is_array()) {
      return payload_error("roles", "missing or not an array");
    }
    for (const auto& role : *roles) {
      if (!role.is_string()) return payload_error("roles", "holds an element that is not a string");
      r.roles.push_back(role.get<std::string>());
    }
  }
  if (kind == kKindOfficerAdd) {
    auto key = payload_string(p, "verifier_key");
    if (!key.ok()) return key.error();
    r.verifier_key = std::move(*key);
  }
  if (kind == kKindOfficerRevoke) {
    auto reason = payload_string(p, "reason");
    if (!reason.ok()) return reason.error();
    r.reason = std::move(*reason);
  }
  if (auto s = check_officer_members(r); !s.ok()) {
    return payload_error(s.error().field, s.error().message);
  }
  return r;
}

}  // namespace semilla::book
