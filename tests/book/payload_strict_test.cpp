// SPDX-License-Identifier: Apache-2.0
// The book's payload decoders accept exactly what the encoders write: each decodes the
// writer's payload back to the value and re-encodes it to the same bytes, and refuses every
// variant a command could not have written (an unknown, missing or retyped member, an amount
// not spelt with the currency's digits, an attribute add_enterprise_in would refuse...) as
// kVerifyFailed naming "payload/<path>".
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "audit/canonical_json.h"
#include "audit/hash.h"
#include "ledger/book/checkpoint_record.h"
#include "ledger/book/payload.h"

namespace semilla::book {
namespace {

using nlohmann::json;

money::Amount usd(std::int64_t minor) {
  return money::Amount::from_minor(minor, *money::Currency::find("USD"));
}

Transaction plain() {
  Transaction t;
  t.id = 7;
  t.date = Date::from_ymd(2026, 6, 30);
  t.recorded_at = "2026-06-30T12:00:00.000Z";
  t.memo = "Deposit";
  t.ref = "BANK-1";
  t.enterprise = std::nullopt;
  t.postings = {Posting{1, "Assets:Bank", usd(150000)}, Posting{2, "Equity:Donor", usd(-150000)}};
  t.audit_seq = 9;
  return t;
}

Transaction reversal() {
  Transaction t = plain();
  t.id = 8;
  t.ref = std::nullopt;
  t.enterprise = "EC-001";
  t.reverses = 7;
  t.reason = "typo";
  t.memo = "Reversal of transaction 7";
  for (Posting& p : t.postings) p.amount = p.amount.negated();
  return t;
}

Enterprise enterprise() {
  return Enterprise{"EC-001", "individual", "female", 1990, "VE", "migrant", "Pichincha",
                    "2026-A", 4};
}

Account account() {
  return Account{3, "Assets:Loans:EC-001", AccountType::kAsset, "USD", "EC-001", 5};
}

std::string canonical(const json& p) { return audit::canonical_json(p).value(); }

TEST(PayloadStrict, WhatTheWriterWritesDecodesAndReencodesToItsBytes) {
  for (const Transaction& t : {plain(), reversal()}) {
    const std::string bytes = canonical_payload(t).value();
    auto back = transaction_from_payload(json::parse(bytes), t.audit_seq, t.recorded_at);
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(*back, t);
    EXPECT_EQ(canonical_payload(*back).value(), bytes);
  }
  const Enterprise e = enterprise();
  auto e_back = enterprise_from_payload(to_payload(e), e.audit_seq);
  ASSERT_TRUE(e_back.ok()) << e_back.error().to_string();
  EXPECT_EQ(*e_back, e);
  Enterprise unknown{"EC-2", "cooperative", "", std::nullopt, "", "", "", "", 6};
  auto u_back = enterprise_from_payload(to_payload(unknown), 6);
  ASSERT_TRUE(u_back.ok()) << u_back.error().to_string();
  EXPECT_EQ(*u_back, unknown);
  const Account a = account();
  auto a_back = account_from_payload(to_payload(a), a.audit_seq);
  ASSERT_TRUE(a_back.ok()) << a_back.error().to_string();
  EXPECT_EQ(*a_back, a);
  Account any{1, "Assets:Bank", AccountType::kAsset, std::nullopt, std::nullopt, 1};
  EXPECT_EQ(canonical(to_payload(account_from_payload(to_payload(any), 1).value())),
            canonical(to_payload(any)));
  const BookInfo info{"Semillas 2026", "USD", "America/Guayaquil"};
  auto i_back = book_info_from_payload(to_payload(info));
  ASSERT_TRUE(i_back.ok()) << i_back.error().to_string();
  EXPECT_EQ(canonical(to_payload(*i_back)), canonical(to_payload(info)));
}

struct Case {
  std::function<void(json&)> edit;
  std::string field;  // the path the error names
};

template <typename Decode>
void expect_refused(const json& good, Decode decode, const std::vector<Case>& cases) {
  ASSERT_TRUE(decode(good).ok());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    json p = good;
    cases[i].edit(p);
    auto r = decode(p);
    ASSERT_FALSE(r.ok()) << "case " << i << " accepted: " << p.dump();
    EXPECT_EQ(r.error().code, ErrorCode::kVerifyFailed) << i;
    EXPECT_EQ(r.error().field, cases[i].field) << "case " << i << ": " << r.error().to_string();
  }
}

TEST(PayloadStrict, TransactionVariantsAreRefusedNamingTheirPath) {
  const json good = json::parse(canonical_payload(plain()).value());
  auto decode = [](const json& p) { return transaction_from_payload(p, 9, "t"); };
  expect_refused(good, decode, {
      {[](json& p) { p["extra"] = 1; }, "payload/extra"},
      {[](json& p) { p.erase("reason"); }, "payload/reason"},
      {[](json& p) { p.erase("ref"); }, "payload/ref"},
      {[](json& p) { p["id"] = 0; }, "payload/id"},
      {[](json& p) { p["id"] = "7"; }, "payload/id"},
      {[](json& p) { p["date"] = "2026-6-30"; }, "payload/date"},
      {[](json& p) { p["memo"] = "two\nlines"; }, "payload/memo"},
      {[](json& p) { p["memo"] = std::string(1025, 'm'); }, "payload/memo"},
      {[](json& p) { p["ref"] = ""; }, "payload/ref"},
      {[](json& p) { p["ref"] = "has space"; }, "payload/ref"},
      {[](json& p) { p["enterprise"] = "EC 1"; }, "payload/enterprise"},
      {[](json& p) { p["reverses"] = 0; }, "payload/reverses"},
      {[](json& p) { p["reason"] = "why"; }, "payload/reason"},
      {[](json& p) { p["postings"].erase(1); }, "payload/postings"},
      {[](json& p) { p["postings"] = json::object(); }, "payload/postings"},
      {[](json& p) { p["postings"][0]["amount"] = "1500"; }, "payload/postings/0/amount"},
      {[](json& p) { p["postings"][0]["amount"] = "1500.0"; }, "payload/postings/0/amount"},
      {[](json& p) { p["postings"][0]["amount"] = "+1500.00"; }, "payload/postings/0/amount"},
      {[](json& p) { p["postings"][0]["amount"] = "01500.00"; }, "payload/postings/0/amount"},
      {[](json& p) { p["postings"][0]["amount"] = " 1500.00"; }, "payload/postings/0/amount"},
      {[](json& p) { p["postings"][0]["amount"] = "1500.00 "; }, "payload/postings/0/amount"},
      {[](json& p) { p["postings"][0]["amount"] = "0.00"; }, "payload/postings/0/amount"},
      {[](json& p) { p["postings"][1]["amount"] = "-0.00"; }, "payload/postings/1/amount"},
      {[](json& p) { p["postings"][0]["currency"] = "usd"; }, "payload/postings/0/currency"},
      {[](json& p) { p["postings"][0]["account"] = "Assets::Bank"; },
       "payload/postings/0/account"},
      {[](json& p) { p["postings"][0]["account_id"] = 0; }, "payload/postings/0/account_id"},
      {[](json& p) { p["postings"][1]["memo"] = "x"; }, "payload/postings/1/memo"},
  });
  const json back = json::parse(canonical_payload(reversal()).value());
  expect_refused(back, decode, {
      {[](json& p) { p["reason"] = ""; }, "payload/reason"},
      {[](json& p) { p["reason"] = "a\tb"; }, "payload/reason"},
  });
}

TEST(PayloadStrict, EnterpriseAttributesAreCheckedAsAddEnterpriseChecksThem) {
  auto decode = [](const json& p) { return enterprise_from_payload(p, 4); };
  expect_refused(to_payload(enterprise()), decode, {
      {[](json& p) { p["name"] = "Ana"; }, "payload/name"},
      {[](json& p) { p.erase("cohort"); }, "payload/cohort"},
      {[](json& p) { p["id"] = ""; }, "payload/id"},
      {[](json& p) { p["id"] = "EC 001"; }, "payload/id"},
      {[](json& p) { p["kind"] = ""; }, "payload/kind"},
      {[](json& p) { p["kind"] = "company"; }, "payload/kind"},
      {[](json& p) { p["sex"] = "F"; }, "payload/sex"},
      {[](json& p) { p["sex"] = "Female"; }, "payload/sex"},
      {[](json& p) { p["birth_year"] = 1800; }, "payload/birth_year"},
      {[](json& p) { p["birth_year"] = 3000; }, "payload/birth_year"},
      {[](json& p) { p["birth_year"] = "1990"; }, "payload/birth_year"},
      {[](json& p) { p["nationality"] = "ve"; }, "payload/nationality"},
      {[](json& p) { p["nationality"] = "ZZ"; }, "payload/nationality"},
      // "tourist" is a status a book may define: the replay refuses it while it is not defined.
      {[](json& p) { p["status"] = "Tourist"; }, "payload/status"},
      {[](json& p) { p["province"] = std::string(65, 'p'); }, "payload/province"},
      {[](json& p) { p["cohort"] = "a\nb"; }, "payload/cohort"},
  });
}

TEST(PayloadStrict, AccountsAndBookSettingsAreCheckedAsTheirCommandsCheckThem) {
  auto account_decode = [](const json& p) { return account_from_payload(p, 5); };
  expect_refused(to_payload(account()), account_decode, {
      {[](json& p) { p["owner"] = "x"; }, "payload/owner"},
      {[](json& p) { p["id"] = 0; }, "payload/id"},
      {[](json& p) { p["name"] = ""; }, "payload/name"},
      {[](json& p) { p["name"] = "Assets: Bank"; }, "payload/name"},
      {[](json& p) { p["name"] = "A:B:C:D:E:F:G:H:I:J:K"; }, "payload/name"},
      {[](json& p) { p["type"] = "Asset"; }, "payload/type"},
      {[](json& p) { p["currency"] = "XYZ"; }, "payload/currency"},
      {[](json& p) { p.erase("currency"); }, "payload/currency"},
      {[](json& p) { p["enterprise"] = ""; }, "payload/enterprise"},
  });
  auto info_decode = [](const json& p) { return book_info_from_payload(p); };
  expect_refused(to_payload(BookInfo{"Semillas", "USD", "UTC"}), info_decode, {
      {[](json& p) { p["version"] = 1; }, "payload/version"},
      {[](json& p) { p["currency"] = "US"; }, "payload/currency"},
      {[](json& p) { p["timezone"] = ""; }, "payload/timezone"},
      {[](json& p) { p["timezone"] = "../etc/passwd"; }, "payload/timezone"},
      {[](json& p) { p["name"] = "a\nb"; }, "payload/name"},
  });
}

TEST(PayloadStrict, CheckpointRootIsLowerCaseHex) {
  const json good{{"key", "k"}, {"note", "n"}, {"origin", "o"},
                  {"root", std::string(64, 'A')}, {"size", std::uint64_t{1}}};
  auto c = checkpoint_from_payload(good);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().field, "payload/root");
}

}  // namespace
}  // namespace semilla::book
