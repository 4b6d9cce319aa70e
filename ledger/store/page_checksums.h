// SPDX-License-Identifier: Apache-2.0
// Page checksums of a SQLite book (internal to ledger/store, and to tests that damage or edit
// book files). Every page of a book created or upgraded by this program ends in 8 reserved
// bytes (database header byte 20 = 8) holding page_checksum() of the page's other bytes.
// The VFS shim named by page_checksum_vfs() writes them on every write of a page to the book
// file and to its write-ahead log, and checks them on every read of a whole page: a mismatch
// is SQLITE_IOERR_DATA, which the store reports as a damaged book. Books without reserved
// bytes (created before page checksums) are read and written unchanged, without checks.
//
// The checksum catches damage, not forgery: anyone can recompute it (the hash chain, the
// Merkle tree and the signed checkpoints are what catch a dishonest edit).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "ledger/base/error.h"

struct sqlite3;

namespace semilla::store {

// Bytes at the end of every page that hold its checksum (the header's reserved bytes).
inline constexpr int kPageChecksumBytes = 8;

// A 64-bit checksum of `size` bytes (a multiple of 8): four lanes of 64-bit words, each word
// multiplied in, rotated and multiplied again, the lanes folded through a bijective mix. A
// change confined to one 8-byte word always changes it (every step is a bijection of the
// lane); any other change goes unnoticed with probability about 2^-64. Not cryptographic.
[[nodiscard]] std::uint64_t page_checksum(const unsigned char* data, std::size_t size);

// The name of the VFS shim, registered with SQLite on the first call (thread-safe). It wraps
// the default VFS; only the main database file and its write-ahead log are checksummed.
[[nodiscard]] const char* page_checksum_vfs();

// The page whose checksum failed last on this thread ("page 7", "page 7 in FILE-wal (frame
// 3)"), for the error message of the SQLITE_IOERR_DATA it caused; "" if none.
[[nodiscard]] std::string last_checksum_failure();

// Marks a connection's main file (opened through page_checksum_vfs()) as one whose pages get
// checksums from the next write on, whatever its header says so far, and sets the reserve
// to 8 bytes (SQLITE_FCNTL_RESERVE_BYTES). Reads are not checked until
// follow_checksum_header(): pages written before have none. Used when creating a book and
// while VACUUM upgrades one. kEnvironment when SQLite refuses the reserve.
[[nodiscard]] Status start_page_checksums(sqlite3* db);
// Ends start_page_checksums(): from now on the file's header (byte 20) decides.
void follow_checksum_header(sqlite3* db);
// Whether the connection's main file carries page checksums (header byte 20 is 8).
[[nodiscard]] bool has_page_checksums(sqlite3* db);

// Reads `amount` bytes at `at` of the main file of `db` as they are on disk, unchecked,
// through the file descriptor SQLite itself holds for the connection. False when fewer bytes
// were there or the read failed.
//
// Never through a descriptor of its own (an ifstream): POSIX advisory locks belong to the
// process and the file, and closing ANY descriptor of the file releases every lock the
// process holds on it (https://www.sqlite.org/howtocorrupt.html, 2.2). A check that opened
// and closed the book beside its SQLite connection dropped their SHARED lock unseen; a
// `semilla post` ending then took the EXCLUSIVE lock, believed itself the last connection,
// checkpointed every frame into the file regardless of the readers' snapshots and deleted
// the write-ahead log and its index under them: `audit verify` read pages of two moments and
// reported a sound book as damaged.
[[nodiscard]] bool read_book_file(sqlite3* db, unsigned char* out, int amount,
                                  std::int64_t at);
// The size in bytes of the main file of `db`, asked through SQLite's descriptor; nullopt
// when it cannot be had.
[[nodiscard]] std::optional<std::int64_t> book_file_size(sqlite3* db);

// Checks the checksum of every page of the main file of `db` (page size `page_size`), page 1
// and free pages included, reading the file itself (read_book_file). Returns the number of
// pages checked, or kVerifyFailed "the book file is damaged: page N fails its checksum ...".
// A page that fails is read again a few times first: another process's checkpoint may be
// writing it back from the write-ahead log at that moment (a read beside a write can return
// part of each; every image a checkpoint writes is sealed).
//
// The page holding byte 2^30 of the file (SQLite's lock-byte page, in books over 1 GiB) is
// never written by SQLite and has no checksum: it must be all zero bytes. `lock_byte_offset`
// moves it, for tests only.
inline constexpr std::uint64_t kLockByteOffset = std::uint64_t{1} << 30;
[[nodiscard]] Result<std::uint64_t> check_page_checksums(
    sqlite3* db, int page_size, std::uint64_t lock_byte_offset = kLockByteOffset);
// The same for the book file at `path`, through a connection of its own that runs no
// statement (tests, benchmarks).
[[nodiscard]] Result<std::uint64_t> check_page_checksums(
    const std::string& path, int page_size, std::uint64_t lock_byte_offset = kLockByteOffset);

// For a file whose header says it has no page checksums (byte 20 is 0): kVerifyFailed when
// page 1 nevertheless ends in the checksum it would have with byte 20 = 8, i.e. the header of
// a book with page checksums was changed so as to look like an older book's. Ok otherwise.
[[nodiscard]] Status check_not_downgraded(sqlite3* db, int page_size);
[[nodiscard]] Status check_not_downgraded(const std::string& path, int page_size);

// Recomputes the checksum of every page of the settled book file at `path` (no commit in
// FILE-wal), as a tool that edits the file and knows the checksum would. For tests that
// edit a book with sqlite3 to check what verify says about the rows; an attacker can do the
// same, which is why the checksum is no seal. kEnvironment when the file cannot be read or
// written or has no page checksums. Through a descriptor of its own (read_book_file says why
// that is wrong while this process has the book open): only for a book no connection of the
// calling process holds.
[[nodiscard]] Status reseal_page_checksums(const std::string& path);

}  // namespace semilla::store
