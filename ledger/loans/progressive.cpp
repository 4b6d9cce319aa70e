// SPDX-License-Identifier: Apache-2.0
// Progressive schedules: Apache Fineract's ProgressiveEMICalculator (module
// fineract-progressive-loan, read at commit 4198b0bc of 24 October 2024) for one disbursement
// on the first period's start. Fineract computes in BigDecimal under MathContext(12, mode)
// (MoneyHelper: 12 significant digits, the configured rounding mode); Semilla computes each of
// those operations exactly and rounds its result to 12 significant digits with the terms' mode,
// which is what BigDecimal does. Money figures are rounded as Fineract's Money rounds them
// (schedule_internal.h). docs/loans.md, "Progressive schedules", states every rule.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ledger/loans/schedule_internal.h"
#include "ledger/money/rounding.h"

namespace semilla::loans::internal {
namespace {

// Significant digits of Fineract's MathContext (MoneyHelper.PRECISION).
constexpr int kMathContextDigits = 12;

struct Context {
  const LoanTerms& terms;
  MinorUnits principal_minor;
  Rational principal;                 // the same, in major units
  std::vector<Rational> factor;       // the rate factor of each period
  std::vector<Rational> growth;       // 1 + its rate factor
};

Rational sig(const LoanTerms& t, const Rational& exact) {
  return money::round_to_significant_digits(exact, kMathContextDigits, t.rounding);
}

Rational to_major(const MinorUnits& minor, Currency currency) {
  return Amount::from_minor(minor, currency).to_rational();
}

int length_of_year(int year) { return Date::days_in_month(year, 2) == 29 ? 366 : 365; }

// Days counted by one unit of the repayment frequency: 1 a day, 7 a week, and for months 30 or
// the length of the month the period starts in (DaysInMonthType.getNumberOfDays(fromDate)).
int unit_days(const LoanTerms& t, Date from) {
  switch (t.unit) {
    case FrequencyUnit::kDays: return 1;
    case FrequencyUnit::kWeeks: return 7;
    case FrequencyUnit::kMonths:
      return t.days_in_month == DaysInMonth::k30 ? 30 : Date::days_in_month(from.year(),
                                                                            from.month());
  }
  return 1;
}

int year_days(const LoanTerms& t, Date from) {
  switch (t.days_in_year) {
    case DaysInYear::k360: return 360;
    case DaysInYear::k364: return 364;
    case DaysInYear::k365: return 365;
    case DaysInYear::kActual: return length_of_year(from.year());
  }
  return 365;
}

// Fraction of a year of a period that crosses 1 January under actual days
// (calculatePeriodFractions): each year's days over that year's length. Fineract ends the
// first part on 31 December and starts the next on it, so one day moves to the later year.
Rational actual_year_fraction(const LoanTerms& t, Date from, Date to) {
  Rational cumulated = 0;
  Date cursor = from;
  for (int year = from.year(); year <= to.year(); ++year) {
    const Date end = year == to.year() ? to : Date::from_ymd(year, 12, 31);
    cumulated = sig(t, cumulated + sig(t, Rational(days_between(cursor, end),
                                                   length_of_year(year))));
    cursor = end;
  }
  return cumulated;
}

// The equal instalment (calculateEMIOnPeriods): P x prod(1+r_k) / fn, where fn = 1 and then
// fn = 1 + fn x (1+r_k) for every period after the first; rounded as a Money, then to
// --multiple-of (applyInstallmentAmountInMultiplesOf).
Result<MinorUnits> equal_instalment(const Context& c) {
  const LoanTerms& t = c.terms;
  Rational product = 1;
  for (const Rational& g : c.growth) product = sig(t, product * g);
  Rational fn = 1;
  for (std::size_t k = 1; k < c.growth.size(); ++k) fn = sig(t, 1 + sig(t, fn * c.growth[k]));
  return round_cash(t, sig(t, sig(t, product * c.principal) / fn));
}

Result<MinorUnits> in_multiples(const LoanTerms& t, const MinorUnits& amount) {
  if (!t.multiple_of) return amount;
  auto rounded = money::round_to_multiple(to_major(amount, t.currency), *t.multiple_of,
                                          t.rounding);
  if (!rounded.ok()) return rounded.error();
  return rounded->minor();
}

// Each period's interest on the balance that the instalments `emis` leave, and the last
// instalment corrected so that the instalments repay principal plus interest exactly
// (calculateLastUnpaidRepaymentPeriodEMI). The balance is not floored at zero: this is the
// model Fineract compares instalments in.
Result<std::vector<MinorUnits>> run_model(const Context& c, std::vector<MinorUnits>& emis) {
  std::vector<MinorUnits> interest;
  interest.reserve(emis.size());
  const Currency cur = c.terms.currency;
  MinorUnits balance = c.principal_minor;
  MinorUnits total_interest = 0, total_emi = 0;
  for (std::size_t k = 0; k < emis.size(); ++k) {
    auto due = round_cash(c.terms, to_major(balance, cur) * c.factor[k]);
    if (!due.ok()) return due.error();
    interest.push_back(*due);
    total_interest += *due;
    total_emi += emis[k];
    balance -= emis[k] - *due;
  }
  emis.back() += c.principal_minor + total_interest - total_emi;
  return interest;
}

// Fineract's one correction of the instalment (checkAndAdjustEmiIfNeededOnRelatedRepayment
// Periods): when the last instalment differs from the others by more than floor(n/2) hundredths
// of a unit, the others move by the difference / n; the move is kept if the last instalment
// then differs less.
Status adjust_equal_instalment(const Context& c, std::vector<MinorUnits>& emis) {
  const LoanTerms& t = c.terms;
  const std::size_t n = emis.size();
  if (n < 2) return Status::Ok();  // floor(n/2) == 0: Fineract does not adjust
  const MinorUnits diff = emis[n - 1] - emis[n - 2];
  if (diff == 0) return Status::Ok();
  const Rational diff_major = to_major(diff < 0 ? MinorUnits(-diff) : diff, t.currency);
  auto threshold = round_cash(t, Rational(static_cast<long long>(n / 2)));
  if (!threshold.ok()) return threshold.error();
  if (!(diff_major * 100 > to_major(*threshold, t.currency))) return Status::Ok();
  auto step = round_minor_then_cash(t, to_major(diff, t.currency) / static_cast<long long>(n));
  if (!step.ok()) return step.error();
  auto moved = round_cash(t, to_major(emis[n - 2] + *step, t.currency));
  if (!moved.ok()) return moved.error();
  auto adjusted = in_multiples(t, *moved);
  if (!adjusted.ok()) return adjusted.error();
  if (*adjusted == emis[n - 2]) return Status::Ok();
  std::vector<MinorUnits> trial(n, *adjusted);
  auto interest = run_model(c, trial);
  if (!interest.ok()) return interest.error();
  const MinorUnits new_diff = trial[n - 1] - trial[n - 2];
  const auto magnitude = [](const MinorUnits& v) { return v < 0 ? MinorUnits(-v) : v; };
  if (magnitude(new_diff) < magnitude(diff)) emis = std::move(trial);
  return Status::Ok();
}

// The instalments of the model: an instalment that reaches the balance repays it and ends
// the schedule. kInvalid when a rounded instalment does not cover its interest.
Result<std::vector<InstalmentFigures>> walk(const LoanTerms& t, const MinorUnits& principal,
                                            const std::vector<MinorUnits>& emis,
                                            const std::vector<MinorUnits>& interest) {
  std::vector<InstalmentFigures> out;
  MinorUnits balance = principal;
  for (std::size_t k = 0; k < emis.size() && balance > 0; ++k) {
    MinorUnits part = emis[k] - interest[k];
    if (part < 0) {
      return make_error(ErrorCode::kInvalid,
                        t.multiple_of ? "--multiple-of" : "--currency-multiple-of",
                        "the instalment " + Amount::from_minor(emis[k], t.currency).to_string() +
                            " does not cover the interest of instalment " +
                            std::to_string(k + 1) + "; choose a smaller step");
    }
    if (k + 1 == emis.size() || part > balance) part = balance;
    out.push_back(InstalmentFigures{part, interest[k]});
    balance -= part;
  }
  return out;
}

// The rate factor of a period that does not cross 1 January under actual days: it depends
// only on these three numbers, so a schedule computes each distinct one once.
Rational rate_factor_of(const LoanTerms& t, int unit, int year, std::int64_t days_count) {
  const Rational rate = sig(t, t.annual_rate_percent / 100);
  const Rational days = days_count;
  const Rational fraction = sig(t, sig(t, Rational(unit * t.every)) / year);
  return sig(t, sig(t, sig(t, rate * fraction) * days) / days);
}

// Rate factors already computed in one schedule, by (unit days, year days, days).
class RateFactors {
 public:
  explicit RateFactors(const LoanTerms& t) : terms_(t) {}
  Rational of(Date from, Date to) {
    if (terms_.days_in_year == DaysInYear::kActual && to.year() > from.year()) {
      return progressive_rate_factor(terms_, from, to);
    }
    const Key key{unit_days(terms_, from), year_days(terms_, from), days_between(from, to)};
    for (const auto& [k, factor] : known_) {
      if (k == key) return factor;
    }
    known_.emplace_back(key, rate_factor_of(terms_, key.unit, key.year, key.days));
    return known_.back().second;
  }

 private:
  struct Key {
    int unit;
    int year;
    std::int64_t days;
    friend bool operator==(const Key&, const Key&) = default;
  };
  const LoanTerms& terms_;
  std::vector<std::pair<Key, Rational>> known_;
};

}  // namespace

// The interest rate of the period [from, to) as a fraction (calculateRateFactorPerPeriod):
// rate x (unit days x every / days in year) x actual days / calculated days, each product and
// quotient to 12 digits. Actual and calculated days are equal here (no rescheduling).
Rational progressive_rate_factor(const LoanTerms& t, Date from, Date to) {
  if (t.days_in_year == DaysInYear::kActual && to.year() > from.year()) {
    const Rational rate = sig(t, t.annual_rate_percent / 100);
    // Fineract also multiplies this fraction by --every, which counts a period of every N
    // units N times; Semilla does not (the same figure for every = 1, docs/loans.md).
    return sig(t, rate * actual_year_fraction(t, from, to));
  }
  return rate_factor_of(t, unit_days(t, from), year_days(t, from), days_between(from, to));
}

Result<std::vector<InstalmentFigures>> progressive_instalments(const LoanTerms& terms,
                                                               const MinorUnits& principal,
                                                               Date disbursed,
                                                               const std::vector<Date>& due) {
  Context c{terms, principal, to_major(principal, terms.currency), {}, {}};
  RateFactors factors(terms);
  for (std::size_t k = 0; k < due.size(); ++k) {
    c.factor.push_back(factors.of(k == 0 ? disbursed : due[k - 1], due[k]));
    c.growth.push_back(1 + c.factor.back());
  }
  auto raw = equal_instalment(c);
  if (!raw.ok()) return raw.error();
  auto emi = in_multiples(terms, *raw);
  if (!emi.ok()) return emi.error();
  std::vector<MinorUnits> emis(due.size(), *emi);
  auto first = run_model(c, emis);
  if (!first.ok()) return first.error();
  SEMILLA_TRY(adjust_equal_instalment(c, emis));
  // The interest of the instalments kept (the last one is already corrected: unchanged).
  auto interest = run_model(c, emis);
  if (!interest.ok()) return interest.error();
  return walk(terms, principal, emis, *interest);
}

}  // namespace semilla::loans::internal
