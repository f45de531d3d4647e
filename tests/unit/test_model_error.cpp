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

namespace {

void serving_case(const fs::path& dir, const std::string& name, const std::string& key, double expected, double published,
                  const std::string& rule) {
  std::ofstream f(dir / name);
  f << "kind = \"serving-case\"\nname = \"" << name << "\"\nargs = \"--decode-batch 8\"\nkey = \"" << key << "\"\npublished = "
    << published << "\npublished_source = \"test\"\nrule = \"" << rule << "\"\n"
    << (rule == "outside" ? "outside_reason = \"test\"\n" : "") << "expected = " << expected << "\n";
}

}  // namespace

TEST_CASE("Model error: serving time fitted to the serving suite's cases under the 10% rule", "[scenario][model-error]") {
  // The same three factors as the step-time case, from serving cases:
  //   TPOT 0.05 s simulated vs 0.06 s published: f = 0.06 / 0.05 = 1.2 (real tokens 20% slower)
  //   1,000 tok/s simulated vs 800 published: f = 1000 / 800 = 1.25
  //   TPOT 0.02 vs 0.015: f = 0.75
  // -> median 1.040042, sigma 0.283876; the fitted and the "outside" cases are left out.
  const fs::path dir = ascendsim::testing::process_scratch("model-error", "serving");
  fs::create_directories(dir / "reference");
  fs::create_directories(dir / "serving");
  golden(dir / "reference", "a.expected.toml", "pretraining.mfu", 0.5, 0.4);
  golden(dir / "reference", "b.expected.toml", "pretraining.step_time_s", 10, 12);
  golden(dir / "reference", "c.expected.toml", "pretraining.mfu", 0.3, 0.4);
  serving_case(dir / "serving", "a.toml", "tpot_s.p50", 0.05, 0.06, "10%");
  serving_case(dir / "serving", "b.toml", "output_tokens_per_s_per_chip", 1000, 800, "10%");
  serving_case(dir / "serving", "c.toml", "tpot_s.p50", 0.02, 0.015, "10%");
  serving_case(dir / "serving", "d.toml", "tpot_s.p50", 0.05, 0.05, "fitted");
  serving_case(dir / "serving", "e.toml", "output_tokens_per_s_per_chip", 100, 1000, "outside");
  {
    std::ofstream f(dir / "me.toml");
    f << "kind = \"model-error\"\n[step_time]\ngoldens = \"reference\"\nfitted = []\n[serving_time]\ncases = \"serving\"\n";
  }
  const ModelError me = load_model_error((dir / "me.toml").string());
  REQUIRE(me.serving_residuals.size() == 3);
  CHECK(me.serving_residuals[0].factor == Approx(1.2));
  CHECK(me.serving_residuals[1].factor == Approx(1.25));
  CHECK(me.serving_residuals[2].factor == Approx(0.75));
  CHECK(me.serving_median == Approx(1.040042).epsilon(1e-6));
  CHECK(me.serving_sigma == Approx(0.283876).epsilon(1e-5));
  REQUIRE(me.serving_time);
  CHECK(me.serving_time->nominal == 1.0);
  CHECK(me.serving_time->key_path == "model_error.serving_time");
  // Two cases under the rule: a located error at serving_time.cases.
  fs::remove(dir / "serving" / "c.toml");
  CHECK_THROWS_WITH(load_model_error((dir / "me.toml").string()), Catch::Contains("at least 3 serving cases"));
}

TEST_CASE("Model error of the shipped serving suite: the nine cases under the 10% rule", "[scenario][model-error]") {
  const ModelError me = load_model_error("timelines/model-error.toml");
  // docs/serving.md: 13 cases, 1 fitted, 3 outside the rule (24-hour service averages).
  CHECK(me.serving_residuals.size() == 9);
  REQUIRE(me.serving_time);
  CHECK(me.serving_sigma > 0);
}
