// Every input file the project ships loads without a problem through `ascendsim validate`, and
// every shipped SimGrid platform file is summarised by `platform info`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "tests/support/run_cli.hpp"

namespace fs = std::filesystem;
using ascendsim::testing::run_cli;

static std::vector<std::string> shipped(const std::string& ext) {
  std::vector<std::string> out;
  for (const char* dir : {"platforms", "workloads", "timelines"})
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("every shipped TOML file validates", "[inputs]") {
  const auto files = shipped(".toml");
  REQUIRE(files.size() >= 20);
  std::string args = "validate";
  for (const auto& f : files) args += " " + f;
  const auto r = run_cli(args);
  INFO(r.out);
  CHECK(r.status == 0);
  for (const auto& f : files) CHECK(r.out.find(f + ": ok") != std::string::npos);
}

TEST_CASE("every shipped platform file has a summary", "[inputs]") {
  for (const auto& f : shipped(".xml")) {
    const auto r = run_cli("platform info " + f + " --json");
    INFO(f << ": " << r.out);
    CHECK(r.status == 0);
    CHECK(r.out.find("\"chips\"") != std::string::npos);
  }
}
