# SPDX-License-Identifier: Apache-2.0
# Part: Pages for the donor and the board: the donor report and the portfolio as HTML with charts
# Sourced by examples/semillas.sh with $SEMILLA, SEMILLA_DB and $out set, after the grants
# and loans parts. Each page is one file that opens offline and prints to PDF; every figure on
# it is the --json report's (docs/cli.md, "HTML pages").
"$SEMILLA" report donor BID-2026 --from 2026-01-01 --to 2026-06-30 \
  --html "$out/donor-report.html"
"$SEMILLA" portfolio --as-of 2026-06-30 --html "$out/portfolio.html"
