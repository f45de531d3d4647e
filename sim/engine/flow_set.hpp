// A set of concurrent point-to-point flows between chips, with phases and dependencies: the shape
// the step executor hands to the network simulation for one MoE dispatch/combine, one pipeline hop,
// one data-parallel bucket, or two such patterns overlapped. Pure description and validation; the
// SimGrid run lives in comm_simulation.cpp. Flows share links max-min fairly (SimGrid CM02).
#pragma once
#include <string>
#include <vector>

namespace ascendsim {

struct Flow {
  int src_chip = 0;      // chip_index of the sender (host property chip_index)
  int dst_chip = 0;      // chip_index of the receiver; src == dst or bytes == 0 finishes at its start
  double bytes = 0;
  int phase = 0;         // index into FlowSet::phases (phase 0 exists even when `phases` is empty)
  double delay_s = 0;    // extra wait after the flow is otherwise ready
  int after_flow = -1;   // index of an earlier flow (< own index) that must finish first, or -1
};

struct FlowPhase {
  std::vector<int> after_phases;  // earlier phases (< own index) whose flows must all finish first
  double delay_s = 0;             // then this much more (e.g. expert compute between dispatch and combine)
};

// Phase start = max(finish of after_phases, 0) + phase delay; a phase finishes when all its flows
// have (an empty phase finishes at its start). Flow start = max(phase start, finish of after_flow)
// + flow delay. Times are relative to the start of the pattern.
struct FlowSet {
  std::vector<Flow> flows;
  std::vector<FlowPhase> phases;  // empty: one phase 0 starting at time 0
};

struct FlowSetResult {
  double makespan_s = 0;               // latest finish over flows and phases
  std::vector<double> start_s;         // per flow, when it was started
  std::vector<double> finish_s;        // per flow
  std::vector<double> phase_start_s;   // per phase
  std::vector<double> phase_finish_s;  // per phase
};

// Throws std::invalid_argument naming the flow or phase when an index is out of range, a
// dependency points forward (cycles are impossible by construction), or a size/delay is negative
// or not finite. `chip_count` bounds the chip indices.
void validate_flow_set(const FlowSet& set, int chip_count);

}  // namespace ascendsim
