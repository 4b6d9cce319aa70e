// SPDX-License-Identifier: Apache-2.0
// Page checksums (ledger/store/page_checksums.h): the checksum itself, the VFS shim on the
// book file and its write-ahead log, check_file's scan, and books created before them.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "ledger/book/book.h"
#include "ledger/book/verify.h"
#include "ledger/store/page_checksums.h"
#include "ledger/store/store.h"

namespace semilla {
namespace {

namespace fs = std::filesystem;
using store::FileCheck;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

class PageChecksums : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("semilla-checksums-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // A book with a few records, written through the store (page checksums from its start).
  std::string make_book(const std::string& name, bool page_checksums = true) {
    const std::string p = path(name);
    auto s = store::open_sqlite_store(
        p, store::OpenOptions{store::OpenMode::kCreate, 30'000, page_checksums});
    EXPECT_TRUE(s.ok()) << s.error().to_string();
    book::InitOptions o;
    o.currency = "USD";
    o.name = "Checksums";
    o.timezone = "America/Guayaquil";
    auto b = book::Book::init(**s, o, "test");
    EXPECT_TRUE(b.ok()) << b.error().to_string();
    for (int i = 0; i < 20; ++i) {
      auto a = b->add_account({"Assets:Bank:" + std::to_string(i), "asset", "USD", ""});
      EXPECT_TRUE(a.ok()) << a.error().to_string();
    }
    return p;
  }

  // What verify_book says of the page checksums of the book at `p` (which must verify), and
  // how many pages it checked.
  static std::pair<FileCheck::PageChecksums, std::uint64_t> verified(const std::string& p) {
    auto s = store::open_sqlite_store(p, store::OpenOptions{store::OpenMode::kRead});
    EXPECT_TRUE(s.ok()) << s.error().to_string();
    if (!s.ok()) return {FileCheck::PageChecksums::kNotApplicable, 0};
    auto report = book::verify_book(**s);
    EXPECT_TRUE(report.ok()) << report.error().to_string();
    if (!report.ok()) return {FileCheck::PageChecksums::kNotApplicable, 0};
    return {report->file.page_checksums, report->file.pages};
  }

  fs::path dir_;
};

TEST(PageChecksum, EveryChangeOfOneByteChangesIt) {
  std::mt19937_64 random(7);
  std::vector<unsigned char> page(4096 - store::kPageChecksumBytes);
  for (auto& b : page) b = static_cast<unsigned char>(random());
  const std::uint64_t sum = store::page_checksum(page.data(), page.size());
  for (std::size_t i = 0; i < page.size(); ++i) {
    for (unsigned mask : {0x01u, 0x80u, 0xFFu, 0x5Au}) {
      page[i] = static_cast<unsigned char>(page[i] ^ mask);
      ASSERT_NE(store::page_checksum(page.data(), page.size()), sum) << i << " " << mask;
      page[i] = static_cast<unsigned char>(page[i] ^ mask);
    }
  }
  // The same bytes, the same checksum; a zero page has one too.
  EXPECT_EQ(store::page_checksum(page.data(), page.size()), sum);
  std::vector<unsigned char> zeros(page.size());
  EXPECT_NE(store::page_checksum(zeros.data(), zeros.size()), 0u);
}

TEST_F(PageChecksums, ANewBookHasThemAndVerifyChecksEveryPage) {
  const std::string p = make_book("new.db");
  EXPECT_EQ(static_cast<unsigned char>(slurp(p)[20]), store::kPageChecksumBytes);
  const auto [checksums, pages] = verified(p);
  EXPECT_EQ(checksums, FileCheck::PageChecksums::kChecked);
  EXPECT_EQ(pages, fs::file_size(p) / 4096);
  EXPECT_GT(pages, 10u);
}

// SQLite never writes the page holding byte 2^30 (its lock-byte page, in every book over
// 1 GiB): it carries no checksum and must be all zero. Moved to page 3 here (the offset is a
// test parameter), a zeroed page passes where it would fail its checksum, and a byte set in
// it is damage.
TEST_F(PageChecksums, TheLockBytePageIsZeroNotSealed) {
  const std::string p = make_book("lock.db");
  std::string bytes = slurp(p);
  const std::uint64_t lock_at = 2 * 4096;  // page 3
  std::fill(bytes.begin() + lock_at, bytes.begin() + lock_at + 4096, '\0');
  spit(p, bytes);
  ASSERT_FALSE(store::check_page_checksums(p, 4096).ok());  // as an ordinary page: damaged
  auto pages = store::check_page_checksums(p, 4096, lock_at + 100);
  ASSERT_TRUE(pages.ok()) << pages.error().to_string();
  EXPECT_EQ(*pages, bytes.size() / 4096);
  bytes[lock_at + 4000] = 1;
  spit(p, bytes);
  auto damaged = store::check_page_checksums(p, 4096, lock_at);
  ASSERT_FALSE(damaged.ok());
  EXPECT_NE(damaged.error().message.find("page 3 of"), std::string::npos);
  EXPECT_NE(damaged.error().message.find("lock-byte page"), std::string::npos);
}

// A flip in the unallocated space of a page: SQLite never reads those bytes, the checksum
// does. verify names the page; a read of that page through the store is a damaged book.
TEST_F(PageChecksums, AFlipInBytesSqliteNeverReadsIsNamedByPage) {
  const std::string p = make_book("flip.db");
  std::string bytes = slurp(p);
  const std::size_t page = 3;  // 1-based
  // The last byte before the checksum: unallocated in every b-tree page that is not full.
  const std::size_t at = page * 4096 - store::kPageChecksumBytes - 1;
  bytes[at] = static_cast<char>(bytes[at] ^ 0x10);
  spit(p, bytes);
  auto pages = store::check_page_checksums(p, 4096);
  ASSERT_FALSE(pages.ok());
  EXPECT_EQ(pages.error().code, ErrorCode::kVerifyFailed);
  EXPECT_NE(pages.error().message.find("page 3 of"), std::string::npos) << pages.error().message;
  // verify names it; or, when opening the book already reads it, the open does.
  auto s = store::open_sqlite_store(p, store::OpenOptions{store::OpenMode::kRead});
  Error e = s.ok() ? Error{} : s.error();
  if (s.ok()) {
    auto report = book::verify_book(**s);
    ASSERT_FALSE(report.ok());
    e = report.error();
  }
  EXPECT_EQ(e.code, ErrorCode::kVerifyFailed);
  EXPECT_NE(e.message.find("the book file is damaged: page 3"), std::string::npos) << e.message;
}

TEST_F(PageChecksums, AReadOfADamagedPageIsADamagedBookNotAnIoError) {
  const std::string p = make_book("read.db");
  std::string bytes = slurp(p);
  const std::size_t last = bytes.size() / 4096;  // a page of the newest rows
  const std::size_t at = last * 4096 - 1;         // in its checksum
  bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
  spit(p, bytes);
  SQLite::Database db(p, SQLite::OPEN_READONLY, 0, store::page_checksum_vfs());
  try {
    SQLite::Statement all(db, "SELECT count(*) FROM audit_log, accounts");
    while (all.executeStep()) {
    }
    (void)db.execAndGet("PRAGMA integrity_check");
    FAIL() << "the damaged page was read without an error";
  } catch (const SQLite::Exception& e) {
    EXPECT_EQ(e.getExtendedErrorCode(), SQLITE_IOERR_DATA) << e.what();
    EXPECT_EQ(store::last_checksum_failure(), "page " + std::to_string(last));
  }
}

// Frames of the write-ahead log carry sealed page images, and SQLite's own running checksum
// over them still holds: a copy of the book and its log, taken while the log holds every
// commit, recovers every row (through the shim and through plain SQLite).
TEST_F(PageChecksums, WriteAheadLogFramesRecoverWithTheirChecksums) {
  const std::string p = path("wal.db");
  {
    SQLite::Database db(p, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 0,
                        store::page_checksum_vfs());
    ASSERT_TRUE(store::start_page_checksums(db.getHandle()).ok());
    db.exec("PRAGMA journal_mode = WAL");
    store::follow_checksum_header(db.getHandle());
    db.exec("PRAGMA wal_autocheckpoint = 0");
    db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB)");
    for (int i = 0; i < 50; ++i) {
      db.exec("INSERT INTO t(v) SELECT randomblob(300) FROM (SELECT 1 UNION ALL SELECT 2)");
    }
    ASSERT_TRUE(store::has_page_checksums(db.getHandle()));
    ASSERT_GT(fs::file_size(p + "-wal"), 50u * 4096u);
    fs::copy_file(p, path("copy.db"));
    fs::copy_file(p + "-wal", path("copy.db-wal"));
  }
  fs::copy_file(path("copy.db"), path("plain.db"));
  fs::copy_file(path("copy.db-wal"), path("plain.db-wal"));
  {
    SQLite::Database copy(path("copy.db"), SQLite::OPEN_READWRITE, 0,
                          store::page_checksum_vfs());
    EXPECT_EQ(copy.execAndGet("SELECT count(*) FROM t").getInt(), 100);
    EXPECT_EQ(copy.execAndGet("PRAGMA integrity_check").getString(), "ok");
  }
  SQLite::Database plain(path("plain.db"), SQLite::OPEN_READWRITE);
  EXPECT_EQ(plain.execAndGet("SELECT count(*) FROM t").getInt(), 100);
  // After the checkpoints at close every page in the file is sealed.
  auto pages = store::check_page_checksums(path("copy.db"), 4096);
  ASSERT_TRUE(pages.ok()) << pages.error().to_string();
  EXPECT_EQ(*pages, fs::file_size(path("copy.db")) / 4096);
}

// A book written before page checksums (no reserved bytes): it verifies, with a warning that
// check_file reports as kAbsent, and add_page_checksums (`book upgrade`) adds them.
TEST_F(PageChecksums, ABookWithoutThemVerifiesAndIsUpgraded) {
  const std::string p = make_book("old.db", /*page_checksums=*/false);
  ASSERT_EQ(slurp(p)[20], 0);
  {
    auto s = store::open_sqlite_store(p, store::OpenOptions{store::OpenMode::kRead});
    ASSERT_TRUE(s.ok()) << s.error().to_string();
    auto report = book::verify_book(**s);
    ASSERT_TRUE(report.ok()) << report.error().to_string();
    EXPECT_EQ(report->file.page_checksums, FileCheck::PageChecksums::kAbsent);
    // It is still written as it is: no checksum appears in a page by a write.
    auto b = book::Book::open(**s, "test");
    ASSERT_TRUE(b.ok());
    ASSERT_TRUE(b->add_account({"Assets:Cash", "asset", "USD", ""}).ok());
    auto added = (*s)->add_page_checksums();
    ASSERT_TRUE(added.ok()) << added.error().to_string();
    EXPECT_TRUE(*added);
    auto again = (*s)->add_page_checksums();
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(*again);
    ASSERT_TRUE(b->add_account({"Assets:Cash2", "asset", "USD", ""}).ok());
  }
  EXPECT_EQ(static_cast<unsigned char>(slurp(p)[20]), store::kPageChecksumBytes);
  EXPECT_EQ(verified(p).first, FileCheck::PageChecksums::kChecked);
}

// A book with page checksums whose header is changed to say it has none is not taken for an
// older book: page 1 still carries its checksum.
TEST_F(PageChecksums, AHeaderChangedToLookOlderIsDamage) {
  const std::string p = make_book("downgraded.db");
  std::string bytes = slurp(p);
  bytes[20] = 0;
  spit(p, bytes);
  EXPECT_FALSE(store::check_not_downgraded(p, 4096).ok());
  auto s = store::open_sqlite_store(p, store::OpenOptions{store::OpenMode::kRead});
  Error e = s.ok() ? Error{} : s.error();
  if (s.ok()) {
    auto report = book::verify_book(**s);
    ASSERT_FALSE(report.ok());
    e = report.error();
  }
  EXPECT_EQ(e.code, ErrorCode::kVerifyFailed) << e.to_string();
  // A book made without them is not refused.
  EXPECT_TRUE(store::check_not_downgraded(make_book("old.db", false), 4096).ok());
}

// What tests that edit a book with sqlite3 rely on: the edit, resealed, is read again.
TEST_F(PageChecksums, ResealMakesAnEditedFileReadableAgain) {
  const std::string p = make_book("edit.db");
  {
    SQLite::Database db(p, SQLite::OPEN_READWRITE);  // plain SQLite: no checksums written
    db.exec("DROP TRIGGER IF EXISTS accounts_no_update");
    db.exec("CREATE TABLE scratch(x)");
  }
  auto before = store::check_page_checksums(p, 4096);
  ASSERT_FALSE(before.ok());
  ASSERT_TRUE(store::reseal_page_checksums(p).ok());
  auto after = store::check_page_checksums(p, 4096);
  ASSERT_TRUE(after.ok()) << after.error().to_string();
}

}  // namespace
}  // namespace semilla
