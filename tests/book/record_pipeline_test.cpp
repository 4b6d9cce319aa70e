// SPDX-License-Identifier: Apache-2.0
// Reading records on a second thread (record_pipeline.h): the records arrive in order, a
// failure stops the reader, and the verdict on a damaged log is the one-thread verdict.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "audit/chain.h"
#include "audit/merkle.h"
#include "ledger/book/record_pipeline.h"

namespace semilla::book {
namespace {

// A chained log of `n` small records, as a store would hand them over.
std::vector<store::StoredRecord> chained_log(std::uint64_t n) {
  std::vector<store::StoredRecord> log;
  audit::Hash prev = audit::genesis_prev();
  for (std::uint64_t seq = 0; seq < n; ++seq) {
    auto sealed = audit::seal(audit::Record{seq, "2026-06-30T12:00:00.000Z", "ana", "test.entry",
                                            {{"n", seq}}, prev});
    EXPECT_TRUE(sealed.ok());
    prev = sealed->hash;
    log.push_back({seq, "test.entry", sealed->bytes, sealed->hash});
  }
  return log;
}

// `read` for pipeline_records over `log`, counting the records it reads.
auto reader_of(const std::vector<store::StoredRecord>& log, std::atomic<std::size_t>& read) {
  return [&log, &read](const store::Visitor<store::StoredRecord>& visit) -> Status {
    for (const auto& r : log) {
      ++read;
      SEMILLA_TRY(visit(r));
    }
    return Status::Ok();
  };
}

// The verdict of linking `log` in order, on this thread alone or through the pipeline.
std::string one_thread_verdict(const std::vector<store::StoredRecord>& log) {
  audit::ChainVerifier chain;
  for (const auto& r : log) {
    auto s = chain.next(r.seq, r.bytes, r.hash);
    if (!s.ok()) return s.error().to_string();
  }
  return "ok";
}

std::string pipelined_verdict(const std::vector<store::StoredRecord>& log) {
  audit::ChainVerifier chain;
  std::atomic<std::size_t> read = 0;
  Status s = pipeline_records(reader_of(log, read), [&](PipedRecord& r) { return chain.link(r.opened); });
  return s.ok() ? "ok" : s.error().to_string();
}

TEST(RecordPipeline, HandsEveryRecordOverInOrderWithItsLeafAndKind) {
  const auto log = chained_log(5000);  // many batches, the last one partial
  std::atomic<std::size_t> read = 0;
  std::uint64_t next = 0;
  Status s = pipeline_records(reader_of(log, read), [&](PipedRecord& r) -> Status {
    EXPECT_EQ(r.opened.stored_seq, next);
    EXPECT_TRUE(r.opened.sealed.ok());
    EXPECT_EQ(r.opened.leaf, audit::merkle_leaf_hash(log[next].bytes));
    EXPECT_EQ(r.stored_kind, "test.entry");
    ++next;
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(next, 5000U);
  EXPECT_EQ(pipelined_verdict(log), "ok");
}

TEST(RecordPipeline, EmptyLogTakesNothing) {
  std::atomic<std::size_t> read = 0;
  std::vector<store::StoredRecord> none;
  int taken = 0;
  EXPECT_TRUE(pipeline_records(reader_of(none, read), [&](PipedRecord&) -> Status {
                ++taken;
                return Status::Ok();
              }).ok());
  EXPECT_EQ(taken, 0);
}

TEST(RecordPipeline, AFailedTakeStopsTheReaderAndIsReturned) {
  const auto log = chained_log(20000);
  std::atomic<std::size_t> read = 0;
  std::uint64_t taken = 0;
  Status s = pipeline_records(reader_of(log, read), [&](PipedRecord& r) -> Status {
    if (r.opened.stored_seq == 300) {
      return make_error(ErrorCode::kVerifyFailed, "record 300", "no");
    }
    ++taken;
    return Status::Ok();
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().to_string(), "record 300: no");
  EXPECT_EQ(taken, 300U);
  // The reader is at most the bounded handover ahead, not at the end of the log.
  EXPECT_LT(read.load(), 10000U);
}

TEST(RecordPipeline, AReadErrorComesAfterTheRecordsReadBeforeIt) {
  const auto log = chained_log(700);
  std::uint64_t taken = 0;
  Status s = pipeline_records(
      [&](const store::Visitor<store::StoredRecord>& visit) -> Status {
        for (const auto& r : log) SEMILLA_TRY(visit(r));
        return make_error(ErrorCode::kEnvironment, "", "disk I/O error");
      },
      [&](PipedRecord&) -> Status {
        ++taken;
        return Status::Ok();
      });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kEnvironment);
  EXPECT_EQ(taken, 700U);
}

// Each kind of damage gives the same first message on one thread and through the pipeline.
TEST(RecordPipeline, DamagedLogsGetTheOneThreadVerdict) {
  const auto good = chained_log(1200);
  std::vector<std::vector<store::StoredRecord>> damaged(6, good);
  damaged[0][700].bytes[damaged[0][700].bytes.size() - 3] = '9';  // altered: not canonical/hash
  damaged[1][700].hash[0] ^= 1;                                   // stored hash altered
  damaged[2].erase(damaged[2].begin() + 700);                      // a record removed
  std::swap(damaged[3][699], damaged[3][700]);                     // two records reordered
  damaged[4][700].bytes = "{\"v\":1}";                              // not a record
  damaged[5][1199] = damaged[5][1198];                             // a record copied
  for (std::size_t i = 0; i < damaged.size(); ++i) {
    const std::string expected = one_thread_verdict(damaged[i]);
    EXPECT_NE(expected, "ok") << i;
    EXPECT_EQ(pipelined_verdict(damaged[i]), expected) << i;
  }
}

}  // namespace
}  // namespace semilla::book
