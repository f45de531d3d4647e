// A content-addressed cache on disk for results that are expensive to simulate (step times).
// Keys hash every input the result depends on plus the running executable's own bytes, so a
// rebuilt binary never reads a result an older model produced: the cache is never stale, and it
// is safe to delete at any time. Location: $ASCENDSIM_CACHE_DIR, else $XDG_CACHE_HOME/ascendsim,
// else ~/.cache/ascendsim; ASCENDSIM_CACHE_DIR=off disables it.
#pragma once
#include <optional>
#include <string>

namespace ascendsim {

class DiskCache {
 public:
  explicit DiskCache(std::string name_space);  // e.g. "steps"
  bool enabled() const { return !dir_.empty(); }
  // `key` is any text describing all inputs; it is hashed together with the executable's hash.
  std::optional<std::string> get(const std::string& key) const;
  void put(const std::string& key, const std::string& value) const;  // atomic; errors are ignored
  std::string path_for(const std::string& key) const;

 private:
  std::string dir_;
};

const std::string& executable_hash();  // hash of /proc/self/exe, computed once

}  // namespace ascendsim
