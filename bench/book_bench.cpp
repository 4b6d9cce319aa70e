// SPDX-License-Identifier: Apache-2.0
// Book benchmark: posts N generated transactions through the library in batches, then times
// the reads a finance officer makes. Prints figures; asserts nothing.
//
//   bench_book_bench [N] [ENTERPRISES]     (defaults: 1000000 and 1000)
// SEMILLA_BENCH_KEEP=1 keeps the database file for inspection. SEMILLA_BENCH_NO_PAGE_CHECKSUMS=1
// creates the book without page checksums (as before them), to measure what they cost.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

#include "audit/note_key.h"
#include "ledger/book/audit_ops.h"
#include "ledger/book/book.h"
#include "ledger/book/verify.h"
#include "ledger/store/page_checksums.h"

namespace {

using Clock = std::chrono::steady_clock;
using semilla::book::Book;
using semilla::book::TransactionDraft;

std::int64_t micros_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
}

// CPU time of this process (user + system), in µs: on a shared machine the wall clock also
// counts the time other processes held the cores.
std::int64_t cpu_micros() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000000 + u.ru_utime.tv_usec +
         u.ru_stime.tv_usec;
}

template <typename T>
T must(semilla::Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, r.error().to_string().c_str());
    std::exit(1);
  }
  return std::move(r.value());
}

void setup(Book& book, int enterprises) {
  (void)must(book.add_account({"Assets:Bank", "asset", "USD", ""}), "account");
  (void)must(book.add_account({"Equity:Donor", "equity", "", ""}), "account");
  for (int e = 0; e < enterprises; ++e) {
    const std::string id = "E" + std::to_string(e);
    (void)must(book.add_enterprise({id, "", "individual", "female", "1990", "VE", "migrant",
                                    "Pichincha", "2026-A"}),
               "enterprise");
    (void)must(book.add_account({"Assets:Receivable:" + id, "asset", "", id}), "account");
  }
}

// Transaction i: a loan movement of enterprise i % enterprises, dated over three years.
TransactionDraft draft(std::int64_t i, std::int64_t n, int enterprises) {
  const auto day = semilla::Date::from_ymd(2023, 1, 1).add_days(i * 1095 / n);
  const std::string amount = std::to_string(1 + i % 997) + "." + std::to_string(10 + i % 90);
  const std::string loans = "Assets:Receivable:E" + std::to_string(i % enterprises);
  const bool out = i % 3 != 0;
  return TransactionDraft{day.to_string(), "bench", "", "",
                          {{out ? loans : "Assets:Bank", amount, "", true, "d"},
                           {out ? "Assets:Bank" : loans, amount, "", false, "c"}},
                          ""};
}

void print_rate(const char* what, std::int64_t count, std::int64_t us, std::int64_t cpu_us) {
  std::printf("%-34s %10lld in %8lld ms  = %9lld /s  (cpu %lld ms = %lld /s)\n", what,
              static_cast<long long>(count), static_cast<long long>(us / 1000),
              static_cast<long long>(us > 0 ? count * 1000000 / us : 0),
              static_cast<long long>(cpu_us / 1000),
              static_cast<long long>(cpu_us > 0 ? count * 1000000 / cpu_us : 0));
}

void time_reads(Book& book) {
  for (const char* as_of : {"", "2024-06-30"}) {
    auto start = Clock::now();
    auto rows = must(book.balances("", as_of), "trial balance");
    std::printf("trial-balance%-21s %10zu rows  %8lld us\n",
                *as_of ? " --as-of 2024-06-30" : "", rows.size(),
                static_cast<long long>(micros_since(start)));
  }
  auto start = Clock::now();
  auto prefix = must(book.balances("Assets:Bank", ""), "balance");
  std::printf("balance Assets:Bank                %10zu rows  %8lld us\n", prefix.size(),
              static_cast<long long>(micros_since(start)));
  for (const char* from : {"2025-03-01", "2023-01-01"}) {
    start = Clock::now();
    auto st = must(book.statement("E7", from, "2025-03-31"), "statement");
    std::printf("statement E7 %s..2025-03-31 %6zu lines %8lld us\n", from, st.entries.size(),
                static_cast<long long>(micros_since(start)));
  }
}

// Checkpoint signing, then proofs of random records (generation and check, per proof).
void time_audit(semilla::store::Store& store) {
  auto signer = must(semilla::audit::NoteSigner::generate("bench.example.org/audit"), "key");
  auto start = Clock::now();
  (void)must(semilla::book::sign_checkpoint(store, signer, "", "bench"), "checkpoint");
  std::printf("audit checkpoint (sign and store)   %8lld us\n",
              static_cast<long long>(micros_since(start)));
  const auto size = must(semilla::book::log_size(store), "size");
  const std::uint64_t proofs = 1000;
  std::vector<nlohmann::json> docs;
  start = Clock::now();
  for (std::uint64_t i = 0; i < proofs; ++i) {
    const std::uint64_t seq = (i * 2654435761ULL) % (size - 1);
    docs.push_back(must(semilla::book::prove_inclusion(store, seq, size - 1), "prove"));
  }
  const auto prove_us = micros_since(start);
  start = Clock::now();
  for (const auto& d : docs) (void)must(semilla::book::check_proof(d, &store, {}, {}), "check");
  const auto check_us = micros_since(start);
  std::printf("inclusion proof, tree of %llu: generate %lld us, check %lld us (per proof)\n",
              static_cast<unsigned long long>(size - 1),
              static_cast<long long>(prove_us / static_cast<std::int64_t>(proofs)),
              static_cast<long long>(check_us / static_cast<std::int64_t>(proofs)));
  start = Clock::now();
  auto consistency = must(semilla::book::prove_consistency(store, size / 3, size - 1), "prove");
  (void)must(semilla::book::check_proof(consistency, &store, {}, {}), "check");
  std::printf("consistency proof %llu -> %llu: generate and check %lld us\n",
              static_cast<unsigned long long>(size / 3),
              static_cast<unsigned long long>(size - 1),
              static_cast<long long>(micros_since(start)));
}

}  // namespace

int main(int argc, char** argv) {
  const std::int64_t n = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const int enterprises = argc > 2 ? std::atoi(argv[2]) : 1000;
  const std::int64_t batch_size = 10000;
  const std::string path = "/tmp/semilla-bench-" + std::to_string(getpid()) + ".db";
  setenv("SEMILLA_NOW", "2026-06-30T12:00:00Z", 1);
  const bool checksums = std::getenv("SEMILLA_BENCH_NO_PAGE_CHECKSUMS") == nullptr;
  auto store = must(semilla::store::open_sqlite_store(
                        path, {semilla::store::OpenMode::kCreate, 30'000, checksums}),
                    "open");
  Book book = must(Book::init(*store, {"USD", "bench", "UTC"}, "bench"), "init");
  setup(book, enterprises);
  std::printf("Semilla book benchmark: %lld transactions, %d enterprises, batches of %lld\n",
              static_cast<long long>(n), enterprises, static_cast<long long>(batch_size));
  auto start = Clock::now();
  auto cpu = cpu_micros();
  for (std::int64_t i = 0; i < n; i += batch_size) {
    std::vector<TransactionDraft> batch;
    for (std::int64_t k = i; k < std::min(n, i + batch_size); ++k) {
      batch.push_back(draft(k, n, enterprises));
    }
    auto posted = book.post_batch(batch);
    if (!posted.ok()) {
      std::fprintf(stderr, "post: %s\n", posted.error().front().to_string().c_str());
      return 1;
    }
  }
  print_rate("post (library, batched)", n, micros_since(start), cpu_micros() - cpu);
  store.reset();  // closing checkpoints the WAL into the file, so the size is the book's
  const std::uintmax_t size = std::filesystem::file_size(path);
  std::printf("database size                      %10llu MiB (%llu bytes/transaction)\n",
              static_cast<unsigned long long>(size >> 20),
              static_cast<unsigned long long>(size / static_cast<std::uintmax_t>(n)));
  store = must(semilla::store::open_sqlite_store(path, false), "reopen");
  book = must(Book::open(*store, "bench"), "reopen");
  time_reads(book);
  time_audit(*store);
  start = Clock::now();
  cpu = cpu_micros();
  auto report = must(semilla::book::verify_book(*store), "verify");
  print_rate("audit verify (records)", static_cast<std::int64_t>(report.records),
             micros_since(start), cpu_micros() - cpu);
  start = Clock::now();
  cpu = cpu_micros();
  auto pages = semilla::store::check_page_checksums(path, 4096);
  if (pages.ok()) {
    print_rate("page checksum scan (pages)", static_cast<std::int64_t>(*pages),
               micros_since(start), cpu_micros() - cpu);
  } else {
    std::printf("page checksum scan                 none (%s)\n",
                pages.error().message.substr(0, 40).c_str());
  }
  std::error_code ec;
  if (std::getenv("SEMILLA_BENCH_KEEP") == nullptr) std::filesystem::remove(path, ec);
  std::filesystem::remove(path + "-wal", ec);
  std::filesystem::remove(path + "-shm", ec);
  return 0;
}
