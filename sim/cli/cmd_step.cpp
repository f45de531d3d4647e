// `ascendsim step` and `ascendsim plan`: one training step of a plan on a platform spec (sized to
// the plan's chips), simulated on SimGrid and composed through the pipeline schedule; and a plan
// search that re-ranks the analytically best legal plans by simulated step time.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "sim/cli/cli_args.hpp"
#include "sim/cli/command.hpp"
#include "sim/scenario/key_paths.hpp"
#include "sim/config/input_error.hpp"
#include "sim/engine/step_executor.hpp"
#include "sim/trace/chip_filter.hpp"
#include "sim/trace/trace_output.hpp"
#include "sim/util/progress.hpp"
#include "sim/workload/plan_search.hpp"

namespace ascendsim::cli {

namespace {

[[noreturn]] void arg_error(const std::string& option, const std::string& msg) {
  throw InputError(SourceLocation{"command line", 0, 0}, option, msg);
}

// Inputs shared by both commands: catalogue, spec and training plan, with `--set` routed by the
// prefixes every command uses: catalogue., spec., training., model. (sim/config/toml_reader.hpp).
struct StepInputs {
  ChipCatalogue catalogue;
  PlatformSpec spec;
  TrainingPlan plan;
  long xml_chips = 0;  // a fixed-size platform XML: the chips it has (0 for a spec)
};

// A platform XML has a fixed size: a job larger than it is refused (a spec is sized to the job).
void check_fits_xml(const StepInputs& in, const std::string& platform, long chips) {
  if (in.xml_chips > 0 && chips > in.xml_chips)
    arg_error("--platform", "the job needs " + std::to_string(chips) + " chips but " + platform + " has " +
                                std::to_string(in.xml_chips) + "; give a platform spec (.toml) to size the platform");
}
StepInputs load_inputs(const std::string& platform, const std::string& workload, const std::vector<std::string>& sets,
                       const std::string& catalogue) {
  std::vector<Override> all;
  for (const auto& s : sets) all.push_back(parse_override(s));
  route_overrides(all);  // canonical paths (training.precision) to the files' own
  std::vector<Override> c = take_overrides(&all, "catalogue", true);
  std::vector<Override> p = take_overrides(&all, "spec", true);
  std::vector<Override> w = take_overrides(&all, "training", false);
  for (auto& o : take_overrides(&all, "model", false)) w.push_back(o);
  check_overrides_used(all);  // a key path with no known prefix reaches no file
  StepInputs in;
  in.catalogue = load_chip_catalogue(catalogue, &c);
  // A spec is sized to the plan; an XML's own supernode count is replaced the same way.
  const PlatformArg pa = load_platform_arg(platform, in.catalogue, &p, false);
  in.spec = pa.spec;
  if (pa.is_xml) in.xml_chips = pa.spec.chips();
  in.plan = load_training(workload, &w);
  for (auto* v : {&w, &p, &c}) check_overrides_used(*v);
  return in;
}

void print_step(const StepResult& r, const TrainingPlan& p, std::ostream& out) {
  const auto& b = r.breakdown;
  auto pct = [&](double x) { return 100.0 * x / r.step_time_s; };
  out << std::fixed << std::setprecision(3);
  out << "plan: " << p.chips << " chips, tp " << p.tp << " pp " << p.pp << " dp " << p.dp << " ep " << p.ep << ", "
      << schedule_name(p.schedule) << (p.virtual_stages > 1 ? " v" + std::to_string(p.virtual_stages) : "") << ", "
      << precision_name(p.precision) << ", " << p.derived_microbatches() << " microbatches of "
      << p.micro_batch_sequences << " x " << p.seq_len << " tokens\n";
  out << "step_time_s      " << r.step_time_s << (r.from_cache ? "   (from cache)" : "") << '\n';
  out << "tokens_per_s     " << std::setprecision(0) << r.tokens_per_s << std::setprecision(3) << '\n';
  out << "MFU (BF16 peak)  " << 100 * r.mfu << " %   (vs " << precision_name(p.precision)
      << " peak: " << 100 * r.mfu_vs_precision_peak << " %)\n";
  out << "breakdown        compute " << b.compute_s << " s (" << std::setprecision(1) << pct(b.compute_s)
      << "%), TP " << std::setprecision(3) << b.tp_s << ", EP " << b.ep_s << ", PP " << b.pp_s << ", DP " << b.dp_s
      << ", bubble " << b.bubble_s << ", optimizer " << b.optimizer_s << '\n';
  if (p.model.is_moe() && p.ep > 1)
    out << "expert imbalance " << r.expert_imbalance << "  (busiest EP rank's routed pairs / mean, routing skew "
        << p.routing_skew << ")\n";
  out << "memory per chip  " << std::setprecision(1) << r.memory_per_chip_GiB << " GiB of " << r.hbm_capacity_GiB
      << " GiB HBM" << (r.fits_memory ? "" : "  DOES NOT FIT: " + r.memory_worst.describe()) << '\n';
}

struct StepOptions {
  std::string platform, workload, trace, trace_chips = "all", catalogue = kDefaultChipCatalogue;
  long chips = 0;
  std::vector<std::string> sets;
  bool json = false, no_cache = false, force = false;
};

int run_step(const StepOptions& o) {
  StepInputs in = load_inputs(o.platform, o.workload, o.sets, o.catalogue);
  ChipSelection selection;
  if (!o.trace.empty()) {
    selection = parse_chip_selection(o.trace_chips);
    check_trace_file(o.trace, "--trace-out", o.force);  // an unknown extension or a user's file, before simulating
  }
  TrainingPlan plan = in.plan;
  if (o.chips > 0) {
    std::string why;
    auto fitted = fit_plan_to_chips(in.plan, o.chips, &why);
    if (!fitted) arg_error("--chips", why);
    plan = *fitted;
  }
  check_fits_xml(in, o.platform, plan.chips);
  StepRequest rq;
  rq.plan = plan;
  rq.catalogue = &in.catalogue;
  rq.platform = platform_for_chips(in.spec, plan.chips);
  rq.want_trace = !o.trace.empty();
  rq.use_cache = !o.no_cache;
  Progress progress("step simulation", 1);
  progress.detail(std::to_string(plan.chips) + " chips");
  StepResult r = simulate_step(rq);
  progress.advance();
  progress.finish();
  if (!o.trace.empty()) {
    selection.chips_per_node = int(rq.platform.chips_per_node);
    write_trace_file(o.trace, select_chips(r.trace, selection), "--trace-out", o.force);
  }
  if (o.json) {
    print_json(step_result_json(r));
    return 0;
  }
  std::ostringstream out;
  print_step(r, plan, out);
  std::cout << out.str();
  return 0;
}

struct PlanOptions {
  std::string platform, workload, catalogue = kDefaultChipCatalogue;
  long chips = 0;
  int top = 3;
  int simulate = 6;
  std::vector<std::string> sets;
  bool json = false;
};

int run_plan(const PlanOptions& o) {
  StepInputs in = load_inputs(o.platform, o.workload, o.sets, o.catalogue);
  if (o.chips < 1) arg_error("--chips", "expected a positive chip count, found " + std::to_string(o.chips));
  if (o.top < 1) arg_error("--top", "expected a positive count, found " + std::to_string(o.top));
  check_fits_xml(in, o.platform, o.chips);
  const Chip& chip = in.catalogue.find(in.spec.chip);
  const PlanSearchResult search = enumerate_plans(in.plan, o.chips, chip, efficiency_factors(in.catalogue));
  // Simulate the analytically best few (distinct degree sets first), keep the fastest `top`.
  struct Row {
    TrainingPlan plan;
    StepResult result;
  };
  std::vector<Row> rows;
  const size_t budget = size_t(std::max(o.simulate, o.top));
  // The analytic order (compute plus a bandwidth-only estimate of exposed communication,
  // sim/workload/analytic_comm.hpp) is rough, so take the best candidate of each distinct
  // (tp, pp, zero stage) first, in analytic order, then fill up; the simulation ranks them.
  std::vector<const PlanCandidate*> picked;
  std::set<std::tuple<long, long, int>> seen;
  for (const auto& c : search.fitting)
    if (picked.size() < budget && seen.insert({c.plan.tp, c.plan.pp, c.plan.zero_stage}).second) picked.push_back(&c);
  for (const auto& c : search.fitting)
    if (picked.size() < budget && std::find(picked.begin(), picked.end(), &c) == picked.end()) picked.push_back(&c);
  Progress progress("plan step simulations", picked.size());
  for (const PlanCandidate* cp : picked) {
    const PlanCandidate& c = *cp;
    progress.detail("tp " + std::to_string(c.plan.tp) + " pp " + std::to_string(c.plan.pp) + " dp " +
                    std::to_string(c.plan.dp));
    StepRequest rq;
    rq.plan = c.plan;
    rq.catalogue = &in.catalogue;
    rq.platform = platform_for_chips(in.spec, c.plan.chips);
    rows.push_back(Row{c.plan, simulate_step(rq)});
    progress.advance();
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.result.step_time_s < b.result.step_time_s; });
  if (rows.size() > size_t(o.top)) rows.resize(size_t(o.top));
  if (o.json) {
    nlohmann::json j{{"chips", o.chips},
                     {"considered", search.considered},
                     {"illegal", search.illegal},
                     {"too_big", search.too_big},
                     {"fitting", search.fitting.size()},
                     {"simulated", std::min(budget, search.fitting.size())}};
    j["plans"] = nlohmann::json::array();
    for (const auto& r : rows) {
      const TrainingPlan& p = r.plan;
      j["plans"].push_back({{"tp", p.tp}, {"pp", p.pp}, {"dp", p.dp}, {"ep", p.ep},
                            {"virtual_stages", p.virtual_stages}, {"micro_batch_sequences", p.micro_batch_sequences},
                            {"zero_stage", p.zero_stage}, {"recompute", recompute_name(p.recompute)},
                            {"schedule", schedule_name(p.schedule)}, {"step_time_s", r.result.step_time_s},
                            {"mfu", r.result.mfu}, {"memory_per_chip_GiB", r.result.memory_per_chip_GiB}});
    }
    print_json(j.dump(2));
    return 0;
  }
  std::ostringstream out;
  out << search.considered << " plans considered, " << search.illegal << " illegal, " << search.too_big
      << " over HBM, " << search.fitting.size() << " fit; simulated " << std::min(budget, search.fitting.size())
      << " (the analytically fastest of each tp/pp/ZeRO combination first)\n";
  out << std::fixed;
  for (const auto& r : rows) {
    const TrainingPlan& p = r.plan;
    out << "  tp " << p.tp << " pp " << p.pp << " dp " << p.dp << " ep " << p.ep << " v " << p.virtual_stages
        << " mb " << p.micro_batch_sequences << " zero " << p.zero_stage << " recompute " << recompute_name(p.recompute)
        << ": step " << std::setprecision(3) << r.result.step_time_s << " s, MFU " << std::setprecision(1)
        << 100 * r.result.mfu << " %, " << r.result.memory_per_chip_GiB << " GiB\n";
  }
  if (rows.empty()) out << "  no plan fits\n";
  std::cout << out.str();
  return 0;
}

}  // namespace

static Registrar step_reg{{"step", "Simulate one training step of a plan on a platform spec: time, MFU, breakdown, memory",
                           30, [](CLI::App& sub) {
  auto o = std::make_shared<StepOptions>();
  sub.add_option("--platform", o->platform, kPlatformHelp)->required();
  sub.add_option("--workload", o->workload, "training file (kind = \"training\")")->required();
  sub.add_option("--catalogue", o->catalogue, kCatalogueHelp);
  add_count(sub, "--chips", o->chips, "re-size the plan's data-parallel degree to at most N chips");
  sub.add_option("--set", o->sets, "override: training.KEY=V / model.KEY=V (training and model files), spec.KEY=V "
                                   "(platform spec), catalogue.KEY=V (chip catalogue, e.g. catalogue.efficiency.matmul=0.7)");
  sub.add_option("--trace-out", o->trace, "write per-chip spans to FILE (.json Chrome/Perfetto, .paje, .csv)");
  add_renamed(sub, "--trace", kTraceRenamed);
  sub.add_option("--trace-chips", o->trace_chips, "all | one-per-node | LIST (e.g. 0,8,16-23)");
  sub.add_flag("--force", o->force, "let --trace-out replace an existing file ascendsim did not write");
  sub.add_flag("--no-cache", o->no_cache, "simulate even when the disk cache has this step");
  sub.add_flag("--json", o->json, "machine-readable output");
  return [o]() -> int { return run_step(*o); };
}, "ascendsim step --platform platforms/specs/h800-2048.toml --workload workloads/deepseek-v3-train.toml"}};

static Registrar plan_reg{{"plan", "Search legal parallel plans for N chips and report the fastest by simulated step",
                           31, [](CLI::App& sub) {
  auto o = std::make_shared<PlanOptions>();
  sub.add_option("--platform", o->platform, kPlatformHelp)->required();
  sub.add_option("--workload", o->workload, "training file (its degrees are replaced)")->required();
  sub.add_option("--catalogue", o->catalogue, kCatalogueHelp);
  add_count(sub, "--chips", o->chips, "chips to plan for", 1)->required();
  add_count(sub, "--top", o->top, "plans to report (default 3)", 1);
  add_count(sub, "--simulate", o->simulate, "analytically best plans to simulate (default 6)");
  sub.add_option("--set", o->sets, "override, as for step");
  sub.add_flag("--json", o->json, "machine-readable output");
  return [o]() -> int { return run_plan(*o); };
}, "ascendsim plan --platform platforms/specs/h800-2048.toml --workload workloads/deepseek-v3-train.toml --chips 2048 --simulate 3 --top 2"}};

}  // namespace ascendsim::cli
