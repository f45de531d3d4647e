// trace.json of `ascendsim run --out` carries counter tracks (Perfetto "ph":"C") whose values are
// the run's own numbers, read back from report.json: supply = fleet.usable at every date, chips =
// the job size (pretraining.chips), and goodput = the chips training at each moment, whose time
// integral gives run.goodput through its definition (productive chip-seconds minus lost work,
// over allocated chip-seconds). The small fixed-fleet scenario with failures and 3 T tokens (15 days,
// 5 failures with seed 7), so failures show as goodput drops and lost work enters the identity.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/util/date.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
json read_json(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}
}  // namespace

TEST_CASE("trace.json counter tracks carry the report's chips, supply and goodput", "[trace]") {
  const fs::path build = fs::path(ASCENDSIM_BINARY).parent_path();
  const fs::path out = build / "test-tmp" / "trace-counters";
  fs::remove_all(out);
  const fs::path cache = build / "test-cache" / "scenario-wiring";  // shared with the wiring tests
  fs::create_directories(cache);
  const std::string cmd = "ASCENDSIM_CACHE_DIR='" + cache.string() + "' '" + ASCENDSIM_BINARY +
                          "' run tests/data/scenario-small.toml --set 'run.failures.rates_file=\"platforms/failure-rates.toml\"'"
                          " --set training.tokens=3T"
                          " --out '" + out.string() + "' > /dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  const json report = read_json(out / "report.json");
  const json trace = read_json(out / "trace.json");

  // Counter points by track, and the calendar origin named in the process names.
  std::map<std::string, std::vector<std::pair<double, double>>> tracks;  // name -> (ts in s, value)
  std::string counters_process;
  for (const auto& ev : trace["traceEvents"]) {
    if (ev["ph"] == "C")
      for (const auto& [k, v] : ev["args"].items()) tracks[ev["name"].get<std::string>() + "." + k].emplace_back(ev["ts"].get<double>() / 1e6, v.get<double>());
    if (ev["ph"] == "M" && ev["name"] == "process_name" && ev["args"]["name"].get<std::string>().rfind("counters", 0) == 0)
      counters_process = ev["args"]["name"];
  }
  const std::string origin = trace["otherData"]["origin_date"];
  CHECK(counters_process == "counters (t=0 is " + origin + " 00:00 UTC)");
  const long origin_day = *ascendsim::parse_iso_date(origin);
  auto value_at = [&](const std::string& track, double t_s) {
    const auto& pts = tracks.at(track);
    double v = 0;
    for (const auto& [at, value] : pts)
      if (at <= t_s + 1e-6) v = value;
    return v;
  };

  REQUIRE(tracks.count("supply.usable_chips"));
  // Each fleet point holds from its date (or t = 0, for points before the trace starts) until the next.
  std::size_t compared = 0;
  const json& usable = report["fleet"]["usable"];
  for (std::size_t i = 0; i < usable.size(); ++i) {
    const long d = *ascendsim::parse_iso_date(usable[i]["date"].get<std::string>());
    if (i + 1 < usable.size() && *ascendsim::parse_iso_date(usable[i + 1]["date"].get<std::string>()) <= origin_day) continue;
    CHECK(value_at("supply.usable_chips", std::max(0L, d - origin_day) * 86400.0) == usable[i]["usable_chips"].get<double>());
    ++compared;
  }
  CHECK(compared >= 1);

  const json& pt = report["pretraining"];
  REQUIRE(tracks.count("chips.job_chips"));
  REQUIRE(tracks.count("goodput.training_chips"));
  double job_max = 0, job_first = 0;
  for (const auto& [at, v] : tracks["chips.job_chips"]) {
    if (job_first == 0) job_first = v;
    job_max = std::max(job_max, v);
  }
  CHECK(job_first == pt["chips"].get<double>());
  CHECK(job_max == pt["final_chips"].get<double>());
  // Goodput drops to 0 at least once per unexpected interruption (the job restarts).
  long drops = 0;
  double productive_chip_s = 0;
  const auto& g = tracks["goodput.training_chips"];
  for (std::size_t i = 0; i + 1 < g.size(); ++i) {
    productive_chip_s += g[i].second * (g[i + 1].first - g[i].first);
    drops += g[i].second > 0 && g[i + 1].second == 0;
  }
  const json& run = pt["run"];
  REQUIRE(run["interruptions"]["unexpected"].get<long>() >= 1);
  REQUIRE(run["lost_work_chip_hours"].get<double>() > 0);
  CHECK(drops >= run["interruptions"]["unexpected"].get<long>());
  const double goodput = (productive_chip_s / 3600.0 - run["lost_work_chip_hours"].get<double>()) / run["chip_hours"].get<double>();
  CHECK(goodput == Approx(run["goodput"].get<double>()).epsilon(1e-6));
}
