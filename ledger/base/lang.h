// SPDX-License-Identifier: Apache-2.0
// The language of what people read: messages, help, table headers and reports, in English (the
// msgids) or Spanish (po/es.po, GNU gettext). Records, JSON and CSV never change with it.
//
// Marking a message for translation (xgettext keywords, po/README.md):
//   tr("Balance")                          the translation, for a fixed sentence;
//   trf("{field} is empty", {{"field", f}}) with named placeholders, which a translation may
//                                           reorder;
//   tr_noop("Opening balance")             marks a string kept in a table, translated with tr()
//                                           where it is shown.
// Nothing here calls setlocale(LC_ALL) or touches LC_NUMERIC: numbers are read and written the
// same in every language (display_number is the one place that shows them otherwise).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace semilla {

enum class Language { kEnglish, kSpanish };

// "en" or "es".
[[nodiscard]] const char* language_code(Language language);

// The language a code or a locale name asks for: "es", "es_EC.UTF-8", "es-PE", "es_PE@euro"
// are Spanish; "en", "en_US.UTF-8", "C" and "POSIX" English; anything else nullopt.
[[nodiscard]] std::optional<Language> language_from_name(std::string_view name);

// Makes `language` the one tr() answers in, its catalogue read from
// `locale_dir`/LANG/LC_MESSAGES/semilla.mo. Works whether or not the system has a Spanish
// locale installed: only LC_MESSAGES is set (to C.UTF-8), the language chosen by gettext's
// LANGUAGE list. May be called again to switch (e.g. a report in another language).
void use_language(Language language, const std::string& locale_dir);

// The language in use (English until use_language).
[[nodiscard]] Language current_language();

// The translation of `msgid` in the language in use; `msgid` itself when there is none.
[[nodiscard]] const char* tr(const char* msgid);

// tr(msgid) with every "{name}" replaced by its value; a placeholder without a value stays.
using TrArgs = std::initializer_list<std::pair<std::string_view, std::string>>;
[[nodiscard]] std::string trf(const char* msgid, TrArgs args);

// `text` (already translated) with every "{name}" replaced by its value: for a sentence filled
// in two steps.
[[nodiscard]] std::string fill(std::string text, TrArgs args);

// Marks `msgid` for the catalogue without translating it (a table of words).
constexpr const char* tr_noop(const char* msgid) { return msgid; }

// A canonical decimal ("-12345.67", "1500", "0.1250") as people read it in the language in
// use: "-12,345.67" in English, "-12.345,67" in Spanish; a percentage too ("12.50%" is
// "12,50%"). Other text is returned unchanged.
[[nodiscard]] std::string display_number(std::string_view canonical);

}  // namespace semilla
