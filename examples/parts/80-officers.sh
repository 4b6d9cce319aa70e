# SPDX-License-Identifier: Apache-2.0
# Part: Officers: from here on every change is signed by the officer who made it
# Sourced by examples/semillas.sh with $SEMILLA, SEMILLA_DB and $out set.
# Each officer makes their own key; only the verifier key reaches the book.
rm -f "$out/ana.key" "$out/luis.key"
ana_vkey=$("$SEMILLA" keys generate ana --out "$out/ana.key" 2>/dev/null)
luis_vkey=$("$SEMILLA" keys generate luis --out "$out/luis.key" 2>/dev/null)
# The programme manager registers herself first (admin, signing with her own key), then the
# accountant. The book leaves single-user mode for good.
"$SEMILLA" --as ana --key "$out/ana.key" officer add ana --role admin --role auditor \
  --key "$ana_vkey"
"$SEMILLA" --as ana --key "$out/ana.key" officer add luis --role recorder --key "$luis_vkey"
# The accountant records; an unsigned change is refused and changes nothing.
SEMILLA_OFFICER=luis SEMILLA_KEY="$out/luis.key" "$SEMILLA" post --date 2026-06-30 \
  --memo "Office supplies" --ref INV-0107 \
  --debit Expenses:Training=45.00 --credit Assets:Bank:Pichincha=45.00
if "$SEMILLA" post --date 2026-06-30 --memo "Unsigned" \
     --debit Expenses:Training=1.00 --credit Assets:Bank:Pichincha=1.00 2>/dev/null; then
  echo "an unsigned change was accepted" >&2
  exit 1
fi
"$SEMILLA" officer list
# The checkpoint of the next part is signed by ana, the auditor role.
export SEMILLA_OFFICER=ana SEMILLA_KEY="$out/ana.key"
