// SPDX-License-Identifier: Apache-2.0
#include "ledger/reports/register.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>

#include "audit/hash.h"
#include "audit/record.h"
#include "ledger/base/suggest.h"
#include "ledger/money/balance.h"
#include "ledger/reports/reports_internal.h"

namespace semilla::reports {

const std::vector<std::string>& transaction_kinds() {
  static const std::vector<std::string> kinds{
      "post",          "reversal",     "loan",           "loan.disburse", "loan.repay",
      "loan.reverse",  "loan.write-off", "loan.recover", "grant",         "grant.award",
      "grant.disburse", "grant.return", "grant.cancel",  "fund",          "fund.receive",
      "fund.spend"};
  return kinds;
}

namespace {

using internal::read_ok;

void check_account(store::Store& store, const std::string& prefix, Errors& errors) {
  if (prefix.empty()) return;
  auto found = store.find_account_under(prefix);
  if (!read_ok(found, errors) || found->has_value()) return;
  std::vector<std::string> names;  // every account and every prefix of one
  if (auto all = store.list_accounts(); all.ok()) {
    for (const auto& a : *all) {
      for (auto colon = a.name.find(':'); colon != std::string::npos;
           colon = a.name.find(':', colon + 1)) {
        names.push_back(a.name.substr(0, colon));
      }
      names.push_back(a.name);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  errors.push_back(make_error(ErrorCode::kNotFound, "--account",
                              "no account \"" + prefix + "\" nor any below it" +
                                  did_you_mean(closest_names(prefix, names))));
}

void check_kind(const std::string& kind, Errors& errors) {
  const auto& kinds = transaction_kinds();
  if (kind.empty() || std::find(kinds.begin(), kinds.end(), kind) != kinds.end()) return;
  errors.push_back(make_error(ErrorCode::kInvalid, "--kind",
                              "\"" + kind + "\" is not a kind of transaction" +
                                  did_you_mean(closest_names(kind, kinds))));
}

std::int64_t parse_limit(const std::string& text, Errors& errors) {
  if (text.empty()) return 0;
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1) {
    errors.push_back(make_error(
        ErrorCode::kInvalid, "--limit",
        "\"" + text + "\" is not a whole number of lines from 1 to " +
            std::to_string(std::numeric_limits<std::int64_t>::max())));
  }
  return n;
}

// Running balances, newest line first: the balance after the newest line is the prefix's
// balance at the end of `to`; each older one is the next one less that line's amount.
Status add_balances(store::Store& store, const store::PostingFilter& f,
                    std::vector<RegisterRow>& newest_first) {
  auto closing = store.balances(f.account_prefix, f.to);
  if (!closing.ok()) return closing.error();
  money::Balance running;
  for (const auto& b : *closing) SEMILLA_TRY(running.add(b.amount));
  for (auto& row : newest_first) {
    row.balance = running.get(row.line.amount.currency());
    SEMILLA_TRY(running.add(row.line.amount.negated()));
  }
  return Status::Ok();
}

}  // namespace

Result<Register, Errors> find_transactions(book::Book& book, const RegisterQuery& q) {
  Errors errors;
  store::Store& store = book.store();
  check_account(store, q.account, errors);
  internal::check_enterprise(store, q.enterprise, "--enterprise", errors);
  store::PostingFilter f{q.account, q.enterprise, {}, {}, q.ref, q.memo, q.kind, 0};
  f.from = internal::optional_date(q.from, "--from", errors);
  f.to = internal::optional_date(q.to, "--to", errors);
  internal::check_period(f.from, f.to, errors);
  check_kind(q.kind, errors);
  f.limit = parse_limit(q.limit, errors);
  if (!errors.empty()) return errors;
  auto lines = store.find_postings(f);
  if (!lines.ok()) return Errors{lines.error()};
  Register out;
  for (auto& l : *lines) out.rows.push_back(RegisterRow{std::move(l), std::nullopt});
  out.running_balance = !q.account.empty() && q.enterprise.empty() && q.ref.empty() &&
                        q.memo.empty() && q.kind.empty();
  if (out.running_balance) {
    if (auto s = add_balances(store, f, out.rows); !s.ok()) return Errors{s.error()};
  }
  std::reverse(out.rows.begin(), out.rows.end());
  return out;
}

namespace {

Result<std::int64_t> parse_id(const std::string& text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return make_error(ErrorCode::kInvalid, "TXN-ID",
                      "\"" + text + "\" is not a transaction number (1, 2, ...)");
  }
  return id;
}

Status add_record(store::Store& store, TransactionDetail& d) {
  auto stored = store.find_record(d.transaction.audit_seq);
  if (!stored.ok()) return stored.error();
  if (!stored->has_value()) {
    return damaged_book_error("transaction " + std::to_string(d.transaction.id) +
                              " names audit record " + std::to_string(d.transaction.audit_seq) +
                              ", which is not in the log");
  }
  auto opened = audit::open_record((*stored)->bytes);
  if (!opened.ok()) return damaged_book_error(opened.error().message);
  d.record_kind = opened->record.kind;
  d.record_time = opened->record.time;
  d.actor = opened->record.actor;
  d.record_hash = audit::to_hex((*stored)->hash);
  return Status::Ok();
}

}  // namespace

Result<TransactionDetail> transaction_detail(book::Book& book, const std::string& id_text) {
  auto id = parse_id(id_text);
  if (!id.ok()) return id.error();
  auto t = book.transaction(*id);
  if (!t.ok()) return t.error();
  TransactionDetail d;
  d.transaction = std::move(*t);
  store::Store& store = book.store();
  auto origin = store.transaction_origin(*id);
  if (!origin.ok()) return origin.error();
  d.origin = *origin;
  d.kind = d.origin ? d.origin->kind : d.transaction.reverses ? "reversal" : "post";
  auto reversal = store.find_reversal_of(*id);
  if (!reversal.ok()) return reversal.error();
  d.reversed_by = *reversal;
  SEMILLA_TRY(add_record(store, d));
  return d;
}

}  // namespace semilla::reports
