// SPDX-License-Identifier: Apache-2.0
// Funds, receipts, milestones and members of collective enterprises.
#include <algorithm>

#include "audit/record.h"
#include "ledger/base/check.h"
#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/grants/grants.h"
#include "ledger/grants/grant_rules.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {
namespace {

Result<std::optional<Date>> optional_date(const std::string& text, const char* field) {
  if (text.empty()) return std::optional<Date>();
  auto d = Date::parse(text, field);
  if (!d.ok()) return d.error();
  return std::optional<Date>(*d);
}

// CATEGORY=AMOUNT, each category once.
Result<std::vector<store::BudgetLineRow>> parse_budget(const std::vector<std::string>& lines,
                                                       const std::string& currency) {
  std::vector<store::BudgetLineRow> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string field = "--budget " + std::to_string(i + 1);
    auto eq = lines[i].find('=');
    if (eq == std::string::npos) {
      return make_error(ErrorCode::kUsage, field, "\"" + lines[i] + "\" is not CATEGORY=AMOUNT");
    }
    const std::string category = lines[i].substr(0, eq);
    SEMILLA_TRY(check_name(category, field));
    auto minor = parse_positive(lines[i].substr(eq + 1), currency, field);
    if (!minor.ok()) return minor.error();
    out.push_back({category, *minor});
  }
  SEMILLA_TRY(check_budget(out));  // each category once, named by its --budget as given
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.category < b.category; });
  return out;
}

Result<store::FundRow> fund_from_draft(const FundDraft& d) {
  SEMILLA_TRY(check_code(d.code, "CODE"));
  SEMILLA_TRY(check_text(d.donor, "--donor", limits::kNameBytesMax, false));
  auto currency = money::Currency::find(d.currency, "--currency");
  if (!currency.ok()) return currency.error();
  store::FundRow f{d.code, d.donor, std::string(currency->code()), {}, {}, {}, 0};
  auto start = optional_date(d.from, "--from");
  if (!start.ok()) return start.error();
  auto end = optional_date(d.to, "--to");
  if (!end.ok()) return end.error();
  f.start = *start;
  f.end = *end;
  auto budget = parse_budget(d.budget, f.currency);
  if (!budget.ok()) return budget.error();
  f.budget = std::move(*budget);
  SEMILLA_TRY(check_fund_row(f));  // the rules the replay checks on fund.add
  return f;
}

Result<store::FundRow> require_fund(store::Store& store, const std::string& code,
                                    const std::string& field) {
  auto f = store.grants().find_fund(code);
  if (!f.ok()) return f.error();
  if (!f->has_value()) {
    return make_error(ErrorCode::kNotFound, field,
                      "no fund \"" + code + "\" (add it with `semilla fund add`)");
  }
  return **f;
}

// The receipt already recorded under `d.ref` with the same fund, date and amount, if any.
// A different receipt under the reference is left to the posting, which refuses it.
Result<std::optional<store::FundReceiptRow>> same_receipt(store::Store& store,
                                                          const ReceiveDraft& d,
                                                          std::int64_t amount_minor) {
  if (d.ref.empty()) return std::optional<store::FundReceiptRow>();
  auto t = store.find_transaction_by_ref(d.ref);
  if (!t.ok()) return t.error();
  if (!t->has_value()) return std::optional<store::FundReceiptRow>();
  auto receipts = store.grants().list_receipts(d.fund);
  if (!receipts.ok()) return receipts.error();
  for (const auto& r : *receipts) {
    if (r.transaction_id == (*t)->id && r.amount_minor == amount_minor &&
        r.day.to_string() == d.date) {
      return std::optional<store::FundReceiptRow>(r);
    }
  }
  return std::optional<store::FundReceiptRow>();
}

}  // namespace

Result<store::FundRow> add_fund(book::Book& book, const FundDraft& d) {
  auto f = fund_from_draft(d);
  if (!f.ok()) return f.error();
  auto tx = book.begin();
  if (!tx.ok()) return tx.error();
  auto existing = tx->store().grants().find_fund(f->code);
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) {
    return make_error(ErrorCode::kAlreadyExists, "CODE", "fund " + f->code + " already exists");
  }
  for (const auto& [name, type] : fund_account_list(f->code)) {
    auto added = tx->add_account(
        book::AccountDraft{name, std::string(book::account_type_name(type)), f->currency, ""},
        kOwner);
    if (!added.ok()) return added.error();
  }
  auto seq = tx->append_record(kKindFundAdd, to_payload(*f));
  if (!seq.ok()) return seq.error();
  f->audit_seq = *seq;
  SEMILLA_TRY(tx->store().grants().insert_fund(*f));
  SEMILLA_TRY(tx->commit());
  return f;
}

Result<ReceiveOutcome> receive(book::BookTransaction& tx, const ReceiveDraft& d) {
  auto f = require_fund(tx.store(), d.fund, "CODE");
  if (!f.ok()) return f.error();
  auto minor = parse_positive(d.amount, f->currency, "AMOUNT");
  if (!minor.ok()) return minor.error();
  auto again = same_receipt(tx.store(), d, *minor);
  if (!again.ok() || again->has_value()) {
    if (!again.ok()) return again.error();
    return ReceiveOutcome{**again, true};  // the same bank reference twice: nothing changes
  }
  auto txn = post_legs(tx, d.date, receipt_memo(f->code), d.ref, "", *minor,
                       f->currency, receipt_legs(f->code));
  if (!txn.ok()) return txn.error();
  auto day = Date::parse(d.date);
  SEMILLA_CHECK(day.ok());  // the posting accepted it
  store::FundReceiptRow r{0, f->code, *day, *minor, *txn};
  auto seq = tx.append_record(kKindFundReceive, to_payload(r, f->currency));
  if (!seq.ok()) return seq.error();
  r.audit_seq = *seq;
  SEMILLA_TRY(tx.store().grants().insert_receipt(r));
  return ReceiveOutcome{r, false};
}

Result<store::FundReceiptRow> receive(book::Book& book, const ReceiveDraft& d,
                                      bool* duplicate) {
  auto out = in_transaction(book, [&](book::BookTransaction& tx) { return receive(tx, d); });
  if (!out.ok()) return out.error();
  if (duplicate) *duplicate = out->duplicate;
  return out->receipt;
}

namespace {

// The actor of record `seq`, which this transaction appended: a milestone keeps who recorded it.
Result<std::string> record_actor(store::Store& store, std::uint64_t seq) {
  std::optional<std::string> actor;
  SEMILLA_TRY(store.for_each_record(seq, [&](const store::StoredRecord& r) -> Status {
    if (r.seq != seq) return Status::Ok();
    auto sealed = audit::open_record(r.bytes);
    if (!sealed.ok()) return sealed.error();
    actor = sealed->record.actor;
    return Status::Ok();
  }));
  SEMILLA_CHECK(actor.has_value());  // the record was appended in this transaction
  return *actor;
}

}  // namespace

Result<MilestoneOutcome> record_milestone(book::BookTransaction& tx,
                                          const std::string& enterprise,
                                          const std::string& name, const std::string& date) {
  SEMILLA_TRY(check_name(name, "NAME"));
  auto day = event_date(date, tx.today(), "--date");
  if (!day.ok()) return day.error();
  auto e = tx.store().find_enterprise(enterprise);
  if (!e.ok()) return e.error();
  store::MilestoneRow m{enterprise, name, *day, "", 0};
  SEMILLA_TRY(check_milestone(m, tx.today(), e->has_value()));
  SEMILLA_TRY(check_milestone_known(tx.store(), name, "NAME"));
  auto& grants = tx.store().grants();
  auto existing = grants.find_milestone(enterprise, name);
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) {
    if ((*existing)->day == *day) return MilestoneOutcome{**existing, true};
    return make_error(ErrorCode::kConflict, "NAME",
                      enterprise + " already has milestone " + name + " (recorded " +
                          (*existing)->day.to_string() + ", audit record " +
                          std::to_string((*existing)->audit_seq) + ")");
  }
  auto seq = tx.append_record(kKindMilestone, to_payload(m));
  if (!seq.ok()) return seq.error();
  m.audit_seq = *seq;
  auto actor = record_actor(tx.store(), *seq);
  if (!actor.ok()) return actor.error();
  m.actor = std::move(*actor);
  SEMILLA_TRY(grants.insert_milestone(m));
  return MilestoneOutcome{std::move(m), false};
}

Result<MilestoneOutcome> record_milestone(book::Book& book, const std::string& enterprise,
                                          const std::string& name, const std::string& date) {
  return in_transaction(book, [&](book::BookTransaction& tx) {
    return record_milestone(tx, enterprise, name, date);
  });
}

Result<FundSummary> fund_summary(book::Book& book, const std::string& code) {
  auto f = require_fund(book.store(), code, "CODE");
  if (!f.ok()) return f.error();
  const FundAccounts a = fund_accounts(code);
  FundSummary s{*f, 0, 0, 0};
  auto received = balance_minor(book.store(), a.received, std::nullopt);
  auto balance = balance_minor(book.store(), a.cash, std::nullopt);
  auto committed = balance_minor(book.store(), a.committed, std::nullopt);
  for (const auto* r : {&received, &balance, &committed}) {
    if (!r->ok()) return r->error();
  }
  s.received_minor = -*received;  // credit balances
  s.balance_minor = *balance;
  s.committed_minor = -*committed;
  return s;
}

Result<std::vector<FundSummary>> list_funds(book::Book& book) {
  auto funds = book.store().grants().list_funds();
  if (!funds.ok()) return funds.error();
  std::vector<FundSummary> out;
  for (const auto& f : *funds) {
    auto s = fund_summary(book, f.code);
    if (!s.ok()) return s.error();
    out.push_back(std::move(*s));
  }
  return out;
}

}  // namespace semilla::grants
