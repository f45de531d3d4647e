// See output_guard.hpp.
#include "sim/trace/output_guard.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

#include "sim/config/input_error.hpp"
#include "sim/util/atomic_file.hpp"

namespace ascendsim {

namespace fs = std::filesystem;

namespace {

fs::path parent_of(const fs::path& p) { return p.has_parent_path() ? p.parent_path() : fs::path("."); }

void save_manifest(const std::string& dir, const std::vector<std::string>& names) {
  std::string text = "# files written by ascendsim into this directory; ascendsim may overwrite them\n";
  for (const auto& n : names) text += n + "\n";
  write_file_atomic((fs::path(dir) / kOutputManifest).string(), text);
}

}  // namespace

DirLock::DirLock(const std::string& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
  if (fd_ >= 0) ::flock(fd_, LOCK_EX);
}

DirLock::~DirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

std::vector<std::string> read_manifest(const std::string& dir) {
  std::vector<std::string> names;
  std::ifstream in(fs::path(dir) / kOutputManifest);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') names.push_back(line);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

void add_to_manifest(const std::string& dir, const std::vector<std::string>& names, bool caller_holds_lock) {
  std::optional<DirLock> lock;
  if (!caller_holds_lock) lock.emplace(dir);
  std::vector<std::string> now = read_manifest(dir);
  const std::size_t before = now.size();
  now.insert(now.end(), names.begin(), names.end());
  std::sort(now.begin(), now.end());
  now.erase(std::unique(now.begin(), now.end()), now.end());
  if (now.size() != before || !fs::exists(fs::path(dir) / kOutputManifest)) save_manifest(dir, now);
}

bool written_by_ascendsim(const std::string& dir, const std::string& name) {
  struct stat st {};
  const std::string p = (fs::path(dir) / name).string();
  if (::lstat(p.c_str(), &st) != 0 || !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) return false;
  const auto names = read_manifest(dir);
  return std::binary_search(names.begin(), names.end(), name);
}

void check_may_write(const std::string& path, const std::string& option, bool force, ForceMeans means) {
  const SourceLocation where{path, 0, 0};
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;  // nothing there
  if (S_ISDIR(st.st_mode)) throw InputError(where, option, "expected a file name, found a directory");
  if (means == ForceMeans::ReplaceNamedFile) {
    if (force) return;
    throw InputError(where, option, "the file exists; ascendsim keeps no record of single files, so it replaces one "
                                    "only when asked: pass --force to replace it");
  }
  const fs::path p(path);
  if (written_by_ascendsim(parent_of(p).string(), p.filename().string())) return;
  throw InputError(where, option,
                   "a file ascendsim did not write has this name; ascendsim never replaces it, even with --force "
                   "(move it away or choose another directory)");
}

void write_output_file(const std::string& path, std::string_view content, const std::string& option, bool force) {
  check_may_write(path, option, force, ForceMeans::ReplaceNamedFile);
  write_file_atomic(path, content);
}

}  // namespace ascendsim
