#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Validates the published schemas and examples with ajv, a validator independent of the one
# Semilla links (valijson): the schemas must be standard draft-07, not valijson's dialect.
# Usage: ajv-check.sh SOURCE_DIR BUILD_DIR. Exit 77 (skipped) when npm is not available.
set -euo pipefail
src=$1
build=$2
command -v npm >/dev/null 2>&1 || { echo "ajv-check: npm not installed: skipped"; exit 77; }
prefix=$build/npm
ajv=$prefix/node_modules/.bin/ajv
if [ ! -x "$ajv" ]; then
  # Test-only, inside the build tree: nothing is installed on the system or in the sources.
  npm install --silent --no-audit --no-fund --prefix "$prefix" ajv@8 ajv-cli@5 ajv-formats@2 \
    >/dev/null 2>&1 || { echo "ajv-check: npm install failed (offline?): skipped"; exit 77; }
fi
check() {  # check SCHEMA DATA EXPECTED(valid|invalid)
  if "$ajv" validate --spec=draft7 --strict=true -c ajv-formats -s "$1" -d "$2" >/dev/null 2>&1
  then got=valid; else got=invalid; fi
  if [ "$got" != "$3" ]; then
    echo "ajv-check: $2 is $got against $1, expected $3"
    "$ajv" validate --spec=draft7 --strict=true -c ajv-formats -s "$1" -d "$2" || true
    exit 1
  fi
}
for schema in "$src"/schemas/*.schema.json; do
  "$ajv" compile --spec=draft7 --strict=true -c ajv-formats -s "$schema" >/dev/null
done
check "$src/schemas/batch.schema.json" "$src/examples/programme-batch.json" valid
check "$src/schemas/statement.schema.json" "$src/examples/statement-EC-001.json" valid
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The same refusals as valijson: an amount as a JSON number (in a posting, in a loan
# repayment), an unknown member, an in-kind disbursement without its supplier, a tranche as a
# string, a statement's loan position with an unknown member.
sed 's/"amount": "199.84"/"amount": 199.84/' "$src/examples/programme-batch.json" >"$tmp/n.json"
check "$src/schemas/batch.schema.json" "$tmp/n.json" invalid
sed 's/"amount": "58.00"/"amount": 58.00/' "$src/examples/programme-batch.json" >"$tmp/r.json"
check "$src/schemas/batch.schema.json" "$tmp/r.json" invalid
sed 's/"supplier": "Ferretería El Roble"/"memo": "x"/' "$src/examples/programme-batch.json" \
  >"$tmp/k.json"
check "$src/schemas/batch.schema.json" "$tmp/k.json" invalid
sed 's/, "in_kind": "Band saw",//; s/"supplier": "Ferretería El Roble"//' \
  "$src/examples/programme-batch.json" >"$tmp/c.json"
check "$src/schemas/batch.schema.json" "$tmp/c.json" valid
sed 's/"tranche": 2/"tranche": "2"/' "$src/examples/programme-batch.json" >"$tmp/t.json"
check "$src/schemas/batch.schema.json" "$tmp/t.json" invalid
sed 's/"days_past_due":/"colour":1,"days_past_due":/' "$src/examples/statement-EC-001.json" \
  >"$tmp/s.json"
check "$src/schemas/statement.schema.json" "$tmp/s.json" invalid
sed 's/"format": "semilla-batch",/"format": "semilla-batch", "colour": 1,/' \
  "$src/examples/programme-batch.json" >"$tmp/u.json"
check "$src/schemas/batch.schema.json" "$tmp/u.json" invalid
echo "ajv-check: schemas compile, examples valid, bad documents refused"
