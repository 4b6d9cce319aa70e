// SPDX-License-Identifier: Apache-2.0
#include "cli/approval_flow.h"

#include <algorithm>
#include <array>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "ledger/base/lang.h"

namespace semilla::cli {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kValued = {"--db", "--actor", "--as", "--key",
                                                     "--wait"};
constexpr std::array<std::string_view, 2> kFlags = {"--json", "--quiet"};

bool is_valued(std::string_view w) {
  return std::find(kValued.begin(), kValued.end(), w) != kValued.end();
}

bool is_global_with_value(std::string_view w) {
  return std::any_of(kValued.begin(), kValued.end(), [&](std::string_view o) {
    return w.size() > o.size() && w.starts_with(o) && w[o.size()] == '=';
  });
}

bool deferring = false;

struct Completion {
  std::uint64_t request = 0;
  std::vector<std::string> words;
};
std::optional<Completion>& completion_slot() {
  static std::optional<Completion> slot;
  return slot;
}

// The command's own words (the first two), after the global options.
std::vector<std::string> leading(const std::vector<std::string>& words, std::size_t n) {
  return {words.begin(), words.begin() + static_cast<std::ptrdiff_t>(std::min(n, words.size()))};
}

}  // namespace

std::vector<std::string> command_words(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  bool in_command = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& w = args[i];
    // `officer add` has a --key of its own (the new officer's verifier key).
    const bool own_key = in_command && w == "--key" &&
                         leading(out, 2) == std::vector<std::string>{"officer", "add"};
    if (!own_key && is_valued(w)) {
      ++i;
      continue;
    }
    if (!own_key && (is_global_with_value(w) ||
                     std::find(kFlags.begin(), kFlags.end(), w) != kFlags.end())) {
      continue;
    }
    if (!w.starts_with("-")) in_command = true;
    out.push_back(w);
  }
  return out;
}

std::vector<std::string> global_words(const GlobalOptions& g) {
  std::vector<std::string> out;
  auto add = [&](const char* option, const std::string& value) {
    if (!value.empty()) out.insert(out.end(), {option, value});
  };
  add("--db", g.db);
  add("--actor", g.actor);
  add("--as", g.as);
  add("--key", g.key);
  if (g.wait_s >= 0) add("--wait", std::to_string(g.wait_s));
  if (g.json) out.emplace_back("--json");
  if (g.quiet) out.emplace_back("--quiet");
  return out;
}

bool approval_refusal_deferred() { return deferring && book::gate_needing_approval_waits(); }

void defer_approval_refusals(const std::vector<std::string>& words) {
  const auto first = leading(words, 2);
  const bool import = !first.empty() && (first[0] == "batch" || first[0] == "import" ||
                                         (first == std::vector<std::string>{"statement",
                                                                            "import"}));
  deferring = !import;
}

int record_request_if_refused(const GlobalOptions& g, const std::vector<std::string>& args,
                              int exit_code) {
  if (!approval_refusal_deferred() || exit_code != 1) return exit_code;
  deferring = false;
  auto gate = book::take_gate_needing_approval();
  std::vector<std::string> words = command_words(args);
  // The operation is recorded as of the maker's day: a date the command took by default
  // is written out, so that the approval records the same operation.
  auto date = gate->record.find("date");
  if (date != gate->record.end() && date->is_string() &&
      std::find(words.begin(), words.end(), "--date") == words.end()) {
    words.insert(words.end(), {"--date", date->get<std::string>()});
  }
  Context ctx(g);
  SEMILLA_OPEN_BOOK(ctx, b);
  auto q = book::request_approval(b, *gate, std::move(words));
  if (!q.ok()) return report_error(ctx, q.error());
  if (ctx.json()) {
    print_json({{"ok", true},
                {"pending", true},
                {"request", q->seq},
                {"operation", q->gate.operation},
                {"amount", q->gate.amount.empty() ? json() : json(q->gate.amount)},
                {"currency", q->gate.amount.empty() ? json() : json(q->gate.currency)},
                {"approvers", q->approvers},
                {"expires", q->expires.empty() ? nlohmann::json() : nlohmann::json(q->expires)}});
    return kExitOk;
  }
  const std::string what =
      q->gate.amount.empty()
          ? q->gate.operation
          : trf("{operation} of {amount} {currency}",
                {{"operation", q->gate.operation}, {"amount", q->gate.amount},
                 {"currency", q->gate.currency}});
  const char* needs = q->expires.empty()
                          ? tr("Pending approval: request {request} ({what}) needs {approvers} "
                               "approval(s); nothing is applied until then. An approver runs: "
                               "semilla approve {request}\n")
                          : tr("Pending approval: request {request} ({what}) needs {approvers} "
                               "approval(s) by {expires}; nothing is applied until then. An "
                               "approver runs: semilla approve {request}\n");
  std::cout << trf(needs, {{"request", std::to_string(q->seq)},
                           {"what", what},
                           {"approvers", std::to_string(q->approvers)},
                           {"expires", q->expires}});
  return kExitOk;
}

ExitCode arrange_completion(Context& ctx, const book::Decision& d) {
  (void)ctx;
  book::arrange_completing_approval(d);
  completion_slot() = Completion{d.request.seq, d.request.command};
  return kExitOk;
}

int run_completion(const GlobalOptions& g, int exit_code,
                   const std::function<int(const std::vector<std::string>&)>& run) {
  if (!completion_slot() || exit_code != kExitOk) return exit_code;
  const Completion c = std::move(*completion_slot());
  completion_slot().reset();
  std::vector<std::string> args{"semilla"};
  for (auto& w : global_words(g)) args.push_back(std::move(w));
  args.insert(args.end(), c.words.begin(), c.words.end());
  const int code = run(args);
  const std::string n = std::to_string(c.request);
  if (book::completing_approval_committed()) {
    if (!g.json) {
      std::cout << trf("Approved request {request}: the last approval it needed; its "
                       "operation is applied (above)\n",
                       {{"request", n}});
    }
    return kExitOk;
  }
  if (!g.json) {
    std::cerr << trf("semilla: error: ID: the approval of request {request} was not recorded: "
                     "{why}\n",
                     {{"request", n},
                      {"why", code == kExitOk
                                  ? tr("its operation wrote nothing (is it recorded already?); "
                                       "reject the request")
                                  : tr("its operation is no longer valid as recorded (above)")}});
  }
  return code == kExitOk ? 1 : code;
}

}  // namespace semilla::cli
