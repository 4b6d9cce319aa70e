// SPDX-License-Identifier: Apache-2.0
#include "ledger/base/lang.h"

#include <libintl.h>

#include <clocale>
#include <cstdlib>

// GNU gettext caches translations; this counter tells it that the language list changed
// (the GNU gettext manual, "Being a gettext grok").
extern "C" int _nl_msg_cat_cntr;  // NOLINT(bugprone-reserved-identifier)

namespace semilla {
namespace {

constexpr const char* kDomain = "semilla";
Language g_language = Language::kEnglish;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

const char* language_code(Language language) {
  return language == Language::kSpanish ? "es" : "en";
}

std::optional<Language> language_from_name(std::string_view name) {
  if (name == "C" || name == "POSIX" || name.starts_with("C.")) return Language::kEnglish;
  const std::string_view lang = name.substr(0, name.find_first_of("_-.@"));
  if (lang == "es") return Language::kSpanish;
  if (lang == "en") return Language::kEnglish;
  return std::nullopt;
}

void use_language(Language language, const std::string& locale_dir) {
  g_language = language;
  bindtextdomain(kDomain, locale_dir.c_str());
  bind_textdomain_codeset(kDomain, "UTF-8");
  // gettext ignores LANGUAGE while LC_MESSAGES is "C"; C.UTF-8 is built into glibc (2.35) and
  // needs no generated locale. Only messages change: LC_NUMERIC and LC_CTYPE stay "C".
  if (std::setlocale(LC_MESSAGES, "C.UTF-8") == nullptr) {
    std::setlocale(LC_MESSAGES, language == Language::kSpanish ? "es_EC.UTF-8" : "C");
  }
  setenv("LANGUAGE", language_code(language), 1);
  ++_nl_msg_cat_cntr;
}

Language current_language() { return g_language; }

const char* tr(const char* msgid) {
  if (g_language == Language::kEnglish) return msgid;
  return dgettext(kDomain, msgid);
}

std::string fill(std::string text, TrArgs args) {
  for (const auto& [name, value] : args) {
    const std::string key = "{" + std::string(name) + "}";
    for (std::size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

std::string trf(const char* msgid, TrArgs args) { return fill(tr(msgid), args); }

std::string display_number(std::string_view canonical) {
  if (canonical.size() > 1 && canonical.ends_with('%')) {
    return display_number(canonical.substr(0, canonical.size() - 1)) + "%";
  }
  std::string_view rest = canonical;
  const bool negative = rest.starts_with('-');
  if (negative) rest.remove_prefix(1);
  const std::size_t point = rest.find('.');
  const std::string_view integer = rest.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : rest.substr(point + 1);
  auto all_digits = [](std::string_view s) {
    for (char c : s) {
      if (!is_digit(c)) return false;
    }
    return true;
  };
  if (integer.empty() || !all_digits(integer) || !all_digits(fraction) ||
      (point != std::string_view::npos && fraction.empty())) {
    return std::string(canonical);
  }
  const bool spanish = g_language == Language::kSpanish;
  const char group = spanish ? '.' : ',';
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < integer.size(); ++i) {
    if (i > 0 && (integer.size() - i) % 3 == 0) out += group;
    out += integer[i];
  }
  if (point != std::string_view::npos) {
    out += spanish ? ',' : '.';
    out += fraction;
  }
  return out;
}

}  // namespace semilla
