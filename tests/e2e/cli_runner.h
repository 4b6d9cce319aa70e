// SPDX-License-Identifier: Apache-2.0
// Runs the real `semilla` binary for end-to-end tests: each test gets a fresh book file in a
// temporary directory and a fixed clock.
#pragma once

#include <string>
#include <vector>

namespace semilla::e2e {

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

class Cli {
 public:
  // A fresh temporary directory with book path dir()/book.db; SEMILLA_NOW is fixed to
  // 2026-06-30T15:00:00Z unless the test changes now().
  Cli();
  ~Cli();
  Cli(const Cli&) = delete;
  Cli& operator=(const Cli&) = delete;

  // Runs `semilla --db BOOK args...` (no shell is involved in splitting the arguments).
  RunResult run(const std::vector<std::string>& args) const;
  // Runs `semilla --db BOOK args...` with stdout discarded and stderr appended to `err_path`:
  // for tests that run many commands at once from several processes. Returns the exit code.
  int run_quietly(const std::vector<std::string>& args, const std::string& err_path) const;
  // Runs and expects exit code 0; the test fails with stderr otherwise.
  std::string ok(const std::vector<std::string>& args) const;
  // Runs the sqlite3 command-line tool on the book, as someone tampering with it would.
  void sql(const std::string& statements) const;

  [[nodiscard]] const std::string& dir() const { return dir_; }
  [[nodiscard]] std::string db() const { return book.empty() ? dir_ + "/book.db" : book; }
  std::string now = "2026-06-30T15:00:00Z";
  // More environment variables for the commands ("NAME=value").
  std::vector<std::string> env;
  // The book file, dir()/book.db unless a test points at another.
  std::string book;

 private:
  std::vector<std::string> environment() const;
  std::string dir_;
};

// `audit verify` passes on the book, and its `book export` imports into a new book that
// verifies too (issue 10: a book verifies exactly when it imports).
void expect_verifies_and_imports(const Cli& cli);

// A small book: USD, accounts for bank, donor equity, grants expense, two enterprises with
// their loan accounts.
void make_sample_book(const Cli& cli);

// Runs parts of the example programme (examples/parts/NAME.sh) on the book of `cli`, as
// examples/semillas.sh does, with `cli`'s clock and its directory for the files they write.
// The test fails with the parts' output when one fails.
void run_example_parts(const Cli& cli, const std::vector<std::string>& parts);

// The example programme's `parts` run once per test binary on a book of their own, then that
// book copied over the book of `cli` (copy_book): for the tests that start from the example.
void copy_example_parts(const Cli& cli, const std::vector<std::string>& parts);

// Copies the book of `from` (its file and write-ahead log) over the book of `to`.
void copy_book(const Cli& from, const Cli& to);

// A file's bytes (empty when it cannot be read), and a file replaced by `bytes`.
std::string slurp(const std::string& path);
void spit(const std::string& path, const std::string& bytes);

}  // namespace semilla::e2e
