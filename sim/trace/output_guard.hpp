// The one rule every command that writes a file follows: ascendsim never overwrites a file it did
// not write unless asked (docs/outputs.md). What ascendsim wrote into an output directory is listed
// in that directory's manifest, DIR/.ascendsim-manifest, so a re-run replaces its own output there
// without --force. A single file the user names (--trace-out FILE, -o FILE) has no such record, so any
// existing file is refused unless --force.
// `run --out` and `--per-draw`, `sweep`/`merge --out`, `step`/`train`/`serve --trace-out` and
// `platform generate` all call check_may_write (directly, or through OutputDir).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ascendsim {

inline constexpr const char* kOutputManifest = ".ascendsim-manifest";

// What --force means for the file being checked.
enum class ForceMeans {
  ReplaceNamedFile,     // the user named this very file (--trace FILE): refused unless --force
  WriteAmongUserFiles,  // ascendsim chose the name inside --out DIR: --force never replaces theirs
};

// Throws InputError (located at `path`, key `option`, exit status 2) when `path` is a directory, or
// (ReplaceNamedFile) exists and `force` is false, or (WriteAmongUserFiles) exists and is not listed
// in its directory's manifest, whatever `force`.
void check_may_write(const std::string& path, const std::string& option, bool force, ForceMeans means);

// check_may_write(path, option, force, ReplaceNamedFile), then write_file_atomic.
void write_output_file(const std::string& path, std::string_view content, const std::string& option, bool force);

// True when DIR/name is a file or symlink listed in DIR's manifest.
bool written_by_ascendsim(const std::string& dir, const std::string& name);

// The sorted names DIR's manifest lists (empty when there is none), and adding names to it (merging
// with names other processes added meanwhile) under DirLock(dir), unless the caller already holds it
// (flock conflicts between two descriptors of one process too, so taking it twice would deadlock).
std::vector<std::string> read_manifest(const std::string& dir);
void add_to_manifest(const std::string& dir, const std::vector<std::string>& names, bool caller_holds_lock = false);

// Exclusive flock on a directory while its manifest or store is read and rewritten, so several
// processes writing into one shared directory (the shards of a Slurm job array) keep every name
// they add. Best effort: on a file system refusing flock the update still happens.
class DirLock {
 public:
  explicit DirLock(const std::string& dir);
  ~DirLock();
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;

 private:
  int fd_;
};

}  // namespace ascendsim
