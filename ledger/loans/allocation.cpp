// SPDX-License-Identifier: Apache-2.0
#include "ledger/loans/allocation.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <string>
#include <utility>

#include "ledger/base/check.h"
#include "ledger/base/lang.h"

namespace semilla::loans {

using money::MinorUnits;

Components Components::zero(Currency currency) {
  const Amount z = Amount::zero(currency);
  return Components{z, z, z, z};
}

const Amount& Components::get(Component component) const {
  switch (component) {
    case Component::kPenalty: return penalty;
    case Component::kFee: return fee;
    case Component::kInterest: return interest;
    case Component::kPrincipal: return principal;
  }
  SEMILLA_CHECK(false);
  return principal;
}

Amount& Components::get(Component component) {
  return const_cast<Amount&>(std::as_const(*this).get(component));
}

Amount Components::sum() const {
  return Amount::from_minor(penalty.minor() + fee.minor() + interest.minor() + principal.minor(),
                            principal.currency());
}

std::vector<InstallmentState> initial_state(const Schedule& schedule) {
  std::vector<InstallmentState> state;
  const Currency currency = schedule.principal.currency();
  for (const Installment& line : schedule.installments) {
    Components due = Components::zero(currency);
    due.principal = line.principal;
    due.interest = line.interest;
    due.fee = line.fee;
    state.push_back(InstallmentState{line.number, line.due_date, due, Components::zero(currency)});
  }
  return state;
}

namespace {

MinorUnits owed(const InstallmentState& line, Component c) {
  return line.due.get(c).minor() - line.paid.get(c).minor();
}

// Instalment positions in due-date order (the state's order breaks ties).
std::vector<std::size_t> by_due_date(const std::vector<InstallmentState>& state) {
  std::vector<std::size_t> order(state.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&state](std::size_t a, std::size_t b) {
    return state[a].due_date < state[b].due_date;
  });
  return order;
}

// Takes what the payment can cover of one component of one instalment.
void take(const std::vector<InstallmentState>& state, std::size_t i, Component c,
          MinorUnits& remaining, std::vector<MinorUnits>& taken, Allocation& out) {
  const MinorUnits already = taken[i * kComponentsCount + static_cast<std::size_t>(c)];
  const MinorUnits amount = std::min(remaining, owed(state[i], c) - already);
  if (amount <= 0) return;
  const Currency currency = out.totals.principal.currency();
  remaining -= amount;
  taken[i * kComponentsCount + static_cast<std::size_t>(c)] += amount;
  out.lines.push_back(AllocationLine{state[i].number, c, Amount::from_minor(amount, currency)});
}

}  // namespace

Components outstanding(const std::vector<InstallmentState>& state, Currency currency) {
  Components total = Components::zero(currency);
  for (const InstallmentState& line : state) {
    for (Component c : kAllComponents) {
      total.get(c) = Amount::from_minor(total.get(c).minor() + owed(line, c), currency);
    }
  }
  return total;
}

namespace {

Status check_payment(const std::vector<InstallmentState>& state, const Amount& payment) {
  if (!payment.is_positive()) {
    return make_error(ErrorCode::kInvalid, "--amount", tr("a repayment must be positive"));
  }
  const Currency currency =
      state.empty() ? payment.currency() : state[0].due.principal.currency();
  if (!(payment.currency() == currency)) {
    return make_error(ErrorCode::kCurrencyMismatch, "--amount",
                      std::string(payment.currency().code()) + " repayment on a loan in " +
                          std::string(currency.code()));
  }
  const Amount owed_total = outstanding(state, currency).sum();
  if (payment > owed_total) {
    const Amount excess = Amount::from_minor(payment.minor() - owed_total.minor(), currency);
    return make_error(ErrorCode::kRefused, "--amount",
                      "the repayment exceeds everything owed (" + owed_total.to_string() +
                          ") by " + excess.to_string() + "; record the excess separately");
  }
  return Status::Ok();
}

}  // namespace

Result<Allocation> allocate_payment(const std::vector<InstallmentState>& state,
                                    const Amount& payment, Date date,
                                    const AllocationPolicy& policy) {
  SEMILLA_TRY(check_payment(state, payment));
  const Currency currency = payment.currency();
  Allocation out{{}, Components::zero(currency), Amount::zero(currency)};
  std::vector<MinorUnits> taken(state.size() * kComponentsCount, MinorUnits(0));
  MinorUnits remaining = payment.minor();
  const std::vector<std::size_t> order = by_due_date(state);
  if (policy.strategy == AllocationStrategy::kDueComponentFirst) {
    for (Component c : policy.order) {
      for (std::size_t i : order) {
        if (state[i].due_date <= date) take(state, i, c, remaining, taken, out);
      }
    }
  }
  for (std::size_t i : order) {
    for (Component c : policy.order) take(state, i, c, remaining, taken, out);
  }
  SEMILLA_CHECK(remaining == 0);  // check_payment bounded the payment by what is owed
  MinorUnits in_advance = 0;
  for (std::size_t i = 0; i < state.size(); ++i) {
    for (Component c : kAllComponents) {
      const MinorUnits t = taken[i * kComponentsCount + static_cast<std::size_t>(c)];
      out.totals.get(c) = Amount::from_minor(out.totals.get(c).minor() + t, currency);
      if (state[i].due_date > date) in_advance += t;
    }
  }
  out.in_advance = Amount::from_minor(in_advance, currency);
  return out;
}

std::vector<InstallmentState> apply_allocation(std::vector<InstallmentState> state,
                                               const Allocation& allocation) {
  for (const AllocationLine& line : allocation.lines) {
    auto it = std::find_if(state.begin(), state.end(), [&line](const InstallmentState& s) {
      return s.number == line.installment_number;
    });
    SEMILLA_CHECK(it != state.end());
    Amount& paid = it->paid.get(line.component);
    paid = Amount::from_minor(paid.minor() + line.amount.minor(), paid.currency());
    SEMILLA_CHECK(paid <= it->due.get(line.component));
  }
  return state;
}

}  // namespace semilla::loans
