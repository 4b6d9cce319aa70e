// SPDX-License-Identifier: Apache-2.0
// SqliteStore::check_file and check_schema: the book file as SQLite stores it, below the rows
// that verify replays. Four checks, each of what the others cannot see:
//   - page checksums (page_checksums.h): every page of the file, page 1 and free pages
//     included, read from the file itself. They cover the bytes SQLite never reads
//     (unallocated space inside pages, free pages), where a flip changes no row and no
//     check below could see it: that space is not zero in sound files (SQLite leaves old
//     bytes there when it rebuilds a page), so only a checksum can tell it was changed.
//     A book created before page checksums has none (header byte 20 is 0): check_file
//     says so, and `semilla book upgrade` adds them (add_page_checksums).
//   - PRAGMA integrity_check: every page, b-tree, index entry, free list and CHECK/NOT NULL
//     constraint. It is the full check, not quick_check: quick_check skips the comparison of
//     each index with its table, and a damaged index would answer lookups (a ref, an account
//     name) differently from the table that replay compares.
//   - the database header (the first 100 bytes): fields SQLite ignores when reading, so a
//     flipped byte there passes integrity_check, but which every header SQLite writes for a
//     Semilla book sets to known values. Checked when no commit waits in FILE-wal.
//   - the schema (check_schema, which verify runs last): tables, indexes and the append-only
//     triggers exactly as this program creates them, so that a dropped trigger or an edited
//     CHECK is named, not only a changed row.
//
// integrity_check costs time: on a synthetic 660 MB book of 1M records (2M postings and their
// index, 2M tree hashes) about 6 s of CPU, against 2 s for quick_check.
#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "ledger/store/page_checksums.h"
#include "ledger/store/sqlite_schema.h"
#include "ledger/store/sqlite_store_internal.h"

namespace semilla::store::detail {
namespace {

// Problems of integrity_check named in the error; the count is given for the rest.
constexpr int kIntegrityMessagesMax = 5;
constexpr std::size_t kHeaderBytes = 100;
// Reads of a header found wrong before it is called damaged, and the pause between them.
constexpr int kHeaderReadsMax = 3;
constexpr auto kHeaderRereadPause = std::chrono::milliseconds(20);

std::uint32_t be32(const std::array<unsigned char, kHeaderBytes>& h, std::size_t at) {
  return (std::uint32_t{h[at]} << 24) | (std::uint32_t{h[at + 1]} << 16) |
         (std::uint32_t{h[at + 2]} << 8) | std::uint32_t{h[at + 3]};
}

// The first header field that is not what SQLite writes for a Semilla book, or "".
// Offsets and meanings: https://www.sqlite.org/fileformat.html#the_database_header
std::string header_problem(const std::array<unsigned char, kHeaderBytes>& h) {
  if (h[18] < 1 || h[18] > 2 || h[19] < 1 || h[19] > 2) return "file format versions";
  // 8 for page checksums; 0 in books created before them
  if (h[20] != 0 && h[20] != kPageChecksumBytes) return "reserved bytes per page";
  // Both are set together at every write of page 1.
  if (be32(h, 24) != be32(h, 92)) return "change counter and its version-valid-for copy";
  if (be32(h, 48) != 0) return "default page cache size";  // only a deprecated pragma sets it
  if (be32(h, 52) != 0 || be32(h, 64) != 0) return "auto-vacuum fields";  // never enabled
  if (be32(h, 56) != 1) return "text encoding";  // UTF-8
  for (std::size_t i = 72; i < 92; ++i) {
    if (h[i] != 0) return "bytes reserved for expansion";  // must be zero (file format)
  }
  const std::uint32_t writer_version = be32(h, 96);
  if (writer_version < 3'000'000 || writer_version >= 4'000'000) return "SQLite version";
  return "";
}

// Reads the header from the file itself (SQLite offers no read of raw pages here), through
// SQLite's descriptor (read_book_file says why). While the write-ahead log holds commits,
// page 1 in the file may be an older image (a new book's first one has no text encoding
// yet), so the check waits for a settled file: the usual state of a book no process uses,
// and of every copy an auditor receives. A header found wrong is read again a few times
// first: a checkpoint that starts just after the log was looked at may be writing page 1.
Status check_header(SQLite::Database& db, const std::string& path) {
  if (path == ":memory:") return Status::Ok();
  std::error_code ec;
  const auto wal_bytes = std::filesystem::file_size(path + "-wal", ec);
  if (!ec && wal_bytes > 0) return Status::Ok();
  std::array<unsigned char, kHeaderBytes> header{};
  std::string problem;
  for (int read = 0; read < kHeaderReadsMax; ++read) {
    if (read > 0) std::this_thread::sleep_for(kHeaderRereadPause);
    if (!read_book_file(db.getHandle(), header.data(), static_cast<int>(header.size()), 0)) {
      return make_error(ErrorCode::kEnvironment, "--db", "cannot read " + path);
    }
    problem = header_problem(header);
    if (problem.empty()) return Status::Ok();
  }
  return damaged_error("the database header's " + problem +
                       " (bytes 18..99) hold values SQLite never writes for a book");
}

Status check_integrity(SQLite::Database& db) {
  SQLite::Statement s(db, "PRAGMA integrity_check(" + std::to_string(kIntegrityMessagesMax) +
                              ")");
  std::string problems;
  int count = 0;
  while (s.executeStep()) {
    const std::string row = s.getColumn(0).getString();
    if (row == "ok") return Status::Ok();
    problems += (count++ == 0 ? "" : "; ") + row;
  }
  return damaged_error("SQLite's integrity check found: " + problems +
                       (count >= kIntegrityMessagesMax ? "; ..." : ""));
}

// One schema object as "type name on tbl_name: sql", blanks collapsed.
using SchemaRows = std::vector<std::string>;

SchemaRows schema_rows(SQLite::Database& db) {
  SQLite::Statement s(db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
                          "ORDER BY name");
  SchemaRows rows;
  while (s.executeStep()) {
    std::string row = s.getColumn(0).getString() + " " + s.getColumn(1).getString() + " on " +
                      s.getColumn(2).getString() + ": ";
    bool blank = false;
    for (char c : s.getColumn(3).getString()) {
      const bool is_blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (is_blank && !blank) row += ' ';
      if (!is_blank) row += c;
      blank = is_blank;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The schema of a new book, made once by the same migrations every book went through.
const SchemaRows& expected_schema() {
  static const SchemaRows rows = [] {
    SQLite::Database fresh(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SEMILLA_CHECK(prepare_for_writing(fresh).ok());
    return schema_rows(fresh);
  }();
  return rows;
}

Status compare_schema(SQLite::Database& db) {
  const SchemaRows actual = schema_rows(db);
  const SchemaRows& expected = expected_schema();
  for (std::size_t i = 0; i < std::max(actual.size(), expected.size()); ++i) {
    if (i < actual.size() && i < expected.size() && actual[i] == expected[i]) continue;
    const std::string what =
        i >= actual.size()     ? "lacks " + expected[i]
        : i >= expected.size() ? "has an object Semilla does not create: " + actual[i]
                               : "has " + actual[i] + " where Semilla creates " + expected[i];
    return damaged_error("its schema " + what);
  }
  return Status::Ok();
}

}  // namespace

// The checksum of every page of the file, first: damage there would otherwise surface as
// whatever SQLite makes of the damaged page.
Result<FileCheck> check_pages(SQLite::Database& db, const std::string& path) {
  FileCheck check;
  if (path == ":memory:") return check;
  const int page_size = db.execAndGet("PRAGMA page_size").getInt();
  if (!has_page_checksums(db.getHandle())) {
    SEMILLA_TRY(check_not_downgraded(db.getHandle(), page_size));
    check.page_checksums = FileCheck::PageChecksums::kAbsent;
    return check;
  }
  auto pages = check_page_checksums(db.getHandle(), page_size);
  if (!pages.ok()) return pages.error();
  check.page_checksums = FileCheck::PageChecksums::kChecked;
  check.pages = *pages;
  return check;
}

// In one read transaction (its own, unless the caller holds one): the integrity check and
// the schema see one state of the book, and the snapshot keeps other processes from moving
// the book past it. What it does not stop is a checkpoint writing frames the snapshot
// already includes back into the file while the page scan reads it; every image a checkpoint
// writes is sealed, and a page caught half-written is read again (check_page_checksums).
// The pages SQLite reads from the write-ahead log instead are checked by the shim.
Result<FileCheck> SqliteStore::check_file() {
  const bool own_snapshot = !reading_ && !in_txn_;
  if (own_snapshot) SEMILLA_TRY(begin_read());
  auto checked = guarded<Result<FileCheck>>([&]() -> Result<FileCheck> {
    auto pages = check_pages(db_, path_);
    if (!pages.ok()) return pages.error();
    SEMILLA_TRY(check_header(db_, path_));
    SEMILLA_TRY(check_integrity(db_));
    return pages;
  });
  if (own_snapshot) end_read();
  return checked;
}

// VACUUM rebuilds every page with the reserve set; out of WAL mode, so that the new pages go
// straight to the file, whose header then says 8 before any process reads the book again.
// Changing the journal mode needs the only connection: another process makes it busy.
Result<bool> SqliteStore::add_page_checksums() {
  if (path_ == ":memory:" || has_page_checksums(db_.getHandle())) return false;
  SEMILLA_CHECK(!in_txn_);
  if (query_only_) SEMILLA_TRY(allow_writes());
  return guarded<Result<bool>>([&]() -> Result<bool> {
    reset_all();
    db_.exec("PRAGMA journal_mode = DELETE");
    SEMILLA_TRY(start_page_checksums(db_.getHandle()));
    try {
      db_.exec("VACUUM");
    } catch (const SQLite::Exception&) {
      follow_checksum_header(db_.getHandle());
      db_.exec("PRAGMA journal_mode = WAL");
      throw;
    }
    follow_checksum_header(db_.getHandle());
    db_.exec("PRAGMA journal_mode = WAL");
    return has_page_checksums(db_.getHandle());
  });
}

Status SqliteStore::check_schema() {
  return guarded<Status>([&]() -> Status { return compare_schema(db_); });
}

}  // namespace semilla::store::detail
