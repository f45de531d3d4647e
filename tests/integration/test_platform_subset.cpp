// Subset platforms (topology_xml.hpp) and the exact flow reduction (flow_reduction.hpp) against the
// whole platform and every flow. Both are exact under max-min sharing, so the tolerance is
// floating-point rounding only: 1e-9 relative (SimGrid solves a smaller system in another order;
// measured differences are 0 on these cases).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "sim/engine/comm_simulation.hpp"
#include "sim/engine/flow_reduction.hpp"
#include "sim/engine/step_comms.hpp"
#include "sim/engine/step_executor.hpp"
#include "sim/platform/topology_xml.hpp"

using namespace ascendsim;

namespace {

void private_cache() {
  const auto dir = std::filesystem::temp_directory_path() / ("ascendsim-subset-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  setenv("ASCENDSIM_CACHE_DIR", dir.c_str(), 1);
}

// 2,048 H800 (nodes of 8, leaf groups of 16 nodes) cut into 4 pods of 4 groups (512 chips) with
// 1:4 oversubscribed pod uplinks: 512 x B / 4 = 128 B per uplink.
PlatformSpec pods_of_512(const ChipCatalogue& cat) {
  PlatformSpec s = load_platform_spec("platforms/specs/h800-2048.toml", cat);
  s.groups_per_pod = 4;
  s.pod_oversubscription = 4;
  return s;
}

}  // namespace

TEST_CASE("shared_zone_level follows the generated hierarchy", "[subset]") {
  const ChipCatalogue cat = load_chip_catalogue();
  const PlatformSpec cm = load_platform_spec("platforms/specs/cloudmatrix384x16.toml", cat);  // 8 x 4 x 12, 4 x 4
  CHECK(shared_zone_level(cm, 3, 5) == 0);
  CHECK(shared_zone_level(cm, 3, 8) == 1);            // next node, same rack of 4 nodes
  CHECK(shared_zone_level(cm, 3, 32) == 2);           // next rack
  CHECK(shared_zone_level(cm, 3, 384) == 3);          // next supernode, same leaf group of 4
  CHECK(shared_zone_level(cm, 3, 4 * 384) == 4);      // next group, same pod
  const PlatformSpec p = pods_of_512(cat);
  CHECK(shared_zone_level(p, 0, 511) == 4);
  CHECK(shared_zone_level(p, 0, 512) == 5);
}

TEST_CASE("a whole-platform subset is the full file, a subset keeps only used nodes", "[subset]") {
  const ChipCatalogue cat = load_chip_catalogue();
  const PlatformSpec s = pods_of_512(cat);
  const std::string full = generate_platform_xml(s, cat);
  CHECK(generate_platform_xml(s, cat, nullptr) == full);
  const std::vector<int> keep{0, 9, 1500};
  const std::string sub = generate_platform_xml(s, cat, &keep);
  CHECK(sub.find(std::string(kChipSubsetProperty) + "\" value=\"2048\"") != std::string::npos);
  for (const char* host : {"\"chip-0\"", "\"chip-7\"", "\"chip-8\"", "\"chip-15\"", "\"chip-1500\"", "\"pod-2-up\""})
    CHECK(sub.find(host) != std::string::npos);
  for (const char* host : {"\"chip-16\"", "\"chip-1535\"", "\"pod-1-up\"", "\"pod-3\""})
    CHECK(sub.find(host) == std::string::npos);
}

TEST_CASE("reduced flow set on a subset platform: every flow's finish as with all flows on the whole platform",
          "[subset][flowset][simgrid]") {
  private_cache();
  const ChipCatalogue cat = load_chip_catalogue();
  const PlatformSpec s = pods_of_512(cat);
  const double S = 1e8;
  FlowSet all;
  for (int i = 0; i < 256; ++i) all.flows.push_back({i, 512 + i, S});                 // pod 0 -> 1: 256 x 4 > 512
  for (int k = 0; k < 64; ++k) all.flows.push_back({1024 + k, 1088 + k, S});         // same leaf group
  for (int k = 0; k < 4; ++k) all.flows.push_back({1600 + 2 * k, 1601 + 2 * k, S});   // inside a node
  for (int k = 0; k < 16; ++k) all.flows.push_back({1200 + k, 1700 + k, S});         // pod 2 -> 3: 16 x 4 <= 512
  all.flows.push_back({1300, 1301, S});                                                // two flows out of one port
  all.flows.push_back({1300, 1302, S});
  const ReducedFlows red = reduce_independent_flows(all, s);
  CHECK(red.coupled == 256 + 2);
  CHECK(red.set.flows.size() == 256 + 2 + 3);  // + one per class: leaf group, node, other pod
  REQUIRE(red.simulated.size() == all.flows.size());

  const FlowSetResult full = simulate_flow_set(step_platform_xml_path(s, cat), all);
  const std::vector<int> chips = pattern_chips({red.set});
  const std::string sub_xml = step_platform_xml_path(s, cat, true, &chips);
  const FlowSetResult sub = simulate_flow_set(sub_xml, red.set);
  for (std::size_t i = 0; i < all.flows.size(); ++i) {
    INFO("flow " << i);
    CHECK(sub.finish_s[red.simulated[i]] == Approx(full.finish_s[i]).epsilon(1e-9));
  }
  CHECK(sub.makespan_s == Approx(full.makespan_s).epsilon(1e-9));
  // Not a vacuous match: the 256 flows out of pod 0 share its 128 B uplink (B / 2 each), the 16
  // out of pod 2 do not (B each), so the first take about twice as long.
  CHECK(full.finish_s[0] / full.finish_s[256 + 64 + 4] == Approx(2).epsilon(0.01));
  // And the reduced set on the whole platform gives the same times as on the subset file.
  const FlowSetResult red_full = simulate_flow_set(step_platform_xml_path(s, cat), red.set);
  for (std::size_t j = 0; j < red.set.flows.size(); ++j) CHECK(red_full.finish_s[j] == Approx(sub.finish_s[j]).epsilon(1e-9));
}

TEST_CASE("a subset platform refuses a flow to a chip it does not hold", "[subset][flowset][simgrid]") {
  private_cache();
  const ChipCatalogue cat = load_chip_catalogue();
  const PlatformSpec s = pods_of_512(cat);
  const std::vector<int> chips{0, 1};
  FlowSet fs;
  fs.flows.push_back({0, 100, 1e6});
  CHECK_THROWS_WITH(simulate_flow_set(step_platform_xml_path(s, cat, true, &chips), fs),
                    Catch::Contains("chip 100 is not in this subset platform file"));
}

TEST_CASE("step comms on the subset platform equal those on the whole platform (DeepSeek-V3, 2,048 H800)",
          "[subset][step][simgrid]") {
  private_cache();
  const ChipCatalogue cat = load_chip_catalogue();
  const TrainingPlan plan = load_training("workloads/deepseek-v3-train.toml");
  const PlatformSpec spec = platform_for_chips(load_platform_spec("platforms/specs/h800-2048.toml", cat), plan.chips);
  const StepCommTimes whole = simulate_step_comms(plan, spec, step_platform_xml_path(spec, cat), 1e12);
  std::size_t kept = 0;
  const StepCommTimes cut = simulate_step_comms(
      plan, spec,
      [&](const std::vector<int>& chips) {
        kept = chips.size();
        return step_platform_xml_path(spec, cat, true, &chips);
      },
      1e12);
  CHECK(kept < std::size_t(plan.chips) / 4);  // the point: far fewer chips loaded
  REQUIRE(cut.simulated.size() == whole.simulated.size());
  for (std::size_t i = 0; i < cut.simulated.size(); ++i) CHECK(cut.simulated[i] == whole.simulated[i]);
  CHECK(cut.pp_hop_s == Approx(whole.pp_hop_s).epsilon(1e-9));
  for (std::size_t s = 0; s < whole.dp_reduce_s.size(); ++s) {
    CHECK(cut.tp_forward_s[s] == Approx(whole.tp_forward_s[s]).epsilon(1e-9));
    CHECK(cut.ep_forward_s[s] == Approx(whole.ep_forward_s[s]).epsilon(1e-9));
    CHECK(cut.ep_backward_s[s] == Approx(whole.ep_backward_s[s]).epsilon(1e-9));
    CHECK(cut.dp_reduce_s[s] == Approx(whole.dp_reduce_s[s]).epsilon(1e-9));
    CHECK(cut.dp_gather_s[s] == Approx(whole.dp_gather_s[s]).epsilon(1e-9));
  }
}
