// SPDX-License-Identifier: Apache-2.0
// The officers' rules (ledger/book/officers.h): who may sign which record kind, and what an
// officer record may change. The writer and the replay both run these functions, so these
// cases are what a command refuses and what verify refuses alike.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "audit/note_key.h"
#include "ledger/book/officers.h"

namespace semilla::book {
namespace {

std::string vkey(const std::string& name) {
  return audit::NoteSigner::from_seed(name, std::string(32, name[0]))
      .value()
      .verifier()
      .to_string();
}

OfficerRecord add(const std::string& name, std::vector<std::string> roles,
                  const std::string& signer, std::uint64_t seq = 1) {
  return OfficerRecord{seq, std::string(kKindOfficerAdd), name, std::move(roles), vkey(name), "",
                       signer};
}

// ana (admin), luis (recorder), eva (approver, auditor).
OfficerRegistry three() {
  OfficerRegistry r;
  for (const auto& o : {add("ana", {"admin"}, "ana", 1), add("luis", {"recorder"}, "ana", 2),
                        add("eva", {"approver", "auditor"}, "ana", 3)}) {
    EXPECT_TRUE(r.check_change(o).ok()) << o.name << ": " << r.check_change(o).error().message;
    r.apply(o);
  }
  return r;
}

TEST(Officers, RolesParseInAnyOrderFromTheCommandLineAndSortedFromAPayload) {
  const std::vector<std::string> given{"recorder", "admin"};
  auto cli = parse_roles(given, "--role", false);
  ASSERT_TRUE(cli.ok());
  EXPECT_EQ(role_names(*cli), (std::vector<std::string>{"admin", "recorder"}));
  EXPECT_FALSE(parse_roles(given, "roles", true).ok());
  EXPECT_FALSE(parse_roles(std::vector<std::string>{}, "roles", false).ok());
  EXPECT_FALSE(parse_roles(std::vector<std::string>{"boss"}, "roles", false).ok());
  EXPECT_FALSE(parse_roles(std::vector<std::string>{"admin", "admin"}, "roles", false).ok());
}

TEST(Officers, TheRoleMatrix) {
  EXPECT_EQ(roles_for_kind("officer.add"), kRoleAdmin);
  EXPECT_EQ(roles_for_kind("status.define"), kRoleAdmin);
  EXPECT_EQ(roles_for_kind("period.reopen"), kRoleAdmin);
  EXPECT_EQ(roles_for_kind("checkpoint.sign"), kRoleAdmin | kRoleAuditor);
  EXPECT_EQ(roles_for_kind("transaction.post"), kRoleRecorder);
  EXPECT_EQ(roles_for_kind("grant.disburse"), kRoleRecorder);
}

TEST(Officers, SingleUserModeTakesUnsignedRecordsAndTheFirstSignedAdd) {
  OfficerRegistry none;
  EXPECT_TRUE(none.check_signer("transaction.post", "", "signer").ok());
  EXPECT_FALSE(none.check_signer("transaction.post", "ana", "signer").ok());
  EXPECT_FALSE(none.check_signer("officer.add", "", "signer").ok());
  EXPECT_TRUE(none.check_signer("officer.add", "ana", "signer").ok());
  // The first officer is an admin who signs their own registration.
  EXPECT_FALSE(none.check_change(add("ana", {"recorder"}, "ana")).ok());
  EXPECT_FALSE(none.check_change(add("ana", {"admin"}, "luis")).ok());
  EXPECT_TRUE(none.check_change(add("ana", {"admin", "recorder"}, "ana")).ok());
}

TEST(Officers, EveryWriteIsSignedByAnActiveOfficerWithTheRole) {
  OfficerRegistry r = three();
  EXPECT_FALSE(r.check_signer("transaction.post", "", "signer").ok());
  EXPECT_TRUE(r.check_signer("transaction.post", "luis", "signer").ok());
  EXPECT_FALSE(r.check_signer("transaction.post", "ana", "signer").ok());
  EXPECT_FALSE(r.check_signer("officer.add", "luis", "signer").ok());
  EXPECT_TRUE(r.check_signer("officer.add", "ana", "signer").ok());
  EXPECT_TRUE(r.check_signer("checkpoint.sign", "eva", "signer").ok());
  EXPECT_FALSE(r.check_signer("transaction.post", "mallory", "signer").ok());
  OfficerRecord revoke{4, std::string(kKindOfficerRevoke), "luis", {}, "", "Left", "ana"};
  ASSERT_TRUE(r.check_change(revoke).ok());
  r.apply(revoke);
  auto refused = r.check_signer("transaction.post", "luis", "signer");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("revoked (record 4: Left)"), std::string::npos);
}

TEST(Officers, ChangesFollowTheRules) {
  OfficerRegistry r = three();
  EXPECT_EQ(r.check_change(add("luis", {"recorder"}, "ana")).error().code,
            ErrorCode::kAlreadyExists);
  OfficerRecord same_key = add("maria", {"recorder"}, "ana");
  same_key.verifier_key = vkey("luis");
  EXPECT_EQ(r.check_change(same_key).error().field, "verifier_key");
  OfficerRecord roles{5, std::string(kKindOfficerRoles), "luis", {"recorder"}, "", "", "ana"};
  EXPECT_EQ(r.check_change(roles).error().code, ErrorCode::kAlreadyExists);
  roles.roles = {"approver", "recorder"};
  EXPECT_TRUE(r.check_change(roles).ok());
  OfficerRecord nobody{5, std::string(kKindOfficerRevoke), "nobody", {}, "", "x", "ana"};
  EXPECT_EQ(r.check_change(nobody).error().code, ErrorCode::kNotFound);
  // The last active admin stays one.
  OfficerRecord last{5, std::string(kKindOfficerRevoke), "ana", {}, "", "Gone", "ana"};
  EXPECT_FALSE(r.check_change(last).ok());
  OfficerRecord demote{5, std::string(kKindOfficerRoles), "ana", {"recorder"}, "", "", "ana"};
  EXPECT_FALSE(r.check_change(demote).ok());
  OfficerRecord second_admin{5, std::string(kKindOfficerRoles), "eva", {"admin"}, "", "", "ana"};
  ASSERT_TRUE(r.check_change(second_admin).ok());
  r.apply(second_admin);
  EXPECT_TRUE(r.check_change(last).ok());
  OfficerRecord no_reason{6, std::string(kKindOfficerRevoke), "luis", {}, "", "", "ana"};
  EXPECT_FALSE(r.check_change(no_reason).ok());
}

TEST(Officers, PayloadsRoundTripAndRefuseWhatNoCommandWrites) {
  const OfficerRecord a = add("ana", {"admin", "recorder"}, "ana", 9);
  auto back = officer_from_payload(a.kind, officer_payload(a), 9, "ana");
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(*back, a);
  nlohmann::json p = officer_payload(a);
  p["reason"] = "x";
  EXPECT_FALSE(officer_from_payload(a.kind, p, 9, "ana").ok());
  p = officer_payload(a);
  p["roles"] = {"recorder", "admin"};
  EXPECT_EQ(officer_from_payload(a.kind, p, 9, "ana").error().field, "payload/roles");
  // The key ID in upper-case hex is the same key, spelt otherwise: refused.
  std::string key = a.verifier_key;
  const std::size_t id = key.find('+') + 1;
  for (std::size_t i = id; i < id + 8; ++i) {
    if (key[i] >= 'a' && key[i] <= 'f') key[i] = static_cast<char>(key[i] - 'a' + 'A');
  }
  p = officer_payload(a);
  p["verifier_key"] = key;
  if (key != a.verifier_key) {
    EXPECT_FALSE(officer_from_payload(a.kind, p, 9, "ana").ok());
  }
  OfficerRecord revoke{3, std::string(kKindOfficerRevoke), "luis", {}, "", "Left", "ana"};
  auto r = officer_from_payload(revoke.kind, officer_payload(revoke), 3, "ana");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, revoke);
}

}  // namespace
}  // namespace semilla::book
