// Input fuzzing: every shipped TOML file mutated 1,000 seeded ways (deleted lines, swapped types,
// garbage units, huge and negative numbers, duplicated keys, truncation, invalid UTF-8, byte
// flips). Each mutant must either load or be rejected with located messages (file:line...: key:
// ...) and exit status 2: never a crash, a hang, or a stack trace. Mutants are validated in
// batches by one `ascendsim validate --json` process per original file; a failure prints the seed,
// file and mutation index so it can be reproduced.
#include <catch2/catch.hpp>
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

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream is(s);
  while (std::getline(is, line)) lines.push_back(line);
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::size_t pick(Rng& rng, std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng.next_u64() % n); }

// Lines that assign a value ("key = value"), the targets of value mutations.
std::vector<std::size_t> assignment_lines(const std::vector<std::string>& lines) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto eq = lines[i].find('=');
    const auto hash = lines[i].find('#');
    if (eq != std::string::npos && (hash == std::string::npos || hash > eq) && lines[i].find('[') != 0) out.push_back(i);
  }
  return out;
}

std::string replace_value(const std::string& line, const std::string& value) {
  return line.substr(0, line.find('=') + 1) + " " + value;
}

// One seeded mutation of `text`; `what` says which, for the reproduction message.
std::string mutate(const std::string& text, Rng& rng, std::string* what) {
  auto lines = split_lines(text);
  const auto assigns = assignment_lines(lines);
  static const char* kValues[] = {"-4", "0", "1e308", "-1e308", "9223372036854775807", "-9223372036854775807",
                                  "\"garbage\"", "\"12 parsecs\"", "\"400Gxps\"", "\"-5GBps\"", "\"1e999TFLOPS\"",
                                  "true", "[1, \"a\"]", "{ dist = \"uniform\", low = 3, high = 1 }",
                                  "{ dist = \"normal\" }", "2025-02-30", "1979-05-27T07:32:00Z", "\"\"", "nan",
                                  "inf", "[]", "{}", "\"0%\"", "\"-20%\"", "\"100000%\"", "0.0", "-0.5"};
  switch (pick(rng, 9)) {
    case 0:
      if (lines.empty()) break;
      {
        const auto i = pick(rng, lines.size());
        *what = "delete line " + std::to_string(i + 1);
        lines.erase(lines.begin() + static_cast<long>(i));
      }
      return join_lines(lines);
    case 1:
    case 2:
    case 3:
      if (assigns.empty()) break;
      {
        const auto i = assigns[pick(rng, assigns.size())];
        const std::string v = kValues[pick(rng, sizeof kValues / sizeof *kValues)];
        *what = "line " + std::to_string(i + 1) + " value -> " + v;
        lines[i] = replace_value(lines[i], v);
      }
      return join_lines(lines);
    case 4:
      if (assigns.empty()) break;
      {
        const auto i = assigns[pick(rng, assigns.size())];
        *what = "duplicate line " + std::to_string(i + 1);
        lines.insert(lines.begin() + static_cast<long>(i) + 1, lines[i]);
      }
      return join_lines(lines);
    case 5: {
      const auto cut = pick(rng, text.size() + 1);
      *what = "truncate at byte " + std::to_string(cut);
      return text.substr(0, cut);
    }
    case 6: {
      const auto at = pick(rng, text.size() + 1);
      *what = "invalid UTF-8 at byte " + std::to_string(at);
      return text.substr(0, at) + "\xC3\x28\xFF" + text.substr(at);
    }
    case 7: {
      std::string t = text;
      if (t.empty()) break;
      const auto at = pick(rng, t.size());
      t[at] = static_cast<char>(rng.next_u64() & 0xFF);
      *what = "byte flip at " + std::to_string(at);
      return t;
    }
    case 8:
      if (lines.empty()) break;
      {
        const auto i = pick(rng, lines.size());
        *what = "swap lines " + std::to_string(i + 1) + " and " + std::to_string(i / 2 + 1);
        std::swap(lines[i], lines[i / 2]);
      }
      return join_lines(lines);
  }
  *what = "unchanged";
  return text;
}

struct ProcessResult {
  int status = -1;
  bool signalled = false;
  std::string out, err;
};

ProcessResult run(const std::string& cmd, const fs::path& out_file, const fs::path& err_file) {
  const std::string full = cmd + " >" + out_file.string() + " 2>" + err_file.string();
  const int raw = std::system(full.c_str());
  ProcessResult r;
  if (WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
  r.signalled = WIFSIGNALED(raw) || (WIFEXITED(raw) && WEXITSTATUS(raw) >= 124);  // timeout(1): 124, signals 128+
  r.out = read_all(out_file);
  r.err = read_all(err_file);
  return r;
}

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
  const int kMutations = 1000;
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
