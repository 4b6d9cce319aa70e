// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <string>

#include "ledger/loans/terms.h"

namespace semilla::loans {
namespace {

void add(Errors& errors, std::string_view field, std::string message) {
  errors.push_back(make_error(ErrorCode::kInvalid, std::string(field), std::move(message)));
}

void check_range(Errors& errors, std::string_view field, int value, int min, int max) {
  if (value < min || value > max) {
    add(errors, field,
        "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", not " +
            std::to_string(value));
  }
}

void check_currency(Errors& errors, std::string_view field, const std::optional<Amount>& amount,
                    Currency currency) {
  if (amount && !(amount->currency() == currency)) {
    errors.push_back(make_error(ErrorCode::kCurrencyMismatch, std::string(field),
                                std::string(amount->currency().code()) +
                                    " amount for a loan in " + std::string(currency.code())));
  }
}

void check_counts(const LoanTerms& t, Errors& errors) {
  check_range(errors, "--installments", t.installments_count, 1, kInstallmentsCountMax);
  check_range(errors, "--every", t.every, 1, kEveryMax);
  const int n = t.installments_count;
  // Each grace must leave at least one instalment that repays principal or bears interest.
  check_range(errors, "--grace-principal", t.grace_principal_count, 0, std::max(0, n - 1));
  check_range(errors, "--grace-interest", t.grace_interest_count, 0, std::max(0, n - 1));
  check_range(errors, "--grace-interest-free", t.grace_interest_free_count, 0,
              std::max(0, n - 1));
  if (t.grace_interest_count > 0 && t.grace_interest_free_count > 0) {
    add(errors, "--grace-interest",
        "cannot be combined with --grace-interest-free: choose deferred or waived interest");
  }
}

void check_amounts(const LoanTerms& t, Errors& errors) {
  check_currency(errors, "--principal-min", t.principal_min, t.currency);
  check_currency(errors, "--principal-max", t.principal_max, t.currency);
  check_currency(errors, "--fee", t.fee_fixed, t.currency);
  check_currency(errors, "--multiple-of", t.multiple_of, t.currency);
  if (t.principal_min && !t.principal_min->is_positive()) add(errors, "--principal-min",
                                                              "must be positive");
  if (t.principal_min && t.principal_max && t.principal_min->currency() == t.currency &&
      t.principal_max->currency() == t.currency && *t.principal_max < *t.principal_min) {
    add(errors, "--principal-max", "is below --principal-min");
  }
  if (t.fee_fixed && t.fee_fixed->is_negative()) add(errors, "--fee", "must not be negative");
  if (t.fee_fixed && t.fee_percent) add(errors, "--fee", "is both an amount and a percentage");
  if (t.fee_percent && *t.fee_percent > 100) add(errors, "--fee", "is above 100%");
  if (t.multiple_of && !t.multiple_of->is_positive()) add(errors, "--multiple-of",
                                                          "must be positive");
}

// The currency step (--currency-multiple-of): every figure is a multiple of it, so the
// instalment step must be one too.
void check_currency_step(const LoanTerms& t, Errors& errors) {
  const std::optional<Amount>& step = t.currency_multiple_of;
  check_currency(errors, "--currency-multiple-of", step, t.currency);
  if (!step || !(step->currency() == t.currency)) return;
  if (!step->is_positive()) {
    add(errors, "--currency-multiple-of", "must be positive");
    return;
  }
  if (t.multiple_of && t.multiple_of->currency() == t.currency &&
      t.multiple_of->minor() % step->minor() != 0) {
    add(errors, "--multiple-of", "must be a multiple of --currency-multiple-of " +
                                     step->to_string());
  }
}

// Fineract's progressive calculator computes an equal instalment on the declining balance from
// the first instalment on; it has no flat interest, no equal principal and no grace.
void check_progressive(const LoanTerms& t, Errors& errors) {
  if (t.schedule != ScheduleType::kProgressive) return;
  const std::string why = "a progressive schedule (--schedule progressive) ";
  if (t.method != InterestMethod::kDecliningBalance) {
    add(errors, "--method", why + "charges interest on the declining balance only");
  }
  if (t.amortization != Amortization::kEqualInstallments) {
    add(errors, "--amortization", why + "has equal instalments only");
  }
  if (t.grace_principal_count > 0) add(errors, "--grace-principal", why + "has no grace");
  if (t.grace_interest_count > 0) add(errors, "--grace-interest", why + "has no grace");
  if (t.grace_interest_free_count > 0) {
    add(errors, "--grace-interest-free", why + "has no grace");
  }
}

void check_rate_and_order(const LoanTerms& t, Errors& errors) {
  if (t.annual_rate_percent < 0 || t.annual_rate_percent > kAnnualRatePercentMax) {
    add(errors, "--rate", "must be between 0 and " + std::to_string(kAnnualRatePercentMax) +
                              " percent per year");
  }
  std::array<bool, kComponentsCount> seen{};
  for (Component c : t.allocation.order) seen[static_cast<std::size_t>(c)] = true;
  if (!std::all_of(seen.begin(), seen.end(), [](bool s) { return s; })) {
    add(errors, "--allocation", "must name penalties, fees, interest and principal once each");
  }
}

}  // namespace

Errors validate(const LoanTerms& terms) {
  Errors errors;
  check_counts(terms, errors);
  check_amounts(terms, errors);
  check_currency_step(terms, errors);
  check_progressive(terms, errors);
  check_rate_and_order(terms, errors);
  return errors;
}

Errors validate_loan(const LoanTerms& terms, const Amount& principal) {
  Errors errors = validate(terms);
  if (!(principal.currency() == terms.currency)) {
    errors.push_back(make_error(ErrorCode::kCurrencyMismatch, "--principal",
                                std::string(principal.currency().code()) +
                                    " principal for a loan in " +
                                    std::string(terms.currency.code())));
    return errors;
  }
  if (!principal.is_positive()) add(errors, "--principal", "must be positive");
  const auto in_currency = [&](const std::optional<Amount>& a) {
    return a && a->currency() == terms.currency;
  };
  if (in_currency(terms.principal_min) && principal < *terms.principal_min) {
    add(errors, "--principal", "is below the product minimum " + terms.principal_min->to_string());
  }
  if (in_currency(terms.principal_max) && principal > *terms.principal_max) {
    add(errors, "--principal", "is above the product maximum " + terms.principal_max->to_string());
  }
  if (terms.fee_mode == FeeMode::kDeducted && in_currency(terms.fee_fixed) &&
      *terms.fee_fixed >= principal) {
    add(errors, "--fee", "deducted from the disbursement, it leaves nothing to disburse");
  }
  if (terms.fee_mode == FeeMode::kDeducted && terms.fee_percent && *terms.fee_percent >= 100) {
    add(errors, "--fee", "deducted from the disbursement, it leaves nothing to disburse");
  }
  // Cash changes hands in multiples of the currency step: Fineract would round the principal
  // silently; Semilla refuses an amount that cannot be paid out.
  const std::optional<Amount>& step = terms.currency_multiple_of;
  if (in_currency(step) && step->is_positive()) {
    if (principal.minor() % step->minor() != 0) {
      add(errors, "--principal", "is not a multiple of --currency-multiple-of " +
                                     step->to_string());
    }
    if (in_currency(terms.fee_fixed) && terms.fee_fixed->minor() % step->minor() != 0) {
      add(errors, "--fee", "is not a multiple of --currency-multiple-of " + step->to_string());
    }
  }
  return errors;
}

}  // namespace semilla::loans
