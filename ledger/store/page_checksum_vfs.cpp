// SPDX-License-Identifier: Apache-2.0
// The page checksum VFS shim (page_checksums.h), written for Semilla.
//
// Which files: the main database file and its write-ahead log. A whole-page write to the main
// file (a page-size write at a multiple of the page size) gets the checksum of its first
// page_size - 8 bytes in its last 8 (little-endian) before it reaches the disk; a whole-page
// read is checked. Journals, temporary files and the shared-memory index pass through.
//
// When: the main file's header says so (byte 20, reserved bytes per page, is 8), read when the
// file is opened and whenever page 1 is read or written. Between start_page_checksums() and
// follow_checksum_header() (a new book; VACUUM adding the reserve to an old one) pages are
// written with checksums and read without checks, since older pages have none yet.
//
// The write-ahead log: a frame is a 24-byte header and a page image; the header's last 8
// bytes are a running checksum (SQLite's, over every frame since the log's header) that
// SQLite computes before it writes the page image. Changing the image's last 8 bytes would
// make that checksum wrong, and SQLite would drop the frame and every later one when it next
// recovers the log. So after writing a sealed image the shim recomputes the frame's running
// checksum from the previous frame's (or the log header's), as the file format defines it,
// and rewrites it. Reads of page images from the log are checked like reads of the file.
//
// Raw reads: verify's scan of every page reads the main file below the shim, unchecked, but
// through the descriptor SQLite holds for the connection (read_book_file): a descriptor of
// its own, once closed, would release the process's locks on the book.
//
// Not used: memory-mapped I/O (the io methods are version 2, so SQLite never maps the file
// and every read passes through xRead).
#include <sqlite3.h>

#include <array>
#include <bit>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "ledger/base/check.h"
#include "ledger/base/lang.h"
#include "ledger/store/page_checksums.h"

namespace semilla::store {
namespace {

constexpr const char* kVfsName = "semilla-page-checksums";
constexpr int kHeaderBytes = 100;
constexpr int kReserveAt = 20;  // database header: reserved bytes per page
constexpr sqlite3_int64 kWalHeaderBytes = 32;
constexpr sqlite3_int64 kFrameHeaderBytes = 24;
// File-control opcodes of the shim: 'SEM' and a number, far from SQLite's own (below 100).
constexpr int kOpStart = 0x53454D01;
constexpr int kOpFollowHeader = 0x53454D02;
constexpr int kOpQuery = 0x53454D03;

std::uint64_t load_le64(const unsigned char* p) {
  std::uint64_t v = 0;
  std::memcpy(&v, p, sizeof v);  // one load; the byte order is fixed below
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

void store_le64(unsigned char* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

std::uint32_t load_be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
         (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

std::uint32_t load_le32(const unsigned char* p) {
  return (std::uint32_t{p[3]} << 24) | (std::uint32_t{p[2]} << 16) |
         (std::uint32_t{p[1]} << 8) | std::uint32_t{p[0]};
}

void store_be32(unsigned char* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (24 - 8 * i));
}

constexpr std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// One word into one lane: a bijection of the lane for a given word, and of the word for a
// given lane (odd multipliers are invertible modulo 2^64, xor and rotation are too).
constexpr std::uint64_t absorb(std::uint64_t lane, std::uint64_t word) {
  return rotl(lane ^ (word * 0x9E3779B97F4A7C15ULL), 29) * 0xD6E8FEB86659FD93ULL;
}

// A bijective finalizer (xor-shifts and odd multipliers): every input bit reaches every
// output bit.
constexpr std::uint64_t finish(std::uint64_t x) {
  x ^= x >> 32;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 29;
  x *= 0xC4CEB9FE1A85EC53ULL;
  return x ^ (x >> 32);
}

bool page_sealed(const unsigned char* page, int size) {
  const auto body = static_cast<std::size_t>(size - kPageChecksumBytes);
  return page_checksum(page, body) == load_le64(page + body);
}

void seal_page(unsigned char* page, int size) {
  const auto body = static_cast<std::size_t>(size - kPageChecksumBytes);
  store_le64(page + body, page_checksum(page, body));
}

bool is_page_size(int n) { return n >= 512 && n <= 65536 && (n & (n - 1)) == 0; }

thread_local std::string last_failure;

enum class FileKind { kOther, kMain, kWal };

// What SQLite holds as the sqlite3_file; the wrapped file follows it in the same allocation.
struct ShimFile {
  sqlite3_file base;      // first: SQLite sees only this
  sqlite3_file* real;     // the default VFS's file, right after this struct
  FileKind kind;
  ShimFile* main;         // of a write-ahead log: its database file (ours), else nullptr
  bool header_sealed;     // main: the last header seen has 8 reserved bytes per page
  bool compute;           // main: write checksums
  bool verify;            // main: check them on reads
  bool forced;            // main: between start_page_checksums and follow_checksum_header
  int page_size;          // main: from the last header seen; 0 before one is
  sqlite3_int64 frame_header_at;  // log: offset of the frame header written last, or -1
  std::array<unsigned char, 8> frame_header_head;  // ... and its first 8 bytes
};

ShimFile& self(sqlite3_file* f) { return *reinterpret_cast<ShimFile*>(f); }

sqlite3_file* real_of(ShimFile* f) {
  return reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + sizeof(ShimFile));
}

int real_read(ShimFile& f, void* buf, int n, sqlite3_int64 at) {
  return f.real->pMethods->xRead(f.real, buf, n, at);
}

int real_write(ShimFile& f, const void* buf, int n, sqlite3_int64 at) {
  return f.real->pMethods->xWrite(f.real, buf, n, at);
}

// Takes what a database header (at least 100 bytes) says, if it is one.
void follow_header(ShimFile& f, const unsigned char* h) {
  if (std::memcmp(h, "SQLite format 3", 16) != 0) return;
  const int raw = (h[16] << 8) | h[17];
  const int size = raw == 1 ? 65536 : raw;
  if (is_page_size(size)) f.page_size = size;
  f.header_sealed = h[kReserveAt] == kPageChecksumBytes;
  if (f.forced) return;
  f.compute = f.header_sealed;
  f.verify = f.header_sealed;
}

void reread_header(ShimFile& f) {
  std::array<unsigned char, kHeaderBytes> h{};
  if (real_read(f, h.data(), kHeaderBytes, 0) == SQLITE_OK) follow_header(f, h.data());
}

// The page size a whole-page write of `amount` bytes implies: the header's, or, before any
// header was seen (a new file), any valid page size.
int page_size_of(const ShimFile& f, int amount) {
  if (f.page_size != 0) return f.page_size;
  return is_page_size(amount) ? amount : 0;
}

bool is_frame_image(sqlite3_int64 at, int page_size) {
  const sqlite3_int64 frame = page_size + kFrameHeaderBytes;
  return at >= kWalHeaderBytes + kFrameHeaderBytes &&
         (at - kWalHeaderBytes) % frame == kFrameHeaderBytes;
}

int fail(std::string what) {
  last_failure = std::move(what);
  return SQLITE_IOERR_DATA;
}

int fail_frame(ShimFile& f, sqlite3_int64 image_at, int page_size) {
  const sqlite3_int64 frame = (image_at - kWalHeaderBytes) / (page_size + kFrameHeaderBytes);
  std::array<unsigned char, 4> pgno{};
  (void)real_read(f, pgno.data(), 4, image_at - kFrameHeaderBytes);
  return fail("page " + std::to_string(load_be32(pgno.data())) +
              " in the write-ahead log (frame " + std::to_string(frame + 1) + ")");
}

int shim_read(sqlite3_file* file, void* buf, int amount, sqlite3_int64 at) {
  ShimFile& f = self(file);
  const int rc = real_read(f, buf, amount, at);
  if (rc != SQLITE_OK) return rc;
  const auto* bytes = static_cast<const unsigned char*>(buf);
  if (f.kind == FileKind::kMain) {
    if (at == 0 && amount >= kHeaderBytes) follow_header(f, bytes);
    if (f.verify && amount == f.page_size && at % amount == 0 && !page_sealed(bytes, amount)) {
      return fail("page " + std::to_string(at / amount + 1));
    }
  } else if (f.kind == FileKind::kWal && f.main != nullptr && f.main->verify) {
    const int size = f.main->page_size;
    if (amount == size && is_frame_image(at, size) && !page_sealed(bytes, amount)) {
      return fail_frame(f, at, size);
    }
  }
  return SQLITE_OK;
}

// SQLite's running checksum of the log (file format, "WAL file format"): 32-bit words in the
// byte order the log's magic number names, two at a time.
void wal_checksum(bool big_endian, const unsigned char* p, int n, std::uint32_t& s0,
                  std::uint32_t& s1) {
  for (int i = 0; i + 8 <= n; i += 8) {
    const std::uint32_t x0 = big_endian ? load_be32(p + i) : load_le32(p + i);
    const std::uint32_t x1 = big_endian ? load_be32(p + i + 4) : load_le32(p + i + 4);
    s0 += x0 + s1;
    s1 += x1 + s0;
  }
}

// Recomputes and rewrites the running checksum of the frame at `frame_at`, whose page image
// `image` was just written: from the previous frame's checksum (or the log header's).
int reseal_frame(ShimFile& f, const unsigned char* image, int page_size,
                 sqlite3_int64 frame_at) {
  std::array<unsigned char, kWalHeaderBytes> wal{};
  int rc = real_read(f, wal.data(), static_cast<int>(wal.size()), 0);
  std::array<unsigned char, 8> prev{};
  if (rc == SQLITE_OK && frame_at == kWalHeaderBytes) {
    std::memcpy(prev.data(), wal.data() + 24, 8);
  } else if (rc == SQLITE_OK) {
    rc = real_read(f, prev.data(), 8, frame_at - page_size - kFrameHeaderBytes + 16);
  }
  std::array<unsigned char, 8> head = f.frame_header_head;
  if (rc == SQLITE_OK && f.frame_header_at != frame_at) rc = real_read(f, head.data(), 8, frame_at);
  if (rc != SQLITE_OK) return rc;
  std::uint32_t s0 = load_be32(prev.data()), s1 = load_be32(prev.data() + 4);
  const bool big_endian = (load_be32(wal.data()) & 1) != 0;
  wal_checksum(big_endian, head.data(), 8, s0, s1);
  wal_checksum(big_endian, image, page_size, s0, s1);
  std::array<unsigned char, 8> sum{};
  store_be32(sum.data(), s0);
  store_be32(sum.data() + 4, s1);
  return real_write(f, sum.data(), 8, frame_at + 16);
}

int write_sealed(ShimFile& f, const unsigned char* page, int amount, sqlite3_int64 at) {
  thread_local std::vector<unsigned char> copy;
  copy.assign(page, page + amount);
  seal_page(copy.data(), amount);
  const int rc = real_write(f, copy.data(), amount, at);
  if (rc != SQLITE_OK || f.kind != FileKind::kWal) return rc;
  return reseal_frame(f, copy.data(), amount, at - kFrameHeaderBytes);
}

int shim_write(sqlite3_file* file, const void* buf, int amount, sqlite3_int64 at) {
  ShimFile& f = self(file);
  const auto* bytes = static_cast<const unsigned char*>(buf);
  if (f.kind == FileKind::kMain) {
    if (at == 0 && amount >= kHeaderBytes) follow_header(f, bytes);
    const int size = page_size_of(f, amount);
    if (f.compute && amount == size && at % size == 0) return write_sealed(f, bytes, amount, at);
  } else if (f.kind == FileKind::kWal) {
    const bool header = amount == kFrameHeaderBytes && at >= kWalHeaderBytes;
    f.frame_header_at = header ? at : -1;
    if (header) std::memcpy(f.frame_header_head.data(), bytes, 8);
    const ShimFile* main = f.main;
    if (main != nullptr && main->compute && amount == main->page_size &&
        is_frame_image(at, amount)) {
      return write_sealed(f, bytes, amount, at);
    }
  }
  return real_write(f, buf, amount, at);
}

int shim_file_control(sqlite3_file* file, int op, void* arg) {
  ShimFile& f = self(file);
  if (op == kOpStart || op == kOpFollowHeader || op == kOpQuery) {
    if (f.kind != FileKind::kMain) return SQLITE_NOTFOUND;
    if (op == kOpStart) {
      f.forced = true;
      f.compute = true;
      f.verify = false;
    } else if (op == kOpFollowHeader) {
      f.forced = false;
      reread_header(f);
    } else {
      *static_cast<int*>(arg) = f.header_sealed ? 1 : 0;
    }
    return SQLITE_OK;
  }
  return f.real->pMethods->xFileControl(f.real, op, arg);
}

int shim_close(sqlite3_file* file) {
  ShimFile& f = self(file);
  const int rc = f.real->pMethods->xClose(f.real);
  f.~ShimFile();
  return rc;
}

// The rest passes through to the wrapped file.
int shim_truncate(sqlite3_file* f, sqlite3_int64 size) {
  return self(f).real->pMethods->xTruncate(self(f).real, size);
}
int shim_sync(sqlite3_file* f, int flags) {
  return self(f).real->pMethods->xSync(self(f).real, flags);
}
int shim_file_size(sqlite3_file* f, sqlite3_int64* size) {
  return self(f).real->pMethods->xFileSize(self(f).real, size);
}
int shim_lock(sqlite3_file* f, int level) {
  return self(f).real->pMethods->xLock(self(f).real, level);
}
int shim_unlock(sqlite3_file* f, int level) {
  return self(f).real->pMethods->xUnlock(self(f).real, level);
}
int shim_check_reserved_lock(sqlite3_file* f, int* out) {
  return self(f).real->pMethods->xCheckReservedLock(self(f).real, out);
}
int shim_sector_size(sqlite3_file* f) {
  return self(f).real->pMethods->xSectorSize(self(f).real);
}
int shim_device_characteristics(sqlite3_file* f) {
  return self(f).real->pMethods->xDeviceCharacteristics(self(f).real);
}
int shim_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return self(f).real->pMethods->xShmMap(self(f).real, region, size, extend, out);
}
int shim_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return self(f).real->pMethods->xShmLock(self(f).real, offset, n, flags);
}
void shim_shm_barrier(sqlite3_file* f) { self(f).real->pMethods->xShmBarrier(self(f).real); }
int shim_shm_unmap(sqlite3_file* f, int delete_flag) {
  return self(f).real->pMethods->xShmUnmap(self(f).real, delete_flag);
}

const sqlite3_io_methods kMethods = {
    2,  // version 2: shared memory for the log, but no memory-mapped reads (xFetch)
    shim_close, shim_read, shim_write, shim_truncate, shim_sync, shim_file_size, shim_lock,
    shim_unlock, shim_check_reserved_lock, shim_file_control, shim_sector_size,
    shim_device_characteristics, shim_shm_map, shim_shm_lock, shim_shm_barrier,
    shim_shm_unmap, nullptr, nullptr};

int shim_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags,
              int* out_flags) {
  auto* root = static_cast<sqlite3_vfs*>(vfs->pAppData);
  auto* f = new (file) ShimFile{};
  f->real = real_of(f);
  f->frame_header_at = -1;
  f->kind = (flags & SQLITE_OPEN_MAIN_DB) != 0 ? FileKind::kMain
            : (flags & SQLITE_OPEN_WAL) != 0   ? FileKind::kWal
                                               : FileKind::kOther;
  const int rc = root->xOpen(root, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (f->real->pMethods != nullptr) f->real->pMethods->xClose(f->real);
    f->base.pMethods = nullptr;
    return rc;
  }
  f->base.pMethods = &kMethods;
  if (f->kind == FileKind::kMain) {
    sqlite3_int64 size = 0;
    if (f->real->pMethods->xFileSize(f->real, &size) == SQLITE_OK && size >= kHeaderBytes) {
      reread_header(*f);
    }
  } else if (f->kind == FileKind::kWal) {
    sqlite3_file* main = sqlite3_database_file_object(name);
    if (main != nullptr && main->pMethods == &kMethods) f->main = &self(main);
  }
  return SQLITE_OK;
}

sqlite3_vfs* root_of(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

int vfs_delete(sqlite3_vfs* v, const char* name, int sync) {
  return root_of(v)->xDelete(root_of(v), name, sync);
}
int vfs_access(sqlite3_vfs* v, const char* name, int flags, int* out) {
  return root_of(v)->xAccess(root_of(v), name, flags, out);
}
int vfs_full_pathname(sqlite3_vfs* v, const char* name, int n, char* out) {
  return root_of(v)->xFullPathname(root_of(v), name, n, out);
}
void* vfs_dl_open(sqlite3_vfs* v, const char* name) {
  return root_of(v)->xDlOpen(root_of(v), name);
}
void vfs_dl_error(sqlite3_vfs* v, int n, char* out) { root_of(v)->xDlError(root_of(v), n, out); }
void (*vfs_dl_sym(sqlite3_vfs* v, void* lib, const char* sym))(void) {
  return root_of(v)->xDlSym(root_of(v), lib, sym);
}
void vfs_dl_close(sqlite3_vfs* v, void* lib) { root_of(v)->xDlClose(root_of(v), lib); }
int vfs_randomness(sqlite3_vfs* v, int n, char* out) {
  return root_of(v)->xRandomness(root_of(v), n, out);
}
int vfs_sleep(sqlite3_vfs* v, int micros) { return root_of(v)->xSleep(root_of(v), micros); }
int vfs_current_time(sqlite3_vfs* v, sqlite3_int64* out) {
  return root_of(v)->xCurrentTimeInt64(root_of(v), out);
}
int vfs_last_error(sqlite3_vfs* v, int n, char* out) {
  return root_of(v)->xGetLastError(root_of(v), n, out);
}

int connection_op(sqlite3* db, int op, int* arg) {
  return sqlite3_file_control(db, "main", op, arg);
}

// The file SQLite opened for the connection's main database, below the shim when it is ours
// (so that reads are not checked), or nullptr.
sqlite3_file* main_file_of(sqlite3* db) {
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == nullptr || file->pMethods == nullptr) {
    return nullptr;
  }
  return file->pMethods == &kMethods ? self(file).real : file;
}

}  // namespace

std::uint64_t page_checksum(const unsigned char* data, std::size_t size) {
  SEMILLA_CHECK(size % 8 == 0);
  std::uint64_t a = 0x243F6A8885A308D3ULL, b = 0x13198A2E03707344ULL;
  std::uint64_t c = 0xA4093822299F31D0ULL, d = 0x082EFA98EC4E6C89ULL;
  const std::size_t words = size / 8;
  std::size_t i = 0;
  for (; i + 4 <= words; i += 4) {  // four independent lanes: the multiplies overlap
    const unsigned char* p = data + 8 * i;
    a = absorb(a, load_le64(p));
    b = absorb(b, load_le64(p + 8));
    c = absorb(c, load_le64(p + 16));
    d = absorb(d, load_le64(p + 24));
  }
  if (i < words) a = absorb(a, load_le64(data + 8 * i));
  if (i + 1 < words) b = absorb(b, load_le64(data + 8 * (i + 1)));
  if (i + 2 < words) c = absorb(c, load_le64(data + 8 * (i + 2)));
  return finish(a) ^ rotl(finish(b), 16) ^ rotl(finish(c), 32) ^ rotl(finish(d), 48) ^ size;
}

const char* page_checksum_vfs() {
  static const char* const name = [] {
    static sqlite3_vfs vfs{};
    sqlite3_vfs* root = sqlite3_vfs_find(nullptr);
    SEMILLA_CHECK(root != nullptr && root->iVersion >= 2);
    vfs.iVersion = 2;
    vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + root->szOsFile;
    vfs.mxPathname = root->mxPathname;
    vfs.zName = kVfsName;
    vfs.pAppData = root;
    vfs.xOpen = shim_open;
    vfs.xDelete = vfs_delete;
    vfs.xAccess = vfs_access;
    vfs.xFullPathname = vfs_full_pathname;
    vfs.xDlOpen = vfs_dl_open;
    vfs.xDlError = vfs_dl_error;
    vfs.xDlSym = vfs_dl_sym;
    vfs.xDlClose = vfs_dl_close;
    vfs.xRandomness = vfs_randomness;
    vfs.xSleep = vfs_sleep;
    vfs.xCurrentTimeInt64 = vfs_current_time;
    vfs.xGetLastError = vfs_last_error;
    SEMILLA_CHECK(sqlite3_vfs_register(&vfs, 0) == SQLITE_OK);
    return kVfsName;
  }();
  return name;
}

std::string last_checksum_failure() { return last_failure; }

bool read_book_file(sqlite3* db, unsigned char* out, int amount, std::int64_t at) {
  sqlite3_file* file = main_file_of(db);
  return file != nullptr && file->pMethods->xRead(file, out, amount, at) == SQLITE_OK;
}

std::optional<std::int64_t> book_file_size(sqlite3* db) {
  sqlite3_file* file = main_file_of(db);
  sqlite3_int64 size = 0;
  if (file == nullptr || file->pMethods->xFileSize(file, &size) != SQLITE_OK) return std::nullopt;
  return size;
}

Status start_page_checksums(sqlite3* db) {
  int reserve = kPageChecksumBytes;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) != SQLITE_OK) {
    return make_error(ErrorCode::kEnvironment, "--db",
                      tr("SQLite refused to reserve page space for checksums"));
  }
  int unused = 0;
  SEMILLA_CHECK(connection_op(db, kOpStart, &unused) == SQLITE_OK);  // opened through the shim
  return Status::Ok();
}

void follow_checksum_header(sqlite3* db) {
  int unused = 0;
  (void)connection_op(db, kOpFollowHeader, &unused);
}

bool has_page_checksums(sqlite3* db) {
  int sealed = 0;
  return connection_op(db, kOpQuery, &sealed) == SQLITE_OK && sealed == 1;
}

}  // namespace semilla::store
