// Expert load imbalance: how many token-expert pairs the busiest expert-parallel rank receives,
// relative to the mean, for one MoE layer and one microbatch. Closed form, no sampling:
//   counts per rank ~ multinomial over ep ranks (mean P pairs, variance P (1 - 1/ep)) plus the spread
//   of the routing distribution itself (per-expert share std/mean `skew`; a rank's share sums L
//   independent local experts, so its std/mean is skew / sqrt(L)), and the expected maximum of ep
//   such counts is the mean + z(ep) standard deviations, z(ep) the expected maximum of ep standard
//   normals by Blom's approximation Φ⁻¹((ep − 0.375) / (ep + 0.25)).
//   max/mean = 1 + z(ep) · sqrt((1 − 1/ep) / P + skew² / L)
// The busiest rank sets the pace of the expert GEMMs and of the dispatch/combine all-to-all.
#pragma once

namespace ascendsim {

// Expected maximum of n independent standard normals (Blom 1958): 0 for n <= 1.
double expected_max_standard_normal(long n);

// max/mean pairs over ep ranks; 1 when ep <= 1. mean_pairs_per_rank > 0, local_experts >= 1.
double expert_load_imbalance(double mean_pairs_per_rank, long ep, long local_experts, double routing_skew);

// Default routing skew (std/mean of per-expert share within a step) under auxiliary-loss-free
// balancing; an assumption, explained where it is declared in workloads (docs/step.md).
inline constexpr double kDefaultRoutingSkew = 0.06;

}  // namespace ascendsim
