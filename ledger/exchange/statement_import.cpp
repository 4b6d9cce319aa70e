// SPDX-License-Identifier: Apache-2.0
// statement import: a partner's verified statements into this book (statement.h).
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "ledger/exchange/fields_internal.h"
#include "ledger/exchange/partner_loans.h"
#include "ledger/exchange/statement.h"

namespace semilla::exchange {
namespace {

using nlohmann::json;

// An entry's transaction, and per posting the option that named its account ("--account"),
// so that the book's complaint about an account names the option the user gave.
struct EntryDraft {
  book::TransactionDraft draft;
  std::vector<const char*> options;
  bool write_off = false, split = false;
};

// An option a statement needs and the user did not give: where first, and how often.
struct Missing {
  std::string where, what;
  std::size_t more = 0;
};

// In a version 1 statement (no operation members), the write-offs: per loan, its last CRDT
// entry, when that entry's position says written-off. A write-off is the loan's last
// operation that moves its receivable, and a position is the one at the end of its day, so a
// repayment earlier on the day of the write-off shows written-off too, but is not the last.
std::set<std::size_t> version1_write_offs(const json& entries) {
  std::map<std::string, std::size_t> last_credit;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].contains("loan") && entries[i].at("indicator") == "CRDT") {
      last_credit[entries[i].at("loan").at("loan_id").get<std::string>()] = i;
    }
  }
  std::set<std::size_t> out;
  for (const auto& [loan, i] : last_credit) {
    if (entries[i].at("loan").value("status", "") == "written-off") out.insert(i);
  }
  return out;
}

class StatementImporter {
 public:
  StatementImporter(book::BookTransaction& tx, const StatementImportOptions& options)
      : tx_(tx), o_(options) {}

  // Posts one statement's entries and records its loans' positions; problems go to errors_.
  StatementImported import(const StatementFile& file);
  // The missing options, one error each.
  void report_missing();
  Errors& errors() { return errors_; }

 private:
  std::string where(const std::string& pointer) const {
    return file_.empty() ? pointer : file_ + "#" + pointer;
  }
  std::optional<EntryDraft> draft(const json& st, const json& entry, bool write_off,
                                  const std::string& at);
  void need(const char* option, const std::string& value, const std::string& at,
            const std::string& what, bool& complete);
  void post(const EntryDraft& d, const std::string& at, StatementImported& out);
  void record_positions(const StatementFile& file, StatementImported& out);

  book::BookTransaction& tx_;
  const StatementImportOptions& o_;
  std::string file_;
  Errors errors_;
  std::map<std::string, Missing> missing_;  // by option
};

void StatementImporter::need(const char* option, const std::string& value,
                             const std::string& at, const std::string& what, bool& complete) {
  if (!value.empty()) return;
  complete = false;
  auto [it, added] = missing_.try_emplace(option, Missing{where(at), what});
  if (!added) ++it->second.more;
}

std::optional<EntryDraft> StatementImporter::draft(const json& st, const json& entry,
                                                   bool write_off, const std::string& at) {
  const bool credit = entry.at("indicator") == "CRDT";
  const std::string currency = entry.at("currency").get<std::string>();
  std::string memo = entry.value("memo", "");
  if (memo.empty()) memo = "Statement " + st.at("id").get<std::string>();
  EntryDraft d{{entry.at("booking_date").get<std::string>(), memo,
                st.at("issuer").at("id").get<std::string>() + "/" +
                    entry.at("entry_ref").get<std::string>(),
                st.at("enterprise").get<std::string>(), {}, at},
               {}, write_off, false};
  auto add = [&](const char* option, const std::string& account, const std::string& amount,
                 bool debit) {
    // The currency is the statement's, written once for all entries: named with the posting.
    d.draft.postings.push_back({account, amount, currency, debit,
                                "postings/" + std::to_string(d.draft.postings.size()), {}});
    d.options.push_back(option);
  };
  const std::string amount = entry.at("amount").get<std::string>();
  const std::string loan = entry.contains("loan")
                               ? entry.at("loan").at("loan_id").get<std::string>() : "";
  bool complete = true;
  if (write_off) {
    need("--write-off-account", o_.write_off_account, at,
         "is the write-off of loan " + loan + " (" + amount + " " + currency + ")", complete);
    add("--account", o_.account, amount, false);
    add("--write-off-account", o_.write_off_account, amount, true);
    if (!complete) return std::nullopt;
    return d;
  }
  if (!entry.contains("loan") || !entry.at("loan").contains("components")) {
    add("--account", o_.account, amount, !credit);
    add("--counterpart", o_.counterpart, amount, credit);
    return d;
  }
  // A repayment (credit) or its reversal (debit), by component.
  d.split = true;
  const json& parts = entry.at("loan").at("components");
  const auto cur = *money::Currency::find(currency);
  auto total = money::Amount::zero(cur);
  const std::tuple<const char*, const char*, const std::string*> kParts[] = {
      {"principal", "--account", &o_.account},
      {"interest", "--interest-account", &o_.interest_account},
      {"fee", "--fee-account", &o_.fee_account},
      {"penalty", "--penalty-account", &o_.penalty_account}};
  for (const auto& [component, option, account] : kParts) {
    const auto part = *money::Amount::parse(parts.at(component).get<std::string>(), cur);
    if (part.is_zero()) continue;
    total = *total.plus(part);
    need(option, *account, at,
         "is a " + entry.at("loan").value("operation", std::string("repayment")) +
             " of loan " + loan + " with " + part.to_string() + " " + currency + " of " +
             component,
         complete);
    add(option, *account, part.to_string(), !credit);
  }
  add("--counterpart", o_.counterpart, total.to_string(), credit);
  if (!complete) return std::nullopt;
  return d;
}

// The book names the options the user gave: a posting's problem is with its account's option
// (the entry in the message), and the reference is the entry's.
void StatementImporter::post(const EntryDraft& d, const std::string& at,
                             StatementImported& out) {
  auto outcome = tx_.post(d.draft);
  if (outcome.ok()) {
    if (outcome->duplicate) {
      ++out.unchanged;
    } else {
      ++out.transactions_posted;
      if (d.write_off) ++out.write_offs;
      if (d.split) ++out.repayments_split;
    }
    return;
  }
  const std::string postings = at + "/postings/";
  for (Error e : outcome.error()) {
    if (e.field.rfind("postings/", 0) == 0) e.field = at + "/" + e.field;
    if (e.field.rfind(postings, 0) == 0) {
      const std::size_t n = std::stoul(e.field.substr(postings.size()));
      if (n < d.options.size()) {
        e.field = d.options[n];
        e.message += " (" + where(at) + ")";
        errors_.push_back(std::move(e));
        continue;
      }
    }
    Errors one{std::move(e)};
    rename_fields(one, 0, at);
    Error& renamed = one.front();
    if (renamed.field == at + "/external_id") renamed.field = at + "/entry_ref";
    if (!renamed.field.empty() && renamed.field.front() == '/') {
      renamed.field = where(renamed.field);
    }
    errors_.push_back(std::move(renamed));
  }
}

void StatementImporter::record_positions(const StatementFile& file, StatementImported& out) {
  const json& doc = file.statement.doc;
  const json& st = doc.at("statement");
  json loans = json::array();
  if (st.contains("loans")) {
    for (const auto& item : st.at("loans")) loans.push_back(canonical_position(item));
  }
  json payload = {{"issuer", st.at("issuer").at("id")}, {"statement", st.at("id")},
                  {"enterprise", st.at("enterprise")}, {"from", st.at("period").at("from")},
                  {"to", st.at("period").at("to")}, {"signer", file.statement.signer},
                  {"loans", loans}};
  StorePartnerLoanState state(tx_.store());
  auto rows = apply_statement_import(state, payload, tx_.today());
  if (!rows.ok()) {
    for (Error e : rows.error()) {
      // The payload's members are the statement's: /loans/2 is /statement/loans/2.
      e.field = where(e.field == "/to" ? "/statement/period/to"
                      : e.field == "/from" ? "/statement/period/from"
                      : e.field == "/issuer" ? "/statement/issuer/id"
                      : e.field == "/statement" ? "/statement/id"
                                                : "/statement" + e.field);
      errors_.push_back(std::move(e));
    }
    return;
  }
  out.positions_recorded = rows->size();
  out.positions_known = loans.size() - rows->size();
  if (rows->empty() && out.transactions_posted == 0) return;  // all of it was known
  auto seq = tx_.append_record(kKindStatementImport, std::move(payload));
  if (!seq.ok()) {
    errors_.push_back(seq.error());
    return;
  }
  out.audit_seq = *seq;
  for (auto& row : *rows) {
    row.audit_seq = *seq;
    if (auto s = tx_.store().partner_loans().insert_partner_loan(row); !s.ok()) {
      errors_.push_back(s.error());
      return;
    }
  }
}

StatementImported StatementImporter::import(const StatementFile& file) {
  file_ = file.name;
  const json& doc = file.statement.doc;
  const json& st = doc.at("statement");
  const json& entries = st.at("entries");
  StatementImported out{file.name, st.at("id").get<std::string>(),
                        st.at("issuer").at("id").get<std::string>(),
                        st.at("enterprise").get<std::string>()};
  out.entries = entries.size();
  const std::set<std::size_t> v1 = doc.at("version") == 1 ? version1_write_offs(entries)
                                                           : std::set<std::size_t>{};
  const std::size_t errors_before = errors_.size();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string at = "/statement/entries/" + std::to_string(i);
    const json& e = entries[i];
    const bool write_off =
        v1.contains(i) ||
        (e.contains("loan") && e.at("loan").value("operation", "") == "write-off");
    auto d = draft(st, e, write_off, at);
    if (d) post(*d, at, out);
  }
  // Positions only after sound entries: a failed statement adds nothing either way.
  if (errors_.size() == errors_before && missing_.empty()) record_positions(file, out);
  return out;
}

void StatementImporter::report_missing() {
  constexpr std::pair<const char*, const char*> kWhy[] = {
      {"--write-off-account", "the account that bears the loss (an expense or a loss "
                              "reserve), so that the write-off is booked as one and not as "
                              "cash the partner owes"},
      {"--interest-account", "the account the interest goes to"},
      {"--fee-account", "the account the fees go to"},
      {"--penalty-account", "the account the penalties go to"}};
  for (const auto& [option, why] : kWhy) {
    auto it = missing_.find(option);
    if (it == missing_.end()) continue;
    const Missing& m = it->second;
    errors_.push_back(make_error(
        ErrorCode::kUsage, option,
        m.where + " " + m.what +
            (m.more > 0 ? " (and " + std::to_string(m.more) + " more entries)" : "") +
            ": give " + option + ", " + why));
  }
}

}  // namespace

Result<StatementImportReport, Errors> import_statements(book::Book& book,
                                                        std::span<const StatementFile> files,
                                                        const StatementImportOptions& options) {
  StatementImportReport report;
  report.dry_run = options.dry_run;
  auto tx = book.begin();
  if (!tx.ok()) return Errors{tx.error()};
  StatementImporter importer(*tx, options);
  for (const auto& file : files) report.statements.push_back(importer.import(file));
  importer.report_missing();
  if (!importer.errors().empty()) return std::move(importer.errors());
  if (!options.dry_run) {
    if (auto s = tx->commit(); !s.ok()) return Errors{s.error()};
  }
  return report;
}

Result<BatchReport, Errors> import_statement(book::Book& book, const VerifiedStatement& statement,
                                             const StatementImportOptions& options) {
  const StatementFile file{"", statement};
  auto r = import_statements(book, std::span(&file, 1), options);
  if (!r.ok()) return r.error();
  const StatementImported& one = r->statements.front();
  BatchReport report;
  report.operations = one.entries;
  report.transactions_posted = one.transactions_posted;
  report.unchanged = one.unchanged;
  report.dry_run = options.dry_run;
  return report;
}

}  // namespace semilla::exchange
