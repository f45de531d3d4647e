// Level 1 on SimGrid: the time of one training step for a plan on a platform, and why. The pure
// cost model (sim/workload/step_cost) gives per-stage compute and the communication volumes; this
// file simulates each distinct communication pattern once on the platform's SimGrid network (one
// forked simulation per step, sim/engine/comm_simulation), then composes compute, exposed
// communication and the pipeline schedule (sim/workload/pipeline_schedule). Results are cached on
// disk (sim/util/disk_cache), keyed by every input, so identical steps are never re-simulated.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/step_compose.hpp"
#include "sim/platform/chip_catalogue.hpp"
#include "sim/platform/topology_spec.hpp"
#include "sim/trace/span.hpp"
#include "sim/workload/memory.hpp"
#include "sim/workload/roofline.hpp"
#include "sim/workload/training_plan.hpp"

namespace ascendsim {


struct StepResult {
  long chips = 0;
  double step_time_s = 0;
  double tokens_per_step = 0;
  double tokens_per_s = 0;
  double mfu = 0;                    // model FLOPs / (chips x dense BF16 peak x step time)
  double mfu_vs_precision_peak = 0;  // against the peak of the precision used
  double model_flops_per_step = 0;
  StepBreakdown breakdown;
  double expert_imbalance = 1;       // busiest expert-parallel rank's routed pairs / mean (1: dense or ep 1)
  MemoryBreakdown memory_worst;      // the stage with the most memory per chip
  double memory_per_chip_GiB = 0;
  double hbm_capacity_GiB = 0;
  bool fits_memory = true;
  double checkpoint_bytes = 0;       // weights + optimizer states of the whole model (for the run level)
  bool from_cache = false;
  // Added: what was simulated (for reports and docs).
  long pp_boundary = -1;                        // stage s of the simulated s -> s+1 boundary
  double pp_hop_s = 0;                          // one pipeline hop, all pairs of the boundary at once
  std::vector<std::string> patterns_simulated;  // one line per SimGrid pattern with its time
  std::string platform_xml;                     // generated platform file the patterns ran on (a subset
                                                // of the spec's nodes; empty when no pattern ran)
  Trace trace;                       // per-chip spans when asked for (not cached)
};

struct StepRequest {
  TrainingPlan plan;              // already sized for the platform's chips
  const ChipCatalogue* catalogue = nullptr;
  PlatformSpec platform;          // `supernodes` set so that it holds at least plan.chips chips
  bool want_trace = false;
  bool use_cache = true;
};

// Simulates one step. Throws InputError when the plan does not fit the platform (more chips than
// it has, a precision the chip lacks); a plan that does not fit in HBM is reported in the result
// (fits_memory = false, with the numbers), not thrown.
StepResult simulate_step(const StepRequest& request);

// The same plan re-sized to use as many of `chips_available` chips as a legal data-parallel degree
// allows (tp, pp, ep, micro batch and global batch unchanged). std::nullopt with `why` when not
// even one replica fits.
std::optional<TrainingPlan> fit_plan_to_chips(const TrainingPlan& base, long chips_available, std::string* why);

// A platform spec with enough supernodes for `chips` (same fabric and chip type).
PlatformSpec platform_for_chips(const PlatformSpec& base, long chips);

// Added helpers. The catalogue's factors as the roofline takes them.
EfficiencyFactors efficiency_factors(const ChipCatalogue& catalogue);
// The spec with every chip port's bandwidth (scale-up, scale-out; pod uplinks follow) times the
// catalogue's `network` efficiency: how achievable bandwidth enters every simulated transfer.
PlatformSpec network_derated(const PlatformSpec& spec, const ChipCatalogue& catalogue);
// Generates the (network-derated) platform XML into the cache directory, content-addressed, and
// returns its path. An existing file is used only if it holds exactly these bytes and is the
// user's own (else it is rewritten). Without a cache, or with use_cache false (--no-cache), the
// file goes to this process's private mkdtemp directory (0700), never to a shared fixed path.
// keep_chips: the file cut to the nodes of these chips (topology_xml.hpp); nullptr: the whole platform.
std::string step_platform_xml_path(const PlatformSpec& spec, const ChipCatalogue& catalogue, bool use_cache = true,
                                   const std::vector<int>* keep_chips = nullptr);

std::string step_result_json(const StepResult& r);  // the `ascendsim step --json` document
std::optional<StepResult> step_result_from_json(const std::string& text);

}  // namespace ascendsim
