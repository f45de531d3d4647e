// Step composition (step_compose.hpp): exposure of each communication under the plan's overlap
// options, the pipeline schedule twice (with and without the PP hop), then the DP tail.
#include "sim/engine/step_compose.hpp"

#include <algorithm>

namespace ascendsim {

namespace {

PipelineKind pipeline_kind(PipelineSchedule s) {
  switch (s) {
    case PipelineSchedule::OneFOneB: return PipelineKind::OneFOneB;
    case PipelineSchedule::Interleaved: return PipelineKind::Interleaved;
    case PipelineSchedule::DualPipe: return PipelineKind::DualPipe;
  }
  return PipelineKind::OneFOneB;
}

double share(double part, double whole, size_t n) { return whole > 0 ? part / whole : 1.0 / double(n); }

}  // namespace

double overlapped_exposure(double comm_s, double compute_s, double slowdown) {
  const double hidden = std::min(comm_s, compute_s);
  return (comm_s - hidden) + slowdown * hidden;
}

ComposedStep compose_step(const TrainingPlan& p, const StepCost& cost, const StepCommTimes& comm) {
  const OverlapOptions& ov = p.overlap;
  const double slow = ov.compute_slowdown;
  const size_t S = size_t(p.pp), C = cost.chunks.size();
  // A stage's communication is spread over its chunks by their FLOPs (not their times, so a slower
  // chip cannot move communication between chunks and shorten the critical path).
  std::vector<double> stage_w(S, 0);
  std::vector<size_t> stage_n(S, 0);
  for (const auto& c : cost.chunks) {
    stage_w[size_t(c.chunk.stage)] += c.forward_flops;
    stage_n[size_t(c.chunk.stage)] += 1;
  }
  const bool dual = p.schedule == PipelineSchedule::DualPipe;
  // DualPipe pairs a forward with a backward chunk only in the steady state: the first pp forwards
  // (warm-up) and last pp backwards (cool-down) of a device's m of each run alone.
  const double m = double(cost.microbatches);
  const double dual_paired = ov.dualpipe_steady_only ? std::max(0.0, (m - double(p.pp)) / m) : 1.0;
  // Megatron-Core combined 1F1B (--overlap-moe-expert-parallel-comm) pairs a forward with a
  // backward of an adjacent microbatch in the 1F1B steady state only: stage s runs Megatron's
  // warm-up count of forwards alone, pp−1−s (1F1B) or 2(pp−1−s) + (v−1)·pp (interleaved) of its
  // m·v forward ops, and as many backwards alone in the cool-down.
  auto paired_fraction = [&](size_t s) {
    if (dual) return dual_paired;
    if (!ov.ep_combined_1f1b) return 0.0;
    const double v = p.schedule == PipelineSchedule::Interleaved ? double(p.virtual_stages) : 1.0;
    const double ops = m * v, rest = double(p.pp) - 1 - double(s);
    const double warm = p.schedule == PipelineSchedule::Interleaved ? 2 * rest + (v - 1) * double(p.pp) : rest;
    return ops > 0 ? std::max(0.0, (ops - std::min(ops, warm)) / ops) : 0.0;
  };
  ComposedStep out;
  out.forward.resize(C);
  out.backward.resize(C);
  for (size_t i = 0; i < C; ++i) {
    const auto& c = cost.chunks[i];
    const size_t s = size_t(c.chunk.stage);
    const double fs = share(c.forward_flops, stage_w[s], stage_n[s]), bs = fs;
    OpParts& f = out.forward[i];
    OpParts& b = out.backward[i];
    f.compute = c.forward_s;
    b.compute = c.backward_s + c.recompute_s;
    // One op's compute hides its communication at most once: TP first (Megatron --tp-comm-overlap,
    // the all-gather / reduce-scatter under the op's GEMMs), then the ZeRO-3 prefetch in what is
    // left, then (DualPipe) the pair's all-to-all in what is left of both ops. Then an op's time is
    // compute + comm − (1 − slowdown) × hidden, non-decreasing in every duration.
    double wf = f.compute, wb = b.compute;  // compute windows still free to hide communication
    auto hide = [&](double comm_s, double& window, bool on) {
      if (!on) return comm_s;
      const double h = std::min(comm_s, window);
      window -= h;
      return comm_s - h + slow * h;
    };
    f.tp = hide(comm.tp_forward_s[s] * fs, wf, ov.tp_comm);
    b.tp = hide(comm.tp_backward_s[s] * bs, wb, ov.tp_comm);
    f.dp = hide(comm.dp_forward_s[s] * fs, wf, ov.zero_prefetch);
    b.dp = hide(comm.dp_backward_s[s] * bs, wb, ov.zero_prefetch);
    double ef = comm.ep_forward_s[s] * fs, eb = comm.ep_backward_s[s] * bs;
    const double paired = paired_fraction(s);
    if (paired > 0 && ef + eb > 0) {
      // A paired op's all-to-all (forward + backward) hides under the pair's remaining compute; the
      // exposure is split in proportion to each side's communication.
      const double e = ef + eb;
      double window = wf + wb;
      const double pair = hide(e, window, true);
      const double exposed = paired * pair + (1 - paired) * e;
      ef *= exposed / e, eb *= exposed / e;
    }
    f.ep = ef;
    b.ep = eb;
  }

  PipelineInput pin;
  pin.kind = pipeline_kind(p.schedule);
  pin.stages = int(p.pp);
  pin.microbatches = int(cost.microbatches);
  pin.virtual_stages = int(p.virtual_stages);
  for (size_t i = 0; i < C; ++i) {
    pin.forward_s.push_back(out.forward[i].total());
    pin.backward_s.push_back(out.backward[i].total());
  }
  pin.p2p_s = 0;
  const PipelineResult no_hop = simulate_pipeline(pin);
  pin.p2p_s = comm.pp_hop_s;
  out.pipeline = simulate_pipeline(pin);
  const PipelineResult& pr = out.pipeline;

  // Per device: busy split, end time, last backward, first forward, and each chunk's last backward.
  std::vector<OpParts> busy(S);
  std::vector<double> end(S, 0), last_b(S, 0), first_f(S, 0), first_start(S, 1e300);
  struct Last { double start = -1, end = -1, weight = 0; };
  std::vector<std::vector<Last>> last_of_chunk(S, std::vector<Last>(C * 2));
  for (const auto& op : pr.ops) {
    const size_t d = size_t(op.device);
    const OpParts& parts = op.backward ? out.backward[size_t(op.chunk)] : out.forward[size_t(op.chunk)];
    busy[d].compute += parts.compute, busy[d].tp += parts.tp, busy[d].ep += parts.ep, busy[d].dp += parts.dp;
    if (op.backward && op.end_s >= end[d]) end[d] = op.end_s, last_b[d] = op.end_s - op.start_s;
    if (!op.backward && op.start_s < first_start[d]) first_start[d] = op.start_s, first_f[d] = op.end_s - op.start_s;
    if (op.backward) {
      Last& l = last_of_chunk[d][size_t(op.chunk) * 2 + size_t(op.direction)];
      if (op.end_s > l.end) l = Last{op.start_s, op.end_s, cost.chunks[size_t(op.chunk)].forward_flops + 1e-300};
    }
  }
  size_t busiest = 0;
  for (size_t d = 0; d < S; ++d)
    if (busy[d].total() > busy[busiest].total()) busiest = d;

  // DP tail. Buckets (default, PyTorch DDP / Megatron --overlap-grad-reduce): a chunk's gradients
  // are final during its last backward op; its share of the reduction starts at that op's start
  // (buckets fill as it runs), runs after the previous chunk's, and ends no sooner than the op.
  // last_op: the whole reduction waits for, and hides only under, the device's last backward op.
  // Then the optimizer; the weight all-gather overlaps the next step's first forward op.
  double tail_end = pr.makespan_s;
  for (size_t d = 0; d < S; ++d) {
    const double r = comm.dp_reduce_s[d];
    // none (Megatron-LM without --overlap-grad-reduce): the reduction starts after the backward.
    double reduce_end = ov.dp_exposed ? end[d] + r : end[d] - last_b[d] + r;
    if (ov.dp_buckets) {
      std::vector<Last> ls;
      double total_w = 0;
      for (const auto& l : last_of_chunk[d])
        if (l.end >= 0) ls.push_back(l), total_w += l.weight;
      std::sort(ls.begin(), ls.end(), [](const Last& a, const Last& b) { return a.start < b.start; });
      double t = 0;
      for (const auto& l : ls) t = std::max(std::max(t, l.start) + r * l.weight / total_w, l.end);
      if (!ls.empty()) reduce_end = t;
    }
    reduce_end = std::max(reduce_end, end[d]);
    const double exposed = reduce_end - end[d];
    const double reduce_cost = exposed + slow * (r - std::min(r, exposed));
    const double g = comm.dp_gather_s[d];
    const double gather_cost = ov.zero_prefetch ? overlapped_exposure(g, first_f[d], slow) : g;
    tail_end = std::max(tail_end, end[d] + reduce_cost + cost.optimizer_s + gather_cost);
  }
  if (tail_end < pr.makespan_s + cost.optimizer_s) tail_end = pr.makespan_s + cost.optimizer_s;

  out.step_time_s = tail_end;
  StepBreakdown& bd = out.breakdown;
  bd.compute_s = busy[busiest].compute;
  bd.tp_s = busy[busiest].tp;
  bd.ep_s = busy[busiest].ep;
  bd.pp_s = std::max(0.0, pr.makespan_s - no_hop.makespan_s);
  bd.bubble_s = pr.makespan_s - busy[busiest].total() - bd.pp_s;
  bd.optimizer_s = cost.optimizer_s;
  bd.dp_s = busy[busiest].dp + std::max(0.0, tail_end - pr.makespan_s - cost.optimizer_s);
  return out;
}

}  // namespace ascendsim
