// SPDX-License-Identifier: Apache-2.0
#include "cli/context.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <iostream>

#include "cli/approval_flow.h"
#include "cli/table.h"
#include "ledger/base/lang.h"

namespace semilla::cli {

std::string Context::db_path() const {
  if (!options_.db.empty()) return options_.db;
  if (const char* env = std::getenv("SEMILLA_DB"); env != nullptr && *env != '\0') return env;
  return "semilla.db";
}

namespace {

// The option's value, else the environment variable's, else "".
std::string option_or_env(const std::string& option, const char* variable) {
  if (!option.empty()) return option;
  const char* env = std::getenv(variable);
  return env != nullptr ? std::string(env) : std::string();
}

}  // namespace

Result<std::optional<book::OfficerKey>> Context::officer() const {
  const std::string name = option_or_env(options_.as, "SEMILLA_OFFICER");
  const std::string file = option_or_env(options_.key, "SEMILLA_KEY");
  if (name.empty() && file.empty()) return std::optional<book::OfficerKey>();
  if (name.empty() || file.empty()) {
    return make_error(ErrorCode::kUsage, name.empty() ? "--as" : "--key",
                      tr("an officer signs with a name and a key file: give both --as NAME and "
                         "--key FILE (or SEMILLA_OFFICER and SEMILLA_KEY)"));
  }
  auto key = audit::read_signer_key_file(file);
  if (!key.ok()) return key.error();
  return std::optional<book::OfficerKey>(book::OfficerKey{
      name, std::make_shared<const audit::NoteSigner>(std::move(*key))});
}

std::string Context::actor() const {
  if (!options_.actor.empty()) return options_.actor;
  if (const char* env = std::getenv("SEMILLA_ACTOR"); env != nullptr && *env != '\0') return env;
  if (std::string as = option_or_env(options_.as, "SEMILLA_OFFICER"); !as.empty()) return as;
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return pw->pw_name;
  }
  if (const char* user = std::getenv("USER"); user != nullptr) return user;
  return "unknown";
}

Result<int> Context::wait_seconds() const {
  if (options_.wait_s >= 0) return options_.wait_s;  // CLI11 checked its range
  const char* env = std::getenv("SEMILLA_WAIT");
  if (env == nullptr || *env == '\0') return kWaitDefaultSeconds;
  const std::string text(env);
  int seconds = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || seconds < 0 ||
      seconds > kWaitMaxSeconds) {
    return make_error(ErrorCode::kUsage, "SEMILLA_WAIT",
                      trf("\"{value}\" is not a whole number of seconds from 0 to {max}",
                          {{"value", text}, {"max", std::to_string(kWaitMaxSeconds)}}));
  }
  return seconds;
}

Result<store::Store*> Context::store(bool create) {
  if (!store_) {
    auto wait = wait_seconds();
    if (!wait.ok()) return wait.error();
    const store::OpenOptions options{create ? store::OpenMode::kCreate : store::OpenMode::kRead,
                                     *wait * 1000};
    auto opened = store::open_sqlite_store(db_path(), options);
    if (!opened.ok()) return opened.error();
    store_ = std::move(*opened);
  }
  return store_.get();
}

void Context::close_store() {
  book_.reset();
  store_.reset();
}

Result<book::Book*> Context::book() {
  if (!book_) {
    auto s = store(false);
    if (!s.ok()) return s.error();
    auto b = book::Book::open(**s, actor());
    if (!b.ok()) return b.error();
    auto officer = this->officer();
    if (!officer.ok()) return officer.error();
    if (*officer) b->act_as(std::move(**officer));
    book_.emplace(std::move(*b));
  }
  return &*book_;
}

void Context::offer_csv(CLI::App* cmd) {
  auto* flag = cmd->add_flag("--csv", csv_,
                             tr("Print CSV for spreadsheets (RFC 4180, a header row, amounts "
                                "as 1234.56) instead of a table"));
  CLI::App* root = cmd;
  while (root->get_parent() != nullptr) root = root->get_parent();
  flag->excludes(root->get_option("--json"));
}

void Context::offer_html(CLI::App* cmd) {
  auto* option = cmd->add_option("--html", html_path_,
                                 tr("Also write the report as one self-contained HTML page, "
                                    "with charts, to this file (for a browser, or to print to "
                                    "PDF)"));
  if (auto* csv = cmd->get_option_no_throw("--csv")) option->excludes(csv);
}

void print_json(const nlohmann::json& doc) { std::cout << doc.dump(2) << '\n'; }

ExitCode report_errors(const Context& ctx, const Errors& errors) {
  if (approval_refusal_deferred()) {  // the command is recorded as a request instead
    return errors.empty() ? 1 : exit_code_for(errors.front().code);
  }
  if (ctx.json()) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : errors) {
      list.push_back({{"code", error_code_name(e.code)}, {"field", e.field},
                      {"message", e.message}});
    }
    print_json({{"ok", false}, {"errors", list}});
  } else {
    for (const auto& e : errors) {
      std::cerr << trf("semilla: error: {message}", {{"message", e.to_string()}}) << '\n';
    }
    if (errors.size() > 1) {
      std::cerr << trf("semilla: {count} problems; nothing was changed",
                       {{"count", std::to_string(errors.size())}})
                << '\n';
    }
  }
  return errors.empty() ? 1 : exit_code_for(errors.front().code);
}

ExitCode report_error(const Context& ctx, const Error& error) {
  return report_errors(ctx, Errors{error});
}

nlohmann::json amounts_json(const std::vector<money::Amount>& amounts) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : amounts) {
    out.push_back({{"amount", a.to_string()}, {"currency", std::string(a.currency().code())}});
  }
  return out;
}

std::string posting_side(bool credit) {
  const std::string debit_word = tr("debit"), credit_word = tr("credit");
  std::string word = credit ? credit_word : debit_word;
  const std::size_t width = std::max(display_width(debit_word), display_width(credit_word));
  return word + std::string(width - display_width(word), ' ');
}

std::string with_code(const money::Amount& amount) {
  return display_number(amount.to_string()) + " " + std::string(amount.currency().code());
}

}  // namespace semilla::cli
