// Loader for the run policy section (see run_policy.hpp); names of policies as written in TOML.
#include "sim/run/run_policy.hpp"

#include <cmath>

namespace ascendsim {

const char* growth_policy_name(GrowthPolicy g) {
  switch (g) {
    case GrowthPolicy::Fixed: return "fixed";
    case GrowthPolicy::WaitForFullFleet: return "wait_for_full_fleet";
    case GrowthPolicy::StartNowAndGrow: return "start_now_and_grow";
  }
  return "?";
}

const char* shortfall_policy_name(ShortfallPolicy p) {
  return p == ShortfallPolicy::WaitForRepair ? "wait" : "shrink";
}

static Param time_param(const Section& s, const std::string& key, const Param& fallback) {
  return s.param_or(key, Dimension::Time, fallback.nominal, 0.0, 1e12);
}

RunPolicy default_run_policy(const std::string& chip, long fleet_hosts) {
  RunPolicy p;
  p.checkpoint.mode = CheckpointMode::Asynchronous;
  p.failures.rates_file = default_failure_rates_file(chip);
  p.failures.spare_hosts = static_cast<long>(std::ceil(kDefaultSpareHostShare * static_cast<double>(fleet_hosts) - 1e-9));
  return p;
}

// One [[post_training]] table: the token-equivalent or chip-hour form (no `kind`), or `kind = "sft"`
// / `"rl"` with the recipe's own numbers (post_training_work.hpp, docs/run-level.md).
static PostTrainingPhase load_post_training_phase(const Section& ph) {
  PostTrainingPhase x;
  x.name = ph.string("name");
  x.chips = ph.integer_or("chips", 0, 0, 1L << 40);
  x.stage = ph.string_or("stage", "");
  // The phase's hardware, when not the pretraining job's (scenario.cpp resolves it).
  x.spec = ph.string_or("spec", "");
  x.pools = ph.strings("pools");
  x.training_set = ph.strings("training_set");
  x.at = ph.location();
  const std::string kind = ph.choice("kind", {"tokens", "chip_hours", "sft", "rl"},
                                     ph.has("chip_hours") ? std::string("chip_hours") : std::string("tokens"));
  if (kind == "sft" || kind == "rl") {
    for (const char* k : {"tokens", "chip_hours"})
      if (ph.has(k))
        ph.error(k, std::string("a kind = \"") + kind + "\" phase is work of its own recipe; `" + k +
                        "` belongs to the token-equivalent or chip-hour form (leave out `kind`)");
  }
  if (kind == "sft") {
    x.kind = PostTrainingKind::Sft;
    x.sft.steps = ph.integer("steps", 1, 1L << 40);
    x.sft.tokens_per_step = ph.quantity_or("tokens_per_step", Dimension::Count, 0.0, 1, 1e15);
    return x;
  }
  if (kind == "rl") {
    x.kind = PostTrainingKind::Rl;
    RlRecipe& r = x.rl;
    r.steps = ph.integer("steps", 1, 1L << 40);
    r.prompts_per_step = ph.integer("prompts_per_step", 1, 1L << 30);
    r.samples_per_prompt = ph.integer("samples_per_prompt", 1, 1L << 20);
    r.updates_per_rollout = ph.integer_or("updates_per_rollout", 1, 1, 1L << 20);
    r.prompt_tokens = ph.quantity("prompt_tokens", Dimension::Count, 1, 1e9);
    r.response_tokens = ph.quantity("response_tokens", Dimension::Count, 1, 1e9);
    r.max_response_tokens = ph.quantity("max_response_tokens", Dimension::Count, 1, 1e9);
    r.extra_forward_passes = ph.number_or("extra_forward_passes", 0.0, 0.0, 10.0);
    r.deployment_file = ph.string("deployment");
    if (r.max_response_tokens < r.response_tokens)
      ph.error("max_response_tokens", "the length cap is below the mean response length (response_tokens)");
    if (ph.has("tokens_per_step"))
      ph.error("tokens_per_step", "an RL update trains on prompts_per_step x samples_per_prompt x (prompt + response) "
                                  "tokens; `tokens_per_step` is not an RL key");
    return x;
  }
  const bool by_tokens = ph.has("tokens");
  if (by_tokens == ph.has("chip_hours"))
    ph.error("", "expected exactly one of `tokens` (with tokens_per_step) or `chip_hours`, or a `kind = \"sft\"` / "
                 "`\"rl\"` phase");
  if (by_tokens) {
    x.kind = PostTrainingKind::TokenEquivalent;
    x.tokens = ph.quantity("tokens", Dimension::Count, 1, 1e20);
    x.tokens_per_step = ph.quantity("tokens_per_step", Dimension::Count, 1, 1e15);
  } else if (ph.has("chip_hours")) {
    x.kind = PostTrainingKind::ChipHours;
    x.chip_hours = ph.number("chip_hours", 1e-9, 1e15);
  }
  return x;
}

RunPolicy load_run_policy(const Section& s) {
  RunPolicy p;
  if (auto c = s.table_opt("checkpoint")) {
    CheckpointPolicy& k = p.checkpoint;
    k.mode = c->choice("mode", {"sync", "async"}, std::string("sync")) == "async" ? CheckpointMode::Asynchronous
                                                                               : CheckpointMode::Synchronous;
    if (c->has("interval")) k.interval_s = c->param("interval", Dimension::Time, 1e-3, 1e12);
    k.min_interval_s = time_param(*c, "min_interval", k.min_interval_s);
    k.max_storage_share = c->quantity_or("max_storage_share", Dimension::Fraction, k.max_storage_share, 1e-6, 1.0);
    if (c->has("interval") && c->has("min_interval"))
      c->error("min_interval", "give either a fixed `interval` or the rule's `min_interval`, not both");
    k.write_Bps_per_node = c->quantity_or("write_bandwidth_per_node", Dimension::Bandwidth, k.write_Bps_per_node, 1);
    k.aggregate_write_Bps = c->quantity_or("aggregate_write_bandwidth", Dimension::Bandwidth, k.aggregate_write_Bps, 1);
    k.read_Bps_per_node = c->quantity_or("read_bandwidth_per_node", Dimension::Bandwidth, k.read_Bps_per_node, 1);
    k.aggregate_read_Bps = c->quantity_or("aggregate_read_bandwidth", Dimension::Bandwidth, k.aggregate_read_Bps, 1);
    k.snapshot_Bps_per_node = c->quantity_or("snapshot_bandwidth_per_node", Dimension::Bandwidth, k.snapshot_Bps_per_node, 1);
  }
  if (auto f = s.table_opt("failures")) {
    FailurePolicy& q = p.failures;
    q.rates_file = f->string_or("rates_file", "");
    q.detection_s = time_param(*f, "detection_time", q.detection_s);
    q.restart_s = time_param(*f, "restart_time", q.restart_s);
    q.spare_swap_s = time_param(*f, "spare_swap_time", q.spare_swap_s);
    q.repair_s = time_param(*f, "repair_time", q.repair_s);
    q.spare_hosts = f->integer_or("spare_hosts", 0, 0, 1L << 30);
    q.on_shortfall = f->choice("on_shortfall", {"wait", "shrink"}, std::string("wait")) == "shrink"
                         ? ShortfallPolicy::ShrinkDataParallel : ShortfallPolicy::WaitForRepair;
    q.straggler_rate_per_chip_hour = f->number_or("straggler_rate_per_chip_hour", 0.0, 0.0, 1.0);
    q.straggler_slowdown = f->number_or("straggler_slowdown", 1.0, 1.0, 100.0);
    q.straggler_detect_s = time_param(*f, "straggler_detect_time", q.straggler_detect_s);
  }
  if (auto g = s.table_opt("growth")) {
    const std::string name = g->choice("policy", {"fixed", "wait_for_full_fleet", "start_now_and_grow"},
                                       std::string("fixed"));
    p.growth = name == "wait_for_full_fleet" ? GrowthPolicy::WaitForFullFleet
               : name == "start_now_and_grow" ? GrowthPolicy::StartNowAndGrow : GrowthPolicy::Fixed;
  }
  for (const Section& m : s.tables("maintenance")) {
    MaintenanceWindow w;
    w.start_s = m.quantity("start", Dimension::Time, 0, 1e12);
    w.duration_s = m.quantity("duration", Dimension::Time, 0, 1e12);
    if (w.duration_s <= 0) m.error("duration", "a maintenance window must last longer than zero");
    p.maintenance.push_back(w);
  }
  for (const Section& ph : s.tables("post_training")) p.post_training.push_back(load_post_training_phase(ph));
  if (auto it = s.table_opt("iteration")) {
    p.iteration.rounds = it->integer("rounds", 0, 1000);
    p.iteration.train_s = time_param(*it, "train_time", 0.0);
    p.iteration.evaluate_s = time_param(*it, "evaluate_time", 0.0);
    p.iteration.deploy_s = time_param(*it, "deploy_time", 0.0);
  }
  return p;
}

}  // namespace ascendsim
