// Scenario-independent run policy: checkpointing, failure handling, growth, maintenance and
// post-training. Read from any TOML section with load_run_policy(), so a scenario file can embed it
// (e.g. under [run]); every duration is a Param so Monte Carlo can vary it. Defaults live here only.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/config/param.hpp"
#include "sim/config/toml_reader.hpp"
#include "sim/run/failure_rates.hpp"
#include "sim/run/post_training_work.hpp"

namespace ascendsim {

enum class CheckpointMode { Synchronous, Asynchronous };
enum class ShortfallPolicy { WaitForRepair, ShrinkDataParallel };
enum class GrowthPolicy { Fixed, WaitForFullFleet, StartNowAndGrow };

struct CheckpointPolicy {
  CheckpointMode mode = CheckpointMode::Synchronous;
  std::optional<Param> interval_s;  // absent: the interval rule (policy_interval in checkpoint_interval.hpp)
  // Interval rule: max(Daly(blocking cost, job MTBF), min_interval, persist / max_storage_share).
  // assumption: 10 min. No published figure for these jobs' interval; a checkpoint is a full copy of
  // the model state kept on shared storage, and production jobs checkpoint every tens of minutes
  // (issue 18; Llama 3 paper gives no interval), so the minimum keeps Daly's rule from asking for
  // one every few seconds when the snapshot is cheap. docs/run-level.md.
  Param min_interval_s{600.0};
  // Share of the storage system's time the persists may take (1 = back to back).
  double max_storage_share = 1.0;
  // Storage path (the platform may fill these instead): write/read at
  // min(per_node x nodes, aggregate); async snapshot to host memory at snapshot per node.
  double write_Bps_per_node = 2.5e9;        // assumption, see docs/run-level.md
  double aggregate_write_Bps = 2e12;        // REFERENCE.md s5: ~2 TB/s sustained checkpoint bursts
  double read_Bps_per_node = 2.5e9;
  double aggregate_read_Bps = 2e12;
  double snapshot_Bps_per_node = 50e9;      // assumption: host-memory copy over PCIe
};

struct FailurePolicy {
  std::string rates_file;            // kind = "failures"; empty = no failures
  Param detection_s{60.0};           // time to notice a failure (watchdog/health check)
  Param restart_s{480.0};            // relaunch the job (scheduler, init, NCCL setup), spare on hand
  Param spare_swap_s{480.0};         // restart when a hot-spare host replaces a failed one
  Param repair_s{4 * 3600.0};        // failed host back in the pool
  long spare_hosts = 0;              // hot-spare hosts beyond the job's plan
  ShortfallPolicy on_shortfall = ShortfallPolicy::WaitForRepair;
  double straggler_rate_per_chip_hour = 0;  // a chip turns slow
  double straggler_slowdown = 1.0;          // step-time factor while it stays in the job
  Param straggler_detect_s{1800.0};         // until it is found and swapped (a planned restart)
};

struct MaintenanceWindow {
  double start_s = 0;     // offset from the run's training start
  double duration_s = 0;
};

struct PostTrainingPhase {
  std::string name;
  double tokens = 0;            // either tokens (with tokens_per_step) ...
  double tokens_per_step = 0;
  double chip_hours = 0;        // ... or chip-time
  long chips = 0;               // 0 = the pretraining job size
  // `kind = "sft"` or `"rl"` (post_training_work.hpp): work run through the run level's own failure
  // and checkpoint model instead of the two forms above (kind TokenEquivalent / ChipHours).
  PostTrainingKind kind = PostTrainingKind::TokenEquivalent;
  SftRecipe sft;
  RlRecipe rl;
  std::string stage;            // phases of one stage (e.g. "r1-zero") are summed in the report
  // The hardware the phase runs on, in a scenario (empty: the pretraining job's): a platform spec
  // (path as written, relative to the scenario) and the fleet pools it may use (empty: every pool).
  std::string spec;
  std::vector<std::string> pools;
  std::vector<std::string> training_set;  // "training.KEY=VALUE" adjustments of the plan on that platform
  SourceLocation at;            // the phase's table, for errors about its hardware
};

struct IterationLoop {
  long rounds = 0;
  Param train_s{0.0}, evaluate_s{0.0}, deploy_s{0.0};
};

struct RunPolicy {
  CheckpointPolicy checkpoint;
  FailurePolicy failures;
  GrowthPolicy growth = GrowthPolicy::Fixed;
  std::vector<MaintenanceWindow> maintenance;
  std::vector<PostTrainingPhase> post_training;
  IterationLoop iteration;
};

// Reads tables [checkpoint], [failures], [growth], [[maintenance]], [[post_training]],
// [iteration] from `s` (all optional). Errors are recorded in the document; the caller's
// doc.finish() throws them. Relative `rates_file` paths stay as written.
RunPolicy load_run_policy(const Section& s);

// The policy `ascendsim train` uses when given none: RunPolicy's defaults (interval rule with the
// 10 min minimum, detection/restart/repair times above) with asynchronous checkpoints, as every
// shipped scenario, the chip family's shipped failure rates (default_failure_rates_file), and hot
// spares of kDefaultSpareHostShare of the fleet's hosts, rounded up.
// assumption: 3%, the share of the Llama 3 reference scenario (64 spare hosts for 2,048), itself
// not published; without spares every accelerator, HBM or host failure waits 4 h for a repair.
inline constexpr double kDefaultSpareHostShare = 0.03;
RunPolicy default_run_policy(const std::string& chip, long fleet_hosts);

const char* growth_policy_name(GrowthPolicy g);
const char* shortfall_policy_name(ShortfallPolicy p);

}  // namespace ascendsim
