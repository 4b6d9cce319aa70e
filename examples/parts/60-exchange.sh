# SPDX-License-Identifier: Apache-2.0
# Part: A partner MFI's batch (repayments it collected, follow-up visits, second tranches) imported once, then again with no effect, and a signed statement with a loan's arrears
# Sourced by examples/semillas.sh with $SEMILLA, SEMILLA_DB, $here and $out set, after the
# loans and grants parts (the batch repays their loans and pays their grants' tranches).
# docs/exchange.md explains the documents.
batch="$here/programme-batch.json"
"$SEMILLA" batch import "$batch" --dry-run
"$SEMILLA" batch import "$batch"
# The partner sent the same file twice: nothing changes, and the import says so.
"$SEMILLA" batch import "$batch"

# EC-002's statement for June, signed: each entry on the loan's account, and the loan itself
# as of 30 June, say where it stands in its schedule and how much is in arrears.
statement_key="$out/statements.key"
rm -f "$statement_key"
statement_vkey=$("$SEMILLA" keys generate semillas.example.org/statements --out "$statement_key")
"$SEMILLA" statement export EC-002 --from 2026-06-01 --to 2026-06-30 --issuer semillas \
  --sign "$statement_key" --out "$out/statement-EC-002.json"
"$SEMILLA" statement verify "$out/statement-EC-002.json" --key "$statement_vkey"
