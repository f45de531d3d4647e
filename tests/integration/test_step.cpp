// Step executor: composition against a hand-derived toy step, breakdown sums, cache hits, plan
// re-sizing, memory verdicts, the Llama 3 405B MFU calibration (REFERENCE.md s5), node-limited EP
// dispatch against its closed form, and the CLI.
#include <catch2/catch.hpp>

#include "tests/support/run_cli.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/engine/step_executor.hpp"
#include "sim/engine/step_comms.hpp"
#include "sim/workload/expert_balance.hpp"
#include "sim/workload/step_cost.hpp"

using namespace ascendsim;

namespace {

using ascendsim::testing::run_cli;

// A private cache directory per test process, so runs never see each other's results.
std::string private_cache() {
  const auto dir = std::filesystem::temp_directory_path() / ("ascendsim-step-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  setenv("ASCENDSIM_CACHE_DIR", dir.c_str(), 1);
  return dir.string();
}

double breakdown_sum(const StepBreakdown& b) {
  return b.compute_s + b.tp_s + b.ep_s + b.pp_s + b.dp_s + b.bubble_s + b.optimizer_s;
}

StepRequest request(const ChipCatalogue& cat, const std::string& spec, const std::string& workload) {
  StepRequest rq;
  rq.plan = load_training(workload);
  rq.catalogue = &cat;
  rq.platform = platform_for_chips(load_platform_spec(spec, cat), rq.plan.chips);
  return rq;
}

}  // namespace

TEST_CASE("Two-stage 1F1B toy: step = F0 + hop + F1 + B1 + hop + B0 + optimizer", "[step]") {
  private_cache();
  const ChipCatalogue cat = load_chip_catalogue();
  StepRequest rq = request(cat, "tests/data/step-toy-spec.toml", "tests/data/step-toy-train.toml");
  rq.use_cache = false;
  const StepResult r = simulate_step(rq);
  const StepCost c = step_cost(rq.plan, cat.find("nvidia-h100"), efficiency_factors(cat));
  REQUIRE(c.chunks.size() == 2);
  // Hop: 2048 tokens x 1024 hidden x 2 bytes over a 100 GB/s scale-up port derated by the network
  // factor, + 2 port latencies (1 us) + the switch (2 us) (docs/platform.md closed form).
  const double bytes = 2048.0 * 1024 * 2;
  const double hop = 2e-6 + 2e-6 + bytes / (100e9 * cat.efficiency.network.nominal);
  CHECK(r.pp_hop_s == Approx(hop).epsilon(0.001));
  const double compute = c.chunks[0].forward_s + c.chunks[1].forward_s + c.chunks[0].backward_s + c.chunks[1].backward_s;
  CHECK(r.step_time_s == Approx(compute + 2 * hop + c.optimizer_s).epsilon(1e-6));
  CHECK(r.breakdown.pp_s == Approx(2 * hop).epsilon(0.001));
  // The busiest stage computes F + B of its own chunk; the rest of the pipeline is bubble.
  const double busiest = std::max(c.chunks[0].forward_s + c.chunks[0].backward_s, c.chunks[1].forward_s + c.chunks[1].backward_s);
  CHECK(r.breakdown.compute_s == Approx(busiest));
  CHECK(breakdown_sum(r.breakdown) == Approx(r.step_time_s).epsilon(1e-9));
  CHECK(r.fits_memory);
  CHECK(r.tokens_per_step == 2048);
}

TEST_CASE("A cached step returns identical numbers and says so", "[step]") {
  private_cache();
  const ChipCatalogue cat = load_chip_catalogue();
  const StepRequest rq = request(cat, "tests/data/step-toy-spec.toml", "tests/data/step-toy-train.toml");
  const StepResult a = simulate_step(rq);
  const StepResult b = simulate_step(rq);
  CHECK_FALSE(a.from_cache);
  CHECK(b.from_cache);
  CHECK(b.step_time_s == a.step_time_s);
  CHECK(b.mfu == a.mfu);
  CHECK(b.breakdown.bubble_s == a.breakdown.bubble_s);
  CHECK(b.memory_worst.total_B == a.memory_worst.total_B);
  CHECK(b.patterns_simulated == a.patterns_simulated);
}

TEST_CASE("fit_plan_to_chips keeps tp, pp and batch and picks the largest legal dp", "[step]") {
  const TrainingPlan llama = load_training("workloads/llama3-405b-train.toml");
  std::string why;
  // 10,000 chips: dp <= 78; 2,048 sequences / dp must be a multiple of pp = 16 (interleaved) -> dp 64.
  auto p = fit_plan_to_chips(llama, 10000, &why);
  REQUIRE(p);
  CHECK(p->dp == 64);
  CHECK(p->chips == 8192);
  CHECK(p->tp == 8);
  CHECK(p->pp == 16);
  CHECK(p->global_batch_sequences == 2048);
  CHECK_FALSE(fit_plan_to_chips(llama, 100, &why));
  CHECK(why.find("128") != std::string::npos);
  // DeepSeek-V3 on 1,500 chips: dp <= 93 and ep 64 must divide dp -> 64.
  const TrainingPlan v3 = load_training("workloads/deepseek-v3-train.toml");
  auto q = fit_plan_to_chips(v3, 1500, &why);
  REQUIRE(q);
  CHECK(q->dp == 64);
  CHECK(q->chips == 1024);
}

TEST_CASE("platform_for_chips rounds up to whole supernodes and leaf groups", "[step]") {
  const ChipCatalogue cat = load_chip_catalogue();
  const PlatformSpec h100 = load_platform_spec("platforms/specs/h100-16384.toml", cat);
  CHECK(platform_for_chips(h100, 1000).supernodes == 128);  // 125 nodes of 8, 16 per leaf group
  CHECK(platform_for_chips(h100, 16384).supernodes == 2048);
  const PlatformSpec cm = load_platform_spec("platforms/specs/cm384-950pr.toml", cat);
  CHECK(platform_for_chips(cm, 6144).supernodes == 16);
  CHECK(platform_for_chips(cm, 385).supernodes == 2);
}

TEST_CASE("Llama 3 405B on 16,384 H100 gives the published 41% MFU within 4 points", "[step][calibration]") {
  // Source: Llama 3 paper (Dubey et al. 2024) section 3.3, REFERENCE.md s5: BF16 MFU 41% with
  // TP 8, PP 16, DP 128, sequence 8,192, 16 M tokens per batch, interleaved schedule.
  private_cache();
  const ChipCatalogue cat = load_chip_catalogue();
  StepRequest rq = request(cat, "platforms/specs/h100-16384.toml", "workloads/llama3-405b-train.toml");
  rq.use_cache = false;
  const StepResult r = simulate_step(rq);
  CHECK(r.chips == 16384);
  CHECK(r.mfu == Approx(0.41).margin(0.04));
  CHECK(r.tokens_per_step == 2048.0 * 8192);
  CHECK(breakdown_sum(r.breakdown) == Approx(r.step_time_s).epsilon(1e-9));
  CHECK(r.fits_memory);
  CHECK(r.breakdown.tp_s > 0);
  CHECK(r.breakdown.bubble_s > 0);
}

TEST_CASE("A plan over HBM is reported with its numbers, not thrown", "[step]") {
  private_cache();
  const ChipCatalogue cat = load_chip_catalogue();
  // DeepSeek-V3 without recomputation: 17 microbatches in flight on stage 1 need ~98 GiB > 80 GB.
  std::vector<Override> o{parse_override("training.parallel.recompute=none")};
  StepRequest rq;
  rq.plan = load_training("workloads/deepseek-v3-train.toml", &o);
  rq.catalogue = &cat;
  rq.platform = platform_for_chips(load_platform_spec("platforms/specs/h800-2048.toml", cat), rq.plan.chips);
  const StepResult r = simulate_step(rq);
  CHECK_FALSE(r.fits_memory);
  CHECK(r.memory_per_chip_GiB > r.hbm_capacity_GiB);
  CHECK(r.hbm_capacity_GiB == Approx(80e9 / (1L << 30)));
  CHECK(r.memory_worst.describe().find("GiB") != std::string::npos);
  CHECK(breakdown_sum(r.breakdown) == Approx(r.step_time_s).epsilon(1e-9));
}

TEST_CASE("ascendsim step --json carries the documented keys - bad input exits 2", "[step][cli]") {
  private_cache();
  auto r = run_cli("step --platform tests/data/step-toy-spec.toml --workload tests/data/step-toy-train.toml --json");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  for (const char* k : {"step_time_s", "tokens_per_step", "tokens_per_s", "mfu", "mfu_vs_precision_peak", "breakdown",
                        "memory_per_chip_GiB", "fits_memory", "checkpoint_bytes"})
    CHECK(j.contains(k));
  for (const char* k : {"compute_s", "tp_s", "ep_s", "pp_s", "dp_s", "bubble_s", "optimizer_s"})
    CHECK(j["breakdown"].contains(k));
  CHECK(j["tokens_per_step"].get<double>() == 2048);

  auto bad = run_cli("step --platform tests/data/no_chips.xml --workload tests/data/step-toy-train.toml");
  CHECK(bad.status == 2);
  CHECK(bad.out.find("platform spec") != std::string::npos);
  CHECK(bad.out.find("no ascendsim.* properties") != std::string::npos);
  bad = run_cli("step --platform tests/data/step-toy-spec.toml --workload tests/data/step-toy-train.toml --set training.parallel.pp=3");
  CHECK(bad.status == 2);
  CHECK(bad.out.find("parallel") != std::string::npos);
  CHECK(bad.out.find("\"step_time_s\"") == std::string::npos);
  bad = run_cli("step --platform tests/data/step-toy-spec.toml --workload tests/data/step-toy-train.toml --chips 1");
  CHECK(bad.status == 2);
  CHECK(bad.out.find("--chips") != std::string::npos);
  bad = run_cli("step --platform tests/data/step-toy-spec.toml --workload tests/data/step-toy-train.toml --trace-out out.txt");
  CHECK(bad.status == 2);
}

TEST_CASE("step --trace-out writes per-chip compute spans", "[step][cli]") {
  private_cache();
  const auto path = std::filesystem::temp_directory_path() / ("step-trace-" + std::to_string(getpid()) + ".csv");
  auto r = run_cli("step --platform tests/data/step-toy-spec.toml --workload tests/data/step-toy-train.toml --trace-out " +
                   path.string());
  REQUIRE(r.status == 0);
  REQUIRE(std::filesystem::exists(path));
  std::FILE* f = std::fopen(path.c_str(), "r");
  std::string text;
  std::array<char, 4096> buf{};
  while (f && fgets(buf.data(), buf.size(), f)) text += buf.data();
  if (f) std::fclose(f);
  CHECK(text.find("stage 0/chip 0") != std::string::npos);
  CHECK(text.find("stage 1/chip 1") != std::string::npos);
  CHECK(text.find("compute") != std::string::npos);
  std::filesystem::remove(path);
}

TEST_CASE("DeepSeek-V3 node-limited EP step comms on SimGrid: half the flat all-to-all time, IB-bound closed form", "[step]") {
  private_cache();
  const ChipCatalogue cat = load_chip_catalogue();
  StepRequest rq = request(cat, "platforms/specs/h800-2048.toml", "workloads/deepseek-v3-train.toml");
  REQUIRE(rq.plan.model.group_limited_routing());
  const std::string xml = step_platform_xml_path(rq.platform, cat);
  const StepCommTimes hier = simulate_step_comms(rq.plan, rq.platform, xml, 1e12);
  TrainingPlan flat_plan = rq.plan;
  flat_plan.model.expert_groups = flat_plan.model.max_groups_per_token = 0;
  const StepCommTimes flat = simulate_step_comms(flat_plan, rq.platform, xml, 1e12);
  // Flat: 7 of 8 copies per token leave the node; node-limited: 4 target nodes, the token's own one
  // among them with p = 1/2, so 3.5: half the IB bytes, and NVLink (4x IB) is not the bottleneck.
  long stages_with_ep = 0;
  for (size_t s = 0; s < hier.ep_forward_s.size(); ++s) {
    if (flat.ep_forward_s[s] <= 0) continue;
    ++stages_with_ep;
    CHECK(hier.ep_forward_s[s] / flat.ep_forward_s[s] == Approx(0.5).epsilon(0.01));
    CHECK(hier.ep_backward_s[s] / flat.ep_backward_s[s] == Approx(0.5).epsilon(0.01));
  }
  CHECK(stages_with_ep >= 15);
  // The FP8 dispatch pattern: 4,096 tokens × imbalance × 7,168 B × 8 copies per rank; 7 other nodes
  // get 4/8 of the tokens each, all through the rank's one 400 Gb/s port derated by `network`.
  REQUIRE(!hier.simulated.empty());
  const std::string& line = hier.simulated.front();
  INFO(line);
  REQUIRE(line.find("EP node-limited alltoall over 64 ranks (8 nodes x 8") == 0);
  const double t = std::stod(line.substr(line.rfind(": ") + 2));
  const MicrobatchShape mb = rq.plan.microbatch();
  const double pairs = 4096.0 * 8 * expert_load_imbalance(4096.0 * 8, 64, 4, mb.routing_skew);
  const double ib_bytes = 7 * pairs * 7168 / 8 * 4 / 8;
  const Chip& h800 = cat.find("nvidia-h800");
  CHECK(t == Approx(ib_bytes / (h800.scaleout_bandwidth_Bps.nominal * cat.efficiency.network.nominal)).epsilon(0.01));
}
