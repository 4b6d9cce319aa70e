// SPDX-License-Identifier: Apache-2.0
// Internal to ledger/book: the officers' signatures of a replayed log, checked beside the
// replay. An Ed25519 verification costs about 65 µs, several times a record's replay, so the
// replay only decides which key must have signed which bytes (in order: that depends on the
// officer records before) and hands the check to worker threads; a failure is reported by
// the record's seq, the lowest one when several fail.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "audit/note_key.h"
#include "ledger/base/error.h"

namespace semilla::book {

class SignatureCheck {
 public:
  // Starts `workers` threads (at least one).
  explicit SignatureCheck(unsigned workers);
  SignatureCheck(const SignatureCheck&) = delete;
  SignatureCheck& operator=(const SignatureCheck&) = delete;
  // Stops the workers, dropping what is still queued.
  ~SignatureCheck();

  // Queues the check that `sig` is `key`'s Ed25519 signature of `message`, for record `seq`
  // signed by officer `signer`. Waits while too many checks are queued (bounded memory).
  void add(std::uint64_t seq, std::shared_ptr<const audit::NoteVerifier> key,
           std::string signer, std::string message, std::string sig);

  // Waits for every queued check. kVerifyFailed naming the lowest record whose signature
  // does not verify ("record 12: sig: not officer "ana"'s signature ..."); kEnvironment when
  // OpenSSL fails.
  [[nodiscard]] Status finish();
  // After finish(): the seq of that record, if any.
  [[nodiscard]] std::optional<std::uint64_t> failed_seq();

 private:
  struct Item {
    std::uint64_t seq = 0;
    std::shared_ptr<const audit::NoteVerifier> key;
    std::string signer, message, sig;
  };
  void run();
  void submit(std::vector<Item> batch);
  void fail(std::uint64_t seq, Error e);

  std::vector<Item> filling_;  // the replay's batch being filled (only the replay touches it)
  std::mutex mutex_;
  std::condition_variable work_, room_, idle_;
  std::deque<std::vector<Item>> batches_;
  std::size_t busy_ = 0;
  bool stop_ = false;
  std::optional<std::uint64_t> failed_seq_;
  std::optional<Error> failure_;
  std::vector<std::thread> workers_;
};

}  // namespace semilla::book
