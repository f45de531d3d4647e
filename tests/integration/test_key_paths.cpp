// Canonical key paths (issue 15 item 1): the names `keys` lists are the ones --set takes, a typo
// is reported at the --set argument with "did you mean", and the old file-nesting forms are
// errors that give the new name. Load-time errors only (no simulation), so these run in a second.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/run_cli.hpp"

using ascendsim::testing::run_cli;

namespace {
const std::string kThesis = "timelines/v4-ascend-thesis.toml";
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("a mistyped --set key is located at the argument, with the nearest canonical path", "[keys]") {
  const auto r = run_cli("run " + kThesis + " --set fleet.org_shar=20%");
  CHECK(r.status == 2);
  CHECK(has(r.out, "ascendsim: error: --set fleet.org_shar=20%: unknown key 'fleet.org_shar' (did you mean fleet.org_share?)"));
  CHECK_FALSE(has(r.out, "v4-ascend-thesis.toml:1:1"));
  // Nothing near: point at the listing instead.
  const auto far = run_cli("run " + kThesis + " --set zzz.qqq=1");
  CHECK(far.status == 2);
  CHECK(has(far.out, "--set zzz.qqq=1: unknown key 'zzz.qqq' (see `ascendsim keys"));
}

TEST_CASE("old key-path forms are errors that name the new path", "[keys]") {
  struct Case { std::string set, now; };
  for (const Case& c : {Case{"supply.fleet.org_share=20%", "'fleet.org_share'"},
                        Case{"supply.line_defaults.start=2025-08-01", "'supply.start'"},
                        Case{"training.training.precision=BF16", "'training.precision'"},
                        Case{"calendar.milestones.1.not_before=2025-11-15", "'calendar.milestones.work-start.not_before'"}}) {
    INFO(c.set);
    const auto r = run_cli("run " + kThesis + " --set " + c.set);
    CHECK(r.status == 2);
    CHECK(has(r.out, "--set " + c.set + ": "));
    CHECK(has(r.out, c.now));
  }
  const auto r = run_cli("run " + kThesis + " --set calendar.milestones.work-strat.not_before=2025-11-15");
  CHECK(r.status == 2);
  CHECK(has(r.out, "no element named 'work-strat' in calendar.milestones (has: hardware-ready, work-start,"));
}

TEST_CASE("keys lists canonical paths with value, unit, provenance and uncertainty", "[keys]") {
  const auto r = run_cli("keys " + kThesis + " --json --set fleet.scenario=conservative");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  auto find = [&](const std::string& path) {
    for (const auto& k : j)
      if (k["path"] == path) return k;
    FAIL("no key " << path);
    return nlohmann::json();
  };
  // timelines/supply/thesis-wafer.toml [fleet] org_share = uniform 3%..20%, an assumption.
  const auto share = find("fleet.org_share");
  CHECK(share["uncertain"] == true);
  CHECK(share["unit"] == "%");
  CHECK(share["assumption"] == true);
  // [line_defaults] start, the calendar's work-start by name, [training] precision of the Flash file.
  CHECK(find("supply.start")["unit"] == "date");
  CHECK(find("calendar.milestones.work-start.not_before")["uncertain"] == true);
  CHECK(find("training.precision")["value"] == "\"FP8\"");
  CHECK(find("training.parallel.pp")["uncertain"] == false);
  CHECK(find("fleet.scenario")["value"] == "\"conservative\"");  // the --set given here
  for (const auto& k : j) {
    const std::string p = k["path"];
    CHECK_FALSE(has(p, "line_defaults"));
    CHECK_FALSE(has(p, "training.training."));
    CHECK_FALSE(has(p, "milestones.1."));
  }
  // Every listed path of the supply file is accepted back by --set (keys -> --set round trip).
  const auto back = run_cli("keys " + kThesis + " --set supply.lead_time=60d --set fleet.supernode_chips.ascend-950pr=384");
  CHECK(back.status == 0);
}

TEST_CASE("every path keys lists is accepted back by --set with its own value", "[keys]") {
  const auto listing = run_cli("keys " + kThesis + " --json");
  REQUIRE(listing.status == 0);
  const auto j = nlohmann::json::parse(listing.out);
  REQUIRE(j.size() > 100);
  // One load with every input set to the value it already has: any path that --set cannot reach
  // (a naming mismatch between the listing and the routing) is an error. File-path keys are left
  // out: on the command line they are relative to the working directory, in the file to itself.
  std::string args;
  std::size_t n = 0;
  for (const auto& k : j) {
    const std::string p = k["path"], v = k["value"];
    if (p == "calendar_file" || p == "platform.spec" || p == "platform.catalogue" || p == "workload.training" ||
        p == "fleet.supply" || p == "run.failures.rates_file" || p == "training.model")
      continue;
    std::string arg = p + "=" + v, quoted;
    for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    args += " --set '" + quoted + "'";
    ++n;
  }
  CHECK(n > 100);
  const auto back = run_cli("keys " + kThesis + args);
  INFO(back.out.substr(0, 2000));
  CHECK(back.status == 0);
}
