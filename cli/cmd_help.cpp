// SPDX-License-Identifier: Apache-2.0
// semilla help [COMMAND...], --version, and the "unknown command" message with the closest
// names (edit distance), checked before CLI11 parses the line.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "ledger/base/suggest.h"

namespace semilla::cli {
namespace {

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return names;
}

CLI::App* find_command(CLI::App& app, const std::string& name) {
  auto found = app.get_subcommands([&](CLI::App* s) { return s->get_name() == name; });
  return found.empty() ? nullptr : found.front();
}

// An option of `app` or of one of its parents (options fall through) that takes a value.
bool takes_value(CLI::App* app, const std::string& arg) {
  if (arg.find('=') != std::string::npos) return false;
  for (; app != nullptr; app = app->get_parent()) {
    if (const CLI::Option* opt = app->get_option_no_throw(arg)) {
      return opt->get_expected_max() > 0;
    }
  }
  return false;
}

// "semilla grant" for the grant group.
std::string command_path(const CLI::App& app) {
  std::string path;
  for (const CLI::App* a = &app; a->get_parent() != nullptr; a = a->get_parent()) {
    path = " " + a->get_name() + path;
  }
  return "semilla" + path;
}

int unknown_command(const CLI::App& app, const std::string& word) {
  const std::string path = command_path(app);
  std::cerr << trf("semilla: error: unknown command '{word}'", {{"word", word}})
            << did_you_mean(closest_names(word, command_names(app))) << "\n"
            << trf("Run `{command} --help` for the list of commands.", {{"command", path}})
            << "\n";
  return 2;
}

// The command named by `words` (the root when empty); exit 2 with a message when one of the
// words names no command.
Result<CLI::App*> walk(CLI::App& root, const std::vector<std::string>& words) {
  CLI::App* app = &root;
  for (const auto& w : words) {
    if (app->get_subcommands([](const CLI::App*) { return true; }).empty()) break;
    CLI::App* next = find_command(*app, w);
    if (next == nullptr) {
      unknown_command(*app, w);
      return make_error(ErrorCode::kUsage, "COMMAND",
                        trf("unknown command '{word}'", {{"word", w}}));
    }
    app = next;
  }
  return app;
}

}  // namespace

void print_help(const CLI::App& app) {
  // The formatter itself: App::help() would show the help of the subcommand parsed (`help`).
  const std::string prev = app.get_parent() == nullptr ? "semilla" : command_path(app);
  std::string text = app.get_formatter()->make_help(&app, prev, CLI::AppFormatMode::Normal);
  if (text.empty() || text.back() != '\n') text += '\n';
  std::cout << text;
}

int check_command_words(CLI::App& app, int argc, char** argv) {
  CLI::App* cur = &app;
  bool asks_help = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") return 0;
    if (!arg.empty() && arg[0] == '-') {
      asks_help = asks_help || arg == "--help" || arg == "-h" || arg == "--version";
      if (takes_value(cur, arg)) ++i;
      continue;
    }
    if (cur->get_subcommands([](const CLI::App*) { return true; }).empty()) return 0;
    CLI::App* next = find_command(*cur, arg);
    if (next == nullptr) return unknown_command(*cur, arg);
    if (next->get_name() == "help") return 0;
    cur = next;
  }
  return cur == &app && !asks_help ? -1 : 0;
}

namespace {

// The first example line ("  semilla ...") of a command's footer, or "".
std::string first_example(const CLI::App& app) {
  const std::string footer = app.get_footer();
  const auto at = footer.find("\n  semilla ");
  if (at == std::string::npos) return "";
  const auto end = footer.find('\n', at + 1);
  return footer.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
}

}  // namespace

void add_group_examples(CLI::App& group) {
  const auto subs = group.get_subcommands([](const CLI::App*) { return true; });
  for (CLI::App* sub : subs) {
    add_group_examples(*sub);
    if (sub->get_group() == "Subcommands") sub->group(tr("Subcommands"));  // CLI11's heading
    // CLI11 gives a subcommand its help flag before the parent's option group.
    if (CLI::Option* help = sub->get_help_ptr()) help->group(tr("Options"));
  }
  if (subs.empty() || group.get_parent() == nullptr) return;
  const std::string footer = group.get_footer();
  if (footer.find(tr("Example")) != std::string::npos) return;
  std::string lines;
  for (const CLI::App* sub : subs) {
    const std::string line = first_example(*sub);
    if (!line.empty()) lines += "\n" + line;
  }
  if (lines.empty()) return;
  group.footer(footer + (footer.empty() ? "" : "\n\n") + tr("Examples:") + lines);
}

void add_help_command(CLI::App& app, ExitCode& exit_code) {
  auto words = std::make_shared<std::vector<std::string>>();
  auto* help = app.add_subcommand("help", tr("Help on a command: semilla help loan repay"));
  help->add_option("COMMAND", *words, tr("The command, and its subcommand"));
  help->footer(tr("Example:\n  semilla help grant award"));
  help->callback([&app, &exit_code, words] {
    auto target = walk(app, *words);
    if (!target.ok()) {
      exit_code = 2;
      return;
    }
    print_help(**target);
    exit_code = kExitOk;
  });
}

}  // namespace semilla::cli
