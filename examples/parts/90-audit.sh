# SPDX-License-Identifier: Apache-2.0
# Part: The auditor's view: a signed checkpoint, an offline bundle, and its verification
# Sourced by examples/semillas.sh with $SEMILLA, SEMILLA_DB and $out set.
key="$out/audit.key"
rm -f "$key"
# The NGO's signing key: the private half stays with the NGO (mode 0600), the verifier key
# goes to donors and auditors.
vkey=$("$SEMILLA" keys generate semillas.example.org/audit --out "$key")
echo "verifier key: $vkey"
"$SEMILLA" audit checkpoint --key "$key" > "$out/q2.checkpoint"
echo "signed checkpoint ($out/q2.checkpoint):"
sed 's/^/  /' "$out/q2.checkpoint"
"$SEMILLA" audit export --out "$out/semillas-bundle.json" >/dev/null
echo "offline bundle: $out/semillas-bundle.json"
# What the auditor runs on their own computer, with no database: the bundle must contain the
# checkpoint's tree as a prefix, signed by the key they were given.
"$SEMILLA" audit verify --bundle "$out/semillas-bundle.json" --checkpoint "$out/q2.checkpoint" \
  --key "$vkey"
