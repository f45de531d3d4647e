// Slot arithmetic for pipeline chunks; the plan check guarantees that slots divide evenly.
#include "sim/workload/pipeline_layout.hpp"

#include <algorithm>

namespace ascendsim {

std::vector<StageChunk> pipeline_layout(const TrainingPlan& p) {
  std::vector<StageChunk> out;
  const long L = p.model.layers, first = p.first_stage_extra_slots;
  const long chunks = p.pp * p.virtual_stages;
  const long slots = L + first + p.last_stage_extra_slots;
  const long per = std::max(1L, slots / chunks);
  for (long c = 0; c < chunks; ++c) {
    StageChunk k;
    k.chunk = c;
    k.stage = c % p.pp;
    const long s0 = c * per, s1 = (c == chunks - 1) ? slots : s0 + per;
    const long l0 = std::clamp(s0 - first, 0L, L), l1 = std::clamp(s1 - first, 0L, L);
    k.first_layer = l0;
    k.layers = l1 - l0;
    k.embedding = c == 0;
    k.head = c == chunks - 1;
    out.push_back(k);
  }
  return out;
}

std::vector<StageChunk> chunks_of_stage(const TrainingPlan& p, long stage) {
  std::vector<StageChunk> out;
  for (const auto& c : pipeline_layout(p))
    if (c.stage == stage) out.push_back(c);
  return out;
}

std::vector<long> stages_held(const TrainingPlan& p, long stage) {
  if (p.schedule == PipelineSchedule::DualPipe && p.pp > 1) return {stage, p.pp - 1 - stage};
  return {stage};
}

}  // namespace ascendsim
