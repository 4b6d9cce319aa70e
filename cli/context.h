// SPDX-License-Identifier: Apache-2.0
// What every command shares: the global options, the opened book, and how results and errors
// are printed (aligned tables for people, JSON with amounts as strings for programs).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ledger/book/book.h"

namespace semilla::cli {

struct GlobalOptions {
  std::string db;      // --db, else $SEMILLA_DB, else ./semilla.db
  bool json = false;   // --json
  std::string actor;   // --actor, else the OS user
};

class Context {
 public:
  // `options` are read when a command runs, after parsing has filled them in.
  explicit Context(const GlobalOptions& options) : options_(options) {}

  [[nodiscard]] const GlobalOptions& options() const { return options_; }
  [[nodiscard]] bool json() const { return options_.json; }
  [[nodiscard]] std::string db_path() const;
  [[nodiscard]] std::string actor() const;

  // Opens the store (creating the file when `create`).
  [[nodiscard]] Result<store::Store*> store(bool create = false);
  // Opens the book in the store.
  [[nodiscard]] Result<book::Book*> book();

 private:
  const GlobalOptions& options_;
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

// "800.50" with the currency: "800.50 USD".
[[nodiscard]] std::string with_code(const money::Amount& amount);

}  // namespace semilla::cli
