// Emits Span records (sim/trace/span.hpp) for one step: rows "stage S/chip C" (chip id and node in
// attrs so chip filters and writers can group rows), categories compute, comm.tp, comm.ep, comm.dp,
// optimizer. Each op's time is laid out as compute, then its exposed communication.
#include "sim/engine/step_trace.hpp"

#include <algorithm>
#include <string>

namespace ascendsim {

Trace step_trace(const TrainingPlan& p, const PlatformSpec& spec, const PipelineResult& pr,
                 const std::vector<StepOpSplit>& fwd, const std::vector<StepOpSplit>& bwd, const StepCommTimes& comm,
                 double optimizer_s, double step_time_s) {
  const RankPlacement place{p.tp, p.dp, p.pp};
  Trace t;
  auto row = [&](int device) {
    const int chip = place.chip(0, 0, device);
    return std::make_pair("stage " + std::to_string(device) + "/chip " + std::to_string(chip), chip);
  };
  auto add = [&](int device, const char* cat, const std::string& name, double a, double b,
                 std::vector<std::pair<std::string, std::string>> attrs) {
    if (b <= a) return;
    auto [res, chip] = row(device);
    attrs.emplace_back("chip", std::to_string(chip));
    attrs.emplace_back("node", std::to_string(chip / spec.chips_per_node));
    attrs.emplace_back("replicas", std::to_string(p.tp * p.dp));
    t.add(Span{res, cat, name, a, b, std::move(attrs)});
  };
  std::vector<double> end(size_t(p.pp), 0), last_b(size_t(p.pp), 0);
  for (const auto& op : pr.ops) {
    const StepOpSplit& s = op.backward ? bwd[size_t(op.chunk)] : fwd[size_t(op.chunk)];
    const std::string what = std::string(op.backward ? "B" : "F") + std::to_string(op.microbatch) + " chunk " +
                             std::to_string(op.chunk) + (p.schedule == PipelineSchedule::DualPipe
                                                             ? " dir " + std::to_string(op.direction) : "");
    std::vector<std::pair<std::string, std::string>> attrs{{"microbatch", std::to_string(op.microbatch)},
                                                           {"chunk", std::to_string(op.chunk)}};
    if (op.critical) attrs.emplace_back("critical", "1");
    double x = op.start_s;
    add(op.device, "compute", what, x, x + s.compute_s, attrs);
    x += s.compute_s;
    add(op.device, "comm.tp", what + " TP", x, x + s.tp_s, attrs);
    x += s.tp_s;
    add(op.device, "comm.ep", what + " EP", x, x + s.ep_s, attrs);
    x += s.ep_s;
    add(op.device, "comm.dp", what + " ZeRO-3", x, x + s.dp_s, attrs);
    if (op.backward && op.end_s >= end[size_t(op.device)])
      end[size_t(op.device)] = op.end_s, last_b[size_t(op.device)] = op.end_s - op.start_s;
  }
  (void)step_time_s;
  for (int d = 0; d < int(p.pp); ++d) {
    // Buckets reduce while the last backward runs; the part that does not fit is exposed.
    const double red = comm.dp_reduce_s[size_t(d)], e = end[size_t(d)], w = last_b[size_t(d)];
    const double tail = e + std::max(0.0, red - w);
    add(d, "comm.dp", "gradient reduction", e - std::min(red, w), tail, {});
    add(d, "optimizer", "optimizer", tail, tail + optimizer_s, {});
  }
  return t;
}

}  // namespace ascendsim
