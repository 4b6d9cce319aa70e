// SPDX-License-Identifier: Apache-2.0
// Issue 11 through the real binary: three officers (admin ana, recorder luis, approver eva).
// Every write after the first officer is signed by an officer whose role allows it; unsigned,
// wrongly signed and revoked writes are refused and change nothing; verify finds a record
// whose signature byte was flipped or that a key of no officer signed again.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "audit/canonical_json.h"
#include "audit/hash.h"
#include "tests/rules_e2e/books.h"
#include "tests/rules_e2e/forge.h"

namespace semilla::rules_e2e {
namespace {

using ::testing::HasSubstr;
using Args = std::vector<std::string>;

// The number of records in the book's log (what a refused command must leave unchanged).
std::uint64_t records_of(const e2e::Cli& cli) {
  const auto out = nlohmann::json::parse(cli.ok({"--json", "audit", "verify"}));
  return out.at("records").get<std::uint64_t>();
}

class OfficersE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    start_book(cli_, "Officers");
    for (const char* name : {"ana", "luis", "eva", "mallory"}) {
      files_[name] = cli_.dir() + "/" + name + ".key";
      std::string vkey = cli_.ok({"keys", "generate", name, "--out", files_[name]});
      vkey.pop_back();
      vkeys_[name] = vkey;
    }
  }

  // `semilla --as NAME --key FILE ARGS...`
  [[nodiscard]] e2e::RunResult as(const std::string& name, const Args& args,
                                  const std::string& key = "") const {
    Args all{"--as", name, "--key", key.empty() ? files_.at(name) : files_.at(key)};
    all.insert(all.end(), args.begin(), args.end());
    return cli_.run(all);
  }
  void ok_as(const std::string& name, const Args& args) const {
    const auto r = as(name, args);
    ASSERT_EQ(r.exit_code, 0) << name << " " << args.front() << ": " << r.err;
  }
  // Refused with exit 1, the book unchanged, the message naming `why`.
  void refused(const e2e::RunResult& r, const std::string& why, std::uint64_t before) const {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_THAT(r.err, HasSubstr(why));
    EXPECT_EQ(records_of(cli_), before);
  }
  void three_officers() {
    ok_as("ana", {"officer", "add", "ana", "--role", "admin", "--key", vkeys_["ana"]});
    ok_as("ana", {"officer", "add", "luis", "--role", "recorder", "--key", vkeys_["luis"]});
    ok_as("ana", {"officer", "add", "eva", "--role", "approver", "--key", vkeys_["eva"]});
  }
  static Args post(const std::string& date, const std::string& amount) {
    return {"post",    "--date", date, "--memo", "Course " + date, "--debit",
            "Expenses:Training=" + amount, "--credit", "Assets:Bank=" + amount};
  }

  e2e::Cli cli_;
  std::map<std::string, std::string> files_, vkeys_;
};

TEST_F(OfficersE2E, TheFirstOfficerIsAnAdminSigningTheirOwnRegistration) {
  const std::uint64_t n = records_of(cli_);
  refused(cli_.run({"officer", "add", "ana", "--role", "admin", "--key", vkeys_["ana"]}),
          "the first officer signs their own registration", n);
  refused(as("ana", {"officer", "add", "ana", "--role", "recorder", "--key", vkeys_["ana"]}),
          "the first officer must hold the role admin", n);
  refused(as("ana", {"officer", "add", "ana", "--role", "admin", "--key", vkeys_["ana"]}, "luis"),
          "is not the key of --key", n);
  refused(as("luis", {"officer", "add", "ana", "--role", "admin", "--key", vkeys_["ana"]}),
          "signs their own registration", n);
  const auto list = nlohmann::json::parse(cli_.ok({"--json", "officer", "list"}));
  EXPECT_TRUE(list.at("single_user").get<bool>());
  ok_as("ana", {"officer", "add", "ana", "--role", "admin", "--key", vkeys_["ana"]});
  EXPECT_EQ(records_of(cli_), n + 1);
}

TEST_F(OfficersE2E, EveryWriteIsSignedByAnOfficerWhoseRoleAllowsIt) {
  three_officers();
  ok_as("luis", post("2026-02-01", "10.00"));
  std::uint64_t n = records_of(cli_);
  refused(cli_.run(post("2026-02-02", "11.00")), "every change is signed", n);
  refused(as("ana", post("2026-02-02", "11.00")), "needs the role recorder", n);
  refused(as("eva", post("2026-02-02", "11.00")), "needs the role recorder", n);
  refused(as("mallory", post("2026-02-02", "11.00")), "is not an officer of this book", n);
  refused(as("luis", post("2026-02-02", "11.00"), "eva"),
          "this key is not the one registered for officer \"luis\"", n);
  // A recorder cannot change officers; an admin can.
  refused(as("luis", {"officer", "roles", "luis", "--role", "admin"}), "needs the role admin", n);
  refused(as("luis", {"officer", "add", "mallory", "--role", "recorder", "--key",
                      vkeys_["mallory"]}),
          "needs the role admin", n);
  refused(as("ana", {"officer", "add", "eva2", "--role", "recorder", "--key", vkeys_["eva"]}),
          "each officer has a key of their own", n);
  refused(as("ana", {"officer", "revoke", "ana", "--reason", "Leaving"}), "last active admin", n);
  // Revoked: luis signs nothing more, and the same name is never registered again.
  ok_as("ana", {"officer", "revoke", "luis", "--reason", "Left the programme"});
  n = records_of(cli_);
  refused(as("luis", post("2026-02-03", "12.00")), "was revoked", n);
  refused(as("ana", {"officer", "add", "luis", "--role", "recorder", "--key",
                     vkeys_["mallory"]}),
          "names are never reused", n);
  ok_as("ana", {"officer", "roles", "eva", "--role", "approver", "--role", "recorder"});
  ok_as("eva", post("2026-02-03", "12.00"));
  ok_as("eva", {"--actor", "eva-office", "reverse", "2", "--date", "2026-02-04", "--reason",
                "typed twice"});
  // A batch is signed record by record like any command, and refused unsigned.
  const std::string batch = cli_.dir() + "/batch.json";
  e2e::spit(batch, R"({"format": "semilla-batch", "version": 1, "operations": [
      {"type": "enterprise", "id": "EC-009", "kind": "individual", "sex": "female"},
      {"type": "transaction", "external_id": "B-1", "date": "2026-02-05", "memo": "Batch",
       "postings": [{"account": "Expenses:Training", "side": "debit", "amount": "5.00"},
                    {"account": "Assets:Bank", "side": "credit", "amount": "5.00"}]}]})");
  n = records_of(cli_);
  refused(cli_.run({"batch", "import", batch}), "every change is signed", n);
  ok_as("eva", {"batch", "import", batch});
  EXPECT_EQ(records_of(cli_), n + 2);
  const auto list = nlohmann::json::parse(cli_.ok({"--json", "officer", "list"}));
  ASSERT_EQ(list.at("officers").size(), 3U);
  EXPECT_FALSE(list["officers"][1]["active"].get<bool>());
  EXPECT_EQ(list["officers"][1]["revoke_reason"], "Left the programme");
  EXPECT_EQ(list["officers"][2]["roles"], nlohmann::json::array({"approver", "recorder"}));
  EXPECT_THAT(cli_.ok({"officer", "list", "--csv"}), HasSubstr("officer,roles,active"));
  e2e::expect_verifies_and_imports(cli_);
}

TEST_F(OfficersE2E, AKeyFileOthersMayReadIsRefused) {
  three_officers();
  ASSERT_EQ(::chmod(files_["luis"].c_str(), 0644), 0);
  const std::uint64_t n = records_of(cli_);
  const auto r = as("luis", post("2026-02-01", "10.00"));
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("chmod 600"));
  EXPECT_EQ(records_of(cli_), n);
  // The environment gives the officer as well; a name without a key is a usage error.
  ASSERT_EQ(::chmod(files_["luis"].c_str(), 0600), 0);
  e2e::Cli& cli = cli_;
  cli.env = {"SEMILLA_OFFICER=luis", "SEMILLA_KEY=" + files_["luis"]};
  cli.ok(post("2026-02-01", "10.00"));
  cli.env = {"SEMILLA_OFFICER=luis"};
  EXPECT_EQ(cli.run(post("2026-02-02", "10.00")).exit_code, 2);
}

// The records of the book's bundle, changed by `change` and sealed again (chain, tree and
// checkpoints; officers' signatures kept as they are), verified as a bundle.
e2e::RunResult verify_forged(const e2e::Cli& cli, const BuiltBook& book,
                             const std::function<void(std::uint64_t, json&)>& change) {
  const auto signer = read_signer(book);
  SealHooks hooks;
  hooks.before_hash = change;
  const std::string path = cli.dir() + "/forged.bundle";
  e2e::spit(path, seal_bundle(bundle_records(book.bundle), signer, hooks));
  return cli.run({"audit", "verify", "--bundle", path, "--key", book.vkey});
}

TEST(OfficersForgery, VerifyNamesARecordWhoseSignatureFails) {
  e2e::Cli cli;
  const BuiltBook book = build_officers_book(cli);
  cli.ok({"audit", "verify"});
  const auto records = bundle_records(book.bundle);
  std::uint64_t target = 0;
  for (std::uint64_t i = 0; i < records.size(); ++i) {
    if (records[i].value("signer", "") == "luis" && records[i]["kind"] == "transaction.post") {
      target = i;
      break;
    }
  }
  ASSERT_GT(target, 0U);
  const std::string where = "record " + std::to_string(target);
  const auto untouched = verify_forged(cli, book, [](std::uint64_t, json&) {});
  EXPECT_EQ(untouched.exit_code, 0) << untouched.err;
  const auto flipped = verify_forged(cli, book, [target](std::uint64_t seq, json& r) {
    if (seq != target) return;
    std::string sig = audit::base64_decode(r["sig"].get<std::string>()).value();
    sig[0] = static_cast<char>(sig[0] ^ 0x80);
    r["sig"] = audit::base64_encode(sig);
  });
  EXPECT_EQ(flipped.exit_code, 3);
  EXPECT_THAT(flipped.err, HasSubstr(where + ": sig: not a signature of this record by "
                                     "officer \"luis\""));
  // Re-signed by a key that is no officer's (named like luis's, but another key).
  const auto stranger = audit::NoteSigner::from_seed("luis", std::string(32, 'z')).value();
  const auto resigned = verify_forged(cli, book, [&](std::uint64_t seq, json& r) {
    if (seq != target) return;
    r["payload"]["memo"] = "Course (paid twice)";
    json message = r;
    message.erase("sig");
    r["sig"] = audit::base64_encode(
        stranger.sign(audit::canonical_json(message).value()).value());
  });
  EXPECT_EQ(resigned.exit_code, 3);
  EXPECT_THAT(resigned.err, HasSubstr(where + ": sig:"));
  // The same change, signed again by luis (and every signed record after it, whose `prev`
  // changed, by its own officer), is what the officers could have written.
  {
    auto changed = records;
    changed[target]["payload"]["memo"] = "Course (two days)";
    SealHooks hooks;
    hooks.sign_record = officer_signer(book);
    const std::string path = cli.dir() + "/honest.bundle";
    e2e::spit(path, seal_bundle(changed, read_signer(book), hooks));
    const auto honest = cli.run({"audit", "verify", "--bundle", path, "--key", book.vkey});
    EXPECT_EQ(honest.exit_code, 0) << honest.err;
  }
  // Unsigned after the first officer.
  const auto unsigned_record = verify_forged(cli, book, [target](std::uint64_t seq, json& r) {
    if (seq != target) return;
    r.erase("sig");
    r.erase("signer");
  });
  EXPECT_EQ(unsigned_record.exit_code, 3);
  EXPECT_THAT(unsigned_record.err, HasSubstr(where + ": transaction.post signer: this book "
                                             "has officers"));
}

TEST(OfficersForgery, VerifyOfTheDatabaseComparesTheOfficerRows) {
  e2e::Cli cli;
  const BuiltBook book = build_officers_book(cli);
  cli.sql("DROP TRIGGER IF EXISTS officer_records_no_UPDATE;"
          "UPDATE officer_records SET roles = 'admin,recorder' WHERE name = 'luis';");
  const auto r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("officers"));
}

}  // namespace
}  // namespace semilla::rules_e2e
