// SPDX-License-Identifier: Apache-2.0
#include "cli/html/svg_chart.h"

#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>
#include <optional>
#include <stdexcept>

#include "cli/html/html_text.h"

namespace semilla::html {
namespace {

using Units = boost::multiprecision::cpp_int;

constexpr int kFontPx = 12;
constexpr int kLegendPx = 22;     // the legend's row
constexpr int kColumnLabelPx = 72;  // above the columns for their labels, read upwards
constexpr int kBarPx = 16;        // one horizontal bar
constexpr int kGroupGapPx = 10;   // between categories of a bar chart
constexpr int kValueLabelPx = 170;  // room right of the bars for their labels
constexpr std::size_t kNameCharsMax = 26;  // a longer category name is cut in the chart

// Digits after the point of a decimal text ("12.50" has 2), or -1 when it is not one.
int decimals(const std::string& text) {
  const std::size_t start = text.starts_with('-') ? 1 : 0;
  const std::size_t point = text.find('.');
  const std::size_t end = point == std::string::npos ? text.size() : point;
  if (end == start) return -1;
  for (std::size_t i = start; i < text.size(); ++i) {
    if (i != point && (text[i] < '0' || text[i] > '9')) return -1;
  }
  if (point == text.size() - 1) return -1;
  return point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1);
}

// `text` as a count of units of 10^-scale, scale >= its decimals.
Units units(const std::string& text, int scale) {
  const int d = decimals(text);
  std::string digits;
  for (char c : text) {
    if (c != '-' && c != '.') digits += c;
  }
  const std::size_t first = digits.find_first_not_of('0');  // a leading 0 would mean octal
  Units v(first == std::string::npos ? std::string("0") : digits.substr(first));
  for (int i = d; i < scale; ++i) v *= 10;
  return text.starts_with('-') ? Units(-v) : v;
}

// Every value of the chart in units of its largest scale, [series][category]. A value that is
// not a decimal is a bug of the page's writer.
std::vector<std::vector<Units>> chart_units(const Chart& chart) {
  int scale = 0;
  for (const auto& s : chart.series) {
    for (const auto& v : s.values) {
      const int d = decimals(v.decimal);
      if (d < 0) throw std::logic_error("chart " + chart.id + ": not a decimal: " + v.decimal);
      scale = std::max(scale, d);
    }
  }
  std::vector<std::vector<Units>> out;
  for (const auto& s : chart.series) {
    if (s.values.size() != chart.categories.size()) {
      throw std::logic_error("chart " + chart.id + ": a series without a value per category");
    }
    out.emplace_back();
    for (const auto& v : s.values) out.back().push_back(units(v.decimal, scale));
  }
  return out;
}

// Pixels along an axis of `axis_px`: where 0 is, and a value's bar as (start, length).
class Axis {
 public:
  Axis(const std::vector<std::vector<Units>>& values, int axis_px) : axis_px_(axis_px) {
    for (const auto& s : values) {
      for (const auto& v : s) {
        lo_ = std::min(lo_, v);
        hi_ = std::max(hi_, v);
      }
    }
  }
  // Distance from the low end of the axis, rounded down; 0 when every value is 0.
  [[nodiscard]] int at(const Units& v) const {
    if (hi_ == lo_) return 0;
    return static_cast<int>(Units((v - lo_) * axis_px_ / (hi_ - lo_)));
  }
  [[nodiscard]] int zero() const { return at(0); }
  // The bar of `v` from the zero line: its low end and length, at least 1 when v != 0.
  [[nodiscard]] std::pair<int, int> bar(const Units& v) const {
    int a = zero(), b = at(v);
    if (v > 0 && b == a) b = a + 1;
    if (v < 0 && b == a) a = b + 1;
    return {std::min(a, b), std::max(a, b) - std::min(a, b)};
  }

 private:
  int axis_px_;
  Units lo_ = 0, hi_ = 0;
};

// At most `max` characters (UTF-8 code points) of `text`, an ellipsis marking a cut.
std::string cut(const std::string& text, std::size_t max) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars++ == max) return text.substr(0, i) + "\xE2\x80\xA6";
  }
  return text;
}

std::string open_svg(const Chart& chart, int width_px, int height_px) {
  const std::string w = std::to_string(width_px), h = std::to_string(height_px);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"" + escape(chart.id) +
         "\" width=\"" + w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
         "\" role=\"img\" aria-labelledby=\"" + escape(chart.id) + "-title\"><title id=\"" +
         escape(chart.id) + "-title\">" + escape(chart.title) + "</title>";
}

// A bar, or with `css_class` "swatch" a legend's sample of a colour.
std::string rect(int x, int y, int w, int h, const std::string& colour,
                 const std::string& css_class = "bar") {
  return "<rect class=\"" + css_class + "\" x=\"" + std::to_string(x) + "\" y=\"" +
         std::to_string(y) + "\" width=\"" + std::to_string(w) + "\" height=\"" +
         std::to_string(h) + "\" fill=\"" + escape(colour) + "\"/>";
}

std::string text(int x, int y, const std::string& anchor, const std::string& content,
                 const std::string& css_class = "") {
  return "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) +
         "\" text-anchor=\"" + anchor + "\"" +
         (css_class.empty() ? "" : " class=\"" + css_class + "\"") + ">" + content + "</text>";
}

// The series' swatches and names in a row with its top at `y`; none for a single series.
std::string legend(const Chart& chart, int y) {
  if (chart.series.size() < 2) return "";
  std::string out;
  int x = 0;
  for (const auto& s : chart.series) {
    out += rect(x, y + 4, 12, 12, s.colour, "swatch");
    out += text(x + 16, y + 15, "start", escape(s.name), "legend");
    x += 28 + static_cast<int>(s.name.size()) * 7;
  }
  return out;
}

// True when a value of the chart has a label.
bool has_labels(const Chart& chart) {
  for (const auto& s : chart.series) {
    for (const auto& v : s.values) {
      if (!v.label.empty()) return true;
    }
  }
  return false;
}

// A value's label above its column (below 0: above the zero line), turned to read upwards so
// that neighbouring labels do not overlap.
std::string column_label(int centre_x, int top_y, const std::string& label) {
  const std::string x = std::to_string(centre_x + kFontPx / 2 - 2), y = std::to_string(top_y);
  return "<text class=\"value\" x=\"" + x + "\" y=\"" + y + "\" transform=\"rotate(-90 " + x +
         " " + y + ")\">" + label + "</text>";
}

}  // namespace

ChartValue chart_value(const nlohmann::json& doc, const nlohmann::json::json_pointer& at,
                       Shown how) {
  const std::string v = doc.at(at).get<std::string>();
  const bool zero = v.find_first_not_of("-0.") == std::string::npos;
  return {v, zero ? "" : svg_figure(doc, at, how)};
}

std::string column_chart(const Chart& chart, int width_px, int height_px) {
  const auto values = chart_units(chart);
  const int n = std::max<int>(1, static_cast<int>(chart.categories.size()));
  const int group_w = width_px / n;
  const int ns = std::max<int>(1, static_cast<int>(chart.series.size()));
  const int bar_w = std::max(1, group_w * 3 / 4 / ns);
  const bool labels = has_labels(chart) && bar_w >= kFontPx + 2;  // else the table has them
  const int legend_px = chart.series.size() > 1 ? kLegendPx : 0;
  const int top = labels ? kColumnLabelPx : 6;
  const int plot_h = height_px - top - kFontPx - 10 - legend_px;
  const Axis axis(values, plot_h);
  const int baseline = top + plot_h - axis.zero();
  const int every = std::max(1, (n * 64 + width_px - 1) / width_px);  // labels 64 px apart
  std::string out = open_svg(chart, width_px, height_px);
  for (int c = 0; c < static_cast<int>(chart.categories.size()); ++c) {
    const int x0 = c * group_w + (group_w - bar_w * ns) / 2;
    for (int s = 0; s < static_cast<int>(chart.series.size()); ++s) {
      const auto& v = values[static_cast<std::size_t>(s)][static_cast<std::size_t>(c)];
      const auto& series = chart.series[static_cast<std::size_t>(s)];
      if (v == 0) continue;
      const auto [low, len] = axis.bar(v);
      out += rect(x0 + s * bar_w, top + plot_h - low - len, bar_w, len, series.colour);
      const auto& label = series.values[static_cast<std::size_t>(c)].label;
      if (labels && !label.empty()) {
        const int end = top + plot_h - std::max(low + len, axis.zero());
        out += column_label(x0 + s * bar_w + bar_w / 2, end - 4, label);
      }
    }
    if (c % every == 0) {
      out += text(c * group_w + group_w / 2, top + plot_h + kFontPx + 4, "middle",
                  escape(chart.categories[static_cast<std::size_t>(c)]), "category");
    }
  }
  out += "<line class=\"axis\" x1=\"0\" x2=\"" + std::to_string(width_px) + "\" y1=\"" +
         std::to_string(baseline) + "\" y2=\"" + std::to_string(baseline) + "\"/>";
  out += legend(chart, height_px - legend_px);
  return out + "</svg>";
}

std::string bar_chart(const Chart& chart, int width_px) {
  const auto values = chart_units(chart);
  const int ns = static_cast<int>(chart.series.size());
  const int nc = static_cast<int>(chart.categories.size());
  const int group_h = ns * kBarPx + kGroupGapPx;
  const int legend_px = ns > 1 ? kLegendPx : 0;
  const int height_px = std::max(1, nc * group_h) + legend_px;
  const int label_w = width_px * 26 / 100;  // kNameCharsMax characters of 12 px type
  const int plot_w = width_px - label_w - kValueLabelPx;
  const Axis axis(values, plot_w);
  std::string out = open_svg(chart, width_px, height_px);
  for (int c = 0; c < nc; ++c) {
    const int y0 = c * group_h;
    const auto& name = chart.categories[static_cast<std::size_t>(c)];
    out += "<text x=\"0\" y=\"" + std::to_string(y0 + (ns * kBarPx) / 2 + kFontPx / 2 - 1) +
           "\" class=\"category\"><title>" + escape(name) + "</title>" +
           escape(cut(name, kNameCharsMax)) + "</text>";
    for (int s = 0; s < ns; ++s) {
      const auto& series = chart.series[static_cast<std::size_t>(s)];
      const auto& v = values[static_cast<std::size_t>(s)][static_cast<std::size_t>(c)];
      const int y = y0 + s * kBarPx;
      const auto [low, len] = axis.bar(v);
      if (v != 0) out += rect(label_w + low, y + 1, len, kBarPx - 3, series.colour);
      const auto& label = series.values[static_cast<std::size_t>(c)].label;
      const int end = label_w + std::max(low + len, axis.zero());
      if (!label.empty()) out += text(end + 4, y + kBarPx - 4, "start", label, "value");
    }
  }
  const std::string zx = std::to_string(label_w + axis.zero());
  out += "<line class=\"axis\" x1=\"" + zx + "\" x2=\"" + zx + "\" y1=\"0\" y2=\"" +
         std::to_string(nc * group_h - kGroupGapPx) + "\"/>";
  out += legend(chart, height_px - legend_px);
  return out + "</svg>";
}

}  // namespace semilla::html
