// SPDX-License-Identifier: Apache-2.0
// Loans in the book: products, the life of a loan and its reports, each change one database
// transaction holding the loan's audit record, the ordinary balanced transaction that moves
// the money, and the loan tables (ledger/store/loan_store.h).
//
// Accounts (created on demand, docs/loans.md "The book side"):
//   Assets:Loans:<ENTERPRISE>:<LOAN>  receivable, owned by the enterprise; its balance is the
//                                     loan's outstanding principal (0 once written off)
//   Income:Loans:Interest | Fees | Penalties   what repayments and fees earn
//   Assets:LoanLossReserve            contra-asset: write-offs are debited, recoveries credited
//   the cash account                  the product's --cash-account (Assets:Bank by default),
//                                     or the operation's; it must exist
//
// Every error a user can cause is an Error naming the option, and then nothing changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ledger/book/book.h"
#include "ledger/loans/allocation.h"
#include "ledger/loans/apr.h"
#include "ledger/loans/arrears.h"
#include "ledger/loans/schedule.h"
#include "ledger/loans/terms.h"
#include "ledger/store/loan_store.h"

namespace semilla::loans {

// Registers the loans' share of `audit verify` (book::register_module_replay).
void register_module();

inline constexpr const char* kInterestAccount = "Income:Loans:Interest";
inline constexpr const char* kFeesAccount = "Income:Loans:Fees";
inline constexpr const char* kPenaltiesAccount = "Income:Loans:Penalties";
inline constexpr const char* kReserveAccount = "Assets:LoanLossReserve";
inline constexpr const char* kDefaultCashAccount = "Assets:Bank";

using Options = std::vector<std::pair<std::string, std::string>>;  // ("--rate", "24")

struct ProductDraft {
  std::string name;
  std::string cash_account;   // empty: kDefaultCashAccount
  Options options;            // must include --currency
};

struct Product {
  store::LoanProductRow row;
  LoanTerms terms;
};

struct OpenDraft {
  std::string id, enterprise, product, principal, date, cash_account;
  Options overrides;
};

// A schedule with its cost of credit: what `loan quote` and `loan schedule` print.
struct Quote {
  LoanTerms terms;
  Schedule schedule;
  CostOfCredit cost;
};

// A loan as stored, with its terms and instalment state (empty before disbursement).
struct Loan {
  store::LoanRow row;
  LoanTerms terms;
  std::vector<InstallmentState> state;
};

// The outcome of an operation that posted money.
struct Posted {
  Loan loan;                      // after the operation
  book::Transaction transaction;  // what the book posted
  std::uint64_t audit_seq = 0;    // the loan record
  bool duplicate = false;         // repay --ref seen before with the same content
};

struct RepayDraft {
  std::string loan, amount, date, ref, cash_account;  // amount: "120.00" or "120.00 USD"
};

enum class InstallmentStatus { kPaid, kPartial, kDue, kOverdue };
[[nodiscard]] std::string_view installment_status_name(InstallmentStatus s);

struct LoanStatus {
  Loan loan{store::LoanRow{}, LoanTerms(money::Currency::find("USD").value()), {}};  // as of
  Date as_of = Date::from_ymd(1970, 1, 1);
  std::string status;    // the loan's status as of that date
  std::vector<InstallmentStatus> installments;  // one per instalment
  std::optional<LoanArrears> arrears;           // once disbursed
  std::optional<InstallmentState> next_due;     // first instalment not fully paid
  Components outstanding = Components::zero(money::Currency::find("USD").value());
  std::vector<store::LoanEventRow> events;      // up to as_of
};

struct PortfolioGroup {
  std::string key;   // product name, cohort, or "" for the whole currency
  PortfolioArrears arrears;
};

// One currency's portfolio.
struct PortfolioCurrency {
  money::Currency currency;
  PortfolioGroup total;
  std::vector<PortfolioGroup> by_product, by_cohort;
  std::size_t written_off_count = 0;
  Amount written_off = Amount::zero(currency);   // owed when written off
  Amount recovered = Amount::zero(currency);
};

struct Portfolio {
  Date as_of = Date::from_ymd(1970, 1, 1);
  std::vector<PortfolioCurrency> currencies;  // by currency code
};

class LoanBook {
 public:
  explicit LoanBook(book::Book& book) : book_(book) {}

  [[nodiscard]] Result<Product, Errors> add_product(const ProductDraft& draft);
  [[nodiscard]] Result<std::vector<Product>> products();
  // A preview: no loan, nothing written.
  [[nodiscard]] Result<Quote, Errors> quote(const std::string& product,
                                            const std::string& principal,
                                            const std::string& date, const Options& overrides);

  [[nodiscard]] Result<Loan, Errors> open(const OpenDraft& draft);
  // The same inside `tx`, which the caller commits or abandons (batch import); errors name
  // the same fields. After an error the caller must not commit `tx`.
  [[nodiscard]] Result<Loan, Errors> open(book::BookTransaction& tx, const OpenDraft& draft);
  [[nodiscard]] Result<Loan> find(const std::string& id);
  // Its schedule: the disbursed one, or before disbursement the one its terms give for the
  // expected date.
  [[nodiscard]] Result<Quote> schedule(const std::string& id);

  [[nodiscard]] Result<Posted> disburse(const std::string& id, const std::string& date,
                                        const std::string& cash_account);
  // The same inside `tx`, which the caller commits or abandons (batch import).
  [[nodiscard]] Result<Posted> disburse(book::BookTransaction& tx, const std::string& id,
                                        const std::string& date,
                                        const std::string& cash_account);
  // Begins a transaction, repays through repay(tx, draft) and commits (not for a repeated
  // --ref, which changes nothing).
  [[nodiscard]] Result<Posted> repay(const RepayDraft& draft);
  // Every problem of `loan repay` input at once (LOAN-ID, AMOUNT, --date), read without a
  // transaction; the rules that need the loan's schedule are repay's.
  [[nodiscard]] Errors repay_problems(const RepayDraft& draft);
  // The same inside `tx`, which the caller commits or abandons (batch import): nothing is
  // committed here. Reads go through `tx`, so a second repayment in the same transaction
  // sees the first (its instalments, and its --ref: the same content again is `duplicate`
  // and writes nothing). After an error the caller must not commit `tx`: the operation may
  // have written part of its rows.
  //
  // The field of every error it returns is one of:
  //   "LOAN-ID"        draft.loan: no such loan (kNotFound); not disbursed yet, closed or
  //                    written off (kRefused)
  //   "AMOUNT"         draft.amount: not a positive amount, an unknown currency code, another
  //                    currency than the loan's (kCurrencyMismatch), more than everything
  //                    still owed (kRefused, the excess in the message)
  //   "--date"         draft.date: not a date, before the disbursement, after today, or in a
  //                    closed period
  //   "--ref"          draft.ref: not a valid identifier, or used before by other content
  //                    (kConflict)
  //   "--cash-account" draft.cash_account (or the loan's): no such account, another currency,
  //                    or owned by another enterprise
  //   "principal", "interest", "fee", "penalty"
  //                    the posting to the loan's receivable or to an Income:Loans account,
  //                    refused by the book (e.g. that account was created in another currency)
  //   ""               an Income:Loans account cannot be created as the module's own (an
  //                    account of that name with another type or owner: kConflict; accounts
  //                    under Income of another type), or a balance would leave the storable
  //                    range (kLimitExceeded)
  //   "--db"           a database failure (kEnvironment), e.g. the book is busy
  [[nodiscard]] Result<Posted> repay(book::BookTransaction& tx, const RepayDraft& draft);
  // Reverses repayment transaction `transaction_id` through the book's reversal; the paid
  // amounts it allocated are taken off their instalments again.
  [[nodiscard]] Result<Posted> reverse_repayment(const std::string& id,
                                                 std::int64_t transaction_id,
                                                 const std::string& date,
                                                 const std::string& reason);
  [[nodiscard]] Result<Posted> write_off(const std::string& id, const std::string& date,
                                         const std::string& reason);
  [[nodiscard]] Result<Posted> recover(const RepayDraft& draft);
  // Cancels a loan opened by mistake, before disbursement (loan.cancel; nothing posted):
  // kRefused for a loan that is not open. `date` empty: today.
  [[nodiscard]] Result<Posted> cancel(const std::string& id, const std::string& date,
                                      const std::string& reason);
  // Reverses the disbursement of a loan on which nothing is repaid (reversed repayments do
  // not count) and cancels the loan (loan.reverse-disbursement after the book's reversal of
  // the disbursement's transaction). `date` empty: today.
  [[nodiscard]] Result<Posted> reverse_disbursement(const std::string& id,
                                                    const std::string& date,
                                                    const std::string& reason);

  // as_of empty: today.
  [[nodiscard]] Result<LoanStatus> status(const std::string& id, const std::string& as_of);
  // The status of every loan of `enterprise` as of `as_of` (empty: today), by loan id;
  // loans opened after `as_of` (their `loan open` date and any disbursement both later) are
  // left out. What a statement shows for loans. kNotFound naming "ENTERPRISE-ID" for an
  // unknown enterprise; "--as-of" for a bad date. One query for the loans, then two indexed
  // queries per loan.
  [[nodiscard]] Result<std::vector<LoanStatus>> statuses_of(const std::string& enterprise,
                                                            const std::string& as_of);
  [[nodiscard]] Result<Portfolio> portfolio(const std::string& as_of);

 private:
  book::Book& book_;
};

}  // namespace semilla::loans
