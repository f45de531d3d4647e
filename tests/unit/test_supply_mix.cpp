// Multi-product supply: chip lines sharing one pool of Ascend wafers by a dated mix, good chips
// per wafer from dies and yield, customers' shares, and the located errors of the mix and
// customer tables. Every expected value is worked out by hand in the comment beside it.
#include <catch2/catch.hpp>

#include "sim/supply/supply_file.hpp"
#include "sim/util/date.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

namespace {

long day(int y, int m, int d) { return days_from_civil(CivilDate{y, m, d}); }

const SupplyLine& line_of(const SupplyScenario& s, const std::string& chip) {
  for (const SupplyLine& l : s.lines)
    if (l.chip == chip) return l;
  FAIL("no line " << chip);
  return s.lines.front();
}

std::string load_error(const std::string& text) {
  try {
    auto doc = TomlDocument::parse(text, "inline.toml");
    Section root = doc.root();
    const std::optional<Section> none;
    if (auto scn = root.table_opt("scenarios"))
      for (const std::string& name : scn->keys()) load_supply_scenario(scn->table(name), name, none);
    if (auto fleet = root.table_opt("fleet")) load_fleet(*fleet);
    doc.finish();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const char* const kTwoLines =
    "[scenarios.x]\nwafer_starts_per_month = 1000\nascend_share = \"20%\"\n"
    "[[scenarios.x.lines]]\nchip = \"a\"\ngood_910c_eq_per_wafer = 12\nstart = 2025-01-01\n"
    "[[scenarios.x.lines]]\nchip = \"b\"\ngood_910c_eq_per_wafer = 12\nstart = 2025-01-01\n";

}  // namespace

TEST_CASE("supply mix: good chips per wafer from dies x yield / dies per chip, and from 910C-eq") {
  const SupplyFile f = load_supply_file("tests/data/supply-mix.toml");
  const SupplyScenario& s = *f.find("seventy_thirty");
  ParamSampler nominal;
  // 910C: 80 dies x 30% / 2 dies per package = 12 good packages per wafer (the thesis's base).
  CHECK(good_chips_per_wafer(line_of(s, "ascend-910c"), nominal) == Approx(12));
  // 950PR: 12 good 910C-eq per wafer / 1.5 910C-eq per package = 8 packages per wafer.
  CHECK(good_chips_per_wafer(line_of(s, "ascend-950pr"), nominal) == Approx(8));
}

TEST_CASE("supply mix: moving 20 points of the wafer pool from 910C to 950PR moves the 950PR fleet by hand") {
  const SupplyFile f = load_supply_file("tests/data/supply-mix.toml");
  ParamSampler nominal;
  const long until = day(2025, 7, 1);
  // Pool: 10,000 WPM x 20% = 2,000 wafers a month; no ramp, no lead time, no caps.
  // 70/30: 950PR 2,000 x 30% x 8 = 4,800 a month, 910C 2,000 x 70% x 12 = 16,800.
  // 50/50: 950PR 2,000 x 50% x 8 = 8,000 a month, 910C 2,000 x 50% x 12 = 12,000.
  // The 20 points moved are 400 wafers: +400 x 8 = +3,200 950PR and -400 x 12 = -4,800 910C a month.
  const auto a = line_production(line_of(*f.find("seventy_thirty"), "ascend-950pr"), nominal, until);
  const auto b = line_production(line_of(*f.find("fifty_fifty"), "ascend-950pr"), nominal, until);
  const auto a910 = line_production(line_of(*f.find("seventy_thirty"), "ascend-910c"), nominal, until);
  const auto b910 = line_production(line_of(*f.find("fifty_fifty"), "ascend-910c"), nominal, until);
  REQUIRE(a.size() == 6);  // January .. June 2025
  CHECK(a[0].mix_share == Approx(0.3));
  CHECK(a[0].wafers == Approx(600));
  CHECK(a[0].made_chips == Approx(4800));
  CHECK(b[0].made_chips == Approx(8000));
  CHECK(b[0].made_chips - a[0].made_chips == Approx(3200));
  CHECK(a910[0].made_chips - b910[0].made_chips == Approx(4800));
  CHECK(a910[0].wafer_910c_eq == Approx(16800));  // 1 910C-eq per 910C package
  // DeepSeek's 10%: each month's chips arrive when the month ends (2025-02-01 .. 07-01), so by
  // 2025-07-01 six months have arrived. 70/30: 6 x 480 = 2,880 chips = 7 supernodes of 384 = 2,688
  // usable. 50/50: 6 x 800 = 4,800 = 12 supernodes = 4,608 usable. The fleet grows by 5 supernodes,
  // 1,920 usable chips (= 6 months x 3,200 x 10%, here a whole number of supernodes).
  const Fleet fa = Fleet::build(*f.find("seventy_thirty"), f.fleet, nominal, until);
  const Fleet fb = Fleet::build(*f.find("fifty_fifty"), f.fleet, nominal, until);
  CHECK(fa.org_chips("ascend-950pr", until) == Approx(2880));
  CHECK(fb.org_chips("ascend-950pr", until) == Approx(4800));
  CHECK(fa.usable_chips("ascend-950pr", until) == 2688);
  CHECK(fb.usable_chips("ascend-950pr", until) == 4608);
  CHECK(fb.usable_chips("ascend-950pr", until) - fa.usable_chips("ascend-950pr", until) == 1920);
  // And the 910C fleet shrinks: 6 x 1,680 = 10,080 -> 26 supernodes (9,984); 6 x 1,200 = 7,200 ->
  // 18 supernodes (6,912).
  CHECK(fa.usable_chips("ascend-910c", until) == 9984);
  CHECK(fb.usable_chips("ascend-910c", until) == 6912);
}

TEST_CASE("supply mix: a dated shift applies from its month on") {
  const SupplyFile f = load_supply_file("tests/data/supply-mix.toml");
  ParamSampler nominal;
  const long until = day(2025, 7, 1);
  const SupplyScenario& s = *f.find("shift_in_april");
  const auto m = line_production(line_of(s, "ascend-950pr"), nominal, until);
  REQUIRE(m.size() == 6);
  // January-March at 30% (4,800 a month), April-June at 50% (8,000 a month).
  CHECK(m[2].made_chips == Approx(4800));
  CHECK(m[3].mix_share == Approx(0.5));
  CHECK(m[3].made_chips == Approx(8000));
  // DeepSeek by 07-01: 10% x (3 x 4,800 + 3 x 8,000) = 3,840 = exactly 10 supernodes.
  const Fleet fleet = Fleet::build(s, f.fleet, nominal, until);
  CHECK(fleet.usable_chips("ascend-950pr", until) == 3840);
  // On 06-30 June's chips are not in yet: 3 x 480 + 2 x 800 = 3,040 = 7 supernodes = 2,688.
  CHECK(fleet.usable_chips("ascend-950pr", until - 1) == 2688);
}

TEST_CASE("supply mix: one line with the whole pool reproduces the thesis's base scenario exactly") {
  const SupplyFile f = load_supply_file("timelines/supply/thesis-wafer.toml");
  const SupplyLine& thesis = f.find("base")->lines[0];
  SupplyLine pooled = thesis;
  pooled.mix.push_back(MixStep{day(2025, 1, 1), Param(1.0), {Param(1.0)}});
  ParamSampler nominal;
  const auto want = line_production(thesis, nominal, day(2026, 6, 1));
  const auto got = line_production(pooled, nominal, day(2026, 6, 1));
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].made_chips == want[i].made_chips);  // bit-for-bit: x 1.0 is exact
    CHECK(got[i].arrival_day == want[i].arrival_day);
  }
  // 25,000 WPM x 20% x 12 = 60,000 910C-eq a month after the 4-month ramp (seed 000).
  CHECK(got[5].wafer_910c_eq == Approx(60000).epsilon(1e-12));
}

TEST_CASE("supply mix: a draw whose shares sum above 1 is scaled down to the whole pool") {
  SupplyLine l;
  l.chip = "a";
  l.wafer_starts_per_month = 1000;
  l.ascend_share = 1.0;
  l.good_910c_eq_per_wafer = 10;
  l.start_day = static_cast<double>(day(2025, 1, 1));
  Param mine(0.8), theirs(0.4);
  mine.key_path = "m";
  theirs.key_path = "t";
  l.mix.push_back(MixStep{day(2025, 1, 1), mine, {mine, theirs}});
  ParamSampler nominal;
  // 0.8 / (0.8 + 0.4) = 2/3 of 1,000 wafers x 10 = 6,666.7.
  CHECK(mix_share(l, nominal, day(2025, 1, 1)) == Approx(2.0 / 3.0));
  CHECK(mix_share(l, nominal, day(2024, 12, 31)) == 0);  // before the first entry: no wafers
  CHECK(line_production(l, nominal, day(2025, 2, 1))[0].made_chips == Approx(20000.0 / 3.0));
}

TEST_CASE("supply customers: the organisation first, named customers, other gets the rest") {
  const SupplyFile f = load_supply_file("tests/data/supply-mix.toml");
  ParamSampler nominal;
  const auto shares = customer_shares(f.fleet, nominal);
  REQUIRE(shares.size() == 3);
  CHECK(shares[0].first == "DeepSeek");
  CHECK(shares[0].second == Approx(0.1));
  CHECK(shares[1].first == "Alibaba");
  CHECK(shares[1].second == Approx(0.3));
  CHECK(shares[2].first == "other");
  CHECK(shares[2].second == Approx(0.6));  // 1 - 10% - 30%
  // DeepSeek at 80% leaves 20%: Alibaba's 30% is scaled down to 20%, other gets 0.
  ParamSampler more;
  more.set_override(f.fleet.org_share.key_path, 0.8);
  const auto squeezed = customer_shares(f.fleet, more);
  CHECK(squeezed[0].second == Approx(0.8));
  CHECK(squeezed[1].second == Approx(0.2));
  CHECK(squeezed[2].second == Approx(0.0));
}

TEST_CASE("supply mix and customers: located errors") {
  std::string e = load_error(std::string(kTwoLines) + "[[scenarios.x.mix]]\ndate = 2025-01-01\na = \"70%\"\nb = \"40%\"\n");
  CHECK_THAT(e, Catch::Contains("inline.toml:13:") && Catch::Contains("sum to 110%"));
  e = load_error(std::string(kTwoLines) + "[[scenarios.x.mix]]\ndate = 2025-01-01\nc = \"70%\"\n");
  CHECK_THAT(e, Catch::Contains("inline.toml:14:") && Catch::Contains("no line of this scenario makes \"c\""));
  e = load_error(std::string(kTwoLines) + "[[scenarios.x.mix]]\ndate = 2025-02-01\na = \"70%\"\n");
  CHECK_THAT(e, Catch::Contains("is after line \"a\" starts (2025-01-01"));
  e = load_error(std::string(kTwoLines) + "ascend_share = \"5%\"\n[[scenarios.x.mix]]\ndate = 2025-01-01\na = \"70%\"\n");
  CHECK_THAT(e, Catch::Contains("inline.toml:12:") && Catch::Contains("share the scenario's wafer pool"));
  e = load_error("[scenarios.x]\nchip = \"a\"\nwafer_starts_per_month = 1\nascend_share = 1\nstart = 2025-01-01\n"
                 "good_910c_eq_per_wafer = 1\ndies_per_wafer = 80\nyield_fraction = 0.3\n");
  CHECK_THAT(e, Catch::Contains("inline.toml:7:") && Catch::Contains("not both"));
  e = load_error("[fleet]\ncustomer = \"DeepSeek\"\norg_share = \"50%\"\n[fleet.customers]\nDeepSeek = \"5%\"\nother = \"5%\"\nAlibaba = \"60%\"\nTencent = \"50%\"\n");
  CHECK_THAT(e, Catch::Contains("inline.toml:5:") && Catch::Contains("its share is fleet.org_share"));
  CHECK_THAT(e, Catch::Contains("inline.toml:6:") && Catch::Contains("\"other\" is what the named customers leave"));
  CHECK_THAT(e, Catch::Contains("sum to 110%"));
}
