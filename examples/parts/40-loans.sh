# SPDX-License-Identifier: Apache-2.0
# Part: Microcredit: two loan products, five loans, repayments on time and late, a bounced payment reversed, a write-off with a recovery, and the portfolio at risk
# Sourced by examples/semillas.sh with $SEMILLA, SEMILLA_DB and SEMILLA_NOW set, after the book
# and enterprises EC-001..EC-012 exist. docs/loans.md explains the accounts and the rules.
q() { "$SEMILLA" "$@" >/dev/null; }

# Monthly declining-balance credit with a 2% fee withheld at disbursement, and a weekly
# flat-rate credit repaid in notes of 1 dollar (what an MFI's field agents often collect).
q loan product add CREDI-SEMILLA --currency USD --rate 24 --installments 12 \
  --method declining --fee 2% --fee-mode deducted --cash-account Assets:Bank:Pichincha
q loan product add SEMANAL-16 --currency USD --rate 52 --installments 16 --unit weeks \
  --method flat --multiple-of 1 --cash-account Assets:Bank:Pichincha
"$SEMILLA" loan quote --product SEMANAL-16 --principal 800 --date 2026-03-02

q loan open L-2026-001 --enterprise EC-001 --product CREDI-SEMILLA --principal 1000 \
  --date 2026-01-15
q loan open L-2026-002 --enterprise EC-002 --product CREDI-SEMILLA --principal 1500 \
  --date 2026-01-20
q loan open L-2026-003 --enterprise EC-005 --product SEMANAL-16 --principal 800 --date 2026-03-02
q loan open L-2026-004 --enterprise EC-007 --product CREDI-SEMILLA --principal 600 \
  --date 2026-02-02
q loan open L-2026-005 --enterprise EC-010 --product CREDI-SEMILLA --principal 1200 \
  --date 2026-05-04 --installments 6
q loan disburse L-2026-001 --date 2026-01-15
q loan disburse L-2026-002 --date 2026-01-20
q loan disburse L-2026-003 --date 2026-03-02
q loan disburse L-2026-004 --date 2026-02-02
q loan disburse L-2026-005 --date 2026-05-04

# EC-001 pays every month on the due date; the MFI's reference makes a re-import harmless.
for m in 02 03 04 05 06; do
  q loan repay L-2026-001 94.56 --date "2026-$m-15" --ref "MFI-CS/001-$m"
done
q loan repay L-2026-001 94.56 --date 2026-06-15 --ref MFI-CS/001-06
# EC-002 paid twice, then a cheque bounced and was reversed; nothing since.
q loan repay L-2026-002 141.84 --date 2026-02-20 --ref MFI-CS/002-02
q loan repay L-2026-002 141.84 --date 2026-03-24 --ref MFI-CS/002-03
bounced=$("$SEMILLA" --json loan repay L-2026-002 141.84 --date 2026-04-20 --ref MFI-CS/002-04 \
  | sed -n 's/^  "transaction": \([0-9]*\),\{0,1\}$/\1/p')
q loan reverse L-2026-002 "$bounced" --date 2026-04-23 --reason "Cheque returned unpaid"
# EC-005 pays weekly, some weeks late.
for d in 03-09 03-16 03-26 03-30 04-06 04-20 04-20 05-04 05-11 05-25 06-08; do
  q loan repay L-2026-003 58 --date "2026-$d"
done
# EC-007's business closed after the flood: written off, then a little was recovered.
q loan repay L-2026-004 56.74 --date 2026-03-02
q loan write-off L-2026-004 --date 2026-06-15 --reason "Business closed after the flood"
q loan recover L-2026-004 50.00 --date 2026-06-25 --ref REC-004-1
q loan repay L-2026-005 214.23 --date 2026-06-04

"$SEMILLA" loan status L-2026-002
"$SEMILLA" portfolio
