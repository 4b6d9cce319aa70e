#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Quick start's example: a small seed-capital and microcredit programme in Ecuador,
# built through the `semilla` command line, ending with the trial balance and the audit
# verification. Every part in examples/parts/ runs in order against the same book.
#
#   SEMILLA=build/cli/semilla examples/semillas.sh OUT-DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-build/example}
: "${SEMILLA:=semilla}"
SEMILLA=$(command -v "$SEMILLA" || echo "$SEMILLA")
export SEMILLA
mkdir -p "$out"
export SEMILLA_DB="$out/semillas.db"
# A fixed clock makes the example reproducible: every run prints the same books.
export SEMILLA_NOW=2026-06-30T15:00:00Z
rm -f "$SEMILLA_DB" "$SEMILLA_DB-wal" "$SEMILLA_DB-shm"

section() { printf '\n== %s\n' "$*"; }

for part in "$here"/parts/*.sh; do
  section "$(sed -n 's/^# Part: //p' "$part")"
  # shellcheck source=/dev/null
  source "$part"
done

section "Trial balance"
"$SEMILLA" trial-balance
section "Audit verification"
"$SEMILLA" audit verify
