# SPDX-License-Identifier: Apache-2.0
# Part: Approvals (maker-checker): a large grant tranche waits for a second officer
# Sourced by examples/semillas.sh with $SEMILLA, SEMILLA_DB and $out set, after the officers
# part (ana admin and auditor, luis recorder).
rm -f "$out/marta.key"
marta_vkey=$("$SEMILLA" keys generate marta --out "$out/marta.key" 2>/dev/null)
as_ana=(--as ana --key "$out/ana.key")
as_luis=(--as luis --key "$out/luis.key")
as_marta=(--as marta --key "$out/marta.key")
# The finance manager approves; she records nothing herself.
"$SEMILLA" "${as_ana[@]}" officer add marta --role approver --key "$marta_vkey"
# From this record on, a grant tranche above 1000 USD needs one approval within 7 days.
"$SEMILLA" "${as_ana[@]}" policy set grant-disbursement --above 1000 USD --approvers 1 \
  --expires 7
"$SEMILLA" policy list
# A larger grant: its tranche is recorded by the accountant and waits.
"$SEMILLA" "${as_luis[@]}" grant award GR-013 --enterprise EC-007 --fund BID-2026 \
  --date 2026-06-30 --tranche 1500.00:plan-approved >/dev/null
"$SEMILLA" "${as_luis[@]}" grant disburse GR-013 --tranche 1 --date 2026-06-30 --ref TRF-GR-013-1
request=$("$SEMILLA" --json approvals list | sed -n 's/.*"request": *\([0-9]*\).*/\1/p' | head -1)
"$SEMILLA" approvals list
# The maker cannot approve their own operation.
if "$SEMILLA" "${as_luis[@]}" approve "$request" 2>/dev/null; then
  echo "the maker approved their own operation" >&2
  exit 1
fi
# The approver approves: the tranche is paid as recorded, in the same transaction.
"$SEMILLA" "${as_marta[@]}" approve "$request"
"$SEMILLA" grant status GR-013
# Who did what, from the signed records.
"$SEMILLA" audit officers
