// SPDX-License-Identifier: Apache-2.0
// Checkpoints: the AUDIT_STANDARDS.md §9.2 vectors byte for byte, and strict parsing.
#include "audit/checkpoint.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "audit/merkle.h"

namespace semilla::audit {
namespace {

const std::string kDash = "\xE2\x80\x94";
const std::string kOrigin = "ledger.example.com/audit";
const std::string kRoot3 = "rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc=";
const std::string kEmptyRoot = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
const std::string kText3 = kOrigin + "\n3\n" + kRoot3 + "\n";
const std::string kNote3 =
    kText3 + "\n" + kDash + " " + kOrigin +
    " JHZRZH+eyCXXGy/KhWr/bfOuma7Yd5FfWnBVO042ioDvjkt2fIgGBoOBtg6S8SkYqfsr1jI5pT2Ah6/BJ43OcY1LA"
    "gE=\n";
const std::string kNote0 =
    kOrigin + "\n0\n" + kEmptyRoot + "\n\n" + kDash + " " + kOrigin +
    " JHZRZFuGAXvxvrQHxtik/+miD4oHOvpf+qEgYY9Inp2IaRh2QptBcXCQB4g3jabRuSB0m7S6sh/T6+RKnOPpE/Gjl"
    "g0=\n";

NoteSigner test1_signer(std::string_view name) {
  const std::string seed =
      *bytes_from_hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  return *NoteSigner::from_seed(name, seed);
}

Checkpoint three_leaf_checkpoint() {
  Checkpoint c;
  c.origin = kOrigin;
  c.size = 3;
  c.root = *hash_from_hex("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77");
  return c;
}

TEST(Checkpoint, SignsStandardsVectorByteForByte) {
  const NoteSigner signer = test1_signer(kOrigin);
  const Checkpoint c = three_leaf_checkpoint();
  EXPECT_EQ(*format_checkpoint(c), kText3);
  EXPECT_EQ(kText3.size(), 72U);
  EXPECT_EQ(to_hex(*signer.sign(kText3)),
            "7f9ec825d71b2fca856aff6df3ae99aed877915f5a70553b4e368a80ef8e4b76"
            "7c8806068381b60e92f12918a9fb2bd63239a53d8087afc1278dce718d4b0201");
  Result<std::string> note = sign_checkpoint(c, signer);
  ASSERT_TRUE(note.ok()) << note.error().to_string();
  EXPECT_EQ(*note, kNote3);
}

TEST(Checkpoint, EmptyTreeVector) {
  Checkpoint c;
  c.origin = kOrigin;
  c.size = 0;
  c.root = merkle_empty_root();
  EXPECT_EQ(*sign_checkpoint(c, test1_signer(kOrigin)), kNote0);
  Result<Checkpoint> opened = open_checkpoint(kNote0, test1_signer(kOrigin).verifier());
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->size, 0U);
  EXPECT_EQ(opened->root, merkle_empty_root());
  // Go's x/mod tlog signs zeros for the empty tree; that is not this format.
  c.root = Hash{};
  EXPECT_EQ(format_checkpoint(c).error().field, "root");
  EXPECT_FALSE(
      parse_checkpoint(kOrigin + "\n0\n" + base64_encode(std::string(32, '\0')) + "\n").ok());
}

TEST(Checkpoint, OpensWithPinnedKeyAndOrigin) {
  const NoteVerifier key =
      *NoteVerifier::parse("ledger.example.com/audit+24765164+"
                           "AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea");
  Result<Checkpoint> c = open_checkpoint(kNote3, key);
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->origin, kOrigin);
  EXPECT_EQ(c->size, 3U);
  EXPECT_EQ(base64_encode(as_bytes(c->root)), kRoot3);
  Result<Checkpoint> other_origin = open_checkpoint(kNote3, "other.example/log",
                                                    std::span(&key, 1));
  ASSERT_FALSE(other_origin.ok());
  EXPECT_EQ(other_origin.error().code, ErrorCode::kVerifyFailed);
  EXPECT_EQ(other_origin.error().field, "origin");
  // Someone else's key under the same name: unknown, so the note is rejected.
  const NoteSigner other = *NoteSigner::generate(kOrigin);
  EXPECT_EQ(open_checkpoint(kNote3, other.verifier()).error().code, ErrorCode::kVerifyFailed);
}

TEST(Checkpoint, WitnessCosignaturesAreIgnoredUnlessKnown) {
  const NoteSigner log = test1_signer(kOrigin);
  const NoteSigner witness = *NoteSigner::generate("witness.example/w1");
  const std::vector<NoteSigner> signers = {log, witness};
  const std::string note = *sign_note(kText3, signers);
  EXPECT_TRUE(open_checkpoint(note, log.verifier()).ok());
  const std::vector<NoteVerifier> both = {log.verifier(), witness.verifier()};
  EXPECT_TRUE(open_checkpoint(note, kOrigin, both).ok());
}

TEST(Checkpoint, ParsesSizesCanonically) {
  auto text = [](const std::string& size) { return kOrigin + "\n" + size + "\n" + kRoot3 + "\n"; };
  EXPECT_EQ(parse_checkpoint(text("9223372036854775807"))->size, 9223372036854775807ULL);
  EXPECT_EQ(parse_checkpoint(text("10"))->size, 10U);
  const char* bad[] = {"+7", "07", " 7", "7 ", "", "-1", "0x10", "9223372036854775808",
                       "18446744073709551616", "99999999999999999999999"};
  for (const char* size : bad) {
    Result<Checkpoint> r = parse_checkpoint(text(size));
    ASSERT_FALSE(r.ok()) << size;
    EXPECT_EQ(r.error().field, "size") << size;
  }
}

TEST(Checkpoint, ParsesRootAndLinesStrictly) {
  const std::string head = kOrigin + "\n3\n";
  EXPECT_EQ(parse_checkpoint(head + "rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnc\n").error().field,
            "root");
  EXPECT_FALSE(parse_checkpoint(head + "rra8/idLcKFPsGel5VeCZNsPqbUa9eC6FZFY8yngbnd=\n").ok());
  EXPECT_FALSE(parse_checkpoint(head + base64_encode(std::string(31, 'x')) + "\n").ok());
  EXPECT_FALSE(parse_checkpoint(head + base64_encode(std::string(33, 'x')) + "\n").ok());
  EXPECT_FALSE(parse_checkpoint(head + kRoot3).ok());                      // no final newline
  EXPECT_FALSE(parse_checkpoint(head + kRoot3 + "\n\n").ok());             // empty extension
  EXPECT_FALSE(parse_checkpoint(kOrigin + "\n3\n").ok());                  // no root
  EXPECT_EQ(parse_checkpoint("\n3\n" + kRoot3 + "\n").error().field, "origin");
  Result<Checkpoint> ext = parse_checkpoint(head + kRoot3 + "\nx-time 17\n");
  ASSERT_TRUE(ext.ok());
  EXPECT_EQ(ext->extensions, std::vector<std::string>{"x-time 17"});
  // Parsing accepts any non-empty origin line; the verifier pins the one it expects.
  EXPECT_TRUE(parse_checkpoint("go.sum database tree\n3\n" + kRoot3 + "\n").ok());
}

TEST(Checkpoint, FormatAndSignRefuseBadInput) {
  Checkpoint c = three_leaf_checkpoint();
  c.extensions = {"x-time 17"};
  Result<Checkpoint> back = parse_checkpoint(*format_checkpoint(c));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->extensions, c.extensions);
  c.extensions = {""};
  EXPECT_EQ(format_checkpoint(c).error().field, "extensions/0");
  c.extensions = {"bad\nline"};
  EXPECT_FALSE(format_checkpoint(c).ok());
  c = three_leaf_checkpoint();
  c.origin = "ledger example";
  EXPECT_EQ(format_checkpoint(c).error().field, "origin");
  c = three_leaf_checkpoint();
  c.size = kCheckpointSizeMax + 1;
  EXPECT_EQ(format_checkpoint(c).error().field, "size");
  Result<std::string> misnamed = sign_checkpoint(three_leaf_checkpoint(),
                                                 test1_signer("other.example/key"));
  ASSERT_FALSE(misnamed.ok());
  EXPECT_EQ(misnamed.error().code, ErrorCode::kInvalid);
}

TEST(Checkpoint, TamperedCheckpointFails) {
  const NoteVerifier key = test1_signer(kOrigin).verifier();
  std::string tampered = kNote3;
  tampered.replace(tampered.find("\n3\n"), 3, "\n4\n");
  Result<Checkpoint> r = open_checkpoint(tampered, key);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kVerifyFailed);
}

}  // namespace
}  // namespace semilla::audit
