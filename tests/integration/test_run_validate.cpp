// `ascendsim validate` on failure-rate files (kind = "failures"): the shipped file is valid (exit 0);
// a bad one exits 2 with located messages on stderr.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

static int run(const std::string& args, std::string* err) {
  const auto errf = std::filesystem::temp_directory_path() / "ascendsim_run_validate.err";
  const int status = std::system((std::string(ASCENDSIM_BINARY) + " " + args + " >/dev/null 2>" + errf.string()).c_str());
  std::ifstream in(errf);
  std::stringstream ss;
  ss << in.rdbuf();
  *err = ss.str();
  return WEXITSTATUS(status);
}

TEST_CASE("validate accepts the shipped failure rates and rejects a bad rate file with located errors") {
  std::string err;
  CHECK(run("validate platforms/failure-rates.toml", &err) == 0);
  const auto bad = std::filesystem::temp_directory_path() / "ascendsim_bad_rates.toml";
  std::ofstream(bad) << "kind = \"failures\"\n[accelerator]\nrate_per_component_hour = -1e-5\n"
                        "components_per_chip = 1\n[gpu_fan]\nrate_per_component_hour = 1e-5\n";
  CHECK(run("validate " + bad.string(), &err) == 2);
  CHECK(err.find(bad.string() + ":3:27: accelerator.rate_per_component_hour: expected between 0 and 1, found -1e-05") !=
        std::string::npos);
  CHECK(err.find(bad.string() + ":5:1: gpu_fan: unknown key") != std::string::npos);
  CHECK(err.find("hbm: missing table") != std::string::npos);
}
