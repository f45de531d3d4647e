#include "sim/util/disk_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "sim/util/atomic_file.hpp"
#include "sim/util/hash.hpp"
#include "sim/util/interrupt.hpp"

namespace ascendsim {

namespace {

constexpr const char* kEntryMagic = "ascendsim-cache-entry 2\n";

// Reads a whole regular file if it is this user's and writable by no one else.
std::optional<std::string> read_private(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<std::string> out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() && (st.st_mode & 022) == 0) {
    std::string s;
    char buf[65536];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
      if (n > 0) s.append(buf, static_cast<std::size_t>(n));
    if (n == 0) out = std::move(s);
  }
  ::close(fd);
  return out;
}

// The directory is usable when it is ours and writable by no one else (made so if we own it).
bool private_dir(const std::string& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()) return false;
  return (st.st_mode & 022) == 0 || ::chmod(dir.c_str(), st.st_mode & 0755) == 0;
}

std::string entry_hash(const std::string& key, const std::string& value) {
  return Hasher().add(key).add(std::string_view("\n")).add(value).hex();
}

struct TempDir {
  std::string path;
  InterruptCleanup cleanup;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ascendsim-XXXXXX").string();
    if (!::mkdtemp(tmpl.data()))
      throw std::runtime_error("cannot create a private temporary directory: " + std::string(std::strerror(errno)));
    path = tmpl;
    cleanup = InterruptCleanup(path, true);
  }
  ~TempDir() {
    std::error_code ec;
    if (::getpid() == owner) std::filesystem::remove_all(path, ec);
  }
  pid_t owner = ::getpid();
};

}  // namespace

const std::string& executable_hash() {
  static const std::string h = hash_file_hex("/proc/self/exe");
  return h;
}

DiskCache::DiskCache(std::string name_space) {
  namespace fs = std::filesystem;
  std::string base;
  // An empty ASCENDSIM_CACHE_DIR is unset (never the working directory).
  if (const char* d = std::getenv("ASCENDSIM_CACHE_DIR"); d && *d) {
    if (std::string(d) == "off") return;
    base = d;
  } else if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) {
    base = std::string(x) + "/ascendsim";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = std::string(home) + "/.cache/ascendsim";
  } else {
    return;
  }
  std::error_code ec;
  const fs::path dir = fs::path(base) / name_space;
  fs::create_directories(dir, ec);
  if (!ec && private_dir(dir.string())) dir_ = dir.string();
}

std::string DiskCache::path_for(const std::string& key) const {
  return dir_ + "/" + Hasher().add(executable_hash()).add(key).hex() + ".json";
}

std::optional<std::string> DiskCache::get(const std::string& key) const {
  if (!enabled()) return std::nullopt;
  const auto s = read_private(path_for(key));
  if (!s) return std::nullopt;
  // magic, hash of (key, value), key, value: a truncated, edited or foreign entry is a miss.
  const std::string magic = kEntryMagic;
  if (s->compare(0, magic.size(), magic) != 0) return std::nullopt;
  const std::size_t hash_end = s->find('\n', magic.size());
  if (hash_end == std::string::npos) return std::nullopt;
  const std::string hash = s->substr(magic.size(), hash_end - magic.size());
  const std::string header = key + "\n";
  if (s->compare(hash_end + 1, header.size(), header) != 0) return std::nullopt;
  std::string value = s->substr(hash_end + 1 + header.size());
  if (hash != entry_hash(key, value)) return std::nullopt;
  return value;
}

void DiskCache::put(const std::string& key, const std::string& value) const {
  if (!enabled()) return;
  try {
    write_file_atomic(path_for(key), kEntryMagic + entry_hash(key, value) + "\n" + key + "\n" + value);
  } catch (const std::exception&) {
    // A cache that cannot be written only costs time.
  }
}

bool private_file_holds(const std::string& path, const std::string& content) {
  const auto s = read_private(path);
  return s && *s == content;
}

const std::string& private_temp_dir() {
  static const TempDir dir;
  return dir.path;
}

}  // namespace ascendsim
