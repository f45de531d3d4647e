#include "sim/util/disk_cache.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "sim/util/atomic_file.hpp"
#include "sim/util/hash.hpp"

namespace ascendsim {

const std::string& executable_hash() {
  static const std::string h = hash_file_hex("/proc/self/exe");
  return h;
}

DiskCache::DiskCache(std::string name_space) {
  namespace fs = std::filesystem;
  std::string base;
  if (const char* d = std::getenv("ASCENDSIM_CACHE_DIR")) {
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
  if (!ec) dir_ = dir.string();
}

std::string DiskCache::path_for(const std::string& key) const {
  return dir_ + "/" + Hasher().add(executable_hash()).add(key).hex() + ".json";
}

std::optional<std::string> DiskCache::get(const std::string& key) const {
  if (!enabled()) return std::nullopt;
  std::ifstream in(path_for(key), std::ios::binary);
  if (!in) return std::nullopt;
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The stored value starts with its own key so a hash collision is detected, not trusted.
  const std::string header = key + "\n";
  if (s.compare(0, header.size(), header) != 0) return std::nullopt;
  return s.substr(header.size());
}

void DiskCache::put(const std::string& key, const std::string& value) const {
  if (!enabled()) return;
  try {
    write_file_atomic(path_for(key), key + "\n" + value);
  } catch (const std::exception&) {
    // A cache that cannot be written only costs time.
  }
}

}  // namespace ascendsim
