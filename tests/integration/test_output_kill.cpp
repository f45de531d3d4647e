// Issue 13, items 1 and 4: `run --out` is all or nothing, whatever kills it and whenever. The run is
// stopped at numbered write points (ASCENDSIM_TEST_WRITE_PAUSE_AFTER, sim/util/test_hooks.hpp) or in
// a SimGrid child (ASCENDSIM_TEST_CHILD_PAUSE), then sent SIGINT, SIGTERM or SIGKILL. Each time the
// directory must hold exactly the previous set (before the switching rename) or the new one (from
// it on), byte for byte against reference runs, with no temporary file, and no process of the run's
// session may survive. A full disk (injected ENOSPC, and a real RLIMIT_FSIZE) keeps the previous set.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/without_provenance.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;

namespace {

using ascendsim::testing::slurp;

// Per process; the directory itself is left absent (a run creates it).
fs::path scratch(const std::string& name) {
  const fs::path d = ascendsim::testing::process_scratch("kill", name);
  fs::remove(d);
  return d;
}

const std::vector<std::string> kNames{"report.json", "report.html", "trace.json", "trace.paje", "trace.csv"};

// Per process (ctest -j runs these test cases at once), removed when the process ends.
struct Spawn {
  std::vector<std::pair<std::string, std::string>> env;
  long fsize_limit = 0;  // RLIMIT_FSIZE in bytes, 0 for none
  bool no_cache = false;
};

// Starts `ascendsim run` on the small scenario (with failures, so every file depends on the seed)
// as the leader of a new session, so every process it forks can be found afterwards.
pid_t spawn_run(int seed, const fs::path& out, const Spawn& how) {
  const fs::path cache = fs::path(ASCENDSIM_BUILD_DIR) / "test-cache" / "output-kill";
  fs::create_directories(cache);
  std::vector<std::string> args{ASCENDSIM_BINARY, "run", "tests/data/scenario-small.toml", "--set",
                                "run.failures.rates_file=\"platforms/failure-rates.toml\"", "--draws", "0",
                                "--seed", std::to_string(seed), "--out", out.string()};
  if (how.no_cache) args.push_back("--no-cache");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    setsid();
    setenv("ASCENDSIM_CACHE_DIR", cache.c_str(), 1);
    for (const auto& [k, v] : how.env) setenv(k.c_str(), v.c_str(), 1);
    if (how.fsize_limit > 0) {
      const rlimit lim{rlim_t(how.fsize_limit), rlim_t(how.fsize_limit)};
      setrlimit(RLIMIT_FSIZE, &lim);
    }
    const fs::path err = out.string() + ".stderr";
    freopen("/dev/null", "w", stdout);
    freopen(err.c_str(), "w", stderr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid) {  // exit status, or 1000 + signal
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + WTERMSIG(st);
}

// Live (non-zombie) processes of session `sid`, other than `except`; and whether any is stopped.
std::vector<pid_t> session_members(pid_t sid, pid_t except, bool* stopped = nullptr) {
  std::vector<pid_t> found;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string n = e.path().filename().string();
    if (n.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string stat = slurp(e.path() / "stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream in(stat.substr(close + 2));
    char state = 0;
    long ppid = 0, pgrp = 0, session = 0;
    in >> state >> ppid >> pgrp >> session;
    const pid_t p = pid_t(std::stol(n));
    if (session != sid || state == 'Z' || p == except) continue;
    found.push_back(p);
    if (stopped && state == 'T') *stopped = true;
  }
  return found;
}

bool session_empties(pid_t sid) {
  for (int i = 0; i < 300; ++i) {
    if (session_members(sid, 0).empty()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// "A", "B" (every file equal to that reference set), "none" (no file resolves), or what is wrong.
std::string classify(const fs::path& dir, const fs::path& refA, const fs::path& refB) {
  if (!fs::exists(dir)) return "none";
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n == ".ascendsim" || n == ".ascendsim-manifest") continue;
    if (std::find(kNames.begin(), kNames.end(), n) == kNames.end()) return "stray entry " + n;
  }
  int a = 0, b = 0, missing = 0;
  for (const auto& n : kNames) {
    if (!fs::exists(dir / n)) { ++missing; continue; }
    const std::string s = slurp(dir / n);
    // Equal runs differ only in their provenance block (the command line names the directory).
    a += without_provenance(n, s) == without_provenance(n, slurp(refA / n));
    b += without_provenance(n, s) == without_provenance(n, slurp(refB / n));
  }
  if (missing == int(kNames.size())) return "none";
  if (a == int(kNames.size())) return "A";
  if (b == int(kNames.size())) return "B";
  return "mix (A " + std::to_string(a) + ", B " + std::to_string(b) + ", missing " + std::to_string(missing) + ")";
}

// Entries of DIR/.ascendsim that are not the current generation and its link: staging, old
// generations or temporary links.
std::vector<std::string> store_leftovers(const fs::path& dir) {
  std::vector<std::string> left;
  const fs::path store = dir / ".ascendsim";
  if (!fs::exists(store)) return left;
  std::string current;
  if (fs::is_symlink(store / "run")) current = fs::read_symlink(store / "run").string();
  for (const auto& e : fs::directory_iterator(store)) {
    const std::string n = e.path().filename().string();
    if (n != "run" && n != current) left.push_back(n);
  }
  return left;
}

struct Refs {
  fs::path a, b;
};

const Refs& references() {
  static const Refs refs = [] {
    Refs r{scratch("refA"), scratch("refB")};
    const fs::path warm = scratch("warm");
    REQUIRE(wait_exit(spawn_run(1, warm, {})) == 0);  // fills the step cache: from_cache is then the same
    REQUIRE(wait_exit(spawn_run(1, r.a, {})) == 0);
    REQUIRE(wait_exit(spawn_run(2, r.b, {})) == 0);
    for (const auto& n : kNames) REQUIRE(slurp(r.a / n) != slurp(r.b / n));
    return r;
  }();
  return refs;
}

// One kill: stop at write point `at`, send `sig`, check the exit, the directory and the session.
// `expect` is the set the directory must hold afterwards ("A", "B" or "none").
void kill_at(int at, int sig, int seed, const fs::path& dir, const std::string& expect, bool after_switch) {
  const Refs& r = references();
  const pid_t pid = spawn_run(seed, dir, {{{"ASCENDSIM_TEST_WRITE_PAUSE_AFTER", std::to_string(at)}}});
  int st = 0;
  REQUIRE(waitpid(pid, &st, WUNTRACED) == pid);
  REQUIRE(WIFSTOPPED(st));  // the pause point was reached (an old binary ignores it and exits)
  kill(pid, sig);
  kill(pid, SIGCONT);
  const int status = wait_exit(pid);
  CHECK(status == (sig == SIGKILL ? 1000 + SIGKILL : 128 + sig));
  CHECK(classify(dir, r.a, r.b) == expect);
  CHECK(session_empties(pid));
  if (sig != SIGKILL && !after_switch) CHECK(store_leftovers(dir).empty());  // staging removed
}

}  // namespace

TEST_CASE("run --out killed by SIGINT, SIGTERM or SIGKILL at 20 moments keeps a whole set", "[output][kill]") {
  const Refs& r = references();
  const int signals[] = {SIGINT, SIGTERM, SIGKILL};
  // First publish into an empty directory (19 points; 13-17 create the links, 18 is after the
  // switch): before the switch there is no set at all, from it on the whole new one.
  for (const int at : {1, 3, 12, 14, 18})
    for (const int sig : signals) {
      INFO("first publish, point " << at << ", signal " << sig);
      const fs::path dir = scratch("first");
      kill_at(at, sig, 2, dir, at < 18 ? "none" : "B", at >= 18);
    }
  // Replacing a whole set (14 points: staging, 2 per file, manifest, 13 switched, 14 old removed).
  const fs::path dir = scratch("replace");
  REQUIRE(wait_exit(spawn_run(1, dir, {})) == 0);
  std::string held = "A";
  for (int at = 1; at <= 14; ++at)
    for (const int sig : signals) {
      INFO("replacing set " << held << ", point " << at << ", signal " << sig);
      const int seed = held == "A" ? 2 : 1;
      const std::string next = held == "A" ? "B" : "A";
      kill_at(at, sig, seed, dir, at < 13 ? held : next, at >= 13);
      if (at >= 13) held = next;
    }
  // The next run removes whatever SIGKILL left in the store, and no temporary name is anywhere.
  REQUIRE(wait_exit(spawn_run(1, dir, {})) == 0);
  CHECK(classify(dir, r.a, r.b) == "A");
  CHECK(store_leftovers(dir).empty());
  for (const auto& e : fs::recursive_directory_iterator(dir))
    CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("a SimGrid child stopped mid-simulation dies with run, whatever signal kills run", "[output][kill]") {
  const Refs& r = references();
  for (const int sig : {SIGINT, SIGTERM, SIGKILL}) {
    INFO("signal " << sig);
    const fs::path dir = scratch("child");
    REQUIRE(wait_exit(spawn_run(1, dir, {})) == 0);
    Spawn how;
    how.no_cache = true;  // so a step is simulated, in a forked child
    how.env = {{"ASCENDSIM_TEST_CHILD_PAUSE", "1"}};
    const pid_t pid = spawn_run(2, dir, how);
    bool stopped = false;
    for (int i = 0; i < 500 && !stopped; ++i) {
      session_members(pid, pid, &stopped);
      if (!stopped) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(stopped);  // a child is there, stopped: the parent waits for it
    kill(pid, sig);
    const int status = wait_exit(pid);
    CHECK(status == (sig == SIGKILL ? 1000 + SIGKILL : 128 + sig));
    CHECK(session_empties(pid));  // without PR_SET_PDEATHSIG the stopped child would stay forever
    CHECK(classify(dir, r.a, r.b) == "A");
  }
}

TEST_CASE("a full disk while writing the set keeps the previous set and no staging", "[output][kill]") {
  const Refs& r = references();
  const fs::path dir = scratch("full");
  REQUIRE(wait_exit(spawn_run(1, dir, {})) == 0);
  // Injected ENOSPC during report.html, then at the manifest.
  for (const int at : {4, 12}) {
    INFO("ENOSPC at point " << at);
    const pid_t pid = spawn_run(2, dir, {{{"ASCENDSIM_TEST_WRITE_FAIL_AFTER", std::to_string(at)}}});
    CHECK(wait_exit(pid) == 2);
    CHECK(slurp(dir.string() + ".stderr").find("No space left on device") != std::string::npos);
    CHECK(classify(dir, r.a, r.b) == "A");
    CHECK(store_leftovers(dir).empty());
  }
  // A real limit, no privileges needed: report.html and trace.json exceed 16 KiB.
  Spawn small;
  small.fsize_limit = 16 * 1024;
  const pid_t pid = spawn_run(2, dir, small);
  CHECK(wait_exit(pid) == 2);
  CHECK(slurp(dir.string() + ".stderr").find("File too large") != std::string::npos);
  CHECK(classify(dir, r.a, r.b) == "A");
  CHECK(store_leftovers(dir).empty());
  // The directory is not damaged: the next run publishes the new set.
  REQUIRE(wait_exit(spawn_run(2, dir, {})) == 0);
  CHECK(classify(dir, r.a, r.b) == "B");
}
