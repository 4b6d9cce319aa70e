// SPDX-License-Identifier: Apache-2.0
#include "cli/html/html_page.h"

#include "cli/html/html_strings.h"
#include "cli/html/html_text.h"

namespace semilla::html {
namespace {

// The page's whole style. Fonts are the reader's own (sans-serif); colours are kept when
// printing (print-color-adjust) so the charts print as they show, and a chart (720 px wide on
// screen) shrinks with its viewBox to A4's narrower text width.
constexpr std::string_view kStyle = R"(
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#fff;color:#1d2b36;
 font:14px/1.45 "DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif}
main{width:760px;margin:0 auto;padding:24px 20px 32px}
header.top{border-bottom:3px solid #2f6f9f;padding-bottom:10px;margin-bottom:18px}
h1{font-size:26px;margin:0 0 4px;color:#17415f}
h2{font-size:19px;margin:26px 0 6px;color:#17415f;border-bottom:1px solid #c9d6e0;
 padding-bottom:3px;break-after:avoid}
h3{font-size:15px;margin:16px 0 6px;color:#2f4f66;break-after:avoid}
p.facts{margin:0;color:#4a5c6a}
p.note{margin:0 0 8px;color:#5b6b77;font-size:12.5px}
p.warning{background:#fff3e0;border-left:4px solid #d9822b;padding:8px 10px}
p.ok{color:#2e6b3a}
.tiles{display:grid;gap:10px;margin:10px 0 4px}
.tile{border:1px solid #c9d6e0;border-radius:6px;padding:8px 10px;
 background:#f5f8fb;break-inside:avoid}
.tile .label{font-size:12px;color:#5b6b77}
.tile .value{font-size:18px;font-weight:bold;color:#17415f}
table{border-collapse:collapse;width:100%;margin:6px 0 10px;font-size:12.5px}
thead{display:table-header-group}
tr{break-inside:avoid}
th{text-align:left;background:#e8eff5;color:#17415f;font-weight:bold}
th,td{padding:4px 6px;border-bottom:1px solid #dbe3ea;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure.chart{margin:8px 0 12px;break-inside:avoid}
svg.chart{display:block;overflow:visible}
svg.chart text{font-size:12px;fill:#1d2b36}
svg.chart text.category{fill:#2f4f66}
svg.chart text.value{font-variant-numeric:tabular-nums}
svg.chart line.axis{stroke:#6b7c88;stroke-width:1}
section{break-inside:auto}
footer{margin-top:28px;border-top:1px solid #c9d6e0;padding-top:6px;font-size:11.5px;
 color:#6b7c88}
@page{size:A4;margin:14mm 12mm}
@media print{main{width:auto;padding:0}section.part{break-before:auto}
 svg.chart{max-width:100%;height:auto}
 h2{break-after:avoid}figure.chart,.tiles,table{break-inside:avoid-page}}
)";

}  // namespace

void open_page(std::ostream& out, std::string_view title, const std::string& facts_html) {
  out << "<!DOCTYPE html>\n<html lang=\"" << language_code(current_language())
      << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << escape(title) << "</title>\n<style>" << kStyle << "</style>\n"
      << "</head>\n<body>\n<main>\n<header class=\"top\"><h1>" << escape(title) << "</h1>"
      << "<p class=\"facts\">" << facts_html << "</p></header>\n";
}

void close_page(std::ostream& out) {
  out << "<footer>" << escape(tr(words::kFooter)) << "</footer>\n</main>\n</body>\n</html>\n";
}

void open_section(std::ostream& out, std::string_view id, std::string_view title,
                  std::string_view note) {
  out << "<section class=\"part\" id=\"" << escape(id) << "\">\n<h2>" << escape(title)
      << "</h2>\n";
  if (!note.empty()) out << "<p class=\"note\">" << escape(note) << "</p>\n";
}

void close_section(std::ostream& out) { out << "</section>\n"; }

void subheading(std::ostream& out, std::string_view title) {
  out << "<h3>" << escape(title) << "</h3>\n";
}

void paragraph(std::ostream& out, const std::string& html, std::string_view css_class) {
  out << "<p" << (css_class.empty() ? "" : " class=\"" + escape(css_class) + "\"") << ">"
      << html << "</p>\n";
}

void tiles(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& items) {
  // Up to four in a row; more in two rows.
  const std::size_t per_row = items.size() <= 4 ? items.size() : (items.size() + 1) / 2;
  out << "<div class=\"tiles\" style=\"grid-template-columns:repeat(" << per_row << ",1fr)\">";
  for (const auto& [label, value] : items) {
    out << "<div class=\"tile\"><div class=\"label\">" << escape(label)
        << "</div><div class=\"value\">" << value << "</div></div>";
  }
  out << "</div>\n";
}

void table(std::ostream& out, const std::vector<Column>& columns,
           const std::vector<std::vector<std::string>>& rows) {
  out << "<table>\n<thead><tr>";
  for (const auto& c : columns) {
    out << "<th" << (c.number ? " class=\"n\"" : "") << ">" << escape(c.header) << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out << "<tr>";
    for (std::size_t i = 0; i < row.size() && i < columns.size(); ++i) {
      out << "<td" << (columns[i].number ? " class=\"n\"" : "") << ">" << row[i] << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

void chart(std::ostream& out, const std::string& svg) {
  out << "<figure class=\"chart\">" << svg << "</figure>\n";
}

}  // namespace semilla::html
