// SPDX-License-Identifier: Apache-2.0
// Signed notes and their keys: the C2SP spec example, x/mod's PeterNeumann/EnochRoot vectors,
// RFC 8032 TEST 1, and the verifier rules.
#include "audit/note.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "audit/hash.h"

namespace semilla::audit {
namespace {

const std::string kDash = "\xE2\x80\x94";  // U+2014 EM DASH

// c2sp.org/signed-note example.
const std::string kSpecVkey =
    "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
const std::string kSpecNote =
    "This is an example message.\n\n" + kDash +
    " example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRK"
    "uwHjG1Yu72IneyaQM=\n";

// golang.org/x/mod/sumdb/note tests.
const std::string kPeterVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const std::string kPeterSkey =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const std::string kEnochVkey = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const std::string kGoText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
const std::string kPeterSig =
    kDash + " PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfq"
            "dngotpRZb6KE6RyyBwJnAM=\n";
const std::string kEnochSig =
    kDash + " EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGw"
            "nWLox33WWd1RvMc+QQ=\n";

NoteVerifier verifier(const std::string& vkey) {
  Result<NoteVerifier> v = NoteVerifier::parse(vkey);
  EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().to_string());
  return *v;
}

NoteSigner test1_signer(std::string_view name) {
  const std::string seed =
      *bytes_from_hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  return *NoteSigner::from_seed(name, seed);
}

void expect_rejected(const Result<OpenedNote>& r, std::string_view needle) {
  ASSERT_FALSE(r.ok()) << "expected rejection mentioning " << needle;
  EXPECT_EQ(r.error().code, ErrorCode::kVerifyFailed);
  EXPECT_NE(r.error().message.find(needle), std::string::npos) << r.error().message;
}

TEST(NoteKey, SpecExampleVerifierKey) {
  const NoteVerifier v = verifier(kSpecVkey);
  EXPECT_EQ(v.name(), "example.com/foo");
  EXPECT_EQ(v.key_id(), 0x530d903aU);
  EXPECT_EQ(v.to_string(), kSpecVkey);
}

TEST(NoteKey, Rfc8032Test1Key) {
  const NoteSigner s = test1_signer("ledger.example.com/audit");
  EXPECT_EQ(to_hex(s.verifier().public_key()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  EXPECT_EQ(s.key_id(), 0x24765164U);
  EXPECT_EQ(s.verifier().to_string(),
            "ledger.example.com/audit+24765164+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea");
  // RFC 8032 §7.1 TEST 1 signs the empty message.
  EXPECT_EQ(to_hex(*s.sign("")),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
}

TEST(NoteKey, GoSignerKeyRoundTrips) {
  Result<NoteSigner> s = NoteSigner::parse(kPeterSkey);
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->to_string(), kPeterSkey);
  EXPECT_EQ(s->verifier().to_string(), kPeterVkey);
}

TEST(NoteKey, KeyNames) {
  EXPECT_TRUE(check_key_name("example.com/foo").ok());
  EXPECT_TRUE(check_key_name("caf\xC3\xA9.example/log").ok());
  const char* bad[] = {"", "a b", "a+b", "a\tb", "a\xC2\xA0z", "a\xE3\x80\x80z",
                       "a\xE2\x80\xA8z", "a\x7Fz", "\xFF"};
  for (const char* name : bad) {
    Status st = check_key_name(name, "origin");
    ASSERT_FALSE(st.ok()) << name;
    EXPECT_EQ(st.error().field, "origin");
  }
}

TEST(NoteKey, VerifierKeyParsingIsStrict) {
  const char* bad[] = {
      "example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",  // wrong ID
      "example.com/bar+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",  // other name
      "example.com/foo+530d903+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",   // 7 hex digits
      "example.com/foo+530d903a",                                               // no key
      "example.com/foo+530d903a+BOkyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",  // type 0x04
      "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U",    // 31 bytes
      "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k ",  // trailing space
      "+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",                  // no name
  };
  for (const char* vkey : bad) {
    Result<NoteVerifier> v = NoteVerifier::parse(vkey);
    ASSERT_FALSE(v.ok()) << vkey;
    EXPECT_EQ(v.error().code, ErrorCode::kInvalid);
  }
  EXPECT_FALSE(NoteSigner::parse(kPeterSkey.substr(8)).ok());  // no PRIVATE+KEY+
  Result<NoteSigner> wrong_id = NoteSigner::parse(
      "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
  ASSERT_FALSE(wrong_id.ok());
  EXPECT_EQ(wrong_id.error().message.find("AYEK"), std::string::npos);  // secret not quoted
}

TEST(Note, OpensSpecExample) {
  const NoteVerifier v = verifier(kSpecVkey);
  Result<OpenedNote> opened = open_note(kSpecNote, std::span(&v, 1));
  ASSERT_TRUE(opened.ok()) << opened.error().to_string();
  EXPECT_EQ(opened->text, "This is an example message.\n");
  ASSERT_EQ(opened->verified.size(), 1U);
  EXPECT_EQ(opened->verified[0].name, "example.com/foo");
  EXPECT_EQ(opened->verified[0].signature.size(), 64U);
  std::string tampered = kSpecNote;
  tampered.replace(tampered.find("example message"), 15, "example massage");
  expect_rejected(open_note(tampered, std::span(&v, 1)), "is invalid");
}

TEST(Note, SignsGoVectorByteForByte) {
  const NoteSigner peter = *NoteSigner::parse(kPeterSkey);
  Result<std::string> note = sign_note(kGoText, peter);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(*note, kGoText + "\n" + kPeterSig);
}

TEST(Note, VerifierRulesWithTwoSigners) {
  const std::string note = kGoText + "\n" + kPeterSig + kEnochSig;
  const std::vector<NoteVerifier> peter_only = {verifier(kPeterVkey)};
  Result<OpenedNote> one = open_note(note, peter_only);
  ASSERT_TRUE(one.ok()) << one.error().to_string();
  EXPECT_EQ(one->text, kGoText);
  ASSERT_EQ(one->verified.size(), 1U);
  ASSERT_EQ(one->unverified.size(), 1U);
  EXPECT_EQ(one->unverified[0].name, "EnochRoot");
  const std::vector<NoteVerifier> both = {verifier(kPeterVkey), verifier(kEnochVkey)};
  Result<OpenedNote> two = open_note(note, both);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->verified.size(), 2U);
  // Only unknown keys: rejected. A key with the same name but another ID is unknown.
  const std::vector<NoteVerifier> enoch_only = {verifier(kEnochVkey)};
  expect_rejected(open_note(kGoText + "\n" + kPeterSig, enoch_only), "no signature by a known");
  const NoteSigner impostor = test1_signer("PeterNeumann");
  const std::vector<NoteVerifier> impostor_key = {impostor.verifier()};
  expect_rejected(open_note(note, impostor_key), "no signature by a known key (2 by unknown");
  expect_rejected(open_note(note, {}), "no signature by a known key");
}

TEST(Note, KnownKeyWithBadSignatureRejectsWholeNote) {
  std::string bad_enoch = kEnochSig;
  bad_enoch[bad_enoch.size() - 6] = bad_enoch[bad_enoch.size() - 6] == 'A' ? 'B' : 'A';
  const std::vector<NoteVerifier> both = {verifier(kPeterVkey), verifier(kEnochVkey)};
  expect_rejected(open_note(kGoText + "\n" + kPeterSig + bad_enoch, both),
                  "the signature of EnochRoot+af0cfe78+");
  // Unknown to this verifier: the broken signature is ignored.
  const std::vector<NoteVerifier> peter_only = {verifier(kPeterVkey)};
  EXPECT_TRUE(open_note(kGoText + "\n" + kPeterSig + bad_enoch, peter_only).ok());
}

TEST(Note, MalformedNotesAreRejected) {
  const std::vector<NoteVerifier> peter = {verifier(kPeterVkey)};
  const std::string sig_body = kPeterSig.substr(kDash.size() + 1);  // "PeterNeumann x08go...\n"
  expect_rejected(open_note(kGoText + kPeterSig, peter), "no blank line");
  expect_rejected(open_note(kGoText + "\n" + kPeterSig.substr(0, kPeterSig.size() - 1), peter),
                  "must end in a newline");
  expect_rejected(open_note(kGoText + "\n- " + sig_body, peter), "em dash");
  expect_rejected(open_note(kGoText + "\n" + kDash + sig_body, peter), "em dash");
  expect_rejected(open_note(kGoText + "\n" + kDash + " PeterNeumann\n", peter), "no space");
  expect_rejected(open_note(kGoText + "\n" + kDash + " PeterNeumann x08g\n", peter), "base64");
  // The key ID alone, no signature bytes.
  expect_rejected(open_note(kGoText + "\n" + kDash + " PeterNeumann x08gow==\n", peter),
                  "base64 of a key ID");
  // A known key ID with a truncated signature is a bad signature of a known key.
  expect_rejected(open_note(kGoText + "\n" + kDash + " PeterNeumann x08go/Y=\n", peter),
                  "is invalid");
  expect_rejected(open_note(kGoText + "\n" + kDash + " Peter+Neumann x08go/ZJ\n", peter),
                  "invalid key name");
  std::string cr = kGoText + "\n" + kPeterSig;
  cr.insert(10, "\r");
  expect_rejected(open_note(cr, peter), "byte 10 is invalid UTF-8 or a control character");
  expect_rejected(open_note("a\tb\n\n" + kPeterSig, peter), "control character");
  expect_rejected(open_note("caf\xE9\n\n" + kPeterSig, peter), "invalid UTF-8");
  expect_rejected(open_note(std::string(kNoteBytesMax, 'a') + "\n\n" + kPeterSig, peter),
                  "larger than");
}

TEST(Note, TextMayContainBlankLines) {
  const NoteSigner signer = test1_signer("example.org/log");
  const std::string text = "first\n\nthird\n\n";
  Result<std::string> note = sign_note(text, signer);
  ASSERT_TRUE(note.ok());
  Result<OpenedNote> opened = open_note(*note, std::span(&signer.verifier(), 1));
  ASSERT_TRUE(opened.ok()) << opened.error().to_string();
  EXPECT_EQ(opened->text, text);
}

TEST(Note, SignatureCountLimit) {
  const NoteSigner signer = test1_signer("example.org/log");
  const NoteSigner other = *NoteSigner::generate("witness.example/w");
  std::vector<NoteSigner> signers(kNoteSignaturesMax - 1, other);
  signers.insert(signers.begin(), signer);
  Result<std::string> note = sign_note("hello\n", signers);
  ASSERT_TRUE(note.ok());
  EXPECT_TRUE(open_note(*note, std::span(&signer.verifier(), 1)).ok());
  const std::string extra_line = note->substr(note->rfind(kDash));
  expect_rejected(open_note(*note + extra_line, std::span(&signer.verifier(), 1)),
                  "more than 100 signatures");
  signers.push_back(other);
  EXPECT_EQ(sign_note("hello\n", signers).error().code, ErrorCode::kInvalid);
}

TEST(Note, SignRefusesBadText) {
  const NoteSigner signer = test1_signer("example.org/log");
  EXPECT_EQ(sign_note("no newline", signer).error().field, "text");
  EXPECT_FALSE(sign_note("", signer).ok());
  EXPECT_FALSE(sign_note("tab\there\n", signer).ok());
  EXPECT_FALSE(sign_note("ok\n", std::span<const NoteSigner>()).ok());
}

TEST(Note, GeneratedKeysSignAndVerify) {
  const NoteSigner a = *NoteSigner::generate("a.example/log");
  const NoteSigner b = *NoteSigner::generate("a.example/log");
  EXPECT_NE(a.verifier().public_key(), b.verifier().public_key());
  const std::string note = *sign_note("text\n", a);
  EXPECT_TRUE(open_note(note, std::span(&a.verifier(), 1)).ok());
  EXPECT_FALSE(open_note(note, std::span(&b.verifier(), 1)).ok());
  Result<NoteSigner> back = NoteSigner::parse(a.to_string());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->verifier().to_string(), a.verifier().to_string());
}

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("semilla_keyfile_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const char* name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

TEST_F(KeyFileTest, WritesMode0600AndReadsBack) {
  const NoteSigner signer = *NoteSigner::parse(kPeterSkey);
  const std::string key = path("log.key");
  ASSERT_TRUE(write_signer_key_file(key, signer).ok());
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777U, 0600U);
  std::ifstream in(key, std::ios::binary);
  const std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, kPeterSkey + "\n");
  Result<NoteSigner> back = read_signer_key_file(key);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(back->to_string(), kPeterSkey);
  Status again = write_signer_key_file(key, signer);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
}

TEST_F(KeyFileTest, RefusesSymlinkAndLooseModesAndBadContent) {
  const NoteSigner signer = *NoteSigner::parse(kPeterSkey);
  std::filesystem::create_symlink(path("target"), path("link"));
  EXPECT_FALSE(write_signer_key_file(path("link"), signer).ok());
  EXPECT_FALSE(std::filesystem::exists(path("target")));
  ASSERT_TRUE(write_signer_key_file(path("k"), signer).ok());
  ::chmod(path("k").c_str(), 0640);
  Result<NoteSigner> loose = read_signer_key_file(path("k"));
  ASSERT_FALSE(loose.ok());
  EXPECT_EQ(loose.error().code, ErrorCode::kEnvironment);
  EXPECT_EQ(loose.error().field, path("k"));
  const std::pair<const char*, std::string> bad[] = {
      {"no_newline", kPeterSkey}, {"two_newlines", kPeterSkey + "\n\n"},
      {"crlf", kPeterSkey + "\r\n"}, {"empty", ""}, {"big", std::string(2000, 'A')}};
  for (const auto& [name, content] : bad) {
    { std::ofstream(path(name), std::ios::binary) << content; }
    ::chmod(path(name).c_str(), 0600);
    Result<NoteSigner> r = read_signer_key_file(path(name));
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << name;
  }
  EXPECT_EQ(read_signer_key_file(path("missing")).error().code, ErrorCode::kEnvironment);
}

}  // namespace
}  // namespace semilla::audit
