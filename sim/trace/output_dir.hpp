// The directory `run --out DIR` writes into. It is created if missing; a directory holding files
// ascendsim did not write is refused unless forced, so a typo cannot mix a report into someone's
// data. What ascendsim wrote is listed in DIR/.ascendsim-manifest; every file is written atomically.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ascendsim {

class OutputDir {
 public:
  static constexpr const char* kManifest = ".ascendsim-manifest";

  // Creates `dir` (and parents) if missing. Throws InputError (key "--out", exit 2) when `dir` is a
  // file, or holds entries not listed in its manifest and `force` is false. Leftover temporary files
  // of listed names (".NAME.tmp.XXXXXX" from a killed run) are removed.
  OutputDir(std::string dir, bool force = false);

  // Writes DIR/name atomically and records it in the manifest (the manifest first, so a run killed
  // between the two never leaves an unlisted file). `name` is a plain file name (no '/').
  void write(const std::string& name, std::string_view content);

  std::string path(const std::string& name) const;
  const std::string& dir() const { return dir_; }
  const std::vector<std::string>& written() const { return listed_; }  // sorted manifest entries

  // Entries of `dir` that its manifest does not list (sorted); empty when `dir` does not exist.
  static std::vector<std::string> foreign_entries(const std::string& dir);

 private:
  std::string dir_;
  std::vector<std::string> listed_;
  void save_manifest() const;
};

}  // namespace ascendsim
