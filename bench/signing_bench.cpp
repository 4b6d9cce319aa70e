// SPDX-License-Identifier: Apache-2.0
// Officer signatures (issue 11): the cost per record of signing a record (what every write of
// a book with officers adds) and of checking its signature (what `audit verify` and `book
// import` add), alone and through SignatureCheck's worker threads beside a replay. Records
// are a typical transaction.post of about 400 bytes. Prints figures; asserts nothing.
//
//   bench_signing_bench [N]     (default: 100000; the figures are per record, and N records
//                                at the per-record cost give the time at 1M)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "audit/note_key.h"
#include "audit/record_signature.h"
#include "ledger/book/signature_check.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// A transaction.post record's bytes, unsigned, with a different seq each.
std::string record(std::size_t seq) {
  return "{\"actor\":\"luis\",\"kind\":\"transaction.post\",\"payload\":{\"date\":\"2026-01-02\","
         "\"enterprise\":null,\"id\":" + std::to_string(seq) + ",\"memo\":\"Repayment " +
         std::to_string(seq) + "\",\"postings\":[{\"account\":\"Assets:Bank\",\"account_id\":1,"
         "\"amount\":\"10.00\",\"currency\":\"USD\"},{\"account\":\"Equity:D\",\"account_id\""
         ":2,\"amount\":\"-10.00\",\"currency\":\"USD\"}],\"reason\":\"\",\"ref\":null,"
         "\"reverses\":null},\"prev\":\"" + std::string(64, 'a') + "\",\"seq\":" +
         std::to_string(seq) + ",\"time\":\"2026-06-30T15:00:00.000Z\",\"v\":1}";
}

void line(const char* what, std::size_t n, double wall, double cpu) {
  // At 1M records, from the CPU time: on a shared machine the wall clock also counts the time
  // other processes held the cores.
  std::printf("%-44s %8.1f us/record wall %8.1f us/record CPU   1M records: %6.1f s CPU\n",
              what, wall * 1e6 / static_cast<double>(n), cpu * 1e6 / static_cast<double>(n),
              cpu * 1e6 / static_cast<double>(n));
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  const auto signer = semilla::audit::NoteSigner::generate("luis").value();
  auto key = std::make_shared<const semilla::audit::NoteVerifier>(signer.verifier());
  std::vector<std::string> messages, sigs;
  messages.reserve(n);
  sigs.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    messages.push_back(semilla::audit::with_signer(record(i), "luis").value());
  }
  std::printf("%zu records, %u cores\n", n, std::thread::hardware_concurrency());

  auto start = Clock::now();
  double cpu = cpu_seconds();
  for (const auto& m : messages) sigs.push_back(signer.sign(m).value());
  line("sign (a writer, one core)", n, seconds_since(start), cpu_seconds() - cpu);

  start = Clock::now();
  cpu = cpu_seconds();
  std::size_t good = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (key->verify(messages[i], sigs[i]).value()) ++good;
  }
  line("verify (one core)", n, seconds_since(start), cpu_seconds() - cpu);

  const unsigned cores = std::thread::hardware_concurrency();
  const unsigned workers = cores > 1 ? cores - 1 : 1;
  start = Clock::now();
  cpu = cpu_seconds();
  {
    semilla::book::SignatureCheck check(workers);
    for (std::size_t i = 0; i < n; ++i) check.add(i, key, "luis", messages[i], sigs[i]);
    if (!check.finish().ok()) std::printf("a signature failed\n");
  }
  const std::string label = "verify (SignatureCheck, " + std::to_string(workers) + " workers)";
  line(label.c_str(), n, seconds_since(start), cpu_seconds() - cpu);
  std::printf("%zu of %zu signatures verified\n", good, n);
  return 0;
}
