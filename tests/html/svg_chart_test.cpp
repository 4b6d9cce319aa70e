// SPDX-License-Identifier: Apache-2.0
// Bar charts in SVG: geometry from exact decimals in integers, zero and negative values, a
// single category, amounts at the limit of the ledger, names escaped and cut.
#include <gmock/gmock.h>

#include <regex>

#include "cli/html/svg_chart.h"

namespace semilla::html {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Bar {
  int x, y, width, height;
  std::string fill;
};

// The bars of a chart, in the order drawn.
std::vector<Bar> bars(const std::string& svg) {
  static const std::regex kBar(
      "<rect class=\"bar\" x=\"(-?\\d+)\" y=\"(-?\\d+)\" width=\"(\\d+)\" height=\"(\\d+)\" "
      "fill=\"([^\"]*)\"/>");
  std::vector<Bar> out;
  for (std::sregex_iterator it(svg.begin(), svg.end(), kBar), end; it != end; ++it) {
    out.push_back({std::stoi((*it)[1]), std::stoi((*it)[2]), std::stoi((*it)[3]),
                   std::stoi((*it)[4]), (*it)[5]});
  }
  return out;
}

Chart one_series(std::vector<std::string> categories, std::vector<std::string> values) {
  Chart c{"c", "A chart", std::move(categories), {{"Amount", "#2f6f9f", {}}}};
  for (auto& v : values) c.series[0].values.push_back({std::move(v), ""});
  return c;
}

TEST(SvgChart, AllZeroDrawsNoBarButTheAxis) {
  const Chart c = one_series({"2026-01", "2026-02", "2026-03"}, {"0.00", "0.00", "0.00"});
  const std::string col = column_chart(c, 600, 200);
  EXPECT_TRUE(bars(col).empty());
  EXPECT_THAT(col, HasSubstr("class=\"axis\""));
  EXPECT_THAT(col, HasSubstr(">2026-02</text>"));
  EXPECT_TRUE(bars(bar_chart(c, 600)).empty());
}

TEST(SvgChart, NoCategoryAtAll) {
  const Chart c = one_series({}, {});
  EXPECT_THAT(column_chart(c, 600, 200), HasSubstr("</svg>"));
  EXPECT_THAT(bar_chart(c, 600), HasSubstr("</svg>"));
}

TEST(SvgChart, ASingleMonthTakesTheWholeHeight) {
  const Chart c = one_series({"2026-06"}, {"1500.00"});
  const auto b = bars(column_chart(c, 600, 200));
  ASSERT_EQ(b.size(), 1U);
  // 200 px less 6 above, 22 for the labels below; no legend for one series.
  EXPECT_EQ(b[0].height, 172);
  EXPECT_EQ(b[0].y, 6);
  EXPECT_EQ(b[0].width, 450);  // three quarters of the only group
}

TEST(SvgChart, LengthsAreProportionalAndRoundedDown) {
  // Axis of 172 px: 1/3 of it is 57.33 px, drawn as 57.
  const auto b = bars(column_chart(one_series({"a", "b"}, {"300.00", "100.00"}), 600, 200));
  ASSERT_EQ(b.size(), 2U);
  EXPECT_EQ(b[0].height, 172);
  EXPECT_EQ(b[1].height, 57);
  EXPECT_EQ(b[1].y + b[1].height, b[0].y + b[0].height);  // on the same baseline
}

TEST(SvgChart, HugeAmountsAndATinyOneStillShow) {
  // The ledger's largest amount beside one cent: exact in integers, and the cent gets 1 px.
  const auto b = bars(bar_chart(
      one_series({"big", "tiny", "zero"}, {"9999999999999999.99", "0.01", "0.00"}), 1000));
  ASSERT_EQ(b.size(), 2U);
  EXPECT_EQ(b[0].width, 1000 - 260 - 170);
  EXPECT_EQ(b[1].width, 1);
}

TEST(SvgChart, ValuesOfDifferentScalesAreComparedExactly) {
  // "0.5" and "1" and "0.2500": brought to 4 decimals before comparing.
  const auto b = bars(bar_chart(one_series({"a", "b", "c"}, {"0.5", "1", "0.2500"}), 1000));
  ASSERT_EQ(b.size(), 3U);
  EXPECT_EQ(b[1].width, 570);
  EXPECT_EQ(b[0].width, 285);
  EXPECT_EQ(b[2].width, 142);  // 142.5 rounded down
}

TEST(SvgChart, NegativeValuesGoBelowTheBaseline) {
  // From -50 to 100 over 172 px: 0 sits at 57 px, 100 reaches 172, -50 reaches 0.
  const auto b = bars(column_chart(one_series({"in", "out"}, {"100.00", "-50.00"}), 600, 200));
  ASSERT_EQ(b.size(), 2U);
  EXPECT_EQ(b[0].height, 172 - 57);
  EXPECT_EQ(b[1].height, 57);
  EXPECT_EQ(b[1].y, b[0].y + b[0].height);  // the negative bar hangs from the baseline
  const auto h = bars(bar_chart(one_series({"in", "out"}, {"100.00", "-50.00"}), 1000));
  ASSERT_EQ(h.size(), 2U);
  EXPECT_EQ(h[1].x + h[1].width, h[0].x);  // left of the zero line, right against it
}

TEST(SvgChart, SeriesSideBySideWithALegend) {
  Chart c{"months", "By month", {"2026-01", "2026-02"},
          {{"Cash", "#111111", {{"10", ""}, {"20", ""}}},
           {"In kind", "#222222", {{"5", ""}, {"0", ""}}}}};
  const std::string svg = column_chart(c, 600, 240);
  const auto b = bars(svg);
  ASSERT_EQ(b.size(), 3U);  // a zero draws nothing
  EXPECT_THAT(svg, HasSubstr("<rect class=\"swatch\" x=\"0\" y=\"222\" width=\"12\" "
                             "height=\"12\" fill=\"#111111\"/>"));
  EXPECT_EQ(b[0].fill, "#111111");
  EXPECT_EQ(b[1].fill, "#222222");
  EXPECT_EQ(b[1].x, b[0].x + b[0].width);
  EXPECT_THAT(svg, HasSubstr(">In kind</text>"));
}

TEST(SvgChart, NamesAreEscapedAndLongOnesCut) {
  const std::string name = "<b>Cooperativa Agrícola de Mujeres Emprendedoras del Norte</b>";
  Chart c = one_series({name}, {"1"});
  c.id = "x\"y";
  c.title = "A & B";
  c.series[0].values[0].label = "<tspan class=\"fig\">1</tspan>";
  const std::string svg = bar_chart(c, 700);
  EXPECT_THAT(svg, Not(HasSubstr("<b>")));
  EXPECT_THAT(svg, HasSubstr("<title>&lt;b&gt;Cooperativa Agrícola de Mujeres Emprendedoras del "
                             "Norte&lt;/b&gt;</title>"));
  EXPECT_THAT(svg, HasSubstr("&lt;b&gt;Cooperativa Agrícola de\xE2\x80\xA6</text>"));
  EXPECT_THAT(svg, HasSubstr("id=\"x&quot;y\""));
  EXPECT_THAT(svg, HasSubstr(">A &amp; B</title>"));
  EXPECT_THAT(svg, HasSubstr("<tspan class=\"fig\">1</tspan>"));  // labels are the caller's HTML
}

TEST(SvgChart, AValueThatIsNotADecimalIsABugOfTheWriter) {
  EXPECT_THROW((void)bar_chart(one_series({"a"}, {"12,50"}), 600), std::logic_error);
  EXPECT_THROW((void)bar_chart(one_series({"a", "b"}, {"1"}), 600), std::logic_error);
}

}  // namespace
}  // namespace semilla::html
