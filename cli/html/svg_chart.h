// SPDX-License-Identifier: Apache-2.0
// Bar charts as inline SVG for the HTML pages: no script, no fonts but the page's, drawn the
// same on screen and on paper.
//
// Values are the report's exact decimal strings ("1234.56", "0.1250", "12"). The geometry is
// computed from them in integers: every value is brought to the largest number of decimals of
// the chart, and a bar's length in pixels is floor(|value| * axis_px / (hi - lo)), hi and lo
// being the largest and smallest of the values and 0. A value that is not zero gets at least
// one pixel, so that it shows. Pixel coordinates are not money: they are rounded down, the
// figures printed beside the bars are the report's own.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/html/html_text.h"

namespace semilla::html {

// Both pages' charts: the width of the A4 text column, and the colour of a single series.
inline constexpr int kChartWidthPx = 720;
inline constexpr const char* kBlue = "#2f6f9f";

// One value of a series: its decimal text, and the label printed at the bar's end, already
// HTML (a <tspan> with the figure's attributes, html_text.h), or "" for none.
struct ChartValue {
  std::string decimal;
  std::string label;
};

// The value of the member at `at` of the report (a decimal string), labelled with its figure
// (svg_figure, shown `how`) unless it is zero.
[[nodiscard]] ChartValue chart_value(const nlohmann::json& doc,
                                     const nlohmann::json::json_pointer& at, Shown how);

struct ChartSeries {
  std::string name;                // in the legend
  std::string colour;              // a CSS colour, "#2f6f9f"
  std::vector<ChartValue> values;  // one per category
};

struct Chart {
  std::string id;                       // the <svg>'s id, unique in the page
  std::string title;                    // what the chart shows (its <title>, for readers)
  std::vector<std::string> categories;  // one group of bars each, in order
  std::vector<ChartSeries> series;      // side by side within a group
};

// Categories along the bottom and bars upwards (downwards below 0); `width_px` by
// `height_px`, the legend included. Category labels are thinned to fit; values' labels are
// written upwards above their columns when the columns are wide enough for a line of text
// (when not, the page's table beside the chart has the figures).
[[nodiscard]] std::string column_chart(const Chart& chart, int width_px, int height_px);

// Categories down the left and bars to the right (to the left below 0), each value's label at
// its bar's end; `width_px` wide and as high as the bars need.
[[nodiscard]] std::string bar_chart(const Chart& chart, int width_px);

}  // namespace semilla::html
