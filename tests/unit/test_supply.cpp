// Supply level: the seed-000 wafer table reproduced exactly; ramp, lead time, caps and supernode
// assembly against values worked out by hand (comments show the arithmetic).
#include <catch2/catch.hpp>

#include "sim/supply/supply_file.hpp"
#include "sim/util/date.hpp"
#include <cstdio>

using namespace ascendsim;
using Catch::Detail::Approx;

static long day(int y, int m, int d) { return days_from_civil(CivilDate{y, m, d}); }

TEST_CASE("the four wafer scenarios of seeds/000 give 36,000 / 60,000 / 100,000 / 144,000 910C-eq per month") {
  const SupplyFile f = load_supply_file("timelines/supply/thesis-wafer.toml");
  const std::vector<std::pair<std::string, double>> expected = {
      {"conservative", 36000}, {"base", 60000}, {"higher_yield", 100000}, {"higher_capacity", 144000}};
  REQUIRE(f.scenarios.size() == 4);
  for (const auto& [name, eq] : expected) {
    INFO(name);
    const SupplyScenario* s = f.find(name);
    REQUIRE(s);
    ParamSampler nominal;
    CHECK(full_output_910c_eq_per_month(s->lines[0], nominal) == Approx(eq).epsilon(1e-12));
    // After the ramp (nominal 4 months) every month makes exactly the table's number.
    const auto months = line_production(s->lines[0], nominal, day(2026, 6, 1));
    REQUIRE(months.size() > 5);
    CHECK(months[5].wafer_910c_eq == Approx(eq).epsilon(1e-12));
    CHECK(months[5].made_chips == Approx(eq).epsilon(1e-12));  // nominal 1 910C-eq per 950PR package
  }
}

TEST_CASE("linear ramp: mean of min(1, t/R) over each month") {
  // R = 2: (0 + 0.5)/2 = 0.25, (0.5 + 1)/2 = 0.75, then 1.
  CHECK(ramp_factor(2, 0) == Approx(0.25));
  CHECK(ramp_factor(2, 1) == Approx(0.75));
  CHECK(ramp_factor(2, 2) == Approx(1.0));
  // R = 2.5: 1/5, 3/5, then month 2 = (6.25 - 4)/5 + 0.5 = 0.95; lost output = R/2 = 1.25 months.
  CHECK(ramp_factor(2.5, 0) == Approx(0.2));
  CHECK(ramp_factor(2.5, 1) == Approx(0.6));
  CHECK(ramp_factor(2.5, 2) == Approx(0.95));
  CHECK(ramp_factor(2.5, 3) == Approx(1.0));
  CHECK(ramp_factor(0, 0) == Approx(1.0));
}

TEST_CASE("calendar months clamp the day of month") {
  CHECK(add_months(day(2025, 1, 31), 1) == day(2025, 2, 28));
  CHECK(add_months(day(2025, 11, 1), 3) == day(2026, 2, 1));
  CHECK(add_months(day(2025, 12, 15), -12) == day(2024, 12, 15));
}

TEST_CASE("ramp, conversion to packages, packaging cap and lead time, by hand") {
  const SupplyFile f = load_supply_file("tests/data/supply-small.toml");
  const SupplyScenario* s = f.find("capped");
  REQUIRE(s);
  ParamSampler nominal;
  const auto m = line_production(s->lines[0], nominal, day(2025, 4, 1));
  REQUIRE(m.size() == 3);  // January, February, March 2025
  // Full output 1000 x 50% x 10 = 5000 910C-eq = 2500 packages at 2 910C-eq each; cap 2000.
  CHECK(m[0].wafer_910c_eq == Approx(1250));  // ramp 0.25
  CHECK(m[0].made_chips == Approx(625));
  CHECK(m[0].binding == "wafers");
  CHECK(m[1].made_chips == Approx(1875));     // ramp 0.75
  CHECK(m[2].wafer_limited_chips == Approx(2500));
  CHECK(m[2].made_chips == Approx(2000));
  CHECK(m[2].binding == "packaging");
  // Chips from January's starts are deployable 30 days after the month ends: 2025-02-01 + 30 = 03-03.
  CHECK(m[0].arrival_day == Approx(day(2025, 3, 3)));
  CHECK(m[1].arrival_day == Approx(day(2025, 3, 31)));
  CHECK(m[2].arrival_day == Approx(day(2025, 5, 1)));
}

TEST_CASE("HBM cap binds when it is the smallest of the three") {
  SupplyLine l;
  l.chip = "x";
  l.wafer_starts_per_month = 1000;
  l.ascend_share = 0.5;
  l.good_910c_eq_per_wafer = 10;
  l.start_day = static_cast<double>(day(2025, 1, 1));
  l.packaging_cap_per_month = Param(4000);
  l.hbm_cap_per_month = Param(3000);
  ParamSampler nominal;
  const auto m = line_production(l, nominal, day(2025, 2, 1));
  REQUIRE(m.size() == 1);
  CHECK(m[0].made_chips == Approx(3000));  // min(5000 wafers, 4000 packaging, 3000 HBM)
  CHECK(m[0].binding == "hbm");
  CHECK(m[0].arrival_day == Approx(day(2025, 2, 1)));  // no lead time: end of the start month
}

TEST_CASE("fleet: organisation share, installed base, whole supernodes") {
  const SupplyFile f = load_supply_file("tests/data/supply-small.toml");
  ParamSampler nominal;
  const Fleet fleet = Fleet::build(*f.find("capped"), f.fleet, nominal, day(2025, 8, 1));
  // 1,000 installed 910C from 2025-06-01: 2 supernodes of 384 = 768 usable.
  CHECK(fleet.usable_chips("ascend-910c", day(2025, 5, 31)) == 0);
  CHECK(fleet.supernodes("ascend-910c", day(2025, 6, 1)) == 2);
  CHECK(fleet.usable_chips("ascend-910c", day(2025, 6, 1)) == 768);
  // 950PR at 10%: 62.5 (03-03), 250 (03-31), 450 (05-01): first supernode on 05-01; 650 (05-31):
  // still one; 850 on 07-01: two supernodes; 1050 on 07-31: still two.
  CHECK(fleet.org_chips("ascend-950pr", day(2025, 5, 1)) == Approx(450));
  CHECK(fleet.usable_chips("ascend-950pr", day(2025, 4, 30)) == 0);
  CHECK(fleet.usable_chips("ascend-950pr", day(2025, 5, 1)) == 384);
  CHECK(fleet.usable_chips("ascend-950pr", day(2025, 6, 30)) == 384);
  const auto steps = fleet.usable_schedule("ascend-950pr", day(2025, 7, 31));
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].day == day(2025, 5, 1));
  CHECK(steps[0].usable_chips == 384);
  CHECK(steps[1].day == day(2025, 7, 1));
  CHECK(steps[1].usable_chips == 768);
  CHECK(steps[1].added_chips == 384);
  CHECK(fleet.usable_chips("ascend-950pr", day(2025, 7, 31)) == 768);
  CHECK(whole_supernodes(1000, 384) == 2);
  CHECK(whole_supernodes(767.9999999999, 384) == 2);  // rounding noise is not a lost supernode
}

TEST_CASE("a fixed fleet needs no supply model") {
  const Fleet fleet = Fleet::fixed({{"h800", {{day(2024, 1, 1), 2048}}}}, {{"h800", 8}});
  CHECK(fleet.usable_chips("h800", day(2024, 1, 1)) == 2048);
  CHECK(fleet.usable_chips("h800", day(2023, 12, 31)) == 0);
  CHECK(fleet.usable_chips("nonexistent", day(2024, 1, 1)) == 0);
}

TEST_CASE("supply files: located errors for bad values and unknown keys") {
  auto doc = TomlDocument::parse(
      "kind = \"supply\"\n[scenarios.x]\nchip = \"a\"\nwafer_starts_per_month = 1000\nascend_share = \"150%\"\n"
      "good_910c_eq_per_wafer = 12\nstart = 2025-01-01\nramp_monthz = 3\n",
      "inline.toml");
  Section root = doc.root();
  const auto scn = load_supply_scenario(root.table("scenarios").table("x"), "x");
  try {
    doc.finish();
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    const std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("inline.toml:5:") && Catch::Contains("scenarios.x.ascend_share"));
    CHECK_THAT(msg, Catch::Contains("inline.toml:8:") && Catch::Contains("ramp_monthz"));
  }
}

TEST_CASE("supply with degenerate distributions draws the deterministic answer") {
  auto degenerate = [](const std::string& key, double v) {
    Param p(v);
    p.key_path = key;
    Distribution d;
    d.kind = Distribution::Kind::Triangular;
    d.low_value = d.mode_value = d.high_value = v;
    p.dist = d;
    return p;
  };
  const SupplyFile f = load_supply_file("tests/data/supply-small.toml");
  SupplyScenario s = *f.find("capped");
  SupplyLine& l = s.lines[0];
  l.wafer_starts_per_month = degenerate("wpm", 1000);
  l.ascend_share = degenerate("share", 0.5);
  l.lead_time_s = degenerate("lead", 30 * 86400.0);
  FleetSpec spec = f.fleet;
  spec.org_share = degenerate("org", 0.1);
  ParamSampler nominal;
  ParamSampler drawn(Rng(2024).fork(3));
  const Fleet a = Fleet::build(s, spec, nominal, day(2025, 9, 1));
  const Fleet b = Fleet::build(s, spec, drawn, day(2025, 9, 1));
  for (long d = day(2025, 1, 1); d < day(2025, 9, 1); ++d) {
    CHECK(a.org_chips("ascend-950pr", d) == b.org_chips("ascend-950pr", d));
    CHECK(a.usable_chips("ascend-950pr", d) == b.usable_chips("ascend-950pr", d));
  }
  CHECK(drawn.uncertain_seen().size() == 4);
}

TEST_CASE("a default that every scenario overrides is still checked, not called unknown") {
  // Through the file loader: write the text to a temporary file in the build tree.
  const std::string path = std::string(ASCENDSIM_BUILD_DIR) + "/defaults-test.toml";
  {
    FILE* f = std::fopen(path.c_str(), "w");
    REQUIRE(f);
    std::fputs("kind = \"supply\"\n[line_defaults]\nascend_share = \"20%\"\nlead_time = \"-3d\"\n[scenarios.x]\n"
               "chip = \"a\"\nwafer_starts_per_month = 1000\nascend_share = \"10%\"\ngood_910c_eq_per_wafer = 12\n"
               "start = 2025-01-01\n",
               f);
    std::fclose(f);
  }
  try {
    load_supply_file(path);
    FAIL("expected an InputError for the negative lead time");
  } catch (const InputError& e) {
    const std::string msg = e.what();
    CHECK_THAT(msg, Catch::Contains("defaults-test.toml:4:") && Catch::Contains("line_defaults.lead_time"));
    CHECK_THAT(msg, !Catch::Contains("unknown"));
  }
  std::remove(path.c_str());
}
