// SPDX-License-Identifier: Apache-2.0
// The loans' share of `audit verify`: rebuild every loan table from the loan records (through
// the same apply_record() the operations use), compare row by row, and check that each loan's
// receivable account in the book holds exactly the principal the loan module says is owed.
// `book import` writes the same rebuilt rows into the empty tables of a restored database.
//
// Memory: verify holds every loan at once, so a loan keeps one row (its state's), its
// instalments as integers (loan_records.h, InstallmentMinor), its schedule rows, and its
// standing repayments' lines; a written-off loan drops its instalment state and lines, which
// no later record can use (only loan.recover follows, and it reads the row).
#include <deque>
#include <map>
#include <unordered_map>
#include <type_traits>
#include <utility>

#include "ledger/book/module_replay.h"
#include "ledger/book/ownership.h"
#include "ledger/book/replay.h"
#include "ledger/loans/loan_book.h"
#include "ledger/loans/loan_book_internal.h"
#include "ledger/loans/loan_records.h"
#include "ledger/loans/loan_rules.h"

namespace semilla::loans {
namespace {

using internal::LoanState;

Error failed(const std::string& where, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, where, what);
}

template <typename Row>
Status compare_rows(const std::string& table, const std::string& key, const Row* expected,
                    const std::type_identity_t<Row>* actual) {
  if (expected && actual && *expected == *actual) return Status::Ok();
  if (!actual) return failed(table + " " + key, "missing from the database");
  if (!expected) return failed(table + " " + key, "in the database but in no loan record");
  return failed(table + " " + key, "the database row differs from the loan records");
}

class LoanReplay final : public book::ModuleReplay {
 public:
  bool handles(std::string_view kind) const override { return internal::is_loan_kind(kind); }
  Status apply(const audit::SealedRecord& r, const book::Replay& core) override;
  Status compare(store::Store& store) const override;
  Status restore(store::Store& store) const override;

 private:
  class World;
  // A loan as replayed: its state for the next record, and its loan_installments rows.
  struct ReplayedLoan {
    LoanState state;
    std::vector<store::LoanInstallmentRow> schedule;
    money::MinorUnits held = 0;  // its receivable's balance, from the transactions it names
  };
  Status check_receivable(const book::Transaction* t, const std::string& loan,
                          ReplayedLoan* replayed) const;

  void keep(internal::LoanChange&& c, ReplayedLoan* loan);
  Status compare_loans(store::Store& store) const;
  Status compare_installments(store::Store& store) const;
  Status compare_history(store::Store& store) const;
  Status compare_book(store::Store& store) const;

  std::map<std::string, ReplayedLoan> loans_;   // by id: the order of the loans table
  std::map<std::string, store::LoanProductRow> products_;
  // In seq order. Deques: no reallocation (a vector's growth briefly holds three times its
  // rows) and no unused capacity.
  std::deque<store::LoanEventRow> events_;
  std::deque<store::LoanAllocationRow> allocations_;
  // The book's accounts by name, indexed as far as core.accounts had grown at the last lookup.
  std::unordered_map<std::string, std::size_t> account_index_;
};

// The loan rules' view of the book replayed so far (loan_rules.h).
class LoanReplay::World final : public internal::LoanWorld {
 public:
  World(LoanReplay& replay, const book::Replay& core) : replay_(replay), core_(core) {}
  Result<bool> has_account(const std::string& name) override {
    auto& index = replay_.account_index_;
    for (std::size_t i = index.size(); i < core_.accounts.size(); ++i) {
      index.emplace(core_.accounts[i].name, i);
    }
    return index.contains(name);
  }
  Result<bool> has_enterprise(const std::string& id) override {
    return core_.enterprises.contains(id);
  }
  Result<bool> has_product(const std::string& name) override {
    return replay_.products_.contains(name);
  }
  Result<std::optional<LoanTerms>> product_terms(const std::string& name) override {
    auto it = replay_.products_.find(name);
    if (it == replay_.products_.end()) return std::optional<LoanTerms>();
    auto terms = internal::terms_from_json(nlohmann::json::parse(it->second.terms_json));
    if (!terms.ok()) return terms.error();
    return std::optional<LoanTerms>(std::move(*terms));
  }
  // Closed months are the grants module's; the core replay asks every module.
  Result<std::optional<std::uint64_t>> closed_by(const std::string& month) override {
    return core_.closed_by(month);
  }

 private:
  LoanReplay& replay_;
  const book::Replay& core_;
};

// The loan's row after the record is its state's (apply_record keeps them equal).
void LoanReplay::keep(internal::LoanChange&& c, ReplayedLoan* loan) {
  if (c.product) products_[c.product->name] = std::move(*c.product);
  if (loan && !c.installments.empty()) loan->schedule = std::move(c.installments);
  if (c.event) events_.push_back(std::move(*c.event));
  for (auto& a : c.allocations) allocations_.push_back(std::move(a));
  if (loan && loan->state.row && loan->state.row->status == "written-off") {
    loan->state.installments = std::vector<internal::InstallmentMinor>();  // frees it
    loan->state.repayments.clear();
    loan->state.terms.reset();
  }
}

Status LoanReplay::apply(const audit::SealedRecord& r, const book::Replay& core) {
  const std::string where = "record " + std::to_string(r.record.seq);
  const std::string loan = internal::loan_of(r.record.payload);
  auto fail = [&](const Error& e) {
    return failed(where, (loan.empty() ? "" : "loan " + loan + ": ") + r.record.kind + " " +
                             e.to_string());
  };
  auto today = core.today_at(r);
  if (!today.ok()) return today.error();
  const bool product = r.record.kind == internal::kKindProduct;
  LoanState scratch;
  ReplayedLoan* replayed = product ? nullptr : &loans_[loan];
  LoanState& state = replayed ? replayed->state : scratch;
  World world(*this, core);
  auto change = internal::apply_loan_record(r.record.kind, r.record.payload, r.record.seq, state,
                                            internal::RecordContext{world, *today, core.claimed()});
  if (!change.ok()) return fail(change.error());
  keep(std::move(*change), replayed);
  if (auto s = check_receivable(core.claimed(), loan, replayed); !s.ok()) return fail(s.error());
  return Status::Ok();
}

// After each loan record, the loan's receivable holds its outstanding principal (zero once
// repaid or written off), moved only by the transactions its own records name: the book and
// the loan tables agree at every record, not only at the end (compare_book).
Status LoanReplay::check_receivable(const book::Transaction* t, const std::string& loan,
                                    ReplayedLoan* replayed) const {
  if (!replayed || !replayed->state.row) return Status::Ok();
  const store::LoanRow& row = *replayed->state.row;
  if (t) {
    for (const auto& p : t->postings) {
      if (p.account == row.receivable_account) {
        replayed->held += p.amount.minor();
      } else if (p.account.rfind("Assets:Loans:", 0) == 0) {
        return make_error(ErrorCode::kVerifyFailed, "transaction",
                          "transaction " + std::to_string(t->id) + " moves " + p.account +
                              ", which is not loan " + loan + "'s receivable");
      }
    }
  }
  const money::MinorUnits expected =
      row.status == "active" ? internal::owed(replayed->state).principal.minor()
                             : money::MinorUnits(0);
  if (replayed->held != expected) {
    const Currency cur = Currency::find(row.currency).value();
    return make_error(ErrorCode::kVerifyFailed, "transaction",
                      row.receivable_account + " would hold " +
                          Amount::from_minor(replayed->held, cur).to_string() + " " +
                          row.currency + " but the loan owes " +
                          Amount::from_minor(expected, cur).to_string() + " of principal");
  }
  return Status::Ok();
}

Status LoanReplay::compare_loans(store::Store& store) const {
  auto products = store.loans().list_products();
  if (!products.ok()) return products.error();
  auto expected = products_.begin();
  for (const auto& p : *products) {
    const bool known = expected != products_.end() && expected->first == p.name;
    SEMILLA_TRY(compare_rows("loan product", p.name, known ? &expected->second : nullptr, &p));
    ++expected;
  }
  if (expected != products_.end()) {
    SEMILLA_TRY(compare_rows("loan product", expected->first, &expected->second, nullptr));
  }
  auto next = loans_.begin();
  auto mine = [&]() -> const store::LoanRow* {  // the next opened loan's row
    while (next != loans_.end() && !next->second.state.row) ++next;
    return next == loans_.end() ? nullptr : &*next->second.state.row;
  };
  SEMILLA_TRY(store.loans().for_each_loan(
      [&](const store::LoanRow& l, const std::string&) -> Status {
        const store::LoanRow* row = mine();
        const bool known = row && row->id == l.id;
        if (known) ++next;
        return compare_rows("loan", l.id, known ? row : nullptr, &l);
      }));
  if (const store::LoanRow* left = mine()) return compare_rows("loan", left->id, left, nullptr);
  return Status::Ok();
}

// The loan_installments rows in (loan id, n) order: each loan's schedule in turn.
Status LoanReplay::compare_installments(store::Store& store) const {
  auto loan = loans_.begin();
  std::size_t n = 0;
  auto mine = [&]() -> const store::LoanInstallmentRow* {
    while (loan != loans_.end() && n >= loan->second.schedule.size()) {
      ++loan;
      n = 0;
    }
    return loan == loans_.end() ? nullptr : &loan->second.schedule[n];
  };
  auto key = [](const store::LoanInstallmentRow& i) {
    return i.loan_id + " instalment " + std::to_string(i.n);
  };
  SEMILLA_TRY(store.loans().for_each_installment([&](const store::LoanInstallmentRow& i) {
    const store::LoanInstallmentRow* expected = mine();
    const bool known = expected && expected->loan_id == i.loan_id && expected->n == i.n;
    if (known) ++n;
    return compare_rows("loan", key(i), known ? expected : nullptr, &i);
  }));
  if (const auto* left = mine()) return compare_rows("loan", key(*left), left, nullptr);
  return Status::Ok();
}

Status LoanReplay::compare_history(store::Store& store) const {
  std::size_t e = 0;
  SEMILLA_TRY(store.loans().for_each_event([&](const store::LoanEventRow& row) {
    const std::string key = row.loan_id + " event (record " + std::to_string(row.seq) + ")";
    const auto* mine = e < events_.size() ? &events_[e++] : nullptr;
    return compare_rows("loan", key, mine, &row);
  }));
  if (e < events_.size()) {
    return compare_rows("loan", events_[e].loan_id + " event (record " +
                        std::to_string(events_[e].seq) + ")", &events_[e], nullptr);
  }
  std::size_t a = 0;
  SEMILLA_TRY(store.loans().for_each_allocation([&](const store::LoanAllocationRow& row) {
    const std::string key = row.loan_id + " allocation " + std::to_string(row.idx) +
                            " of record " + std::to_string(row.event_seq);
    const auto* mine = a < allocations_.size() ? &allocations_[a++] : nullptr;
    return compare_rows("loan", key, mine, &row);
  }));
  if (a < allocations_.size()) {
    return failed("loan " + allocations_[a].loan_id, "allocation rows missing");
  }
  return Status::Ok();
}

// The book and the loan module agree: each receivable holds the loan's outstanding principal.
Status LoanReplay::compare_book(store::Store& store) const {
  auto balances = store.balances("Assets:Loans", std::nullopt);
  if (!balances.ok()) return balances.error();
  std::map<std::pair<std::string, std::string>, money::MinorUnits> held;
  for (const auto& b : *balances) {
    held[{b.account, std::string(b.amount.currency().code())}] = b.amount.minor();
  }
  for (const auto& [id, loan] : loans_) {
    const LoanState& state = loan.state;
    if (!state.row) continue;
    const auto& row = *state.row;
    const money::MinorUnits expected =
        row.status == "active" ? internal::owed(state).principal.minor() : money::MinorUnits(0);
    auto it = held.find({row.receivable_account, row.currency});
    const money::MinorUnits actual = it == held.end() ? money::MinorUnits(0) : it->second;
    if (actual != expected) {
      const Currency cur = Currency::find(row.currency).value();
      return failed("loan " + id, row.receivable_account + " holds " +
                                      Amount::from_minor(actual, cur).to_string() + " " +
                                      row.currency + " in the book but the loan owes " +
                                      Amount::from_minor(expected, cur).to_string() +
                                      " of principal (was one of its transactions reversed "
                                      "outside `loan reverse`, or posted to by hand?)");
    }
  }
  return Status::Ok();
}

Status LoanReplay::compare(store::Store& store) const {
  SEMILLA_TRY(compare_loans(store));
  SEMILLA_TRY(compare_installments(store));
  SEMILLA_TRY(compare_history(store));
  return compare_book(store);
}

// Every rebuilt row, parents before children: products, loans (their state after the last
// record), instalments (one insert per loan), events, allocations. The book's rows the loans
// refer to (enterprises, accounts, transactions) are in already.
Status LoanReplay::restore(store::Store& store) const {
  store::LoanStore& loans = store.loans();
  for (const auto& [name, product] : products_) SEMILLA_TRY(loans.insert_product(product));
  for (const auto& [id, loan] : loans_) {
    if (loan.state.row) SEMILLA_TRY(loans.insert_loan(*loan.state.row));
  }
  for (const auto& [id, loan] : loans_) {
    if (!loan.schedule.empty()) SEMILLA_TRY(loans.insert_installments(loan.schedule));
  }
  for (const auto& e : events_) SEMILLA_TRY(loans.insert_event(e));
  for (const auto& a : allocations_) SEMILLA_TRY(loans.insert_allocations({a}));
  return Status::Ok();
}

std::unique_ptr<book::ModuleReplay> make_loan_replay() { return std::make_unique<LoanReplay>(); }

}  // namespace

// Loans own every receivable and the income and reserve accounts the module creates: their
// balances are the loans' (compare_book), so only loan operations may move them.
void register_module() {
  book::register_module_replay(&make_loan_replay);
  book::register_account_owner(book::AccountOwner{
      internal::kOwner,
      {"Assets:Loans:"},
      {kInterestAccount, kFeesAccount, kPenaltiesAccount, kReserveAccount},
      "the loan commands (`loan disburse`, `loan repay`, `loan reverse`, `loan write-off`, "
      "`loan recover`)",
      &internal::is_loan_kind});
}

}  // namespace semilla::loans
