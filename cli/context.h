// SPDX-License-Identifier: Apache-2.0
// What every command shares: the global options, the opened book, and how results and errors
// are printed (aligned tables for people, JSON with amounts as strings for programs).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ledger/base/lang.h"
#include "ledger/book/book.h"

namespace semilla::cli {

struct GlobalOptions {
  std::string db;      // --db, else $SEMILLA_DB, else ./semilla.db
  bool json = false;   // --json
  std::string actor;   // --actor, else $SEMILLA_ACTOR, else the OS user
  int wait_s = -1;     // --wait, else $SEMILLA_WAIT, else kWaitDefaultSeconds; -1 = not given
  bool quiet = false;  // --quiet: no progress on stderr (cli/progress.h)
  std::string as;      // --as, else $SEMILLA_OFFICER: the officer who signs (issue 11)
  std::string key;     // --key, else $SEMILLA_KEY: that officer's private key file
  std::string lang;    // --lang es|en: read before parsing (cli/language.h)
};

// How long a command waits for another process that holds the book, by default: long enough
// for any batch an office runs, short enough that a stuck process is noticed.
inline constexpr int kWaitDefaultSeconds = 30;
// Largest --wait: a day; it keeps the milliseconds within SQLite's int.
inline constexpr int kWaitMaxSeconds = 86'400;

class Context {
 public:
  // `options` are read when a command runs, after parsing has filled them in.
  explicit Context(const GlobalOptions& options) : options_(options) {}

  [[nodiscard]] const GlobalOptions& options() const { return options_; }
  [[nodiscard]] bool json() const { return options_.json; }
  // Gives the report or list `cmd` a --csv flag (cli/csv_out.h); with --json it is a usage
  // error (exit 2). Only one command runs, so they share one flag's value.
  void offer_csv(CLI::App* cmd);
  // --csv was given.
  [[nodiscard]] bool csv() const { return csv_; }
  // Gives the report `cmd` an --html FILE option (cli/html_out.h); with --csv it is a usage
  // error (exit 2).
  void offer_html(CLI::App* cmd);
  // The --html file, "" when not given.
  [[nodiscard]] const std::string& html_path() const { return html_path_; }
  [[nodiscard]] std::string db_path() const;
  // --actor, else $SEMILLA_ACTOR, else the officer's name (--as), else the OS user.
  [[nodiscard]] std::string actor() const;
  // The officer the book acts as: nullopt when neither --as nor $SEMILLA_OFFICER is given.
  // kUsage when only one of the name and the key file is given; the key file's errors
  // (read_signer_key_file: kEnvironment for a file group or others may read).
  [[nodiscard]] Result<std::optional<book::OfficerKey>> officer() const;
  // Seconds to wait for the book's lock: --wait, else $SEMILLA_WAIT, else the default.
  // kUsage naming SEMILLA_WAIT when it is not a whole number of seconds within the limit.
  [[nodiscard]] Result<int> wait_seconds() const;

  // Opens the store: read-only until the command's first write (store::OpenMode::kRead), so
  // that a read never creates or changes the file; `create` makes a new or empty file a book.
  [[nodiscard]] Result<store::Store*> store(bool create = false);
  // Closes the store and the book (before `init` removes a file it created in vain).
  void close_store();
  // Opens the book in the store.
  [[nodiscard]] Result<book::Book*> book();

 private:
  const GlobalOptions& options_;
  bool csv_ = false;
  std::string html_path_;
  std::unique_ptr<store::Store> store_;
  std::optional<book::Book> book_;
};

// Exit code of a finished command.
using ExitCode = int;
inline constexpr ExitCode kExitOk = 0;

// Prints `errors` (to stderr, or as {"ok": false, "errors": [...]} on stdout with --json) and
// returns the exit code of the first.
ExitCode report_errors(const Context& ctx, const Errors& errors);
ExitCode report_error(const Context& ctx, const Error& error);
// Prints a JSON document on stdout.
void print_json(const nlohmann::json& doc);

// [{"amount": "800.50", "currency": "USD"}, ...]
[[nodiscard]] nlohmann::json amounts_json(const std::vector<money::Amount>& amounts);

// "debit " or "credit" ("debe " or "haber"): the side of a posting in a list of postings, both
// words as wide.
[[nodiscard]] std::string posting_side(bool credit);

// An amount with its currency, for people: "1,800.50 USD" ("1.800,50 USD" in Spanish).
[[nodiscard]] std::string with_code(const money::Amount& amount);

}  // namespace semilla::cli
