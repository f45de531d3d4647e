// Pipeline-parallel schedules as an event-driven list schedule over per-stage devices: 1F1B,
// interleaved 1F1B (Megatron virtual stages), GPipe, and a DualPipe-style bidirectional schedule
// (DeepSeek-V3 report: two pipelines in opposite directions, each device holding one stage of
// each). Each device runs one op at a time. 1F1B, interleaved and GPipe follow Megatron-LM's fixed
// per-device op order (warm-up forwards, one-forward-one-backward, cool-down backwards); DualPipe's
// order comes from a greedy list schedule (backward first, at most p - s microbatches of each
// direction in flight on a device's stage s) run once with unit durations, then held fixed, so
// every schedule is a fixed DAG and its makespan is monotone in every duration. The realised schedule is
// then built as a Boost.Graph DAG (data dependencies plus device order) whose longest path is the
// step's pipeline time; that path is the critical path reported in traces.
#pragma once
#include <string>
#include <vector>

namespace ascendsim {

enum class PipelineKind { GPipe, OneFOneB, Interleaved, DualPipe };
const char* pipeline_kind_name(PipelineKind k);

struct PipelineInput {
  PipelineKind kind = PipelineKind::OneFOneB;
  int stages = 1;          // p: pipeline-parallel degree (devices along the pipeline)
  int microbatches = 1;    // m per step (DualPipe: split evenly between the two directions)
  int virtual_stages = 1;  // v: chunks per device (interleaved); DualPipe uses 2 (one per direction)
  // Per chunk (p * v chunks in pipeline order; chunk c runs on device c % p, DualPipe's second
  // direction on device p - 1 - c % p), time of one microbatch's forward and backward.
  std::vector<double> forward_s;
  std::vector<double> backward_s;
  double p2p_s = 0;  // activation / gradient hand-off between consecutive chunks, per microbatch
};

struct PipelineOp {
  int device = 0;
  int chunk = 0;
  int direction = 0;  // DualPipe: 0 or 1
  int microbatch = 0;
  bool backward = false;
  double start_s = 0;
  double end_s = 0;
  bool critical = false;  // on the longest path
};

struct PipelineResult {
  double makespan_s = 0;          // first forward start to last backward end
  double max_device_busy_s = 0;   // compute time of the busiest device
  double bubble_s = 0;            // makespan - busiest device's compute
  double critical_path_s = 0;     // longest path in the realised DAG (equals makespan)
  std::vector<PipelineOp> ops;
};

// Throws std::invalid_argument on inconsistent sizes (the plan loader reports user errors first).
PipelineResult simulate_pipeline(const PipelineInput& in);

}  // namespace ascendsim
