// OutputDir: creates a missing directory, refuses foreign files unless forced, never replaces or
// deletes a user's file, accepts re-runs into its own output, records what it wrote, and publishes
// a set through one generation switch (the integration test test_output_kill.cpp kills it mid-way).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "sim/config/input_error.hpp"
#include "sim/trace/output_dir.hpp"

using namespace ascendsim;
namespace fs = std::filesystem;

static fs::path fresh(const char* name) {
  const auto d = fs::path(ASCENDSIM_BUILD_DIR) / "test-tmp" / name;
  fs::remove_all(d);
  return d;
}

static std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST_CASE("OutputDir creates the directory and re-runs into its own output", "[outdir]") {
  const auto d = fresh("outdir-own") / "nested";
  {
    OutputDir out(d.string());
    CHECK(fs::is_directory(d));
    out.write("report.html", "<html></html>");
    out.write("trace.csv", "a\n");
  }
  CHECK(slurp(d / "report.html") == "<html></html>");
  CHECK(slurp(d / OutputDir::kManifest).find("report.html\ntrace.csv\n") != std::string::npos);
  CHECK(OutputDir::foreign_entries(d.string()).empty());
  // Nothing temporary is ever written beside the files, so a file named like one is the user's:
  // foreign, and never deleted.
  std::ofstream(d / ".trace.csv.tmp.AbC123") << "half";
  CHECK_THROWS_AS(OutputDir(d.string()), InputError);
  OutputDir again(d.string(), true);
  CHECK(slurp(d / ".trace.csv.tmp.AbC123") == "half");
  fs::remove(d / ".trace.csv.tmp.AbC123");
  again.write("report.html", "v2");
  CHECK(slurp(d / "report.html") == "v2");
  CHECK(again.written() == std::vector<std::string>{"report.html", "trace.csv"});
  // No temporary files remain after writes.
  for (const auto& e : fs::directory_iterator(d)) CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("OutputDir refuses a directory with foreign files unless forced", "[outdir]") {
  const auto d = fresh("outdir-foreign");
  fs::create_directories(d / "sub");
  std::ofstream(d / "thesis.tex") << "precious";
  try {
    OutputDir out(d.string());
    FAIL("expected InputError");
  } catch (const InputError& e) {
    const std::string msg = e.what();
    CHECK(msg.find(d.string() + ": --out: expected an empty directory or one ascendsim wrote") == 0);
    CHECK(msg.find("sub, thesis.tex") != std::string::npos);
    CHECK(msg.find("--force") != std::string::npos);
  }
  CHECK(OutputDir::foreign_entries(d.string()) == std::vector<std::string>{"sub", "thesis.tex"});
  OutputDir forced(d.string(), true);
  forced.write("report.json", "{}");
  CHECK(slurp(d / "thesis.tex") == "precious");  // never deleted
  // A clash with a user's file is refused even when forced, before and at publish.
  CHECK_THROWS_AS(forced.claim({"report.html", "thesis.tex"}), InputError);
  CHECK_THROWS_AS(forced.write("thesis.tex", "overwritten"), InputError);
  CHECK(slurp(d / "thesis.tex") == "precious");
  // Still foreign after a forced run: only what ascendsim wrote is listed.
  CHECK_THROWS_AS(OutputDir(d.string()), InputError);
}

TEST_CASE("OutputDir refuses a file path and bad names", "[outdir]") {
  const auto d = fresh("outdir-file");
  fs::create_directories(d);
  std::ofstream(d / "plain") << "x";
  CHECK_THROWS_AS(OutputDir((d / "plain").string()), InputError);
  OutputDir out((d / "ok").string());
  CHECK_THROWS_AS(out.write("../escape", "x"), std::invalid_argument);
  CHECK_THROWS_AS(out.write(OutputDir::kManifest, "x"), std::invalid_argument);
}

TEST_CASE("OutputDir publishes a set through one switch of a generation link", "[outdir]") {
  const auto d = fresh("outdir-set");
  OutputDir out(d.string());
  out.publish("run", {{"a.txt", "a1"}, {"b.txt", "b1"}});
  CHECK(fs::is_symlink(d / "a.txt"));
  CHECK(fs::read_symlink(d / "a.txt") == fs::path(".ascendsim/run/a.txt"));
  const fs::path first = fs::read_symlink(d / OutputDir::kStore / "run");
  CHECK(first.string().rfind("g-run.", 0) == 0);
  out.publish("run", {{"a.txt", "a2"}, {"c.txt", "c2"}});
  CHECK(slurp(d / "a.txt") == "a2");
  CHECK(slurp(d / "c.txt") == "c2");
  CHECK_FALSE(fs::exists(fs::symlink_status(d / "b.txt")));  // not in the new set: its link is gone
  const fs::path second = fs::read_symlink(d / OutputDir::kStore / "run");
  CHECK(second != first);
  CHECK_FALSE(fs::exists(d / OutputDir::kStore / first));  // the previous generation is removed
  // Other sets (a shard's part file) live beside it, untouched by the run's publishes.
  out.write("part-1-of-2.json", "p");
  out.publish("run", {{"a.txt", "a3"}, {"c.txt", "c3"}});
  CHECK(slurp(d / "part-1-of-2.json") == "p");
  CHECK(OutputDir::foreign_entries(d.string()).empty());
  // Staging left by a killed run (an unlinked generation) is removed by the next OutputDir.
  fs::create_directories(d / OutputDir::kStore / "g-run.killed12");
  OutputDir next(d.string());
  CHECK_FALSE(fs::exists(d / OutputDir::kStore / "g-run.killed12"));
  CHECK(slurp(d / "a.txt") == "a3");
}

TEST_CASE("OutputDir adopts plain files written before generations existed", "[outdir]") {
  const auto d = fresh("outdir-legacy");
  fs::create_directories(d);
  std::ofstream(d / "report.json") << "old";
  std::ofstream(d / OutputDir::kManifest) << "report.json\n";
  OutputDir out(d.string());
  out.publish("run", {{"report.json", "new"}});
  CHECK(fs::is_symlink(d / "report.json"));
  CHECK(slurp(d / "report.json") == "new");
  CHECK(OutputDir::foreign_entries(d.string()).empty());
}
