# SPDX-License-Identifier: Apache-2.0
# Part: Seed capital from a donor fund: milestones, grants in two tranches, a return, a cancelled grant, a closed month and the donor report
# Sourced by examples/semillas.sh with $SEMILLA, SEMILLA_DB and SEMILLA_NOW set, after the book
# and enterprises EC-001..EC-012 exist. docs/grants.md explains the accounts and the report.
q() { "$SEMILLA" "$@" >/dev/null; }

q fund add BID-2026 --donor "BID Lab" --currency USD --from 2026-01-01 --to 2026-12-31 \
  --budget seed-capital-cash=12000 --budget seed-capital-in-kind=8000 --budget training=2000
q fund receive BID-2026 20000.00 --date 2026-02-02 --ref SWIFT-BID-0001
# Collective enterprises count their members, not only their representative. The donor wants
# internally displaced people counted apart: the book adds that status to the built-in ones.
q status define displaced --label "Internally displaced (IDP)"
# The cooperative's members one by one, without names: SEX,BIRTH-YEAR,NATIONALITY,STATUS.
q enterprise members EC-004 --member female,1988,EC,host --member female,1992,VE,migrant \
  --member female,1979,VE,refugee --member female,2001,CO,refugee \
  --member female,1995,EC,displaced --member female,1985,VE,irregular \
  --member female,1990,EC,host --member female,,VE,migrant --member female,1970,EC,returnee \
  --member male,1983,CO,asylum-seeker --member male,1999,VE,migrant --member male,1987,EC,host
q enterprise members EC-006 --female 2 --male 2
q enterprise members EC-009 --female 14 --other 1
q enterprise members EC-012 --female 1 --male 3

# The programme's milestones: grant conditions and milestone records use these names.
q milestone define plan-approved --label "Business plan approved by the committee"
q milestone define follow-up-visit --label "Follow-up visit by the field officer"

# Every enterprise had its business plan approved; the first six had a follow-up visit.
for n in 01 02 03 04 05 06 07 08 09 10 11 12; do
  q milestone record "EC-0$n" plan-approved --date "2026-02-1${n: -1}"
done
for n in 01 02 03 04 05 06; do
  q milestone record "EC-0$n" follow-up-visit --date "2026-04-2${n: -1}"
done

# Two tranches: 60% on plan approval, 40% after the follow-up visit.
for n in 01 02 03 04 05 06 07 08 09 10 11 12; do
  q grant award "GR-0$n" --enterprise "EC-0$n" --fund BID-2026 --date 2026-02-20 \
    --tranche 720.00:plan-approved --tranche 480.00:follow-up-visit
done
for n in 01 02 04 05 07 08 10 11 12; do
  q grant disburse "GR-0$n" --tranche 1 --date 2026-03-1"${n: -1}" --ref "TRF-GR-0$n-1"
done
# In kind: the supplier delivers equipment and the fund pays the supplier.
q grant disburse GR-003 --tranche 1 --date 2026-03-04 --in-kind "Sewing machine" \
  --supplier "Distribuidora Textil Quito"
q grant disburse GR-006 --tranche 1 --date 2026-03-05 --in-kind "Fruit cooler" \
  --supplier "Frío Andino"
q grant disburse GR-009 --tranche 1 --date 2026-03-06 --in-kind "Looms" \
  --supplier "Telares del Norte"
q period close 2026-03
for n in 01 02 03 04 05 06; do
  q grant disburse "GR-0$n" --tranche 2 --date 2026-05-1"${n: -1}"
done
q grant return GR-005 150.00 --date 2026-06-10 --reason "Unspent part of the second tranche"
q grant cancel GR-011 --date 2026-06-12 --reason "Enterprise closed after the owner moved away"

"$SEMILLA" fund list
echo
"$SEMILLA" grant status GR-005
echo
# A late March entry is refused: March was closed and its report already sent.
"$SEMILLA" post --date 2026-03-31 --memo "Late bank fee" --debit Expenses:Training=2.00 \
  --credit Assets:Bank:Pichincha=2.00 || echo "(refused, as it should be: March is closed)"
echo
"$SEMILLA" report donor BID-2026 --from 2026-01-01 --to 2026-06-30
