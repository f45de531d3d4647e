// Fuzzing beyond `validate`: seeded mutations of shipped inputs driven through the commands that
// use them (run, check, step, platform info), each mutant in its own process with a time limit.
// Every outcome is classified: success (exit 0, or 1 for a check that drifts), located error
// (exit 2, every message line starts file:line[:column] or names an option), unlocated error,
// crash (a signal or any other status), hang (killed by timeout), and a result printing NaN or inf.
// The test asserts 0 of the last four. ASCENDSIM_FUZZ_COUNT scales the corpus (tools/fuzz runs
// 10,000); the default, 1,000, keeps the test within about a minute on 2 cores.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <regex>
#include <thread>

#include "fuzz_mutate.hpp"

using namespace fuzz;

namespace {

// XML-aware mutations of a platform file, besides the generic text ones.
std::string mutate_xml(const std::string& text, Rng& rng, std::string* what) {
  auto lines = split_lines(text);
  std::vector<std::size_t> links, attrs;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("<link id=", 0) == 0) links.push_back(i);
    if (lines[i].find("=\"") != std::string::npos) attrs.push_back(i);
  }
  switch (pick(rng, 4)) {
    case 0:
      if (links.empty()) break;
      {
        const auto i = links[pick(rng, links.size())];
        *what = "delete link definition at line " + std::to_string(i + 1);
        lines.erase(lines.begin() + static_cast<long>(i));
      }
      return join_lines(lines);
    case 1:
      if (attrs.empty()) break;
      {
        static const char* kValues[] = {"", "-1Bps", "12parsecs", "nan", "1e999s", "x\"y", "chip-99999", "SOMETIMES"};
        const auto i = attrs[pick(rng, attrs.size())];
        const auto q = lines[i].find("=\"");
        const auto e = lines[i].find('"', q + 2);
        const std::string v = kValues[pick(rng, sizeof kValues / sizeof *kValues)];
        *what = "line " + std::to_string(i + 1) + " first attribute -> \"" + v + "\"";
        if (e != std::string::npos) lines[i] = lines[i].substr(0, q + 2) + v + lines[i].substr(e);
      }
      return join_lines(lines);
    default:
      break;
  }
  return mutate(text, rng, what);
}

struct Target {
  std::string name;      // for the report
  std::string original;  // relative to the source tree
  std::string command;   // with {M} for the mutant's absolute path
  double share;          // of the corpus
  bool xml = false;
};

enum class Outcome { Success, Located, Unlocated, Crash, Hang, NanInf };
const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Success: return "success";
    case Outcome::Located: return "located error";
    case Outcome::Unlocated: return "unlocated error";
    case Outcome::Crash: return "crash";
    case Outcome::Hang: return "hang";
    case Outcome::NanInf: return "NaN/inf in result";
  }
  return "?";
}

Outcome classify(const ProcessResult& r, bool check_command) {
  static const std::regex located_line(R"(^(ascendsim: error: )?([^\s:][^:]*:\d+(:\d+)?: |--[a-z][-a-z]*( |:|$)))");
  static const std::regex nan_inf(R"((^|[^A-Za-z_])-?(nan|inf)([^A-Za-z_]|$))", std::regex::icase);
  if (r.status == 124 || r.status == 137) return Outcome::Hang;  // timeout(1): 124, or its KILL
  if (r.signalled || r.status < 0 || r.status > 2) return Outcome::Crash;
  if (r.err.find("Sanitizer") != std::string::npos || r.err.find("runtime error:") != std::string::npos ||
      r.err.find("terminate called") != std::string::npos)
    return Outcome::Crash;
  if (r.status == 2) {
    std::istringstream is(r.err);
    std::string line;
    bool any = false;
    while (std::getline(is, line)) {
      if (line.empty()) continue;
      any = true;
      if (!std::regex_search(line, located_line)) return Outcome::Unlocated;
    }
    return any ? Outcome::Located : Outcome::Unlocated;
  }
  if (r.status == 1 && !check_command) return Outcome::Unlocated;  // 1 is only `check`'s drift
  if (std::regex_search(r.out, nan_inf)) return Outcome::NanInf;
  return Outcome::Success;
}

}  // namespace

TEST_CASE("mutated inputs through run check step and platform info never crash or hang or go unlocated", "[fuzz]") {
  const fs::path root = ASCENDSIM_SOURCE_DIR;
  const char* env_count = std::getenv("ASCENDSIM_FUZZ_COUNT");
  const int total = env_count ? std::max(1, std::atoi(env_count)) : 1000;
  // One work directory per corpus size, so tools/fuzz can run beside ctest.
  const fs::path work = fs::path(ASCENDSIM_BUILD_DIR) / ("fuzz-paths-" + std::to_string(total));
  fs::remove_all(work);
  fs::create_directories(work);
  // A mirror of the data directories (originals symlinked), so that mutants placed beside the
  // originals resolve their relative references the same way.
  for (const char* dir : {"platforms", "workloads", "timelines"}) {
    fs::create_directories(work / dir);
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      const fs::path target = work / fs::relative(e.path(), root);
      if (e.is_directory()) fs::create_directories(target);
      else fs::create_symlink(e.path(), target);
    }
  }
  const std::string bin = ASCENDSIM_BINARY;
  const std::string w = work.string();
  const std::vector<Target> targets = {
      {"run scenario", "timelines/reference/deepseek-v3-h800.toml", "run {M}", 0.30},
      {"run calendar", "timelines/calendar/v4-observed.toml",
       "run " + w + "/timelines/v4-flash-h800.toml --set 'calendar_file=\"{M}\"'", 0.15},
      {"check golden", "timelines/reference/deepseek-v3-h800.expected.toml", "check {M}", 0.15},
      {"step training", "workloads/deepseek-v3-train.toml",
       "step --platform " + w + "/platforms/specs/h800-2048.toml --workload {M}", 0.15},
      {"platform info", "platforms/cloudmatrix384.xml", "platform info {M}", 0.25, true},
  };
  const std::uint64_t seed = 20260312;
  struct Job {
    std::size_t target;
    int index;
    fs::path mutant;
    std::string what, command;
  };
  std::vector<Job> jobs;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const Target& tg = targets[t];
    const std::string text = read_all(root / tg.original);
    REQUIRE_FALSE(text.empty());
    Rng rng = Rng(seed).fork(t);
    const int n = static_cast<int>(total * tg.share + 0.5);
    const fs::path rel = tg.original;
    for (int m = 0; m < n; ++m) {
      Job j{t, m, work / rel.parent_path() / ("fuzz" + std::to_string(m) + "-" + rel.filename().string()), "", ""};
      const std::string mutant = tg.xml ? mutate_xml(text, rng, &j.what) : mutate(text, rng, &j.what);
      std::ofstream(j.mutant, std::ios::binary) << mutant;
      std::string cmd = tg.command;
      cmd.replace(cmd.find("{M}"), 3, j.mutant.string());
      j.command = cmd;
      jobs.push_back(j);
    }
  }
  // One step cache for the whole corpus: mutants that keep the step shape hit it.
  setenv("ASCENDSIM_CACHE_DIR", (work / "cache").c_str(), 1);
  std::map<Outcome, int> counts;
  std::vector<std::string> failures;
  std::mutex mu;
  std::atomic<std::size_t> next{0};
  auto worker = [&](int id) {
    const fs::path out = work / ("out" + std::to_string(id)), err = work / ("err" + std::to_string(id));
    for (;;) {
      const std::size_t k = next.fetch_add(1);
      if (k >= jobs.size()) return;
      const Job& j = jobs[k];
      const bool is_check = targets[j.target].name == "check golden";
      const ProcessResult r = run("timeout -k 5 60 " + bin + " " + j.command, out, err);
      const Outcome o = classify(r, is_check);
      std::lock_guard<std::mutex> lock(mu);
      ++counts[o];
      if (o != Outcome::Success && o != Outcome::Located)
        failures.push_back(std::string(outcome_name(o)) + ": " + targets[j.target].name + " mutant " +
                           std::to_string(j.index) + " (" + j.what + "), exit " + std::to_string(r.status) + ": " +
                           j.command + "\n" + r.err.substr(0, 600));
      else
        fs::remove(j.mutant);  // keep only the mutants worth reproducing
    }
  };
  std::thread second(worker, 1);
  worker(0);
  second.join();
  std::printf("fuzz corpus (seed %llu): %zu mutants through run, check, step and platform info\n",
              static_cast<unsigned long long>(seed), jobs.size());
  for (Outcome o : {Outcome::Success, Outcome::Located, Outcome::Unlocated, Outcome::Crash, Outcome::Hang, Outcome::NanInf})
    std::printf("  %-18s %d\n", outcome_name(o), counts[o]);
  for (const auto& f : failures) std::printf("%s\n", f.c_str());
  CHECK(jobs.size() >= static_cast<std::size_t>(total) - targets.size());
  CHECK(counts[Outcome::Crash] == 0);
  CHECK(counts[Outcome::Hang] == 0);
  CHECK(counts[Outcome::Unlocated] == 0);
  CHECK(counts[Outcome::NanInf] == 0);
  CHECK(counts[Outcome::Located] > 0);  // the mutations do reach the loaders
  CHECK(counts[Outcome::Success] > 0);  // and some still run
}
