// Sweep grids, shard slices and merge: the merged table is byte-identical to the unsharded one;
// parts from another sweep or seed, missing and duplicated shards are refused with their names.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sim/config/input_error.hpp"
#include "sim/sweep/sweep_table.hpp"
#include "sim/util/atomic_file.hpp"

using namespace ascendsim;
namespace fs = std::filesystem;

static fs::path dir() {
  const auto d = fs::path(ASCENDSIM_BUILD_DIR) / "sweep_test";
  fs::create_directories(d);
  // The scenario the sweeps name must exist. Test cases run as parallel processes (ctest -j) and
  // share these files: each is replaced whole (atomic rename), never truncated under a reader.
  if (!fs::exists(d / "base.toml")) write_file_atomic((d / "base.toml").string(), "kind = \"scenario\"\n");
  return d;
}

static std::string write(const std::string& name, const std::string& text) {
  const auto p = dir() / name;
  write_file_atomic(p.string(), text);
  return p.string();
}

static const char* kSweep = R"(kind = "sweep"
scenario = "base.toml"
seed = 7
[[axis]]
path = "fleet.share_to_org"
values = ["5%", "10%", "20%"]
[[axis]]
path = "timeline.work_start"
range = { from = 2025-11-20, to = 2025-12-10, step = "10d" }
)";

// A table whose outputs are a pure function of the inputs, standing in for scenario runs.
static SweepTable table_for(const SweepSpec& s, const ShardSpec* shard) {
  SweepTable t;
  t.identity = s.identity;
  t.sweep_file = s.file;
  t.scenario_path = s.scenario_path;
  t.seed = s.seed;
  t.items_total = s.point_count();
  for (const auto& a : s.axes) t.axis_paths.push_back(a.path);
  for (std::size_t i = 0; i < s.point_count(); ++i) {
    if (shard && !in_shard(i, *shard)) continue;
    SweepRow r;
    r.item = r.point = i;
    for (const auto& o : s.point(i)) r.inputs.push_back(o.value_text);
    r.outputs = {{"fits", i % 2 == 1}, {"margin_days", static_cast<double>(i) - 4.5}};
    t.rows.push_back(r);
  }
  return t;
}

TEST_CASE("a grid is the cartesian product, first axis slowest") {
  const SweepSpec s = load_sweep(write("grid.toml", kSweep));
  REQUIRE(s.point_count() == 9);  // 3 shares x 3 dates (11-20, 11-30, 12-10)
  CHECK(s.point(0)[0].value_text == "'5%'");  // TOML++ writes literal strings
  CHECK(s.point(0)[1].value_text == "2025-11-20");
  CHECK(s.point(1)[1].value_text == "2025-11-30");
  CHECK(s.point(3)[0].value_text == "'10%'");
  CHECK(s.point(8)[1].value_text == "2025-12-10");
  CHECK(s.point(8)[0].key_path == "fleet.share_to_org");
}

TEST_CASE("shards cover every item once and merge to the unsharded bytes") {
  const SweepSpec s = load_sweep(write("grid.toml", kSweep));
  const SweepTable whole = table_for(s, nullptr);
  std::vector<std::string> parts;
  for (int k = 3; k >= 1; --k) {  // any order
    ShardSpec sh{k, 3};
    const auto p = (dir() / ("part-" + std::to_string(k) + ".json")).string();
    write_file_atomic(p, render_part_json(table_for(s, &sh), sh));
    parts.push_back(p);
  }
  const SweepTable merged = merge_parts(parts);
  CHECK(render_sweep_csv(merged) == render_sweep_csv(whole));
  CHECK(render_sweep_json(merged) == render_sweep_json(whole));
  // Typed cells: '5%' is the fraction 0.05, the date is ISO, fits a boolean, the margin a number.
  CHECK(render_sweep_csv(whole).rfind("item,point,draw,fleet.share_to_org,timeline.work_start,fits,margin_days\n0,0,-1,0.05,2025-11-20,false,-4.5\n", 0) == 0);
  const auto j = nlohmann::json::parse(render_sweep_json(whole));
  CHECK(j.at("schema_version") == 1);
  CHECK(j.at("rows").at(0).at("inputs").at("fleet.share_to_org") == 0.05);
  CHECK(j.at("rows").at(0).at("inputs").at("timeline.work_start") == "2025-11-20");
  CHECK(j.at("rows").at(1).at("outputs").at("fits") == true);
  CHECK(j.at("rows").at(1).at("outputs").at("margin_days") == -3.5);

  // Missing and duplicated shards are named.
  CHECK_THROWS_WITH(merge_parts({parts[0], parts[1]}), Catch::Contains("shard 1/3 is missing (rerun it alone with --shard 1/3)"));
  CHECK_THROWS_WITH(merge_parts({parts[0], parts[0], parts[1], parts[2]}), Catch::Contains("duplicates shard 3/3"));
  // A part from another seed is refused.
  std::string other = kSweep;
  other.replace(other.find("seed = 7"), 8, "seed = 8");
  const SweepSpec s2 = load_sweep(write("grid2.toml", other));
  ShardSpec sh{1, 3};
  const auto foreign = (dir() / "foreign.json").string();
  write_file_atomic(foreign, render_part_json(table_for(s2, &sh), sh));
  CHECK_THROWS_WITH(merge_parts({parts[2], parts[1], foreign}), Catch::Contains("different sweep file or seed"));
}

TEST_CASE("axis values become typed JSON: numbers, booleans, ISO dates, fractions, plain strings") {
  CHECK(typed_toml_value("'5%'") == 0.05);
  CHECK(typed_toml_value("\"30%\"") == 0.3);
  CHECK(typed_toml_value("2025-11-20") == "2025-11-20");
  CHECK(typed_toml_value("12") == 12);
  CHECK(typed_toml_value("0.25") == 0.25);
  CHECK(typed_toml_value("true") == true);
  CHECK(typed_toml_value("'higher_capacity'") == "higher_capacity");
  CHECK(typed_toml_value("\"50G\"") == "50G");
}

TEST_CASE("shard specs and sweep files are validated") {
  CHECK(parse_shard("2/8").index == 2);
  CHECK_THROWS_AS(parse_shard("0/8"), InputError);
  CHECK_THROWS_AS(parse_shard("9/8"), InputError);
  CHECK_THROWS_AS(parse_shard("2-8"), InputError);
  CHECK_THROWS_WITH(load_sweep(write("bad.toml", "kind = \"sweep\"\nscenario = \"x.toml\"\n[[axis]]\npath = \"a\"\n")),
                    Catch::Contains("bad.toml:3:1: axis.0: needs exactly one of values"));
}

TEST_CASE("a range axis longer than 100,000 values is refused, not cut") {
  // from 0 to 1 in steps of 1e-6: 1,000,001 values.
  CHECK_THROWS_WITH(load_sweep(write("long.toml", "kind = \"sweep\"\nscenario = \"base.toml\"\n[[axis]]\npath = \"fleet.org_share\"\n"
                                                  "range = { from = 0, to = 1, step = 1e-6 }\n")),
                    Catch::Contains("long.toml:5:") && Catch::Contains("axis.0.range.step: the range has about 1000001 values; at most 100000 per axis"));
  // 2025-01-01 to 9999-01-01 by day: far more than 100,000 dates.
  CHECK_THROWS_WITH(load_sweep(write("long-dates.toml", "kind = \"sweep\"\nscenario = \"base.toml\"\n[[axis]]\npath = \"supply.start\"\n"
                                                        "range = { from = 2025-01-01, to = 9999-01-01, step = \"1d\" }\n")),
                    Catch::Contains("per axis"));
}
