// Calendar level: a small milestone graph with dates, slacks and the critical path worked out by
// hand; blackout sliding; the publication window; located errors for cycles and unknown names.
#include <catch2/catch.hpp>

#include "sim/timeline/calendar.hpp"
#include "sim/util/date.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

static double day(int y, int m, int d) { return static_cast<double>(days_from_civil(CivilDate{y, m, d})); }

TEST_CASE("small graph: earliest dates, slack, critical path and verdict by hand") {
  const TimelineGraph g = load_timeline_file("tests/data/timeline-small.toml");
  ParamSampler nominal;
  const Schedule s = schedule_timeline(g, nominal);
  // start 2025-12-01; pretrain 45 d -> 2026-01-15; posttrain starts 2 d later (01-17), 20 d -> 02-06;
  // eval 01-15 -> 01-25; checkpoint waits for both: 02-06, observed 02-11 -> slack +5;
  // ready = checkpoint + 20 d = 02-26, must be ready by the end of the Two Sessions (03-12) -> +14;
  // launch right after ready (02-26, outside the blackout).
  CHECK(s.find("start")->finish_day == day(2025, 12, 1));
  CHECK(s.find("pretrain")->finish_day == day(2026, 1, 15));
  CHECK(s.find("posttrain")->start_day == day(2026, 1, 17));
  CHECK(s.find("posttrain")->finish_day == day(2026, 2, 6));
  CHECK(s.find("eval")->finish_day == day(2026, 1, 25));
  const ScheduledNode* cp = s.find("checkpoint-0211");
  CHECK(cp->finish_day == day(2026, 2, 6));
  CHECK(cp->driver == "after:posttrain");
  CHECK(cp->limit_kind == "observed");
  CHECK(*cp->slack_days == Approx(5));
  const ScheduledNode* ready = s.find("ready");
  CHECK(ready->finish_day == day(2026, 2, 26));
  CHECK(ready->limit_kind == "blackout-end");
  CHECK(*ready->slack_days == Approx(14));
  CHECK(s.find("launch")->finish_day == day(2026, 2, 26));
  CHECK_FALSE(s.find("eval")->critical);
  CHECK(s.critical_path == std::vector<std::string>{"start", "pretrain", "posttrain", "checkpoint-0211", "ready", "launch"});
  CHECK(s.fits);
  CHECK(*s.margin_days == Approx(5));
  CHECK(s.worst_node == "checkpoint-0211");
  CHECK(s.final_milestone == "launch");
}

static TimelineGraph two_node_graph(double work_days) {
  TimelineGraph g;
  TimelineNode work;
  work.name = "work";
  work.duration_s = work_days * 86400.0;
  work.not_before_day = Param(day(2026, 2, 1));
  TimelineNode ready;
  ready.name = "ready";
  ready.milestone = true;
  ready.after = {{"work", Param(0.0), {}}};
  TimelineNode launch;
  launch.name = "launch";
  launch.milestone = true;
  launch.after = {{"ready", Param(0.0), {}}};
  g.nodes = {work, ready, launch};
  g.blackouts = {BlackoutWindow{"two-sessions", days_from_civil({2026, 3, 4}), days_from_civil({2026, 3, 12}), {"launch"}}};
  g.launch_ready = "ready";
  g.final_milestone = "launch";
  g.file = "<test>";
  return g;
}

TEST_CASE("a launch that falls in a blackout window slides to the day after it") {
  ParamSampler nominal;
  // work 02-01 + 35 d = 03-08: inside 03-04..03-12 -> launch 03-13; ready on 03-08 is 4 days early.
  const Schedule s = schedule_timeline(two_node_graph(35), nominal);
  CHECK(s.find("ready")->finish_day == day(2026, 3, 8));
  CHECK(*s.find("ready")->slack_days == Approx(4));
  CHECK(s.find("launch")->finish_day == day(2026, 3, 13));
  CHECK(s.find("launch")->slid_by == "two-sessions");
  CHECK(s.critical_path == std::vector<std::string>{"launch"});  // the window sets the date
  CHECK(s.fits);
  // The first and last days of the window are inside it; the day before is not.
  CHECK(schedule_timeline(two_node_graph(31), nominal).find("launch")->finish_day == day(2026, 3, 13));  // 03-04
  CHECK(schedule_timeline(two_node_graph(39), nominal).find("launch")->finish_day == day(2026, 3, 13));  // 03-12
  CHECK(schedule_timeline(two_node_graph(30), nominal).find("launch")->finish_day == day(2026, 3, 3));
  // Ready on 03-14 misses the end of the window by 2 days: does not fit, margin -2.
  const Schedule late = schedule_timeline(two_node_graph(41), nominal);
  CHECK_FALSE(late.fits);
  CHECK(*late.margin_days == Approx(-2));
  CHECK(late.worst_node == "ready");
  CHECK(late.find("launch")->finish_day == day(2026, 3, 14));  // after the window: no slide
}

TEST_CASE("publication window: launch no earlier than it opens, deadline when it closes") {
  TimelineGraph g = two_node_graph(10);  // ready 02-11
  g.publication = PublicationWindow{"launch", days_from_civil({2026, 3, 13}), days_from_civil({2026, 4, 30})};
  ParamSampler nominal;
  const Schedule s = schedule_timeline(g, nominal);
  CHECK(s.find("launch")->finish_day == day(2026, 3, 13));
  CHECK(s.find("launch")->driver == "publication");
  CHECK(*s.find("launch")->slack_days == Approx(48));  // 03-13 -> 04-30
}

TEST_CASE("computed durations come from the callback with the node's start day") {
  TimelineGraph g = two_node_graph(0);
  g.nodes[0].computed = true;
  ParamSampler nominal;
  double seen_start = 0;
  const Schedule s = schedule_timeline(g, nominal, [&](const TimelineNode& n, double start) {
    CHECK(n.name == "work");
    seen_start = start;
    return 12.5;
  });
  CHECK(seen_start == day(2026, 2, 1));
  CHECK(s.find("ready")->finish_day == Approx(day(2026, 2, 13) + 0.5));
  CHECK_THROWS_AS(schedule_timeline(g, nominal), InputError);  // no run level given
}

TEST_CASE("a dependency cycle is a located error naming the cycle") {
  try {
    load_timeline_file("tests/data/timeline-cycle.toml");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    const std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("tests/data/timeline-cycle.toml:"));
    CHECK_THAT(msg, Catch::Contains("dependency cycle: "));
    // The cycle a -> b -> c -> a, whichever node the search entered it by.
    CHECK((msg.find("a -> b -> c -> a") != std::string::npos || msg.find("b -> c -> a -> b") != std::string::npos ||
           msg.find("c -> a -> b -> c") != std::string::npos));
  }
}

TEST_CASE("an unknown dependency is a located error at its `after` key") {
  try {
    load_timeline_file("tests/data/timeline-unknown.toml");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    const std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("tests/data/timeline-unknown.toml:11:") &&
                        Catch::Contains("calendar.milestones.1.after") && Catch::Contains("unknown dependency \"strat\""));
  }
}

TEST_CASE("a window that ends before it starts is a located error") {
  try {
    load_timeline_file("tests/data/timeline-badwindow.toml");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("timeline-badwindow.toml:12:") &&
                                          Catch::Contains("calendar.blackouts.0.last"));
  }
}

TEST_CASE("an impossible date is a located error") {
  try {
    load_timeline_file("tests/data/timeline-baddate.toml");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("timeline-baddate.toml:7:") && Catch::Contains("day between 1 and 28"));
  }
}
