// A training run and its parallel plan, as workloads/<run>.toml (kind = "training") describes it:
// the model file it trains, tokens, sequence length, global batch, precision, optimizer, and the
// data/tensor/pipeline/expert degrees, schedule, ZeRO stage and recomputation. One file holds both.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "sim/config/input_error.hpp"
#include "sim/config/toml_reader.hpp"
#include "sim/platform/chip.hpp"
#include "sim/workload/layer_cost.hpp"
#include "sim/workload/model_shape.hpp"

namespace ascendsim {

enum class PipelineSchedule { OneFOneB, Interleaved, DualPipe };
const char* schedule_name(PipelineSchedule s);  // "1f1b", "interleaved", "dualpipe"
enum class OptimizerKind { AdamW, Muon };
const char* optimizer_name(OptimizerKind o);    // "adamw", "muon"

struct TrainingPlan {
  std::string file;        // "" when built by hand
  std::string model_file;  // resolved path of the model it trains
  ModelShape model;

  // [training]
  double tokens = 0;                 // total training tokens of the run
  long seq_len = 4096;
  long global_batch_sequences = 0;   // per optimizer step
  Precision precision = Precision::BF16;
  OptimizerKind optimizer = OptimizerKind::AdamW;
  int gradient_reduce_bytes = 4;     // data-parallel gradient reduction: FP32 4, BF16 2
  int dispatch_bytes = 2;            // expert all-to-all dispatch element size (FP8 dispatch: 1)

  // [parallel]
  long chips = 1;
  long tp = 1, pp = 1, dp = 1, ep = 1;
  long virtual_stages = 1;           // model chunks per pipeline stage (interleaved schedule)
  long micro_batch_sequences = 1;
  long microbatches = 0;             // per step per data-parallel rank; 0 = derive from the batch
  PipelineSchedule schedule = PipelineSchedule::OneFOneB;
  int zero_stage = 0;
  RecomputeKind recompute = RecomputeKind::None;
  bool sequence_parallel = false;
  long first_stage_extra_slots = 0;  // layer slots the embedding takes on the first stage
  long last_stage_extra_slots = 0;   // layer slots the output head (+ MTP) takes on the last stage

  // [memory] bytes per parameter
  double weight_bytes = 2, gradient_bytes = 4, master_bytes = 4, optimizer_state_bytes = 4;
  double activation_cache_bytes = 2;  // bytes per stored activation element (FP8 caching: 1)

  std::map<std::string, SourceLocation> where;  // key path ("parallel.tp") -> where it was written
  SourceLocation at(const std::string& key_path) const;  // the key, else the file, else "<plan>"

  double tokens_per_step() const { return double(global_batch_sequences) * double(seq_len); }
  double steps() const { return tokens / tokens_per_step(); }
  long sequences_per_dp_rank() const { return global_batch_sequences / dp; }
  long derived_microbatches() const { return sequences_per_dp_rank() / micro_batch_sequences; }
  long expert_data_parallel() const { return dp * tp / ep; }  // replicas of each routed expert
  MicrobatchShape microbatch() const;
};

// Loads a kind = "training" file and its model (path relative to the training file), then checks
// the plan against the model (plan_check.hpp). Throws one InputError with every problem, located.
TrainingPlan load_training(const std::string& path);
// The same with `--set` overrides applied to the training file (key paths as in the file).
TrainingPlan load_training(const std::string& path, std::vector<Override>* overrides);

}  // namespace ascendsim
