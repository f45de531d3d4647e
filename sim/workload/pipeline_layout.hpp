// Which layers each pipeline stage holds. The model's layer slots (embedding slots, the layers,
// head/MTP slots) are cut into pp x virtual_stages equal chunks; chunk c runs on stage c mod pp
// (Megatron's interleaved placement; one chunk per stage for 1f1b and dualpipe).
#pragma once
#include <vector>

#include "sim/workload/training_plan.hpp"

namespace ascendsim {

struct StageChunk {
  long stage = 0;        // physical pipeline rank
  long chunk = 0;        // global chunk index in model order
  long first_layer = 0;  // transformer layers [first_layer, first_layer + layers)
  long layers = 0;
  bool embedding = false;  // holds the input embedding
  bool head = false;       // holds the output head and the MTP modules
};

std::vector<StageChunk> pipeline_layout(const TrainingPlan& p);  // in chunk order
std::vector<StageChunk> chunks_of_stage(const TrainingPlan& p, long stage);
// The stages whose weights a rank holds: its own, plus the mirrored one pp-1-stage under dualpipe.
std::vector<long> stages_held(const TrainingPlan& p, long stage);

}  // namespace ascendsim
