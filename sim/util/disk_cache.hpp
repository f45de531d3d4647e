// A content-addressed cache on disk for results that are expensive to simulate (step times).
// Keys hash every input the result depends on plus the running executable's own bytes, so a
// rebuilt binary never reads a result an older model produced: the cache is never stale, and it
// is safe to delete at any time. Location: $ASCENDSIM_CACHE_DIR, else $XDG_CACHE_HOME/ascendsim,
// else ~/.cache/ascendsim; ASCENDSIM_CACHE_DIR=off disables it.
//
// Nothing read from it is trusted blindly: the cache directory must belong to the user and be
// writable by no one else (else the cache is disabled), and every entry carries its own key and a
// hash of its contents, checked on every read; an entry that is truncated, edited, foreign (another
// key) or owned by someone else reads as a miss and is rebuilt. The hash is 64-bit FNV-1a: it
// catches corruption and edits, and the ownership check keeps other users out.
#pragma once
#include <optional>
#include <string>

namespace ascendsim {

class DiskCache {
 public:
  explicit DiskCache(std::string name_space);  // e.g. "steps"
  bool enabled() const { return !dir_.empty(); }
  const std::string& dir() const { return dir_; }  // the namespace directory ("" when disabled)
  // `key` is any text describing all inputs; it is hashed together with the executable's hash.
  std::optional<std::string> get(const std::string& key) const;
  void put(const std::string& key, const std::string& value) const;  // atomic; errors are ignored
  std::string path_for(const std::string& key) const;

 private:
  std::string dir_;
};

const std::string& executable_hash();  // hash of /proc/self/exe, computed once

// True when `path` is a regular file owned by this user, writable by no one else, holding exactly
// `content`. How a cached platform XML is verified before SimGrid reads it.
bool private_file_holds(const std::string& path, const std::string& content);

// A directory only this process uses (mkdtemp under the system temporary directory, mode 0700),
// created on first use and removed when the process ends, and on SIGINT/SIGTERM when empty of unregistered files.
// Throws std::runtime_error if it cannot be created. Where files go when there is no cache.
const std::string& private_temp_dir();

}  // namespace ascendsim
