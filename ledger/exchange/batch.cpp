// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/batch.h"

#include <string_view>
#include <utility>

#include "ledger/exchange/document.h"
#include "ledger/exchange/fields_internal.h"
#include "ledger/grants/grants.h"
#include "ledger/loans/loan_book.h"

namespace semilla::exchange {
namespace {

using nlohmann::json;

std::string member(const json& o, const char* key) {
  auto it = o.find(key);
  return it == o.end() || !it->is_string() ? std::string() : it->get<std::string>();
}

book::TransactionDraft transaction_draft(const json& op, const std::string& at) {
  book::TransactionDraft d;
  d.date = member(op, "date");
  d.memo = member(op, "memo");
  d.ref = member(op, "external_id");
  d.enterprise = member(op, "enterprise");
  d.field = at;
  const auto& postings = op.at("postings");
  d.postings.reserve(postings.size());
  for (std::size_t i = 0; i < postings.size(); ++i) {
    const auto& p = postings[i];
    d.postings.push_back(book::PostingDraft{member(p, "account"), member(p, "amount"),
                                            member(p, "currency"),
                                            member(p, "side") == "debit",
                                            "postings/" + std::to_string(i)});
  }
  return d;
}

book::EnterpriseDraft enterprise_draft(const json& op) {
  book::EnterpriseDraft d;
  d.id = member(op, "id");
  d.name = member(op, "name");
  d.kind = member(op, "kind");
  d.sex = member(op, "sex");
  if (auto it = op.find("birth_year"); it != op.end()) d.birth_year = it->dump();
  d.nationality = member(op, "nationality");
  d.status = member(op, "status");
  d.province = member(op, "province");
  d.cohort = member(op, "cohort");
  return d;
}

// What differs between an enterprise in the book and the draft, or "" when nothing does.
std::string enterprise_difference(const book::Enterprise& e, const std::optional<std::string>& name,
                                  const book::EnterpriseDraft& d) {
  const std::string kind = d.kind.empty() ? "individual" : d.kind;
  const std::string born = e.birth_year ? std::to_string(*e.birth_year) : "";
  const std::pair<std::string_view, std::pair<std::string, std::string>> members[] = {
      {"kind", {e.kind, kind}},          {"sex", {e.sex, d.sex}},
      {"birth_year", {born, d.birth_year}}, {"nationality", {e.nationality, d.nationality}},
      {"status", {e.status, d.status}},  {"province", {e.province, d.province}},
      {"cohort", {e.cohort, d.cohort}},
      {"name", {name.value_or(""), d.name.empty() ? name.value_or("") : d.name}}};
  for (const auto& [key, values] : members) {
    if (values.first != values.second) {
      return std::string(key) + " is \"" + values.first + "\" in the book, \"" + values.second +
             "\" here";
    }
  }
  return "";
}

std::string account_difference(const book::Account& a, const book::AccountDraft& d) {
  if (book::account_type_name(a.type) != d.type) {
    return "account_type is " + std::string(book::account_type_name(a.type)) + " in the book";
  }
  if (a.currency.value_or("") != d.currency) {
    return "currency is \"" + a.currency.value_or("") + "\" in the book";
  }
  if (a.enterprise.value_or("") != d.enterprise) {
    return "enterprise is \"" + a.enterprise.value_or("") + "\" in the book";
  }
  return "";
}

Error conflict(const std::string& field, const std::string& what) {
  return make_error(ErrorCode::kConflict, field, what);
}

// The loans and grants modules' operations (loan_repayment, grant_disbursement, milestone).
class ModuleOps {
 public:
  ModuleOps(book::Book& book, book::BookTransaction& tx, BatchReport& report)
      : book_(book), tx_(tx), report_(report) {}

  // The module's error, when it is one, else counts the operation as posted or unchanged.
  Result<bool> apply(const std::string& type, const json& op) {
    if (type == "loan_repayment") return count(repayment(op), report_.repayments_posted);
    if (type == "grant_disbursement") return count(disbursement(op), report_.disbursements_posted);
    return count(milestone(op), report_.milestones_recorded);
  }

 private:
  Result<bool> repayment(const json& op) {
    loans::RepayDraft d{member(op, "loan"), member(op, "amount"), member(op, "date"),
                        member(op, "external_id"), member(op, "cash_account")};
    if (const std::string c = member(op, "currency"); !c.empty()) d.amount += " " + c;
    auto posted = loans::LoanBook(book_).repay(tx_, d);
    if (!posted.ok()) return posted.error();
    return posted->duplicate;
  }

  Result<bool> disbursement(const json& op) {
    auto tranche = op.find("tranche");
    const grants::DisburseDraft d{member(op, "grant"),
                                  tranche == op.end() ? std::string() : tranche->dump(),
                                  member(op, "date"),
                                  member(op, "in_kind"),
                                  member(op, "supplier"),
                                  member(op, "external_id"),
                                  member(op, "override_reason")};
    auto outcome = grants::disburse(tx_, d);
    if (!outcome.ok()) return outcome.error();
    return outcome->duplicate;
  }

  Result<bool> milestone(const json& op) {
    auto outcome = grants::record_milestone(tx_, member(op, "enterprise"), member(op, "name"),
                                            member(op, "date"));
    if (!outcome.ok()) return outcome.error();
    return outcome->duplicate;
  }

  // true: the operation was a duplicate.
  Result<bool> count(Result<bool> duplicate, std::size_t& posted) {
    if (duplicate.ok()) ++(*duplicate ? report_.unchanged : posted);
    return duplicate;
  }

  book::Book& book_;
  book::BookTransaction& tx_;
  BatchReport& report_;
};

// Applies operations inside one BookTransaction, collecting every problem.
class Applier {
 public:
  Applier(book::Book& book, book::BookTransaction& tx, BatchReport& report)
      : tx_(tx), report_(report), modules_(book, tx, report) {}

  // false when the database itself failed: nothing further can be checked.
  bool apply(const json& op, const std::string& at, Errors& errors) {
    const std::string type = member(op, "type");
    const std::size_t first = errors.size();
    if (type != "enterprise" && type != "account" && type != "transaction") {
      auto applied = modules_.apply(type, op);
      if (applied.ok()) return true;
      Status s = note(applied.error(), errors);
      rename_module_fields(errors, first, at, op);
      return s.ok();
    }
    Status s = type == "enterprise" ? enterprise(op, at, errors)
               : type == "account"  ? account(op, at, errors)
                                    : transaction(op, at, errors);
    rename_fields(errors, first, at);
    return s.ok();
  }

 private:
  Status enterprise(const json& op, const std::string& at, Errors& errors) {
    const auto d = enterprise_draft(op);
    auto existing = tx_.store().find_enterprise(d.id);
    if (!existing.ok()) return fail(existing.error(), errors);
    if (existing->has_value()) {
      auto name = tx_.store().enterprise_name(d.id);
      if (!name.ok()) return fail(name.error(), errors);
      std::string diff = enterprise_difference(**existing, *name, d);
      if (!diff.empty()) {
        errors.push_back(conflict(at + "/id", "enterprise " + d.id +
                                                  " is already in the book, differently: " + diff));
      } else {
        ++report_.unchanged;
      }
      return Status::Ok();
    }
    auto added = tx_.add_enterprise(d);
    if (!added.ok()) return note(added.error(), errors);
    ++report_.enterprises_added;
    return Status::Ok();
  }

  Status account(const json& op, const std::string& at, Errors& errors) {
    const book::AccountDraft d{member(op, "name"), member(op, "account_type"),
                               member(op, "currency"), member(op, "enterprise")};
    auto existing = tx_.store().find_account(d.name);
    if (!existing.ok()) return fail(existing.error(), errors);
    if (existing->has_value()) {
      std::string diff = account_difference(**existing, d);
      if (!diff.empty()) {
        errors.push_back(conflict(at + "/name", "account " + d.name +
                                                    " is already in the book, differently: " +
                                                    diff));
      } else {
        ++report_.unchanged;
      }
      return Status::Ok();
    }
    auto added = tx_.add_account(d);
    if (!added.ok()) return note(added.error(), errors);
    ++report_.accounts_added;
    return Status::Ok();
  }

  Status transaction(const json& op, const std::string& at, Errors& errors) {
    auto outcome = tx_.post(transaction_draft(op, at));
    if (!outcome.ok()) {
      for (const auto& e : outcome.error()) {
        if (e.code == ErrorCode::kEnvironment) return fail(e, errors);
        errors.push_back(e);
      }
      return Status::Ok();
    }
    ++(outcome->duplicate ? report_.unchanged : report_.transactions_posted);
    return Status::Ok();
  }

  static Status note(const Error& e, Errors& errors) {
    if (e.code == ErrorCode::kEnvironment) return fail(e, errors);
    errors.push_back(e);
    return Status::Ok();
  }
  static Status fail(const Error& e, Errors& errors) {
    errors.push_back(e);
    return e;
  }

  book::BookTransaction& tx_;
  BatchReport& report_;
  ModuleOps modules_;
};

// A JSON number where an amount belongs gets a message that says why it is refused.
void explain_numbers(const json& doc, Errors& errors) {
  for (auto& e : errors) {
    const std::string_view f = e.field;
    if (f.size() < 7 || f.substr(f.size() - 7) != "/amount") continue;
    const json* value = nullptr;
    try {
      value = &doc.at(json::json_pointer(e.field));
    } catch (const json::exception&) {
      continue;  // the pointer came from the validator; a miss only loses the better message
    }
    if (value->is_number()) {
      e.message = value->dump() + " is a JSON number; amounts are JSON strings such as \"" +
                  value->dump() + "\", because JSON numbers lose cents in other systems";
    }
  }
}

}  // namespace

Result<BatchReport, Errors> import_batch(book::Book& book, const json& doc,
                                         const BatchOptions& options) {
  Errors errors = validate_schema(doc, SchemaId::kBatch);
  if (!errors.empty()) {
    explain_numbers(doc, errors);
    return errors;
  }
  const auto& ops = doc.at("operations");
  BatchReport report;
  report.operations = ops.size();
  report.dry_run = options.dry_run;
  auto tx = book.begin();
  if (!tx.ok()) return Errors{tx.error()};
  Applier applier(book, *tx, report);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (!applier.apply(ops[i], "/operations/" + std::to_string(i), errors)) return errors;
    if (options.progress && (i + 1) % 1000 == 0) options.progress(i + 1, ops.size());
  }
  if (options.progress) options.progress(ops.size(), ops.size());
  if (!errors.empty()) return errors;
  if (!options.dry_run) {
    if (auto s = tx->commit(); !s.ok()) return Errors{s.error()};
  }
  return report;  // a dry run's transaction rolls back here
}

Result<BatchReport, Errors> import_batch_file(book::Book& book, const std::string& path,
                                              const BatchOptions& options) {
  auto text = read_document_file(path, "FILE");
  if (!text.ok()) return Errors{text.error()};
  auto doc = parse_document(*text, "FILE");
  if (!doc.ok()) return Errors{doc.error()};
  text->clear();
  text->shrink_to_fit();  // the parsed document is what is needed from here on
  return import_batch(book, *doc, options);
}

}  // namespace semilla::exchange
