// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the grant operations: parsing, snapshots, balances, postings.
#include "ledger/base/check.h"
#include "ledger/grants/grants.h"
#include "ledger/grants/grant_rules.h"
#include "ledger/grants/grants_internal.h"

namespace semilla::grants {

FundAccounts fund_accounts(const std::string& code) {
  return {"Assets:Funds:" + code,           "Equity:Funds:" + code + ":Received",
          "Equity:Funds:" + code + ":Commitments",
          "Equity:Funds:" + code + ":CommitmentsOffset",
          "Expenses:Grants:" + code + ":Cash", "Expenses:Grants:" + code + ":InKind",
          "Expenses:Grants:" + code + ":Returned"};
}

money::Currency currency_of(const std::string& code) {
  auto c = money::Currency::find(code);
  SEMILLA_CHECK(c.ok());  // fund currencies were validated when the fund was added
  return *c;
}

std::string money_text(std::int64_t minor, const std::string& currency) {
  return money::Amount::from_minor(minor, currency_of(currency)).to_string();
}

Result<std::int64_t> parse_positive(const std::string& text, const std::string& currency,
                                    const std::string& field) {
  auto split = money::split_amount_text(text, field);
  if (!split.ok()) return split.error();
  const std::string_view number = split->number;
  if (!split->currency.empty()) {
    const std::string code(split->currency);
    if (code != currency) {
      return make_error(ErrorCode::kCurrencyMismatch, field,
                        "\"" + text + "\" is in " + code + ", but the fund holds only " +
                            currency);
    }
  }
  auto amount = money::Amount::parse(number, currency_of(currency), field);
  if (!amount.ok()) return amount.error();
  if (!amount->is_positive()) {
    return make_error(ErrorCode::kInvalid, field,
                      "amount must be greater than zero (" + text + ")");
  }
  return amount->minor_int64(field);
}

namespace {

Status check_chars(const std::string& text, const std::string& field, std::size_t max,
                   bool upper, const char* what) {
  bool ok = !text.empty() && text.size() <= max;
  for (char c : text) {
    const bool letter = (c >= 'a' && c <= 'z') || (upper && c >= 'A' && c <= 'Z');
    ok = ok && (letter || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
  }
  if (ok) return Status::Ok();
  return make_error(ErrorCode::kInvalid, field,
                    "\"" + text + "\" is not a valid " + what + ": 1 to " +
                        std::to_string(max) + (upper ? " letters" : " lower-case letters") +
                        ", digits, '.', '_' or '-'");
}

}  // namespace

Status check_code(const std::string& code, const std::string& field) {
  return check_chars(code, field, 32, true, "fund code");
}

Status check_name(const std::string& name, const std::string& field) {
  return check_chars(name, field, 64, false, "name");
}

Result<Date> event_date(const std::string& text, Date today, const std::string& field) {
  if (text.empty()) return today;
  auto d = Date::parse(text, field);
  if (!d.ok()) return d.error();
  SEMILLA_TRY(check_not_after_today(*d, today, field));
  return *d;
}

Result<store::SnapshotRow> snapshot(store::Store& store, const std::string& enterprise,
                                    const std::string& field) {
  auto e = store.find_enterprise(enterprise);
  if (!e.ok()) return e.error();
  if (!e->has_value()) {
    return make_error(ErrorCode::kNotFound, field, "no enterprise \"" + enterprise + "\"");
  }
  std::optional<store::MembersRow> latest;
  if ((*e)->kind != "individual") {
    auto m = store.grants().latest_members(enterprise);
    if (!m.ok()) return m.error();
    latest = std::move(*m);
  }
  return snapshot_of(**e, latest);
}

Result<std::int64_t> balance_minor(store::Store& store, const std::string& account,
                                   std::optional<Date> as_of) {
  auto rows = store.balances(account, as_of);
  if (!rows.ok()) return rows.error();
  for (const auto& r : *rows) {
    if (r.account == account) return r.amount.minor_int64();
  }
  return std::int64_t{0};
}

Status check_fund(store::Store& store, const store::FundRow& f, Date day,
                  std::int64_t amount_minor, bool overridden, const FundUse& use) {
  if (overridden) return Status::Ok();
  const std::string cash = fund_accounts(f.code).cash;
  auto at_day = balance_minor(store, cash, day);
  if (!at_day.ok()) return at_day.error();
  auto now = balance_minor(store, cash, std::nullopt);
  if (!now.ok()) return now.error();
  return check_fund_money(f, day, *at_day, *now, amount_minor, overridden, use);
}

Result<std::int64_t> post_legs(book::BookTransaction& tx, const std::string& date,
                               const std::string& memo, const std::string& ref,
                               const std::string& enterprise, std::int64_t amount_minor,
                               const std::string& currency, const std::vector<Leg>& legs) {
  book::TransactionDraft d{date, memo, ref, enterprise, {}, ""};
  const std::string amount = money_text(amount_minor, currency);
  for (const auto& leg : legs) {
    d.postings.push_back({leg.debit, amount, currency, true, "posting"});
    d.postings.push_back({leg.credit, amount, currency, false, "posting"});
  }
  auto out = tx.post(d, kOwner);
  if (!out.ok()) return out.error().front();
  if (out->duplicate) {
    return make_error(ErrorCode::kConflict, "--ref",
                      "reference " + ref + " was already posted as transaction " +
                          std::to_string(out->transaction.id));
  }
  return out->transaction.id;
}

}  // namespace semilla::grants
