// A not_before date later-bound by what the node follows is reported (issue 15: the work start
// moved to 2025-11-15 was silently held to hardware-ready, 2025-11-27).
#include <catch2/catch.hpp>

#include "sim/scenario/input_clamps.hpp"
#include "sim/util/date.hpp"

using namespace ascendsim;

TEST_CASE("a not_before overruled by a predecessor is reported with both dates", "[keys]") {
  const double nov15 = static_cast<double>(days_from_civil(CivilDate{2025, 11, 15}));
  const double nov27 = static_cast<double>(days_from_civil(CivilDate{2025, 11, 27}));
  Scenario s;
  TimelineNode hw;
  hw.name = "hardware-ready";
  hw.milestone = true;
  hw.not_before_day = Param(nov27);
  TimelineNode ws;
  ws.name = "work-start";
  ws.milestone = true;
  ws.after.push_back(TimelineDependency{"hardware-ready", Param(0.0), {}});
  ws.not_before_day = Param(nov15);
  ws.not_before_day->key_path = "calendar.milestones.work-start.not_before";
  TimelineNode pre;
  pre.name = "pretraining";
  pre.after.push_back(TimelineDependency{"work-start", Param(0.0), {}});
  s.calendar.nodes = {hw, ws, pre};

  Schedule sched;
  sched.nodes.push_back(ScheduledNode{"hardware-ready", true, nov27, nov27, 0, "not_before"});
  sched.nodes.push_back(ScheduledNode{"work-start", true, nov27, nov27, 0, "after:hardware-ready"});
  const auto w = input_clamps(s, sched);
  REQUIRE(w.size() == 1);
  CHECK(w[0] == "calendar.milestones.work-start.not_before = 2025-11-15 is overruled by hardware-ready (2025-11-27): "
                "work-start is on 2025-11-27");
  CHECK(work_start_path(s) == "calendar.milestones.work-start.not_before");

  // Not clamped when its own date wins.
  sched.nodes[1] = ScheduledNode{"work-start", true, nov27 + 4, nov27 + 4, 0, "not_before"};
  s.calendar.nodes[1].not_before_day->nominal = nov27 + 4;
  CHECK(input_clamps(s, sched).empty());
}
