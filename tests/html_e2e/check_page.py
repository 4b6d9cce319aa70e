#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks an HTML page of Semilla (--html) against the JSON report it was written from.

    check_page.py PAGE.html REPORT.json SHOT.png [--cover POINTER]... [--chart ID]...

1. The page is self-contained: no script, nothing fetched (no src, no http(s) link, no
   url(), no @import).
2. Every figure (an element with data-json and data-value) says what the JSON says: the
   member at the JSON pointer data-json is data-value (a string as is, an integer in decimal),
   and the element's text is that value as the page shows it (digits grouped with commas, a
   ratio as a percentage, text as is). Every number under each --cover pointer (an integer or
   a decimal string) is on the page.
3. The charts are drawn: Chromium (headless) lays the page out, a copy of the page with a
   probe script gives each <svg>'s box, and a screenshot of the whole page must show, inside
   each chart's box, the colour of each of its bars (at least half of the bar's area, up to
   a floor, in pixels within a small tolerance). Every --chart id must be on the page.

Exit 0 when all holds, 1 with the problems listed, 77 when Chromium or Pillow is missing.
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

WIDTH_PX = 1000
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                  "--force-device-scale-factor=1", "--disable-extensions"]
PROBE = """<script>
window.addEventListener('load', () => {
  const boxes = [...document.querySelectorAll('svg')].map(s => {
    const r = s.getBoundingClientRect();
    return {id: s.id, x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height};
  });
  document.title = 'BOXES' + JSON.stringify({height: document.documentElement.scrollHeight,
                                             boxes: boxes});
});
</script>"""


class Page(html.parser.HTMLParser):
    """The page's figures, its charts and their bars, and what would make it not standalone."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.figures = []   # [pointer, value, text]
        self.open = []      # figures being read: their text so far
        self.charts = {}    # svg id -> [(fill, width, height)]
        self.svg = None
        self.problems = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.problems.append("the page has a <script>")
        if "src" in a or re.match(r"(?i)https?:", a.get("href", "")):
            self.problems.append(f"<{tag}> fetches something: {a}")
        if tag == "svg":
            self.svg = a.get("id", "")
            self.charts[self.svg] = []
        if tag == "rect" and self.svg is not None and a.get("class") == "bar":
            self.charts[self.svg].append((a["fill"], int(a["width"]), int(a["height"])))
        if "data-json" in a:
            self.figures.append([a["data-json"], a.get("data-value"), ""])
            self.open.append(len(self.figures) - 1)
        elif self.open:
            self.open.append(None)

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg = None
        if self.open:
            self.open.pop()

    def handle_data(self, data):
        for i in self.open:
            if i is not None:
                self.figures[i][2] += data


def resolve(doc, pointer):
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]
    return doc


def numbers(doc, pointer):
    """The pointers of the numbers under `doc`: integers and decimal strings."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from numbers(v, pointer + "/" + k.replace("~", "~0").replace("/", "~1"))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from numbers(v, f"{pointer}/{i}")
    elif isinstance(doc, str) and re.fullmatch(r"-?\d+(\.\d+)?", doc):
        yield pointer
    elif isinstance(doc, int) and not isinstance(doc, bool):
        yield pointer


def grouped(value):
    m = re.fullmatch(r"(-?)(\d+)(\.\d+)?", value)
    if not m:
        return value
    whole = m.group(2)
    parts = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    return m.group(1) + ",".join([whole] + parts) + (m.group(3) or "")


def percent(value):
    m = re.fullmatch(r"(\d+)\.(\d{2})(\d{2})", value)
    return f"{int(m.group(1) + m.group(2))}.{m.group(3)}%" if m else value


def check_figures(page, report, covers):
    problems = []
    shown = set()
    for pointer, value, text in page.figures:
        try:
            want = resolve(report, pointer)
        except (KeyError, IndexError, ValueError, TypeError):
            problems.append(f"{pointer}: not in the JSON")
            continue
        want = want if isinstance(want, str) else json.dumps(want)
        if value != want:
            problems.append(f"{pointer}: page says {value!r}, JSON says {want!r}")
        if text not in (want, grouped(want), percent(want)):
            problems.append(f"{pointer}: shown as {text!r} for {want!r}")
        shown.add(pointer)
    for cover in covers:
        for leaf in numbers(resolve(report, cover), cover):
            if leaf not in shown:
                problems.append(f"{leaf}: in the JSON, not on the page")
    return problems, len(page.figures)


def chromium(args, work):
    exe = os.environ.get("SEMILLA_CHROMIUM") or shutil.which("chromium")
    if not exe:
        print("chromium is not installed (Debian's chromium package)", file=sys.stderr)
        sys.exit(77)
    profile = tempfile.mkdtemp(dir=work)
    return subprocess.run([exe] + CHROMIUM_FLAGS + [f"--user-data-dir={profile}"] + args,
                          capture_output=True, text=True, timeout=120)


def chart_boxes(page_path, work):
    with open(page_path, encoding="utf-8") as f:
        text = f.read()
    probe = os.path.join(work, "probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        f.write(text.replace("</body>", PROBE + "</body>"))
    run = chromium([f"--window-size={WIDTH_PX},1000", "--dump-dom", "file://" + probe], work)
    m = re.search(r"<title>BOXES(.*?)</title>", run.stdout, re.S)
    if not m:
        raise SystemExit(f"chromium gave no layout: {run.stderr[-2000:]}")
    return json.loads(html.unescape(m.group(1)))


def near(a, b, tolerance=10):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def check_pixels(page, page_path, shot_path, charts, work):
    try:
        from PIL import Image
    except ImportError:
        print("python3-pil is not installed", file=sys.stderr)
        sys.exit(77)
    layout = chart_boxes(page_path, work)
    run = chromium([f"--window-size={WIDTH_PX},{layout['height']}",
                    f"--screenshot={shot_path}", "file://" + os.path.abspath(page_path)], work)
    if not os.path.exists(shot_path):
        raise SystemExit(f"chromium wrote no screenshot: {run.stderr[-2000:]}")
    image = Image.open(shot_path).convert("RGB")
    problems = []
    boxes = {b["id"]: b for b in layout["boxes"]}
    for chart in charts:
        if chart not in boxes:
            problems.append(f"chart {chart}: not on the page")
    for chart_id, bars in page.charts.items():
        box = boxes.get(chart_id)
        if box is None or box["w"] < 1 or box["h"] < 1:
            problems.append(f"chart {chart_id}: not laid out")
            continue
        crop = image.crop((int(box["x"]), int(box["y"]), int(box["x"] + box["w"]),
                           int(box["y"] + box["h"])))
        pixels = list(crop.getdata())
        if all(p == (255, 255, 255) for p in pixels):
            problems.append(f"chart {chart_id}: blank")
        area = {}
        for fill, w, h in bars:
            area[fill] = area.get(fill, 0) + w * h
        for fill, a in area.items():
            rgb = tuple(int(fill[i:i + 2], 16) for i in (1, 3, 5))
            seen = sum(1 for p in pixels if near(p, rgb))
            if seen < min(a // 2, 50):
                problems.append(f"chart {chart_id}: {seen} pixels of {fill}, bars of {a}")
    return problems, len(page.charts)


def main():
    args = sys.argv[1:]
    page_path, report_path, shot_path = args[:3]
    covers = [args[i + 1] for i, a in enumerate(args) if a == "--cover"]
    charts = [args[i + 1] for i, a in enumerate(args) if a == "--chart"]
    with open(page_path, encoding="utf-8") as f:
        text = f.read()
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    page = Page()
    page.feed(text)
    problems = list(page.problems)
    style = "".join(re.findall(r"(?is)<style>(.*?)</style>", text))
    if re.search(r"(?i)url\(|@import", style):
        problems.append("the page's style fetches something")
    found, figures = check_figures(page, report, covers)
    problems += found
    with tempfile.TemporaryDirectory() as work:
        found, drawn = check_pixels(page, page_path, shot_path, charts, work)
    problems += found
    for p in problems:
        print(p)
    print(f"{page_path}: {figures} figures, {drawn} charts, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
