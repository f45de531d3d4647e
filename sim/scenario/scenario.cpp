#include "sim/scenario/scenario.hpp"

#include <algorithm>
#include <filesystem>

#include "sim/config/units.hpp"
#include "sim/scenario/key_paths.hpp"
#include "sim/scenario/scenario_keys.hpp"
#include "sim/scenario/scenario_pools.hpp"
#include "sim/scenario/model_error.hpp"
#include "sim/serving/kv_capacity.hpp"
#include "sim/serving/serving_cost.hpp"
#include "sim/timeline/montecarlo.hpp"
#include "sim/util/memory_budget.hpp"

namespace ascendsim {

namespace {

std::string resolve(const std::string& scenario_file, const std::string& rel) {
  if (rel.empty()) return rel;
  const std::filesystem::path p(rel);
  if (p.is_absolute()) return rel;
  return (std::filesystem::path(scenario_file).parent_path() / p).lexically_normal().string();
}

// An RL phase's deployment must be for the scenario's chip and the model it trains, and fit that
// model on the chip (make_serving_model's own checks), or the rollouts would be of another job.
void check_rollout_deployment(const Scenario& s, const PostTrainingPhase& ph, const Section& at) {
  const auto key = [&](const char* k) { return "run.post_training." + ph.name + "." + k; };  // canonical path
  const Deployment d = load_deployment(ph.rl.deployment_file);
  if (d.chip != s.platform.chip)
    throw InputError(at.location("deployment"), key("deployment"),
                     "deployment " + ph.rl.deployment_file + " is for chip " + d.chip + ", the scenario's platform has " +
                         s.platform.chip);
  if (!d.model_file.empty() && load_model(d.model_file).name != s.base_plan.model.name)
    throw InputError(at.location("deployment"), key("deployment"),
                     "deployment " + ph.rl.deployment_file + " serves another model than " + s.base_plan.model.name +
                         " (the model this scenario trains)");
  if (ph.chips > 0 && ph.chips < d.decode.npus_per_instance)
    throw InputError(at.location("chips"), key("chips"),
                     std::to_string(ph.chips) + " chips hold no decode instance of " + ph.rl.deployment_file + " (" +
                         std::to_string(d.decode.npus_per_instance) + " NPUs): the rollouts cannot run");
  const ServingModel sm = make_serving_model(s.base_plan.model, s.catalogue.find(d.chip), d, serving_efficiency(s.catalogue));
  if (kv_limited_batch_per_npu(sm, ph.rl.prompt_tokens + ph.rl.max_response_tokens) < 1)
    throw InputError(at.location("max_response_tokens"), key("max_response_tokens"),
                     "one sequence of prompt + max response tokens does not fit the HBM a decode NPU of " +
                         ph.rl.deployment_file + " has beside its weights");
}

const char* const kFilePrefixes[] = {"catalogue", "spec", "training", "model", "supply", "failures"};

}  // namespace

std::vector<std::string> storage_keys_in(const Section& policy) {
  std::vector<std::string> out;
  if (auto c = policy.table_opt("checkpoint"))
    for (const char* k : {"write_bandwidth_per_node", "aggregate_write_bandwidth", "read_bandwidth_per_node",
                          "aggregate_read_bandwidth"})
      if (c->has(k)) out.push_back(k);
  return out;
}

void use_platform_storage(RunPolicy& policy, const PlatformSpec& spec, const std::vector<std::string>& set_by_user) {
  auto user = [&](const char* k) { return std::find(set_by_user.begin(), set_by_user.end(), k) != set_by_user.end(); };
  auto& c = policy.checkpoint;
  if (spec.node_storage_bandwidth_Bps > 0) {
    if (!user("write_bandwidth_per_node")) c.write_Bps_per_node = spec.node_storage_bandwidth_Bps;
    if (!user("read_bandwidth_per_node")) c.read_Bps_per_node = spec.node_storage_bandwidth_Bps;
  }
  if (spec.storage_system_bandwidth_Bps > 0) {
    if (!user("aggregate_write_bandwidth")) c.aggregate_write_Bps = spec.storage_system_bandwidth_Bps;
    if (!user("aggregate_read_bandwidth")) c.aggregate_read_Bps = spec.storage_system_bandwidth_Bps;
  }
}

namespace {
Scenario load_scenario_routed(const std::string& path, std::vector<Override>* overrides);
}

Scenario load_scenario(const std::string& path, std::vector<Override>* overrides) {
  try {
    Scenario s = load_scenario_routed(path, overrides);
    if (overrides) check_overrides_used(*overrides);
    return s;
  } catch (const InputError& e) {
    throw with_suggestions(e, path);
  }
}

namespace {

Scenario load_scenario_routed(const std::string& path, std::vector<Override>* overrides) {
  // A scenario may take its calendar from a shared timeline file (calendar_file = "..."); then
  // calendar.* overrides go to that file. Peek at the scenario once to know.
  // A scenario's own `set = ["key.path=value", ...]` adjusts the files it names the way --set does
  // (the command line's --set come after, so they win).
  bool shared_calendar = false;
  std::vector<Override> scenario_sets;
  {
    TomlDocument peek = TomlDocument::load(path);
    Section r = peek.root();
    shared_calendar = r.has("calendar_file");
    for (const std::string& text : r.strings("set")) {
      try {
        scenario_sets.push_back(parse_override(text));
      } catch (const InputError&) {
        throw InputError(r.location("set"), "set", "expected \"key.path=value\", found " + quote_value(text));
      }
    }
  }
  // Work on one list: the scenario's own sets, then the caller's (copied back at the end), with
  // canonical key paths turned into the routed form (file prefix + the file's own path).
  for (auto& o : scenario_sets) o.origin = path + ": set \"" + o.key_path + "=" + o.value_text + "\"";
  std::vector<Override> local = scenario_sets;
  if (overrides) local.insert(local.end(), overrides->begin(), overrides->end());
  route_overrides(local);
  Scenario s;
  s.file = path;
  // Uncertain inputs of every file are named by their canonical path.
  ScopedParamNamer namer([&s](const std::string& file, const std::string& prefix, const std::string& p) {
    return canonical_param_path(s, file, prefix, p);
  });
  std::vector<Override>* const caller_overrides = overrides;
  overrides = &local;
  // Overrides for the scenario document itself: everything not addressed to a referenced file.
  std::vector<Override> own;
  for (const auto& o : local) {
    bool to_file = shared_calendar && o.key_path.rfind("calendar.", 0) == 0;
    for (const char* p : kFilePrefixes) to_file |= o.key_path.rfind(std::string(p) + ".", 0) == 0;
    if (!to_file) own.push_back(o);
  }
  TomlDocument doc = TomlDocument::load(path, &own);
  for (auto& o : local)
    for (const auto& u : own)
      if (u.used && u.key_path == o.key_path) o.used = true;

  Section root = doc.root();
  root.choice("kind", {"scenario"});
  (void)root.strings("set");
    s.name = root.string("name");
  s.title = root.string_or("title", s.name);
  s.seed = static_cast<std::uint64_t>(root.integer_or("seed", 1, 0));

  const Section platform = root.table("platform");
  s.spec_file = platform.path_ref("spec", "platform spec");
  s.catalogue_file = platform.path_ref_or("catalogue", "../platforms/chips.toml", "chip catalogue");
  const Section workload = root.table("workload");
  s.training_file = workload.path_ref("training", "training plan");
  if (workload.has("max_chips")) s.max_chips = workload.integer("max_chips", 1, 1L << 40);
  s.pretraining_phase = workload.string_or("pretraining_phase", s.pretraining_phase);
  s.post_training_phase = workload.string_or("post_training_phase", s.post_training_phase);

  const Section fleet = root.table("fleet");
  const bool has_supply = fleet.has("supply"), has_chips = fleet.has("chips"), has_arrivals = fleet.has("arrivals");
  const bool has_pools = fleet.has("installed") || fleet.has("rented");
  const int bases = int(has_supply) + int(has_chips) + int(has_arrivals);
  if (bases > 1 || (bases == 0 && !has_pools))
    fleet.error("", "give exactly one of supply = \"FILE\" (with scenario = \"NAME\"), chips = N, or [[fleet.arrivals]], "
                    "or only [[fleet.installed]] and [[fleet.rented]] pools");
  load_fleet_pools(fleet, s);
  s.pretraining_pools = workload.strings("pools");
  if (has_supply) {
    s.supply_driven = true;
    s.supply_file = fleet.path_ref("supply", "supply file");
    s.supply_scenario = fleet.string("scenario");
  } else if (has_chips) {
    s.fixed_arrivals.push_back({0, fleet.integer("chips", 1, 1L << 40)});
  } else if (has_arrivals) {
    for (const Section& a : fleet.tables("arrivals")) s.fixed_arrivals.push_back({a.date("date"), a.integer("chips", 1, 1L << 40)});
  }
  // A fixed fleet (and nothing else) caps the job at the chips it will ever hold.
  if (!s.supply_driven && !s.max_chips && !s.fixed_arrivals.empty() && s.installed.empty() && s.rented.empty()) {
    long total = 0;
    for (const auto& a : s.fixed_arrivals) total += a.chips;
    s.max_chips = total;
  }

  std::vector<std::string> storage_keys_set;
  if (auto run = root.table_opt("run")) {
    s.run = load_run_policy(*run);
    storage_keys_set = storage_keys_in(*run);
  }
  s.run.failures.rates_file = resolve(path, s.run.failures.rates_file);
  if (!s.run.failures.rates_file.empty())
    if (auto run = root.table_opt("run"))
      if (auto f = run->table_opt("failures")) f->check_path_ref("rates_file", s.run.failures.rates_file, "failure rates file");
  // RL phases name the serving deployment their rollouts run on, relative to the scenario.
  if (auto run = root.table_opt("run")) {
    const std::vector<Section> phases = run->tables("post_training");
    for (std::size_t i = 0; i < s.run.post_training.size() && i < phases.size(); ++i) {
      RlRecipe& rl = s.run.post_training[i].rl;
      if (s.run.post_training[i].kind != PostTrainingKind::Rl) continue;
      rl.deployment_file = resolve(path, rl.deployment_file);
      phases[i].check_path_ref("deployment", rl.deployment_file, "serving deployment");
    }
  }
  std::string calendar_file;
  if (shared_calendar) calendar_file = root.path_ref("calendar_file", "timeline file");
  else s.calendar = load_timeline_graph(root.table("calendar"));

  if (auto me = root.table_opt("model_error")) {
    if (me->has("file")) s.model_error_file = me->path_ref("file", "model-error file");
    if (me->has("step_time")) s.step_time_error = me->param("step_time", Dimension::Count, 0.01, 100.0);
    if (me->has("serving_time")) s.serving_time_error = me->param("serving_time", Dimension::Count, 0.01, 100.0);
    if (!me->has("file") && !me->has("step_time") && !me->has("serving_time"))
      me->error("", "give file = \"model-error.toml\" (fitted from the validation suites), or step_time / serving_time = a factor "
                    "or distribution");
  }
  SourceLocation draws_at;
  if (auto mc = root.table_opt("montecarlo")) {
    s.draws = mc->integer_or("draws", 0, 0, 10'000'000);
    draws_at = mc->location("draws");
    s.threads = static_cast<unsigned>(mc->integer_or("threads", 1, 1, 256));
    s.sensitivity = mc->boolean_or("sensitivity", false);
  }
  for (const Section& q : root.tables("inverse")) {
    InverseQuestion iq;
    iq.name = q.string("name");
    iq.input = q.string("input");
    const std::string dim = q.choice("unit", {"fraction", "date", "count"}, std::string("count"));
    iq.dim = dim == "fraction" ? Dimension::Fraction : dim == "date" ? Dimension::Date : Dimension::Count;
    iq.fits_at = q.quantity("fits_at", iq.dim, -1e300, 1e300);
    iq.fails_at = q.quantity("fails_at", iq.dim, -1e300, 1e300);
    iq.tolerance = q.number("tolerance", 1e-12, 1e12);
    s.inverse.push_back(iq);
  }
  // Scenario-level problems first (one message for all of them), then each referenced file.
  doc.finish();

  std::vector<Override> cat_ov = take_overrides(overrides, "catalogue", true);
  s.catalogue = load_chip_catalogue(s.catalogue_file, &cat_ov);
  std::vector<Override> spec_ov = take_overrides(overrides, "spec", true);
  add_spec_chips(s.catalogue, s.spec_file, &spec_ov);  // a spec may carry its own [chips.NAME]
  s.platform = load_platform_spec(s.spec_file, s.catalogue, &spec_ov);
  use_platform_storage(s.run, s.platform, storage_keys_set);
  std::vector<Override> plan_ov = take_overrides(overrides, "training", false);
  for (auto& o : take_overrides(overrides, "model", false)) plan_ov.push_back(o);
  std::vector<Override> plan_ov_for_phases = plan_ov;  // a phase's plan starts from the same overrides
  for (auto& o : plan_ov_for_phases) o.used = false;
  s.base_plan = load_training(s.training_file, &plan_ov);
  // The plan's precision must exist on the platform's chip (no silent fallback).
  const Chip& chip = s.catalogue.find(s.platform.chip);
  if (!chip.supports(s.base_plan.precision))
    throw InputError(s.base_plan.at("training.precision"), "training.precision",
                     std::string(precision_name(s.base_plan.precision)) + " is not supported by " +
                         (chip.display_name.empty() ? chip.name : chip.display_name) + " (platform " + s.spec_file +
                         "); choose a precision the chip has");
  if (s.supply_driven) {
    std::vector<Override> sup_ov = take_overrides(overrides, "supply", true);
    s.supply = load_supply_file(s.supply_file, &sup_ov);
    if (!s.supply.find(s.supply_scenario)) {
      std::string names;
      for (const auto& sc : s.supply.scenarios) names += (names.empty() ? "" : ", ") + sc.name;
      throw InputError(fleet.location("scenario"), "fleet.scenario",
                       "no supply scenario " + quote_value(s.supply_scenario) + " in " + s.supply_file + " (has: " + names + ")");
    }
  }
  check_pool_names(s, fleet, workload);
  // The platform's chip must be one the pretraining's pools can hold: a line of this supply scenario
  // makes it, or it is installed or rented. Otherwise the job waits forever for chips of the wrong type.
  {
    const std::vector<std::string> have = pool_chips(s, s.pretraining_pools);
    if (std::find(have.begin(), have.end(), s.platform.chip) == have.end()) {
      std::string list;
      for (const auto& c : have) list += (list.empty() ? "" : ", ") + c;
      const bool at_scenario = s.supply_driven && s.pretraining_pools.empty();
      const std::string what = at_scenario ? "supply scenario " + quote_value(s.supply_scenario) + " of " + s.supply_file +
                                                 " (fleet.supply) makes and installs only "
                                           : "the pools pretraining may use (" + pools_text(s.pretraining_pools) + ") hold only ";
      throw InputError(at_scenario ? fleet.location("scenario") : workload.location(workload.has("pools") ? "pools" : ""),
                       at_scenario ? "fleet.scenario" : "workload.pools",
                       "the platform's chip " + s.platform.chip + " (platform.spec = " + quote_value(s.spec_file) +
                           ") is not supplied: " + what + (list.empty() ? std::string("nothing") : list) +
                           "; choose a platform of a supplied chip, or a pool of this chip" +
                           (at_scenario ? " (e.g. set = [\"supply.chip=" + s.platform.chip + "\"])" : std::string()));
    }
  }
  load_phase_hardware(s, root, path, plan_ov_for_phases, storage_keys_set);
  if (!calendar_file.empty()) {
    std::vector<Override> cal_ov = take_overrides(overrides, "calendar", false);
    s.calendar = load_timeline_file(calendar_file, &cal_ov);
  }
  // An explicit step_time (the scenario's or a --set) takes precedence over the fitted distribution.
  if (!s.model_error_file.empty() && (!s.step_time_error || !s.serving_time_error)) {
    const ModelError me = load_model_error(s.model_error_file);
    if (!s.step_time_error) s.step_time_error = me.step_time;
    if (!s.serving_time_error) s.serving_time_error = me.serving_time;
  }
  if (!s.run.failures.rates_file.empty()) {
    std::vector<Override> fail_ov = take_overrides(overrides, "failures", true);
    s.rates = load_failure_rates(s.run.failures.rates_file, &fail_ov);
  }
  if (auto run = root.table_opt("run")) {
    const std::vector<Section> phases = run->tables("post_training");
    for (std::size_t i = 0; i < s.run.post_training.size() && i < phases.size(); ++i)
      if (s.run.post_training[i].kind == PostTrainingKind::Rl)
        check_rollout_deployment(s, s.run.post_training[i], phases[i]);
  }
  for (const auto& node : s.calendar.nodes)
    if (node.computed && node.name != s.pretraining_phase && node.name != s.post_training_phase)
      throw InputError(node.where, node.key_path + ".computed",
                       "only the phases \"" + s.pretraining_phase + "\" and \"" + s.post_training_phase +
                           "\" can be computed (by the run level)");
  if (!s.calendar.find(s.pretraining_phase))
    throw InputError(workload.has("pretraining_phase") ? workload.location("pretraining_phase")
                                                       : root.location(shared_calendar ? "calendar_file" : "calendar"),
                     workload.has("pretraining_phase") ? "workload.pretraining_phase" : "calendar",
                     "no phase named \"" + s.pretraining_phase + "\" (workload.pretraining_phase)");
  if (s.draws > 0) {
    // Refuse up front what cannot fit (each draw stores one outcome per calendar node).
    std::vector<std::string> names;
    for (const auto& node : s.calendar.nodes) names.push_back(node.name);
    check_fits_in_memory(static_cast<double>(s.draws), draw_result_bytes(names), memory_budget_bytes(), draws_at,
                         "montecarlo.draws", "draws", "use fewer draws, or split them with sweep --shard K/N and merge");
  }
  // Report back which of the caller's overrides were used (the scenario's own sets come first).
  if (caller_overrides)
    for (std::size_t i = 0; i < caller_overrides->size(); ++i) (*caller_overrides)[i].used = local[scenario_sets.size() + i].used;
  for (std::size_t i = 0; i < scenario_sets.size(); ++i)
    if (!local[i].used)
      throw InputError(root.location("set"), "set", quote_value(scenario_sets[i].user_path) + " reaches no input file");
  return s;
}

}  // namespace
std::vector<std::string> scenario_checks(const Scenario& s) {
  std::vector<std::string> out;
  const std::string& chip = s.platform.chip;
  const long per = s.platform.chips_per_supernode();
  bool supplied_line = false;  // the warning is about assembling the supply's own deliveries
  if (s.supply_driven)
    if (const SupplyScenario* sc = s.supply.find(s.supply_scenario))
      for (const auto& line : sc->lines) supplied_line |= line.chip == chip;
  if (supplied_line && !s.supply.fleet.supernode_chips.count(chip))
    out.push_back(s.supply_file + ": fleet.supernode_chips has no entry for " + chip + " (the chip of " + s.spec_file +
                  "); whole supernodes of " + std::to_string(per) + " chips, the platform's, are used");
  long fleet_chips = 0;
  for (const auto& a : s.fixed_arrivals) fleet_chips += a.chips;
  const long platform_chips = per * s.platform.supernodes;
  const long asked = std::max(fleet_chips, s.max_chips.value_or(0));
  if (s.platform.supernodes > 1 && asked > platform_chips)
    out.push_back(s.file + ": the fleet (" + std::to_string(asked) + " chips) is larger than the platform " + s.spec_file +
                  " (" + std::to_string(platform_chips) + " chips in " + std::to_string(s.platform.supernodes) +
                  " supernodes); the simulated platform is grown to " +
                  std::to_string((asked + per - 1) / per) + " supernodes");
  return out;
}

}  // namespace ascendsim
