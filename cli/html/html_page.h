// SPDX-License-Identifier: Apache-2.0
// The frame of an HTML page (--html): one self-contained file, its style inline and no
// script, no font or image to fetch, laid out for a screen 760 px wide and for A4 paper
// (a browser's "Print to PDF"). Headings and cells are escaped here; cells arrive as HTML.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace semilla::html {

// <!DOCTYPE html> to the opening of <main>, with `title` as the page's title and first
// heading, and `facts_html` (already HTML) in a line below it.
void open_page(std::ostream& out, std::string_view title, const std::string& facts_html);
// The footer and the end of the document.
void close_page(std::ostream& out);

// <section id="ID"><h2>TITLE</h2> ... </section>; `note` (text), when given, below the title.
void open_section(std::ostream& out, std::string_view id, std::string_view title,
                  std::string_view note = {});
void close_section(std::ostream& out);
// An <h3> inside a section.
void subheading(std::ostream& out, std::string_view title);
// A paragraph of HTML (`css_class` "warning" for a warning box).
void paragraph(std::ostream& out, const std::string& html, std::string_view css_class = {});

// Key figures in a row of tiles: (label, HTML of the figure).
void tiles(std::ostream& out, const std::vector<std::pair<std::string, std::string>>& items);

struct Column {
  std::string_view header;
  bool number = false;  // right-aligned, tabular digits
};
// A table whose header repeats on every printed page; each row has a cell per column.
void table(std::ostream& out, const std::vector<Column>& columns,
           const std::vector<std::vector<std::string>>& rows);

// A chart (svg_chart.h) in its frame.
void chart(std::ostream& out, const std::string& svg);

}  // namespace semilla::html
