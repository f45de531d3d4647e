// `ascendsim platform info/generate` through the built binary: JSON keys, overwrite refusal, exit codes.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/wait.h>

namespace {
int run(const std::string& args, std::string* out = nullptr) {
  const std::string tmp = (std::filesystem::temp_directory_path() / "ascendsim_cli_out.txt").string();
  const int st = std::system((std::string(ASCENDSIM_BINARY) + " " + args + " >" + tmp + " 2>&1").c_str());
  if (out) {
    std::ifstream in(tmp);
    std::stringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
  }
  return WEXITSTATUS(st);
}
}  // namespace

TEST_CASE("platform info --json has chips, chip_types, nodes and bandwidths", "[platform][cli]") {
  std::string out;
  REQUIRE(run("platform info platforms/cloudmatrix384.xml --json", &out) == 0);
  const auto j = nlohmann::json::parse(out);
  CHECK(j["chips"] == 384);
  CHECK(j["chip_types"] == nlohmann::json::array({"ascend-910c"}));
  CHECK(j["nodes"] == 48);
  CHECK(j["scaleup_bandwidth_Bps"].get<double>() == Approx(392e9));
  CHECK(j["scaleout_bandwidth_Bps"].get<double>() == Approx(50e9));
  CHECK(j["bisection_bandwidth_Bps"].get<double>() == Approx(192 * 392e9));
}

TEST_CASE("platform generate refuses to overwrite without --force - bad input exits 2", "[platform][cli]") {
  const auto dir = std::filesystem::temp_directory_path() / "ascendsim_gen_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string out = (dir / "cm.xml").string();
  REQUIRE(run("platform generate platforms/specs/cloudmatrix384.toml -o " + out) == 0);
  const auto size = std::filesystem::file_size(out);
  CHECK(size == std::filesystem::file_size("platforms/cloudmatrix384.xml"));
  std::string msg;
  CHECK(run("platform generate platforms/specs/cloudmatrix384.toml -o " + out, &msg) == 2);
  CHECK(msg.find("--force") != std::string::npos);
  CHECK(run("platform generate platforms/specs/cloudmatrix384.toml --force -o " + out) == 0);
  const std::string out2 = (dir / "bad.xml").string();
  CHECK(run("platform generate platforms/specs/cloudmatrix384.toml --set chip=tpu -o " + out2, &msg) == 2);
  CHECK(msg.find("unknown chip \"tpu\"") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out2));
  CHECK(run("platform info platforms/chips.toml", &msg) == 2);
  CHECK(run("validate platforms/chips.toml platforms/specs/h100-16384.toml") == 0);
}
