// Closed forms for expert-parallel traffic at a decode or prefill batch (pure math, no engine):
// how many of a die's local experts a batch touches (weights streamed per step), how many distinct
// EP ranks a die's tokens go to (one message each in the fused dispatch / combine), and the
// per-message cost of the all-to-all derived from CloudMatrix-Infer's operator measurement.
#pragma once

namespace ascendsim {

// Expected number of a rank's `local_experts` that at least one of `group_tokens` tokens routes to,
// when each token picks `top_k` distinct experts of `experts` uniformly (balanced routing, EPLB):
// P(an expert is missed by one token) = 1 - k/E, so touched = local * (1 - (1 - k/E)^T).
double expected_experts_touched(double local_experts, double experts, double top_k, double group_tokens);

// Expected number of distinct routed-expert ranks `tokens` tokens of one rank are sent to, when
// `routed_ranks` ranks each hold `slots_per_rank` of `slots` expert replicas and each token goes to
// `top_k` distinct ones: p = 1 - prod_{i<k} (1 - s/(S - i)) per token and rank (s = slots_per_rank,
// S = slots), ranks * (1 - (1 - p)^n) for n tokens.
double expected_destination_ranks(double routed_ranks, double slots_per_rank, double slots, double top_k,
                                  double tokens);

// Per-message cost of FusedDispatch and FusedCombine (seconds per destination rank), derived from the
// one operator measurement CloudMatrix-Infer publishes (arXiv 2506.12708, operator benchmarks):
// at EP256 with 128 tokens per rank, top-8, h = 7,168, dispatch reaches 54 GB/s and combine 103 GB/s
// per die against the 196 GB/s UB share of a die. The measured time minus the wire time at 196 GB/s
// is the software cost of the ~252 messages (expected_destination_ranks at that point,
// 256 (1 - (1 - 8/256)^128) = 251.6):
//   dispatch: 128*8*7,680 B / 54 GB/s = 145.6 us; wire 40.1 us; 105.5 us / 251.6 = 0.419 us
//   combine:  128*8*14,336 B / 103 GB/s = 142.5 us; wire 74.9 us; 67.6 us / 251.6 = 0.269 us
// `dispatch_fraction`, `combine_fraction`: the catalogue's serving_dispatch (54/196) and
// serving_combine (103/196). Applying the 910C's per-message cost to other chips is an assumption.
struct A2aMessageCost {
  double dispatch_s = 0;
  double combine_s = 0;
};
A2aMessageCost a2a_message_cost(double dispatch_fraction, double combine_fraction);

}  // namespace ascendsim
