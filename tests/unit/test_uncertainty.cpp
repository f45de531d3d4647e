// Uncertainty harness: percentile method, thread-count-independent seeded draws, degenerate
// distributions equal to the deterministic run, sensitivity ranking on a toy model with a known
// answer, bisection for a known boundary (including the latest start date of a calendar).
#include <catch2/catch.hpp>
#include <cstdio>

#include "sim/timeline/sensitivity.hpp"
#include "sim/util/date.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

static double day(int y, int m, int d) { return static_cast<double>(days_from_civil(CivilDate{y, m, d})); }

static Param uniform(const std::string& key, double lo, double hi, double nominal) {
  Param p(nominal);
  p.key_path = key;
  Distribution d;
  d.kind = Distribution::Kind::Uniform;
  d.low_value = lo;
  d.high_value = hi;
  p.dist = d;
  return p;
}

TEST_CASE("percentiles interpolate linearly between order statistics (type 7)") {
  const std::vector<double> x{4, 1, 3, 2};
  CHECK(percentile(x, 0.5) == Approx(2.5));  // h = 1.5
  CHECK(percentile(x, 0.1) == Approx(1.3));  // h = 0.3
  CHECK(percentile(x, 0.9) == Approx(3.7));  // h = 2.7
  CHECK(percentile(x, 0.0) == 1);
  CHECK(percentile(x, 1.0) == 4);
  CHECK(percentile({7}, 0.9) == 7);
}

// The small calendar with an uncertain start: 2025-11-26 .. 2025-12-16 (nominal 12-01).
static TimelineGraph uncertain_calendar() {
  TimelineGraph g = load_timeline_file("tests/data/timeline-small.toml");
  for (auto& n : g.nodes)
    if (n.name == "start") n.not_before_day = uniform("calendar.milestones.start.not_before", day(2025, 11, 26), day(2025, 12, 16), day(2025, 12, 1));
  return g;
}

static std::string serialise(const std::vector<DrawResult>& rs) {
  std::string out;
  char buf[64];
  for (const auto& r : rs) {
    std::snprintf(buf, sizeof buf, "%d %a;", r.fits ? 1 : 0, r.margin_days);
    out += buf;
    for (const auto& m : r.milestones) {
      std::snprintf(buf, sizeof buf, "%a,%d ", m.day, m.on_time ? (*m.on_time ? 1 : 0) : 2);
      out += m.name + buf;
    }
    out += '\n';
  }
  return out;
}

TEST_CASE("seeded draws are byte-identical on 1, 2 and 4 threads") {
  const TimelineGraph g = uncertain_calendar();
  auto fn = [&](std::uint64_t, Rng& rng) {
    ParamSampler values(rng);
    return to_draw_result(schedule_timeline(g, values));
  };
  const std::string one = serialise(run_draws(400, 1, 42, fn));
  CHECK(serialise(run_draws(400, 2, 42, fn)) == one);
  CHECK(serialise(run_draws(400, 4, 42, fn)) == one);
  CHECK(serialise(run_draws(400, 1, 43, fn)) != one);  // the seed matters
}

TEST_CASE("Monte Carlo probability of fitting matches the closed form") {
  // Fits when the start is no later than 12-06 (checkpoint slack 5 at a 12-01 start): the start is
  // uniform over 20 days of which 10 fit (11-26..12-06), so p = 0.5.
  const TimelineGraph g = uncertain_calendar();
  const auto draws = run_draws(4000, 2, 7, [&](std::uint64_t, Rng& rng) {
    ParamSampler values(rng);
    return to_draw_result(schedule_timeline(g, values));
  });
  const SweepSummary s = summarize_draws(draws);
  CHECK(s.draws == 4000);
  CHECK(s.p_fit == Approx(0.5).margin(0.03));
  for (const auto& m : s.milestones) {
    if (m.name == "checkpoint-0211") {
      CHECK(*m.p_on_time == Approx(0.5).margin(0.03));
      // Checkpoint date = start + 67 d: p50 near 12-06 + 67 d = 02-11; p10 near 11-28 + 67 = 02-03.
      CHECK(m.p50_day == Approx(day(2026, 2, 11)).margin(0.7));
      CHECK(m.p10_day == Approx(day(2026, 2, 3)).margin(0.7));
      CHECK(m.p90_day == Approx(day(2026, 2, 19)).margin(0.7));
    }
    if (m.name == "pretrain") CHECK_FALSE(m.p_on_time.has_value());
  }
}

TEST_CASE("degenerate distributions give the deterministic answer") {
  TimelineGraph g = load_timeline_file("tests/data/timeline-small.toml");
  ParamSampler nominal;
  const Schedule det = schedule_timeline(g, nominal);
  for (auto& n : g.nodes) {
    if (!n.milestone) n.duration_s = uniform(n.name + ".duration", n.duration_s.nominal, n.duration_s.nominal, n.duration_s.nominal);
    if (n.not_before_day) n.not_before_day = uniform(n.name + ".nb", n.not_before_day->nominal, n.not_before_day->nominal, n.not_before_day->nominal);
  }
  const auto draws = run_draws(20, 2, 99, [&](std::uint64_t, Rng& rng) {
    ParamSampler values(rng);
    return to_draw_result(schedule_timeline(g, values));
  });
  const DrawResult expected = to_draw_result(det);
  for (const auto& d : draws) {
    CHECK(d.fits == expected.fits);
    CHECK(d.margin_days == expected.margin_days);
    for (std::size_t i = 0; i < d.milestones.size(); ++i) CHECK(d.milestones[i].day == expected.milestones[i].day);
  }
}

TEST_CASE("sensitivity ranks inputs by their swing of the outcome") {
  // outcome = 3a + b - 10c with a in [0, 2], b in [0, 10], c in [0, 0.5]: swings 6, 10, 5.
  const Param a = uniform("a", 0, 2, 1), b = uniform("b", 0, 10, 5), c = uniform("c", 0, 0.5, 0.25);
  const Param fixed = Param(100.0);
  const SensitivityResult r = sensitivity([&](ParamSampler& v) { return 3 * v(a) + v(b) - 10 * v(c) + v(fixed); });
  CHECK(r.baseline == Approx(3 + 5 - 2.5 + 100));
  REQUIRE(r.bars.size() == 3);  // the fixed input is not swung
  CHECK(r.bars[0].key_path == "b");
  CHECK(r.bars[0].swing == Approx(10));
  CHECK(r.bars[1].key_path == "a");
  CHECK(r.bars[1].outcome_low == Approx(0 + 5 - 2.5 + 100));
  CHECK(r.bars[1].outcome_high == Approx(6 + 5 - 2.5 + 100));
  CHECK(r.bars[2].key_path == "c");
  CHECK(r.bars[2].outcome_low == Approx(3 + 5 - 0 + 100));  // c low raises the outcome
  CHECK(r.bars[2].outcome_high == Approx(3 + 5 - 5 + 100));
}

TEST_CASE("sensitivity of the calendar's final date to the start and a duration") {
  TimelineGraph g = uncertain_calendar();
  for (auto& n : g.nodes)
    if (n.name == "eval") n.duration_s = uniform("eval.duration", 5 * 86400.0, 15 * 86400.0, 10 * 86400.0);
  const SensitivityResult r = sensitivity([&](ParamSampler& v) { return schedule_timeline(g, v).final_day; });
  REQUIRE(r.bars.size() == 2);
  CHECK(r.bars[0].key_path == "calendar.milestones.start.not_before");
  CHECK(r.bars[0].swing == Approx(20));  // the launch moves day for day with the start
  CHECK(r.bars[1].key_path == "eval.duration");
  CHECK(r.bars[1].swing == Approx(0));  // eval is off the critical path (it would need > 22 days)
}

TEST_CASE("bisection finds a known boundary") {
  const BoundaryResult r = bisect_boundary(1.0, 0.0, [](double x) { return x >= 0.137; }, 1e-9);
  CHECK(r.bracketed);
  CHECK(r.fitting_x >= 0.137);
  CHECK(r.fitting_x == Approx(0.137).margin(1e-8));
  CHECK(r.failing_x < 0.137);
  CHECK_FALSE(bisect_boundary(0.0, 1.0, [](double x) { return x >= 0.137; }, 1e-9).bracketed);
}

TEST_CASE("bisection: latest start date that still fits the calendar") {
  const TimelineGraph g = load_timeline_file("tests/data/timeline-small.toml");
  auto fits = [&](double start_day) {
    ParamSampler v;
    v.set_override("calendar.milestones.start.not_before", start_day);
    return schedule_timeline(g, v).fits;
  };
  const BoundaryResult r = bisect_boundary(day(2025, 11, 1), day(2026, 1, 1), fits, 1e-6);
  REQUIRE(r.bracketed);
  CHECK(r.fitting_x == Approx(day(2025, 12, 6)).margin(1e-5));  // 5 days of slack at 12-01
}
