// SPDX-License-Identifier: Apache-2.0
// SEMILLA_CHECK(cond): an invariant that cannot fail unless the program has a bug. It stays on
// in release builds (TigerBeetle, SQLite's ALWAYS): a ledger that continues past a broken
// invariant writes wrong books. A failure throws InvariantViolation, which the CLI reports as
// an internal error with exit code 70 (EX_SOFTWARE).
#pragma once

#include <stdexcept>
#include <string>

namespace semilla {

class InvariantViolation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] void check_failed(const char* expr, const char* file, int line);

}  // namespace semilla

#define SEMILLA_CHECK(cond) \
  ((cond) ? static_cast<void>(0) : ::semilla::check_failed(#cond, __FILE__, __LINE__))
