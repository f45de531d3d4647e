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
