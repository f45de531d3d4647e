// What every command shares (sim/cli/cli_args.hpp, sim/cli/main.cpp): counts parsed by one helper
// (negatives, fractions and overflow refused as "ascendsim: error: --draws -1: ...", exit 2), CLI11's
// own errors in the same form, `help CMD`, an example in every --help, renamed options refusing
// with what changed, plain byte counts, --platform as a spec or a generated XML, and progress on
// stderr only: stdout and output files are byte-identical with --progress always and never.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/run_cli.hpp"

using ascendsim::testing::run_cli;
namespace fs = std::filesystem;

namespace {

struct Split {
  int status;
  std::string out, err;
};
// Runs ascendsim with stdout and stderr apart.
Split run_split(const std::string& args, const std::string& env = "") {
  const fs::path err = fs::temp_directory_path() / ("ascendsim-cli-common-" + std::to_string(getpid()) + ".err");
  const ascendsim::testing::CliRun r = [&] {
    const std::string cmd = env + " " + std::string(ASCENDSIM_BINARY) + " " + args + " 2>" + err.string();
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    while (p && fgets(buf.data(), buf.size(), p)) out += buf.data();
    const int st = p ? pclose(p) : -1;
    return ascendsim::testing::CliRun{WIFEXITED(st) ? WEXITSTATUS(st) : -1, out};
  }();
  std::ifstream in(err);
  std::stringstream ss;
  ss << in.rdbuf();
  fs::remove(err);
  return {r.status, r.out, ss.str()};
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("Counts: negative, fractional and huge values are refused at the option", "[cli][args]") {
  struct Case {
    std::string args, expect;
  };
  const std::vector<Case> cases{
      {"run tests/data/scenario-small.toml --draws -1", "ascendsim: error: --draws -1: negative"},
      {"run tests/data/scenario-small.toml --seed -1", "ascendsim: error: --seed -1: negative"},
      {"run tests/data/scenario-small.toml --draws 1.5", "ascendsim: error: --draws 1.5: not a whole number"},
      {"run tests/data/scenario-small.toml --draws 1e3", "ascendsim: error: --draws 1e3: not a whole number"},
      {"run tests/data/scenario-small.toml --seed 18446744073709551616", "--seed 18446744073709551616: too large"},
      {"run tests/data/scenario-small.toml --threads 0", "--threads 0: expected a whole number from 1 to 4294967295"},
      {"sweep tests/data/sweep-small.toml --draws -3", "ascendsim: error: --draws -3: negative"},
      {"calendar tests/data/timeline-small.toml --draws x", "ascendsim: error: --draws x: not a number"},
      {"serve --platform platforms/cloudmatrix384.xml --workload workloads/deepseek-v3.toml --rate 1 --requests -5",
       "ascendsim: error: --requests -5: negative"},
      {"collective --platform tests/data/star16.xml --op allreduce --bytes 1MiB --chips -1",
       "ascendsim: error: --chips -1: negative"},
      {"plan --platform platforms/specs/cloudmatrix384.toml --workload workloads/deepseek-v3-train.toml --chips 0",
       "ascendsim: error: --chips 0: expected a whole number from 1 to"},
  };
  for (const auto& c : cases) {
    INFO(c.args);
    const Split r = run_split(c.args);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains(c.expect));
    CHECK(r.out.empty());
  }
  // The largest seed is accepted (2^64 - 1), and used as given.
  const Split ok = run_split("calendar tests/data/timeline-small.toml --draws 3 --seed 18446744073709551615 --json");
  REQUIRE(ok.status == 0);
  CHECK(nlohmann::json::parse(ok.out)["montecarlo"]["seed"].get<std::uint64_t>() == 18446744073709551615ull);
}

TEST_CASE("CLI11's own errors read like every other error", "[cli][args]") {
  for (const std::string args : {"run tests/data/scenario-small.toml --bogus", "run", "run a.toml b.toml", "nosuchcommand",
                                 "run tests/data/scenario-small.toml --draws", "validate --progress sometimes x.toml"}) {
    INFO(args);
    const Split r = run_split(args);
    CHECK(r.status == 2);
    CHECK(r.err.rfind("ascendsim: error: ", 0) == 0);
    CHECK(r.out.empty());
  }
  CHECK_THAT(run_split("run tests/data/scenario-small.toml --bogus").err, Catch::Contains("--bogus"));
}

TEST_CASE("help CMD and an example in every command's --help", "[cli][help]") {
  const Split top = run_split("help");
  REQUIRE(top.status == 0);
  CHECK_THAT(top.out, Catch::Contains("ascendsim help CMD"));
  for (const std::string cmd : {"run", "validate", "platform", "step", "train", "plan", "collective", "supply", "calendar",
                                "sweep", "merge", "serve", "demand", "check", "bench", "infer"}) {
    INFO(cmd);
    const Split h = run_split("help " + cmd), flag = run_split(cmd + " --help");
    REQUIRE(h.status == 0);
    CHECK(h.out == flag.out);
    CHECK_THAT(h.out, Catch::Contains("Example:\n  ascendsim "));
    CHECK_THAT(h.out, Catch::Contains("ascendsim " + cmd + " "));
    CHECK_THAT(h.out, Catch::Contains("--progress"));
  }
  CHECK_THAT(run_split("help platform generate").out, Catch::Contains("--catalogue"));
  for (const std::string sub : {"info", "generate"})
    CHECK_THAT(run_split("platform " + sub + " --help").out, Catch::Contains("Example:\n  ascendsim platform " + sub + " "));
  // The examples of the quick commands run as printed (the others are run by hand: see docs/cli.md).
  for (const std::string cmd : {"validate", "platform", "collective", "supply", "calendar", "serve", "demand"}) {
    const std::string help = run_split("help " + cmd).out;
    const std::size_t at = help.find("Example:\n  ascendsim ");
    REQUIRE(at != std::string::npos);
    const std::size_t from = at + std::string("Example:\n  ascendsim ").size();
    const std::string args = help.substr(from, help.find('\n', from) - from);
    INFO(args);
    const Split r = run_split(args);
    CHECK(r.status == 0);
    CHECK_FALSE(r.out.empty());
    CHECK(r.err.empty());
  }
  const Split bad = run_split("help nosuch");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Catch::Contains("ascendsim: error: help nosuch: no such command"));
}

TEST_CASE("Renamed options refuse with what they are called now", "[cli][args]") {
  struct Case {
    std::string args, expect;
  };
  const std::vector<Case> cases{
      {"platform generate platforms/specs/cloudmatrix384.toml --chips platforms/chips.toml", "--catalogue FILE"},
      {"platform generate platforms/specs/cloudmatrix384.toml --output /tmp/x.xml", "-o/--out FILE"},
      {"serve --platform platforms/cloudmatrix384.xml --workload workloads/deepseek-v3.toml --trace r.csv", "--arrivals FILE"},
      {"step --platform tests/data/step-toy-spec.toml --workload tests/data/step-toy-train.toml --trace t.csv", "--trace-out FILE"},
      {"train --platform tests/data/step-toy-spec.toml --workload tests/data/step-toy-train.toml --chips 2 --trace t.csv",
       "--trace-out FILE"},
  };
  for (const auto& c : cases) {
    INFO(c.args);
    const Split r = run_split(c.args);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("ascendsim: error: --"));
    CHECK_THAT(r.err, Catch::Contains("renamed"));
    CHECK_THAT(r.err, Catch::Contains(c.expect));
  }
}

TEST_CASE("Byte options take a plain byte count", "[cli][args]") {
  const std::string base = "collective --platform tests/data/star16.xml --op allreduce --chips 8 --json --bytes ";
  const Split plain = run_split(base + "4194304"), unit = run_split(base + "4MiB");
  REQUIRE(plain.status == 0);
  REQUIRE(unit.status == 0);
  const auto a = nlohmann::json::parse(plain.out), b = nlohmann::json::parse(unit.out);
  CHECK(a["bytes"].get<double>() == 4194304.0);  // 4 MiB = 4 x 2^20 bytes
  CHECK(a["time_s"].get<double>() == b["time_s"].get<double>());
  CHECK(run_split(base + "-4").status == 2);
}

TEST_CASE("The platform option takes a spec or a generated XML, and refuses a foreign XML", "[cli][platform]") {
  // serve: the spec gives exactly the generated XML's answer.
  const std::string serve = "serve --workload workloads/deepseek-v3.toml --tpot-limit 50ms --json --platform ";
  const Split x = run_split(serve + "platforms/cloudmatrix384.xml"), s = run_split(serve + "platforms/specs/cloudmatrix384.toml");
  REQUIRE(x.status == 0);
  REQUIRE(s.status == 0);
  CHECK(x.out == s.out);
  // step on an XML: the spec it was generated from gives the same step.
  const fs::path xml = fs::temp_directory_path() / ("ascendsim-step-toy-" + std::to_string(getpid()) + ".xml");
  REQUIRE(run_split("platform generate tests/data/step-toy-spec.toml --out " + xml.string()).status == 0);
  const std::string step = "step --workload tests/data/step-toy-train.toml --json --no-cache --platform ";
  const Split sx = run_split(step + xml.string()), ss = run_split(step + "tests/data/step-toy-spec.toml");
  fs::remove(xml);
  REQUIRE(sx.status == 0);
  REQUIRE(ss.status == 0);
  CHECK(nlohmann::json::parse(sx.out)["step_time_s"].get<double>() ==
        Approx(nlohmann::json::parse(ss.out)["step_time_s"].get<double>()).epsilon(1e-12));
  // A SimGrid XML without ascendsim.* properties is refused by every command.
  for (const std::string args :
       {"step --workload tests/data/step-toy-train.toml --platform tests/data/no_chips.xml",
        "collective --op allreduce --bytes 1MiB --chips 2 --platform tests/data/no_chips.xml",
        "serve --workload workloads/deepseek-v3.toml --platform tests/data/no_chips.xml"}) {
    INFO(args);
    const Split r = run_split(args);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("no_chips.xml"));
    CHECK_THAT(r.err, Catch::Contains("no ascendsim.* properties"));
  }
  // A fixed-size XML smaller than the job is refused (a spec is sized to the job).
  const Split big = run_split("train --platform tests/data/star16.xml --workload tests/data/step-toy-train.toml --chips 32");
  CHECK(big.status == 2);
  CHECK_THAT(big.err, Catch::Contains("the fleet has 32 chips but the platform XML has 16"));
}

TEST_CASE("The catalogue option on every command that reads chips, and a spec may carry its own chip", "[cli][chips]") {
  // The example chip lives only in its spec; validate and platform generate take it.
  Split v = run_split("validate platforms/specs/example-newchip.toml tests/data/scenario-newchip.toml");
  CHECK(v.status == 0);
  CHECK_THAT(v.err, Catch::Contains("warning: "));
  CHECK_THAT(v.err, Catch::Contains("fleet.supernode_chips has no entry for example-npu"));
  const fs::path xml = fs::temp_directory_path() / ("ascendsim-newchip-" + std::to_string(getpid()) + ".xml");
  REQUIRE(run_split("platform generate platforms/specs/example-newchip.toml --catalogue platforms/chips.toml --out " +
                    xml.string()).status == 0);
  const Split info = run_split("platform info --json " + xml.string());
  fs::remove(xml);
  REQUIRE(info.status == 0);
  CHECK(nlohmann::json::parse(info.out)["chips"].get<long>() == 512);
  // A catalogue without the platform's chip is refused, naming the chip.
  const Split miss = run_split("step --platform tests/data/step-toy-spec.toml --workload tests/data/step-toy-train.toml "
                               "--catalogue tests/data/spec-dup-chip.toml");
  CHECK(miss.status == 2);
  // run --catalogue replaces the scenario's [platform] catalogue.
  const Split run = run_split("run tests/data/scenario-small.toml --catalogue tests/data/nope.toml");
  CHECK(run.status == 2);
  CHECK_THAT(run.err, Catch::Contains("nope.toml"));
}

TEST_CASE("Progress goes to stderr only: stdout and output files are identical with and without it",
          "[cli][progress]") {
  const fs::path dir = fs::temp_directory_path() / ("ascendsim-progress-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // --no-cache: report.json still records whether a step came from the cache (issue 13 item 10).
  const std::string args = "run tests/data/scenario-small.toml --no-cache --draws 6 --threads 2 --out " + (dir / "out").string();
  const Split on = run_split(args, "ASCENDSIM_PROGRESS=always");
  REQUIRE(on.status == 0);
  fs::rename(dir / "out", dir / "on");
  const Split off = run_split(args, "ASCENDSIM_PROGRESS=never");
  REQUIRE(off.status == 0);
  CHECK(on.out == off.out);
  for (const char* f : {"report.json", "report.html", "trace.json", "trace.paje", "trace.csv"}) {
    INFO(f);
    CHECK(slurp(dir / "on" / f) == slurp(dir / "out" / f));
  }
  CHECK_THAT(on.err, Catch::Contains("Monte Carlo draws done: 6/6 in "));
  CHECK(off.err.empty());
  // --quiet wins over the environment; --progress always works after the command too.
  CHECK(run_split("calendar tests/data/timeline-small.toml --draws 20 --quiet", "ASCENDSIM_PROGRESS=always").err.empty());
  const Split cal = run_split("calendar tests/data/timeline-small.toml --draws 20 --progress always");
  CHECK_THAT(cal.err, Catch::Contains("Monte Carlo draws done: 20/20"));
  // Not a terminal and no --progress: nothing on stderr.
  CHECK(run_split("calendar tests/data/timeline-small.toml --draws 20").err.empty());
  fs::remove_all(dir);
}
