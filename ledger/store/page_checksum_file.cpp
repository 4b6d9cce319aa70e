// SPDX-License-Identifier: Apache-2.0
// Page checksums read from the book file itself (page_checksums.h): verify's scan of every
// page, and the reseal tests use after editing a book with sqlite3.
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

bool read_page(std::ifstream& in, std::uint64_t index, std::vector<unsigned char>& page) {
  in.clear();
  in.seekg(static_cast<std::streamoff>(index * page.size()));
  in.read(reinterpret_cast<char*>(page.data()), static_cast<std::streamsize>(page.size()));
  return static_cast<std::size_t>(in.gcount()) == page.size();
}

// Whether page `index` (0-based) fails its checksum on every one of a few reads.
bool fails(std::ifstream& in, std::uint64_t index, std::vector<unsigned char>& page) {
  for (int i = 0; i < kRereadsMax; ++i) {
    std::this_thread::sleep_for(kRereadPause);
    if (read_page(in, index, page) && sealed(page)) return false;
  }
  return true;
}

Error cannot(const std::string& what, const std::string& path) {
  return make_error(ErrorCode::kEnvironment, "--db", "cannot " + what + " " + path);
}

}  // namespace

Result<std::uint64_t> check_page_checksums(const std::string& path, int page_size,
                                           std::uint64_t lock_byte_offset) {
  std::ifstream in(path, std::ios::binary);
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  if (!in || ec) return cannot("read", path);
  const auto size = static_cast<std::size_t>(page_size);
  const std::uint64_t pages = bytes / size;
  std::vector<unsigned char> page(size);
  const std::uint64_t lock_page = lock_byte_offset / size;
  for (std::uint64_t i = 0; i < pages; ++i) {
    if (!read_page(in, i, page)) return cannot("read", path);
    if (i == lock_page) {
      if (std::all_of(page.begin(), page.end(), [](unsigned char b) { return b == 0; })) continue;
      return damaged_book_error("page " + std::to_string(i + 1) + " of " +
                                std::to_string(pages) + " is SQLite's lock-byte page, which "
                                "SQLite never writes, but it is not all zero bytes: bytes "
                                "changed outside SQLite");
    }
    if (sealed(page) || !fails(in, i, page)) continue;
    return damaged_book_error("page " + std::to_string(i + 1) + " of " +
                              std::to_string(pages) + " fails its checksum (its last " +
                              std::to_string(kPageChecksumBytes) +
                              " bytes do not match the others): bytes changed outside SQLite");
  }
  return pages;
}

Status check_not_downgraded(const std::string& path, int page_size) {
  std::ifstream in(path, std::ios::binary);
  std::vector<unsigned char> page(static_cast<std::size_t>(page_size));
  if (!in || !read_page(in, 0, page)) return Status::Ok();  // nothing to compare
  page[20] = kPageChecksumBytes;
  if (!sealed(page)) return Status::Ok();
  return damaged_book_error("page 1: its header says the book has no page checksums (byte 20 "
                            "is 0), but the page carries one: the header was changed");
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
