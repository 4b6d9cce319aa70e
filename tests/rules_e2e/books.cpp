// SPDX-License-Identifier: Apache-2.0
#include "tests/rules_e2e/books.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace semilla::rules_e2e {
namespace {

using Args = std::vector<std::string>;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void post(const e2e::Cli& cli, const std::string& date, const std::string& debit,
          const std::string& credit, const Args& more = {}) {
  Args args{"post",    "--date", date,       "--memo", "entry of " + date,
            "--debit", debit,    "--credit", credit};
  args.insert(args.end(), more.begin(), more.end());
  cli.ok(args);
}

}  // namespace

void start_book(const e2e::Cli& cli, const std::string& name) {
  cli.ok({"--actor", "ana", "init", "--currency", "USD", "--name", name, "--timezone",
          "America/Guayaquil"});
  cli.ok({"account", "add", "Assets:Bank", "--type", "asset", "--currency", "USD"});
  cli.ok({"account", "add", "Assets:Cash:PEN", "--type", "asset", "--currency", "PEN"});
  cli.ok({"account", "add", "Equity:Donor", "--type", "equity"});
  cli.ok({"account", "add", "Expenses:Training", "--type", "expense"});
  cli.ok({"account", "add", "Income:Other", "--type", "income"});
  cli.ok({"account", "add", "Liabilities:Payable", "--type", "liability"});
  cli.ok({"enterprise", "add", "EC-001", "--name", "Panadería Rosa", "--sex", "female",
          "--birth-year", "1990", "--nationality", "VE", "--status", "migrant", "--province",
          "Pichincha", "--cohort", "2026-A"});
  cli.ok({"enterprise", "add", "EC-002", "--kind", "cooperative", "--province", "Imbabura"});
  cli.ok({"enterprise", "add", "EC-003", "--sex", "male", "--birth-year", "1979", "--nationality",
          "CO", "--status", "refugee"});
  post(cli, "2026-01-02", "Assets:Bank=20000.00", "Equity:Donor=20000.00", {"--ref", "BANK-1"});
}

audit::NoteSigner read_signer(const BuiltBook& book) {
  auto signer = audit::read_signer_key_file(book.key_file);
  if (!signer.ok()) throw std::runtime_error(signer.error().to_string());
  return *signer;
}

int posted_transaction(const e2e::Cli& cli, const Args& args) {
  Args all{"--json"};
  all.insert(all.end(), args.begin(), args.end());
  const auto out = nlohmann::json::parse(cli.ok(all), nullptr, /*allow_exceptions=*/false);
  if (!out.is_object() || !out.contains("transaction")) {
    ADD_FAILURE() << "no transaction in the output of " << args.front();
    return 0;
  }
  const auto& t = out["transaction"];
  return t.is_object() ? t.value("id", 0) : t.get<int>();
}

BuiltBook generate_key(const e2e::Cli& cli) {
  BuiltBook book;
  book.key_file = cli.dir() + "/audit.key";
  book.vkey = cli.ok({"keys", "generate", "rules.example.org/audit", "--out", book.key_file});
  while (!book.vkey.empty() && book.vkey.back() == '\n') book.vkey.pop_back();
  return book;
}

void checkpoint(const e2e::Cli& cli, const BuiltBook& book) {
  cli.ok({"audit", "checkpoint", "--key", book.key_file});
}

void export_book(const e2e::Cli& cli, BuiltBook& book) {
  const std::string path = cli.dir() + "/book.bundle";
  cli.ok({"book", "export", "--out", path});
  book.bundle = read_file(path);
}

BuiltBook build_journal_book(const e2e::Cli& cli) {
  start_book(cli, "Rules journal");
  BuiltBook book = generate_key(cli);
  cli.ok(
      {"account", "add", "Assets:Receivable:EC-001", "--type", "asset", "--enterprise", "EC-001"});
  post(cli, "2026-01-10", "Expenses:Training=100.50", "Assets:Bank=100.50", {"--ref", "INV-1"});
  post(cli, "2026-01-11", "Expenses:Training=20", "Assets:Bank=20");
  cli.ok({"reverse", "3", "--date", "2026-01-12", "--reason", "typed twice"});
  checkpoint(cli, book);
  cli.ok({"post", "--date", "2026-02-01", "--memo", "two currencies", "--debit",
          "Assets:Cash:PEN=370 PEN", "--credit", "Equity:Donor=370 PEN", "--debit",
          "Assets:Bank=100", "--credit", "Income:Other=100"});
  post(cli, "2026-02-03", "Assets:Receivable:EC-001=50", "Assets:Bank=50",
       {"--enterprise", "EC-001", "--ref", "ADV-1"});
  post(cli, "2026-02-04", "Assets:Bank=80", "Liabilities:Payable=80", {"--ref", "LN-9"});
  cli.ok({"reverse", "6", "--date", "2026-03-01", "--reason", "wrong enterprise"});
  checkpoint(cli, book);
  post(cli, "2026-03-05", "Expenses:Training=12.34", "Assets:Bank=12.34", {"--ref", "INV-2"});
  cli.ok({"enterprise", "update", "EC-001", "--status", "refugee", "--cohort", "2026-B"});
  cli.ok({"enterprise", "update", "EC-003", "--birth-year", "1980", "--name", "Taller Luis"});
  export_book(cli, book);
  return book;
}

namespace {

// `semilla --as NAME --key FILE ARGS...`: a command signed by officer `name` of `book`.
void as(const e2e::Cli& cli, const BuiltBook& book, const std::string& name, const Args& args) {
  Args all{"--as", name, "--key", book.officer_keys.at(name)};
  all.insert(all.end(), args.begin(), args.end());
  cli.ok(all);
}

// A key for officer `name`; returns its verifier key.
std::string officer_key(const e2e::Cli& cli, BuiltBook& book, const std::string& name) {
  book.officer_keys[name] = cli.dir() + "/" + name + ".key";
  std::string vkey = cli.ok({"keys", "generate", name, "--out", book.officer_keys[name]});
  while (!vkey.empty() && vkey.back() == '\n') vkey.pop_back();
  return vkey;
}

}  // namespace

BuiltBook build_officers_book(const e2e::Cli& cli) {
  start_book(cli, "Rules officers");
  BuiltBook book = generate_key(cli);
  const std::string ana = officer_key(cli, book, "ana"), luis = officer_key(cli, book, "luis"),
                    eva = officer_key(cli, book, "eva");
  as(cli, book, "ana", {"officer", "add", "ana", "--role", "admin", "--key", ana});
  as(cli, book, "ana", {"officer", "add", "luis", "--role", "recorder", "--key", luis});
  as(cli, book, "ana", {"officer", "add", "eva", "--role", "approver", "--key", eva});
  as(cli, book, "luis", {"post", "--date", "2026-02-01", "--memo", "Course", "--debit",
                         "Expenses:Training=100.00", "--credit", "Assets:Bank=100.00"});
  as(cli, book, "luis", {"reverse", "2", "--date", "2026-02-02", "--reason", "typed twice"});
  as(cli, book, "luis", {"enterprise", "add", "EC-004", "--sex", "female"});
  as(cli, book, "ana", {"audit", "checkpoint", "--key", book.key_file});
  as(cli, book, "ana", {"officer", "roles", "eva", "--role", "approver", "--role", "recorder"});
  as(cli, book, "eva", {"post", "--date", "2026-02-03", "--memo", "Rent", "--debit",
                        "Expenses:Training=50.00", "--credit", "Assets:Bank=50.00"});
  as(cli, book, "ana", {"officer", "revoke", "luis", "--reason", "Left the programme"});
  as(cli, book, "eva", {"post", "--date", "2026-02-04", "--memo", "Books", "--debit",
                        "Expenses:Training=20.00", "--credit", "Assets:Bank=20.00"});
  export_book(cli, book);
  return book;
}

namespace {

// `as`, with --json, returning the request id a command recorded instead of its operation.
std::uint64_t pending_as(const e2e::Cli& cli, const BuiltBook& book, const std::string& name,
                         const Args& args) {
  Args all{"--json", "--as", name, "--key", book.officer_keys.at(name)};
  all.insert(all.end(), args.begin(), args.end());
  const auto out = nlohmann::json::parse(cli.ok(all));
  if (!out.value("pending", false)) throw std::runtime_error("not pending: " + out.dump());
  return out.at("request").get<std::uint64_t>();
}

void post_as(const e2e::Cli& cli, const BuiltBook& book, const std::string& name,
             const std::string& date, const std::string& amount) {
  as(cli, book, name, {"post", "--date", date, "--memo", "Course " + date, "--debit",
                       "Expenses:Training=" + amount, "--credit", "Assets:Bank=" + amount});
}

}  // namespace

BuiltBook build_approvals_book(const e2e::Cli& cli) {
  start_book(cli, "Rules approvals");
  BuiltBook book = generate_key(cli);
  for (const char* name : {"ana", "luis", "eva", "rosa"}) {
    const std::string vkey = officer_key(cli, book, name);
    const std::string role = std::string(name) == "ana"    ? "admin"
                             : std::string(name) == "luis" ? "recorder"
                                                           : "approver";
    as(cli, book, "ana", {"officer", "add", name, "--role", role, "--key", vkey});
  }
  post_as(cli, book, "luis", "2026-02-01", "100.00");  // transaction 2
  as(cli, book, "ana", {"policy", "set", "reversal", "--above", "50", "USD", "--approvers", "2",
                        "--expires", "30"});
  const auto first = std::to_string(
      pending_as(cli, book, "luis", {"reverse", "2", "--date", "2026-02-02", "--reason", "twice"}));
  as(cli, book, "eva", {"approve", first});
  as(cli, book, "rosa", {"approve", first});  // applies the reversal: transaction 3
  post_as(cli, book, "luis", "2026-02-03", "200.00");  // transaction 4
  const auto second = std::to_string(
      pending_as(cli, book, "luis", {"reverse", "4", "--date", "2026-02-03", "--reason", "x"}));
  as(cli, book, "eva", {"reject", second, "--reason", "The invoice is right"});
  post_as(cli, book, "luis", "2026-02-04", "20.00");  // transaction 5
  as(cli, book, "luis", {"reverse", "5", "--date", "2026-02-04", "--reason", "small"});  // 6
  as(cli, book, "ana", {"policy", "set", "reversal", "--approvers", "1"});
  post_as(cli, book, "luis", "2026-02-05", "30.00");  // transaction 7
  const auto third = std::to_string(
      pending_as(cli, book, "luis", {"reverse", "7", "--date", "2026-02-05", "--reason", "y"}));
  as(cli, book, "rosa", {"approve", third});  // transaction 8
  as(cli, book, "ana", {"audit", "checkpoint", "--key", book.key_file});
  export_book(cli, book);
  return book;
}

std::function<std::string(const std::string&, const std::string&)> officer_signer(
    const BuiltBook& book) {
  std::map<std::string, audit::NoteSigner> keys;
  for (const auto& [name, file] : book.officer_keys) {
    auto signer = audit::read_signer_key_file(file);
    if (!signer.ok()) throw std::runtime_error(signer.error().to_string());
    keys.emplace(name, *signer);
  }
  // A name that is no officer's signs with a key of its own: no officer's key.
  return [keys](const std::string& name, const std::string& message) {
    auto it = keys.find(name);
    if (it != keys.end()) return it->second.sign(message).value();
    return audit::NoteSigner::from_seed("stranger", std::string(32, 's')).value().sign(message)
        .value();
  };
}

BuiltBook build_loans_book(const e2e::Cli& cli) {
  start_book(cli, "Rules loans");
  BuiltBook book = generate_key(cli);
  cli.ok({"loan", "product", "add", "CREDI-6", "--currency", "USD", "--rate", "24",
          "--installments", "6", "--method", "declining", "--fee", "2%", "--fee-mode", "deducted",
          "--cash-account", "Assets:Bank"});
  cli.ok({"loan", "product", "add", "WEEKLY-8", "--currency", "USD", "--rate", "52",
          "--installments", "8", "--unit", "weeks", "--method", "flat", "--multiple-of", "1",
          "--cash-account", "Assets:Bank"});
  cli.ok({"loan", "open", "L-1", "--enterprise", "EC-001", "--product", "CREDI-6", "--principal",
          "1000", "--date", "2026-01-15"});
  cli.ok({"loan", "disburse", "L-1", "--date", "2026-01-15"});
  cli.ok({"loan", "repay", "L-1", "178.53", "--date", "2026-02-15", "--ref", "MFI/1"});
  const int bounced =
      posted_transaction(cli, {"loan", "repay", "L-1", "100", "--date", "2026-03-15"});
  cli.ok({"loan", "reverse", "L-1", std::to_string(bounced), "--date", "2026-03-16", "--reason",
          "cheque returned"});
  checkpoint(cli, book);
  cli.ok({"loan", "open", "L-2", "--enterprise", "EC-003", "--product", "WEEKLY-8", "--principal",
          "400", "--date", "2026-02-02"});
  cli.ok({"loan", "disburse", "L-2", "--date", "2026-02-02"});
  cli.ok({"loan", "repay", "L-2", "63", "--date", "2026-02-09"});
  cli.ok({"loan", "write-off", "L-2", "--date", "2026-05-30", "--reason", "closed business"});
  cli.ok({"loan", "recover", "L-2", "10.00", "--date", "2026-06-01"});
  cli.ok({"loan", "repay", "L-1", "178.53", "--date", "2026-04-15", "--ref", "MFI/2"});
  cli.ok({"loan", "open", "L-3", "--enterprise", "EC-002", "--product", "CREDI-6", "--principal",
          "300", "--date", "2026-06-20", "--installments", "3"});
  cli.ok({"loan", "open", "L-4", "--enterprise", "EC-001", "--product", "WEEKLY-8", "--principal",
          "200", "--date", "2026-06-01"});
  cli.ok({"loan", "cancel", "L-4", "--date", "2026-06-02", "--reason", "wrong enterprise"});
  cli.ok({"loan", "open", "L-5", "--enterprise", "EC-003", "--product", "CREDI-6", "--principal",
          "500", "--date", "2026-06-03"});
  cli.ok({"loan", "disburse", "L-5", "--date", "2026-06-03"});
  cli.ok({"loan", "reverse-disbursement", "L-5", "--date", "2026-06-04", "--reason",
          "paid to the wrong account"});
  checkpoint(cli, book);
  export_book(cli, book);
  return book;
}

BuiltBook build_grants_book(const e2e::Cli& cli) {
  start_book(cli, "Rules grants");
  BuiltBook book = generate_key(cli);
  cli.ok({"fund", "add", "F-1", "--donor", "BID Lab", "--currency", "USD", "--from", "2026-01-01",
          "--to", "2026-12-31", "--budget", "seed-capital-cash=5000", "--budget",
          "seed-capital-in-kind=3000", "--budget", "training=1000"});
  cli.ok({"fund", "receive", "F-1", "8000.00", "--date", "2026-01-10", "--ref", "SW-1"});
  cli.ok({"enterprise", "members", "EC-002", "--female", "3", "--male", "2"});
  cli.ok({"status", "define", "displaced", "--label", "Internally displaced"});
  cli.ok({"enterprise", "members", "EC-002", "--member", "female,1990,VE,displaced", "--member",
          "male,,CO,refugee", "--member", "female"});
  cli.ok({"milestone", "define", "plan", "--label", "Business plan approved"});
  cli.ok({"milestone", "define", "visit", "--label", "Follow-up visit"});
  cli.ok({"milestone", "record", "EC-001", "plan", "--date", "2026-01-20"});
  cli.ok({"milestone", "record", "EC-002", "plan", "--date", "2026-01-21"});
  cli.ok({"grant", "award", "G-1", "--enterprise", "EC-001", "--fund", "F-1", "--date",
          "2026-01-25", "--tranche", "600:plan", "--tranche", "400:plan,visit"});
  cli.ok({"grant", "award", "G-2", "--enterprise", "EC-002", "--fund", "F-1", "--date",
          "2026-01-25", "--tranche", "500.00:plan"});
  cli.ok({"grant", "award", "G-3", "--enterprise", "EC-003", "--fund", "F-1", "--date",
          "2026-01-26", "--tranche", "300", "--tranche", "200"});
  cli.ok({"grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-02-01", "--ref", "T-1"});
  cli.ok({"grant", "disburse", "G-2", "--tranche", "1", "--date", "2026-02-02", "--in-kind", "Oven",
          "--supplier", "Hornos SA"});
  cli.ok({"grant", "disburse", "G-3", "--tranche", "1", "--date", "2026-02-03"});
  cli.ok({"fund", "spend", "F-1", "training", "200", "--date", "2026-02-05", "--memo", "Workshop",
          "--ref", "SP-1"});
  cli.ok({"period", "close", "2026-02"});
  checkpoint(cli, book);
  cli.ok({"period", "reopen", "2026-02", "--reason", "late invoice"});
  post(cli, "2026-02-27", "Expenses:Training=5", "Assets:Bank=5", {"--ref", "LATE-1"});
  cli.ok({"period", "close", "2026-03"});
  cli.ok({"milestone", "record", "EC-001", "visit", "--date", "2026-04-01"});
  cli.ok({"grant", "disburse", "G-1", "--tranche", "2", "--date", "2026-04-02"});
  cli.ok({"grant", "return", "G-1", "100", "--date", "2026-04-10", "--reason", "unspent"});
  cli.ok({"grant", "cancel", "G-3", "--date", "2026-04-15", "--reason", "moved away"});
  cli.ok({"fund", "receive", "F-1", "500", "--date", "2026-04-20"});
  cli.ok({"grant", "return", "G-2", "500", "--date", "2026-04-20", "--reason", "oven returned"});
  cli.ok({"grant", "disburse", "G-2", "--tranche", "1", "--date", "2026-04-20", "--again",
          "--reason", "paid in cash instead"});
  const std::string batch = cli.dir() + "/batch.json";
  std::ofstream(batch) << R"({"format": "semilla-batch", "version": 1, "operations": [
    {"type": "milestone", "enterprise": "EC-003", "name": "visit", "date": "2026-04-21"},
    {"type": "transaction", "external_id": "B-1", "date": "2026-04-21", "memo": "batch",
     "postings": [{"account": "Expenses:Training", "side": "debit", "amount": "7.00"},
                  {"account": "Assets:Bank", "side": "credit", "amount": "7.00"}]}]})";
  cli.ok({"batch", "import", batch});
  checkpoint(cli, book);
  export_book(cli, book);
  return book;
}

}  // namespace semilla::rules_e2e
