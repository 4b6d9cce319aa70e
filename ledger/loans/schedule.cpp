// SPDX-License-Identifier: Apache-2.0
// The schedule generator. It follows Fineract's cumulative generators
// (AbstractCumulativeLoanScheduleGenerator with LoanApplicationTerms): figures are computed
// instalment by instalment, each rounded once, and the last instalment takes the remainder.
// Where Fineract works in binary fractions (its annuity uses Math.pow) Semilla works exactly.
#include "ledger/loans/schedule.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "ledger/base/limits.h"
#include "ledger/loans/decimal_internal.h"
#include "ledger/loans/rates_internal.h"
#include "ledger/loans/schedule_internal.h"
#include "ledger/money/rounding.h"

namespace semilla::loans {
namespace {

using money::MinorUnits;

// What the generator knows before the first instalment.
struct Plan {
  const LoanTerms& terms;
  Currency currency;
  MinorUnits principal;
  Date disbursed;
  std::vector<Date> due;  // one per instalment
  int repaying_count;     // instalments that repay principal: all but the principal grace
};

// What changes from one instalment to the next.
struct Running {
  MinorUnits balance;                   // principal still owed
  MinorUnits deferred_interest = 0;     // interest held back by --grace-interest
  std::vector<MinorUnits> flat_interest;  // flat method: the interest of each instalment
  MinorUnits per_instalment = 0;        // annuity amount, or the equal principal part
};

Rational to_major(const MinorUnits& minor, Currency currency) {
  return Amount::from_minor(minor, currency).to_rational();
}

// The rounding point of a figure brought to the currency's scale: the minor unit with the
// terms' mode, then the currency step (schedule_internal.h).
Result<MinorUnits> round_minor(const Plan& plan, const Rational& major) {
  return internal::round_minor_then_cash(plan.terms, major);
}

// Rounds to the "--multiple-of" step when there is one (a multiple of the currency step, which
// validate() checks), else as a Money built from the exact value (round_cash): the annuity.
Result<MinorUnits> round_step(const Plan& plan, const Rational& major) {
  if (!plan.terms.multiple_of) return internal::round_cash(plan.terms, major);
  auto rounded = money::round_to_multiple(major, *plan.terms.multiple_of, plan.terms.rounding);
  if (!rounded.ok()) return rounded.error();
  return rounded->minor();
}

// Refuses a schedule that would end after limits::kYearMax (Date cannot hold it).
Status check_end_date(const LoanTerms& terms, Date start) {
  const std::int64_t steps = std::int64_t{terms.installments_count} * terms.every;
  bool fits = false;
  if (terms.unit == FrequencyUnit::kMonths) {
    fits = start.year() + steps / 12 + 1 <= limits::kYearMax;
  } else {
    const std::int64_t days = terms.unit == FrequencyUnit::kWeeks ? 7 * steps : steps;
    const Date last = Date::from_ymd(limits::kYearMax, 12, 31);
    fits = start.days_since_epoch() + days <= last.days_since_epoch();
  }
  if (fits) return Status::Ok();
  return make_error(ErrorCode::kLimitExceeded, "--installments",
                    "the schedule would end after the year " +
                        std::to_string(limits::kYearMax));
}

// The annuity amount: P r (1+r)^m / ((1+r)^m - 1) over the m instalments that repay principal
// (Fineract paymentPerPeriod), rounded once to the step or minor unit.
Result<MinorUnits> annuity_payment(const Plan& plan) {
  const Rational rate = internal::annuity_rate(plan.terms);
  const Rational principal = to_major(plan.principal, plan.currency);
  if (rate == 0) return round_step(plan, principal / plan.repaying_count);
  const Rational growth = internal::pow_int(1 + rate, plan.repaying_count);
  return round_step(plan, principal * rate * growth / (growth - 1));
}

// Flat interest of each instalment (Fineract calculateTotalInterestCharged and
// calculateTotalFlatInterestForInstallmentAveragingOutGracePeriods / ...ForPeriod).
Result<std::vector<MinorUnits>> flat_interest(const Plan& plan) {
  const LoanTerms& t = plan.terms;
  const int n = t.installments_count;
  const Rational rate = internal::flat_term_rate(t, plan.disbursed, plan.due.back());
  auto full = round_minor(plan, to_major(plan.principal, plan.currency) * rate);
  if (!full.ok()) return full.error();
  auto per_full = round_minor(plan, to_major(*full, plan.currency) / n);
  if (!per_full.ok()) return per_full.error();
  // Interest-free instalments waive their share; deferred ones move it, they do not waive it.
  const MinorUnits total = *full - *per_full * t.grace_interest_free_count;
  const int grace = t.grace_interest_count + t.grace_interest_free_count;
  std::vector<MinorUnits> parts(static_cast<std::size_t>(n), 0);
  if (t.amortization == Amortization::kEqualInstallments) {
    // Averaged over the instalments that bear interest.
    auto per = round_minor(plan, to_major(total, plan.currency) / (n - grace));
    if (!per.ok()) return per.error();
    for (int k = grace + 1; k <= n; ++k) parts[static_cast<std::size_t>(k - 1)] = *per;
  } else {
    // Each instalment's share; deferred shares fall due with the first one after the grace.
    for (int k = grace + 1; k <= n; ++k) parts[static_cast<std::size_t>(k - 1)] = *per_full;
    parts[static_cast<std::size_t>(grace)] += *per_full * t.grace_interest_count;
  }
  // No part may exceed what is left; the last takes the rest, so the parts sum to the total.
  MinorUnits left = total;
  for (MinorUnits& part : parts) {
    part = std::min(part, left);
    left -= part;
  }
  parts.back() += left;
  return parts;
}

// Interest due on instalment k of a declining-balance loan, and this period's own interest
// (Fineract calculateTotalInterestForPeriod, DECLINING_BALANCE).
Result<MinorUnits> declining_interest(const Plan& plan, const MinorUnits& balance, int k) {
  if (k <= plan.terms.grace_interest_free_count) return MinorUnits(0);
  const Date from = k == 1 ? plan.disbursed : plan.due[static_cast<std::size_t>(k - 2)];
  const Date to = plan.due[static_cast<std::size_t>(k - 1)];
  return round_minor(plan, to_major(balance, plan.currency) *
                               internal::period_rate(plan.terms, from, to));
}

}  // namespace

Date due_date(const LoanTerms& terms, Date start, int k) {
  const int steps = k * terms.every;
  switch (terms.unit) {
    case FrequencyUnit::kDays: return start.add_days(steps);
    case FrequencyUnit::kWeeks: return start.add_days(std::int64_t{7} * steps);
    case FrequencyUnit::kMonths: return start.add_months(steps);
  }
  return start.add_months(steps);
}

namespace {

// The principal part scheduled for instalment k before capping at the balance.
Result<MinorUnits> scheduled_principal(const Plan& plan, const Running& run, int k,
                                       const MinorUnits& period_interest,
                                       const MinorUnits& interest_due) {
  const LoanTerms& t = plan.terms;
  if (k <= t.grace_principal_count) return MinorUnits(0);
  if (t.method == InterestMethod::kDecliningBalance) {
    if (t.amortization == Amortization::kEqualPrincipal) return run.per_instalment;
    return run.per_instalment - period_interest;  // annuity less this period's interest
  }
  if (!t.multiple_of) return run.per_instalment;
  // Flat with --multiple-of (Fineract calculateTotalPrincipalPerPeriodWithoutGrace): principal
  // and interest are each rounded to the step and the principal absorbs the interest's
  // rounding, so that the instalment total is a multiple of the step.
  auto principal_step = round_step(plan, to_major(run.per_instalment, plan.currency));
  if (!principal_step.ok()) return principal_step.error();
  auto interest_step = round_step(plan, to_major(interest_due, plan.currency));
  if (!interest_step.ok()) return interest_step.error();
  return *principal_step + *interest_step - interest_due;
}

Installment make_installment(const Plan& plan, int k, const MinorUnits& principal,
                             const MinorUnits& interest, const MinorUnits& balance) {
  const Currency c = plan.currency;
  return Installment{k,
                     plan.due[static_cast<std::size_t>(k - 1)],
                     Amount::from_minor(principal, c),
                     Amount::from_minor(interest, c),
                     Amount::zero(c),
                     Amount::from_minor(principal + interest, c),
                     Amount::from_minor(balance, c)};
}

// Computes instalment k and advances `run`. The last instalment, or the one that repays the
// balance early, takes all principal and interest still outstanding.
Result<Installment> next_installment(const Plan& plan, Running& run, int k) {
  const LoanTerms& t = plan.terms;
  const bool flat = t.method == InterestMethod::kFlat;
  MinorUnits period_interest = 0;
  MinorUnits interest_due = 0;
  if (flat) {
    interest_due = run.flat_interest[static_cast<std::size_t>(k - 1)];
    period_interest = interest_due;
  } else {
    auto interest = declining_interest(plan, run.balance, k);
    if (!interest.ok()) return interest.error();
    period_interest = *interest;
    run.deferred_interest += period_interest;
    if (k > t.grace_interest_count) interest_due = run.deferred_interest;
  }
  auto scheduled = scheduled_principal(plan, run, k, period_interest, interest_due);
  if (!scheduled.ok()) return scheduled.error();
  MinorUnits principal = std::clamp(*scheduled, MinorUnits(0), run.balance);
  const bool last = k == t.installments_count || principal == run.balance;
  if (last) {
    principal = run.balance;
    if (!flat) interest_due = run.deferred_interest;
    for (std::size_t i = static_cast<std::size_t>(k); flat && i < run.flat_interest.size(); ++i) {
      interest_due += run.flat_interest[i];  // repaid early: the rest of the flat interest
    }
  }
  if (!flat && (last || k > t.grace_interest_count)) run.deferred_interest = 0;
  run.balance -= principal;
  return make_installment(plan, k, principal, interest_due, run.balance);
}

Result<MinorUnits> loan_fee(const Plan& plan) {
  const LoanTerms& t = plan.terms;
  if (t.fee_fixed) return t.fee_fixed->minor();
  if (!t.fee_percent) return MinorUnits(0);
  return round_minor(plan, to_major(plan.principal, plan.currency) * *t.fee_percent / 100);
}

Result<Running> prepare(const Plan& plan) {
  const LoanTerms& t = plan.terms;
  Running run{plan.principal, 0, {}, 0};
  if (t.method == InterestMethod::kFlat) {
    auto interest = flat_interest(plan);
    if (!interest.ok()) return interest.error();
    run.flat_interest = std::move(interest).value();
  }
  const bool annuity = t.method == InterestMethod::kDecliningBalance &&
                       t.amortization == Amortization::kEqualInstallments;
  auto per = annuity ? annuity_payment(plan)
                     : round_minor(plan, to_major(plan.principal, plan.currency) /
                                             plan.repaying_count);
  if (!per.ok()) return per.error();
  run.per_instalment = *per;
  return run;
}

Schedule assemble(const Plan& plan, std::vector<Installment> lines, const MinorUnits& fee) {
  const Currency c = plan.currency;
  MinorUnits principal = 0, interest = 0, fees = 0, due = 0;
  for (const Installment& line : lines) {
    principal += line.principal.minor();
    interest += line.interest.minor();
    fees += line.fee.minor();
    due += line.total.minor();
  }
  const bool deducted = plan.terms.fee_mode == FeeMode::kDeducted;
  return Schedule{plan.disbursed,
                  Amount::from_minor(plan.principal, c),
                  Amount::from_minor(fee, c),
                  plan.terms.fee_mode,
                  Amount::from_minor(deducted ? plan.principal - fee : plan.principal, c),
                  std::move(lines),
                  Amount::from_minor(principal, c),
                  Amount::from_minor(interest, c),
                  Amount::from_minor(fees, c),
                  Amount::from_minor(due, c)};
}

// The instalments of the cumulative generators, one after the other.
Result<std::vector<Installment>> cumulative_lines(const Plan& plan) {
  auto run = prepare(plan);
  if (!run.ok()) return run.error();
  std::vector<Installment> lines;
  for (int k = 1; k <= plan.terms.installments_count && run->balance > 0; ++k) {
    auto line = next_installment(plan, *run, k);
    if (!line.ok()) return line.error();
    lines.push_back(std::move(line).value());
  }
  return lines;
}

// The instalments of the progressive generator (progressive.cpp).
Result<std::vector<Installment>> progressive_lines(const Plan& plan) {
  auto figures = internal::progressive_instalments(plan.terms, plan.principal, plan.disbursed,
                                                   plan.due);
  if (!figures.ok()) return figures.error();
  std::vector<Installment> lines;
  MinorUnits balance = plan.principal;
  for (std::size_t i = 0; i < figures->size(); ++i) {
    const internal::InstalmentFigures& f = (*figures)[i];
    balance -= f.principal;
    lines.push_back(make_installment(plan, static_cast<int>(i) + 1, f.principal, f.interest,
                                     balance));
  }
  return lines;
}

}  // namespace

Result<Schedule> generate_schedule(const LoanTerms& terms, const Amount& principal,
                                   Date disbursement_date) {
  const Errors errors = validate_loan(terms, principal);
  if (!errors.empty()) return errors.front();
  SEMILLA_TRY(check_end_date(terms, disbursement_date));
  Plan plan{terms, terms.currency, principal.minor(), disbursement_date, {},
            terms.installments_count - terms.grace_principal_count};
  for (int k = 1; k <= terms.installments_count; ++k) {
    plan.due.push_back(due_date(terms, disbursement_date, k));
  }
  auto fee = loan_fee(plan);
  if (!fee.ok()) return fee.error();
  auto lines = terms.schedule == ScheduleType::kProgressive ? progressive_lines(plan)
                                                            : cumulative_lines(plan);
  if (!lines.ok()) return lines.error();
  return assemble(plan, std::move(lines).value(), *fee);
}

}  // namespace semilla::loans
