// SPDX-License-Identifier: Apache-2.0
// Exchange benchmark: imports one batch file of N transactions (after the enterprises and
// accounts it needs), then exports the same book as a bundle and as a journal, exports and
// signs one enterprise's statement, and restores the bundle into a new database.
// Prints figures; asserts nothing.
//
//   bench_exchange_bench [N] [ENTERPRISES]     (defaults: 1000000 and 100)
// Figures are wall clock, and CPU time of the process (what it costs on a busy machine).
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "audit/canonical_json.h"
#include "ledger/book/bundle.h"
#include "ledger/book/restore.h"
#include "ledger/exchange/batch.h"
#include "ledger/exchange/document.h"
#include "ledger/exchange/journal.h"
#include "ledger/exchange/statement.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

std::int64_t millis_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// CPU time of this process (user + system), in ms: on a shared machine the wall clock also
// counts the time other processes held the cores.
std::int64_t cpu_millis() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000 +
         (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000;
}

template <typename T, typename E>
T must(semilla::Result<T, E> r, const char* what) {
  if (!r.ok()) {
    if constexpr (std::is_same_v<E, semilla::Errors>) {
      std::fprintf(stderr, "%s: %s\n", what, r.error().front().to_string().c_str());
    } else {
      std::fprintf(stderr, "%s: %s\n", what, r.error().to_string().c_str());
    }
    std::exit(1);
  }
  return std::move(r.value());
}

void must(const semilla::Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.error().to_string().c_str());
    std::exit(1);
  }
}

// The batch file: enterprises and their receivable accounts (plain accounts: the loan module
// owns Assets:Loans:*), then n transactions, each moving
// money between the bank and enterprise i % enterprises, dated over three years.
void write_batch(const std::string& path, std::int64_t n, int enterprises) {
  std::ofstream out(path, std::ios::binary);
  out << R"({"format":"semilla-batch","version":1,"operations":[)"
      << R"({"type":"account","name":"Assets:Bank","account_type":"asset","currency":"USD"})";
  for (int e = 0; e < enterprises; ++e) {
    const std::string id = "E" + std::to_string(e);
    out << R"(,{"type":"enterprise","id":")" << id << R"(","sex":"female","cohort":"2026-A"})"
        << R"(,{"type":"account","name":"Assets:Receivable:)" << id
        << R"(","account_type":"asset","enterprise":")" << id << R"("})";
  }
  const auto first = semilla::Date::from_ymd(2023, 1, 1);
  for (std::int64_t i = 0; i < n; ++i) {
    const std::string day = first.add_days(i * 1095 / n).to_string();
    const std::string loans = "Assets:Receivable:E" + std::to_string(i % enterprises);
    const bool disburse = i % 4 == 0;
    const std::string amount = std::to_string(10 + i % 990) + "." + std::to_string(10 + i % 90);
    out << R"(,{"type":"transaction","external_id":"b-)" << i << R"(","date":")" << day
        << R"(","postings":[{"account":")" << (disburse ? loans : "Assets:Bank")
        << R"(","side":"debit","amount":")" << amount << R"("},{"account":")"
        << (disburse ? "Assets:Bank" : loans) << R"(","side":"credit","amount":")" << amount
        << R"("}]})";
  }
  out << "]}";
}

}  // namespace

namespace {

void bench_exports(semilla::book::Book& book, const std::string& dir, std::int64_t n) {
  auto start = Clock::now();
  {
    std::ofstream out(dir + "/book.json", std::ios::binary);
    must(semilla::book::export_bundle(book.store(), out), "book export");
  }
  std::printf("book export (bundle):  %7lld ms  %lld MB\n",
              static_cast<long long>(millis_since(start)),
              static_cast<long long>(fs::file_size(dir + "/book.json") >> 20));
  start = Clock::now();
  {
    std::ofstream out(dir + "/book.journal", std::ios::binary);
    must(semilla::exchange::export_journal(book.store(), out), "journal export");
  }
  std::printf("journal export:        %7lld ms\n", static_cast<long long>(millis_since(start)));
  start = Clock::now();
  auto doc = must(semilla::exchange::build_statement(book, {"E7", "2023-01-01", "2025-12-31",
                                                            "bench"}),
                  "statement");
  auto signer = must(semilla::audit::NoteSigner::generate("bench.example.org/statements"),
                     "key");
  doc = must(semilla::exchange::sign_statement(std::move(doc), signer), "sign");
  const auto bytes = must(semilla::audit::canonical_json(doc), "canonical");
  std::printf("statement export E7:   %7lld ms  %zu entries, %zu bytes, signed\n",
              static_cast<long long>(millis_since(start)), doc["statement"]["entries"].size(),
              bytes.size());
  start = Clock::now();
  auto copy = must(semilla::store::open_sqlite_store(dir + "/copy.db", true), "open copy");
  std::ifstream in(dir + "/book.json", std::ios::binary);
  auto report = must(semilla::book::restore_bundle(*copy, in), "book import");
  const auto ms = millis_since(start);
  std::printf("book import (restore): %7lld ms  %llu records, %lld records/s\n",
              static_cast<long long>(ms), static_cast<unsigned long long>(report.records),
              static_cast<long long>(ms > 0 ? n * 1000 / ms : 0));
}

}  // namespace

int main(int argc, char** argv) {
  const std::int64_t n = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
  const int enterprises = argc > 2 ? std::atoi(argv[2]) : 100;
  setenv("SEMILLA_NOW", "2026-06-30T15:00:00Z", 1);
  char tmpl[] = "/tmp/semilla-exchange-bench-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  write_batch(dir + "/batch.json", n, enterprises);
  std::printf("batch file: %lld transactions, %lld MB\n", static_cast<long long>(n),
              static_cast<long long>(fs::file_size(dir + "/batch.json") >> 20));
  auto store = must(semilla::store::open_sqlite_store(dir + "/book.db", true), "open");
  auto book = must(semilla::book::Book::init(*store, {"USD", "bench", "UTC"}, "bench"), "init");
  auto start = Clock::now();
  const auto cpu_start = cpu_millis();
  // The bench file may exceed the CLI's document limit: it measures the importer, not it.
  auto text = must(semilla::exchange::read_document_file(dir + "/batch.json", "FILE",
                                                         std::uintmax_t{1} << 40),
                   "read");
  auto doc = must(semilla::exchange::parse_document(text, "FILE"), "parse");
  text = std::string();
  const auto parse_ms = millis_since(start);
  const auto parse_cpu = cpu_millis() - cpu_start;
  auto check = Clock::now();
  auto check_cpu = cpu_millis();
  const bool valid = semilla::exchange::validate_schema(doc, semilla::exchange::SchemaId::kBatch)
                         .empty();
  const auto schema_ms = millis_since(check);
  check_cpu = cpu_millis() - check_cpu;
  auto apply = Clock::now();
  auto import_cpu = cpu_millis();
  auto report = must(semilla::exchange::import_batch(book, doc), "import");
  const auto import_ms = millis_since(apply);
  import_cpu = cpu_millis() - import_cpu;
  const auto total = parse_ms + import_ms;
  const auto total_cpu = parse_cpu + import_cpu;
  std::printf("read + parse:          %7lld ms  (cpu %lld ms)\n", static_cast<long long>(parse_ms),
              static_cast<long long>(parse_cpu));
  std::printf("schema check alone:    %7lld ms  (cpu %lld ms, valid: %s)\n",
              static_cast<long long>(schema_ms), static_cast<long long>(check_cpu),
              valid ? "yes" : "no");
  std::printf("import (schema, rules, hashing, commit): %lld ms  (cpu %lld ms)\n",
              static_cast<long long>(import_ms), static_cast<long long>(import_cpu));
  std::printf("batch import total:    %7lld ms  %lld transactions/s (%zu posted)\n",
              static_cast<long long>(total),
              static_cast<long long>(total > 0 ? n * 1000 / total : 0),
              report.transactions_posted);
  std::printf("  on cpu time:         %7lld ms  %lld transactions/s\n",
              static_cast<long long>(total_cpu),
              static_cast<long long>(total_cpu > 0 ? n * 1000 / total_cpu : 0));
  doc = nlohmann::json();
  // SEMILLA_BENCH_IMPORT_ONLY=1 stops here (profiling the import).
  if (std::getenv("SEMILLA_BENCH_IMPORT_ONLY") == nullptr) bench_exports(book, dir, n);
  if (std::getenv("SEMILLA_BENCH_KEEP") == nullptr) fs::remove_all(dir);
  return 0;
}
