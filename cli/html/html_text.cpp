// SPDX-License-Identifier: Apache-2.0
#include "cli/html/html_text.h"

#include <stdexcept>

#include "ledger/base/lang.h"

namespace semilla::html {
namespace {

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The member's value as the JSON writes it: a string as is, an integer in decimal.
std::string value_text(const nlohmann::json& doc, const nlohmann::json::json_pointer& at) {
  const nlohmann::json& v = doc.at(at);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.dump();
  throw std::logic_error("html figure " + at.to_string() + " is not a string or an integer");
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string ratio_percent(std::string_view ratio) {
  const std::size_t point = ratio.find('.');
  if (point == std::string_view::npos || ratio.size() - point - 1 != 4) {
    return std::string(ratio);
  }
  const std::string_view whole = ratio.substr(0, point), fraction = ratio.substr(point + 1);
  if (!is_digits(whole) || !is_digits(fraction)) return std::string(ratio);
  std::string integer = std::string(whole) + std::string(fraction.substr(0, 2));
  const std::size_t zeros = integer.find_first_not_of('0');
  integer = zeros == std::string::npos ? "0" : integer.substr(zeros);
  return display_number(integer + "." + std::string(fraction.substr(2))) + "%";
}

std::string figure_attributes(const nlohmann::json& doc,
                              const nlohmann::json::json_pointer& at) {
  return "data-json=\"" + escape(at.to_string()) + "\" data-value=\"" +
         escape(value_text(doc, at)) + "\"";
}

std::string figure_text(const nlohmann::json& doc, const nlohmann::json::json_pointer& at,
                        Shown how) {
  const std::string value = value_text(doc, at);
  switch (how) {
    case Shown::kRatio: return escape(ratio_percent(value));
    case Shown::kText: return escape(value);
    case Shown::kAmount:
    case Shown::kCount: break;
  }
  return escape(display_number(value));
}

std::string figure(const nlohmann::json& doc, const nlohmann::json::json_pointer& at,
                   Shown how) {
  return "<span class=\"fig\" " + figure_attributes(doc, at) + ">" + figure_text(doc, at, how) +
         "</span>";
}

std::vector<std::string> figures(const nlohmann::json& doc,
                                 const nlohmann::json::json_pointer& at,
                                 const std::vector<std::pair<const char*, Shown>>& members) {
  std::vector<std::string> out;
  for (const auto& [member, how] : members) out.push_back(figure(doc, at / member, how));
  return out;
}

std::string svg_figure(const nlohmann::json& doc, const nlohmann::json::json_pointer& at,
                       Shown how) {
  return "<tspan class=\"fig\" " + figure_attributes(doc, at) + ">" +
         figure_text(doc, at, how) + "</tspan>";
}

}  // namespace semilla::html
