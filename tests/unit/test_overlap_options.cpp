// The [overlap] options added for issue 14's remaining misses, on hand-built steps whose times are
// worked out below: ep_comm = "combined_1f1b" (Megatron-Core --overlap-moe-expert-parallel-comm:
// steady-state ops hide the paired microbatch's all-to-all, Megatron's warm-up ops run alone) and
// dp_reduce = "none" (Megatron-LM without --overlap-grad-reduce: the reduction after the backward),
// and the closed-form exposed communication that pre-ranks `plan` candidates (analytic_comm.hpp).
#include <catch2/catch.hpp>

#include "sim/engine/step_compose.hpp"
#include "sim/workload/analytic_comm.hpp"

using namespace ascendsim;

namespace {

// pp stages, one chunk each, m microbatches: forward 1 s, backward 2 s, EP 0.5 s each way per
// microbatch, slowdown 0.1 while overlapped.
struct Hand {
  TrainingPlan plan;
  StepCost cost;
  StepCommTimes comm;
};

Hand hand(long pp, long m) {
  Hand h;
  h.plan.pp = pp;
  h.plan.schedule = PipelineSchedule::OneFOneB;
  h.plan.virtual_stages = 1;
  h.plan.overlap.compute_slowdown = 0.1;
  h.cost.microbatches = m;
  for (long s = 0; s < pp; ++s) {
    ChunkCost c;
    c.chunk.stage = s;
    c.chunk.chunk = s;
    c.forward_s = 1, c.backward_s = 2, c.forward_flops = 1e12;
    h.cost.chunks.push_back(c);
  }
  const size_t S = size_t(pp);
  for (auto* v : {&h.comm.tp_forward_s, &h.comm.tp_backward_s, &h.comm.dp_forward_s, &h.comm.dp_backward_s,
                  &h.comm.dp_reduce_s, &h.comm.dp_gather_s})
    v->assign(S, 0.0);
  h.comm.ep_forward_s.assign(S, 0.5);
  h.comm.ep_backward_s.assign(S, 0.5);
  return h;
}

}  // namespace

TEST_CASE("ep_comm combined_1f1b: steady-state ops hide the all-to-all, warm-up ops expose it", "[overlap]") {
  SECTION("one stage: every op is in the steady state") {
    Hand h = hand(1, 4);
    // Off (Megatron-Core's default): 4 x (1 + 0.5 + 2 + 0.5) = 16 s.
    CHECK(compose_step(h.plan, h.cost, h.comm).step_time_s == Approx(16.0).epsilon(1e-12));
    h.plan.overlap.ep_combined_1f1b = true;
    // On: the pair's 1 s of all-to-all hides under its 3 s of compute, paying 0.1 x 1 s:
    // 4 x (1 + 2 + 0.1) = 12.4 s; the breakdown's EP is the 0.4 s of slowdown.
    const ComposedStep c = compose_step(h.plan, h.cost, h.comm);
    CHECK(c.step_time_s == Approx(12.4).epsilon(1e-12));
    CHECK(c.breakdown.ep_s == Approx(0.4).epsilon(1e-12));
  }
  SECTION("two stages: stage 0 runs pp - 1 - 0 = 1 of its 4 forwards in the warm-up") {
    Hand h = hand(2, 4);
    h.plan.overlap.ep_combined_1f1b = true;
    const ComposedStep c = compose_step(h.plan, h.cost, h.comm);
    // Stage 0: 3/4 paired -> exposed 0.75 x 0.1 + 0.25 x 1 = 0.325 s per microbatch, half forward.
    CHECK(c.forward[0].ep == Approx(0.1625).epsilon(1e-12));
    CHECK(c.backward[0].ep == Approx(0.1625).epsilon(1e-12));
    // Stage 1 (last): no warm-up, all paired -> 0.1 s, 0.05 each way.
    CHECK(c.forward[1].ep == Approx(0.05).epsilon(1e-12));
  }
  SECTION("DualPipe keeps its own pairing whatever ep_comm says") {
    Hand h = hand(1, 4);
    h.plan.schedule = PipelineSchedule::DualPipe;
    const double off = compose_step(h.plan, h.cost, h.comm).step_time_s;
    h.plan.overlap.ep_combined_1f1b = true;
    CHECK(compose_step(h.plan, h.cost, h.comm).step_time_s == Approx(off).epsilon(1e-12));
  }
}

TEST_CASE("dp_reduce none: the whole gradient reduction follows the backward", "[overlap]") {
  Hand h = hand(1, 4);
  h.comm.ep_forward_s.assign(1, 0.0);
  h.comm.ep_backward_s.assign(1, 0.0);
  h.comm.dp_reduce_s.assign(1, 2.0);
  h.plan.overlap.dp_buckets = false;
  // last_op: the 2 s reduction starts with the last 2 s backward and ends with it; only the
  // slowdown 0.1 x 2 s shows: 4 x 3 + 0.2 = 12.2 s.
  CHECK(compose_step(h.plan, h.cost, h.comm).step_time_s == Approx(12.2).epsilon(1e-12));
  h.plan.overlap.dp_exposed = true;
  // none: 4 x 3 + 2 = 14 s, all of it DP in the breakdown.
  const ComposedStep c = compose_step(h.plan, h.cost, h.comm);
  CHECK(c.step_time_s == Approx(14.0).epsilon(1e-12));
  CHECK(c.breakdown.dp_s == Approx(2.0).epsilon(1e-12));
}

TEST_CASE("analytic exposed communication for the plan pre-ranking, worked by hand", "[overlap]") {
  TrainingPlan p;
  p.pp = 1;
  p.schedule = PipelineSchedule::OneFOneB;
  p.overlap.compute_slowdown = 0.1;
  StepCost cost;
  cost.microbatches = 4;
  StageCost st;
  st.forward_s = 1, st.backward_s = 2;
  cost.stages.push_back(st);
  cost.analytic_compute_time_s = 3 * 4;  // one stage: 4 microbatches x 3 s, no bubble, no optimizer
  CommVolume tp;  // ring all-reduce of 1 GB over 4 chips, twice per microbatch forward
  tp.kind = CommKind::TP, tp.op = CollectiveOp::AllReduce, tp.phase = CommPhase::Forward;
  tp.group_size = 4, tp.bytes = 1e9, tp.count = 2;
  CommVolume dp;  // gradient all-reduce of 1 GB over 2 chips, once per step
  dp.kind = CommKind::DP, dp.op = CollectiveOp::AllReduce, dp.phase = CommPhase::Step;
  dp.group_size = 2, dp.bytes = 1e9, dp.count = 1;
  cost.comms = {tp, dp};
  Chip c;
  c.scaleup_bandwidth_Bps = 100e9;
  c.scaleout_bandwidth_Bps = 10e9;
  // TP: 2 x 1e9 x 2(3/4) / 100e9 = 0.03 s per microbatch, exposed, x 4 = 0.12 s; DP: 1e9 x 2(1/2)
  // / 10e9 = 0.1 s, bucketed (hidden, pays 0.1 x 0.1 = 0.01 s).
  CHECK(bandwidth_time_s(tp, 100e9) == Approx(0.015).epsilon(1e-12));
  CHECK(analytic_exposed_comm_s(p, cost, c) == Approx(0.13).epsilon(1e-12));
  p.overlap.tp_comm = true;  // TP hidden: 0.1 x 0.12 = 0.012
  CHECK(analytic_exposed_comm_s(p, cost, c) == Approx(0.022).epsilon(1e-12));
  p.overlap.dp_buckets = false, p.overlap.dp_exposed = true;  // reduce after the backward: 0.1
  CHECK(analytic_exposed_comm_s(p, cost, c) == Approx(0.112).epsilon(1e-12));
}
