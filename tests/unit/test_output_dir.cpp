// OutputDir: creates a missing directory, refuses foreign files unless forced, accepts re-runs into
// its own output, records what it wrote, and leaves no partial file behind.
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
  // A leftover temp file of a listed name (killed run) is ours and is cleaned up.
  std::ofstream(d / ".trace.csv.tmp.AbC123") << "half";
  OutputDir again(d.string());
  CHECK_FALSE(fs::exists(d / ".trace.csv.tmp.AbC123"));
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
