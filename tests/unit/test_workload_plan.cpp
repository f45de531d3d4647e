// Training plans: loading the shipped files, located plan errors naming the numbers, the 910C FP8
// error, memory under ZeRO 0/1/2/3 for a toy model, communication volumes, MFU FLOPs, enumeration.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "sim/workload/param_count.hpp"
#include "sim/workload/plan_check.hpp"
#include "sim/workload/plan_search.hpp"
#include "sim/workload/step_cost.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

static std::string W(const char* f) { return std::string(ASCENDSIM_SOURCE_DIR) + "/workloads/" + f; }

// Writes a training file with the given [parallel] body next to a temp dir; returns its path.
static std::string write_plan(const std::string& name, const std::string& parallel) {
  auto dir = std::filesystem::temp_directory_path() / "ascendsim_workload_tests";
  std::filesystem::create_directories(dir);
  std::string path = (dir / name).string();
  std::ofstream(path) << "kind = \"training\"\nmodel = \"" << W("llama3-405b.toml") << "\"\n"
                      << "[training]\ntokens = \"15.6T\"\nsequence_length = 8192\nglobal_batch_sequences = 2048\n"
                      << "precision = \"BF16\"\noptimizer = \"adamw\"\n[parallel]\n" << parallel;
  return path;
}

static std::string load_error(const std::string& path) {
  try {
    load_training(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST_CASE("shipped training files load and pass the plan checks") {
  for (const char* f : {"llama3-405b-train.toml", "deepseek-v3-train.toml", "deepseek-v4-flash-train.toml",
                        "deepseek-v4-pro-train.toml"}) {
    INFO(f);
    TrainingPlan p = load_training(W(f));
    CHECK(plan_problems(p).empty());
  }
  TrainingPlan v3 = load_training(W("deepseek-v3-train.toml"));
  CHECK(v3.derived_microbatches() == 15360 / 128);  // 120 sequences per rank, microbatch of 1
  CHECK(v3.expert_data_parallel() == 2);             // 128·1/64 replicas of each expert
  // 61 layers + 1 + 2 slots = 64 = 16 stages × 4: stage 0 has embedding + layers 0–2, stage 15 layers 59–60 + head.
  auto layout = pipeline_layout(v3);
  CHECK(layout.front().layers == 3);
  CHECK(layout.front().embedding);
  CHECK(layout.back().first_layer == 59);
  CHECK(layout.back().layers == 2);
  CHECK(layout[1].first_layer == 3);
}

TEST_CASE("plan errors name the numbers and the location") {
  const std::string ok = "chips = 16384\ntp = 8\npp = 16\ndp = 128\nvirtual_stages = 4\nmicro_batch_sequences = 1\n"
                         "schedule = \"interleaved\"\nzero_stage = 1\nrecompute = \"none\"\n"
                         "first_stage_extra_slots = 1\nlast_stage_extra_slots = 1\n";
  CHECK(load_error(write_plan("ok.toml", ok)).empty());

  std::string e = load_error(write_plan("chips.toml", "chips = 2048\ntp = 8\npp = 16\ndp = 128\nvirtual_stages = 4\n"
                                                      "micro_batch_sequences = 1\nschedule = \"interleaved\"\nzero_stage = 1\n"
                                                      "recompute = \"none\"\nfirst_stage_extra_slots = 1\nlast_stage_extra_slots = 1\n"));
  CHECK_THAT(e, Catch::Contains("chips.toml:10:9: parallel.chips"));
  CHECK_THAT(e, Catch::Contains("tp (8) x pp (16) x dp (128) = 16384, not the 2048 chips"));

  e = load_error(write_plan("tp.toml", "chips = 6144\ntp = 3\npp = 16\ndp = 128\nvirtual_stages = 4\nmicro_batch_sequences = 1\n"
                                       "schedule = \"interleaved\"\nzero_stage = 1\nrecompute = \"none\"\n"
                                       "first_stage_extra_slots = 1\nlast_stage_extra_slots = 1\n"));
  CHECK_THAT(e, Catch::Contains("tp.toml:11:6: parallel.tp"));
  CHECK_THAT(e, Catch::Contains("128 query heads, not divisible by tp (3)"));
  CHECK_THAT(e, Catch::Contains("8 KV heads, not divisible by tp (3)"));

  e = load_error(write_plan("slots.toml", "chips = 16384\ntp = 8\npp = 16\ndp = 128\nvirtual_stages = 3\nmicro_batch_sequences = 1\n"
                                          "schedule = \"interleaved\"\nzero_stage = 1\nrecompute = \"none\"\n"
                                          "first_stage_extra_slots = 1\nlast_stage_extra_slots = 1\n"));
  CHECK_THAT(e, Catch::Contains("parallel.virtual_stages"));
  CHECK_THAT(e, Catch::Contains("126 layers + 1 + 1 extra slots = 128 pipeline slots do not divide into pp (16) x virtual_stages (3) = 48 chunks"));

  e = load_error(write_plan("batch.toml", "chips = 16384\ntp = 8\npp = 16\ndp = 128\nvirtual_stages = 4\nmicro_batch_sequences = 3\n"
                                          "schedule = \"interleaved\"\nzero_stage = 1\nrecompute = \"none\"\n"
                                          "first_stage_extra_slots = 1\nlast_stage_extra_slots = 1\n"));
  CHECK_THAT(e, Catch::Contains("16 sequences per data-parallel rank (2048 / dp 128) do not divide into microbatches of 3"));

  e = load_error(write_plan("ep.toml", ok + "ep = 4\n"));
  CHECK_THAT(e, Catch::Contains("is dense (no routed experts), so ep must be 1, found 4"));

  // MoE: experts must divide by ep.
  TrainingPlan v3 = load_training(W("deepseek-v3-train.toml"));
  v3.ep = 48;
  auto problems = plan_problems(v3);
  REQUIRE(!problems.empty());
  CHECK_THAT(problems[0].format(), Catch::Contains("256 routed experts, not divisible by ep (48)"));
  CHECK_THAT(problems[0].format(), Catch::Contains("deepseek-v3-train.toml:"));
}

TEST_CASE("FP8 on Ascend 910C is an input error at training.precision") {
  Chip c910;
  c910.name = "ascend-910c";
  c910.display_name = "Ascend 910C";
  c910.peak_flops[Precision::BF16] = 752e12;  // REFERENCE.md section 2: no FP8
  c910.peak_flops[Precision::INT8] = 1504e12;
  c910.hbm_capacity_B = 128e9;
  c910.hbm_bandwidth_Bps = 3.2e12;
  TrainingPlan v3 = load_training(W("deepseek-v3-train.toml"));
  try {
    check_precision(v3, c910);
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("deepseek-v3-train.toml:11:13: training.precision"));
    CHECK_THAT(std::string(e.what()), Catch::Contains("FP8 requested but Ascend 910C has no FP8 rate (it supports BF16, INT8)"));
  }
  CHECK_THROWS_AS(enumerate_plans(v3, 2048, c910, EfficiencyFactors{}), InputError);
}

// A toy dense model whose memory is countable by hand: 2 layers, h = 64, 4 heads of 16 (MHA),
// SwiGLU 128, vocab 100. Per layer 4·64² + 3·64·128 + 2·64 = 41,088; total 2·41,088 + 2·6,400 + 64 = 95,040.
static TrainingPlan toy_plan(int zero, OptimizerKind opt, RecomputeKind rc) {
  TrainingPlan p;
  ModelShape& m = p.model;
  m.name = "toy";
  m.layers = 2;
  m.hidden = 64;
  m.vocab = 100;
  m.heads = 4;
  m.gqa = {16, 4};
  m.dense_layers = 2;
  m.dense_ffn = 128;
  p.seq_len = 8;
  p.global_batch_sequences = 4;
  p.chips = 4;
  p.dp = 4;
  p.zero_stage = zero;
  p.optimizer = opt;
  p.recompute = rc;
  return p;
}

TEST_CASE("memory per chip under ZeRO 0/1/2/3, AdamW and Muon, recomputation") {
  REQUIRE(count_params(toy_plan(0, OptimizerKind::AdamW, RecomputeKind::None).model).total == 95040.0);
  const double P = 95040;
  MemoryBreakdown z0 = worst_stage_memory(toy_plan(0, OptimizerKind::AdamW, RecomputeKind::None), 1e9);
  CHECK(z0.weights_B == 2 * P);
  CHECK(z0.gradients_B == 4 * P);
  CHECK(z0.master_B == 4 * P);
  CHECK(z0.optimizer_states_B == 2 * 4 * P);  // Adam: two FP32 moments
  MemoryBreakdown z1 = worst_stage_memory(toy_plan(1, OptimizerKind::AdamW, RecomputeKind::None), 1e9);
  CHECK(z1.weights_B == 2 * P);
  CHECK(z1.gradients_B == 4 * P);
  CHECK(z1.master_B == 4 * P / 4);
  CHECK(z1.optimizer_states_B == 8 * P / 4);
  MemoryBreakdown z2 = worst_stage_memory(toy_plan(2, OptimizerKind::AdamW, RecomputeKind::None), 1e9);
  CHECK(z2.gradients_B == 4 * P / 4);
  MemoryBreakdown z3 = worst_stage_memory(toy_plan(3, OptimizerKind::AdamW, RecomputeKind::None), 1e9);
  CHECK(z3.weights_B == 2 * P / 4);
  // Muon: one momentum for matrices; AdamW (2 states) for embedding 6,400, head 6,400, norms 2·128 + 64:
  // (95,040 − 13,120) + 2·13,120 = 108,160 states × 4 B.
  MemoryBreakdown mu = worst_stage_memory(toy_plan(0, OptimizerKind::Muon, RecomputeKind::None), 1e9);
  CHECK(mu.optimizer_states_B == Approx(108160.0 * 4));
  // Activations, one microbatch of 8 tokens in flight (pp = 1), per token per layer in elements:
  // norm in/out 4·64, Q K V 3·64, core out 64, gate/up 256, SwiGLU out 128 = 896 → ·8·2 B = 14,336;
  // two layers 28,672 + FP32 logits 8·100·4 = 3,200 → 31,872.
  CHECK(z0.activations_B == 31872.0);
  // Full recomputation keeps each layer's input (8·64·2 = 1,024 B) plus one layer's activations
  // while it is recomputed: 2·1,024 + 14,336 + 3,200 = 19,584.
  CHECK(worst_stage_memory(toy_plan(0, OptimizerKind::AdamW, RecomputeKind::Full), 1e9).activations_B == 19584.0);
  // A 1 MB chip does not hold 95,040·18 B of model state: reported with the numbers, located.
  TrainingPlan small = toy_plan(0, OptimizerKind::AdamW, RecomputeKind::None);
  CHECK_FALSE(worst_stage_memory(small, 1e6).fits());
  try {
    require_memory_fits(small, 1e6);
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("plan does not fit in HBM"));
    CHECK_THAT(std::string(e.what()), Catch::Contains("> 0.0 GiB HBM"));
  }
}

TEST_CASE("1F1B holds pp microbatches on stage 0, fewer downstream") {
  TrainingPlan p = load_training(W("llama3-405b-train.toml"));
  p.schedule = PipelineSchedule::OneFOneB;
  p.virtual_stages = 1;
  p.first_stage_extra_slots = 1;
  p.last_stage_extra_slots = 1;
  auto mem = memory_by_stage(p, 80e9);
  CHECK(mem[0].microbatches_in_flight == 16);
  CHECK(mem[15].microbatches_in_flight == 1);
  p.schedule = PipelineSchedule::Interleaved;
  p.virtual_stages = 4;
  // Megatron interleaved warm-up on stage 0: 2·15 + 3·16 + 1 = 79 chunk-microbatches, capped at 16·4 = 64.
  CHECK(memory_by_stage(p, 80e9)[0].microbatches_in_flight == 16);
  CHECK(memory_by_stage(p, 80e9)[15].microbatches_in_flight == Approx((3.0 * 16 + 1) / 4));
}

TEST_CASE("MFU model FLOPs for Llama 3 405B: 6·N·T plus causal attention") {
  TrainingPlan p = load_training(W("llama3-405b-train.toml"));
  const double N = 405853388800.0 - 128256.0 * 16384;  // active: all but the embedding lookup
  const double T = 2048.0 * 8192;                       // 16 M tokens
  // Attention forward per sequence per layer: 2·128 heads·(128 + 128)·(8192·8193/2) pairs.
  const double attn = 126 * 2.0 * 128 * 256 * (8192.0 * 8193 / 2);
  CHECK(attention_flops_per_sequence(p.model, 8192) == Approx(attn).epsilon(1e-12));
  CHECK(model_flops_per_step(p.model, 8192, T) == Approx(6 * N * T + 3 * attn * 2048).epsilon(1e-12));
  CHECK(6 * N * T == Approx(4.0643e19).epsilon(1e-4));
}

TEST_CASE("communication volumes for DeepSeek-V3: FP8 dispatch, BF16 combine, PP sends, ZeRO-1 DP") {
  TrainingPlan p = load_training(W("deepseek-v3-train.toml"));
  auto stage1 = stage_comm_volumes(p, 1);  // layers 3–6, all MoE
  bool saw_dispatch = false, saw_combine = false, saw_pp = false, saw_rs = false;
  for (const auto& v : stage1) {
    if (v.what == "moe dispatch") {
      saw_dispatch = true;
      CHECK(v.group_size == 64);
      // tokens · top-8 · hidden · 1 B (FP8), × the busiest rank's imbalance 1 + 2.336691·sqrt((63/64)/32768
      // + 0.06²/4) = 1.071261 (expert_balance.hpp, default routing skew 0.06)
      CHECK(v.bytes == Approx(4096.0 * 8 * 7168 * 1 * 1.071261).epsilon(1e-6));
      CHECK(v.count == 4);
    }
    if (v.what == "moe combine") {
      saw_combine = true;
      CHECK(v.bytes == Approx(4096.0 * 8 * 7168 * 2 * 1.071261).epsilon(1e-6));
    }
    if (v.what == "activation send") {
      saw_pp = true;
      CHECK(v.bytes == 4096.0 * 7168 * 2);
    }
    if (v.what == "expert gradient reduce-scatter") {
      saw_rs = true;
      CHECK(v.group_size == 2);
      // DualPipe: stage 1 also holds stage 14's weights; 8 MoE layers · 4 local experts · FP32 gradients.
      CHECK(v.bytes == Approx(8 * 4.0 * 44040192.0 * 4));
    }
    CHECK(v.kind != CommKind::TP);  // no tensor parallelism
  }
  CHECK(saw_dispatch);
  CHECK(saw_combine);
  CHECK(saw_pp);
  CHECK(saw_rs);
  for (const auto& v : stage_comm_volumes(p, 0)) CHECK(v.kind != CommKind::EP);  // layers 0–2 are dense
}

TEST_CASE("plan enumeration: legal degrees only, memory filter, ordered by analytic step time") {
  TrainingPlan base = toy_plan(0, OptimizerKind::AdamW, RecomputeKind::None);
  base.model.layers = 4;
  base.model.dense_layers = 4;
  base.global_batch_sequences = 8;
  Chip c;
  c.name = "t";
  c.peak_flops[Precision::BF16] = 100e12;
  c.hbm_bandwidth_Bps = 1e12;
  c.hbm_capacity_B = 1e12;
  PlanSearchSpace space;
  space.micro_batch_sequences = {1};
  space.zero_stages = {0};
  space.recompute = {RecomputeKind::None};
  // 8 chips, 4 heads, 4 layer slots, 1f1b: tp ∈ {1,2,4,8} × pp | 8/tp → 4 + 3 + 2 + 1 = 10 combinations;
  // illegal: tp 1 pp 8 (4 slots into 8 stages) and tp 8 (4 heads) → 8 legal plans, all fit.
  PlanSearchResult r = enumerate_plans(base, 8, c, EfficiencyFactors{0.5, 0.5, 0.8}, space);
  CHECK(r.considered == 10);
  CHECK(r.illegal == 2);
  CHECK(r.fitting.size() == 8);
  for (size_t i = 1; i < r.fitting.size(); ++i)
    CHECK(r.fitting[i - 1].analytic_step_time_s() <= r.fitting[i].analytic_step_time_s());
  // The chip has no link bandwidths: the communication estimate is zero, the order is by compute.
  for (const auto& cand : r.fitting) CHECK(cand.analytic_comm_time_s == 0);
  for (const auto& cand : r.fitting) CHECK(plan_problems(cand.plan).empty());
  c.hbm_capacity_B = 1000;  // nothing fits in 1 kB
  PlanSearchResult none = enumerate_plans(base, 8, c, EfficiencyFactors{0.5, 0.5, 0.8}, space);
  CHECK(none.fitting.empty());
  CHECK(none.too_big == 8);
}
