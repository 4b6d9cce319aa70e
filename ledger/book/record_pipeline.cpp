// SPDX-License-Identifier: Apache-2.0
#include "ledger/book/record_pipeline.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "ledger/base/lang.h"

namespace semilla::book {
namespace {

// Records travel in batches, so that the two threads meet at the lock once per batch, not
// once per record. The reader stays close ahead (at most a few hundred records), so that a
// record is still in the cache when the replay takes it: with 16 batches of 256 waiting, the
// 100,000-transaction book took 20 % longer than with 3 batches of 64.
constexpr std::size_t kBatchSize = 64;
constexpr std::size_t kBatchesWaiting = 3;

using Batch = std::vector<PipedRecord>;

// Full batches go from the reader to the taker, and spent ones come back: a record's memory
// (its parsed payload is hundreds of small blocks) is freed by the thread that allocated it.
// Freed by the other thread, glibc's allocator spent more time than the reading saved.
class Handover {
 public:
  // Reader side: false when the taker has stopped.
  bool put(Batch&& batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || full_.size() < kBatchesWaiting; });
    if (stopped_) return false;
    full_.push_back(std::move(batch));
    changed_.notify_all();
    return true;
  }
  // Reader side: an empty batch to fill, the records of a spent one freed here.
  Batch empty_batch() {
    Batch batch;
    {
      std::lock_guard lock(mutex_);
      if (!spent_.empty()) {
        batch = std::move(spent_.front());
        spent_.pop_front();
      }
    }
    batch.clear();
    batch.reserve(kBatchSize);
    return batch;
  }
  void finish(Status status) {
    std::lock_guard lock(mutex_);
    read_status_ = std::move(status);
    finished_ = true;
    changed_.notify_all();
  }
  // Taker side: false when the reader has finished and every batch was taken.
  bool take(Batch& batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !full_.empty() || finished_; });
    if (full_.empty()) return false;
    batch = std::move(full_.front());
    full_.pop_front();
    changed_.notify_all();
    return true;
  }
  void give_back(Batch&& batch) {
    std::lock_guard lock(mutex_);
    spent_.push_back(std::move(batch));
  }
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }
  // After the reader thread has ended.
  Status read_status() const { return read_status_; }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> full_;
  std::deque<Batch> spent_;
  bool finished_ = false;
  bool stopped_ = false;
  Status read_status_ = Status::Ok();
};

}  // namespace

Status pipeline_records(
    const std::function<Status(const store::Visitor<store::StoredRecord>&)>& read,
    const std::function<Status(PipedRecord&)>& take) {
  Handover handover;
  std::thread reader([&] {
    Batch batch = handover.empty_batch();
    const Error stopped = make_error(ErrorCode::kEnvironment, "", tr("reading stopped"));
    Status status = Status::Ok();
    try {
      status = read([&](const store::StoredRecord& r) -> Status {
        batch.push_back(
            PipedRecord{audit::open_stored_record(r.seq, r.bytes, r.hash), r.kind});
        if (batch.size() < kBatchSize) return Status::Ok();
        if (!handover.put(std::move(batch))) return stopped;
        batch = handover.empty_batch();
        return Status::Ok();
      });
      // The records read before a read error are taken before it, as on one thread.
      if (!batch.empty()) handover.put(std::move(batch));
    } catch (const std::exception& e) {
      // Out of memory, mostly: a failure of this process, not of the book.
      status = make_error(ErrorCode::kEnvironment, "",
                          std::string("reading records: ") + e.what());
    }
    handover.finish(std::move(status));
  });
  Status taken = Status::Ok();
  Batch batch;
  while (taken.ok() && handover.take(batch)) {
    for (auto& r : batch) {
      taken = take(r);
      if (!taken.ok()) break;
    }
    handover.give_back(std::move(batch));
  }
  if (!taken.ok()) handover.stop();
  reader.join();
  return taken.ok() ? handover.read_status() : taken;
}

}  // namespace semilla::book
