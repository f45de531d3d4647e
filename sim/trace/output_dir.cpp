#include "sim/trace/output_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sim/config/input_error.hpp"
#include "sim/util/atomic_file.hpp"

namespace ascendsim {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> read_manifest(const fs::path& dir) {
  std::vector<std::string> names;
  std::ifstream in(dir / OutputDir::kManifest);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') names.push_back(line);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

bool listed(const std::vector<std::string>& names, const std::string& n) {
  return std::binary_search(names.begin(), names.end(), n);
}

// ".NAME.tmp.XXXXXX": what write_file_atomic leaves behind if killed between create and rename.
bool is_leftover_temp(const std::vector<std::string>& names, const std::string& entry) {
  const auto at = entry.rfind(".tmp.");
  if (entry.size() < 2 || entry[0] != '.' || at == std::string::npos || entry.size() - at != 11) return false;
  const std::string base = entry.substr(1, at - 1);
  return base == OutputDir::kManifest || listed(names, base);
}

// Exclusive flock on the directory itself while the manifest is read, merged and rewritten, so
// several processes writing into one shared directory (the shards of a Slurm job array) keep every
// name they add. Best effort: without the lock (a file system refusing it) the update still happens.
class DirLock {
 public:
  explicit DirLock(const std::string& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~DirLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;

 private:
  int fd_;
};

}  // namespace

std::vector<std::string> OutputDir::foreign_entries(const std::string& dir) {
  std::vector<std::string> foreign;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return foreign;
  const auto names = read_manifest(dir);
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n == kManifest || is_leftover_temp(names, n)) continue;
    if (!listed(names, n) || !e.is_regular_file()) foreign.push_back(n);
  }
  std::sort(foreign.begin(), foreign.end());
  return foreign;
}

OutputDir::OutputDir(std::string dir, bool force) : dir_(std::move(dir)) {
  const SourceLocation where{dir_, 0, 0};
  std::error_code ec;
  if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec))
    throw InputError(where, "--out", "expected a directory, found a file");
  if (!fs::exists(dir_, ec)) {
    fs::create_directories(dir_, ec);
    if (ec) throw InputError(where, "--out", "cannot create the output directory: " + ec.message());
  }
  // The same lock as write(): another process writing into this directory (a shard of a job
  // array) never has its in-flight temporary file taken for a leftover and removed.
  const DirLock lock(dir_);
  const auto foreign = foreign_entries(dir_);
  if (!foreign.empty() && !force) {
    std::string list;
    for (std::size_t i = 0; i < foreign.size() && i < 5; ++i) list += (i ? ", " : "") + foreign[i];
    if (foreign.size() > 5) list += ", ... (" + std::to_string(foreign.size()) + " in all)";
    throw InputError(where, "--out",
                     "expected an empty directory or one ascendsim wrote, found files ascendsim did not write: " +
                         list + " (pass --force to write into it anyway)");
  }
  listed_ = read_manifest(dir_);
  for (const auto& e : fs::directory_iterator(dir_)) {
    const std::string n = e.path().filename().string();
    if (is_leftover_temp(listed_, n)) fs::remove(e.path(), ec);
  }
}

std::string OutputDir::path(const std::string& name) const { return (fs::path(dir_) / name).string(); }

void OutputDir::save_manifest() const {
  std::string text = "# files written by ascendsim into this directory; --out may overwrite them\n";
  for (const auto& n : listed_) text += n + "\n";
  write_file_atomic(path(kManifest), text);
}

void OutputDir::write(const std::string& name, std::string_view content) {
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == ".." || name == kManifest)
    throw std::invalid_argument("OutputDir::write: not a plain output file name: '" + name + "'");
  // Held for the manifest update and the file itself, so a concurrent OutputDir's start-up cleanup
  // cannot remove this write's temporary file.
  const DirLock lock(dir_);
  if (!listed(listed_, name)) {
    // Other processes may have added names since this one read the manifest: keep theirs.
    std::vector<std::string> now = read_manifest(dir_);
    now.insert(now.end(), listed_.begin(), listed_.end());
    now.push_back(name);
    std::sort(now.begin(), now.end());
    now.erase(std::unique(now.begin(), now.end()), now.end());
    listed_ = std::move(now);
    save_manifest();
  }
  write_file_atomic(path(name), content);
}

}  // namespace ascendsim
