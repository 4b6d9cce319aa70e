// SPDX-License-Identifier: Apache-2.0
// The private key file. POSIX calls rather than iostreams, because the file must be created
// with its final permissions atomically (O_CREAT|O_EXCL with mode 0600) and checked with
// fstat on the descriptor that is read, not on a path that could change in between.
#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "audit/note_key.h"

namespace semilla::audit {
namespace {

// A key line is about 150 bytes; anything far larger is not a key file.
constexpr std::size_t kKeyFileBytesMax = 1024;

Error io_error(const std::string& path, const std::string& what) {
  return make_error(ErrorCode::kEnvironment, path, what + ": " + std::strerror(errno));
}

// Closes the descriptor on every path out of a function.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }
  // Closes now and reports whether close succeeded (it can report a delayed write error).
  [[nodiscard]] bool close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc == 0;
  }

 private:
  int fd_;
};

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

Status write_and_sync(const std::string& path, Fd& fd, std::string& content) {
  const bool written = write_all(fd.get(), content);
  OPENSSL_cleanse(content.data(), content.size());
  if (!written) return io_error(path, "cannot write the key file");
  if (::fsync(fd.get()) != 0) return io_error(path, "cannot sync the key file");
  if (!fd.close()) return io_error(path, "cannot close the key file");
  return Status::Ok();
}

Result<std::string> read_limited(const std::string& path, int fd) {
  std::string content(kKeyFileBytesMax + 1, '\0');
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::read(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(path, "cannot read the key file");
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  if (done > kKeyFileBytesMax) {
    OPENSSL_cleanse(content.data(), content.size());
    return make_error(ErrorCode::kInvalid, path, "a key file is at most 1024 bytes");
  }
  content.resize(done);
  return content;
}

}  // namespace

Status write_signer_key_file(const std::string& path, const NoteSigner& signer) {
  const int raw = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                         S_IRUSR | S_IWUSR);
  if (raw < 0) {
    if (errno == EEXIST) {
      return make_error(ErrorCode::kAlreadyExists, path,
                        "a file already exists there; a signing key is never overwritten");
    }
    return io_error(path, "cannot create the key file");
  }
  Fd fd(raw);
  std::string content = signer.to_string() + "\n";
  Status st = write_and_sync(path, fd, content);
  // A half-written key must not be mistaken for a key later.
  if (!st.ok()) ::unlink(path.c_str());
  return st;
}

Result<NoteSigner> read_signer_key_file(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return io_error(path, "cannot open the key file");
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return io_error(path, "cannot stat the key file");
  if (!S_ISREG(st.st_mode)) {
    return make_error(ErrorCode::kEnvironment, path, "the key file is not a regular file");
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return make_error(ErrorCode::kEnvironment, path,
                      "the key file is accessible by group or others; run chmod 600 on it");
  }
  Result<std::string> content = read_limited(path, fd.get());
  if (!content.ok()) return content.error();
  std::string& text = *content;
  Result<NoteSigner> signer =
      (text.empty() || text.back() != '\n')
          ? Result<NoteSigner>(make_error(ErrorCode::kInvalid, path,
                                          "a key file holds one line ending in a newline"))
          : NoteSigner::parse(std::string_view(text).substr(0, text.size() - 1));
  OPENSSL_cleanse(text.data(), text.size());
  if (!signer.ok()) {
    return make_error(signer.error().code, path, signer.error().message);
  }
  return signer;
}

}  // namespace semilla::audit
