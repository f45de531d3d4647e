// Pipeline schedules against their closed forms (Narayanan et al. 2021 for 1F1B and interleaved;
// GPipe, Huang et al. 2019), and the Boost.Graph longest path against the realised makespan.
#include <catch2/catch.hpp>

#include "sim/workload/pipeline_schedule.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

static PipelineInput uniform(PipelineKind kind, int p, int m, int v, double tf_stage, double tb_stage) {
  PipelineInput in;
  in.kind = kind;
  in.stages = p;
  in.microbatches = m;
  in.virtual_stages = v;
  const int chunks = p * (kind == PipelineKind::Interleaved ? v : 1);
  const double share = kind == PipelineKind::Interleaved ? 1.0 / v : 1.0;
  in.forward_s.assign(chunks, tf_stage * share);
  in.backward_s.assign(chunks, tb_stage * share);
  return in;
}

TEST_CASE("1F1B and GPipe without communication take (m + p - 1)(tf + tb)") {
  for (auto kind : {PipelineKind::OneFOneB, PipelineKind::GPipe}) {
    const auto r = simulate_pipeline(uniform(kind, 4, 8, 1, 1.0, 2.0));
    CHECK(r.makespan_s == Approx(33.0));           // (8 + 3) * 3
    CHECK(r.max_device_busy_s == Approx(24.0));    // 8 * 3
    CHECK(r.bubble_s == Approx(9.0));              // (p - 1)(tf + tb)
    CHECK(r.critical_path_s == Approx(r.makespan_s));
  }
}

TEST_CASE("1F1B keeps at most p - s microbatches in flight on stage s") {
  const int p = 4;
  const auto r = simulate_pipeline(uniform(PipelineKind::OneFOneB, p, 12, 1, 1.0, 2.0));
  for (int s = 0; s < p; ++s) {
    // Walk stage s's ops in time order counting forwards minus backwards.
    std::vector<std::pair<double, int>> events;
    for (const auto& op : r.ops)
      if (op.device == s) events.push_back({op.start_s, op.backward ? -1 : +1});
    std::sort(events.begin(), events.end());
    int live = 0, peak = 0;
    for (auto& e : events) { live += e.second; peak = std::max(peak, live); }
    CHECK(peak == p - s);
  }
}

TEST_CASE("one microbatch through p stages pays every hop twice") {
  auto in = uniform(PipelineKind::OneFOneB, 4, 1, 1, 1.0, 2.0);
  in.p2p_s = 0.25;
  const auto r = simulate_pipeline(in);
  CHECK(r.makespan_s == Approx(4 * 3.0 + 2 * 3 * 0.25));  // p(tf + tb) + 2(p - 1) p2p
  CHECK(r.critical_path_s == Approx(r.makespan_s));
}

TEST_CASE("interleaving v chunks divides the bubble by v") {
  // Megatron: bubble = (p - 1)(tf + tb) / v when m is a multiple of p.
  const auto r = simulate_pipeline(uniform(PipelineKind::Interleaved, 4, 8, 2, 1.0, 2.0));
  CHECK(r.max_device_busy_s == Approx(24.0));
  CHECK(r.bubble_s == Approx(9.0 / 2).epsilon(1e-9));
  CHECK(r.critical_path_s == Approx(r.makespan_s));
}

TEST_CASE("DualPipe does the same work as 1F1B with a smaller bubble") {
  const auto one = simulate_pipeline(uniform(PipelineKind::OneFOneB, 4, 8, 1, 1.0, 2.0));
  const auto dual = simulate_pipeline(uniform(PipelineKind::DualPipe, 4, 8, 1, 1.0, 2.0));
  CHECK(dual.max_device_busy_s == Approx(one.max_device_busy_s));
  CHECK(dual.bubble_s < one.bubble_s);
  CHECK(dual.critical_path_s == Approx(dual.makespan_s));
  // Both directions are used: device 0 runs chunk 0 of direction 0 and chunk p-1 of direction 1.
  bool saw_reverse_on_0 = false;
  for (const auto& op : dual.ops)
    if (op.device == 0 && op.direction == 1) saw_reverse_on_0 = (op.chunk == 3);
  CHECK(saw_reverse_on_0);
  CHECK_THROWS(simulate_pipeline(uniform(PipelineKind::DualPipe, 4, 7, 1, 1.0, 2.0)));
}
