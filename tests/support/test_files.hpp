// File helpers the integration tests share: a whole file as bytes, and a scratch directory per
// test process (ctest -j runs test cases of one binary as parallel processes).
#pragma once
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ascendsim::testing {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// BUILD/test-tmp/PREFIX-PID/NAME, emptied and created; the PREFIX-PID root is removed when the
// process ends.
inline std::filesystem::path process_scratch(const std::string& prefix, const std::string& name) {
  namespace fs = std::filesystem;
  static struct Made {
    fs::path root;
    ~Made() {
      std::error_code ec;
      if (!root.empty()) fs::remove_all(root, ec);
    }
  } made;
  if (made.root.empty()) made.root = fs::path(ASCENDSIM_BUILD_DIR) / "test-tmp" / (prefix + "-" + std::to_string(getpid()));
  const fs::path d = made.root / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace ascendsim::testing
