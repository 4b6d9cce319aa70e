// SPDX-License-Identifier: Apache-2.0
// The loan rules (loan_rules.h): records as the commands write them apply, and each rule a
// command decides refuses a record that breaks it, whoever wrote it. Payloads and transactions
// are built with the commands' own functions (generate_schedule, allocate_payment, the drafts),
// then bent one member at a time.
#include "ledger/loans/loan_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/loans/loans_test_util.h"

namespace semilla::loans::internal {
namespace {

using nlohmann::json;
using testing::amount;
using testing::date;

class FakeWorld final : public LoanWorld {
 public:
  Result<bool> has_account(const std::string& name) override { return accounts.contains(name); }
  Result<bool> has_enterprise(const std::string& id) override { return enterprises.contains(id); }
  Result<bool> has_product(const std::string& name) override { return products.contains(name); }
  Result<std::optional<LoanTerms>> product_terms(const std::string& name) override {
    auto it = products.find(name);
    if (it == products.end()) return std::optional<LoanTerms>();
    return std::optional<LoanTerms>(it->second);
  }
  Result<std::optional<std::uint64_t>> closed_by(const std::string& month) override {
    auto it = closed.find(month);
    if (it == closed.end()) return std::optional<std::uint64_t>();
    return std::optional<std::uint64_t>(it->second);
  }

  std::set<std::string> accounts{"Assets:Bank", "Assets:Loans:EC-001:L1"};
  std::set<std::string> enterprises{"EC-001", "EC-002"};
  std::map<std::string, LoanTerms> products;
  std::map<std::string, std::uint64_t> closed;
};

// The transaction a draft posts, as the book stores it.
book::Transaction posted(const book::TransactionDraft& d, std::int64_t id) {
  book::Transaction t;
  t.id = id;
  t.date = date(d.date);
  t.memo = d.memo;
  if (!d.ref.empty()) t.ref = d.ref;
  if (!d.enterprise.empty()) t.enterprise = d.enterprise;
  for (const auto& p : d.postings) {
    const Amount a = amount(p.amount, p.currency);
    t.postings.push_back(book::Posting{0, p.account, p.debit ? a : a.negated()});
  }
  return t;
}

class LoanRules : public ::testing::Test {
 protected:
  LoanRules() : terms_(testing::terms({{"--rate", "12"}, {"--installments", "3"}})) {
    world_.products.emplace("P", terms_);
  }

  Result<LoanChange> apply(std::string_view kind, const json& p, std::uint64_t seq,
                           const book::Transaction* t = nullptr, Date today = date("2026-12-31")) {
    return apply_loan_record(kind, p, seq, state_, RecordContext{world_, today, t});
  }

  json product() const {
    return {{"name", "P2"},
            {"currency", "USD"},
            {"cash_account", "Assets:Bank"},
            {"terms", terms_to_json(terms_)}};
  }
  json opened() const {
    return {{"loan", "L1"},
            {"enterprise", "EC-001"},
            {"product", "P"},
            {"currency", "USD"},
            {"principal", "300.00"},
            {"date", "2026-01-10"},
            {"cash_account", "Assets:Bank"},
            {"receivable_account", "Assets:Loans:EC-001:L1"},
            {"terms", terms_to_json(terms_)}};
  }
  Schedule schedule() const {
    return generate_schedule(terms_, amount("300.00"), date("2026-01-10")).value();
  }
  json disbursed() const {
    const Schedule s = schedule();
    return {{"loan", "L1"},
            {"date", "2026-01-10"},
            {"transaction", 1},
            {"principal", s.principal.to_string()},
            {"fee", s.fee_at_disbursement.to_string()},
            {"net", s.net_disbursement.to_string()},
            {"installments", installments_json(s)}};
  }
  book::Transaction disbursement() const {
    return posted(disbursement_draft(*state_.row, schedule(), "Assets:Bank", date("2026-01-10")),
                  1);
  }
  void open_and_disburse() {
    ASSERT_TRUE(apply(kKindOpen, opened(), 2).ok());
    const book::Transaction t = disbursement();
    auto d = apply(kKindDisburse, disbursed(), 4, &t);
    ASSERT_TRUE(d.ok()) << d.error().to_string();
  }
  // A repayment of `paid` on `day` as `loan repay` writes it, and its transaction (id 2).
  std::pair<json, book::Transaction> repayment(const char* paid, const char* day,
                                               const std::string& ref = "") const {
    const auto installments = installment_states(state_.installments, terms_.currency);
    const Allocation a =
        allocate_payment(installments, amount(paid), date(day), terms_.allocation).value();
    json p = {{"loan", "L1"},
              {"date", day},
              {"transaction", 2},
              {"amount", paid},
              {"ref", ref.empty() ? json(nullptr) : json(ref)},
              {"lines", lines_json(a)}};
    return {p, posted(repayment_draft(*state_.row, a.totals, amount(paid), "Assets:Bank", date(day),
                                      ref),
                      2)};
  }

  // Record `seq` of `kind` with `member` of `p` set to `value`, applied to `from`: refused,
  // naming `field`.
  void refused_with(const LoanState& from, std::string_view kind, json p, const char* member,
                    json value, std::uint64_t seq, const book::Transaction* t,
                    const std::string& field) {
    state_ = from;
    p[member] = std::move(value);
    refused(apply(kind, p, seq, t), field, member);
  }

  // Expects `r` refused naming `field`.
  static void refused(const Result<LoanChange>& r, const std::string& field, const char* what) {
    ASSERT_FALSE(r.ok()) << what;
    EXPECT_EQ(r.error().field, field) << what << ": " << r.error().to_string();
  }

  LoanTerms terms_;
  FakeWorld world_;
  LoanState state_;
};

TEST_F(LoanRules, RecordsAsTheCommandsWriteThemApply) {
  LoanState none;
  auto p = apply_loan_record(kKindProduct, product(), 1, none,
                             RecordContext{world_, date("2026-12-31"), nullptr});
  ASSERT_TRUE(p.ok()) << p.error().to_string();
  open_and_disburse();
  auto [payload, t] = repayment("120.00", "2026-02-10", "MFI/1");
  auto r = apply(kKindRepay, payload, 6, &t);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(state_.last_day, date("2026-02-10"));
}

TEST_F(LoanRules, AProductNeedsItsCashAccountAndAFreeName) {
  json p = product();
  p["cash_account"] = "Assets:Nowhere";
  LoanState none;
  refused(apply_loan_record(kKindProduct, p, 1, none,
                            RecordContext{world_, date("2026-12-31"), nullptr}),
          "--cash-account", "cash account missing");
  p = product();
  p["name"] = "P";
  refused(apply_loan_record(kKindProduct, p, 1, none,
                            RecordContext{world_, date("2026-12-31"), nullptr}),
          "NAME", "product twice");
}

TEST_F(LoanRules, AnOpenedLoanIsTheOneTheCommandOpens) {
  struct Case {
    const char* what;
    json patch;  // merged into the payload
    const char* field;
  };
  const std::vector<Case> cases = {
      {"receivable of another loan", {{"receivable_account", "Assets:Loans:EC-001:L9"}},
       "payload/receivable_account"},
      {"another enterprise, same receivable", {{"enterprise", "EC-002"}},
       "payload/receivable_account"},
      {"cash account missing", {{"cash_account", "Assets:Nowhere"}}, "--cash-account"},
      {"unknown enterprise",
       {{"enterprise", "EC-404"}, {"receivable_account", "Assets:Loans:EC-404:L1"}},
       "--enterprise"},
      {"receivable not created",
       {{"enterprise", "EC-002"}, {"receivable_account", "Assets:Loans:EC-002:L1"}},
       "payload/receivable_account"},
      {"unknown product", {{"product", "Q"}}, "--product"},
  };
  for (const Case& c : cases) {
    state_ = LoanState();
    json p = opened();
    p.merge_patch(c.patch);
    refused(apply(kKindOpen, p, 2), c.field, c.what);
  }
}

TEST_F(LoanRules, ADisbursementIsItsSchedule) {
  ASSERT_TRUE(apply(kKindOpen, opened(), 2).ok());
  const LoanState opened_state = state_;
  const book::Transaction t = disbursement();
  auto bent = [&](const char* what, const std::function<void(json&)>& change,
                  const std::string& field) {
    state_ = opened_state;
    json p = disbursed();
    change(p);
    refused(apply(kKindDisburse, p, 4, &t), field, what);
  };
  bent(
      "principal", [](json& p) { p["principal"] = "299.00"; }, "payload/principal");
  bent(
      "fee", [](json& p) { p["fee"] = "1.00"; }, "payload/fee");
  bent(
      "net", [](json& p) { p["net"] = "299.00"; }, "payload/net");
  bent(
      "due a day later", [](json& p) { p["installments"][0]["due_date"] = "2026-02-11"; },
      "payload/installments");
  state_ = opened_state;
  book::Transaction other = t;
  other.postings[1].account = "Assets:Petty";
  other.postings[0].amount = amount("301.00");
  refused(apply(kKindDisburse, disbursed(), 4, &other), "transaction", "postings differ");
  state_ = opened_state;
  refused(apply(kKindDisburse, disbursed(), 4, nullptr), "payload/transaction", "no transaction");
}

TEST_F(LoanRules, ARepaymentIsItsAllocation) {
  open_and_disburse();
  const LoanState disbursed_state = state_;
  auto [payload, t] = repayment("120.00", "2026-02-10");
  json reversed_lines = payload;
  std::reverse(reversed_lines["lines"].begin(), reversed_lines["lines"].end());
  refused(apply(kKindRepay, reversed_lines, 6, &t), "payload/lines", "lines in another order");
  refused_with(disbursed_state, kKindRepay, payload, "ref", "MFI/X", 6, &t, "transaction");
  state_ = disbursed_state;
  book::Transaction wrong_cash = t;
  wrong_cash.postings[0].account = "Assets:Petty";
  EXPECT_TRUE(apply(kKindRepay, payload, 6, &wrong_cash).ok()) << "any cash account";
  state_ = disbursed_state;
  book::Transaction income = t;
  income.postings[1].account = "Assets:Petty";
  refused(apply(kKindRepay, payload, 6, &income), "transaction", "principal not on the loan");
  state_ = disbursed_state;
  auto [early, te] = repayment("120.00", "2026-01-09");
  refused(apply(kKindRepay, early, 6, &te), "--date", "before the disbursement");
  state_ = disbursed_state;
  auto [all, ta] = repayment("120.00", "2026-02-10");
  all["amount"] = "9000.00";
  all["lines"][0]["amount"] = "9000.00";
  ASSERT_FALSE(apply(kKindRepay, all, 6, &ta).ok()) << "more than owed";
}

TEST_F(LoanRules, AReversalUndoesItsRepayment) {
  open_and_disburse();
  auto [payload, t] = repayment("120.00", "2026-02-10");
  ASSERT_TRUE(apply(kKindRepay, payload, 6, &t).ok());
  const LoanState repaid_state = state_;
  book::Transaction reversal = t;
  reversal.id = 3;
  reversal.reverses = 2;
  reversal.date = date("2026-02-11");
  for (auto& p : reversal.postings) p.amount = p.amount.negated();
  json p = {{"loan", "L1"},
            {"date", "2026-02-11"},
            {"transaction", 3},
            {"repayment", 6},
            {"amount", "120.00"}};
  auto ok = apply(kKindReverse, p, 8, &reversal);
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  refused_with(repaid_state, kKindReverse, p, "amount", "1.00", 8, &reversal, "payload/amount");
  state_ = repaid_state;
  book::Transaction elsewhere = reversal;
  elsewhere.reverses = 1;
  refused(apply(kKindReverse, p, 8, &elsewhere), "transaction", "reverses another transaction");
}

TEST_F(LoanRules, AWriteOffOwesItsTransactionAndItsDay) {
  open_and_disburse();
  const LoanState disbursed_state = state_;
  json p = {{"loan", "L1"},          {"date", "2026-03-01"}, {"transaction", nullptr},
            {"principal", "300.00"}, {"owed", "0.00"},       {"reason", "x"}};
  p["owed"] = owed(state_).sum().to_string();
  refused(apply(kKindWriteOff, p, 6), "payload/transaction", "no transaction, principal owed");
  state_ = disbursed_state;
  const book::Transaction t =
      posted(write_off_draft(*state_.row, amount("300.00"), date("2026-03-01")), 2);
  json with_txn = p;
  with_txn["transaction"] = 2;
  ASSERT_TRUE(apply(kKindWriteOff, with_txn, 6, &t).ok());
  state_ = disbursed_state;
  json early = with_txn;
  early["date"] = "2026-01-09";
  const book::Transaction te =
      posted(write_off_draft(*state_.row, amount("300.00"), date("2026-01-09")), 2);
  refused(apply(kKindWriteOff, early, 6, &te), "--date", "before the last operation");
  state_ = disbursed_state;
  book::Transaction half = t;
  half.postings[0].amount = amount("150.00");
  half.postings[1].amount = amount("-150.00");
  refused(apply(kKindWriteOff, with_txn, 6, &half), "transaction", "postings differ");
}

TEST_F(LoanRules, AWriteOffWithoutTransactionKeepsTheBooksDateRules) {
  EXPECT_TRUE(check_day(world_, date("2026-03-01"), date("2026-03-01")).ok());
  auto future = check_day(world_, date("2026-03-02"), date("2026-03-01"));
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().field, "--date");
  world_.closed["2026-02"] = 17;
  auto closed = check_day(world_, date("2026-02-28"), date("2026-03-01"));
  ASSERT_FALSE(closed.ok());
  EXPECT_NE(closed.error().message.find("17"), std::string::npos) << closed.error().message;
}

TEST_F(LoanRules, ARecoveryIsItsTransaction) {
  open_and_disburse();
  const book::Transaction w =
      posted(write_off_draft(*state_.row, amount("300.00"), date("2026-03-01")), 2);
  json off = {{"loan", "L1"},
              {"date", "2026-03-01"},
              {"transaction", 2},
              {"principal", "300.00"},
              {"owed", owed(state_).sum().to_string()},
              {"reason", "x"}};
  ASSERT_TRUE(apply(kKindWriteOff, off, 6, &w).ok());
  const LoanState written_off = state_;
  auto recovery = [&](const char* paid, const char* day) {
    return posted(recovery_draft(*state_.row, amount(paid), "Assets:Bank", date(day), "R/1"), 3);
  };
  json p = {{"loan", "L1"}, {"date", "2026-04-01"}, {"transaction", 3}, {"amount", "10.00"}};
  const book::Transaction t = recovery("10.00", "2026-04-01");
  ASSERT_TRUE(apply(kKindRecover, p, 8, &t).ok());
  state_ = written_off;
  const book::Transaction more = recovery("10.01", "2026-04-01");
  refused(apply(kKindRecover, p, 8, &more), "transaction", "amount differs from its transaction");
  state_ = written_off;
  json early = p;
  early["date"] = "2026-02-01";
  const book::Transaction te = recovery("10.00", "2026-02-01");
  refused(apply(kKindRecover, early, 8, &te), "--date", "before the write-off");
}

}  // namespace
}  // namespace semilla::loans::internal
