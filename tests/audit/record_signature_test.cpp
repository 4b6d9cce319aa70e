// SPDX-License-Identifier: Apache-2.0
// Signed records (docs/audit-format.md §1.1): the message an officer signs is the record's
// canonical bytes without `sig`; splicing `signer` and `sig` in and `sig` out gives exactly
// what a JSON encoder gives, an unsigned record keeps its bytes, and open_record accepts the
// nine members only together.
#include <gtest/gtest.h>

#include <string>

#include "audit/canonical_json.h"
#include "audit/hash.h"
#include "audit/note_key.h"
#include "audit/record.h"
#include "audit/record_signature.h"

namespace semilla::audit {
namespace {

using nlohmann::json;

json doc() {
  return json{{"v", 1},
              {"seq", 7},
              {"time", "2026-06-30T12:00:00.000Z"},
              {"actor", "luis"},
              {"kind", "transaction.post"},
              // A payload holding the members' own names must not fool the splicing.
              {"payload", json{{"memo", ",\"sig\":\"x\",\"signer\":\"y\""},
                               {"sig", "payload member"},
                               {"signer", "z"},
                               {"time", "t"}}},
              {"prev", std::string(64, 'a')}};
}

std::string bytes_of(const json& d) { return canonical_json(d).value(); }

NoteSigner key(const std::string& name) {
  return NoteSigner::from_seed(name, std::string(32, static_cast<char>(name.size()))).value();
}

TEST(RecordSignature, SplicingGivesTheCanonicalEncoding) {
  const std::string plain = bytes_of(doc());
  auto message = with_signer(plain, "luis");
  ASSERT_TRUE(message.ok()) << message.error().to_string();
  json with_signer_doc = doc();
  with_signer_doc["signer"] = "luis";
  EXPECT_EQ(*message, bytes_of(with_signer_doc));
  const std::string sig(64, '\x5a');
  auto signed_bytes = with_sig(*message, sig);
  ASSERT_TRUE(signed_bytes.ok());
  json full = with_signer_doc;
  full["sig"] = base64_encode(sig);
  EXPECT_EQ(*signed_bytes, bytes_of(full));
  auto back = signed_message(*signed_bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, *message);
}

TEST(RecordSignature, SealWritesAndOpenReadsASignedRecord) {
  const NoteSigner officer = key("luis");
  Record r{7, "2026-06-30T12:00:00.000Z", "luis", "account.add", json{{"id", 1}},
           genesis_prev()};
  auto unsigned_record = seal(r);
  ASSERT_TRUE(unsigned_record.ok());
  EXPECT_EQ(unsigned_record->bytes.find("signer"), std::string::npos);
  auto message = with_signer(unsigned_record->bytes, "luis");
  ASSERT_TRUE(message.ok());
  r.signer = "luis";
  r.sig = officer.sign(*message).value();
  auto sealed = seal(r);
  ASSERT_TRUE(sealed.ok()) << sealed.error().to_string();
  auto opened = open_record(sealed->bytes);
  ASSERT_TRUE(opened.ok()) << opened.error().to_string();
  EXPECT_EQ(opened->record.signer, "luis");
  EXPECT_EQ(opened->record.sig, r.sig);
  auto signed_part = signed_message(sealed->bytes);
  ASSERT_TRUE(signed_part.ok());
  EXPECT_EQ(*signed_part, *message);
  EXPECT_TRUE(officer.verifier().verify(*signed_part, opened->record.sig).value());
  EXPECT_FALSE(key("eva").verifier().verify(*signed_part, opened->record.sig).value());
}

TEST(RecordSignature, OpenRecordWantsBothMembersAsStrings) {
  json only_signer = doc();
  only_signer["signer"] = "luis";
  EXPECT_FALSE(open_record(bytes_of(only_signer)).ok());
  json only_sig = doc();
  only_sig["sig"] = base64_encode(std::string(64, 'x'));
  EXPECT_FALSE(open_record(bytes_of(only_sig)).ok());
  json number = doc();
  number["signer"] = 3;
  number["sig"] = base64_encode(std::string(64, 'x'));
  EXPECT_FALSE(open_record(bytes_of(number)).ok());
  json not_base64 = doc();
  not_base64["signer"] = "luis";
  not_base64["sig"] = "not base64!";
  EXPECT_FALSE(open_record(bytes_of(not_base64)).ok());
  json both = doc();
  both["signer"] = "luis";
  both["sig"] = base64_encode(std::string(64, 'x'));
  EXPECT_TRUE(open_record(bytes_of(both)).ok());
}

TEST(RecordSignature, SignerNames) {
  for (const char* good : {"ana", "luis.perez", "ana_2", "m@ngo.org", "7seas", "a-b"}) {
    EXPECT_TRUE(is_signer_name(good)) << good;
  }
  for (const char* bad : {"", "-ana", ".ana", "ana perez", "ana\"", "ana+1", "añа"}) {
    EXPECT_FALSE(is_signer_name(bad)) << bad;
  }
  EXPECT_TRUE(is_signer_name(std::string(kSignerNameBytesMax, 'a')));
  EXPECT_FALSE(is_signer_name(std::string(kSignerNameBytesMax + 1, 'a')));
  EXPECT_FALSE(with_signer(bytes_of(doc()), "ana perez").ok());
}

TEST(RecordSignature, SignedMessageRefusesBytesWithoutSig) {
  json plain = doc();
  plain["payload"] = json{{"memo", "x"}};
  EXPECT_FALSE(signed_message(bytes_of(plain)).ok());
}

}  // namespace
}  // namespace semilla::audit
