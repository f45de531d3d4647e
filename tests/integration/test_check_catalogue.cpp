// `check --catalogue FILE` reruns every reference case with another chip catalogue: the same
// catalogue under another name reproduces the goldens exactly; a slower chip drifts, and always
// towards a longer step; --update with a foreign catalogue is refused (it would rewrite goldens
// from a what-if).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/run_cli.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
using ascendsim::testing::run_cli;
using ascendsim::testing::slurp;

namespace {

const char* kGolden = "timelines/reference/deepseek-v3-h800.expected.toml";

nlohmann::json field(const std::string& out, const std::string& name) {
  const auto j = nlohmann::json::parse(out.substr(out.find('{')));
  for (const auto& f : j.at("goldens").at(0).at("fields"))
    if (f.at("field") == name) return f;
  FAIL("no field " << name);
  return {};
}

}  // namespace

TEST_CASE("check --catalogue: a copy reproduces the goldens, a slower chip drifts to a longer step", "[check]") {
  const fs::path w = ascendsim::testing::process_scratch("check-catalogue", "w");
  const std::string cat = slurp("platforms/chips.toml");
  std::ofstream(w / "same.toml") << cat;
  std::string slow = cat;
  const auto at = slow.find("[chips.nvidia-h800.peak]");
  REQUIRE(at != std::string::npos);
  const std::string fp8 = "FP8 = \"1979TFLOPS\"";
  const auto p = slow.find(fp8, at);
  REQUIRE(p != std::string::npos);
  slow.replace(p, fp8.size(), "FP8 = \"989TFLOPS\"");  // half the FP8 peak (DeepSeek-V3 trains in FP8)
  std::ofstream(w / "slow.toml") << slow;

  const auto own = run_cli(std::string("check ") + kGolden + " --json");
  const auto same = run_cli(std::string("check ") + kGolden + " --json --catalogue " + (w / "same.toml").string());
  const auto slower = run_cli(std::string("check ") + kGolden + " --json --catalogue " + (w / "slow.toml").string());
  REQUIRE(own.status == 0);
  CHECK(same.status == 0);
  CHECK(field(same.out, "pretraining.step_time_s").at("got") == field(own.out, "pretraining.step_time_s").at("got"));
  CHECK(slower.status == 1);  // drift
  const double t_own = field(own.out, "pretraining.step_time_s").at("got").get<double>();
  const double t_slow = field(slower.out, "pretraining.step_time_s").at("got").get<double>();
  CHECK(t_slow > t_own);
  CHECK(t_slow < 2 * t_own);  // halving one peak can at most double the step (communication is unchanged)
  CHECK(field(slower.out, "pretraining.mfu").at("ok") == false);

  const auto upd = run_cli(std::string("check ") + kGolden + " --update --catalogue " + (w / "slow.toml").string());
  CHECK(upd.status == 2);
  CHECK(upd.out.find("--update") != std::string::npos);
  const auto missing = run_cli(std::string("check ") + kGolden + " --catalogue " + (w / "nope.toml").string());
  CHECK(missing.status == 2);
  CHECK(missing.out.find("nope.toml") != std::string::npos);
}
