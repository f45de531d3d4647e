// `ascendsim supply` and `ascendsim validate` on supply and timeline files: the printed numbers,
// and exit status 2 with a located message for bad input.
#include <catch2/catch.hpp>
#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/wait.h>

namespace {
struct Run {
  int status;
  std::string out;
};
Run run(const std::string& args) {
  const std::string cmd = std::string(ASCENDSIM_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  const int st = pclose(p);
  return Run{WIFEXITED(st) ? WEXITSTATUS(st) : -1, out};
}
}  // namespace

TEST_CASE("supply --json reproduces the thesis's base scenario and its ramp") {
  const Run r = run("supply timelines/supply/thesis-wafer.toml --scenario base --until 2026-03-01 --json");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["lines"][0]["full_output_910c_eq_per_month"].get<double>() == Approx(60000));
  // Nominal ramp 4 months: September 2025 makes 60,000 / 8 = 7,500; from January 2026, 60,000.
  CHECK(j["months"][0]["month"] == "2025-09-01");
  CHECK(j["months"][0]["made_910c_eq"].get<double>() == Approx(7500));
  CHECK(j["months"][4]["made_910c_eq"].get<double>() == Approx(60000));
  // September's chips arrive 2025-10-01 + 75 d = 12-15: 7,500 delivered in December; 10% = 750
  // reach the organisation: one supernode of 384.
  CHECK(j["months"][3]["delivered_chips"].get<double>() == Approx(7500));
  CHECK(j["months"][3]["supernodes"].get<long>() == 1);
  CHECK(j["months"][3]["usable_chips"].get<long>() == 384);
}

TEST_CASE("supply: an unknown scenario or a bad date is exit 2 with a message") {
  Run r = run("supply timelines/supply/thesis-wafer.toml --scenario nope");
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("no scenario \"nope\"") && Catch::Contains("base"));
  r = run("supply timelines/supply/thesis-wafer.toml --until 2026-13-01");
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("--until"));
}

TEST_CASE("validate: supply and timeline files, and a cyclic calendar is exit 2") {
  CHECK(run("validate timelines/supply/thesis-wafer.toml tests/data/timeline-small.toml").status == 0);
  const Run r = run("validate tests/data/timeline-cycle.toml");
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("tests/data/timeline-cycle.toml:") && Catch::Contains("dependency cycle"));
}

TEST_CASE("calendar: the thesis's 45-day reconstruction fits by 6 days at nominal - draws do not depend on threads") {
  const Run one = run("calendar timelines/calendar/thesis-45d.toml --draws 300 --threads 1 --seed 5 --sensitivity --json");
  REQUIRE(one.status == 0);
  const auto j = nlohmann::json::parse(one.out);
  // 2025-12-01 + 45 d pretraining = 01-15, + 21 d post-training = 02-05: 6 days before 02-11.
  CHECK(j["verdict"]["fits"] == true);
  CHECK(j["verdict"]["margin_days"].get<double>() == Approx(6));
  CHECK(j["verdict"]["worst"] == "checkpoint-0211");
  CHECK(j["milestones"][4]["date"] == "2026-02-05");
  const auto& bar = j["sensitivity"]["bars"][0];
  CHECK(bar["input"] == "calendar.milestones.hardware-ready.not_before");  // hardware-ready, up to 2026-01-15
  // Typed: a date input's values are ISO dates, the outcome is the final milestone's date.
  CHECK(bar["unit"] == "date");
  CHECK(bar["high"] == "2026-01-15");
  CHECK(bar["outcome_low_date"].get<std::string>().size() == 10);
  const Run two = run("calendar timelines/calendar/thesis-45d.toml --draws 300 --threads 2 --seed 5 --sensitivity --json");
  CHECK(two.out == one.out);
}

TEST_CASE("supply --json: lines competing for one wafer pool, and each customer's deliveries (terminal and JSON agree)") {
  const Run r = run("supply timelines/supply/thesis-competing.toml --until 2026-02-01 --json");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  auto row = [&](const std::string& month, const std::string& chip) {
    for (const auto& m : j["months"])
      if (m["month"] == month && m["chip"] == chip) return m;
    FAIL("no row " << month << " " << chip);
    return nlohmann::json();
  };
  // Pool 25,000 x 20% = 5,000 wafers. 950PR gets 20% from 2025-09; its 4-month ramp is 7/8 in
  // December (month 3: (2x3+1)/8): 5,000 x 20% x 7/8 = 875 wafers x 12 = 10,500 chips.
  const auto dec = row("2025-12-01", "ascend-950pr");
  CHECK(dec["mix_share"].get<double>() == Approx(0.2));
  CHECK(dec["wafers"].get<double>() == Approx(875));
  CHECK(dec["made_chips"].get<double>() == Approx(10500));
  // September's 5,000 x 20% x 1/8 x 12 = 1,500 arrive 2025-10-01 + 75 d = 12-15: DeepSeek 10% =
  // 150, Alibaba 20% = 300, other 1 - 10% - 20% - 20% - 15% = 35% = 525.
  CHECK(dec["delivered_chips"].get<double>() == Approx(1500));
  CHECK(dec["customers"]["DeepSeek"]["delivered_chips"].get<double>() == Approx(150));
  CHECK(dec["customers"]["Alibaba"]["delivered_chips"].get<double>() == Approx(300));
  CHECK(dec["customers"]["other"]["delivered_chips"].get<double>() == Approx(525));
  // 910C: 80% of the pool until 2025-12, half from 2026-01: 2,500 wafers x 80 dies x 30% / 2 = 30,000.
  CHECK(row("2025-12-01", "ascend-910c")["made_chips"].get<double>() == Approx(48000));
  CHECK(row("2026-01-01", "ascend-910c")["made_chips"].get<double>() == Approx(30000));
  CHECK(j["customers"].size() == 5);
  CHECK(j["customers"][4]["share"].get<double>() == Approx(0.35));
  const Run t = run("supply timelines/supply/thesis-competing.toml --until 2026-02-01");
  REQUIRE(t.status == 0);
  CHECK_THAT(t.out, Catch::Contains("DeepSeek 10%") && Catch::Contains("other 35%"));
  CHECK_THAT(t.out, Catch::Contains("2025-12-01  ascend-950pr") && Catch::Contains("20.0%        875         10500"));
  CHECK_THAT(t.out, Catch::Contains("ascend-950pr                 150               300               300               225               525"));
}

TEST_CASE("supply: the competing scenario with the whole wafer pool on 950PR gives the thesis's verdict exactly") {
  // Whole pool to 950PR from 2025-09 on = thesis-wafer.toml's base line (same start, ramp, lead
  // time, 12 good 910C-eq per wafer, 10% to DeepSeek): the same fleet, so the same run.
  const std::string whole_pool =
      " --set 'inverse=[]' supply.scenarios.competing.mix.from-2025-09.ascend-950pr=100%"
      " supply.scenarios.competing.mix.from-2025-09.ascend-910c=0%"
      " supply.scenarios.competing.mix.from-2026-01.ascend-950pr=100%"
      " supply.scenarios.competing.mix.from-2026-01.ascend-910c=0%";
  const Run thesis = run("run timelines/v4-ascend-thesis.toml --json --set 'inverse=[]'");
  const Run pooled = run("run timelines/v4-ascend-competing.toml --json" + whole_pool);
  const Run shared = run("run timelines/v4-ascend-competing.toml --json --set 'inverse=[]'");
  REQUIRE(thesis.status == 0);
  REQUIRE(pooled.status == 0);
  REQUIRE(shared.status == 0);
  const auto t = nlohmann::json::parse(thesis.out), p = nlohmann::json::parse(pooled.out),
             s = nlohmann::json::parse(shared.out);
  CHECK(p["verdict"]["margin_days"].get<double>() == t["verdict"]["margin_days"].get<double>());
  CHECK(p["pretraining"]["final_chips"] == t["pretraining"]["final_chips"]);
  // Sharing the pool (950PR 20% until 2026, then 50%) makes the thesis's miss later.
  CHECK(s["verdict"]["margin_days"].get<double>() < t["verdict"]["margin_days"].get<double>() - 30);
}
