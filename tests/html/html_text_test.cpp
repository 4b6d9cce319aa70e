// SPDX-License-Identifier: Apache-2.0
// The HTML pages' text: escaping, digits grouped, ratios as percentages, and figures tied to
// the JSON they come from.
#include <gmock/gmock.h>

#include "cli/html/html_text.h"

namespace semilla::html {
namespace {

using nlohmann::json;
using Ptr = json::json_pointer;

TEST(HtmlText, EscapesEverythingThatCouldOpenATagOrCloseAnAttribute) {
  EXPECT_EQ(escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(escape("Panadería Ñandú"), "Panadería Ñandú");  // UTF-8 kept
  EXPECT_EQ(escape(""), "");
  EXPECT_EQ(escape("&amp;"), "&amp;amp;");  // already escaped text is text
}

TEST(HtmlText, ARatioBecomesAPercentageWithoutRounding) {
  EXPECT_EQ(ratio_percent("0.1250"), "12.50%");
  EXPECT_EQ(ratio_percent("0.0000"), "0.00%");
  EXPECT_EQ(ratio_percent("0.0005"), "0.05%");
  EXPECT_EQ(ratio_percent("1.0000"), "100.00%");
  EXPECT_EQ(ratio_percent("0.9999"), "99.99%");
  for (const char* other : {"0.125", "12", "x.1250", "0.12a0", ""}) {
    EXPECT_EQ(ratio_percent(other), other) << other;
  }
}

TEST(HtmlText, AFigureCarriesItsPointerAndTheJsonValue) {
  const json doc = json::parse(R"({"money": {"received": "20000.00"}, "n": 1234,
                                   "rows": [{"a/b": "x\"<y"}], "par": "0.0750"})");
  EXPECT_EQ(figure(doc, Ptr("/money/received"), Shown::kAmount),
            "<span class=\"fig\" data-json=\"/money/received\" data-value=\"20000.00\">"
            "20,000.00</span>");
  EXPECT_EQ(figure(doc, Ptr("/n"), Shown::kCount),
            "<span class=\"fig\" data-json=\"/n\" data-value=\"1234\">1,234</span>");
  EXPECT_EQ(figure_text(doc, Ptr("/par"), Shown::kRatio), "7.50%");
  EXPECT_EQ(figure(doc, Ptr("/rows/0/a~1b"), Shown::kText),
            "<span class=\"fig\" data-json=\"/rows/0/a~1b\" data-value=\"x&quot;&lt;y\">"
            "x&quot;&lt;y</span>");
  EXPECT_EQ(svg_figure(doc, Ptr("/n"), Shown::kCount),
            "<tspan class=\"fig\" data-json=\"/n\" data-value=\"1234\">1,234</tspan>");
}

TEST(HtmlText, AFigureThatIsNotInTheJsonIsABugOfTheWriter) {
  const json doc = json::parse(R"({"a": 1.5, "b": null})");
  EXPECT_ANY_THROW((void)figure(doc, Ptr("/missing"), Shown::kAmount));
  EXPECT_THROW((void)figure(doc, Ptr("/a"), Shown::kAmount), std::logic_error);
  EXPECT_THROW((void)figure(doc, Ptr("/b"), Shown::kAmount), std::logic_error);
}

}  // namespace
}  // namespace semilla::html
