// SPDX-License-Identifier: Apache-2.0
// The property test's generator: a loose model of one book (its transactions by kind, loans,
// grants, milestones, closed months and the day) from which it draws the next command, valid
// or invalid, of every kind: posts (some aimed at accounts a module owns), reversals of every
// kind of transaction, loans, funds, grants, milestones, periods, batches and checkpoints.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ledger/base/date.h"
#include "tests/e2e/cli_runner.h"

namespace semilla::rules_e2e {

using nlohmann::json;

// One command of the sequence.
struct Step {
  Step(std::string what_text, std::vector<std::string> arguments)
      : what(std::move(what_text)), args(std::move(arguments)) {}

  std::string what;                 // "post to a loan receivable", for the failure line
  std::vector<std::string> args;    // for `semilla --db BOOK ...`
  bool owned = false;               // moves a module's account by a generic command: exit 1
  std::string made = "other";       // kind of the transactions it posts when accepted
  std::string loan;                 // the loan whose transactions it posts, if any
  std::function<void()> on_accept;  // what the model learns when it is accepted

  [[nodiscard]] std::string text() const;
};

class Model {
 public:
  explicit Model(std::uint64_t seed);

  // SEMILLA_NOW for the model's day (15:00 UTC, 10:00 in the book's zone).
  [[nodiscard]] std::string now() const;
  // Writes the starting book: start_book, a loan product, a fund with money, an audit key.
  void start(const e2e::Cli& cli);
  // The book has `transactions` transactions after start().
  void accepted_start(std::int64_t transactions);
  // The next command; may move the day forward. Files it needs (batches) go into `dir`.
  [[nodiscard]] Step next(const std::string& dir);
  // The step was accepted and the book now has `transactions` transactions.
  void accepted(const Step& step, std::int64_t transactions);

 private:
  struct Loan {
    std::string id, enterprise;
    bool disbursed = false, written_off = false;
  };
  struct Grant {
    std::string id, enterprise;
    bool paid[2] = {false, false};
    bool cancelled = false;
  };
  using Maker = Step (Model::*)();

  [[nodiscard]] int pick(int n);
  [[nodiscard]] bool chance(int percent);
  [[nodiscard]] std::string some_date();
  [[nodiscard]] std::string some_amount(int min_cents, int max_cents);
  [[nodiscard]] std::string owned_account();
  [[nodiscard]] json batch_operation(bool& owned);
  // A disbursed loan mostly, any loan sometimes; nullptr when there is none.
  [[nodiscard]] Loan* some_loan();
  [[nodiscard]] Grant* some_grant(bool paid);

  Step post_valid();
  Step post_owned();
  Step post_invalid();
  Step reverse();
  Step loan_open();
  Step loan_disburse();
  Step loan_repay();
  Step loan_reverse();
  Step loan_write_off();
  Step loan_recover();
  Step loan_cancel();
  Step loan_reverse_disbursement();
  Step enterprise_update();
  Step grant_disburse_again();
  Step fund_receive();
  Step fund_spend();
  Step grant_award();
  Step grant_disburse();
  Step grant_return();
  Step grant_cancel();
  Step milestone();
  Step milestone_define();
  Step status_define();
  Step members();
  Step period_close();
  Step period_reopen();
  Step checkpoint();
  Step batch();

  std::mt19937_64 rng_;
  Date day_ = Date::from_ymd(2026, 1, 5);
  std::string dir_, key_file_;
  int counter_ = 0;
  std::int64_t transactions_ = 0;
  std::map<std::int64_t, std::string> txns_;    // id -> what made it ("plain", "loan.repay"...)
  std::map<std::int64_t, std::string> repaid_;  // repayment transaction id -> loan
  std::vector<Loan> loans_;
  std::vector<Grant> grants_;
  std::set<std::string> milestones_;  // "EC-001/plan"
  std::set<std::string> closed_;      // "2026-02"
};

}  // namespace semilla::rules_e2e
