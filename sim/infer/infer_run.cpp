#include "sim/infer/infer_run.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "sim/config/toml_reader.hpp"
#include "sim/infer/likelihood.hpp"
#include "sim/scenario/scenario_analysis.hpp"
#include "sim/scenario/scenario_run.hpp"
#include "sim/sweep/sweep_spec.hpp"
#include "sim/timeline/sensitivity.hpp"

namespace ascendsim {

PriorSet load_prior_set(const std::string& path) {
  TomlDocument doc = TomlDocument::load(path);
  Section root = doc.root();
  PriorSet p;
  p.path = path;
  const std::string kind = root.choice("kind", {"scenario", "alternatives"});
  if (kind == "scenario") {
    // Only the kind is read here; the scenario loader checks the rest.
    p.name = root.string_or("name", path);
    p.seed = std::uint64_t(root.integer_or("seed", 1, 0));
    p.alternatives.push_back({p.name, path, 1.0});
    return p;
  }
  p.name = root.string("name");
  p.seed = std::uint64_t(root.integer_or("seed", 1, 0));
  root.string_or("title", "");
  std::set<std::string> names;
  for (const Section& a : root.tables("alternative")) {
    Alternative alt;
    alt.name = a.string("name");
    alt.scenario_path = a.path_ref("scenario", "scenario");
    alt.weight = a.number("weight", 0.0, 1e12);
    if (!names.insert(alt.name).second) a.error("name", "two alternatives are named " + quote_value(alt.name));
    if (alt.weight <= 0) a.error("weight", "a prior weight must be > 0 (leave the alternative out instead)");
    p.alternatives.push_back(alt);
  }
  if (p.alternatives.empty()) root.error(root.has("alternative") ? "alternative" : "", "an alternatives file needs at least one [[alternative]]");
  doc.finish();
  return p;
}

namespace {

struct LoadedAlternative {
  Alternative alt;
  std::unique_ptr<Scenario> scenario;
  std::unique_ptr<StepProvider> steps;
};

// The days on which observations read the fleet.
std::vector<long> fleet_days(const Evidence& e) {
  std::set<long> days;
  for (const Observation& o : e.observations)
    if (o.on_day) days.insert(*o.on_day);
  return {days.begin(), days.end()};
}

// "yes" when pretraining or any post-training phase runs on an Ascend chip (a catalogue name
// starting "ascend-"): the pretraining platform's chip, and each phase's own hardware.
std::string ascend_used(const Scenario& s, const ScenarioOutcome& outcome) {
  auto ascend = [](const std::string& chip) { return chip.rfind("ascend-", 0) == 0; };
  bool used = ascend(outcome.chip);
  for (std::size_t i = 0; i < s.run.post_training.size() && !used; ++i) {
    const int hw = i < s.post_hardware.size() ? s.post_hardware[i] : 0;
    used = hw > 0 && ascend(s.phase_hardware[static_cast<std::size_t>(hw - 1)].platform.chip);
  }
  return used ? "yes" : "no";
}

DrawOutputs outputs_of(const Scenario& s, const std::string& alternative, const ScenarioOutcome& outcome, const DrawResult& d,
                       const std::vector<long>& days) {
  DrawOutputs out;
  for (const auto& m : d.milestones) out.numbers["milestones." + m.name] = m.day;
  for (const auto& in : d.inputs) out.numbers["inputs." + in.key_path] = in.value;
  if (outcome.pretraining) {
    out.numbers["pretraining.duration_days"] = outcome.pretraining->duration_days;
    out.numbers["pretraining.job_chips"] = double(outcome.pretraining->job_chips);
  }
  out.labels["alternative"] = alternative;
  out.labels["pretraining.chip"] = outcome.chip;
  out.labels["training.ascend_used"] = ascend_used(s, outcome);
  for (long day : days) {
    long chips = 0;
    for (const FleetPoint& f : outcome.fleet) {
      if (f.day > day) break;
      chips = f.usable_chips;
    }
    out.fleet.emplace_back(day, chips);
  }
  return out;
}

}  // namespace

InferDraws draw_inference(const PriorSet& priors, const Evidence& evidence, const InferOptions& options,
                          const ShardSpec* shard) {
  InferDraws out;
  out.seed = options.seed ? *options.seed : priors.seed;
  out.total_draws = options.draws;
  for (std::uint64_t k = 0; k < std::uint64_t(options.draws); ++k)
    if (!shard || in_shard(k, *shard)) out.index.push_back(k);
  std::vector<LoadedAlternative> alts;
  double total_weight = 0;
  for (const Alternative& a : priors.alternatives) {
    LoadedAlternative l;
    l.alt = a;
    l.scenario = std::make_unique<Scenario>(load_scenario(a.scenario_path));
    l.steps = std::make_unique<StepProvider>(*l.scenario, options.use_cache);
    total_weight += a.weight;
    alts.push_back(std::move(l));
  }
  const std::vector<long> days = fleet_days(evidence);

  // Every observation must name an output the draws have: checked on each alternative's nominal
  // evaluation before any draw, so a typo is a located error, not a late failure.
  for (LoadedAlternative& l : alts) {
    ParamSampler nominal;
    const ScenarioOutcome o = evaluate_scenario(*l.scenario, *l.steps, nominal, EvaluateOptions{l.scenario->seed, false});
    DrawResult d = to_draw_result(o.schedule);
    const DrawOutputs nominal_out = outputs_of(*l.scenario, l.alt.name, o, d, days);
    for (const Observation& ob : evidence.observations) (void)observation_likelihood(ob, nominal_out);
    if (out.milestones.empty())
      for (const auto& m : d.milestones) out.milestones.push_back("milestones." + m.name);
  }

  out.outputs.resize(out.index.size());
  std::mutex dims_mu;
  const std::uint64_t alt_stream = fnv1a64("alternative");
  const Rng base(out.seed);
  run_draws(static_cast<std::uint64_t>(out.index.size()), options.threads, out.seed,
            [&](std::uint64_t i, Rng&) {
              // Draw k's stream is Rng(seed).fork(k) whichever shard runs it.
              Rng rng = base.fork(out.index[i]);
              // The alternative from its own stream, so the inputs' streams do not depend on it.
              double u = rng.fork(alt_stream).uniform01() * total_weight;
              std::size_t pick = 0;
              while (pick + 1 < alts.size() && u >= alts[pick].alt.weight) u -= alts[pick++].alt.weight;
              LoadedAlternative& l = alts[pick];
              ParamSampler values(rng);
              const EvaluateOptions eo{draw_run_seed(rng), false};
              const ScenarioOutcome o = evaluate_scenario(*l.scenario, *l.steps, values, eo);
              DrawResult d = to_draw_result(o.schedule);
              for (const auto& [key, param] : values.uncertain_seen()) d.inputs.push_back({key, param.dim, values.value(param)});
              {
                std::lock_guard<std::mutex> lock(dims_mu);
                for (const auto& in : d.inputs) out.input_dims.emplace("inputs." + in.key_path, in.dim);
              }
              out.outputs[i] = outputs_of(*l.scenario, l.alt.name, o, d, days);
              return DrawResult{};  // run_draws keeps a copy of each: nothing needed here
            },
            "inference draws", SourceLocation{"--draws", 0, 0});
  for (LoadedAlternative& l : alts) {
    out.steps_from_cache += l.steps->from_cache();
    out.steps_simulated += l.steps->simulations() - l.steps->from_cache();
  }
  return out;
}

InferResult weigh_inference(InferDraws in, const Evidence& evidence) {
  InferResult res;
  res.seed = in.seed;
  res.steps_simulated = in.steps_simulated;
  res.steps_from_cache = in.steps_from_cache;
  std::vector<WeightedDraw> draws(in.outputs.size());
  res.observation_prior_rate.assign(evidence.observations.size(), 0.0);
  for (std::size_t k = 0; k < in.outputs.size(); ++k) {
    draws[k].outputs = std::move(in.outputs[k]);
    draws[k].weight = 1.0;
    for (std::size_t i = 0; i < evidence.observations.size(); ++i) {
      const double li = observation_likelihood(evidence.observations[i], draws[k].outputs);
      if (li > 0) res.observation_prior_rate[i] += 1.0;
      draws[k].weight *= li;
    }
  }
  for (double& r : res.observation_prior_rate) r /= double(std::max<std::size_t>(1, draws.size()));
  std::vector<std::pair<std::string, Dimension>> input_dims(in.input_dims.begin(), in.input_dims.end());
  res.summary = summarize_inference(draws, input_dims, in.milestones);
  for (const Observation& o : evidence.observations)
    if (o.kind == LikelihoodKind::ExistedBy) res.observed_days.emplace_back(o.output, o.observed);
  res.draws = std::move(draws);
  return res;
}

InferResult run_inference(const PriorSet& priors, const Evidence& evidence, const InferOptions& options) {
  return weigh_inference(draw_inference(priors, evidence, options, nullptr), evidence);
}

}  // namespace ascendsim
