// The levels are wired together, not side by side (issue 6 checks), and `ascendsim run` is
// deterministic and loses no output (issue 9): every test goes through the CLI with --json on the
// small fixed-fleet scenario tests/data/scenario-small.toml (V4-Flash, 50 B tokens, 768 950PR).
// All tests share one private step cache under the build directory, so only the first is cold.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tests/support/without_provenance.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kScenario = "tests/data/scenario-small.toml";
const std::string kStepArgs =
    "--platform platforms/specs/cm384-950pr.toml --workload workloads/deepseek-v4-flash-train.toml --set training.tokens=50G";
const std::string kWithFailures = " --set 'run.failures.rates_file=\"platforms/failure-rates.toml\"'";

fs::path build_dir() { return fs::path(ASCENDSIM_BINARY).parent_path(); }

std::string cache_env() {
  const fs::path cache = build_dir() / "test-cache" / "scenario-wiring";
  fs::create_directories(cache);
  return "ASCENDSIM_CACHE_DIR=" + cache.string() + " ";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Result {
  int status = -1;
  std::string out, err;
};

Result cli(const std::string& args) {
  static int n = 0;
  const fs::path dir = build_dir() / "test-scratch";
  fs::create_directories(dir);
  const std::string tag = std::to_string(getpid()) + "-" + std::to_string(n++);
  const fs::path out = dir / ("wiring-" + tag + ".out"), err = dir / ("wiring-" + tag + ".err");
  const std::string cmd = cache_env() + ASCENDSIM_BINARY + " " + args + " >" + out.string() + " 2>" + err.string();
  const int st = std::system(cmd.c_str());
  Result r{WIFEXITED(st) ? WEXITSTATUS(st) : -1, slurp(out), slurp(err)};
  fs::remove(out);
  fs::remove(err);
  return r;
}

json cli_json(const std::string& args) {
  const Result r = cli(args + " --json");
  INFO(args << "\n" << r.err);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

fs::path fresh_dir(const std::string& name) {
  const fs::path d = build_dir() / "test-scratch" / name;
  fs::remove_all(d);
  return d;
}

}  // namespace

TEST_CASE("run's pretraining step equals ascendsim step on the same platform and workload and chips") {
  const json rep = cli_json("run " + kScenario);
  const json& pre = rep.at("pretraining");
  REQUIRE(pre.at("chips").get<long>() == 768);
  const json st = cli_json("step " + kStepArgs + " --chips 768");
  REQUIRE(st.at("chips").get<long>() == 768);
  CHECK(pre.at("mfu").get<double>() == Approx(st.at("mfu").get<double>()).epsilon(1e-12));
  CHECK(pre.at("step_time_s").get<double>() == Approx(st.at("step_time_s").get<double>()).epsilon(1e-12));
}

TEST_CASE("run's pretraining duration equals ascendsim train for the same fleet and policy and seed") {
  // Zero failures (the scenario names no rates file): duration = steps x step time, by hand.
  const json rep = cli_json("run " + kScenario);
  const double step_s = rep.at("pretraining").at("step_time_s").get<double>();
  const double steps = std::ceil(50e9 / (15360.0 * 4096.0));  // 795 steps of 62.9 M tokens
  CHECK(rep.at("pretraining").at("wait_and_training_days").get<double>() == Approx(steps * step_s / 86400.0).epsilon(1e-9));
  const json tr0 = cli_json("train " + kStepArgs + " --chips 768 --start 2026-01-05 --seed 7 --policy tests/data/run-policy-small.toml");
  CHECK(tr0.at("wait_and_training_days").get<double>() ==
        Approx(rep.at("pretraining").at("wait_and_training_days").get<double>()).epsilon(1e-12));

  // With the shipped failure rates, the same seed must give the same failure stream in both.
  const json repf = cli_json("run " + kScenario + kWithFailures);
  const json trf = cli_json("train " + kStepArgs +
                            " --chips 768 --start 2026-01-05 --seed 7 --policy tests/data/run-policy-small.toml"
                            " --failures platforms/failure-rates.toml");
  CHECK(trf.at("wait_and_training_days").get<double>() ==
        Approx(repf.at("pretraining").at("wait_and_training_days").get<double>()).epsilon(1e-12));
  CHECK(repf.at("pretraining").at("wait_and_training_days").get<double>() >= rep.at("pretraining").at("wait_and_training_days").get<double>());
}

TEST_CASE("doubling the 950PR's FP8 peak shortens pretraining by the FP8-bound share of the step") {
  // What halves: the roofline compute term of the FP8 matmuls that are compute-bound, and the
  // pipeline bubble made of them. Communication, the optimizer, memory-bound ops (on the 950PR's
  // 1.6 TB/s HBM most of V4-Flash's expert matmuls at 1 x 4,096-token microbatches are) and BF16
  // ops do not change. The step breakdown's `compute_s` lumps all of these together, so its share
  // (95% here) is only an upper bound: the run must shrink by no more than share/2, and by exactly
  // the step level's own ratio at the doubled peak (the run level advances steps in closed form
  // and this scenario has no failures, so duration = steps x step time).
  const json st0 = cli_json("step " + kStepArgs + " --chips 768");
  const json st1 = cli_json("step " + kStepArgs + " --chips 768 --set catalogue.chips.ascend-950pr.peak.FP8=2000TFLOPS");
  const json& b = st0.at("breakdown");
  const double t0 = st0.at("step_time_s").get<double>(), t1 = st1.at("step_time_s").get<double>();
  const double share = (b.at("compute_s").get<double>() + b.at("bubble_s").get<double>()) / t0;
  const double fp8_bound_share = 2.0 * (1.0 - t1 / t0);  // the part that halved
  const json before = cli_json("run " + kScenario);
  const json after = cli_json("run " + kScenario + " --set catalogue.chips.ascend-950pr.peak.FP8=2000TFLOPS");
  const double d0 = before.at("pretraining").at("wait_and_training_days").get<double>();
  const double d1 = after.at("pretraining").at("wait_and_training_days").get<double>();
  INFO("breakdown compute share " << share << ", FP8-bound share " << fp8_bound_share << ", before " << d0
                                  << " d, after " << d1 << " d");
  CHECK(after.at("pretraining").at("step_time_s").get<double>() == Approx(t1).epsilon(1e-12));
  CHECK(d1 < d0);
  CHECK(d1 >= d0 * (1.0 - share / 2.0));
  CHECK(d1 == Approx(d0 * (1.0 - fp8_bound_share / 2.0)).epsilon(0.05));
  CHECK(d1 / d0 == Approx(t1 / t0).epsilon(1e-9));
}

TEST_CASE("a scenario whose distributions are all degenerate equals its deterministic run") {
  const json plain = cli_json("run " + kScenario);
  const json degen = cli_json("run tests/data/scenario-small-degenerate.toml --draws 6 --threads 2");
  CHECK(degen.at("pretraining") == plain.at("pretraining"));
  CHECK(degen.at("milestones") == plain.at("milestones"));
  CHECK(degen.at("verdict") == plain.at("verdict"));
  // Every draw lands on the deterministic dates: P(fit) is 0 or 1 as the verdict says.
  CHECK(degen.at("montecarlo").at("p_fit").get<double>() == (plain.at("verdict").at("fits").get<bool>() ? 1.0 : 0.0));
}

TEST_CASE("same scenario and seed give byte-identical report and traces and thread-independent draws") {
  const fs::path a = fresh_dir("det-a"), b = fresh_dir("det-b");
  REQUIRE(cli("run " + kScenario + kWithFailures + " --out " + a.string()).status == 0);
  REQUIRE(cli("run " + kScenario + kWithFailures + " --out " + b.string()).status == 0);
  for (const char* f : {"report.json", "trace.json", "trace.paje", "trace.csv", "report.html"}) {
    INFO(f);
    REQUIRE(fs::exists(a / f));
    CHECK(without_provenance(f, slurp(a / f)) == without_provenance(f, slurp(b / f)));
  }
  const Result t1 = cli("run " + kScenario + kWithFailures + " --draws 20 --threads 1 --json");
  const Result t2 = cli("run " + kScenario + kWithFailures + " --draws 20 --threads 2 --json");
  REQUIRE(t1.status == 0);
  CHECK(without_provenance("t.json", t1.out) == without_provenance("t.json", t2.out));
  CHECK(json::parse(t1.out).at("provenance").at("threads") == 1);
  CHECK(json::parse(t2.out).at("provenance").at("threads") == 2);
  CHECK(json::parse(t1.out).at("montecarlo").at("draws").get<long>() == 20);
}

TEST_CASE("bad scenario input exits 2 with a located message and writes nothing") {
  const fs::path tmp = fresh_dir("bad-input");
  fs::create_directories(tmp);
  auto variant = [&](const std::string& name, const std::string& from, const std::string& to) {
    std::string text = slurp(kScenario);
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    // Paths in the scenario are relative to it: keep the copy beside the original.
    const fs::path p = fs::path("tests/data") / (".wiring-" + name + ".toml");
    std::ofstream(p) << text;
    return p.string();
  };
  struct Bad {
    std::string name, file, extra, expect;
  };
  std::vector<Bad> cases{
      {"cycle", variant("cycle", "name = \"start\"\nnot_before = 2026-01-05", "name = \"start\"\nafter = [\"release\"]"),
       "", "dependency cycle"},
      {"unknown-dep", variant("unknown-dep", "after = [\"post-training\"]", "after = [\"post-trainign\"]"), "",
       "post-trainign"},
      {"unknown-chip", kScenario, " --set 'spec.chip=\"ascend-9999\"'", "ascend-9999"},
      {"fp8-on-910c", kScenario, " --set 'platform.spec=\"platforms/specs/cloudmatrix384.toml\"'", "FP8"},
      {"set-past-array", kScenario, " --set calendar.phases.9.duration=2d", "calendar.phases.9.duration"},
      {"set-reaches-nothing", kScenario, " --set nothing.here=1", "unknown key 'nothing.here'"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const fs::path out = tmp / c.name;
    const Result r = cli("run " + c.file + c.extra + " --out " + out.string());
    CHECK(r.status == 2);
    CHECK(r.err.find(c.expect) != std::string::npos);
    // Located: the file (or the --set text) and a key path come first.
    CHECK((r.err.find(".toml:") != std::string::npos || r.err.find("--set ") != std::string::npos));
    bool any_file = false;
    if (fs::exists(out))
      for (const auto& e : fs::directory_iterator(out)) any_file |= e.path().filename().string()[0] != '.';
    CHECK_FALSE(any_file);
    INFO(r.err);
  }
  for (const auto& e : fs::directory_iterator("tests/data"))
    if (e.path().filename().string().rfind(".wiring-", 0) == 0) fs::remove(e.path());
}

TEST_CASE("numeric edge cases: a fleet that never holds the plan says never finishes and zero failures works") {
  // 100 chips cannot hold one replica of the plan (pp 2 x ep 64 = 128 chips): a clear answer.
  const json small = cli_json("run " + kScenario + " --set fleet.chips=100");
  CHECK(small.at("pretraining").at("never_finishes").get<bool>());
  CHECK_FALSE(small.at("verdict").at("fits").get<bool>());
  CHECK(small.dump().find("NaN") == std::string::npos);
  // Chips that arrive only after the horizon (an arrival schedule far in the future, growth fixed).
  std::string text = slurp(kScenario);
  text.replace(text.find("[fleet]\nchips = 768"), 19, "[fleet]\n[[fleet.arrivals]]\ndate = 2040-01-01\nchips = 768");
  const fs::path late = "tests/data/.wiring-late-fleet.toml";
  std::ofstream(late) << text;
  const Result l = cli("run " + late.string() + " --json");
  fs::remove(late);
  INFO(l.err);
  REQUIRE(l.status == 0);
  const json rep = json::parse(l.out);
  CHECK_FALSE(rep.at("verdict").at("fits").get<bool>());
  CHECK(rep.at("pretraining").at("never_finishes").get<bool>());
  // Zero failures: no interruptions at all.
  const json zero = cli_json("run " + kScenario);
  CHECK(zero.at("pretraining").dump().find("NaN") == std::string::npos);
}

TEST_CASE("a run killed while it works leaves no partial output and the next run cleans up") {
  const fs::path dir = fresh_dir("killed");
  const std::string cmd = cache_env() + "exec " + ASCENDSIM_BINARY + " run " + kScenario + kWithFailures +
                          " --draws 400 --threads 1 --out " + dir.string() + " >/dev/null 2>&1";
  bool saw_partial = false;
  for (int delay_ms : {150, 400, 800}) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int st = 0;
    waitpid(pid, &st, 0);
    if (!fs::exists(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string name = e.path().filename().string();
      if (name == ".ascendsim-manifest" || name.find(".tmp.") != std::string::npos) continue;
      // Any other file must be complete: report.json parses.
      if (name == "report.json") saw_partial |= json::parse(slurp(e.path()), nullptr, false).is_discarded();
    }
  }
  CHECK_FALSE(saw_partial);
  // The next run accepts the directory (its leftovers are its own) and leaves no temporary file.
  const Result r = cli("run " + kScenario + " --out " + dir.string());
  INFO(r.err);
  REQUIRE(r.status == 0);
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
  CHECK(fs::exists(dir / "report.json"));
}

TEST_CASE("report.json is byte-identical cold, warm and with another cache directory, but for provenance") {
  // Issue 13 item 10: report.json embedded step.from_cache and the cache's platform path.
  const fs::path cache_a = build_dir() / "test-scratch" / "cache-state-a", cache_b = build_dir() / "test-scratch" / "cache-state-b";
  fs::remove_all(cache_a);
  fs::remove_all(cache_b);
  auto run_in = [&](const fs::path& cache, const std::string& name) {
    const fs::path d = fresh_dir(name);
    const std::string cmd = "ASCENDSIM_CACHE_DIR=" + cache.string() + " " + ASCENDSIM_BINARY + " run " + kScenario +
                            " --out " + d.string() + " >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    return slurp(d / "report.json");
  };
  const std::string cold = run_in(cache_a, "cache-cold"), warm = run_in(cache_a, "cache-warm"),
                    other = run_in(cache_b, "cache-other");
  const json jc = json::parse(cold), jw = json::parse(warm), jo = json::parse(other);
  // The provenance block says what differed: one step simulated cold, read back warm.
  CHECK(jc.at("provenance").at("cache").at("steps_simulated") == 1);
  CHECK(jc.at("provenance").at("cache").at("steps_from_cache") == 0);
  CHECK(jw.at("provenance").at("cache").at("steps_from_cache") == 1);
  CHECK(jw.at("provenance").at("cache").at("steps_simulated") == 0);
  CHECK(jo.at("provenance").at("cache").at("directory") == cache_b.string());
  CHECK(without_provenance("report.json", cold) == without_provenance("report.json", warm));
  CHECK(without_provenance("report.json", cold) == without_provenance("report.json", other));
  // No cache path or cache flag outside the provenance block.
  const std::string rest = without_provenance("report.json", cold);
  CHECK(rest.find("from_cache") == std::string::npos);
  CHECK(rest.find(cache_a.string()) == std::string::npos);
  CHECK(rest.find("platform-") == std::string::npos);
}

TEST_CASE("provenance names the version, command line, overrides and every input file with its hash") {
  const json r = cli_json("run " + kScenario + " --set 'run.growth.policy=\"fixed\"' --seed 9");
  const json& p = r.at("provenance");
  CHECK(p.at("ascendsim_version").get<std::string>().rfind("0.1.0", 0) == 0);
  CHECK(p.at("overrides") == json::parse(R"([{"key": "run.growth.policy", "value": "\"fixed\""}])"));
  CHECK(p.at("options").at("seed") == 9);
  const auto& cmd = p.at("command_line");
  CHECK(std::find(cmd.begin(), cmd.end(), json("--seed")) != cmd.end());
  // Every file the scenario names, with the FNV-1a 64 hash of its bytes (16 hex digits).
  std::vector<std::string> paths;
  for (const auto& f : p.at("input_files")) {
    paths.push_back(f.at("path"));
    CHECK(f.at("fnv1a64").get<std::string>().size() == 16);
  }
  for (const char* want : {"tests/data/scenario-small.toml", "platforms/specs/cm384-950pr.toml", "platforms/chips.toml",
                           "workloads/deepseek-v4-flash-train.toml", "workloads/deepseek-v4-flash.toml"}) {
    INFO(want);
    CHECK(std::find(paths.begin(), paths.end(), want) != paths.end());
  }
  CHECK(r.at("schema_version") == 1);
}

TEST_CASE("the report's title names the chip and model actually used after overrides") {
  // The fixture's file title says 950PR; swap the platform to the 910C CloudMatrix384 at BF16.
  const json r = cli_json("run " + kScenario + " --set 'platform.spec=\"platforms/specs/cloudmatrix384.toml\"'" +
                          " --set training.precision=BF16");
  const std::string title = r.at("scenario").at("title");
  CHECK(title.find("Ascend 910C") != std::string::npos);
  CHECK(title.find("950PR") == std::string::npos);
  CHECK(title.find("BF16") != std::string::npos);
  CHECK(r.at("scenario").at("chip") == "ascend-910c");
}
