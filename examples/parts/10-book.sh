# SPDX-License-Identifier: Apache-2.0
# Part: The book, its accounts and twelve enterprises of cohort 2026-A
# Sourced by examples/semillas.sh with $SEMILLA and SEMILLA_DB set.
q() { "$SEMILLA" "$@" >/dev/null; }  # quiet: the parts print their reports, not every step

"$SEMILLA" --actor maria.finanzas init --currency USD --name "Semillas de Esperanza 2026" \
  --timezone America/Guayaquil
q account add Assets:Bank:Pichincha --type asset --currency USD
q account add Assets:Cash:Quito --type asset --currency USD
q account add Equity:Programme --type equity
q account add Expenses:Training --type expense

# Attributes donors report on; names are personal data and stay outside the audit chain.
while IFS='|' read -r id name kind sex born nat status province; do
  q enterprise add "$id" --name "$name" --kind "$kind" --sex "$sex" --birth-year "$born" \
    --nationality "$nat" --status "$status" --province "$province" --cohort 2026-A
done <<'ROWS'
EC-001|Panadería Rosa|individual|female|1990|VE|migrant|Pichincha
EC-002|Costuras Yolanda|individual|female|1985|VE|refugee|Pichincha
EC-003|Taller Mecánico Luis|individual|male|1979|CO|refugee|Imbabura
EC-004|Cooperativa Manos Unidas|cooperative|female|1988|EC|host|Pichincha
EC-005|Arepas Doña Carmen|individual|female|1962|VE|migrant|Guayas
EC-006|Frutas del Valle|family|female|1995|EC|host|Imbabura
EC-007|Peluquería Estilo|individual|female|2003|VE|migrant|Pichincha
EC-008|Carpintería El Roble|individual|male|1971|CO|migrant|Guayas
EC-009|Asociación Tejedoras|association|female|1983|VE|refugee|Imbabura
EC-010|Comidas Típicas Ana|individual|female|1999|EC|returnee|Pichincha
EC-011|Reparaciones Técnicas|individual|other|1993|VE|migrant|Guayas
EC-012|Huerto Familiar Sánchez|family|male|1958|EC|host|Imbabura
ROWS

"$SEMILLA" post --date 2026-01-05 --memo "Programme funds deposited" --ref BANK-2026-001 \
  --debit Assets:Bank:Pichincha=120000.00 --credit Equity:Programme=120000.00
q post --date 2026-01-20 --memo "Training cohort 2026-A (IMESUN)" --ref INV-0042 \
  --debit Expenses:Training=3450.75 --credit Assets:Bank:Pichincha=3450.75
# A mistake and its correction: nothing is edited, the entry is reversed.
q post --date 2026-01-21 --memo "Petty cash (typed twice)" --ref BANK-2026-002 \
  --debit Assets:Cash:Quito=500.00 --credit Assets:Bank:Pichincha=500.00
q post --date 2026-01-21 --memo "Petty cash" --ref BANK-2026-003 \
  --debit Assets:Cash:Quito=500.00 --credit Assets:Bank:Pichincha=500.00
q reverse 3 --date 2026-01-22 --reason "Deposit recorded twice (BANK-2026-002 = BANK-2026-003)"
"$SEMILLA" enterprise list
