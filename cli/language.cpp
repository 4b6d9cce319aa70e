// SPDX-License-Identifier: Apache-2.0
#include "cli/language.h"

#include <cstdlib>
#include <filesystem>
#include <string_view>

namespace semilla::cli {

Language chosen_language(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    std::string_view value;
    if (arg == "--lang" && i + 1 < argc) {
      value = argv[i + 1];
    } else if (arg.starts_with("--lang=")) {
      value = arg.substr(7);
    } else {
      continue;
    }
    if (value == "es") return Language::kSpanish;
    if (value == "en") return Language::kEnglish;
  }
  // POSIX precedence: the first of these that is set and not empty decides.
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    return language_from_name(value).value_or(Language::kEnglish);
  }
  return Language::kEnglish;
}

std::string locale_dir() {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path beside = self.parent_path().parent_path() / "share" / "locale";
    if (std::filesystem::exists(beside / "es" / "LC_MESSAGES" / "semilla.mo", ec)) {
      return beside.string();
    }
  }
  return SEMILLA_LOCALEDIR;
}

void translate_help_words(CLI::App& app) {
  static constexpr const char* kWords[] = {
      tr_noop("Usage"),    tr_noop("OPTIONS"),  tr_noop("SUBCOMMAND"), tr_noop("SUBCOMMANDS"),
      tr_noop("REQUIRED"), tr_noop("Needs"),    tr_noop("Excludes"),   tr_noop("TEXT"),
      tr_noop("INT"),      tr_noop("Positionals")};
  for (const char* word : kWords) app.get_formatter()->label(word, tr(word));
  app.option_defaults()->group(tr("Options"));
  // Made again in that group and words; the subcommands copy it.
  app.set_help_flag("-h,--help", tr("Print this help message and exit"));
}

void use_chosen_language(int argc, const char* const* argv) {
  const Language language = chosen_language(argc, argv);
  if (language == Language::kEnglish) return;  // the messages are English as written
  use_language(language, locale_dir());
}

}  // namespace semilla::cli
