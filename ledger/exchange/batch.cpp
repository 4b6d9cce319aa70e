// SPDX-License-Identifier: Apache-2.0
#include "ledger/exchange/batch.h"

#include <filesystem>
#include <fstream>
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
                                            "postings/" + std::to_string(i),
                                            "postings/" + std::to_string(i) + "/currency"});
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

// The loans and grants modules' operations (loan_open, loan_disbursement, loan_repayment,
// fund_receipt, grant_award, grant_disbursement, milestone), each through the module's own
// transaction-scoped operation: the rules are the module's, as for its commands.
class ModuleOps {
 public:
  ModuleOps(book::Book& book, book::BookTransaction& tx, BatchReport& report)
      : book_(book), tx_(tx), report_(report) {}

  // The module's error, when it is one, else counts the operation as posted or unchanged.
  Result<bool> apply(const std::string& type, const json& op) {
    if (type == "loan_repayment") return count(repayment(op), report_.repayments_posted);
    if (type == "grant_disbursement") return count(disbursement(op), report_.disbursements_posted);
    if (type == "loan_open") return count(loan_open(op), report_.loans_opened);
    if (type == "loan_disbursement") return count(loan_disbursement(op), report_.loans_disbursed);
    if (type == "fund_receipt") return count(receipt(op), report_.receipts_posted);
    if (type == "grant_award") return count(grant_award(op), report_.grants_awarded);
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

  // A loan already in the book with the same enterprise, product, principal and date is
  // unchanged; otherwise the module opens it (and refuses an id in use).
  Result<bool> loan_open(const json& op) {
    const loans::OpenDraft d{member(op, "loan"),      member(op, "enterprise"),
                             member(op, "product"),   member(op, "principal"),
                             member(op, "date"),      member(op, "cash_account"), {}};
    auto existing = tx_.store().loans().find_loan(d.id);
    if (!existing.ok()) return existing.error();
    if (existing->has_value() && same_loan(**existing, d)) return true;
    auto opened = loans::LoanBook(book_).open(tx_, d);
    if (!opened.ok()) return opened.error().front();
    return false;
  }

  static bool same_loan(const store::LoanRow& row, const loans::OpenDraft& d) {
    auto c = money::Currency::find(row.currency);
    if (!c.ok()) return false;
    auto principal = money::Amount::parse(d.principal, *c, "principal");
    return row.enterprise == d.enterprise && row.product == d.product && principal.ok() &&
           principal->minor() == row.principal_minor &&
           row.expected_on.to_string() == d.date &&
           (d.cash_account.empty() || d.cash_account == row.cash_account);
  }

  // A loan already disbursed on the same date is unchanged; on another date the module
  // refuses it (a loan is disbursed once).
  Result<bool> loan_disbursement(const json& op) {
    const std::string id = member(op, "loan"), date = member(op, "date");
    auto existing = tx_.store().loans().find_loan(id);
    if (!existing.ok()) return existing.error();
    if (existing->has_value() && (*existing)->disbursed_on &&
        (*existing)->disbursed_on->to_string() == date) {
      return true;
    }
    auto posted = loans::LoanBook(book_).disburse(tx_, id, date, member(op, "cash_account"));
    if (!posted.ok()) return posted.error();
    return false;
  }

  Result<bool> receipt(const json& op) {
    const grants::ReceiveDraft d{member(op, "fund"), member(op, "amount"), member(op, "date"),
                                 member(op, "external_id")};
    auto outcome = grants::receive(tx_, d);
    if (!outcome.ok()) return outcome.error();
    return outcome->duplicate;
  }

  // A grant already in the book with the same enterprise, fund, date and tranches is
  // unchanged; otherwise the module awards it (and refuses an id in use).
  Result<bool> grant_award(const json& op) {
    grants::AwardDraft d{member(op, "grant"), member(op, "enterprise"), member(op, "fund"),
                         member(op, "date"), {}};
    if (auto t = op.find("tranches"); t != op.end()) {
      for (const auto& tranche : *t) d.tranches.push_back(tranche_text(tranche));
    }
    auto existing = tx_.store().grants().find_grant(d.id);
    if (!existing.ok()) return existing.error();
    if (existing->has_value() && same_grant(**existing, d)) return true;
    auto awarded = grants::award(tx_, d);
    if (!awarded.ok()) return awarded.error();
    return false;
  }

  // {"amount": "500.00", "milestones": ["training"]} as the command line writes it:
  // "500.00:training".
  static std::string tranche_text(const json& tranche) {
    std::string text = member(tranche, "amount");
    if (auto m = tranche.find("milestones"); m != tranche.end()) {
      for (std::size_t i = 0; i < m->size(); ++i) {
        text += (i == 0 ? ":" : ",") + (*m)[i].get<std::string>();
      }
    }
    return text;
  }

  static bool same_grant(const store::GrantRow& g, const grants::AwardDraft& d) {
    if (g.enterprise != d.enterprise || g.fund != d.fund || g.day.to_string() != d.date ||
        g.tranches.size() != d.tranches.size()) {
      return false;
    }
    auto c = money::Currency::find(g.currency);
    if (!c.ok()) return false;
    for (std::size_t i = 0; i < d.tranches.size(); ++i) {
      const std::string& text = d.tranches[i];
      const auto colon = text.find(':');
      auto amount = money::Amount::parse(text.substr(0, colon), *c, "amount");
      std::string conditions;
      for (const auto& cond : g.tranches[i].conditions) {
        conditions += (conditions.empty() ? "" : ",") + cond;
      }
      if (!amount.ok() || amount->minor() !=
                              g.tranches[i].amount_minor ||
          conditions != (colon == std::string::npos ? "" : text.substr(colon + 1))) {
        return false;
      }
    }
    return true;
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

// Schema errors kept for a streamed batch, as validate_schema keeps for a whole document.
constexpr std::size_t kSchemaErrorsMax = 100;

// One batch, operation by operation, in one BookTransaction: each operation's schema, then
// (while no operation broke the schema) its rules against the book and the operations before
// it. finish() commits, or reports every problem and rolls back.
class Importer {
 public:
  Importer(book::Book& book, book::BookTransaction tx, const BatchOptions& options)
      : tx_(std::move(tx)), applier_(book, tx_, report_), options_(options) {
    report_.dry_run = options.dry_run;
  }

  // `op` whose schema was checked with its whole document.
  Status apply_checked(const json& op) {
    const std::string at = "/operations/" + std::to_string(report_.operations++);
    if (!applier_.apply(op, at, rules_)) return rules_.back();
    return Status::Ok();
  }

  // `op` on its own: its schema first. A failure of the database stops the batch.
  Status add(json op) {
    const std::size_t i = report_.operations;
    json wrapper = {{"format", "semilla-batch"}, {"version", 1},
                    {"operations", json::array({std::move(op)})}};
    Errors errors = validate_schema(wrapper, SchemaId::kBatch, kSchemaErrorsMax);
    if (errors.empty()) {
      if (schema_.empty()) return apply_checked(wrapper["operations"][0]);
      ++report_.operations;  // rules are not checked after a schema error
      return Status::Ok();
    }
    ++report_.operations;
    explain_numbers(wrapper, errors);
    const std::string at = "/operations/" + std::to_string(i);
    for (auto& e : errors) {
      if (e.field.rfind("/operations/0", 0) == 0) e.field = at + e.field.substr(13);
      if (schema_.size() < kSchemaErrorsMax) schema_.push_back(std::move(e));
    }
    return Status::Ok();
  }

  void progress(std::size_t done, std::size_t total) const {
    if (options_.progress) options_.progress(done, total);
  }
  [[nodiscard]] std::size_t operations() const { return report_.operations; }

  // The report, or the problems: `envelope`'s (the document around the operations) and the
  // schema's first, else the rules'.
  Result<BatchReport, Errors> finish(Errors envelope) {
    if (!envelope.empty() || !schema_.empty()) {
      envelope.insert(envelope.end(), schema_.begin(), schema_.end());
      return envelope;
    }
    if (!rules_.empty()) return rules_;
    if (!options_.dry_run) {
      if (auto s = tx_.commit(); !s.ok()) return Errors{s.error()};
    }
    return report_;  // a dry run's transaction rolls back with tx_
  }

 private:
  BatchReport report_;
  book::BookTransaction tx_;
  Applier applier_;
  const BatchOptions& options_;
  Errors schema_, rules_;
};

bool is_json_lines(const std::string& path) {
  auto ends = [&path](std::string_view tail) {
    return path.size() >= tail.size() && path.compare(path.size() - tail.size(), tail.size(),
                                                      tail) == 0;
  };
  return ends(".jsonl") || ends(".ndjson");
}

// Reads `in` (a document, or JSON Lines) into `importer`; the schema errors of the document
// around the operations go to `envelope`. The error that stopped the reading, if any.
Status stream_into(Importer& importer, std::istream& in, bool lines, std::size_t bytes,
                   Errors& envelope) {
  auto sink = [&importer, &in, bytes](json op) -> Status {
    SEMILLA_TRY(importer.add(std::move(op)));
    if (importer.operations() % 1000 == 0) {
      const auto at = in.tellg();
      if (at >= 0) importer.progress(static_cast<std::size_t>(at), bytes);
    }
    return Status::Ok();
  };
  if (lines) return stream_lines(in, "FILE", sink);
  auto rest = stream_document(in, "FILE", "operations", sink);
  if (!rest.ok()) return rest.error();
  envelope = validate_schema(*rest, SchemaId::kBatch);
  return Status::Ok();
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
  auto tx = book.begin();
  if (!tx.ok()) return Errors{tx.error()};
  Importer importer(book, std::move(*tx), options);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (Status s = importer.apply_checked(ops[i]); !s.ok()) return Errors{s.error()};
    if ((i + 1) % 1000 == 0) importer.progress(i + 1, ops.size());
  }
  importer.progress(ops.size(), ops.size());
  return importer.finish({});
}

Result<BatchReport, Errors> import_batch_file(book::Book& book, const std::string& path,
                                              const BatchOptions& options) {
  std::error_code ec;
  const auto bytes = static_cast<std::size_t>(std::filesystem::file_size(path, ec));
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) {
    return Errors{make_error(ErrorCode::kEnvironment, "FILE", "cannot read " + path)};
  }
  auto tx = book.begin();
  if (!tx.ok()) return Errors{tx.error()};
  Importer importer(book, std::move(*tx), options);
  Errors envelope;
  if (Status s = stream_into(importer, in, is_json_lines(path), bytes, envelope); !s.ok()) {
    return Errors{s.error()};
  }
  importer.progress(bytes, bytes);
  return importer.finish(std::move(envelope));
}

}  // namespace semilla::exchange
