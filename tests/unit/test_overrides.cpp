// --set on a TOML tree: array elements by name, the index form refused with the name to use,
// Param paths named the same way, and the "did you mean" ranking.
#include <catch2/catch.hpp>
#include <toml++/toml.h>

#include "sim/config/overrides.hpp"

using namespace ascendsim;

namespace {
const char* kCalendar = R"(
[[calendar.milestones]]
name = "hardware-ready"
not_before = 2025-11-27
[[calendar.milestones]]
name = "work-start"
not_before = 2025-12-01
)";
}  // namespace

TEST_CASE("array elements are set by name, and an index is refused with the name", "[keys]") {
  toml::table t = toml::parse(kCalendar);
  std::string why;
  const Override o = parse_override("calendar.milestones.work-start.not_before=2025-11-15");
  const toml::node* n = apply_override(t, o.key_path, o, &why);
  REQUIRE(n);
  CHECK(why.empty());
  const auto d = t.at_path("calendar.milestones[1].not_before").as_date()->get();
  CHECK((d.year == 2025 && d.month == 11 && d.day == 15));
  CHECK(t.at_path("calendar.milestones[0].not_before").as_date()->get().day == 27);  // untouched

  const Override old = parse_override("calendar.milestones.1.not_before=2025-11-15");
  CHECK_FALSE(apply_override(t, old.key_path, old, &why));
  CHECK(why == "array elements are addressed by name now: use 'calendar.milestones.work-start.not_before'");

  const Override typo = parse_override("calendar.milestones.work-strat.not_before=2025-11-15");
  CHECK_FALSE(apply_override(t, typo.key_path, typo, &why));
  CHECK(why == "no element named 'work-strat' in calendar.milestones (has: hardware-ready, work-start)");
  CHECK(override_location(typo).file == "--set calendar.milestones.work-strat.not_before=2025-11-15");
}

TEST_CASE("file key paths with indices become named paths", "[keys]") {
  const toml::table t = toml::parse(kCalendar);
  CHECK(named_path(t, "calendar.milestones.0.not_before") == "calendar.milestones.hardware-ready.not_before");
  CHECK(named_path(t, "calendar.milestones.1.after.0") == "calendar.milestones.work-start.after.0");
  CHECK(named_path(t, "calendar.milestones.7.not_before") == "calendar.milestones.7.not_before");  // past the end: unchanged
}

TEST_CASE("did-you-mean ranks by edit distance and stays quiet when nothing is near", "[keys]") {
  CHECK(edit_distance("fleet.org_shar", "fleet.org_share") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  const std::vector<std::string> keys{"fleet.org_share", "fleet.scenario", "supply.start", "supply.lead_time"};
  CHECK(closest("fleet.org_shar", keys) == std::vector<std::string>{"fleet.org_share"});
  CHECK(closest("supply.strat", keys) == std::vector<std::string>{"supply.start"});
  CHECK(closest("zzz.qqq", keys).empty());
}
