// Post-training as work (issue 18 item 4, docs/run-level.md "Post-training as work"): the SFT step
// and RL update scaled from the step level by tokens, the RL rollout composed from the serving
// model's decode and prefill steps, and both run through the run level's failure model. Every value
// is worked out by hand below from the recipe and from the serving model's own step times.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/config/toml_reader.hpp"
#include "sim/run/post_training_work.hpp"
#include "sim/run/run_model.hpp"
#include "sim/serving/kv_capacity.hpp"
#include "sim/serving/serving_cost.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

namespace {

// R1-Zero's published recipe (Nature 2025 Methods): 32 questions x 16 outputs, 16 updates per
// rollout; prompt and mean response lengths are this test's own round numbers.
RlRecipe r1_zero_like() {
  RlRecipe r;
  r.steps = 160;
  r.prompts_per_step = 32;
  r.samples_per_prompt = 16;
  r.updates_per_rollout = 16;
  r.prompt_tokens = 200;
  r.response_tokens = 6000;
  r.max_response_tokens = 32768;
  r.extra_forward_passes = 2;
  return r;
}

ServingModel h800() {
  const Deployment d = load_deployment("workloads/serve/deepseek-v3_h800-2048.toml");
  const ChipCatalogue cat = load_chip_catalogue();
  return make_serving_model(load_model(d.model_file), cat.find(d.chip), d, serving_efficiency(cat));
}

// 64 chips (8 hosts), 2 s pretraining steps of 1M tokens, no failures, a fixed 500 s interval.
RunInputs small_run() {
  RunInputs in;
  in.chips_planned = 64;
  in.replica_chips = 8;
  in.tokens_per_step = 1e6;
  in.tokens = 100 * 1e6;
  in.step_time_s = [](long chips) { return 2.0 * 64.0 / double(chips); };
  in.checkpoint_bytes = 80e9;
  in.policy.checkpoint.write_Bps_per_node = 1e9;
  in.policy.checkpoint.read_Bps_per_node = 1e9;
  in.policy.checkpoint.interval_s = Param(500.0);
  return in;
}

}  // namespace

TEST_CASE("RL update and SFT step: the step level's step scaled by the tokens they carry") {
  const RlRecipe r = r1_zero_like();
  // 32 x 16 x (200 + 6,000) = 3,174,400 tokens per update.
  CHECK(rl_update_tokens(r) == 3174400.0);
  // On a step of 76 s for 63M tokens: 76 x 3,174,400 / 63e6 = 3.82946 s of training, plus two
  // forward-only passes at a third each: x 5/3 = 6.38243 s.
  CHECK(rl_update_s(r, 76.0, 63e6) == Approx(76.0 * 3174400.0 / 63e6 * 5.0 / 3.0));
  CHECK(rl_update_s(r, 76.0, 63e6) == Approx(6.38243).epsilon(1e-5));
  SftRecipe s;
  s.steps = 10;
  CHECK(sft_step_s(s, 76.0, 63e6) == 76.0);          // the pretraining batch by default
  s.tokens_per_step = 21e6;
  CHECK(sft_step_s(s, 76.0, 63e6) == Approx(76.0 / 3.0));
}

TEST_CASE("RL rollout on 512 H800 as EP144 decode instances: composed from the serving model's steps") {
  const ServingModel s = h800();
  const RlRecipe r = r1_zero_like();
  const RolloutTime t = rl_rollout(r, s, 512);
  // floor(512 / 144) = 3 instances, 432 GPUs generate; 80 GPUs idle.
  CHECK(t.instances == 3);
  CHECK(t.npus_used == 432);
  // 32 x 16 x 16 = 8,192 responses, 8,192 / 432 = 18.963 per GPU: all 19 in one batch (HBM holds
  // far more at 6,200 tokens of context).
  CHECK(t.sequences == 8192.0);
  CHECK(t.sequences_per_npu == Approx(8192.0 / 432.0));
  REQUIRE(kv_limited_batch_per_npu(s, 6200) > 19);
  CHECK(t.batch_per_npu == 19);
  CHECK(t.context_tokens == 3200.0);  // 200 + 6,000 / 2
  // The serving model's TPOT at batch 19 and 3,200 tokens; at batch 1 and 200 + 32,768 / 2.
  const double tpot19 = tpot_s(s, decode_step(s, 19.0, 3200.0));
  const double tpot1 = tpot_s(s, decode_step(s, 1.0, 200.0 + 16384.0));
  CHECK(t.tpot_s == Approx(tpot19));
  CHECK(t.tail_tpot_s == Approx(tpot1));
  // Throughput: 18.963 x 6,000 tokens at 19 / TPOT per GPU; tail: 32,768 tokens one after another.
  CHECK(t.throughput_s == Approx(8192.0 / 432.0 * 6000.0 * tpot19 / 19.0));
  CHECK(t.tail_s == Approx(32768.0 * tpot1));
  CHECK(t.decode_s == Approx(std::max(t.throughput_s, t.tail_s)));
  // Prefill: 8,192 prompts of 200 tokens at the prefill rate of the 432 GPUs.
  CHECK(t.prefill_s == Approx(8192.0 * 200.0 / (prefill_tokens_per_s_per_npu(s, 200) * 432.0)));
  CHECK(t.time_s == Approx(t.prefill_s + t.decode_s));
  // The longest response decides here: at 19 sequences per GPU a 32,768-token cap is 5.5x the mean.
  CHECK(t.tail_s > t.throughput_s);
  // Many more responses than HBM holds at once (64 x 64 x 16 = 65,536, 151.7 per GPU): the batch is
  // HBM's limit at 6,200 tokens, the rollout throughput-bound.
  RlRecipe big = r;
  big.prompts_per_step = 64;
  big.samples_per_prompt = 64;
  const RolloutTime b = rl_rollout(big, s, 512);
  const long hbm = kv_limited_batch_per_npu(s, 6200);
  REQUIRE(hbm < 152);
  CHECK(b.batch_per_npu == hbm);
  const double tpot_hbm = tpot_s(s, decode_step(s, double(hbm), 3200.0));
  CHECK(b.throughput_s == Approx(65536.0 / 432.0 * 6000.0 * tpot_hbm / double(hbm)));
  CHECK(b.decode_s == Approx(std::max(b.throughput_s, b.tail_s)));
  // Fewer chips than one decode instance: no rollout.
  CHECK_THROWS_AS(rl_rollout(r, s, 100), std::invalid_argument);
}

TEST_CASE("an RL phase runs as rounds of rollout + updates through the run level, exactly without failures") {
  RunInputs in = small_run();
  PostTrainingPhase ph;
  ph.name = "rl";
  ph.kind = PostTrainingKind::Rl;
  ph.chips = 32;
  ph.rl = r1_zero_like();
  ph.rl.steps = 40;  // 2.5 rounds of 16 updates
  in.policy.post_training.push_back(ph);
  // A rollout of 100 s on any job; updates from the step level at 32 chips: 4 s per 1M tokens.
  in.rollout = [](const PostTrainingPhase&, long) {
    RolloutTime t;
    t.time_s = 100.0;
    return t;
  };
  const RunResult r = simulate_run(in);
  REQUIRE(r.post_training.size() == 1);
  const PostTrainingOutcome& o = r.post_training[0];
  const double update = 4.0 * 3174400.0 / 1e6 * 5.0 / 3.0;  // 21.163 s
  CHECK(o.update_s == Approx(update));
  CHECK(o.unit_s == Approx(update + 100.0 / 16.0));
  // 40 updates = 2.5 rounds: 40 x 21.163 + 2.5 x 100 = 1,096.5 s; a 500 s interval on 27.41 s
  // units checkpoints every 18 units: after units 18 and 36, each a 32-chip (4-host) sync write of
  // 80e9 / 4e9 = 20 s.
  CHECK(o.productive_s == Approx(40 * update + 250.0));
  CHECK(o.checkpoints_written == 2);
  CHECK(o.wall_s == Approx(40 * update + 250.0 + 2 * 20.0));
  CHECK(o.chip_hours == Approx(o.wall_s * 32 / 3600.0));
  CHECK(r.post_training_s == Approx(o.wall_s));
  // No rollout function for an "rl" phase: refused, not silently free.
  in.rollout = nullptr;
  CHECK_THROWS_AS(simulate_run(in), std::invalid_argument);
}

TEST_CASE("an SFT phase meets failures of its own, not the pretraining's stretch ratio") {
  RunInputs in = small_run();
  PostTrainingPhase ph;
  ph.name = "sft";
  ph.kind = PostTrainingKind::Sft;
  ph.sft.steps = 20000;  // 2 s steps on 64 chips: 40,000 s of work
  in.policy.post_training.push_back(ph);
  const RunResult clean = simulate_run(in);
  REQUIRE(clean.post_training.size() == 1);
  // No failures: 20,000 x 2 s plus a 10 s sync checkpoint every 250 steps (79 of them, none after
  // the last step).
  CHECK(clean.post_training[0].wall_s == Approx(40000.0 + 79 * 10.0));
  CHECK(clean.post_training[0].interruptions == 0);
  // With failures (one accelerator failure per 2,000 chip-hours: 64 chips -> one per 31.25 h of up
  // time, about 0.36 in 40,000 s on average), a failure-heavy seed shows interruptions of the SFT
  // phase itself; over seeds the mean wall time exceeds the clean one.
  in.rates.classes[static_cast<int>(Component::Accelerator)].rate_per_component_hour = Param(1.0 / 2000.0);
  in.rates.classes[static_cast<int>(Component::Accelerator)].components_per_chip = 1;
  in.policy.failures.spare_hosts = 1;
  double sum = 0;
  long interrupted = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    in.seed = seed;
    const RunResult r = simulate_run(in);
    sum += r.post_training[0].wall_s;
    interrupted += r.post_training[0].interruptions > 0;
  }
  CHECK(interrupted > 0);
  CHECK(sum / 40 > clean.post_training[0].wall_s);
}

TEST_CASE("post-training kinds load with their recipe, misplaced keys are located errors") {
  auto load = [](const std::string& text) {
    TomlDocument doc = TomlDocument::parse(text, "scenario.toml");
    RunPolicy p = load_run_policy(doc.root().table("run"));
    doc.finish();
    return p;
  };
  const RunPolicy p = load(R"([[run.post_training]]
name = "sft"
kind = "sft"
steps = 1000
tokens_per_step = "8M"
[[run.post_training]]
name = "rl"
kind = "rl"
stage = "r1"
steps = 1700
prompts_per_step = 32
samples_per_prompt = 16
updates_per_rollout = 16
prompt_tokens = 200
response_tokens = 8000
max_response_tokens = 32768
extra_forward_passes = 2
deployment = "d.toml"
chips = 512
[[run.post_training]]
name = "old"
tokens = "0.3T"
tokens_per_step = "63M"
)");
  REQUIRE(p.post_training.size() == 3);
  CHECK(p.post_training[0].kind == PostTrainingKind::Sft);
  CHECK(p.post_training[0].sft.steps == 1000);
  CHECK(p.post_training[0].sft.tokens_per_step == 8e6);
  const RlRecipe& r = p.post_training[1].rl;
  CHECK(p.post_training[1].kind == PostTrainingKind::Rl);
  CHECK(p.post_training[1].stage == "r1");
  CHECK(r.steps == 1700);
  CHECK(r.samples_per_prompt == 16);
  CHECK(r.max_response_tokens == 32768);
  CHECK(r.deployment_file == "d.toml");
  CHECK(p.post_training[2].kind == PostTrainingKind::TokenEquivalent);
  auto error_of = [&](const std::string& text) {
    try {
      load(text);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string e1 = error_of("[[run.post_training]]\nname = \"x\"\nkind = \"sft\"\nsteps = 5\ntokens = \"1T\"\n");
  CHECK(e1.find("scenario.toml:5") != std::string::npos);
  CHECK(e1.find("tokens") != std::string::npos);
  const std::string e2 = error_of(R"([[run.post_training]]
name = "x"
kind = "rl"
steps = 5
prompts_per_step = 1
samples_per_prompt = 1
prompt_tokens = 1
response_tokens = 100
max_response_tokens = 10
deployment = "d.toml"
)");
  CHECK(e2.find("scenario.toml:9") != std::string::npos);
  CHECK(e2.find("max_response_tokens") != std::string::npos);
  CHECK(error_of("[[run.post_training]]\nname = \"x\"\nkind = \"rl\"\nsteps = 5\n").find("prompts_per_step") !=
        std::string::npos);
}
