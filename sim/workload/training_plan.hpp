// A training run and its parallel plan, as workloads/<run>.toml (kind = "training") describes it:
// the model file it trains, tokens, sequence length, global batch, precision, optimizer, and the
// data/tensor/pipeline/expert degrees, schedule, ZeRO stage and recomputation. One file holds both.
#pragma once
#include "sim/config/toml_reader.hpp"
#include <map>
#include <string>

#include "sim/config/input_error.hpp"
#include "sim/platform/chip.hpp"
#include "sim/workload/layer_cost.hpp"
#include "sim/workload/model_shape.hpp"

namespace ascendsim {

enum class PipelineSchedule { OneFOneB, Interleaved, DualPipe };
const char* schedule_name(PipelineSchedule s);  // "1f1b", "interleaved", "dualpipe"
enum class OptimizerKind { AdamW, Muon };
const char* optimizer_name(OptimizerKind o);    // "adamw", "muon"

// [overlap]: what the framework overlaps with compute; each default is the common framework's.
struct OverlapOptions {
  bool tp_comm = false;             // Megatron-LM --tp-comm-overlap (off by default in Megatron-LM)
  bool dp_buckets = true;           // gradient buckets reduced during the last backward of each chunk
                                    // (PyTorch DDP / FSDP default); false: only under the last op
  bool dp_exposed = false;          // dp_reduce = "none": the whole reduction after the backward
                                    // (Megatron-LM without --overlap-grad-reduce)
  bool ep_combined_1f1b = false;    // ep_comm = "combined_1f1b": Megatron-Core
                                    // --overlap-moe-expert-parallel-comm (off by default): a steady-
                                    // state op's all-to-all hides under the paired microbatch's compute
  bool zero_prefetch = true;        // ZeRO-3 / FSDP weight prefetch (DeepSpeed, FSDP default)
  bool dualpipe_steady_only = true; // DualPipe pairs ops only in the steady state (DeepSeek-V3 fig. 5)
  double compute_slowdown = 20.0 / 112.0;  // extra compute time per second of overlap (V3 s3.2.2)
};

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
  double routing_skew = 0.06;        // std/mean of per-expert routing share in a step (expert_balance.hpp)

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

  OverlapOptions overlap;

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
// `overrides` (from --set) whose key path starts with "training." apply to the training file, those
// starting with "model." to the model file it names.
TrainingPlan load_training(const std::string& path, std::vector<Override>* overrides = nullptr);

}  // namespace ascendsim
