// SPDX-License-Identifier: Apache-2.0
// Loan records -> loan table rows. docs/audit-format.md ("Loan records") lists every member.
#include "ledger/loans/loan_records.h"

#include <array>

#include "ledger/base/lang.h"
#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/book/fields.h"
#include "ledger/book/payload_fields.h"

namespace semilla::loans::internal {
namespace {

using nlohmann::json;

using book::payload_date;
using book::payload_error;
using book::payload_integer;
using book::payload_string;

// An option's error ("--rate") as the payload's ("payload/terms/rate"); the loan's own
// principal ("--principal") is the payload's "principal".
Error terms_error(const Error& e) {
  std::string_view option = e.field;
  if (option.substr(0, 2) == "--") option.remove_prefix(2);
  if (option == "principal") return payload_error(option, e.message);
  return payload_error("terms/" + std::string(option), e.message);
}

// A decimal string member in `currency`, as minor units that fit the tables' INTEGER.
Result<std::int64_t> minor(const json& p, std::string_view member, Currency currency) {
  auto a = book::payload_amount(p, member, currency);
  if (!a.ok()) return a.error();
  auto m = a->minor_int64(member);
  if (!m.ok()) return payload_error(member, m.error().message);
  return *m;
}

Result<Component> component_of(const std::string& key) {
  for (Component c : kAllComponents) {
    if (key == component_key(c)) return c;
  }
  return payload_error("component", "\"" + key + "\" is not a component");
}

Status expect_status(const store::LoanRow& row, std::string_view kind,
                     std::initializer_list<std::string_view> allowed) {
  for (auto s : allowed) {
    if (row.status == s) return Status::Ok();
  }
  return payload_error("loan", "loan " + row.id + " is " + row.status + ": no " +
                                   std::string(kind) + " possible");
}

// The members every money record has: its date, its book transaction and an amount.
struct Basics {
  Date day;
  std::optional<std::int64_t> txn;
  std::int64_t amount;
};

Result<Basics> basics(const json& p, Currency cur, const char* amount_member,
                      bool txn_required = true) {
  auto day = payload_date(p, "date");
  auto txn = book::payload_optional_integer(p, "transaction");
  auto amount = minor(p, amount_member, cur);
  if (!day.ok()) return day.error();
  if (!txn.ok()) return txn.error();
  if (!amount.ok()) return amount.error();
  if (txn_required && !*txn) return payload_error("transaction", "missing");
  return Basics{*day, *txn, *amount};
}

// ---- The stateless shape of each kind's payload -----------------------------------------------
// What the operations write, member by member, checked before apply_*() reads the payload
// against the loan's state: no member they do not write, each value as the operation built
// it (ids and names with the command's validators, amounts with the currency's digits and
// the sign the operation gives them). The amounts' currency is the payload's own where it has
// one (loan.open), else any known one here: apply_*() reads them again in the loan's.

constexpr std::int64_t kJsonIntegerMax = (std::int64_t{1} << 53) - 1;

Status loan_id_member(const json& p) {
  auto id = payload_string(p, "loan");
  if (!id.ok()) return id.error();
  return book::payload_check(check_loan_id(*id, "loan"), "loan");
}

Status account_member(const json& p, std::string_view member) {
  auto name = payload_string(p, member);
  if (!name.ok()) return name.error();
  return book::payload_check(book::check_account_name(*name, member), member);
}

// The sign an amount member has: allocation lines and payments are positive, the parts of a
// schedule or of what is owed may be zero.
enum class Sign { kPositive, kNotNegative };

// The amount is read for its sign only: its digits are checked against the loan's currency
// when apply_*() reads it, and the sign does not depend on the currency's scale.
Status sign_of(const json& p, std::string_view member, Sign sign) {
  auto it = p.find(member);
  if (it == p.end() || !it->is_string()) return payload_error(member, "missing or not a string");
  const std::string& text = it->get_ref<const std::string&>();
  const bool negative = !text.empty() && text.front() == '-';
  const bool zero = text.find_first_not_of("0.") == std::string::npos;
  if (negative || (sign == Sign::kPositive && zero)) {
    return payload_error(member, sign == Sign::kPositive ? "must be greater than zero"
                                                         : "must not be negative");
  }
  return Status::Ok();
}

// loan, date and transaction: the members of every loan record after loan.open.
Status event_members(const json& p, bool transaction_nullable = false) {
  SEMILLA_TRY(loan_id_member(p));
  auto day = payload_date(p, "date");
  if (!day.ok()) return day.error();
  auto txn = book::payload_optional_integer(p, "transaction");
  if (!txn.ok()) return txn.error();
  if (!*txn && !transaction_nullable) return payload_error("transaction", "missing");
  if (*txn && (**txn < 1 || **txn > kJsonIntegerMax)) {
    return payload_error("transaction", "not a transaction id");
  }
  return Status::Ok();
}

Status check_product_shape(const json& p) {
  SEMILLA_TRY(book::payload_members(p, {"name", "currency", "cash_account", "terms"}));
  auto name = book::payload_identifier(p, "name");
  if (!name.ok()) return name.error();
  return account_member(p, "cash_account");
}

Status check_open_shape(const json& p) {
  SEMILLA_TRY(book::payload_members(p, {"loan", "enterprise", "product", "currency", "principal",
                                        "date", "cash_account", "receivable_account",
                                        "terms"}));
  SEMILLA_TRY(loan_id_member(p));
  auto enterprise = book::payload_identifier(p, "enterprise");
  if (!enterprise.ok()) return enterprise.error();
  auto product = book::payload_identifier(p, "product");
  if (!product.ok()) return product.error();
  SEMILLA_TRY(account_member(p, "cash_account"));
  // The receivable is named after the enterprise and the loan (LoanBook::open), so that the
  // loan owns exactly one account.
  auto receivable = payload_string(p, "receivable_account");
  if (!receivable.ok()) return receivable.error();
  if (*receivable != receivable_account_name(*enterprise, loan_of(p))) {
    return payload_error("receivable_account",
                         "is not " + receivable_account_name(*enterprise, loan_of(p)));
  }
  return Status::Ok();
}

Status check_installment_shape(const json& i) {
  SEMILLA_TRY(book::payload_members(i, {"n", "due_date", "principal", "interest", "fee"}));
  for (const char* m : {"principal", "interest", "fee"}) {
    SEMILLA_TRY(sign_of(i, m, Sign::kNotNegative));
  }
  return Status::Ok();
}

Status check_disburse_shape(const json& p) {
  SEMILLA_TRY(book::payload_members(p, {"loan", "date", "transaction", "principal", "fee", "net",
                                        "installments"}));
  SEMILLA_TRY(event_members(p));
  SEMILLA_TRY(sign_of(p, "principal", Sign::kPositive));
  SEMILLA_TRY(sign_of(p, "fee", Sign::kNotNegative));
  SEMILLA_TRY(sign_of(p, "net", Sign::kPositive));
  auto list = p.find("installments");
  if (list == p.end() || !list->is_array()) return Status::Ok();  // apply_disburse names it
  for (std::size_t k = 0; k < list->size(); ++k) {
    if (Status s = check_installment_shape((*list)[k]); !s.ok()) {
      return book::payload_nested("installments/" + std::to_string(k), s.error());
    }
  }
  return Status::Ok();
}

Status check_repay_shape(const json& p) {
  SEMILLA_TRY(book::payload_members(p, {"loan", "date", "transaction", "amount", "ref", "lines"}));
  SEMILLA_TRY(event_members(p));
  SEMILLA_TRY(sign_of(p, "amount", Sign::kPositive));
  auto ref = book::payload_optional_string(p, "ref");
  if (!ref.ok()) return ref.error();
  if (*ref) {
    SEMILLA_TRY(book::payload_check(check_identifier(**ref, "ref", limits::kIdBytesMax), "ref"));
  }
  auto list = p.find("lines");
  if (list == p.end() || !list->is_array()) return Status::Ok();  // lines_of names it
  for (std::size_t k = 0; k < list->size(); ++k) {
    const std::string at = "lines/" + std::to_string(k);
    if (Status s = book::payload_members((*list)[k], {"n", "component", "amount"}); !s.ok()) {
      return book::payload_nested(at, s.error());
    }
  }
  return Status::Ok();
}

Status check_reverse_shape(const json& p) {
  SEMILLA_TRY(book::payload_members(p, {"loan", "date", "transaction", "repayment", "amount"}));
  SEMILLA_TRY(event_members(p));
  SEMILLA_TRY(sign_of(p, "amount", Sign::kPositive));
  auto repayment = book::payload_integer_in(p, "repayment", 0, kJsonIntegerMax);
  if (!repayment.ok()) return repayment.error();
  return Status::Ok();
}

// A write-off posts the principal still owed, so it has a transaction exactly when that is
// more than zero; its reason is required (write_off_in).
Status check_write_off_shape(const json& p) {
  SEMILLA_TRY(book::payload_members(p, {"loan", "date", "transaction", "principal", "owed",
                                        "reason"}));
  SEMILLA_TRY(event_members(p, true));
  SEMILLA_TRY(sign_of(p, "principal", Sign::kNotNegative));
  SEMILLA_TRY(sign_of(p, "owed", Sign::kNotNegative));
  const bool posted = sign_of(p, "principal", Sign::kPositive).ok();
  if (posted != !p.at("transaction").is_null()) {
    return payload_error("transaction", posted ? "missing: the principal owed was posted"
                                               : "is not null, but no principal was owed");
  }
  auto reason = book::payload_text(p, "reason", limits::kReasonBytesMax, false);
  if (!reason.ok()) return reason.error();
  return Status::Ok();
}

Status check_recover_shape(const json& p) {
  SEMILLA_TRY(book::payload_members(p, {"loan", "date", "transaction", "amount"}));
  SEMILLA_TRY(event_members(p));
  return sign_of(p, "amount", Sign::kPositive);
}

// loan.cancel names no transaction; loan.reverse-disbursement names the reversal. Both give
// the officer's reason (loan_ops.cpp cancel_in, reverse_disbursement_in).
Status check_cancel_shape(std::string_view kind, const json& p) {
  const bool cancel = kind == kKindCancel;
  if (cancel) {
    SEMILLA_TRY(book::payload_members(p, {"loan", "date", "reason"}));
    SEMILLA_TRY(loan_id_member(p));
    auto day = payload_date(p, "date");
    if (!day.ok()) return day.error();
  } else {
    SEMILLA_TRY(book::payload_members(p, {"loan", "date", "transaction", "reason"}));
    SEMILLA_TRY(event_members(p));
  }
  auto reason = book::payload_text(p, "reason", limits::kReasonBytesMax, false);
  if (!reason.ok()) return reason.error();
  return Status::Ok();
}

Status check_shape(std::string_view kind, const json& p) {
  if (kind == kKindCancel || kind == kKindReverseDisbursement) return check_cancel_shape(kind, p);
  if (kind == kKindProduct) return check_product_shape(p);
  if (kind == kKindOpen) return check_open_shape(p);
  if (kind == kKindDisburse) return check_disburse_shape(p);
  if (kind == kKindRepay) return check_repay_shape(p);
  if (kind == kKindReverse) return check_reverse_shape(p);
  if (kind == kKindWriteOff) return check_write_off_shape(p);
  if (kind == kKindRecover) return check_recover_shape(p);
  return Status::Ok();  // apply_record refuses the kind
}

Result<LoanChange> apply_product(const json& p, std::uint64_t seq) {
  auto name = payload_string(p, "name");
  auto currency = payload_string(p, "currency");
  auto cash = payload_string(p, "cash_account");
  if (!name.ok()) return name.error();
  if (!currency.ok()) return currency.error();
  if (!cash.ok()) return cash.error();
  if (!p.contains("terms")) return payload_error("terms", "missing");
  auto terms = terms_from_json(p.at("terms"));
  if (!terms.ok()) return payload_error("terms", terms.error().to_string());
  if (terms->currency.code() != *currency) {
    return payload_error("currency", "differs from the terms'");
  }
  LoanChange c;
  c.product = store::LoanProductRow{*name, *currency, *cash, terms_to_json(*terms).dump(), seq};
  return c;
}

Result<LoanChange> apply_open(const json& p, std::uint64_t seq, LoanState& state) {
  if (state.row) return payload_error("loan", "loan " + state.row->id + " is opened twice");
  store::LoanRow row;
  for (auto [member, field] : std::array<std::pair<const char*, std::string*>, 6>{
           {{"loan", &row.id}, {"enterprise", &row.enterprise}, {"product", &row.product},
            {"currency", &row.currency}, {"cash_account", &row.cash_account},
            {"receivable_account", &row.receivable_account}}}) {
    auto t = payload_string(p, member);
    if (!t.ok()) return t.error();
    *field = *t;
  }
  if (!p.contains("terms")) return payload_error("terms", "missing");
  auto terms = terms_from_json(p.at("terms"));
  if (!terms.ok()) return payload_error("terms", terms.error().to_string());
  if (terms->currency.code() != row.currency) {
    return payload_error("currency", "differs from the terms'");
  }
  auto principal = minor(p, "principal", terms->currency);
  auto expected = payload_date(p, "date");
  if (!principal.ok()) return principal.error();
  if (!expected.ok()) return expected.error();
  // The loan the command opened passed validate_loan() (make_schedule) with these terms.
  const Errors loan_errors = validate_loan(*terms, Amount::from_minor(*principal, terms->currency));
  if (!loan_errors.empty()) return terms_error(loan_errors.front());
  row.principal_minor = *principal;
  row.terms_json = terms_to_json(*terms).dump();
  row.expected_on = *expected;
  row.status = "open";
  row.audit_seq = seq;
  state.row = row;
  LoanChange c;
  c.new_loan = true;
  c.loan = row;
  return c;
}

store::LoanEventRow event_of(std::uint64_t seq, const store::LoanRow& row, std::string_view kind,
                             Date day, std::int64_t amount, std::optional<std::int64_t> txn) {
  return store::LoanEventRow{seq,  row.id, std::string(kind), day, amount, txn,
                             std::nullopt, std::nullopt};
}

Result<store::LoanInstallmentRow> installment_of(const json& i, const std::string& loan,
                                                 Currency cur) {
  auto n = payload_integer(i, "n");
  auto due = payload_date(i, "due_date");
  auto pr = minor(i, "principal", cur);
  auto in = minor(i, "interest", cur);
  auto fe = minor(i, "fee", cur);
  if (!n.ok()) return n.error();
  if (!due.ok()) return due.error();
  if (!pr.ok()) return pr.error();
  if (!in.ok()) return in.error();
  if (!fe.ok()) return fe.error();
  if (*n < 1 || *n > kInstallmentsCountMax) {
    return payload_error("installments", "bad instalment number");
  }
  return store::LoanInstallmentRow{loan, static_cast<int>(*n), *due, *pr, *in, *fe};
}

Result<LoanChange> apply_disburse(const json& p, std::uint64_t seq, LoanState& state,
                                  Currency cur) {
  store::LoanRow& row = *state.row;
  SEMILLA_TRY(expect_status(row, kKindDisburse, {"open"}));
  auto b = basics(p, cur, "principal");
  if (!b.ok()) return b.error();
  auto list = p.find("installments");
  if (list == p.end() || !list->is_array() || list->empty()) {
    return payload_error("installments", "missing or empty");
  }
  LoanChange c;
  c.installments.reserve(list->size());
  state.installments.reserve(list->size());
  money::MinorUnits principal_sum = 0;
  for (const json& i : *list) {
    auto r = installment_of(i, row.id, cur);
    if (!r.ok()) return r.error();
    if (r->n != static_cast<int>(c.installments.size()) + 1) {
      return payload_error("installments",
                           "instalment " + std::to_string(r->n) + " out of sequence");
    }
    c.installments.push_back(*r);
    state.installments.push_back(
        InstallmentMinor{r->n, r->due_date, {0, r->fee_minor, r->interest_minor,
                                             r->principal_minor}, {}});
    principal_sum += r->principal_minor;
  }
  if (principal_sum != row.principal_minor) {
    return payload_error("installments", "principal parts do not sum to the loan's principal");
  }
  row.status = "active";
  row.disbursed_on = b->day;
  state.disbursement_transaction = *b->txn;
  c.loan = row;
  c.event = event_of(seq, row, kKindDisburse, b->day, row.principal_minor, b->txn);
  return c;
}

// Where `c` is in the arrays of InstallmentMinor (the order of Component).
std::size_t slot(Component c) { return static_cast<std::size_t>(c); }

// Adds `sign` × each line to the paid amounts; kVerifyFailed when a line would pay beyond
// what is due or take back more than was paid.
Status apply_lines(LoanState& state, const std::vector<LineMinor>& lines, int sign,
                   Currency cur) {
  for (const LineMinor& l : lines) {
    if (l.n < 1 || l.n > static_cast<int>(state.installments.size())) {
      return payload_error("lines", "no instalment " + std::to_string(l.n));
    }
    InstallmentMinor& i = state.installments[static_cast<std::size_t>(l.n - 1)];
    std::int64_t& paid = i.paid[slot(l.component)];
    const std::int64_t due = i.due[slot(l.component)];
    const money::MinorUnits next = money::MinorUnits(paid) + sign * money::MinorUnits(l.amount);
    if (next < 0 || next > due) {
      return payload_error("lines", "instalment " + std::to_string(l.n) + " " +
                                        component_key(l.component) + " would be paid " +
                                        Amount::from_minor(next, cur).to_string() + " of " +
                                        Amount::from_minor(due, cur).to_string());
    }
    paid = static_cast<std::int64_t>(next);
  }
  return Status::Ok();
}

Result<std::vector<LineMinor>> lines_of(const json& p, Currency cur) {
  auto list = p.find("lines");
  if (list == p.end() || !list->is_array() || list->empty()) {
    return payload_error("lines", "missing");
  }
  std::vector<LineMinor> out;
  out.reserve(list->size());
  for (const json& l : *list) {
    auto n = payload_integer(l, "n");
    auto key = payload_string(l, "component");
    auto m = minor(l, "amount", cur);
    if (!n.ok()) return n.error();
    if (!key.ok()) return key.error();
    if (!m.ok()) return m.error();
    auto c = component_of(*key);
    if (!c.ok()) return c.error();
    if (*m <= 0) return payload_error("lines", "an allocation line must be positive");
    if (*n < 1 || *n > kInstallmentsCountMax) {
      return payload_error("lines", "no instalment " + std::to_string(*n));
    }
    out.push_back(LineMinor{static_cast<int>(*n), *c, *m});
  }
  return out;
}

std::vector<store::LoanAllocationRow> allocation_rows(std::uint64_t seq, const std::string& loan,
                                                      Date day,
                                                      const std::vector<LineMinor>& lines,
                                                      int sign) {
  std::vector<store::LoanAllocationRow> out;
  out.reserve(lines.size());
  for (const LineMinor& l : lines) {
    out.push_back(store::LoanAllocationRow{seq, static_cast<int>(out.size()), loan, l.n,
                                           component_key(l.component), day, sign * l.amount});
  }
  return out;
}

Result<LoanChange> apply_repay(const json& p, std::uint64_t seq, LoanState& state, Currency cur) {
  store::LoanRow& row = *state.row;
  SEMILLA_TRY(expect_status(row, kKindRepay, {"active"}));
  auto b = basics(p, cur, "amount");
  if (!b.ok()) return b.error();
  auto lines = lines_of(p, cur);
  if (!lines.ok()) return lines.error();
  auto ref = book::payload_optional_string(p, "ref");
  if (!ref.ok()) return ref.error();
  money::MinorUnits sum = 0;
  for (const auto& l : *lines) sum += l.amount;
  if (sum != b->amount) return payload_error("lines", "lines do not sum to the amount");
  SEMILLA_TRY(apply_lines(state, *lines, 1, cur));
  LoanChange c;
  c.event = event_of(seq, row, kKindRepay, b->day, b->amount, b->txn);
  c.event->ref = *ref;
  c.allocations = allocation_rows(seq, row.id, b->day, *lines, 1);
  state.repayments[seq] = Repayment{*b->txn, std::move(*lines)};
  if (owed(state).sum().is_zero()) {
    row.status = "closed";
    row.closed_on = b->day;
  }
  c.loan = row;
  return c;
}

Result<LoanChange> apply_reverse(const json& p, std::uint64_t seq, LoanState& state,
                                 Currency cur) {
  store::LoanRow& row = *state.row;
  SEMILLA_TRY(expect_status(row, kKindReverse, {"active", "closed"}));
  auto b = basics(p, cur, "amount");
  if (!b.ok()) return b.error();
  auto repayment = payload_integer(p, "repayment");
  if (!repayment.ok()) return repayment.error();
  auto it = state.repayments.find(static_cast<std::uint64_t>(*repayment));
  if (it == state.repayments.end()) {
    return payload_error("repayment", "record " + std::to_string(*repayment) +
                                          " is not a standing repayment of loan " + row.id);
  }
  SEMILLA_TRY(apply_lines(state, it->second.lines, -1, cur));
  LoanChange c;
  c.event = event_of(seq, row, kKindReverse, b->day, b->amount, b->txn);
  c.event->reverses_seq = it->first;
  c.allocations = allocation_rows(seq, row.id, b->day, it->second.lines, -1);
  state.repayments.erase(it);
  row.status = "active";
  row.closed_on.reset();
  c.loan = row;
  return c;
}

Result<LoanChange> apply_write_off(const json& p, std::uint64_t seq, LoanState& state,
                                   Currency cur) {
  store::LoanRow& row = *state.row;
  SEMILLA_TRY(expect_status(row, kKindWriteOff, {"active"}));
  auto b = basics(p, cur, "principal", false);
  if (!b.ok()) return b.error();
  auto owed_minor = minor(p, "owed", cur);
  if (!owed_minor.ok()) return owed_minor.error();
  const Components now_owed = owed(state);
  if (now_owed.principal.minor() != b->amount || now_owed.sum().minor() != *owed_minor) {
    return payload_error("owed",
                         "differs from what the loan owes (" + now_owed.sum().to_string() + ")");
  }
  row.status = "written-off";
  row.written_off_on = b->day;
  row.written_off_minor = *owed_minor;
  LoanChange c;
  c.event = event_of(seq, row, kKindWriteOff, b->day, b->amount, b->txn);
  c.loan = row;
  return c;
}

Result<LoanChange> apply_recover(const json& p, std::uint64_t seq, LoanState& state,
                                 Currency cur) {
  store::LoanRow& row = *state.row;
  SEMILLA_TRY(expect_status(row, kKindRecover, {"written-off"}));
  auto b = basics(p, cur, "amount");
  if (!b.ok()) return b.error();
  if (b->amount <= 0 || row.recovered_minor + b->amount > row.written_off_minor) {
    return payload_error("amount", "recoveries would exceed what was written off");
  }
  row.recovered_minor += b->amount;
  LoanChange c;
  c.event = event_of(seq, row, kKindRecover, b->day, b->amount, b->txn);
  c.loan = row;
  return c;
}

// loan.cancel of an open loan; loan.reverse-disbursement of an active loan on which nothing
// is paid (a reversed repayment counts as unpaid). Either way the loan is cancelled on the
// record's date and keeps its schedule rows (portfolio and statuses skip it from that day).
Result<LoanChange> apply_cancel(std::string_view kind, const json& p, std::uint64_t seq,
                                LoanState& state) {
  store::LoanRow& row = *state.row;
  const bool cancel = kind == kKindCancel;
  SEMILLA_TRY(expect_status(row, kind, {cancel ? "open" : "active"}));
  auto day = payload_date(p, "date");
  if (!day.ok()) return day.error();
  std::optional<std::int64_t> txn;
  if (!cancel) {
    auto t = book::payload_optional_integer(p, "transaction");
    if (!t.ok()) return t.error();
    txn = *t;
  }
  for (const InstallmentMinor& i : state.installments) {
    for (std::int64_t paid : i.paid) {
      if (paid != 0) {
        return payload_error("loan", "loan " + row.id + " has repayments standing: reverse "
                                         "them first");
      }
    }
  }
  row.status = "cancelled";
  row.closed_on = *day;
  LoanChange c;
  c.event = event_of(seq, row, kind, *day, cancel ? 0 : row.principal_minor, txn);
  c.loan = row;
  return c;
}

}  // namespace

bool is_loan_kind(std::string_view kind) {
  for (auto k : {kKindProduct, kKindOpen, kKindDisburse, kKindRepay, kKindReverse,
                 kKindWriteOff, kKindRecover, kKindCancel, kKindReverseDisbursement}) {
    if (k == kind) return true;
  }
  return false;
}

const char* component_key(Component c) {
  switch (c) {
    case Component::kPenalty: return "penalty";
    case Component::kFee: return "fee";
    case Component::kInterest: return "interest";
    case Component::kPrincipal: return "principal";
  }
  SEMILLA_CHECK(false);
  return "";
}

json terms_to_json(const LoanTerms& terms) {
  json out = json::object();
  for (const auto& [flag, value] : format_options(terms)) out[flag.substr(2)] = value;
  return out;
}

Result<LoanTerms> terms_from_json(const json& j) {
  if (!j.is_object()) return payload_error("terms", "not an object");
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& [key, value] : j.items()) {
    if (!value.is_string()) return payload_error("terms/" + key, "not a string");
    options.emplace_back("--" + key, value.get<std::string>());
  }
  auto currency = j.find("currency");
  if (currency == j.end() || !currency->is_string()) {
    return payload_error("terms/currency", "missing");
  }
  auto c = Currency::find(currency->get<std::string>());
  if (!c.ok()) return payload_error("terms/currency", c.error().message);
  LoanTerms terms(*c);
  Errors errors = apply_options(terms, options);
  if (errors.empty()) errors = validate(terms);  // what every product and loan passed
  if (!errors.empty()) return terms_error(errors.front());
  // One spelling per set of terms: every option, in the form format_options() gives it.
  if (terms_to_json(terms) != j) {
    return payload_error("terms", "are not written as Semilla writes terms: every option, "
                                  "each in its canonical form");
  }
  return terms;
}

Status check_loan_id(std::string_view id, std::string_view field) {
  SEMILLA_TRY(check_identifier(id, field, limits::kIdBytesMax));
  if (id.find(':') != std::string_view::npos) {
    return make_error(ErrorCode::kInvalid, std::string(field),
                      "\"" + std::string(id) + "\": a loan id may not hold ':' (it names an "
                                              "account)");
  }
  return Status::Ok();
}

std::string receivable_account_name(std::string_view enterprise, std::string_view loan) {
  return "Assets:Loans:" + std::string(enterprise) + ":" + std::string(loan);
}

std::string loan_of(const json& p) {
  auto it = p.find("loan");
  return it != p.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Components owed(const LoanState& state) {
  const Currency cur = Currency::find(state.row->currency).value();
  std::array<money::MinorUnits, kComponentsCount> total{};
  for (const InstallmentMinor& i : state.installments) {
    for (std::size_t c = 0; c < kComponentsCount; ++c) total[c] += i.due[c] - i.paid[c];
  }
  Components out = Components::zero(cur);
  for (Component c : kAllComponents) out.get(c) = Amount::from_minor(total[slot(c)], cur);
  return out;
}

std::vector<InstallmentMinor> minor_installments(
    const std::vector<store::LoanInstallmentPosition>& positions) {
  std::vector<InstallmentMinor> out;
  out.reserve(positions.size());
  for (const auto& p : positions) {
    const auto& d = p.due;
    out.push_back(InstallmentMinor{
        d.n, d.due_date, {0, d.fee_minor, d.interest_minor, d.principal_minor},
        {p.paid_penalty_minor, p.paid_fee_minor, p.paid_interest_minor,
         p.paid_principal_minor}});
  }
  return out;
}

std::vector<InstallmentState> installment_states(const std::vector<InstallmentMinor>& installments,
                                                 Currency cur) {
  std::vector<InstallmentState> out;
  out.reserve(installments.size());
  for (const InstallmentMinor& i : installments) {
    InstallmentState s{i.n, i.due_date, Components::zero(cur), Components::zero(cur)};
    for (Component c : kAllComponents) {
      s.due.get(c) = Amount::from_minor(i.due[slot(c)], cur);
      s.paid.get(c) = Amount::from_minor(i.paid[slot(c)], cur);
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<InstallmentState> state_from_positions(
    const std::vector<store::LoanInstallmentPosition>& positions, Currency cur) {
  return installment_states(minor_installments(positions), cur);
}

Result<LoanChange> apply_record(std::string_view kind, const json& p, std::uint64_t seq,
                                LoanState& state) {
  if (!p.is_object()) {
    return make_error(ErrorCode::kVerifyFailed, "payload", tr("payload is not an object"));
  }
  SEMILLA_TRY(check_shape(kind, p));
  if (kind == kKindProduct) return apply_product(p, seq);
  if (kind == kKindOpen) return apply_open(p, seq, state);
  if (!state.row) return payload_error("loan", "no loan \"" + loan_of(p) + "\" was opened before");
  auto cur = Currency::find(state.row->currency);
  if (!cur.ok()) return payload_error("currency", cur.error().message);
  if (kind == kKindDisburse) return apply_disburse(p, seq, state, *cur);
  if (kind == kKindRepay) return apply_repay(p, seq, state, *cur);
  if (kind == kKindReverse) return apply_reverse(p, seq, state, *cur);
  if (kind == kKindWriteOff) return apply_write_off(p, seq, state, *cur);
  if (kind == kKindRecover) return apply_recover(p, seq, state, *cur);
  if (kind == kKindCancel || kind == kKindReverseDisbursement) {
    return apply_cancel(kind, p, seq, state);
  }
  return make_error(ErrorCode::kVerifyFailed, "kind",
                    "unknown loan record kind \"" + std::string(kind) + "\"");
}

}  // namespace semilla::loans::internal
