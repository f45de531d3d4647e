// A platform spec that carries its own chip (platforms/specs/example-newchip.toml): the chip joins
// the catalogue, a clash with a catalogue name is a located error, a supply-driven fleet of a chip
// missing from fleet.supernode_chips is assembled in the platform's supernodes, and validate's
// checks (scenario_checks) name both that and a fleet larger than a whole-cluster spec.
#include <catch2/catch.hpp>

#include "sim/config/param_sampler.hpp"
#include "sim/platform/chip_catalogue.hpp"
#include "sim/platform/topology_spec.hpp"
#include "sim/scenario/scenario_run.hpp"

using namespace ascendsim;

TEST_CASE("A platform spec's own [chips.NAME] join the catalogue", "[platform][chips]") {
  ChipCatalogue cat = load_chip_catalogue();
  REQUIRE_FALSE(cat.chips.count("example-npu"));
  add_spec_chips(cat, "platforms/specs/example-newchip.toml");
  const PlatformSpec spec = load_platform_spec("platforms/specs/example-newchip.toml", cat);
  CHECK(spec.chip == "example-npu");
  CHECK(spec.chips_per_supernode() == 8 * 8 * 8);
  const Chip& c = cat.find("example-npu");
  CHECK(c.hbm_capacity_B.nominal == Approx(144e9));
  CHECK(c.peak_flops.at(Precision::FP8).nominal == Approx(1.2e15));
  CHECK(cat.chip_file.at("example-npu") == "platforms/specs/example-newchip.toml");
  // The spec's scale-up bandwidth defaults to its own chip's (1 TB/s per direction).
  CHECK(spec.scaleup_bandwidth_Bps == Approx(1e12));
  // Adding the same spec twice is harmless.
  add_spec_chips(cat, "platforms/specs/example-newchip.toml");
  // Without add_spec_chips the spec still loads (its own chip is found in the file).
  CHECK(load_platform_spec("platforms/specs/example-newchip.toml", load_chip_catalogue()).chip == "example-npu");
}

TEST_CASE("A spec chip that reuses a catalogue name is an error at its key", "[platform][chips]") {
  ChipCatalogue cat = load_chip_catalogue();
  try {
    add_spec_chips(cat, "tests/data/spec-dup-chip.toml");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    const std::string m = e.what();
    CHECK_THAT(m, Catch::Contains("tests/data/spec-dup-chip.toml:24"));
    CHECK_THAT(m, Catch::Contains("chips.ascend-910c"));
    CHECK_THAT(m, Catch::Contains("already in the chip catalogue platforms/chips.toml"));
  }
}

TEST_CASE("A new chip's supply is assembled in its platform's supernodes, and validate says so", "[scenario][chips]") {
  const Scenario s = load_scenario("tests/data/scenario-newchip.toml");
  CHECK(s.platform.chip == "example-npu");
  CHECK(s.catalogue.find("example-npu").display_name == "Example NPU");
  ParamSampler nominal;
  const Fleet f = scenario_fleet(s, nominal);
  CHECK(f.supernode_size("example-npu") == 512);
  // Usable chips are whole 512-chip supernodes.
  const long usable = f.usable_chips("example-npu", 20600);  // 2026-05-27
  CHECK(usable > 0);
  CHECK(usable % 512 == 0);
  const auto checks = scenario_checks(s);
  REQUIRE(checks.size() == 1);
  CHECK_THAT(checks[0], Catch::Contains("fleet.supernode_chips has no entry for example-npu"));
  CHECK_THAT(checks[0], Catch::Contains("512 chips"));
}

TEST_CASE("validate's check: a fleet larger than a whole-cluster platform spec", "[scenario][chips]") {
  std::vector<Override> ov{parse_override("fleet.chips=4096")};
  const Scenario s = load_scenario("timelines/reference/deepseek-v3-h800.toml", &ov);
  const auto checks = scenario_checks(s);
  REQUIRE(checks.size() == 1);
  // h800-2048: 256 supernodes of 8; 4,096 chips need 512.
  CHECK_THAT(checks[0], Catch::Contains("the fleet (4096 chips) is larger than the platform"));
  CHECK_THAT(checks[0], Catch::Contains("2048 chips in 256 supernodes"));
  CHECK_THAT(checks[0], Catch::Contains("grown to 512 supernodes"));
  CHECK(scenario_checks(load_scenario("timelines/reference/deepseek-v3-h800.toml")).empty());
  CHECK(scenario_checks(load_scenario("timelines/v4-ascend-thesis.toml")).empty());
}
