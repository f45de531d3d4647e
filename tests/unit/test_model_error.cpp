// The simulator's step-time error fitted from golden files (sim/scenario/model_error.hpp), on three
// synthetic predicted cases and one fitted case, worked by hand:
//   MFU 0.5 simulated vs 0.4 published: f = 0.5 / 0.4 = 1.25 (real steps 25% longer)
//   step time 10 s simulated vs 12 s published: f = 12 / 10 = 1.2
//   MFU 0.3 vs 0.4: f = 0.75
//   ln f = 0.22314, 0.18232, -0.28768: mean 0.039260 -> median e^0.039260 = 1.040042;
//   sample sd (n - 1) = 0.283876. The fitted case (f = 1) is left out.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "sim/scenario/model_error.hpp"
#include "tests/support/test_files.hpp"

using namespace ascendsim;
namespace fs = std::filesystem;

namespace {

void golden(const fs::path& dir, const std::string& name, const std::string& field, double sim, double pub) {
  std::ofstream f(dir / name);
  f << "kind = \"golden\"\nscenario = \"" << fs::absolute("timelines/reference/deepseek-v3-h800.toml").string() << "\"\n"
    << "[[field]]\npath = \"" << field << "\"\nexpected = " << sim << "\ntolerance = 0.01\n"
    << "[[published]]\npath = \"" << field << "\"\nvalue = " << pub << "\nsource = \"test\"\n";
}

}  // namespace

TEST_CASE("Model error: lognormal fitted to the validation residuals, fitted case left out", "[scenario][model-error]") {
  const fs::path dir = ascendsim::testing::process_scratch("model-error", "goldens");
  fs::create_directories(dir / "reference");
  golden(dir / "reference", "a.expected.toml", "pretraining.mfu", 0.5, 0.4);
  golden(dir / "reference", "b.expected.toml", "pretraining.step_time_s", 10, 12);
  golden(dir / "reference", "c.expected.toml", "pretraining.mfu", 0.3, 0.4);
  golden(dir / "reference", "fit.expected.toml", "pretraining.mfu", 0.41, 0.41);
  {
    std::ofstream f(dir / "me.toml");
    f << "kind = \"model-error\"\n[step_time]\ngoldens = \"reference\"\nfitted = [\"fit.expected.toml\"]\n";
  }
  const ModelError me = load_model_error((dir / "me.toml").string());
  REQUIRE(me.residuals.size() == 3);
  CHECK(me.residuals[0].factor == Approx(1.25));
  CHECK(me.residuals[1].factor == Approx(1.2));
  CHECK(me.residuals[2].factor == Approx(0.75));
  CHECK(me.median == Approx(1.040042).epsilon(1e-6));
  CHECK(me.sigma == Approx(0.283876).epsilon(1e-5));
  CHECK(me.step_time.nominal == 1.0);
  REQUIRE(me.step_time.dist);
  CHECK(me.step_time.key_path == "model_error.step_time");
  // Two predicted cases cannot give a spread: a located error.
  fs::remove(dir / "reference" / "c.expected.toml");
  CHECK_THROWS_WITH(load_model_error((dir / "me.toml").string()), Catch::Contains("at least 3 predicted cases"));
}

TEST_CASE("Model error of the shipped suite: every predicted training case contributes", "[scenario][model-error]") {
  const ModelError me = load_model_error("timelines/model-error.toml");
  // docs/validation.md: 10 cases, one fitted; each of the 9 predicted has an MFU, step time or
  // chip-hours comparison.
  CHECK(me.residuals.size() == 9);
  for (const auto& r : me.residuals) CHECK(r.golden != "llama3-405b-h100.expected.toml");
  CHECK(me.sigma > 0);
}
