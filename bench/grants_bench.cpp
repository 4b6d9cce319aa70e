// SPDX-License-Identifier: Apache-2.0
// Grants benchmark: the donor report of one fund over N enterprises (default 100,000), each
// with a two-tranche grant, most first tranches and some second ones paid, some in kind, and
// a few returns. The book lives on /dev/shm when it exists, so that the set-up measures the
// ledger and not the disk's fsync. Prints the set-up rate and the report's time.
//
//   bench_grants_bench [ENTERPRISES]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>

#include "ledger/book/verify.h"
#include "ledger/grants/donor_report.h"
#include "ledger/grants/grants.h"

namespace {

using namespace semilla;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void must(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "bench: %s failed\n", what);
    std::exit(1);
  }
}

constexpr int kChunk = 5000;

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

void add_enterprises(book::Book& b, int n) {
  auto tx = b.begin();
  must(tx.ok(), "begin");
  const char* kinds[] = {"individual", "individual", "individual", "family", "cooperative"};
  const char* sexes[] = {"female", "female", "male", "other", ""};
  const char* nats[] = {"VE", "CO", "EC", "VE"};
  const char* statuses[] = {"migrant", "refugee", "host", "returnee"};
  const char* provinces[] = {"Pichincha", "Imbabura", "Guayas", "Manabí", "Azuay"};
  for (int i = 0; i < n; ++i) {
    book::EnterpriseDraft d{"E" + std::to_string(i), "", kinds[i % 5], sexes[i % 5],
                            std::to_string(1950 + i % 55), nats[i % 4], statuses[(i / 4) % 4],
                            provinces[i % 5], "C" + std::to_string(i % 12)};
    must(tx->add_enterprise(d).ok(), "enterprise add");
  }
  must(tx->commit().ok(), "commit");
}

void run_grants(book::Book& b, int first, int last) {
  for (int i = first; i < last; ++i) {
    if (i % 5 >= 3) {
      must(grants::set_members(b, {"E" + std::to_string(i), std::to_string(2 + i % 7),
                                   std::to_string(1 + i % 3), "", {}}).ok(), "members");
    }
    const std::string g = "G" + std::to_string(i);
    must(grants::award(b, {g, "E" + std::to_string(i), "BIG", "2026-01-20",
                           {"300.25", "200"}}).ok(), "award");
    const bool kind = i % 4 == 0;
    must(grants::disburse(b, {g, "1", "2026-0" + std::to_string(2 + i % 3) + "-" +
                                          two(1 + i % 28),
                              kind ? "Kit" : "", kind ? "Proveedor" : "", "", ""}).ok(),
         "disburse 1");
    if (i % 3 == 0) {
      must(grants::disburse(b, {g, "2", "2026-05-" + two(1 + i % 28), "", "", "", ""}).ok(),
           "disburse 2");
    }
    if (i % 50 == 0) {
      must(grants::return_funds(b, {g, "25.10", "2026-06-" + two(1 + i % 28), "unspent"}).ok(),
           "return");
    }
  }
}

// Opens the book at `path` (creating it when `create`), replacing `b` and `db`.
void open_book(const std::string& path, bool create, std::unique_ptr<store::Store>& db,
               std::optional<book::Book>& b) {
  b.reset();
  db.reset();
  auto opened = store::open_sqlite_store(path, create);
  must(opened.ok(), "open");
  db = std::move(*opened);
  auto book = create ? book::Book::init(*db, {"USD", "Bench", "America/Guayaquil"}, "bench")
                     : book::Book::open(*db, "bench");
  must(book.ok(), "book");
  b.emplace(std::move(*book));
}

void report(book::Book& b) {
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"2026-01-01", "2026-06-30"},
                                 {"2026-04-01", "2026-06-30"}}) {
    const auto start = Clock::now();
    auto r = grants::donor_report(b, "BIG", from, to);
    const double t = seconds_since(start);
    must(r.ok() && r->reconciled, "report");
    std::printf("donor report %s..%s: %.0f ms; %lld enterprises, %lld people, closing %lld "
                "minor units, reconciled\n",
                from.c_str(), to.c_str(), t * 1000, static_cast<long long>(r->total.enterprises),
                static_cast<long long>(r->total.people.total()),
                static_cast<long long>(r->closing_minor));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
  setenv("SEMILLA_NOW", "2026-06-30T15:00:00Z", 1);
  grants::register_module();
  const std::filesystem::path dir =
      std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
  const std::string path = (dir / ("semilla-grants-bench-" + std::to_string(getpid()))).string();
  std::unique_ptr<store::Store> db;
  std::optional<book::Book> b;
  open_book(path, true, db, b);
  auto start = Clock::now();
  add_enterprises(*b, n);
  std::printf("%d enterprises added in one transaction: %.1f s\n", n, seconds_since(start));
  must(grants::add_fund(*b, {"BIG", "Donor", "USD", "2026-01-01", "2026-12-31",
                             {"seed-capital-cash=40000000", "seed-capital-in-kind=20000000"}})
           .ok(), "fund");
  must(grants::receive(*b, {"BIG", "60000000", "2026-01-10", ""}).ok(), "receive");
  start = Clock::now();
  // The store's single-row reads leave a read snapshot open on the connection, which stops
  // WAL checkpoints: reopen the book now and then so that the WAL file stays small.
  for (int first = 0; first < n; first += kChunk) {
    open_book(path, false, db, b);
    run_grants(*b, first, std::min(n, first + kChunk));
  }
  const double setup = seconds_since(start);
  auto head = db->audit_head();
  must(head.ok(), "head");
  std::printf("grant operations (members, award, disbursements, returns): %.1f s, "
              "%.0f records/s, %llu records in the book\n",
              setup, static_cast<double>(head->size) / setup,
              static_cast<unsigned long long>(head->size));
  std::fflush(stdout);
  report(*b);
  start = Clock::now();
  must(book::verify_book(*db).ok(), "verify");
  std::printf("audit verify with the grants replay: %.1f s\n", seconds_since(start));
  b.reset();
  db.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return 0;
}
