// SPDX-License-Identifier: Apache-2.0
#include "ledger/base/error.h"

namespace semilla {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid: return "invalid";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kAlreadyExists: return "already_exists";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kUnbalanced: return "unbalanced";
    case ErrorCode::kCurrencyMismatch: return "currency_mismatch";
    case ErrorCode::kLimitExceeded: return "limit_exceeded";
    case ErrorCode::kRefused: return "refused";
    case ErrorCode::kUsage: return "usage";
    case ErrorCode::kVerifyFailed: return "verify_failed";
    case ErrorCode::kEnvironment: return "environment";
  }
  return "unknown";
}

int exit_code_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUsage: return 2;
    case ErrorCode::kVerifyFailed: return 3;
    case ErrorCode::kEnvironment: return 4;
    default: return 1;
  }
}

std::string Error::to_string() const {
  if (field.empty()) return message;
  return field + ": " + message;
}

Error make_error(ErrorCode code, std::string field, std::string message) {
  return Error{code, std::move(field), std::move(message)};
}

Error damaged_book_error(const std::string& what) {
  return make_error(ErrorCode::kVerifyFailed, "--db",
                    "the book file is damaged: " + what +
                        "; nothing was changed (`semilla audit verify` names what is damaged; "
                        "restore the book from a backup or from its export)");
}

}  // namespace semilla
