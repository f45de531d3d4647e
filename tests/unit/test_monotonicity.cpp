// Property tests (issue 14): over 200+ random legal plans and models (fixed seed), a slower chip
// (precision peak, matmul/attention/HBM efficiency), slower HBM, a slower network link or one more
// layer never shortens the step; with network cost zero, more DP ranks at the same global batch
// never lower tokens/s; node-limited EP (hierarchical dispatch) is monotone too and never slower
// than the flat all-to-all. Pure functions only: step_cost + compose_step with communication times from an alpha-free ring/all-to-all bandwidth model of the plan's own volumes (no SimGrid).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "sim/engine/step_compose.hpp"
#include "sim/workload/comm_volume.hpp"
#include "sim/workload/plan_check.hpp"

using namespace ascendsim;

namespace {

struct Case {
  TrainingPlan plan;
  Chip chip;
  EfficiencyFactors eff{0.7, 0.7, 0.8};
  double link_Bps = 50e9;  // 0 = free network
  // > 0: EP groups span nodes of this many ranks; node-limited models use the hierarchical split
  // (comm_volume.hpp ep_node_split) with scale-up links 4x the scale-out link.
  long ranks_per_node = 0;
};

// Bandwidth-only time of one collective per rank: ring all-reduce 2(g-1)/g, gather/scatter and
// all-to-all (g-1)/g of the bytes, send/recv the bytes.
double comm_time(const CommVolume& v, double link_Bps) {
  if (link_Bps <= 0) return 0;
  const double g = double(v.group_size);
  double f = 1;
  switch (v.op) {
    case CollectiveOp::AllReduce: f = 2 * (g - 1) / g; break;
    case CollectiveOp::SendRecv: f = 1; break;
    default: f = (g - 1) / g; break;
  }
  return v.bytes * f / link_Bps;
}

// Node-limited EP: scale-out to each other node and scale-up to each node peer at once.
double ep_hierarchical_time(const TrainingPlan& p, const CommVolume& v, long ranks_per_node, double link_Bps) {
  const EpNodeSplit s = ep_node_split(p.model, p.ep, ranks_per_node);
  if (!s.hierarchical || link_Bps <= 0) return comm_time(v, link_Bps);
  const double out = s.scale_out_bytes_per_node(v.bytes, p.model.top_k) * double(s.nodes - 1) / link_Bps;
  const double up = s.scale_up_bytes_per_peer(v.bytes) * double(s.ranks_per_node - 1) / (4 * link_Bps);
  return std::max(out, up);
}

StepCommTimes comm_times(const TrainingPlan& p, double link_Bps, long ranks_per_node = 0) {
  StepCommTimes c;
  const size_t S = size_t(p.pp);
  for (auto* v : {&c.tp_forward_s, &c.tp_backward_s, &c.ep_forward_s, &c.ep_backward_s, &c.dp_forward_s,
                  &c.dp_backward_s, &c.dp_reduce_s, &c.dp_gather_s})
    v->assign(S, 0.0);
  for (const auto& v : comm_volumes(p)) {
    const size_t s = size_t(v.stage);
    const double t = (v.kind == CommKind::EP && ranks_per_node > 0 ? ep_hierarchical_time(p, v, ranks_per_node, link_Bps)
                                                                    : comm_time(v, link_Bps)) *
                     v.count;
    const bool fwd = v.phase == CommPhase::Forward;
    switch (v.kind) {
      case CommKind::TP: (fwd ? c.tp_forward_s : c.tp_backward_s)[s] += t; break;
      case CommKind::EP: (fwd ? c.ep_forward_s : c.ep_backward_s)[s] += t; break;
      case CommKind::PP: c.pp_hop_s = std::max(c.pp_hop_s, comm_time(v, link_Bps)); break;
      case CommKind::DP:
        if (v.phase == CommPhase::Step) (v.op == CollectiveOp::AllGather ? c.dp_gather_s : c.dp_reduce_s)[s] += t;
        else (fwd ? c.dp_forward_s : c.dp_backward_s)[s] += t;
        break;
    }
  }
  return c;
}

double step_time(const Case& k) {
  const StepCost cost = step_cost(k.plan, k.chip, k.eff);
  return compose_step(k.plan, cost, comm_times(k.plan, k.link_Bps, k.ranks_per_node)).step_time_s;
}

template <class T>
T pick(std::mt19937_64& rng, std::initializer_list<T> xs) {
  std::uniform_int_distribution<size_t> d(0, xs.size() - 1);
  return *(xs.begin() + d(rng));
}

Case random_case(std::mt19937_64& rng) {
  Case k;
  ModelShape& m = k.plan.model;
  m.name = "random";
  m.hidden = pick<long>(rng, {256, 512, 1024, 2048});
  m.vocab = pick<long>(rng, {1024, 4096, 32000});
  m.attention = AttentionKind::GQA;
  m.heads = pick<long>(rng, {8, 16, 32});
  m.gqa.head_dim = m.hidden / m.heads;
  m.gqa.kv_heads = pick<long>(rng, {8, 16});
  m.layers = pick<long>(rng, {2, 3, 4, 6, 8, 12});
  const bool moe = pick<int>(rng, {0, 1}) == 1;
  if (moe) {
    m.dense_layers = pick<long>(rng, {0, 1});
    m.dense_ffn = 4 * m.hidden;
    m.routed_experts = pick<long>(rng, {8, 16, 64});
    m.shared_experts = pick<long>(rng, {0, 1});
    m.top_k = pick<long>(rng, {1, 2, 4, 8});
    m.expert_ffn = pick<long>(rng, {128, 256, 512});
  } else {
    m.dense_ffn = pick<long>(rng, {1024, 2048, 4096, 8192});
  }
  TrainingPlan& p = k.plan;
  p.seq_len = pick<long>(rng, {512, 1024, 2048, 4096});
  p.tp = pick<long>(rng, {1, 2, 4, 8});
  p.pp = pick<long>(rng, {1, 2, 4});
  p.dp = pick<long>(rng, {1, 2, 4, 8});
  p.ep = moe ? pick<long>(rng, {1, 2, 4, 8}) : 1;
  p.chips = p.tp * p.pp * p.dp;
  p.micro_batch_sequences = pick<long>(rng, {1, 2});
  p.global_batch_sequences = p.dp * p.micro_batch_sequences * pick<long>(rng, {4, 8, 16});
  p.schedule = pick(rng, {PipelineSchedule::OneFOneB, PipelineSchedule::Interleaved, PipelineSchedule::DualPipe});
  p.virtual_stages = p.schedule == PipelineSchedule::Interleaved ? 2 : 1;
  p.zero_stage = pick<int>(rng, {0, 1, 3});
  p.recompute = pick(rng, {RecomputeKind::None, RecomputeKind::Selective, RecomputeKind::Full});
  p.sequence_parallel = p.tp > 1;
  p.precision = pick(rng, {Precision::BF16, Precision::FP8});
  p.optimizer = pick(rng, {OptimizerKind::AdamW, OptimizerKind::Muon});
  p.overlap.tp_comm = pick<int>(rng, {0, 1}) == 1;
  const int dp_reduce = pick<int>(rng, {0, 1, 2});  // buckets, last_op, none
  p.overlap.dp_buckets = dp_reduce == 0;
  p.overlap.dp_exposed = dp_reduce == 2;
  p.overlap.ep_combined_1f1b = pick<int>(rng, {0, 1}) == 1;
  p.overlap.dualpipe_steady_only = pick<int>(rng, {0, 1}) == 1;
  p.routing_skew = pick<double>(rng, {0.0, 0.06, 0.3});
  Chip& c = k.chip;
  c.name = "random-chip";
  c.peak_flops[Precision::BF16] = pick<double>(rng, {100e12, 400e12, 1000e12});
  c.peak_flops[Precision::FP8] = 2 * c.peak_flops[Precision::BF16].nominal;
  c.hbm_bandwidth_Bps = pick<double>(rng, {1e12, 3e12});
  c.hbm_capacity_B = 1e15;
  c.gemm = GemmCores{pick<int>(rng, {24, 108, 132}), 128, pick<int>(rng, {128, 256}), pick<int>(rng, {16, 64})};
  k.link_Bps = pick<double>(rng, {25e9, 100e9, 400e9});
  return k;
}

bool legal(const TrainingPlan& p) { return plan_problems(p).empty(); }

}  // namespace

TEST_CASE("property: slower hardware or one more layer never shortens the step", "[property]") {
  std::mt19937_64 rng(20261204);
  int cases = 0, layer_cases = 0;
  for (int tries = 0; cases < 200 && tries < 20000; ++tries) {
    Case k = random_case(rng);
    if (!legal(k.plan)) continue;
    ++cases;
    const double base = step_time(k);
    REQUIRE(base > 0);
    {  // the breakdown sums exactly to the step time
      const StepCost cost = step_cost(k.plan, k.chip, k.eff);
      const ComposedStep cs = compose_step(k.plan, cost, comm_times(k.plan, k.link_Bps));
      const StepBreakdown& b = cs.breakdown;
      const double sum = b.compute_s + b.tp_s + b.ep_s + b.pp_s + b.dp_s + b.bubble_s + b.optimizer_s;
      CHECK(sum == Catch::Detail::Approx(cs.step_time_s).epsilon(1e-9));
    }
    auto no_faster = [&](const Case& slower, const char* what) {
      const double t = step_time(slower);
      const TrainingPlan& q = k.plan;
      INFO(what << " case " << cases << ": base " << base << " s, slower " << t << " s; " << schedule_name(q.schedule)
                << " tp " << q.tp << " pp " << q.pp << " dp " << q.dp << " ep " << q.ep << " zero " << q.zero_stage
                << " recompute " << recompute_name(q.recompute) << " tp_overlap " << q.overlap.tp_comm << " buckets "
                << q.overlap.dp_buckets << " dp_none " << q.overlap.dp_exposed << " ep_1f1b "
                << q.overlap.ep_combined_1f1b << " steady " << q.overlap.dualpipe_steady_only << " mbs "
                << q.derived_microbatches() << " layers " << q.model.layers << " moe " << q.model.is_moe());
      CHECK(t >= base * (1 - 1e-12));
    };
    for (Precision pr : {Precision::BF16, Precision::FP8}) {
      Case s = k;
      s.chip.peak_flops[pr] = s.chip.peak_flops[pr].nominal * 0.7;
      no_faster(s, "lower peak");
    }
    Case s = k;
    s.eff.matmul *= 0.7;
    no_faster(s, "lower matmul efficiency");
    s = k;
    s.eff.attention *= 0.7;
    no_faster(s, "lower attention efficiency");
    s = k;
    s.eff.hbm *= 0.7;
    no_faster(s, "lower HBM efficiency");
    s = k;
    s.chip.hbm_bandwidth_Bps = s.chip.hbm_bandwidth_Bps.nominal * 0.7;
    no_faster(s, "slower HBM");
    s = k;
    s.link_Bps *= 0.7;
    no_faster(s, "slower link");
    s = k;
    s.plan.model.layers += 1;
    if (legal(s.plan)) {
      ++layer_cases;
      no_faster(s, "one more layer");
    }
  }
  CHECK(cases == 200);
  CHECK(layer_cases >= 35);  // 37 of the 200 stay legal with one more layer (seed 20261204)
}

TEST_CASE("property: with free network, more DP ranks at the same batch never lower tokens/s", "[property]") {
  std::mt19937_64 rng(4052026);
  int cases = 0;
  for (int tries = 0; cases < 200 && tries < 20000; ++tries) {
    Case k = random_case(rng);
    k.link_Bps = 0;
    k.plan.global_batch_sequences *= 2;  // so that 2 x dp still divides it
    if (!legal(k.plan)) continue;
    Case w = k;
    w.plan.dp *= 2;
    w.plan.chips *= 2;
    if (!legal(w.plan)) continue;
    ++cases;
    const double tps = k.plan.tokens_per_step() / step_time(k);
    const double tps2 = w.plan.tokens_per_step() / step_time(w);
    INFO("case " << cases << ": dp " << k.plan.dp << " " << tps << " tok/s, dp " << w.plan.dp << " " << tps2);
    CHECK(tps2 >= tps * (1 - 1e-12));
  }
  CHECK(cases == 200);
}

TEST_CASE("property: node-limited routing is monotone and never slower than the flat all-to-all", "[property]") {
  std::mt19937_64 rng(14141414);
  int cases = 0, hierarchical = 0;
  for (int tries = 0; cases < 200 && tries < 40000; ++tries) {
    Case k = random_case(rng);
    ModelShape& m = k.plan.model;
    if (!m.is_moe() || k.plan.ep < 2) continue;
    // Groups of whole experts; the fewest groups per token that still hold top_k experts, or more.
    m.expert_groups = pick<long>(rng, {2, 4, 8});
    const long per_group = m.routed_experts / m.expert_groups;
    const long least = (m.top_k + per_group - 1) / per_group;
    std::uniform_int_distribution<long> d(least, m.expert_groups);
    m.max_groups_per_token = d(rng);
    k.ranks_per_node = pick<long>(rng, {1, 2, 4});
    if (!legal(k.plan)) continue;
    ++cases;
    if (ep_node_split(m, k.plan.ep, k.ranks_per_node).hierarchical) ++hierarchical;
    const double base = step_time(k);
    INFO("case " << cases << ": ep " << k.plan.ep << " experts " << m.routed_experts << " top " << m.top_k << " groups "
                 << m.expert_groups << "/" << m.max_groups_per_token << " ranks/node " << k.ranks_per_node);
    Case flat = k;
    flat.ranks_per_node = 0;
    CHECK(base <= step_time(flat) * (1 + 1e-12));
    Case s = k;
    s.link_Bps *= 0.7;
    CHECK(step_time(s) >= base * (1 - 1e-12));
    s = k;
    s.chip.peak_flops[Precision::BF16] = s.chip.peak_flops[Precision::BF16].nominal * 0.7;
    s.chip.peak_flops[Precision::FP8] = s.chip.peak_flops[Precision::FP8].nominal * 0.7;
    CHECK(step_time(s) >= base * (1 - 1e-12));
    s = k;
    s.plan.model.layers += 1;
    if (legal(s.plan)) CHECK(step_time(s) >= base * (1 - 1e-12));
  }
  CHECK(cases == 200);
  CHECK(hierarchical >= 100);  // most cases span nodes (ep >= 2 ranks per node x 2)
}
