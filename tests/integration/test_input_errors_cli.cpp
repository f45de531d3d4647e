// Issue 13, input half, through the command line: a referenced file reported at the key that
// names it, sizes refused up front with the memory estimate, `platform info` checking the whole
// XML, a bounded `supply --until`, and `train` without failures printing no "inf".
#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {
struct Result {
  int status = -1;
  std::string out, err;
};

Result run(const std::string& args) {
  const fs::path dir = fs::path(ASCENDSIM_BUILD_DIR) / "input_errors_cli";
  fs::create_directories(dir);
  const fs::path o = dir / "out.txt", e = dir / "err.txt";
  const std::string cmd = "timeout 120 " + std::string(ASCENDSIM_BINARY) + " " + args + " >" + o.string() + " 2>" + e.string();
  const int raw = std::system(cmd.c_str());
  Result r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream a(o), b(e);
  std::stringstream sa, sb;
  sa << a.rdbuf();
  sb << b.rdbuf();
  r.out = sa.str();
  r.err = sb.str();
  return r;
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(ASCENDSIM_BUILD_DIR) / "input_errors_cli";
  fs::create_directories(dir);
  return dir / name;
}
}  // namespace

TEST_CASE("a scenario naming a missing calendar file is reported at its calendar_file key") {
  // A file path given with --set is relative to the working directory, and the error is at the
  // argument that named it (not at the file the path does not reach).
  const Result r = run("run timelines/v4-flash-h800.toml --set 'calendar_file=\"timelines/calendar/nope.toml\"'");
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("ascendsim: error: --set calendar_file=") != std::string::npos);
  CHECK(r.err.find("calendar_file: timeline file not found: \"timelines/calendar/nope.toml\"") != std::string::npos);
  CHECK(r.err.find("timelines/calendar/nope.toml: file not found") == std::string::npos);
}

TEST_CASE("a golden whose scenario is a directory is reported at the golden's scenario key") {
  const fs::path g = scratch("dir.expected.toml");
  std::ofstream(g) << "kind = \"golden\"\nscenario = \".\"\n[[field]]\npath = \"x\"\nexpected = 1\n";
  const Result r = run("check " + g.string());
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find(g.string() + ":2:12: scenario: names a directory, expected a scenario") != std::string::npos);
}

TEST_CASE("run --draws 2147483648 is refused up front with the memory estimate") {
  const Result r = run("run timelines/reference/deepseek-v3-h800.toml --draws 2147483648");
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("--draws 2147483648: draws: too large: 2147483648 draws need an estimated") != std::string::npos);
  CHECK(r.err.find("bad_alloc") == std::string::npos);
}

TEST_CASE("serve --requests 1000000000 is refused up front with the memory estimate") {
  // 10^9 requests x 112 B (Request 24 + RequestTimes 56 + two 16 B system events) = 112 GB.
  const Result r = run("serve --platform platforms/cloudmatrix384.xml --workload workloads/deepseek-v3.toml --rate 100 "
                       "--requests 1000000000");
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("--requests 1000000000: requests: too large: 1000000000 requests need an estimated 112 GB") !=
        std::string::npos);
}

TEST_CASE("platform info refuses a truncated platform XML with its line") {
  std::ifstream in("platforms/cloudmatrix384.xml", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(text.size() > 122335);
  const fs::path cut = scratch("truncated.xml");
  std::ofstream(cut, std::ios::binary) << text.substr(0, 122335);
  const Result r = run("platform info " + cut.string());
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find(cut.string() + ":") != std::string::npos);
  CHECK(r.err.find("truncated?") != std::string::npos);
  CHECK(r.out.find("384") == std::string::npos);  // no summary printed
}

TEST_CASE("a platform XML missing a link is located at the link_ctn that names it") {
  std::ifstream in("platforms/cloudmatrix384.xml", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = text.find("<link id=\"chip-182-rdma\"");
  REQUIRE(at != std::string::npos);
  text.erase(at, text.find('>', at) + 1 - at);
  const fs::path p = scratch("nolink.xml");
  std::ofstream(p, std::ios::binary) << text;
  const Result r = run("platform info " + p.string());
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("link_ctn.id: link \"chip-182-rdma\" is not defined in this file") != std::string::npos);
  CHECK(r.err.find("Link not found") == std::string::npos);
}

TEST_CASE("supply --until far in the future is a located error, at once") {
  const Result r = run("supply timelines/supply/thesis-wafer.toml --until 9999-12-01");
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(r.err.find("--until 9999-12-01: until: expected a date after the first line starts") != std::string::npos);
}

TEST_CASE("train without failures says there is no checkpoint interval and never prints inf") {
  const Result r = run("train --platform platforms/specs/h800-2048.toml --workload workloads/deepseek-v3-train.toml "
                       "--chips 2048 --no-failures");
  INFO(r.out << r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("no failures: no checkpoint interval") != std::string::npos);
  CHECK(r.out.find("inf") == std::string::npos);
  CHECK(r.out.find("nan") == std::string::npos);
}
