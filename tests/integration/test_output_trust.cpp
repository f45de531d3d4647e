// Issue 13, items 2 and 3. Nothing in a shared or cached location is trusted: an edited platform
// XML planted at the old fixed /tmp path, an edited cached XML, a truncated one under --no-cache,
// and an edited step entry all give the clean result. And --force never replaces a user's file:
// a user's d/report.json is refused even with --force, a user file named like a temporary file
// survives, and `step --trace`, `serve --trace-out` and `platform generate` refuse an existing file.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using ascendsim::testing::slurp;

// Per process (ctest -j runs these test cases at once), removed when the process ends.
fs::path scratch(const std::string& name) { return ascendsim::testing::process_scratch("trust", name); }

const std::string kStep = "step --platform tests/data/step-toy-spec.toml --workload tests/data/step-toy-train.toml";

void spit(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

struct Result {
  int status;
  std::string out, err;
};

// Runs ascendsim with `env` prefixed (e.g. "ASCENDSIM_CACHE_DIR=off TMPDIR=/x").
Result cli(const std::string& env, const std::string& args) {
  static int n = 0;
  const fs::path dir = scratch("io-" + std::to_string(n++));
  const std::string cmd = env + " " + ASCENDSIM_BINARY + " " + args + " >" + (dir / "out").string() + " 2>" +
                          (dir / "err").string();
  const int st = std::system(cmd.c_str());
  Result r{WIFEXITED(st) ? WEXITSTATUS(st) : -1, slurp(dir / "out"), slurp(dir / "err")};
  fs::remove_all(dir);
  return r;
}

json step_json(const std::string& env, const std::string& extra = "") {
  const Result r = cli(env, kStep + " --json" + extra);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

// Every link bandwidth in kBps instead of Bps (1000 times higher): a planted file that SimGrid
// reads changes the step time (measured: 0.003015 s instead of 0.003113 s).
std::string edited(const std::string& xml) {
  return std::regex_replace(xml, std::regex("bandwidth=\"([0-9.e+]+)Bps\""), "bandwidth=\"$1kBps\"");
}

}  // namespace

TEST_CASE("without a cache, an edited platform XML at the old shared /tmp path is not read", "[output][trust]") {
  const fs::path cache = scratch("clean-cache");
  const json clean = step_json("ASCENDSIM_CACHE_DIR=" + cache.string());
  const fs::path cached_xml = clean.at("platform_xml").get<std::string>();
  const std::string xml = slurp(cached_xml);
  REQUIRE(xml.find("<platform") != std::string::npos);
  REQUIRE(edited(xml) != xml);
  // Another user's file at the fixed name the old code used and reused.
  const fs::path tmp = scratch("shared-tmp");
  fs::create_directories(tmp / "ascendsim-platforms");
  spit(tmp / "ascendsim-platforms" / cached_xml.filename(), edited(xml));
  const json off = step_json("ASCENDSIM_CACHE_DIR=off TMPDIR=" + tmp.string());
  CHECK(off.at("step_time_s").get<double>() == clean.at("step_time_s").get<double>());
  const std::string used = off.at("platform_xml").get<std::string>();
  CHECK(used.find((tmp / "ascendsim-platforms").string()) == std::string::npos);
  CHECK(used.find((tmp / "ascendsim-").string()) == 0);  // a private mkdtemp directory ...
  CHECK_FALSE(fs::exists(fs::path(used).parent_path()));  // ... removed when the process ends
  // An uncreatable cache directory falls back to the private directory too.
  spit(tmp / "not-a-dir", "x");
  const json bad = step_json("ASCENDSIM_CACHE_DIR=" + (tmp / "not-a-dir").string() + " TMPDIR=" + tmp.string());
  CHECK(bad.at("step_time_s").get<double>() == clean.at("step_time_s").get<double>());
}

TEST_CASE("an edited or truncated cached platform XML or step entry is rebuilt, not trusted", "[output][trust]") {
  const fs::path cache = scratch("cache");
  const std::string env = "ASCENDSIM_CACHE_DIR=" + cache.string();
  const json clean = step_json(env);
  const double t = clean.at("step_time_s").get<double>();
  const fs::path xml_path = clean.at("platform_xml").get<std::string>();
  const std::string xml = slurp(xml_path);
  // An edited step entry: the same JSON with another step time.
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(cache / "steps")) entries.push_back(e.path());
  REQUIRE(entries.size() == 1);
  std::string entry = slurp(entries[0]);
  const std::string key = "\"step_time_s\": ";
  const auto at = entry.find(key);
  REQUIRE(at != std::string::npos);
  entry.insert(at + key.size(), "1000");
  spit(entries[0], entry);
  json again = step_json(env);
  CHECK(again.at("step_time_s").get<double>() == t);
  CHECK_FALSE(again.at("from_cache").get<bool>());
  // A truncated step entry.
  spit(entries[0], slurp(entries[0]).substr(0, 40));
  CHECK(step_json(env).at("step_time_s").get<double>() == t);
  // An edited cached XML (the step entry removed, so the step is simulated on it).
  fs::remove(entries[0]);
  spit(xml_path, edited(xml));
  CHECK(step_json(env).at("step_time_s").get<double>() == t);
  CHECK(slurp(xml_path) == xml);  // rewritten
  // A truncated cached XML with --no-cache: the cache is not read at all, and the run works.
  fs::remove_all(cache / "steps");
  spit(xml_path, xml.substr(0, xml.size() / 2));
  const json nc = step_json(env, " --no-cache");
  CHECK(nc.at("step_time_s").get<double>() == t);
  CHECK(nc.at("platform_xml").get<std::string>() != xml_path.string());
  CHECK(slurp(xml_path) == xml.substr(0, xml.size() / 2));  // --no-cache does not touch it either
}

TEST_CASE("run --out --force never replaces a user's file and never deletes one", "[output][force]") {
  const fs::path d = scratch("force");
  const std::string env = "ASCENDSIM_CACHE_DIR=" + (fs::path(ASCENDSIM_BUILD_DIR) / "test-cache" / "output-kill").string();
  const std::string run = "run tests/data/scenario-small.toml --draws 0 --out " + d.string();
  spit(d / "report.json", "my own report");
  Result r = cli(env, run + " --force");
  CHECK(r.status == 2);
  CHECK(r.err.find((d / "report.json").string() + ": --out: a file ascendsim did not write has this name") !=
        std::string::npos);
  CHECK(slurp(d / "report.json") == "my own report");
  CHECK_FALSE(fs::exists(d / "report.html"));  // refused before anything was written
  // A user's file named like a temporary file: foreign without --force, kept with it.
  fs::remove(d / "report.json");
  spit(d / ".report.json.tmp.AbC123", "my notes");
  r = cli(env, run);
  CHECK(r.status == 2);
  CHECK(r.err.find(".report.json.tmp.AbC123") != std::string::npos);
  r = cli(env, run + " --force");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(slurp(d / ".report.json.tmp.AbC123") == "my notes");
  CHECK(json::parse(slurp(d / "report.json")).contains("verdict"));
  // Its own files are replaced by a re-run (with --force: the user's file is still there).
  CHECK(cli(env, run + " --force --seed 9").status == 0);
  CHECK(json::parse(slurp(d / "report.json")).dump().find("\"seed\":9") != std::string::npos);
  CHECK(slurp(d / ".report.json.tmp.AbC123") == "my notes");
}

TEST_CASE("step --trace-out, serve --trace-out and platform generate refuse an existing file", "[output][force]") {
  const fs::path d = scratch("single");
  const std::string env = "ASCENDSIM_CACHE_DIR=" + (d / "cache").string();
  spit(d / "mine.csv", "precious");
  Result r = cli(env, kStep + " --trace-out " + (d / "mine.csv").string());
  CHECK(r.status == 2);
  CHECK(r.err.find((d / "mine.csv").string() + ": --trace-out: the file exists") != std::string::npos);
  CHECK(slurp(d / "mine.csv") == "precious");
  r = cli(env, kStep + " --trace-out " + (d / "mine.csv").string() + " --force");
  CHECK(r.status == 0);
  CHECK(slurp(d / "mine.csv").find("compute") != std::string::npos);
  r = cli(env, "serve --platform platforms/cloudmatrix384.xml --workload workloads/deepseek-v3.toml --rate 1 "
               "--requests 10 --trace-out " + (d / "mine.csv").string());
  CHECK(r.status == 2);
  CHECK(r.err.find("--trace-out: the file exists") != std::string::npos);
  spit(d / "mine.xml", "precious");
  r = cli(env, "platform generate tests/data/step-toy-spec.toml -o " + (d / "mine.xml").string());
  CHECK(r.status == 2);
  CHECK(slurp(d / "mine.xml") == "precious");
  // A directory is never a trace file, --force or not.
  fs::create_directories(d / "dir.csv");
  CHECK(cli(env, kStep + " --trace-out " + (d / "dir.csv").string() + " --force").status == 2);
}
