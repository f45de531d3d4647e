// Input fuzzing: every shipped TOML file mutated 1,000 seeded ways (deleted lines, swapped types,
// garbage units, huge and negative numbers, duplicated keys, truncation, invalid UTF-8, byte
// flips). Each mutant must either load or be rejected with located messages (file:line...: key:
// ...) and exit status 2: never a crash, a hang, or a stack trace. Mutants are validated in
// batches by one `ascendsim validate --json` process per original file; a failure prints the seed,
// file and mutation index so it can be reproduced.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "sim/util/rng.hpp"

namespace fs = std::filesystem;
using ascendsim::Rng;

#include "fuzz_mutate.hpp"

using namespace fuzz;

namespace {

std::vector<fs::path> shipped_toml_files() {
  std::vector<fs::path> out;
  const fs::path root = ASCENDSIM_SOURCE_DIR;
  for (const char* dir : {"platforms", "workloads", "timelines"}) {
    if (!fs::exists(root / dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root / dir))
      if (e.is_regular_file() && e.path().extension() == ".toml") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every shipped TOML file, mutated 1000 ways, loads or fails with located errors", "[fuzz]") {
  const fs::path root = ASCENDSIM_SOURCE_DIR;
  const fs::path work = fs::path(ASCENDSIM_BUILD_DIR) / "fuzz";
  fs::remove_all(work);
  fs::create_directories(work);
  // Mutants live in a mirror of the data directories (every original symlinked in place), so
  // relative references such as ../platforms/x.xml resolve from a mutant exactly as from the original.
  for (const char* dir : {"platforms", "workloads", "timelines"}) {
    if (!fs::exists(root / dir)) continue;
    fs::create_directories(work / dir);
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      const fs::path target = work / fs::relative(e.path(), root);
      if (e.is_directory()) fs::create_directories(target);
      else fs::create_symlink(e.path(), target);
    }
  }
  const auto files = shipped_toml_files();
  REQUIRE_FALSE(files.empty());
  // 1,000 per file; the sanitizer tier of tools/test.sh asks for fewer (ASCENDSIM_FUZZ_MUTATIONS)
  // because every mutant of a scenario or an alternatives file loads the files it names.
  const char* env_mutations = std::getenv("ASCENDSIM_FUZZ_MUTATIONS");
  const int kMutations = env_mutations ? std::max(1, std::atoi(env_mutations)) : 1000;
  const std::uint64_t seed = 20251201;
  // A missing file is named whole, even when a mutation put a ':' into its path.
  const std::regex located(R"(^[^\n:]+:(\d+(:\d+)?: |\s)|^--set |^[^\n]+: file not found)");
  for (std::size_t fi = 0; fi < files.size(); ++fi) {
    const fs::path& original = files[fi];
    const fs::path rel = fs::relative(original, root);
    // Same directory depth as the original: work/<top>/<...>/mutant, with <top>-orig siblings linked.
    const fs::path mdir = work / rel.parent_path();
    const std::string text = read_all(original);
    Rng rng = Rng(seed).fork(fi);
    std::vector<std::string> whats(kMutations);
    std::string cmd = "timeout 300 " + std::string(ASCENDSIM_BINARY) + " validate --json";
    for (int m = 0; m < kMutations; ++m) {
      const std::string mutant = mutate(text, rng, &whats[m]);
      const fs::path p = mdir / ("fuzz" + std::to_string(m) + "-" + original.filename().string());
      std::ofstream(p, std::ios::binary) << mutant;
      cmd += " " + p.string();
    }
    INFO("file " << rel.string() << " (seed " << seed << ", stream " << fi << "; mutants kept in " << mdir.string() << " as fuzz<N>-" << original.filename().string() << ")");
    const ProcessResult r = run(cmd, work / "out.json", work / "err.txt");
    REQUIRE_FALSE(r.signalled);
    REQUIRE((r.status == 0 || r.status == 2));
    CHECK(r.err.find("terminate called") == std::string::npos);
    CHECK(r.err.find("Assertion") == std::string::npos);
    const auto results = nlohmann::json::parse(r.out);
    REQUIRE(results.size() == static_cast<std::size_t>(kMutations));
    int rejected = 0;
    for (int m = 0; m < kMutations; ++m) {
      const auto& entry = results[static_cast<std::size_t>(m)];
      if (entry["valid"].get<bool>()) continue;
      ++rejected;
      for (const auto& e : entry["errors"]) {
        const std::string msg = e.get<std::string>();
        INFO("mutation " << m << " (" << whats[m] << "): " << msg);
        CHECK(std::regex_search(msg, located));
      }
    }
    CHECK(rejected > 0);  // the mutations do reach the loader
  }
}
