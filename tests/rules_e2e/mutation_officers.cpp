// SPDX-License-Identifier: Apache-2.0
// Rule breakers of the officers (issue 11): officer records that no admin could have written,
// and records signed by the wrong officer, by no officer, or not at all. The forger holds every
// officer's key (forge.h's sign_record), so a changed record is signed again and only the
// rules can object; a signature bent after signing is what a forger without the key can do.
#include "audit/hash.h"
#include "audit/note_key.h"
#include "tests/rules_e2e/mutation_catalogue.h"

namespace semilla::rules_e2e {
namespace {

using Change = std::function<void(json& record)>;

// Index of the n-th record of `kind` signed by `signer` ("" for unsigned), if any.
std::optional<std::size_t> signed_by(const Records& records, std::string_view kind,
                                     const std::string& signer, std::size_t n = 0) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    const json& r = records[i];
    if (kind_of(r) != kind || r.value("signer", "") != signer) continue;
    if (n-- == 0) return i;
  }
  return std::nullopt;
}

void edit(Catalogue& c, std::optional<std::size_t> i, const std::string& what, Expect e,
          const Change& change) {
  if (i) c.edit(*i, what, e, change);
}

void sealed(Catalogue& c, std::optional<std::size_t> i, const std::string& what, Expect e,
            const Change& change) {
  if (i) c.sealed(*i, what, e, change);
}

void add_rules(Catalogue& c) {
  const auto first = signed_by(c.records(), "officer.add", "ana");
  const auto second = signed_by(c.records(), "officer.add", "ana", 1);
  auto payload = [](const char* member, json value) {
    return [member, value](json& r) { r["payload"][member] = value; };
  };
  edit(c, first, "first officer a recorder", Expect::kRefuse,
       payload("roles", json::array({"recorder"})));
  edit(c, first, "roles out of order", Expect::kRefuse,
       payload("roles", json::array({"recorder", "admin"})));
  edit(c, first, "roles empty", Expect::kRefuse, payload("roles", json::array()));
  edit(c, first, "role boss", Expect::kRefuse, payload("roles", json::array({"boss"})));
  edit(c, first, "roles a string", Expect::kRefuse, payload("roles", "admin"));
  edit(c, first, "verifier_key not a key", Expect::kRefuse, payload("verifier_key", "x"));
  edit(c, first, "name with a space", Expect::kRefuse, payload("name", "ana perez"));
  edit(c, first, "first officer signed by luis", Expect::kRefuse,
       [](json& r) { r["signer"] = "luis"; });
  if (first && second) {
    const json luis_key = c.records()[*second]["payload"]["verifier_key"];
    edit(c, first, "first officer registers luis's key", Expect::kRefuse,
         payload("verifier_key", luis_key));
  }
  edit(c, second, "second officer named ana", Expect::kRefuse, payload("name", "ana"));
  edit(c, second, "second officer also an admin", Expect::kAccept,
       payload("roles", json::array({"admin", "recorder"})));
  edit(c, second, "luis signs his own registration", Expect::kRefuse,
       [](json& r) { r["signer"] = "luis"; });
  edit(c, second, "member reason added", Expect::kRefuse, payload("reason", "x"));
  if (first) {
    c.whole("officer.add", "first officer added again at the end", Expect::kRefuse,
            [i = *first](Records& r) { r.push_back(r[i]); });
  }
  if (second) {
    c.whole("officer.add", "luis's registration dropped", Expect::kRefuse,
            [i = *second](Records& r) { r.erase(r.begin() + static_cast<std::ptrdiff_t>(i)); });
  }
}

void change_rules(Catalogue& c) {
  const auto roles = signed_by(c.records(), "officer.roles", "ana");
  const auto revoke = signed_by(c.records(), "officer.revoke", "ana");
  auto payload = [](const char* member, json value) {
    return [member, value](json& r) { r["payload"][member] = value; };
  };
  edit(c, roles, "roles unchanged", Expect::kRefuse, payload("roles", json::array({"approver"})));
  edit(c, roles, "officer nobody", Expect::kRefuse, payload("name", "nobody"));
  edit(c, roles, "last admin demoted", Expect::kRefuse, [](json& r) {
    r["payload"]["name"] = "ana";
    r["payload"]["roles"] = json::array({"recorder"});
  });
  edit(c, roles, "signed by eva (approver)", Expect::kRefuse,
       [](json& r) { r["signer"] = "eva"; });
  edit(c, roles, "member verifier_key added", Expect::kRefuse,
       payload("verifier_key", "x"));
  edit(c, revoke, "reason empty", Expect::kRefuse, payload("reason", ""));
  edit(c, revoke, "last admin revoked", Expect::kRefuse, payload("name", "ana"));
  edit(c, revoke, "eva revoked (she posts after)", Expect::kRefuse, payload("name", "eva"));
  edit(c, revoke, "another reason", Expect::kAccept, payload("reason", "Moved to Quito"));
  edit(c, revoke, "member roles added", Expect::kRefuse, payload("roles", json::array()));
  if (revoke) {
    c.whole("officer.revoke", "luis revoked twice", Expect::kRefuse,
            [i = *revoke](Records& r) { r.push_back(r[i]); });
  }
}

// The signature of `message` by a key that is no officer's.
std::string stranger_sig(const json& record) {
  json message = record;
  message.erase("sig");
  const auto key = audit::NoteSigner::from_seed("luis", std::string(32, 'm')).value();
  return audit::base64_encode(key.sign(message.dump()).value());
}

}  // namespace

void officer_rules(Catalogue& c) {
  add_rules(c);
  change_rules(c);
}

void signature_rules(Catalogue& c) {
  const auto luis_post = signed_by(c.records(), "transaction.post", "luis");
  const auto eva_last = signed_by(c.records(), "transaction.post", "eva", 1);
  const auto before = signed_by(c.records(), "transaction.post", "");
  const auto checkpoint = signed_by(c.records(), "checkpoint.sign", "ana");
  sealed(c, luis_post, "a byte of sig flipped", Expect::kRefuse, [](json& r) {
    std::string sig = audit::base64_decode(r["sig"].get<std::string>()).value();
    sig[10] = static_cast<char>(sig[10] ^ 0x01);
    r["sig"] = audit::base64_encode(sig);
  });
  sealed(c, luis_post, "re-signed by a key that is no officer's", Expect::kRefuse,
         [](json& r) { r["sig"] = stranger_sig(r); });
  sealed(c, luis_post, "sig 64 bytes of garbage", Expect::kRefuse,
         [](json& r) { r["sig"] = audit::base64_encode(std::string(64, '\x07')); });
  sealed(c, luis_post, "sig not base64", Expect::kRefuse, [](json& r) { r["sig"] = "%%"; });
  sealed(c, luis_post, "sig removed, signer kept", Expect::kRefuse,
         [](json& r) { r.erase("sig"); });
  edit(c, luis_post, "unsigned after the first officer", Expect::kRefuse, [](json& r) {
    r.erase("signer");
    r.erase("sig");
  });
  edit(c, luis_post, "signed by eva (approver)", Expect::kRefuse,
       [](json& r) { r["signer"] = "eva"; });
  edit(c, luis_post, "signed by ana (admin only)", Expect::kRefuse,
       [](json& r) { r["signer"] = "ana"; });
  edit(c, luis_post, "signed by mallory (no officer)", Expect::kRefuse,
       [](json& r) { r["signer"] = "mallory"; });
  edit(c, luis_post, "memo changed and signed again by luis", Expect::kAccept,
       [](json& r) { r["payload"]["memo"] = "Course (2 days)"; });
  edit(c, eva_last, "signed by luis after his revocation", Expect::kRefuse,
       [](json& r) { r["signer"] = "luis"; });
  edit(c, before, "signed before any officer", Expect::kRefuse,
       [](json& r) { r["signer"] = "ana"; });
  edit(c, checkpoint, "checkpoint signed by luis (recorder)", Expect::kRefuse,
       [](json& r) { r["signer"] = "luis"; });
}

}  // namespace semilla::rules_e2e
