// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/signature_check.h"

#include <utility>

namespace semilla::book {
namespace {

// Records per batch handed to a worker: few lock round trips, little latency at the end.
constexpr std::size_t kBatchRecords = 256;
// Batches queued at most: about 64 * 256 records of a few hundred bytes, some 8 MB.
constexpr std::size_t kBatchesQueuedMax = 64;

}  // namespace

SignatureCheck::SignatureCheck(unsigned workers) {
  for (unsigned i = 0; i < (workers == 0 ? 1U : workers); ++i) {
    workers_.emplace_back([this] { run(); });
  }
}

SignatureCheck::~SignatureCheck() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  work_.notify_all();
  room_.notify_all();
  for (auto& w : workers_) w.join();
}

void SignatureCheck::add(std::uint64_t seq, std::shared_ptr<const audit::NoteVerifier> key,
                         std::string signer, std::string message, std::string sig) {
  filling_.push_back(Item{seq, std::move(key), std::move(signer), std::move(message),
                          std::move(sig)});
  if (filling_.size() >= kBatchRecords) submit(std::exchange(filling_, {}));
}

void SignatureCheck::submit(std::vector<Item> batch) {
  if (batch.empty()) return;
  std::unique_lock lock(mutex_);
  room_.wait(lock, [this] { return stop_ || batches_.size() < kBatchesQueuedMax; });
  batches_.push_back(std::move(batch));
  lock.unlock();
  work_.notify_one();
}

void SignatureCheck::fail(std::uint64_t seq, Error e) {
  std::lock_guard lock(mutex_);
  if (!failed_seq_ || seq < *failed_seq_) {
    failed_seq_ = seq;
    failure_ = std::move(e);
  }
}

void SignatureCheck::run() {
  for (;;) {
    std::vector<Item> batch;
    {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [this] { return stop_ || !batches_.empty(); });
      if (stop_) return;
      batch = std::move(batches_.front());
      batches_.pop_front();
      ++busy_;
    }
    room_.notify_one();
    for (const Item& item : batch) {
      auto ok = item.key->verify(item.message, item.sig);
      if (!ok.ok()) {
        fail(item.seq, ok.error());
      } else if (!*ok) {
        fail(item.seq, make_error(ErrorCode::kVerifyFailed, "record " + std::to_string(item.seq),
                                  "sig: not a signature of this record by officer \"" +
                                      item.signer + "\"'s key (" + item.key->to_string() +
                                      "): the record was altered or signed by another key"));
      }
    }
    {
      std::lock_guard lock(mutex_);
      --busy_;
    }
    idle_.notify_all();
  }
}

Status SignatureCheck::finish() {
  submit(std::exchange(filling_, {}));
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return batches_.empty() && busy_ == 0; });
  if (failure_) return *failure_;
  return Status::Ok();
}

std::optional<std::uint64_t> SignatureCheck::failed_seq() {
  std::lock_guard lock(mutex_);
  return failed_seq_;
}

}  // namespace semilla::book
