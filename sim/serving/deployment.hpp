// A serving deployment (kind = "deployment", workloads/serve/*.toml): how a model is laid out on a
// supernode for prefill/decode-disaggregated serving (CloudMatrix-Infer, arXiv 2506.12708): prefill
// and decode pools (instances x NPUs), expert parallelism over dies, batch limit, precision, MTP.
#pragma once
#include <string>

#include "sim/config/param.hpp"
#include "sim/config/toml_reader.hpp"
#include "sim/platform/chip.hpp"

namespace ascendsim {

struct PoolLayout {
  long instances = 1;
  long npus_per_instance = 1;
  long ep = 1;                    // expert-parallel ranks per instance (dies or NPUs)
  long shared_expert_ranks = 0;   // ranks dedicated to the shared expert(s); 0: replicated on every rank
  long redundant_experts = 0;     // extra routed-expert replicas for load balancing (EPLB)
};

struct Deployment {
  std::string name;
  std::string file;
  std::string model_file;  // resolved path of `model`, "" when absent (the CLI's --workload is used)
  std::string chip;        // chip catalogue name the layout is for (must match the platform's chip)
  int dies_per_npu = 1;    // from the catalogue: expert ranks live on dies (910C: 2)
  PoolLayout prefill;
  long prefill_batch_tokens = 16384;  // tokens one prefill instance processes per batch
  PoolLayout decode;
  long batch_limit_per_npu = 1;       // decode requests per NPU (continuous batching limit)
  Precision weight_precision = Precision::INT8;
  Precision kv_precision = Precision::BF16;
  long mtp_draft_tokens = 0;          // speculative tokens proposed per decode step (0: no MTP)
  Param mtp_acceptance = 0.0;         // probability a draft token is accepted
  Param input_tokens = 4096;          // request length distributions (nominal or distribution)
  Param output_tokens = 256;
  // Locations for errors found later against a model or chip (EP vs experts, precision support).
  SourceLocation decode_ep_at, prefill_ep_at, precision_at, mtp_at, batch_limit_at;
};

// Loads and validates a deployment; every problem is a located InputError. Checks that do not need
// the model: pool sizes, ep dividing the pool's dies, batch limit >= 1, acceptance in [0, 1], the
// weight precision supported by the chip (the default catalogue, platforms/chips.toml).
Deployment load_deployment(const std::string& path, std::vector<Override>* overrides = nullptr);

}  // namespace ascendsim
