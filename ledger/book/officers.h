// SPDX-License-Identifier: Apache-2.0
// Officers and their roles (issue 11). A book without officer records is in single-user mode:
// its records carry no signature, as before. The first officer.add (an admin, signed by that
// admin's own key) ends it: from then on every record is signed by an active officer whose
// roles allow its kind (roles_for_kind). The rules live here once: check_signer for every
// record and check_change for the officer records, run by the Writer on the live book and
// by the replay (audit verify, book import) on the records. docs/audit-format.md §2.6.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/note_key.h"
#include "ledger/base/error.h"
#include "ledger/book/model.h"

namespace semilla::book {

inline constexpr std::string_view kKindOfficerAdd = "officer.add";
inline constexpr std::string_view kKindOfficerRoles = "officer.roles";
inline constexpr std::string_view kKindOfficerRevoke = "officer.revoke";
[[nodiscard]] bool is_officer_kind(std::string_view kind);

// A set of roles, one bit each, in the canonical (alphabetical) order of their names.
using RoleSet = std::uint8_t;
inline constexpr RoleSet kRoleAdmin = 1;     // officer changes and book settings
inline constexpr RoleSet kRoleApprover = 2;  // approvals (approvals.h)
inline constexpr RoleSet kRoleAuditor = 4;   // reads, and signs checkpoints
inline constexpr RoleSet kRoleRecorder = 8;  // the book's operations

// The names of `roles`, in canonical order ("admin", "recorder").
[[nodiscard]] std::vector<std::string> role_names(RoleSet roles);
// "admin, recorder" for messages.
[[nodiscard]] std::string role_list(RoleSet roles);
// The set named by `names`, each once, in any order (CLI) or, with `canonical`, sorted as
// role_names writes them (a payload). kInvalid naming `field` for an empty list, an unknown
// or repeated name, or (canonical) another order.
[[nodiscard]] Result<RoleSet> parse_roles(std::span<const std::string> names,
                                          std::string_view field, bool canonical);

// The roles of which a record of `kind` needs one: kRoleAdmin for officer records and book
// settings (status.define, milestone.define, loan.product, period.close, period.reopen,
// policy.set), kRoleAdmin or kRoleAuditor for checkpoint.sign, kRoleApprover for
// approval.approve and approval.reject, kRoleAdmin or kRoleRecorder for approval.request,
// kRoleRecorder for every other kind.
// book.init is never signed (no officer exists before it).
[[nodiscard]] RoleSet roles_for_kind(std::string_view kind);

struct Officer {
  std::string name;
  RoleSet roles = 0;
  std::string verifier_key;                      // as registered
  std::shared_ptr<const audit::NoteVerifier> key;  // parsed from it
  std::uint64_t added_seq = 0;
  std::optional<std::uint64_t> revoked_seq;      // the officer.revoke, when revoked
  std::string revoke_reason;
  [[nodiscard]] bool active() const { return !revoked_seq.has_value(); }
};

// The officers as the officer records before some record left them.
class OfficerRegistry {
 public:
  // No officer was ever registered: single-user mode.
  [[nodiscard]] bool empty() const { return officers_.empty(); }
  // The officer called `name`, active or revoked; nullptr when none.
  [[nodiscard]] const Officer* find(std::string_view name) const;
  // In registration order.
  [[nodiscard]] const std::vector<Officer>& officers() const { return officers_; }

  // Whether a record of `kind` signed by `signer` ("" when unsigned) may follow: in
  // single-user mode only an unsigned record, or the first officer.add (whose own rules are
  // check_change's); otherwise a record signed by an active officer holding one of
  // roles_for_kind(kind). kRefused naming `field` otherwise.
  [[nodiscard]] Status check_signer(std::string_view kind, std::string_view signer,
                                    std::string_view field) const;
  // The part of check_signer that does not depend on the kind: with officers, `signer` is an
  // active one. (A Writer checks it when it begins, before a command does any work.)
  [[nodiscard]] Status check_active(std::string_view signer, std::string_view field) const;

  // Every rule of an officer record (kind, name, roles, key and reason already decoded by
  // officer_from_payload or built by the command), against the officers so far:
  //  officer.add: a new name and a key no officer has; the first officer holds admin and
  //    signs their own registration;
  //  officer.roles: an active officer, roles that differ from theirs;
  //  officer.revoke: an active officer, a reason;
  //  and no change leaves the book without an active admin.
  // kNotFound / kAlreadyExists / kRefused / kInvalid naming the member ("name", "roles",
  // "verifier_key", "reason").
  [[nodiscard]] Status check_change(const OfficerRecord& r) const;
  // Applies a record check_change accepted.
  void apply(const OfficerRecord& r);

 private:
  [[nodiscard]] std::size_t active_admins() const;
  std::vector<Officer> officers_;
};

// The stateless rules of an officer record's members: a name audit::is_signer_name accepts,
// roles that parse (add, roles), a verifier key that parses (add), a reason of 1..200 bytes
// of text (revoke); the other members empty. kInvalid naming the member.
[[nodiscard]] Status check_officer_members(const OfficerRecord& r);

// The payload of an officer record: officer.add {name, roles, verifier_key},
// officer.roles {name, roles}, officer.revoke {name, reason}.
[[nodiscard]] nlohmann::json officer_payload(const OfficerRecord& r);
// Its inverse, with check_officer_members: kVerifyFailed naming "payload/<member>".
[[nodiscard]] Result<OfficerRecord> officer_from_payload(std::string_view kind,
                                                         const nlohmann::json& p,
                                                         std::uint64_t seq,
                                                         std::string_view signer);

}  // namespace semilla::book
