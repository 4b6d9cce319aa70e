// SPDX-License-Identifier: Apache-2.0
#include "ledger/loans/rates_internal.h"
#include "ledger/loans/schedule.h"

namespace semilla::loans {
namespace {

// The fixed year length of a day count. "actual" has none; where Fineract's cumulative
// generator needs one anyway (periods per year, the annuity rate) it uses 365
// (DefaultPaymentPeriodsInOneYearCalculator for DAYS).
int fixed_days_in_year(DaysInYear days) {
  switch (days) {
    case DaysInYear::k360: return 360;
    case DaysInYear::k364: return 364;
    case DaysInYear::k365:
    case DaysInYear::kActual: return 365;
  }
  return 365;
}

int length_of_year(int year) { return Date::days_in_month(year, 2) == 29 ? 366 : 365; }

Rational annual_fraction(const LoanTerms& terms) { return terms.annual_rate_percent / 100; }

}  // namespace

Rational periods_per_year(const LoanTerms& terms) {
  switch (terms.unit) {
    case FrequencyUnit::kMonths: return Rational(12, terms.every);
    case FrequencyUnit::kWeeks: return Rational(52, terms.every);
    case FrequencyUnit::kDays: return Rational(fixed_days_in_year(terms.days_in_year), terms.every);
  }
  return Rational(12, terms.every);
}

namespace internal {

Rational year_fraction(const LoanTerms& terms, Date from, Date to) {
  if (terms.days_in_year != DaysInYear::kActual) {
    return Rational(days_between(from, to), fixed_days_in_year(terms.days_in_year));
  }
  // Actual/actual: split at each 1 January so that a day of a leap year weighs 1/366.
  Rational sum = 0;
  Date cursor = from;
  while (cursor < to) {
    const int year = cursor.year();
    const Date end = to.year() == year ? to : Date::from_ymd(year + 1, 1, 1);
    sum += Rational(days_between(cursor, end), length_of_year(year));
    cursor = end;
  }
  return sum;
}

Rational period_rate(const LoanTerms& terms, Date from, Date to) {
  if (terms.interest_period == InterestPeriod::kSameAsRepayment) {
    return annual_fraction(terms) / periods_per_year(terms);
  }
  if (terms.unit == FrequencyUnit::kMonths && terms.days_in_month == DaysInMonth::k30) {
    // Fineract periodicInterestRate (DAILY, MONTHS, DAYS_30): 30 days a month; under "actual"
    // the year is that of the period's start.
    const int year_days = terms.days_in_year == DaysInYear::kActual
                              ? length_of_year(from.year())
                              : fixed_days_in_year(terms.days_in_year);
    return annual_fraction(terms) * Rational(30 * terms.every, year_days);
  }
  return annual_fraction(terms) * year_fraction(terms, from, to);
}

Rational annuity_rate(const LoanTerms& terms) {
  if (terms.interest_period == InterestPeriod::kSameAsRepayment) {
    return annual_fraction(terms) / periods_per_year(terms);
  }
  int days = terms.every;
  if (terms.unit == FrequencyUnit::kWeeks) days = 7 * terms.every;
  if (terms.unit == FrequencyUnit::kMonths) days = 30 * terms.every;
  return annual_fraction(terms) * Rational(days, fixed_days_in_year(terms.days_in_year));
}

Rational flat_term_rate(const LoanTerms& terms, Date disbursed, Date last_due) {
  if (terms.interest_period == InterestPeriod::kSameAsRepayment) {
    return annual_fraction(terms) / periods_per_year(terms) * terms.installments_count;
  }
  return annual_fraction(terms) * year_fraction(terms, disbursed, last_due);
}

}  // namespace internal
}  // namespace semilla::loans
