// See output_dir.hpp for the layout and docs/outputs.md for why it is symlinks and one rename.
// Every step of a publish calls output_write_point() so tests can stop or fail it at that moment.
#include "sim/trace/output_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>
#include <stdexcept>

#include "sim/config/input_error.hpp"
#include "sim/trace/output_guard.hpp"
#include "sim/util/atomic_file.hpp"
#include "sim/util/interrupt.hpp"
#include "sim/util/test_hooks.hpp"

namespace ascendsim {

namespace fs = std::filesystem;

namespace {

constexpr const char* kGenPrefix = "g-";
constexpr const char* kLinkPrefix = "lnk.";

bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

bool plain_name(const std::string& n) {
  return !n.empty() && n.find('/') == std::string::npos && n != "." && n != ".." && n != OutputDir::kManifest &&
         n != OutputDir::kStore;
}

[[noreturn]] void io_error(const std::string& what, const std::string& path, int err) {
  throw std::runtime_error("cannot " + what + " " + path + ": " + std::strerror(err));
}

// A write point; before the switch an injected error fails the step like a real one.
void point(const std::string& what, const std::string& path) {
  if (const int err = output_write_point(what.c_str())) io_error("write", path, err);
}

std::string read_link(const fs::path& p) {
  std::error_code ec;
  const fs::path t = fs::read_symlink(p, ec);
  return ec ? std::string() : t.string();
}

bool is_symlink_to(const fs::path& p, const std::string& target) { return read_link(p) == target; }

bool lstat_is(const fs::path& p, mode_t type) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0 && (st.st_mode & S_IFMT) == type;
}

// True unless this process can take the generation's lock: another descriptor (a live publish in
// this or another process) holds it, or the file system refuses flock, and then staging of a
// killed run is kept rather than risk removing another shard's live staging.
bool generation_in_use(const fs::path& g) {
  const int fd = ::open(g.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool busy = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
  ::close(fd);
  return busy;
}

void fsync_dir(const fs::path& d) {
  const int fd = ::open(d.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) ::fsync(fd), ::close(fd);
}

// Removes what no set link names and no live publish holds: earlier generations, staging of killed
// runs, temporary links. The caller holds DirLock(DIR), under which every link is created and renamed.
void collect_garbage(const fs::path& store) {
  std::error_code ec;
  if (!fs::is_directory(store, ec)) return;
  std::set<std::string> live;
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(store, ec)) entries.push_back(e.path());
  for (const auto& p : entries) {
    const std::string n = p.filename().string();
    if (!starts_with(n, kGenPrefix) && !starts_with(n, kLinkPrefix) && lstat_is(p, S_IFLNK)) live.insert(read_link(p));
  }
  for (const auto& p : entries) {
    const std::string n = p.filename().string();
    if (starts_with(n, kLinkPrefix) && lstat_is(p, S_IFLNK)) fs::remove(p, ec);
    if (starts_with(n, kGenPrefix) && !live.count(n) && lstat_is(p, S_IFDIR) && !generation_in_use(p)) fs::remove_all(p, ec);
  }
}

// A temporary symlink in the store, registered for removal on SIGINT/SIGTERM, renamed onto `dest`
// (a set link, or DIR/NAME: rename works across directories of one file system).
void switch_symlink(const fs::path& store, const std::string& target, const fs::path& dest) {
  std::string tmp;
  InterruptCleanup cleanup;
  for (int attempt = 0; attempt < 100; ++attempt) {
    tmp = (store / (kLinkPrefix + random_suffix(8))).string();
    cleanup = InterruptCleanup(tmp, false);
    if (::symlink(target.c_str(), tmp.c_str()) == 0) break;
    const int err = errno;
    cleanup.release();
    tmp.clear();
    if (err != EEXIST) io_error("create a link in", store.string(), err);
  }
  if (tmp.empty()) io_error("create a link in", store.string(), EEXIST);
  if (::rename(tmp.c_str(), dest.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    io_error("rename a link onto", dest.string(), err);
  }
}

// A new generation directory, locked (so collect_garbage leaves it alone) and removed on failure,
// on SIGINT/SIGTERM, or when the object dies before commit(). Created under DirLock(DIR).
class Staging {
 public:
  explicit Staging(const fs::path& store, const std::string& set) {
    for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
      name_ = kGenPrefix + set + "." + random_suffix(8);
      path_ = store / name_;
      dir_cleanup_ = InterruptCleanup(path_.string(), true);
      if (::mkdir(path_.c_str(), 0755) != 0) {
        const int err = errno;
        dir_cleanup_.release();
        if (err != EEXIST) io_error("create the staging directory", path_.string(), err);
        continue;
      }
      fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (fd_ >= 0) ::flock(fd_, LOCK_EX);
    }
    if (fd_ < 0) io_error("open the staging directory", path_.string(), errno);
  }
  ~Staging() {
    if (!committed_) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
    if (fd_ >= 0) ::close(fd_);
  }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;

  // Writes one file into the staging directory; `shown` is the name the user will see.
  void write(const std::string& name, std::string_view content, const std::string& shown) {
    const fs::path p = path_ / name;
    file_cleanups_.push_back(std::make_unique<InterruptCleanup>(p.string(), false));
    const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) io_error("write", shown, errno);
    const std::unique_ptr<int, void (*)(int*)> closer(new int(fd), [](int* f) { ::close(*f), delete f; });
    ::fchmod(fd, 0644);
    const auto put = [&](std::size_t from, std::size_t to) {
      while (from < to) {
        const ssize_t n = ::write(fd, content.data() + from, to - from);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) io_error("write", shown, errno);
        from += static_cast<std::size_t>(n);
      }
    };
    const std::size_t half = content.size() / 2;
    put(0, half);
    point(name + ": half written", shown);
    put(half, content.size());
    if (::fsync(fd) != 0) io_error("flush", shown, errno);
    point(name + ": written", shown);
  }

  // Called just before the switching rename: from then on the directory may be the published set,
  // so the signal handler must not remove it (a kill in between leaves it to collect_garbage).
  void commit() {
    if (fd_ >= 0) ::fsync(fd_);
    file_cleanups_.clear();
    dir_cleanup_.release();
    committed_ = true;
  }
  const std::string& name() const { return name_; }
  const fs::path& path() const { return path_; }

 private:
  std::string name_;
  fs::path path_;
  int fd_ = -1;
  bool committed_ = false;
  InterruptCleanup dir_cleanup_;
  std::vector<std::unique_ptr<InterruptCleanup>> file_cleanups_;
};

std::string link_target(const std::string& set, const std::string& name) {
  return std::string(OutputDir::kStore) + "/" + set + "/" + name;
}

// A directory written before generations existed holds the set's files as plain files. They are
// first hard-linked into a generation and switched in, then each DIR/NAME becomes a link to the
// same bytes, so the old set stays whole and visible throughout.
void adopt_plain_files(const fs::path& dir, const fs::path& store, const std::string& set,
                       const std::vector<std::string>& names) {
  std::vector<std::string> plain;
  for (const auto& n : names)
    if (lstat_is(dir / n, S_IFREG)) plain.push_back(n);
  if (plain.empty()) return;
  Staging g(store, set);
  for (const auto& n : plain)
    if (::link((dir / n).c_str(), (g.path() / n).c_str()) != 0) io_error("link", (dir / n).string(), errno);
  g.commit();
  switch_symlink(store, g.name(), store / set);
  for (const auto& n : plain) switch_symlink(store, link_target(set, n), dir / n);
}

}  // namespace

std::vector<std::string> OutputDir::foreign_entries(const std::string& dir) {
  std::vector<std::string> foreign;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return foreign;
  const auto names = read_manifest(dir);
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n == kManifest || (n == kStore && lstat_is(e.path(), S_IFDIR))) continue;
    const bool ours = std::binary_search(names.begin(), names.end(), n) &&
                      (lstat_is(e.path(), S_IFREG) || lstat_is(e.path(), S_IFLNK));
    if (!ours) foreign.push_back(n);
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
  const fs::path store = fs::path(dir_) / kStore;
  if (fs::exists(fs::symlink_status(store, ec)) && !lstat_is(store, S_IFDIR))
    throw InputError(SourceLocation{store.string(), 0, 0}, "--out",
                     "ascendsim keeps its staging in this name, but it is not a directory ascendsim made");
  const DirLock lock(dir_);
  const auto foreign = foreign_entries(dir_);
  if (!foreign.empty() && !force) {
    std::string list;
    for (std::size_t i = 0; i < foreign.size() && i < 5; ++i) list += (i ? ", " : "") + foreign[i];
    if (foreign.size() > 5) list += ", ... (" + std::to_string(foreign.size()) + " in all)";
    throw InputError(where, "--out",
                     "expected an empty directory or one ascendsim wrote, found files ascendsim did not write: " +
                         list + " (pass --force to write beside them; ascendsim never replaces or deletes them)");
  }
  collect_garbage(store);
  listed_ = read_manifest(dir_);
}

void OutputDir::claim(const std::vector<std::string>& names) const {
  for (const auto& n : names) check_may_write(path(n), "--out", false, ForceMeans::WriteAmongUserFiles);
}

std::string OutputDir::path(const std::string& name) const { return (fs::path(dir_) / name).string(); }

void OutputDir::write(const std::string& name, std::string_view content) {
  publish(name, {{name, std::string(content)}});
}

void OutputDir::publish(const std::string& set, const Files& files) {
  std::vector<std::string> names;
  for (const auto& [n, c] : files) {
    if (!plain_name(n)) throw std::invalid_argument("OutputDir: not a plain output file name: '" + n + "'");
    names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  if (std::adjacent_find(names.begin(), names.end()) != names.end())
    throw std::invalid_argument("OutputDir: a file name appears twice in set '" + set + "'");
  if (!plain_name(set) || starts_with(set, kGenPrefix) || starts_with(set, kLinkPrefix))
    throw std::invalid_argument("OutputDir: not a plain set name: '" + set + "'");
  claim(names);
  const fs::path dir(dir_), store = dir / kStore;
  if (::mkdir(store.c_str(), 0755) != 0 && errno != EEXIST) io_error("create", store.string(), errno);

  std::unique_ptr<Staging> staging;
  {
    const DirLock lock(dir_);
    staging = std::make_unique<Staging>(store, set);
  }
  point("staging directory created", dir_);
  for (const auto& [n, c] : files) staging->write(n, c, path(n));

  const DirLock lock(dir_);
  claim(names);  // again, under the lock: another process may have written meanwhile
  add_to_manifest(dir_, names, true);
  point("manifest updated", path(kManifest));
  if (read_link(store / set).empty()) adopt_plain_files(dir, store, set, names);
  std::vector<std::string> previous;  // the names of the generation being replaced
  const std::string old = read_link(store / set);
  if (!old.empty()) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(store / old, ec)) previous.push_back(e.path().filename().string());
  }
  // Each DIR/NAME links through the set link, so it resolves to the old set until the switch.
  for (const auto& n : names)
    if (!is_symlink_to(dir / n, link_target(set, n))) {
      switch_symlink(store, link_target(set, n), dir / n);
      point("link " + n, path(n));
    }
  staging->commit();
  switch_symlink(store, staging->name(), store / set);  // THE publishing step: one rename
  fsync_dir(store);
  fsync_dir(dir);
  (void)output_write_point("switched");
  for (const auto& n : previous)  // names the previous set had and this one has not
    if (!std::binary_search(names.begin(), names.end(), n) && is_symlink_to(dir / n, link_target(set, n)))
      ::unlink((dir / n).c_str());
  staging.reset();  // committed: kept, and its lock released
  std::error_code ec;
  if (!old.empty() && starts_with(old, kGenPrefix) && old.find('/') == std::string::npos)
    fs::remove_all(store / old, ec);  // replaced under the lock, so no one else can be using it
  collect_garbage(store);
  (void)output_write_point("previous generation removed");
  listed_ = read_manifest(dir_);
}

}  // namespace ascendsim
