// See ep_alltoall.hpp. Two sizes per pool: 64 KiB and 64 MiB per NPU, pairwise algorithm (160 steps
// of 160 flows: 0.4 s; SimGrid's direct all-at-once version takes 9-18 s for 25k concurrent flows at
// 160 NPUs); the affine fit gives the direct algorithm's alpha + (n-1)/n S/B.
#include "sim/serving/ep_alltoall.hpp"

#include <numeric>

#include "sim/engine/comm_simulation.hpp"

namespace ascendsim {

namespace {
constexpr double kSmallBytes = 64.0 * 1024;
constexpr double kLargeBytes = 64.0 * 1024 * 1024;

CollectiveSpec spec(long first, long npus, double bytes) {
  CollectiveSpec c;
  c.op = CollectiveOp::AllToAll;
  c.algorithm = CollectiveAlgorithm::Pairwise;
  c.chips.resize(npus);
  std::iota(c.chips.begin(), c.chips.end(), static_cast<int>(first));
  c.bytes = bytes;
  return c;
}
}  // namespace

EpCommFit fit_ep_alltoall(const std::string& platform_path, const ServingModel& s) {
  const Deployment& d = s.dep;
  const long decode_npus = d.decode.instances * d.decode.npus_per_instance;
  const long prefill_npus = d.prefill.instances * d.prefill.npus_per_instance;
  const PlatformChipSummary summary = summarize_platform_chips(platform_path);
  if (decode_npus + prefill_npus > summary.chip_count)
    throw InputError(SourceLocation{d.file, 0, 0}, "prefill.instances",
                     "deployment needs " + std::to_string(prefill_npus) + " prefill + " + std::to_string(decode_npus) +
                         " decode NPUs, platform " + platform_path + " has " + std::to_string(summary.chip_count));
  const double dies = std::max(1, s.chip.dies);
  std::vector<CommPattern> patterns;
  const long dn = d.decode.npus_per_instance, pn = d.prefill.npus_per_instance;
  const bool decode_ep = d.decode.ep > 1 && dn > 1, prefill_ep = d.prefill.ep > 1 && pn > 1;
  if (decode_ep) {
    patterns.push_back(spec(0, dn, kSmallBytes));
    patterns.push_back(spec(0, dn, kLargeBytes));
  }
  if (prefill_ep) {
    patterns.push_back(spec(decode_npus, pn, kSmallBytes));
    patterns.push_back(spec(decode_npus, pn, kLargeBytes));
  }
  EpCommFit fit;
  if (patterns.empty()) return fit;
  const auto results = simulate_comm_patterns(platform_path, patterns);
  auto affine = [&](size_t i) {
    const auto& a = std::get<CollectiveResult>(results[i]);
    const auto& b = std::get<CollectiveResult>(results[i + 1]);
    fit.simulated_messages += static_cast<long>(a.messages + b.messages);
    AllToAllModel m;
    const double per_byte_npu = (b.time_s - a.time_s) / (kLargeBytes - kSmallBytes);
    m.seconds_per_byte = per_byte_npu * dies;  // a die's bytes: its NPU sends dies x as much
    // Pairwise pays the route latency once per step (n - 1 steps); the fused dispatch posts every
    // send at once (direct), which pays it once. Same bandwidth term (n-1)/n S/B for both.
    m.latency_s = (a.time_s - kSmallBytes * per_byte_npu) / double(std::max(1, a.ranks - 1));
    return m;
  };
  size_t i = 0;
  if (decode_ep) { fit.decode = affine(i); i += 2; }
  if (prefill_ep) fit.prefill = affine(i);
  return fit;
}

}  // namespace ascendsim
