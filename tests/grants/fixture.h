// SPDX-License-Identifier: Apache-2.0
// A temporary book for the grant tests: fixed clock (2026-06-30), two enterprises (EC-1
// individual, EC-2 cooperative), fund F1 holding USD 1,000 received on 2026-01-05, and the
// milestone names plan-approved, plan and visit.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <functional>

#include "audit/record.h"
#include "ledger/book/replay.h"
#include "ledger/grants/grants.h"

namespace semilla::grants {

class GrantsBook : public ::testing::Test {
 public:  // free helper functions of the tests call replay_with
  void SetUp() override {
    setenv("SEMILLA_NOW", "2026-06-30T12:00:00Z", 1);
    register_module();
    path_ = path("book");
    auto s = open_new(path_);
    ASSERT_NE(s, nullptr);
    store_ = std::move(s);
    auto b = book::Book::init(*store_, {"USD", "Test", "UTC"}, "ana");
    ASSERT_TRUE(b.ok());
    book_.emplace(std::move(*b));
    ASSERT_TRUE(book_->add_enterprise({"EC-1", "", "individual", "female", "1990", "VE",
                                       "migrant", "Pichincha", "A"}).ok());
    ASSERT_TRUE(book_->add_enterprise({"EC-2", "", "cooperative", "male", "1960", "EC", "host",
                                       "Imbabura", "A"}).ok());
    ASSERT_TRUE(add_fund(*book_, {"F1", "Donor", "USD", "2026-01-01", "2026-12-31",
                                  {"seed-capital-cash=1000"}}).ok());
    ASSERT_TRUE(receive(*book_, {"F1", "1000", "2026-01-05", ""}).ok());
    for (const char* name : {"plan-approved", "plan", "visit"}) {
      if (!define_names_) break;
      ASSERT_TRUE(define_milestone(*book_, name, std::string("Milestone ") + name).ok());
    }
  }
  void TearDown() override {
    book_.reset();
    store_.reset();
    for (const auto& p : paths_) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p + suffix);
    }
  }
  // A database file of this test, removed at its end.
  std::string path(const std::string& name) {
    const std::string p =
        (std::filesystem::temp_directory_path() /
         ("semilla-grants-" + std::to_string(getpid()) + "-" +
          ::testing::UnitTest::GetInstance()->current_test_info()->name() + "-" + name + ".db"))
            .string();
    paths_.push_back(p);
    return p;
  }
  // A new, empty store at `p` (nullptr when it cannot be opened).
  static std::unique_ptr<store::Store> open_new(const std::string& p) {
    std::filesystem::remove(p);
    auto s = store::open_sqlite_store(p, true);
    return s.ok() ? std::move(*s) : nullptr;
  }
  std::uint64_t head() { return store_->audit_head().value().size; }

  // Replays every record as audit verify does, the payload of the first record of `kind` for
  // which `pick` holds (any, without one) changed by `edit` and sealed again.
  Status replay_with(const std::string& kind, const std::function<void(nlohmann::json&)>& edit,
                     const std::function<bool(const nlohmann::json&)>& pick = {}) {
    book::Replay replay;
    bool edited = false;
    Status s = store_->for_each_record(0, [&](const store::StoredRecord& stored) -> Status {
      auto r = audit::open_record(stored.bytes);
      if (!r.ok()) return r.error();
      if (edited || r->record.kind != kind || (pick && !pick(r->record.payload))) {
        return replay.apply(*r);
      }
      edited = true;
      edit(r->record.payload);
      auto sealed = audit::seal(r->record);
      if (!sealed.ok()) return sealed.error();
      return replay.apply(*sealed);
    });
    EXPECT_TRUE(edited) << kind;
    if (s.ok()) s = replay.finish();
    return s;
  }

  // The replay of the log, the record picked as for replay_with changed by `edit`, is refused
  // as kVerifyFailed with a message containing `words`.
  void expect_replay_refused(const std::string& kind,
                             const std::function<void(nlohmann::json&)>& edit,
                             const std::string& words,
                             const std::function<bool(const nlohmann::json&)>& pick = {}) {
    Status s = replay_with(kind, edit, pick);
    ASSERT_FALSE(s.ok()) << kind << ": accepted, expected \"" << words << "\"";
    EXPECT_EQ(s.error().code, ErrorCode::kVerifyFailed);
    EXPECT_NE(s.error().to_string().find(words), std::string::npos)
        << kind << ": " << s.error().to_string();
  }

  bool define_names_ = true;  // false: a book as written before milestone names were defined
  std::string path_;
  std::vector<std::string> paths_;
  std::unique_ptr<store::Store> store_;
  std::optional<book::Book> book_;
};

}  // namespace semilla::grants
