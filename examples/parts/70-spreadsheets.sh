# SPDX-License-Identifier: Apache-2.0
# Part: Spreadsheets in and out: the field team's participant list and MFI-A's repayment sheet imported from CSV (then again, with no effect), and lists written as CSV
# Sourced by examples/semillas.sh with $SEMILLA, SEMILLA_DB, $here and $out set, after the
# exchange part (its batch added EC-013 and the account MFI-A's collections go to).
# docs/csv-import.md explains the rules files.
sheets="$here/spreadsheets"
# Cohort 2026-B as the field team keeps it in Excel (Spanish headers, semicolons, a byte order
# mark): EC-013 came in the partner's batch already and is left unchanged.
"$SEMILLA" import csv "$sheets/participantes-2026-B.csv" --rules "$sheets/participantes.rules" \
  --dry-run
"$SEMILLA" import csv "$sheets/participantes-2026-B.csv" --rules "$sheets/participantes.rules"
# MFI-A's June sheet: receipt 003-06-22 was in its JSON batch too, so only two are new.
"$SEMILLA" import csv "$sheets/cobros-mfi-a-2026-06.csv" --rules "$sheets/cobros-mfi-a.rules"
# The same sheet sent again changes nothing, and says so.
"$SEMILLA" import csv "$sheets/cobros-mfi-a-2026-06.csv" --rules "$sheets/cobros-mfi-a.rules"

# Reports and lists for a spreadsheet: RFC 4180 CSV, amounts as 1234.56.
"$SEMILLA" loan list --csv >"$out/loans.csv"
"$SEMILLA" enterprise list --csv >"$out/enterprises.csv"
echo "Wrote $out/loans.csv ($(($(wc -l <"$out/loans.csv") - 1)) loans) and $out/enterprises.csv"
"$SEMILLA" transactions --account Assets:DueFrom:MFI-A --csv
