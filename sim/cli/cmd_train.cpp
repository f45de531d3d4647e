// `ascendsim train`: the run level on its own — a whole training run of the workload's tokens on
// a fixed fleet (--chips N) or an arrival schedule (--arrivals FILE), with checkpoints, failures,
// restarts and growth, using the step level for the step time. It goes through the same code as
// a scenario's pretraining phase (run_inputs_for), so both give the same duration for one fleet.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sim/cli/cli_args.hpp"
#include "sim/cli/command.hpp"
#include "sim/scenario/key_paths.hpp"
#include "sim/run/run_json.hpp"
#include "sim/scenario/scenario_run.hpp"
#include "sim/trace/trace_output.hpp"
#include "sim/util/date.hpp"
#include "sim/workload/plan_check.hpp"

namespace ascendsim::cli {

namespace {

std::vector<FixedArrival> load_arrivals(const std::string& path) {
  TomlDocument doc = TomlDocument::load(path);
  Section root = doc.root();
  root.choice("kind", {"arrivals"});
  std::vector<FixedArrival> out;
  for (const Section& a : root.tables("arrival")) out.push_back({a.date("date"), a.integer("chips", 1, 1L << 40)});
  if (out.empty() && !root.failed()) root.error("arrival", "expected at least one [[arrival]] with date and chips");
  doc.finish();
  return out;
}

RunPolicy load_policy_file(const std::string& path, std::vector<std::string>* storage_keys = nullptr) {
  TomlDocument doc = TomlDocument::load(path);
  Section root = doc.root();
  root.choice("kind", {"run-policy"});
  RunPolicy p = load_run_policy(root);
  if (storage_keys) *storage_keys = storage_keys_in(root);
  // RL rollouts need the serving model of a scenario's model and deployment; `train` has neither.
  {
    const std::vector<Section> phases = root.tables("post_training");
    for (std::size_t i = 0; i < p.post_training.size() && i < phases.size(); ++i)
      if (p.post_training[i].kind == PostTrainingKind::Rl)
        phases[i].error("kind", "kind = \"rl\" phases run in a scenario (`ascendsim run`), where the model and its serving "
                                "deployment are known; `train` simulates sft and the token-equivalent forms only");
  }
  p.failures.rates_file = resolve_against(path, p.failures.rates_file);
  if (!p.failures.rates_file.empty())
    if (auto f = root.table_opt("failures")) f->check_path_ref("rates_file", p.failures.rates_file, "failure rates file");
  doc.finish();
  return p;
}

KindRegistrar arrivals_kind{{"arrivals", [](const std::string& path) { (void)load_arrivals(path); }}};
KindRegistrar policy_kind{{"run-policy", [](const std::string& path) { (void)load_policy_file(path); }}};

Registrar reg{{"train", "Simulate a whole training run (failures, checkpoints, restarts, growth) on a fleet: days, interruptions, goodput",
               30, [](CLI::App& sub) {
  struct Opts {
    std::string platform, workload, catalogue = "platforms/chips.toml", arrivals, policy, failures, trace, start;
    long chips = 0;
    std::uint64_t seed = 1;
    bool json = false, no_cache = false, force = false, no_failures = false;
    std::vector<std::string> sets;
  };
  auto o = std::make_shared<Opts>();
  sub.add_option("--platform", o->platform, kPlatformHelp)->required();
  sub.add_option("--workload", o->workload, "training file (workloads/*-train.toml)")->required();
  sub.add_option("--catalogue", o->catalogue, kCatalogueHelp);
  auto* chips = add_count(sub, "--chips", o->chips, "a fixed fleet of N chips, there from the start", 1);
  auto* arr = sub.add_option("--arrivals", o->arrivals, "an arrival schedule (kind = \"arrivals\": [[arrival]] date, chips)");
  chips->excludes(arr);
  sub.add_option("--start", o->start, "start date YYYY-MM-DD (default: the first arrival, or day 0 with --chips)");
  sub.add_option("--policy", o->policy,
                 "run policy (kind = \"run-policy\": [checkpoint], [failures], [growth], ...). Default: async "
                 "checkpoints at max(Daly's interval, 10 min, persist time), failures at the chip family's "
                 "shipped rates (platforms/failure-rates-ascend.toml for Ascend, platforms/failure-rates.toml "
                 "otherwise), 1 min detection, 8 min restart, 4 h repair, hot spares 3% of the fleet's hosts");
  auto* fail = sub.add_option("--failures", o->failures, "failure rates (kind = \"failures\"); overrides the policy's rates_file");
  sub.add_flag("--no-failures", o->no_failures, "simulate no failures (and so, without a fixed interval, no checkpoints)")
      ->excludes(fail);
  add_count(sub, "--seed", o->seed, "seed of the failure stream (default 1)");
  sub.add_option("--set", o->sets, "override an input: catalogue./spec./training./model. key paths");
  sub.add_option("--trace-out", o->trace, "write the run's spans to FILE (.json Perfetto, .paje, .csv)");
  sub.add_flag("--force", o->force, "let --trace-out replace an existing file ascendsim did not write");
  add_renamed(sub, "--trace", kTraceRenamed);
  sub.add_flag("--no-cache", o->no_cache, "re-simulate steps instead of reading the step cache");
  sub.add_flag("--json", o->json, "machine-readable output");
  return [o]() -> int {
    if (!o->trace.empty()) check_trace_file(o->trace, "--trace-out", o->force);  // before the work
    if (o->chips <= 0 && o->arrivals.empty())
      throw InputError(SourceLocation{"train", 0, 0}, "--chips", "give --chips N or --arrivals FILE");
    std::vector<Override> overrides;
    for (const auto& s : o->sets) overrides.push_back(parse_override(s));
    route_overrides(overrides);  // canonical paths (training.precision) to the files' own
    Scenario s;
    s.file = "train";
    s.name = "train";
    s.seed = o->seed;
    auto cat_ov = take_overrides(&overrides, "catalogue", true);
    s.catalogue = load_chip_catalogue(o->catalogue, &cat_ov);
    auto spec_ov = take_overrides(&overrides, "spec", true);
    const PlatformArg pa = load_platform_arg(o->platform, s.catalogue, &spec_ov, false);
    s.platform = pa.spec;
    auto plan_ov = take_overrides(&overrides, "training", false);
    for (auto& ov : take_overrides(&overrides, "model", false)) plan_ov.push_back(ov);
    s.base_plan = load_training(o->workload, &plan_ov);
    check_overrides_used(overrides);
    check_precision(s.base_plan, s.catalogue.find(s.platform.chip));
    long start_day = 0;
    if (o->chips > 0) {
      s.fixed_arrivals.push_back({0, o->chips});
      s.max_chips = o->chips;
    } else {
      s.fixed_arrivals = load_arrivals(o->arrivals);
      long total = 0;
      start_day = s.fixed_arrivals.front().day;
      for (const auto& a : s.fixed_arrivals) { total += a.chips; start_day = std::min(start_day, a.day); }
      s.max_chips = total;
    }
    if (pa.is_xml && s.max_chips && *s.max_chips > pa.spec.chips())
      throw InputError(SourceLocation{"--platform " + o->platform, 0, 0}, "--platform",
                       "the fleet has " + std::to_string(*s.max_chips) + " chips but the platform XML has " +
                           std::to_string(pa.spec.chips()) + "; give a platform spec (.toml) to size the platform");
    if (!o->start.empty()) {
      const auto d = parse_iso_date(o->start);
      if (!d) throw InputError(SourceLocation{"--start " + o->start, 0, 0}, "--start", "expected a date YYYY-MM-DD");
      start_day = *d;
    }
    std::vector<std::string> storage_keys;
    const long per_host = std::max(1L, s.platform.chips_per_node);
    const long fleet_hosts = (s.max_chips.value_or(0) + per_host - 1) / per_host;
    s.run = o->policy.empty() ? default_run_policy(s.platform.chip, fleet_hosts) : load_policy_file(o->policy, &storage_keys);
    use_platform_storage(s.run, s.platform, storage_keys);
    // A rates file named inside a policy file is relative to that file.
    if (!o->failures.empty()) s.run.failures.rates_file = o->failures;
    if (o->no_failures) s.run.failures.rates_file.clear();
    if (!s.run.failures.rates_file.empty()) s.rates = load_failure_rates(s.run.failures.rates_file);

    StepProvider steps(s, !o->no_cache);
    ParamSampler nominal;
    const Fleet fleet = scenario_fleet(s, nominal);
    const RunInputs in = run_inputs_for(s, steps, fleet, static_cast<double>(start_day), nominal, EvaluateOptions{s.seed, true});
    const RunResult r = simulate_run(in);
    const long at_start = fleet.usable_chips(s.platform.chip, start_day);
    const StepResult& step = steps.step_for(steps.job_chips(at_start) > 0 ? at_start : steps.replica_chips());
    if (!o->trace.empty()) {
      Trace t = r.trace;
      t.origin_day = start_day;
      write_trace_file(o->trace, t, "--trace-out", o->force);
    }
    nlohmann::json j = run_result_json(r);
    // The same quantity, under the same name, as a scenario's pretraining.wait_and_training_days.
    j["wait_and_training_days"] = r.never_finishes ? nullptr : nlohmann::json((r.wait_for_chips_s + r.pretraining_s) / 86400.0);
    j["chips"] = step.chips;
    j["step_time_s"] = step.step_time_s;
    j["mfu"] = step.mfu;
    j["tokens"] = s.base_plan.tokens;
    j["failures_file"] = s.run.failures.rates_file;
    j["policy"] = o->policy.empty() ? "default" : o->policy;
    j["seed"] = s.seed;
    if (!o->start.empty()) j["start_date"] = format_date(start_day);
    if (o->json) {
      print_json(j.dump(2));
      return 0;
    }
    std::printf("%s on %ld x %s, %.4g tokens, seed %llu, failures: %s\n", s.base_plan.model.name.c_str(), step.chips,
                s.platform.chip.c_str(), s.base_plan.tokens, static_cast<unsigned long long>(s.seed),
                s.run.failures.rates_file.empty() ? "none" : s.run.failures.rates_file.c_str());
    if (r.never_finishes) {
      std::printf("never finishes: %s\n", r.never_reason.c_str());
      return 0;
    }
    std::printf("duration: %.2f days%s\n", r.duration_days,
                o->start.empty() ? "" : (" (ends " + format_date_floor(r.end_day) + ")").c_str());
    std::printf("  waiting for chips %.2f d, pretraining %.2f d, post-training %.2f d\n", r.wait_for_chips_s / 86400,
                r.pretraining_s / 86400, r.post_training_s / 86400);
    std::printf("step time %.3f s, MFU %.1f%%, effective training ratio %.1f%%, goodput %.1f%%\n", step.step_time_s,
                100 * step.mfu, 100 * r.effective_training_ratio, 100 * r.goodput);
    std::printf("interruptions: %ld (%ld unexpected, %ld planned):", r.interruptions_total, r.interruptions_unexpected,
                r.interruptions_planned);
    for (const auto& [cause, n] : r.interruptions_by_cause)
      if (n > 0) std::printf(" %s %ld", cause.c_str(), n);
    // Without failures there is no optimal interval (Young/Daly's is infinite): say so, never "inf".
    char interval[64] = "no failures: no checkpoint interval";
    if (std::isfinite(r.checkpoint_interval_s) && r.checkpoint_interval_s > 0)
      std::snprintf(interval, sizeof interval, "interval %.1f min (%s)", r.checkpoint_interval_s / 60,
                    r.checkpoint_interval_rule.c_str());
    std::printf("\nlost work %.0f chip-hours; checkpoint overhead %.2f h (%ld written, %s)\n",
                r.lost_work_chip_hours, r.checkpoint_overhead_s / 3600, r.checkpoints_written, interval);
    std::printf("chip-hours %.4g (%.4g per trillion tokens)\n", r.chip_hours, r.chip_hours_per_trillion_tokens);
    return 0;
  };
}, "ascendsim train --platform platforms/specs/h800-2048.toml --workload workloads/deepseek-v3-train.toml --chips 2048"}};

}  // namespace

}  // namespace ascendsim::cli
