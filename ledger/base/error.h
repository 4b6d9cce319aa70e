// SPDX-License-Identifier: Apache-2.0
// Errors a user can cause, as values. Exceptions are reserved for bugs (SEMILLA_CHECK) and are
// caught only at the program's edge; library exceptions (SQLiteCpp, nlohmann) are converted to
// an Error at the module boundary that calls the library.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace semilla {

// What went wrong, coarse enough to map onto an exit code, fine enough for a test to assert.
enum class ErrorCode {
  kInvalid,           // malformed value: bad amount, date, name, unknown currency code
  kNotFound,          // a named thing (account, enterprise, transaction) does not exist
  kAlreadyExists,     // a unique name or id is taken
  kConflict,          // same external reference with different content, a second reversal
  kUnbalanced,        // a transaction's postings do not sum to zero in some currency
  kCurrencyMismatch,  // amount in a currency the account or operation does not accept
  kLimitExceeded,     // a limit of limits.h, or an amount beyond the representable range
  kRefused,           // a business rule refuses the operation (closed period, future date...)
  kUsage,             // the command line itself is malformed
  kVerifyFailed,      // audit verification found a mismatch
  kEnvironment,       // disk, database busy or corrupt, unreadable file
};

// Stable, snake_case name of a code, for --json output and tests.
[[nodiscard]] const char* error_code_name(ErrorCode code);

// Process exit code for an error code (documented in docs/cli.md):
// 1 input refused, 2 usage, 3 verification failed, 4 environment failure.
[[nodiscard]] int exit_code_for(ErrorCode code);

// One problem: a code, the path of the offending field ("--debit", "/postings/1/amount", or
// empty when no single field is to blame) and a sentence a finance officer can act on.
struct Error {
  ErrorCode code = ErrorCode::kInvalid;
  std::string field;
  std::string message;

  // "field: message", or just the message when no field is named.
  [[nodiscard]] std::string to_string() const;
};

[[nodiscard]] Error make_error(ErrorCode code, std::string field, std::string message);

// kVerifyFailed on "--db": "the book file is damaged: WHAT; nothing was changed ...". For a
// file whose pages, rows or log head are not what Semilla wrote: exit 3, as a failed verify.
[[nodiscard]] Error damaged_book_error(const std::string& what);

// A list of problems found in one pass, so that a user sees every mistake at once (beancount).
using Errors = std::vector<Error>;

// Either a value or the error that prevented it. Small on purpose: C++20 has no std::expected.
// E is Error, or Errors where a validation pass reports every problem at once.
template <typename T, typename E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(E error) : v_(std::move(error)) {}          // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Precondition: ok(). Calling value() on an error is a bug and throws std::bad_variant_access.
  [[nodiscard]] T& value() & { return std::get<0>(v_); }
  [[nodiscard]] const T& value() const& { return std::get<0>(v_); }
  [[nodiscard]] T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // Precondition: !ok().
  [[nodiscard]] const E& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, E> v_;
};

// Result<void>: success or one Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  [[nodiscard]] static Status Ok() { return Status(); }

  [[nodiscard]] bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  [[nodiscard]] const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace semilla

// Propagate a failed Status or Result<T> from an expression to the caller.
#define SEMILLA_TRY(expr)                                   \
  do {                                                      \
    auto semilla_try_result_ = (expr);                      \
    if (!semilla_try_result_.ok()) return semilla_try_result_.error(); \
  } while (false)
