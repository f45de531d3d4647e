// The directory `run --out DIR` (and sweep/merge --out) writes into, and how a set of files is
// published there all or nothing (docs/outputs.md). It is created if missing; a directory holding
// files ascendsim did not write is refused unless forced, and a name clash with such a file is
// refused even when forced, so a typo cannot mix a report into someone's data or replace theirs.
//
// Layout: DIR/NAME is a symlink to .ascendsim/SET/NAME; DIR/.ascendsim/SET is a symlink to the
// set's current generation directory DIR/.ascendsim/g-SET.XXXXXX holding the real files. A publish
// writes a new generation beside the current one and switches DIR/.ascendsim/SET with one rename():
// a reader, or a run killed at any moment, sees the whole previous set or the whole new one.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ascendsim {

class OutputDir {
 public:
  static constexpr const char* kManifest = ".ascendsim-manifest";
  static constexpr const char* kStore = ".ascendsim";  // generations, staging and the set links

  using Files = std::vector<std::pair<std::string, std::string>>;  // (file name, content)

  // Creates `dir` (and parents) if missing. Throws InputError (key "--out", exit 2) when `dir` is a
  // file, or holds entries not listed in its manifest and `force` is false. Generations and staging
  // left behind by a killed run are removed; nothing outside DIR/.ascendsim is ever deleted.
  OutputDir(std::string dir, bool force = false);

  // Throws InputError (key "--out", even with --force) if any of `names` clashes with a file
  // ascendsim did not write. Commands call it before their work; publish() checks again.
  void claim(const std::vector<std::string>& names) const;

  // Publishes `files` as the set `set` (a plain name: "run", "sweep", "part-1-of-4"): staged into a
  // new generation, switched in with one rename, then the previous generation is removed. Names
  // are plain file names (no '/', not the manifest or the store). On failure (a full disk, ...)
  // the staging is removed, the previous set is untouched and std::runtime_error is thrown.
  void publish(const std::string& set, const Files& files);

  // A set of one file, named after the file.
  void write(const std::string& name, std::string_view content);

  std::string path(const std::string& name) const;
  const std::string& dir() const { return dir_; }
  const std::vector<std::string>& written() const { return listed_; }  // sorted manifest entries

  // Entries of `dir` that its manifest does not list (sorted); empty when `dir` does not exist.
  static std::vector<std::string> foreign_entries(const std::string& dir);

 private:
  std::string dir_;
  std::vector<std::string> listed_;
};

}  // namespace ascendsim
