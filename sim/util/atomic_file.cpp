#include "sim/util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "sim/util/interrupt.hpp"

namespace ascendsim {

std::string random_suffix(std::size_t n) {
  static std::atomic<unsigned long long> counter{0};
  unsigned long long x = static_cast<unsigned long long>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
                         (static_cast<unsigned long long>(::getpid()) << 40) ^ (++counter * 0x9E3779B97F4A7C15ull);
  static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    x ^= x >> 33, x *= 0xff51afd7ed558ccdull, x ^= x >> 29;
    s += kAlphabet[x % 62];
  }
  return s;
}

void write_file_atomic(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // The temporary name is chosen here (not by mkstemp) so that it is registered for removal on
  // SIGINT/SIGTERM before the file exists.
  std::string tmpl;
  InterruptCleanup cleanup;
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
    tmpl = (dir / ("." + target.filename().string() + ".tmp." + random_suffix(6))).string();
    cleanup = InterruptCleanup(tmpl, false);
    fd = ::open(tmpl.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      const int err = errno;
      cleanup.release();  // not ours (EEXIST) or never created
      errno = err;
      if (err != EEXIST) break;
    }
  }
  if (fd < 0) throw std::runtime_error("cannot create a temporary file beside " + path + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string err = std::strerror(errno);
      ::close(fd);
      ::unlink(tmpl.c_str());
      throw std::runtime_error("cannot write " + path + ": " + err);
    }
    done += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmpl.c_str());
    throw std::runtime_error("cannot flush " + path);
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    const std::string err = std::strerror(errno);
    ::unlink(tmpl.c_str());
    throw std::runtime_error("cannot rename into " + path + ": " + err);
  }
}

}  // namespace ascendsim
