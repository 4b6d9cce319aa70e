// SPDX-License-Identifier: Apache-2.0
// Loan records -> rows (loan_records.h): a well-formed life of a loan applies, and each
// malformed payload is kVerifyFailed naming its member as "payload/<member>", the field every
// module's replay uses (ledger/book/payload_fields.h).
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ledger/loans/loan_records.h"

namespace semilla::loans::internal {
namespace {

using nlohmann::json;

// Terms as the operations write them: every option, in its canonical form.
json terms() {
  LoanTerms t(Currency::find("USD").value());
  EXPECT_TRUE(apply_options(t, {{"--installments", "2"}}).empty());
  return terms_to_json(t);
}

json product() {
  return {{"name", "P"}, {"currency", "USD"}, {"cash_account", "Assets:Bank"},
          {"terms", terms()}};
}

json opened() {
  return {{"loan", "L1"},          {"enterprise", "EC-001"},
          {"product", "P"},        {"currency", "USD"},
          {"principal", "100.00"}, {"date", "2026-01-10"},
          {"cash_account", "Assets:Bank"},
          {"receivable_account", "Assets:Loans:EC-001:L1"},
          {"terms", terms()}};
}

json disbursed() {
  json installments = json::array();
  for (int n = 1; n <= 2; ++n) {
    installments.push_back({{"n", n}, {"due_date", n == 1 ? "2026-02-10" : "2026-03-10"},
                            {"principal", "50.00"}, {"interest", "0.00"}, {"fee", "0.00"}});
  }
  return {{"loan", "L1"}, {"date", "2026-01-10"}, {"transaction", 1}, {"principal", "100.00"},
          {"fee", "0.00"}, {"net", "100.00"}, {"installments", installments}};
}

json repaid() {
  return {{"loan", "L1"}, {"date", "2026-02-10"}, {"transaction", 2}, {"amount", "60.00"},
          {"ref", "MFI/1"},
          {"lines", {{{"n", 1}, {"component", "principal"}, {"amount", "50.00"}},
                     {{"n", 2}, {"component", "principal"}, {"amount", "10.00"}}}}};
}

// The state of L1 just disbursed.
LoanState disbursed_state() {
  LoanState state;
  EXPECT_TRUE(apply_record(kKindOpen, opened(), 2, state).ok());
  EXPECT_TRUE(apply_record(kKindDisburse, disbursed(), 4, state).ok());
  return state;
}

TEST(LoanRecords, AWellFormedRepaymentWritesItsRows) {
  LoanState scratch;
  auto p = apply_record(kKindProduct, product(), 1, scratch);
  ASSERT_TRUE(p.ok()) << p.error().to_string();
  EXPECT_EQ(p->product->name, "P");
  LoanState state = disbursed_state();
  auto r = apply_record(kKindRepay, repaid(), 6, state);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_TRUE(r->event.has_value());
  EXPECT_EQ(r->event->ref, std::optional<std::string>("MFI/1"));
  EXPECT_EQ(r->event->amount_minor, 6000);
  ASSERT_EQ(r->allocations.size(), 2u);
  EXPECT_EQ(r->allocations[1].n, 2);
  EXPECT_EQ(r->allocations[1].amount_minor, 1000);
  json no_ref = repaid();
  no_ref["ref"] = nullptr;
  LoanState again = disbursed_state();
  auto n = apply_record(kKindRepay, no_ref, 6, again);
  ASSERT_TRUE(n.ok()) << n.error().to_string();
  EXPECT_FALSE(n->event->ref.has_value());
}

TEST(LoanRecords, AMalformedRepaymentNamesItsMember) {
  struct Case {
    const char* what;
    json payload;
    const char* field;
  };
  auto with = [](const char* member, json value) {
    json p = repaid();
    if (value.is_discarded()) {
      p.erase(member);
    } else {
      p[member] = std::move(value);
    }
    return p;
  };
  const json missing(json::value_t::discarded);
  json foreign_component = repaid();
  foreign_component["lines"][0]["component"] = "tip";
  json short_lines = repaid();
  short_lines["lines"][1]["amount"] = "9.00";
  const std::vector<Case> cases = {
      {"amount missing", with("amount", missing), "payload/amount"},
      {"amount with 3 decimals", with("amount", "60.000"), "payload/amount"},
      {"amount a number", with("amount", 60), "payload/amount"},
      {"date not a day", with("date", "2026-02-30"), "payload/date"},
      {"transaction a string", with("transaction", "2"), "payload/transaction"},
      {"ref a number", with("ref", 5), "payload/ref"},
      {"ref missing", with("ref", missing), "payload/ref"},
      {"lines missing", with("lines", missing), "payload/lines"},
      {"lines that do not sum", short_lines, "payload/lines"},
      {"an unknown component", foreign_component, "payload/component"},
  };
  for (const Case& c : cases) {
    LoanState state = disbursed_state();
    auto r = apply_record(kKindRepay, c.payload, 6, state);
    ASSERT_FALSE(r.ok()) << c.what;
    EXPECT_EQ(r.error().code, ErrorCode::kVerifyFailed) << c.what;
    EXPECT_EQ(r.error().field, c.field) << c.what << ": " << r.error().to_string();
  }
}

TEST(LoanRecords, MalformedRecordsOfOtherKindsNameTheirMember) {
  LoanState none;
  json terms_number = product();
  terms_number["terms"]["rate"] = 24;
  auto t = apply_record(kKindProduct, terms_number, 1, none);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().field, "payload/terms");
  EXPECT_NE(t.error().message.find("payload/terms/rate"), std::string::npos) << t.error().message;
  json no_loan = opened();
  no_loan.erase("loan");
  LoanState fresh;
  auto o = apply_record(kKindOpen, no_loan, 2, fresh);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().field, "payload/loan");
  json bad_n = disbursed();
  bad_n["installments"][1]["n"] = "2";
  LoanState opened_state;
  ASSERT_TRUE(apply_record(kKindOpen, opened(), 2, opened_state).ok());
  auto d = apply_record(kKindDisburse, bad_n, 4, opened_state);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().field, "payload/n");
  LoanState state = disbursed_state();
  auto w = apply_record(kKindWriteOff, {{"loan", "L1"}, {"date", "2026-03-01"},
                                        {"transaction", 3}, {"principal", "100.00"},
                                        {"owed", "99.00"}, {"reason", "x"}},
                        7, state);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().field, "payload/owed");
  auto not_object = apply_record(kKindRepay, json::array(), 8, state);
  ASSERT_FALSE(not_object.ok());
  EXPECT_EQ(not_object.error().field, "payload");
  auto kind = apply_record("loan.gift", repaid(), 8, state);
  ASSERT_FALSE(kind.ok());
  EXPECT_EQ(kind.error().field, "kind");
}

// Well-typed payloads that no loan operation writes: each is refused naming its path.
TEST(LoanRecords, APayloadNoOperationCouldWriteIsRefused) {
  struct Case {
    std::string_view kind;
    std::function<json()> payload;
    const char* field;
  };
  auto edited = [](json p, const std::function<void(json&)>& edit) {
    edit(p);
    return p;
  };
  const std::vector<Case> cases = {
      {kKindProduct, [&] { return edited(product(), [](json& p) { p["x"] = 1; }); }, "payload/x"},
      {kKindProduct, [&] { return edited(product(), [](json& p) { p["name"] = "P 1"; }); },
       "payload/name"},
      {kKindProduct,
       [&] { return edited(product(), [](json& p) { p["cash_account"] = "Assets::Bank"; }); },
       "payload/cash_account"},
      {kKindProduct,
       [&] { return edited(product(), [](json& p) { p["terms"]["installments"] = "02"; }); },
       "payload/terms"},
      {kKindProduct, [&] { return edited(product(), [](json& p) { p["terms"].erase("rate"); }); },
       "payload/terms"},
      {kKindProduct,
       [&] { return edited(product(), [](json& p) { p["terms"]["installments"] = "0"; }); },
       "payload/terms"},
      {kKindOpen, [&] { return edited(opened(), [](json& p) { p["loan"] = "L:1"; }); },
       "payload/loan"},
      {kKindOpen,
       [&] { return edited(opened(), [](json& p) { p["receivable_account"] = "Assets:Bank"; }); },
       "payload/receivable_account"},
      {kKindOpen, [&] { return edited(opened(), [](json& p) { p["principal"] = "0.00"; }); },
       "payload/principal"},
      {kKindOpen, [&] { return edited(opened(), [](json& p) { p["principal"] = "100"; }); },
       "payload/principal"},
      {kKindOpen, [&] { return edited(opened(), [](json& p) { p["enterprise"] = ""; }); },
       "payload/enterprise"},
      {kKindDisburse, [&] { return edited(disbursed(), [](json& p) { p["x"] = 1; }); },
       "payload/x"},
      {kKindDisburse, [&] { return edited(disbursed(), [](json& p) { p["fee"] = "-1.00"; }); },
       "payload/fee"},
      {kKindDisburse,
       [&] {
         return edited(disbursed(), [](json& p) { p["installments"][0]["interest"] = "-1.00"; });
       },
       "payload/installments/0/interest"},
      {kKindDisburse,
       [&] { return edited(disbursed(), [](json& p) { p["installments"][1]["paid"] = "0.00"; }); },
       "payload/installments/1/paid"},
      {kKindRepay, [&] { return edited(repaid(), [](json& p) { p["note"] = "x"; }); },
       "payload/note"},
      {kKindRepay, [&] { return edited(repaid(), [](json& p) { p["amount"] = "60"; }); },
       "payload/amount"},
      {kKindRepay, [&] { return edited(repaid(), [](json& p) { p["amount"] = "0.00"; }); },
       "payload/amount"},
      {kKindRepay, [&] { return edited(repaid(), [](json& p) { p["ref"] = ""; }); },
       "payload/ref"},
      {kKindRepay, [&] { return edited(repaid(), [](json& p) { p["loan"] = "L 1"; }); },
       "payload/loan"},
      {kKindRepay, [&] { return edited(repaid(), [](json& p) { p["lines"][0]["x"] = 1; }); },
       "payload/lines/0/x"},
      {kKindRepay, [&] { return edited(repaid(), [](json& p) { p["transaction"] = 0; }); },
       "payload/transaction"},
  };
  for (const Case& c : cases) {
    LoanState state = c.kind == kKindOpen ? LoanState{} : disbursed_state();
    auto r = apply_record(c.kind, c.payload(), 6, state);
    ASSERT_FALSE(r.ok()) << c.kind << " " << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::kVerifyFailed);
    EXPECT_EQ(r.error().field, c.field) << c.kind << ": " << r.error().to_string();
  }
}

TEST(LoanRecords, WriteOffsReversalsAndRecoveriesHaveTheirOperationsShape) {
  const json write_off{{"loan", "L1"}, {"date", "2026-03-01"}, {"transaction", nullptr},
                       {"principal", "0.00"}, {"owed", "0.00"}, {"reason", "x"}};
  struct Case {
    std::string_view kind;
    json payload;
    const char* field;
  };
  auto with = [](json p, const char* member, json value) {
    p[member] = std::move(value);
    return p;
  };
  const json reverse{{"loan", "L1"}, {"date", "2026-03-01"}, {"transaction", 4},
                     {"repayment", 6}, {"amount", "60.00"}};
  const json recover{{"loan", "L1"}, {"date", "2026-03-01"}, {"transaction", 4},
                     {"amount", "5.00"}};
  const std::vector<Case> cases = {
      {kKindWriteOff, with(write_off, "transaction", 3), "payload/transaction"},
      {kKindWriteOff, with(write_off, "reason", ""), "payload/reason"},
      {kKindWriteOff, with(write_off, "owed", "-1.00"), "payload/owed"},
      {kKindWriteOff, with(write_off, "why", "x"), "payload/why"},
      {kKindReverse, with(reverse, "repayment", -1), "payload/repayment"},
      {kKindReverse, with(reverse, "amount", "-60.00"), "payload/amount"},
      {kKindRecover, with(recover, "amount", "-5.00"), "payload/amount"},
      {kKindRecover, with(recover, "ref", nullptr), "payload/ref"},
  };
  for (const Case& c : cases) {
    LoanState state = disbursed_state();
    auto r = apply_record(c.kind, c.payload, 7, state);
    ASSERT_FALSE(r.ok()) << c.kind << " " << c.field;
    EXPECT_EQ(r.error().field, c.field) << c.kind << ": " << r.error().to_string();
  }
}

TEST(LoanRecords, TermsRoundTripExactly) {
  const json written = terms();
  auto back = terms_from_json(written);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(terms_to_json(*back), written);
}

// Terms written before --schedule and --currency-multiple-of existed: the exact members an
// older Semilla wrote. They still verify, as cumulative terms without a currency step.
TEST(LoanRecords, TermsOfAnOlderBookStillVerify) {
  const json older = {{"currency", "USD"},           {"rate", "24"},
                      {"installments", "2"},         {"unit", "months"},
                      {"every", "1"},                {"method", "declining"},
                      {"amortization", "equal-installments"},
                      {"grace-principal", "0"},      {"grace-interest", "0"},
                      {"grace-interest-free", "0"},  {"interest-period", "same-as-repayment"},
                      {"days-in-year", "365"},       {"days-in-month", "actual"},
                      {"fee-mode", "upfront"},       {"rounding", "half-even"},
                      {"allocation", "penalties,fees,interest,principal"},
                      {"allocation-strategy", "oldest-first"}};
  auto back = terms_from_json(older);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(back->schedule, ScheduleType::kCumulative);
  EXPECT_FALSE(back->currency_multiple_of.has_value());
  EXPECT_EQ(terms_to_json(*back), older);
}

// The new members round-trip when set; spelt out at their default they are not the one
// spelling of the terms, and terms a command would refuse do not verify either.
TEST(LoanRecords, NewTermMembersHaveOneSpelling) {
  json progressive = terms();
  progressive["schedule"] = "progressive";
  progressive["currency-multiple-of"] = "0.05";
  auto back = terms_from_json(progressive);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(terms_to_json(*back), progressive);

  json spelt_default = terms();
  spelt_default["schedule"] = "cumulative";
  auto refused = terms_from_json(spelt_default);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "payload/terms");

  json flat_progressive = progressive;
  flat_progressive["method"] = "flat";
  auto invalid = terms_from_json(flat_progressive);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().field, "payload/terms/method");
}

}  // namespace
}  // namespace semilla::loans::internal
