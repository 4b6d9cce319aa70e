#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Semilla beside ledger-cli on the book of a national programme (issue 14), in one run:
#   bench/compare.sh N [BUILD-DIR]      (./dev.sh bench compare N builds and runs it)
# Generates the book (bench/programme_gen.cpp), imports it with `semilla batch import`, runs
# `audit verify` and three queries, then ledger-cli's `balance` and `register` on the same
# transactions. Every figure is one whole process: wall seconds and peak memory (maximum
# resident set, from /usr/bin/time), and CPU seconds (user + system: on a busy machine the
# wall clock also counts other processes). Prints a Markdown table. Environment:
#   SEMILLA_BENCH_DIR   where to write (default build-release/compare-N; kept afterwards)
#   SEMILLA_BENCH_JSONL 1: import the JSON Lines file instead of the batch-NN.json files
#   SEMILLA_BENCH_NO_LEDGER 1: skip ledger-cli
set -euo pipefail
n=${1:?usage: bench/compare.sh N [BUILD-DIR]}
build=$(realpath "${2:-build-release}")
dir=${SEMILLA_BENCH_DIR:-$build/compare-$n}
rm -rf "$dir"
mkdir -p "$dir"
export SEMILLA_NOW=2026-06-30T15:00:00Z SEMILLA_DB="$dir/book.db"
semilla_bin="$build/cli/semilla"
SEMILLA="$semilla_bin"
results="$dir/results.txt"
: >"$results"

# timed NAME COMMAND...: runs it, records "NAME wall_s maxrss_kB", stops on failure.
timed() {
  local name=$1
  shift
  /usr/bin/time -f "$name %e %M %U %S" -o "$dir/time.tmp" "$@" >"$dir/$name.out" 2>"$dir/$name.err" ||
    { echo "$name failed:" >&2; tail -5 "$dir/$name.err" >&2; exit 1; }
  cat "$dir/time.tmp" >>"$results"
}
wall() { awk -v k="$1" '$1 == k { print $2 }' "$results"; }
rss_mb() { awk -v k="$1" '$1 == k { printf "%d", $3 / 1024 }' "$results"; }
cpu() { awk -v k="$1" '$1 == k { printf "%.2f", $4 + $5 }' "$results"; }

per_file=${SEMILLA_BENCH_OPS_PER_FILE:-400000}
jsonl=()
[ "${SEMILLA_BENCH_JSONL:-0}" = 1 ] && jsonl=(--jsonl)
"$build/bench/programme_gen" "$n" "$dir" --ops-per-file "$per_file" "${jsonl[@]}"
echo "generated: $(tr '\n' ' ' <"$dir/counts.txt")" >&2
# shellcheck disable=SC1091
(. "$dir/setup.sh") >/dev/null

# Ingest: every batch file in order (each one database transaction).
ingest_s=0 ingest_cpu=0 ingest_rss=0 files=0
if [ ${#jsonl[@]} -gt 0 ]; then
  inputs=("$dir/batch.jsonl")
else
  inputs=("$dir"/batch-*.json)
fi
for f in "${inputs[@]}"; do
  timed "import$files" "$semilla_bin" --json batch import "$f"
  ingest_s=$(awk -v a="$ingest_s" -v b="$(wall "import$files")" 'BEGIN { print a + b }')
  ingest_cpu=$(awk -v a="$ingest_cpu" -v b="$(cpu "import$files")" 'BEGIN { print a + b }')
  r=$(rss_mb "import$files")
  [ "$r" -gt "$ingest_rss" ] && ingest_rss=$r
  files=$((files + 1))
done
timed verify "$semilla_bin" audit verify ${SEMILLA_BENCH_VERIFY_ARGS:-}
timed trial "$semilla_bin" trial-balance
timed balance "$semilla_bin" balance Assets:Bank --as-of 2021-12-31
timed statement "$semilla_bin" statement show EC-000001
bytes=$(stat -c %s "$dir/book.db")
for extra in "$dir/book.db-wal"; do
  [ -f "$extra" ] && bytes=$((bytes + $(stat -c %s "$extra")))
done

ledger_balance="-" ledger_register="-"
if [ "${SEMILLA_BENCH_NO_LEDGER:-0}" != 1 ] && command -v ledger >/dev/null; then
  timed ledger_balance ledger -f "$dir/book.ledger" balance
  timed ledger_register ledger -f "$dir/book.ledger" register
  ledger_balance="$(wall ledger_balance) s wall, $(cpu ledger_balance) s CPU, $(rss_mb ledger_balance) MB"
  ledger_register="$(wall ledger_register) s wall, $(cpu ledger_register) s CPU, $(rss_mb ledger_register) MB"
fi
rate=$(awk -v n="$n" -v s="$ingest_s" 'BEGIN { printf "%d", (s > 0) ? n / s : 0 }')
journal_mb=$(awk -v b="$(stat -c %s "$dir/book.ledger")" 'BEGIN { printf "%d", b / 1048576 }')
cat <<EOF

| work at $n transactions | Semilla | ledger-cli |
|---|---|---|
| ingest (batch import, $files file(s)) | $ingest_s s wall, $ingest_cpu s CPU ($rate tx/s), peak $ingest_rss MB | - |
| trial balance (whole process) | $(wall trial) s, $(rss_mb trial) MB | balance: $ledger_balance |
| balance as of a date | $(wall balance) s | |
| enterprise statement | $(wall statement) s | register: $ledger_register |
| audit verify | $(wall verify) s wall, $(cpu verify) s CPU, $(rss_mb verify) MB | - |
| size on disk | $((bytes / 1048576)) MB ($((bytes / n)) bytes per transaction) | $journal_mb MB journal |
EOF
