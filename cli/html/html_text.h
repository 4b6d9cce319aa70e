// SPDX-License-Identifier: Apache-2.0
// Text of the HTML pages (--html): escaping, and the figures of a report as the page shows
// them. A figure is written from the report's JSON document (the one --json prints) and
// carries that document's value and its JSON pointer, so that a reader or a test can check
// that the page says what the JSON says (docs/cli.md, "HTML pages").
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace semilla::html {

// `text` with & < > " ' as character references: safe in element content and in quoted
// attribute values. Bytes are otherwise kept (the page is UTF-8).
[[nodiscard]] std::string escape(std::string_view text);

// A ratio as format_ratio writes it ("0.1250", 4 decimals) as a percentage with 2 decimals
// ("12.50%", "12,50%" in Spanish): the decimal point moved by two places, so nothing is
// rounded; other text is returned unchanged. Amounts and counts: display_number (lang.h).
[[nodiscard]] std::string ratio_percent(std::string_view ratio);

// How a figure is shown: an amount or a count with grouped digits, a ratio as a percentage,
// text (a date, a code) as it is.
enum class Shown { kAmount, kCount, kRatio, kText };

// The attributes that tie an element to the report's JSON: data-json="POINTER"
// data-value="VALUE", VALUE being the member's string, or its integer in decimal. A missing
// member or one of another type is a bug of the page's writer (std::logic_error).
[[nodiscard]] std::string figure_attributes(const nlohmann::json& doc,
                                            const nlohmann::json::json_pointer& at);

// The figure's text as shown (`how`), from the same member.
[[nodiscard]] std::string figure_text(const nlohmann::json& doc,
                                      const nlohmann::json::json_pointer& at, Shown how);

// <span class="fig" ATTRIBUTES>TEXT</span>: a figure in the page's text or tables.
[[nodiscard]] std::string figure(const nlohmann::json& doc,
                                 const nlohmann::json::json_pointer& at, Shown how);

// One figure per member of the object at `at`, in the order given: a table row.
[[nodiscard]] std::vector<std::string> figures(
    const nlohmann::json& doc, const nlohmann::json::json_pointer& at,
    const std::vector<std::pair<const char*, Shown>>& members);

// <tspan class="fig" ATTRIBUTES>TEXT</tspan>: the same inside an SVG <text>.
[[nodiscard]] std::string svg_figure(const nlohmann::json& doc,
                                     const nlohmann::json::json_pointer& at, Shown how);

// A string member of a report document (both pages read their text this way).
[[nodiscard]] inline std::string str(const nlohmann::json& v) { return v.get<std::string>(); }

}  // namespace semilla::html
