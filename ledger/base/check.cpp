// SPDX-License-Identifier: Apache-2.0
#include "ledger/base/check.h"

namespace semilla {

void check_failed(const char* expr, const char* file, int line) {
  throw InvariantViolation(std::string("invariant violated: ") + expr + " at " + file + ":" +
                           std::to_string(line));
}

}  // namespace semilla
