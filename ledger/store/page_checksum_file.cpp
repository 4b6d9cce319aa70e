// SPDX-License-Identifier: Apache-2.0
// Page checksums read from the book file itself (page_checksums.h): verify's scan of every
// page, through the descriptor SQLite holds (read_book_file), and the reseal tests use after
// editing a book with sqlite3.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "ledger/store/page_checksums.h"

namespace semilla::store {
namespace {

// Re-reads of a page that fails before it is called damaged, and the pause between them.
constexpr int kRereadsMax = 3;
constexpr auto kRereadPause = std::chrono::milliseconds(20);

std::uint64_t stored_checksum(const std::vector<unsigned char>& page) {
  std::uint64_t v = 0;
  for (std::size_t i = page.size(); i-- > page.size() - kPageChecksumBytes;) {
    v = (v << 8) | page[i];
  }
  return v;
}

bool sealed(const std::vector<unsigned char>& page) {
  return page_checksum(page.data(), page.size() - kPageChecksumBytes) == stored_checksum(page);
}

bool read_page(sqlite3* db, std::uint64_t index, std::vector<unsigned char>& page) {
  return read_book_file(db, page.data(), static_cast<int>(page.size()),
                        static_cast<std::int64_t>(index * page.size()));
}

// Whether page `index` (0-based) fails its checksum on every one of a few reads.
bool fails(sqlite3* db, std::uint64_t index, std::vector<unsigned char>& page) {
  for (int i = 0; i < kRereadsMax; ++i) {
    std::this_thread::sleep_for(kRereadPause);
    if (read_page(db, index, page) && sealed(page)) return false;
  }
  return true;
}

Error cannot(const std::string& what, const std::string& path) {
  return make_error(ErrorCode::kEnvironment, "--db", "cannot " + what + " " + path);
}

// Runs `check` on a connection to `path` through the shim that runs no statement: SQLite
// opens the file (and its descriptors outlive any lock, read_book_file), nothing else.
template <typename R, typename F>
R on_connection(const std::string& path, F&& check) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, page_checksum_vfs());
  R result = rc == SQLITE_OK ? R(check(db)) : R(cannot("read", path));
  sqlite3_close(db);
  return result;
}

}  // namespace

Result<std::uint64_t> check_page_checksums(sqlite3* db, int page_size,
                                           std::uint64_t lock_byte_offset) {
  const auto bytes = book_file_size(db);
  if (!bytes) return cannot("read", sqlite3_db_filename(db, "main"));
  const auto size = static_cast<std::size_t>(page_size);
  // The file only grows while a reader holds a snapshot (no auto-vacuum; a checkpoint writes
  // pages back, or appends them): pages appended after this are not this check's.
  const std::uint64_t pages = static_cast<std::uint64_t>(*bytes) / size;
  std::vector<unsigned char> page(size);
  const std::uint64_t lock_page = lock_byte_offset / size;
  for (std::uint64_t i = 0; i < pages; ++i) {
    const bool read = read_page(db, i, page);
    if (i == lock_page && read) {
      if (std::all_of(page.begin(), page.end(), [](unsigned char b) { return b == 0; })) continue;
      return damaged_book_error("page " + std::to_string(i + 1) + " of " +
                                std::to_string(pages) + " is SQLite's lock-byte page, which "
                                "SQLite never writes, but it is not all zero bytes: bytes "
                                "changed outside SQLite");
    }
    if (read && sealed(page)) continue;
    if (!fails(db, i, page)) continue;
    if (!read) return cannot("read", sqlite3_db_filename(db, "main"));
    return damaged_book_error("page " + std::to_string(i + 1) + " of " +
                              std::to_string(pages) + " fails its checksum (its last " +
                              std::to_string(kPageChecksumBytes) +
                              " bytes do not match the others): bytes changed outside SQLite");
  }
  return pages;
}

Result<std::uint64_t> check_page_checksums(const std::string& path, int page_size,
                                           std::uint64_t lock_byte_offset) {
  return on_connection<Result<std::uint64_t>>(path, [&](sqlite3* db) {
    return check_page_checksums(db, page_size, lock_byte_offset);
  });
}

Status check_not_downgraded(sqlite3* db, int page_size) {
  std::vector<unsigned char> page(static_cast<std::size_t>(page_size));
  if (!read_page(db, 0, page)) return Status::Ok();  // nothing to compare
  page[20] = kPageChecksumBytes;
  if (!sealed(page)) return Status::Ok();
  return damaged_book_error("page 1: its header says the book has no page checksums (byte 20 "
                            "is 0), but the page carries one: the header was changed");
}

Status check_not_downgraded(const std::string& path, int page_size) {
  return on_connection<Status>(path,
                               [&](sqlite3* db) { return check_not_downgraded(db, page_size); });
}

Status reseal_page_checksums(const std::string& path) {
  std::fstream file(path, std::ios::binary | std::ios::in | std::ios::out);
  std::array<unsigned char, 100> header{};
  file.read(reinterpret_cast<char*>(header.data()), static_cast<std::streamsize>(header.size()));
  if (!file) return cannot("read", path);
  if (header[20] != kPageChecksumBytes) {
    return make_error(ErrorCode::kEnvironment, "--db", path + " has no page checksums");
  }
  const int raw = (header[16] << 8) | header[17];
  const std::size_t size = raw == 1 ? 65536 : static_cast<std::size_t>(raw);
  std::error_code ec;
  const std::uint64_t pages = std::filesystem::file_size(path, ec) / size;
  std::vector<unsigned char> page(size);
  for (std::uint64_t i = 0; i < pages; ++i) {
    if (i == kLockByteOffset / size) continue;  // SQLite's lock-byte page stays zero
    const auto at = static_cast<std::streamoff>(i * size);
    file.seekg(at);
    file.read(reinterpret_cast<char*>(page.data()), static_cast<std::streamsize>(size));
    std::uint64_t sum = page_checksum(page.data(), size - kPageChecksumBytes);
    for (std::size_t b = size - kPageChecksumBytes; b < size; ++b, sum >>= 8) {
      page[b] = static_cast<unsigned char>(sum);
    }
    file.seekp(at);
    file.write(reinterpret_cast<const char*>(page.data()), static_cast<std::streamsize>(size));
  }
  file.flush();
  if (!file || ec) return cannot("write", path);
  return Status::Ok();
}

}  // namespace semilla::store
