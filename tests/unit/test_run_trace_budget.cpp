// Bounded run memory (issue 13, item 8): past RunTraceBudget's limit, spans of one resource and
// category are merged; nothing is lost (every event is counted in a merged span), the run's
// statistics do not depend on the trace, and a run under the limit keeps every span as before.
#include <catch2/catch.hpp>

#include "sim/run/run_model.hpp"
#include "sim/run/run_trace_budget.hpp"

using namespace ascendsim;

TEST_CASE("past the limit spans are merged per resource and category and every event is counted") {
  Trace t;
  RunTraceBudget b(&t, 20);  // 20 full spans, then groups of 64 (doubling every 20/4 = 5 merged spans)
  const int n = 20 + 64 * 5 + 128 * 2 + 3;  // 20 full, 5 groups of 64, 2 of 128, 3 left open
  for (int i = 0; i < n; ++i) b.add(Span{"job", "failure", "accelerator failure", double(i), double(i), {}});
  b.flush();
  REQUIRE(t.spans.size() == 20 + 5 + 2 + 1);
  long events = 0;
  for (std::size_t i = 0; i < t.spans.size(); ++i) {
    const Span& s = t.spans[i];
    long c = 1;
    for (const auto& [k, v] : s.attrs)
      if (k == "merged_events") c = std::stol(v);
    events += c;
  }
  CHECK(events == n);
  CHECK(t.spans[20].name == "failure x64");
  CHECK(t.spans[20].start_s == 20);
  CHECK(t.spans[20].end_s == 83);
  CHECK(t.spans[25].name == "failure x128");
  CHECK(t.spans[27].name == "failure x3");
  CHECK(b.merged_events() == static_cast<std::size_t>(n - 20));
}

TEST_CASE("a run's statistics are the same with and without its trace, and a short run keeps every span") {
  RunInputs in;
  in.chips_planned = 8;
  in.replica_chips = 8;
  in.tokens_per_step = 1;
  in.tokens = 2000 * 3600.0;  // 2,000 h of 1 s steps
  in.step_time_s = [](long) { return 1.0; };
  in.rates.of(Component::Software).rate_per_component_hour = Param(0.5);  // ~1,000 failures
  in.rates.of(Component::Software).components_per_job = 1;
  in.policy.failures.detection_s = Param(0.0);
  in.policy.failures.restart_s = Param(60.0);
  in.policy.checkpoint.interval_s = Param(3600.0);  // hourly checkpoints: a short trace
  in.seed = 7;
  in.record_trace = true;
  const RunResult with = simulate_run(in);
  in.record_trace = false;
  const RunResult without = simulate_run(in);
  CHECK(with.interruptions_total > 500);
  CHECK(with.interruptions_total == without.interruptions_total);
  CHECK(with.lost_work_s == without.lost_work_s);
  CHECK(with.duration_s == without.duration_s);
  CHECK(with.checkpoints_written == without.checkpoints_written);
  // Under the limit: one instant span per failure, none merged.
  long failures = 0;
  for (const auto& s : with.trace.spans) {
    if (s.category == "failure") ++failures;
    CHECK(s.name.find(" x") == std::string::npos);
  }
  CHECK(failures == with.interruptions_total);
  CHECK(with.trace.spans.size() < RunTraceBudget::kFullSpans);
}
