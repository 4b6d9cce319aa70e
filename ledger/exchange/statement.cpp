// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/statement.h"

#include <map>
#include <set>
#include <utility>

#include "audit/canonical_json.h"
#include "audit/hash.h"
#include "ledger/base/lang.h"
#include "ledger/base/limits.h"
#include "ledger/base/text.h"
#include "ledger/book/draft_checks.h"
#include "ledger/exchange/document.h"
#include "ledger/exchange/fields_internal.h"
#include "ledger/exchange/loan_positions_internal.h"
#include "ledger/exchange/partner_loans.h"

namespace semilla::exchange {
namespace {

using nlohmann::json;

const char* indicator(const money::Amount& a) { return a.is_positive() ? "DBIT" : "CRDT"; }

json balance_json(const char* type, Date date, const money::Amount& a) {
  return {{"type", type}, {"date", date.to_string()}, {"amount", a.abs().to_string()},
          {"currency", std::string(a.currency().code())}, {"indicator", indicator(a)}};
}

// "2026-01-31" → "20260131".
std::string compact(Date d) {
  std::string s = d.to_string();
  return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

// Opening and closing booked balances of every currency the statement touches.
json balances_json(const book::Statement& st) {
  std::map<std::string, money::Amount> opening, closing;
  for (const auto& a : st.opening) opening.emplace(std::string(a.currency().code()), a);
  for (const auto& a : st.closing) closing.emplace(std::string(a.currency().code()), a);
  std::set<std::string> codes;
  for (const auto& [code, a] : opening) codes.insert(code);
  for (const auto& [code, a] : closing) codes.insert(code);
  for (const auto& e : st.entries) codes.insert(std::string(e.line.amount.currency().code()));
  json out = json::array();
  for (const auto& code : codes) {
    const auto currency = *money::Currency::find(code);
    auto o = opening.find(code);
    auto c = closing.find(code);
    out.push_back(balance_json("OPBD", st.from,
                               o == opening.end() ? money::Amount::zero(currency) : o->second));
    out.push_back(balance_json("CLBD", st.to,
                               c == closing.end() ? money::Amount::zero(currency) : c->second));
  }
  return out;
}

Result<json> entries_json(const book::Statement& st, LoanPositions& loans) {
  json out = json::array();
  std::int64_t last_txn = 0;
  int line_in_txn = 0;
  for (const auto& e : st.entries) {
    const auto& l = e.line;
    line_in_txn = l.transaction_id == last_txn ? line_in_txn + 1 : 1;
    last_txn = l.transaction_id;
    json entry = {{"entry_ref", "T" + std::to_string(l.transaction_id) + "-" +
                                    std::to_string(line_in_txn)},
                  {"amount", l.amount.abs().to_string()},
                  {"currency", std::string(l.amount.currency().code())},
                  {"indicator", indicator(l.amount)},
                  {"booking_date", l.date.to_string()},
                  {"account", l.account}};
    if (l.ref) entry["end_to_end_ref"] = *l.ref;
    if (!l.memo.empty()) entry["memo"] = l.memo;
    auto loan = loans.entry_loan(l.account, l.date, l.transaction_id);
    if (!loan.ok()) return loan.error();
    if (!loan->is_null()) entry["loan"] = std::move(*loan);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

Errors statement_request_problems(book::Book& book, const StatementRequest& request) {
  Errors errors;
  if (Status s = check_identifier(request.issuer_id, "--issuer", limits::kIdBytesMax); !s.ok()) {
    errors.push_back(s.error());
  }
  for (Error& e : book::statement_period_problems(book.store(), request.enterprise, request.from,
                                                  request.to)) {
    errors.push_back(std::move(e));
  }
  return errors;
}

Result<json> build_statement(book::Book& book, const StatementRequest& request) {
  SEMILLA_TRY(check_identifier(request.issuer_id, "--issuer", limits::kIdBytesMax));
  auto st = book.statement(request.enterprise, request.from, request.to);
  if (!st.ok()) return st.error();
  auto created = now();
  if (!created.ok()) return created.error();
  std::string id = "ST" + compact(st->from) + "-" + compact(st->to) + "-" + st->enterprise.id;
  if (id.size() > limits::kIdBytesMax) id.resize(limits::kIdBytesMax);
  LoanPositions positions(book, st->enterprise.id);
  auto entries = entries_json(*st, positions);
  if (!entries.ok()) return entries.error();
  auto loans = positions.summary(st->to);
  if (!loans.ok()) return loans.error();
  json statement = {
      {"id", id},
      {"created_at", created->to_rfc3339()},
      {"issuer", {{"id", request.issuer_id}, {"name", book.info().name}}},
      {"enterprise", st->enterprise.id},
      {"period", {{"from", st->from.to_string()}, {"to", st->to.to_string()}}},
      {"balances", balances_json(*st)},
      {"entries", std::move(*entries)}};
  if (!loans->empty()) statement["loans"] = std::move(*loans);
  return json{{"format", "semilla-statement"}, {"version", kStatementVersion},
              {"statement", statement}};
}

namespace {

// The bytes a statement's signature covers.
Result<std::string> signed_bytes(json doc) {
  doc.erase("signature");
  return audit::canonical_json(doc);
}

Error verify_failed(const std::string& field, const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, field, what);
}

}  // namespace

Result<json> sign_statement(json doc, const audit::NoteSigner& signer) {
  auto bytes = signed_bytes(doc);
  if (!bytes.ok()) return bytes.error();
  auto signature = signer.sign(*bytes);
  if (!signature.ok()) return signature.error();
  doc["signature"] = {{"algorithm", "Ed25519"},
                      {"key", signer.verifier().to_string()},
                      {"value", audit::base64_encode(*signature)}};
  return doc;
}

namespace {

Status check_signature(const json& doc, std::span<const audit::NoteVerifier> keys) {
  if (!doc.contains("signature")) {
    return verify_failed("/signature", "the statement is not signed");
  }
  const auto& sig = doc.at("signature");
  auto claimed = audit::NoteVerifier::parse(sig.at("key").get<std::string>());
  if (!claimed.ok()) return verify_failed("/signature/key", claimed.error().message);
  const audit::NoteVerifier* key = nullptr;
  for (const auto& k : keys) {
    if (k.name() == claimed->name() && k.key_id() == claimed->key_id()) key = &k;
  }
  if (key == nullptr) {
    return verify_failed("/signature/key", "signed by " + claimed->to_string() +
                                               ", which is not a key you gave with --key");
  }
  auto value = audit::base64_decode(sig.at("value").get<std::string>(), "/signature/value");
  if (!value.ok()) return verify_failed("/signature/value", value.error().message);
  auto bytes = signed_bytes(doc);
  if (!bytes.ok()) return bytes.error();
  auto good = key->verify(*bytes, *value);
  if (!good.ok()) return good.error();
  if (!*good) {
    return verify_failed("/signature", "does not match the statement: it was altered after "
                                       "signing, or not signed by " + key->name());
  }
  return Status::Ok();
}

// Signed amount of a balance or entry: DBIT positive, CRDT negative.
Result<money::Amount> signed_amount(const json& item, const std::string& at) {
  auto currency = money::Currency::find(item.at("currency").get<std::string>(), at + "/currency");
  if (!currency.ok()) return currency.error();
  auto amount = money::Amount::parse(item.at("amount").get<std::string>(), *currency,
                                     at + "/amount");
  if (!amount.ok()) return amount.error();
  return item.at("indicator") == "DBIT" ? *amount : amount->negated();
}

}  // namespace

namespace {

// Each currency: opening + entries = closing; dates inside the period.
Errors check_arithmetic(const json& st) {
  Errors errors;
  std::map<std::string, std::pair<money::MinorUnits, money::MinorUnits>> totals;
  std::map<std::string, int> seen;  // bit 1: opening, bit 2: closing
  const auto& balances = st.at("balances");
  for (std::size_t i = 0; i < balances.size(); ++i) {
    const std::string at = "/statement/balances/" + std::to_string(i);
    auto a = signed_amount(balances[i], at);
    if (!a.ok()) {
      errors.push_back(a.error());
      continue;
    }
    const std::string code(a->currency().code());
    const bool opening = balances[i].at("type") == "OPBD";
    const int bit = opening ? 1 : 2;
    if (seen[code] & bit) {
      errors.push_back(make_error(ErrorCode::kInvalid, at, "a second balance of this type in " +
                                                              code));
    }
    seen[code] |= bit;
    (opening ? totals[code].first : totals[code].second) = a->minor();
  }
  const auto from = Date::parse(st.at("period").at("from").get<std::string>(),
                                "/statement/period/from");
  const auto to = Date::parse(st.at("period").at("to").get<std::string>(), "/statement/period/to");
  if (!from.ok()) errors.push_back(from.error());
  if (!to.ok()) errors.push_back(to.error());
  const auto& entries = st.at("entries");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string at = "/statement/entries/" + std::to_string(i);
    auto a = signed_amount(entries[i], at);
    auto date = Date::parse(entries[i].at("booking_date").get<std::string>(),
                            at + "/booking_date");
    if (!a.ok()) errors.push_back(a.error());
    if (!date.ok()) errors.push_back(date.error());
    if (!a.ok() || !date.ok()) continue;
    if (from.ok() && to.ok() && (*date < *from || *date > *to)) {
      errors.push_back(make_error(ErrorCode::kInvalid, at + "/booking_date",
                                  tr("is outside the statement's period")));
    }
    const std::string code(a->currency().code());
    if (seen[code] != 3) {
      errors.push_back(make_error(ErrorCode::kInvalid, at + "/currency",
                                  code + " has no opening and closing balance"));
      seen[code] = 3;
    }
    totals[code].first += a->minor();
  }
  for (const auto& [code, t] : totals) {
    if (t.first != t.second && seen[code] == 3) {
      errors.push_back(make_error(ErrorCode::kInvalid, "/statement/balances",
                                  "in " + code + ", the opening balance plus the entries is not "
                                  "the closing balance"));
    }
  }
  return errors;
}

// The indicator each loan operation's entry has: a disbursement and a repayment's reversal
// debit the receivable; a repayment, a write-off and a disbursement's reversal credit it.
const char* operation_indicator(const std::string& operation) {
  return operation == "disbursement" || operation == "repayment-reversal" ? "DBIT" : "CRDT";
}

// An entry's `loan` member beyond the schema: arrears at the currency's scale; from version
// 2, components at that scale whose principal is the entry's amount, present exactly on
// repayments and their reversals, and an operation that agrees with the indicator.
void check_entry_loan(const json& entry, int version, money::Currency currency,
                      const std::string& at, Errors& errors) {
  const json& loan = entry.at("loan");
  if (loan.contains("arrears")) {
    auto a = money::Amount::parse(loan.at("arrears").get<std::string>(), currency,
                                  at + "/arrears");
    if (!a.ok()) errors.push_back(a.error());
  }
  for (const char* key : {"operation", "components"}) {
    if (version < 2 && loan.contains(key)) {
      errors.push_back(make_error(ErrorCode::kInvalid, at + "/" + key,
                                  "a version 1 statement has no " + std::string(key) +
                                      " (version 2 has)"));
    }
  }
  if (!loan.contains("operation")) return;
  const auto operation = loan.at("operation").get<std::string>();
  if (entry.at("indicator") != operation_indicator(operation)) {
    errors.push_back(make_error(ErrorCode::kInvalid, at + "/operation",
                                "a " + operation + " is a " + operation_indicator(operation) +
                                    " entry, not " + entry.at("indicator").get<std::string>()));
  }
  const bool split = operation == "repayment" || operation == "repayment-reversal";
  if (split != loan.contains("components")) {
    errors.push_back(make_error(ErrorCode::kInvalid, at + "/components",
                                split ? "a " + operation + " gives its components"
                                      : "only repayments and their reversals have components"));
  }
  if (!loan.contains("components")) return;
  for (const auto& [key, value] : loan.at("components").items()) {
    auto a = money::Amount::parse(value.get<std::string>(), currency,
                                  at + "/components/" + key);
    if (!a.ok()) {
      errors.push_back(a.error());
    } else if (key == "principal" &&
               *a != *money::Amount::parse(entry.at("amount").get<std::string>(), currency)) {
      errors.push_back(make_error(ErrorCode::kInvalid, at + "/components/principal",
                                  "is not the entry's amount, " +
                                      entry.at("amount").get<std::string>()));
    }
  }
}

// The loans' members beyond the schema (amounts at their currency's scale, dates that exist,
// the operations of version 2).
Errors check_loans(const json& doc) {
  Errors errors;
  const json& st = doc.at("statement");
  const int version = doc.at("version").get<int>();
  const auto& entries = st.at("entries");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    auto currency = money::Currency::find(entries[i].at("currency").get<std::string>());
    if (!entries[i].contains("loan") || !currency.ok()) continue;  // check_arithmetic names it
    // The amount itself is check_arithmetic's: compared only once it parses.
    if (!money::Amount::parse(entries[i].at("amount").get<std::string>(), *currency).ok()) {
      continue;
    }
    check_entry_loan(entries[i], version, *currency,
                     "/statement/entries/" + std::to_string(i) + "/loan", errors);
  }
  const auto loans = st.find("loans");
  for (std::size_t i = 0; loans != st.end() && i < loans->size(); ++i) {
    Errors item = check_loan_position((*loans)[i], "/statement/loans/" + std::to_string(i));
    errors.insert(errors.end(), item.begin(), item.end());
  }
  return errors;
}

}  // namespace

Result<VerifiedStatement, Errors> verify_statement(const json& doc,
                                                   std::span<const audit::NoteVerifier> keys) {
  Errors errors = validate_schema(doc, SchemaId::kStatement);
  if (!errors.empty()) return errors;
  if (auto s = check_signature(doc, keys); !s.ok()) return Errors{s.error()};
  errors = check_arithmetic(doc.at("statement"));
  const Errors loans = check_loans(doc);
  errors.insert(errors.end(), loans.begin(), loans.end());
  if (!errors.empty()) return errors;
  return VerifiedStatement{doc, doc.at("signature").at("key").get<std::string>()};
}

}  // namespace semilla::exchange
