// `sweep` and `merge` through the CLI: shards merge byte-identical to the unsharded table, a part
// from another seed is refused, Monte Carlo tables do not depend on the thread count, and each grid
// point equals `run` of the scenario with the same --set values.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/run_cli.hpp"
#include "tests/support/without_provenance.hpp"

namespace fs = std::filesystem;
using ascendsim::testing::run_cli;

static std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST_CASE("sharded sweeps merge to the unsharded bytes - mixed parts are refused", "[sweep]") {
  const fs::path w = fs::path(ASCENDSIM_BUILD_DIR) / "sweep-cli";
  fs::remove_all(w);
  REQUIRE(run_cli("sweep tests/data/sweep-small.toml --out " + (w / "whole").string()).status == 0);
  for (int k = 1; k <= 3; ++k)
    REQUIRE(run_cli("sweep tests/data/sweep-small.toml --shard " + std::to_string(k) + "/3 --out " + (w / "parts").string()).status == 0);
  const std::string parts = (w / "parts/part-1-of-3.json ").string() + (w / "parts/part-2-of-3.json ").string() +
                            (w / "parts/part-3-of-3.json").string();
  REQUIRE(run_cli("merge " + parts + " --out " + (w / "merged").string()).status == 0);
  CHECK(slurp(w / "merged" / "sweep.csv") == slurp(w / "whole" / "sweep.csv"));
  // sweep.html: identical but for its provenance section, which names each command line.
  const std::string merged_html = slurp(w / "merged" / "sweep.html"), whole_html = slurp(w / "whole" / "sweep.html");
  CHECK(merged_html.find("<section id=\"provenance\">") != std::string::npos);
  CHECK(without_provenance("sweep.html", merged_html) == without_provenance("sweep.html", whole_html));
  CHECK(merged_html != whole_html);
  // sweep.json: identical but for the provenance block (the command lines differ).
  auto merged = nlohmann::json::parse(slurp(w / "merged" / "sweep.json")), whole = nlohmann::json::parse(slurp(w / "whole" / "sweep.json"));
  CHECK(merged.at("provenance").at("command_line").at(1) == "merge");
  CHECK(whole.at("provenance").at("command_line").at(1) == "sweep");
  merged.erase("provenance");
  whole.erase("provenance");
  CHECK(merged == whole);
  // The table: one row per point with both inputs, the verdict and the margin.
  const auto j = nlohmann::json::parse(slurp(w / "whole" / "sweep.json"));
  REQUIRE(j["rows"].size() == 4);
  CHECK(j["rows"][3]["inputs"]["fleet.scenario"] == "higher_capacity");  // typed: no TOML quotes
  CHECK(j["rows"][0]["inputs"]["fleet.org_share"] == 0.1);  // "10%" as a fraction
  CHECK(j["rows"][0]["outputs"]["fits"].is_boolean());
  CHECK(j["rows"][0]["outputs"]["margin_days"].is_number());
  // A part from another seed, and a missing shard, are named.
  REQUIRE(run_cli("sweep tests/data/sweep-small.toml --seed 8 --shard 2/3 --out " + (w / "other").string()).status == 0);
  auto r = run_cli("merge " + (w / "parts/part-1-of-3.json ").string() + (w / "other/part-2-of-3.json ").string() +
                   (w / "parts/part-3-of-3.json").string());
  CHECK(r.status == 2);
  CHECK(r.out.find("different sweep file or seed") != std::string::npos);
  r = run_cli("merge " + (w / "parts/part-1-of-3.json").string());
  CHECK(r.status == 2);
  CHECK(r.out.find("shard 2/3 is missing") != std::string::npos);
}

TEST_CASE("a grid point equals run with the same overrides", "[sweep]") {
  const fs::path w = fs::path(ASCENDSIM_BUILD_DIR) / "sweep-cli-point";
  fs::remove_all(w);
  REQUIRE(run_cli("sweep tests/data/sweep-small.toml --out " + w.string()).status == 0);
  const auto table = nlohmann::json::parse(slurp(w / "sweep.json"));
  const auto r = run_cli("run timelines/v4-ascend-thesis.toml --seed 7 --set \"fleet.org_share='30%'\" --set fleet.scenario=base --set 'inverse=[]' --json");
  REQUIRE(r.status == 0);
  const auto rep = nlohmann::json::parse(r.out);
  const auto& row = table["rows"][2];  // 30%, base
  CHECK(row["outputs"]["fits"] == rep["verdict"]["fits"]);
  CHECK(row["outputs"]["margin_days"].get<double>() == Approx(rep["verdict"]["margin_days"].get<double>()).margin(1e-9));
}

TEST_CASE("Monte Carlo sweeps do not depend on the thread count", "[sweep]") {
  const auto a = run_cli("sweep timelines/v4-ascend-thesis.toml --draws 12 --threads 1 --json");
  const auto b = run_cli("sweep timelines/v4-ascend-thesis.toml --draws 12 --threads 2 --json");
  REQUIRE(a.status == 0);
  auto ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out);
  ja.erase("provenance");
  jb.erase("provenance");
  CHECK(ja == jb);
  CHECK(nlohmann::json::parse(a.out)["rows"].size() == 12);
  // Each Monte Carlo row carries the inputs its draw sampled, typed, and they are the draws of
  // `run --draws` (draw k uses Rng(seed).fork(k) in both): row k of run --per-draw.
  const fs::path w = fs::path(ASCENDSIM_BUILD_DIR) / "sweep-cli-sampled";
  fs::remove_all(w);
  const std::string per_draw = (w / "draws.json").string();
  REQUIRE(run_cli("run timelines/v4-ascend-thesis.toml --draws 12 --per-draw " + per_draw + " --json").status == 0);
  const auto draws = nlohmann::json::parse(slurp(per_draw));
  const auto& row = ja["rows"][5];
  REQUIRE(row["sampled"].contains("fleet.org_share"));
  CHECK(row["sampled"]["fleet.org_share"].is_number());
  CHECK(row["sampled"]["fleet.org_share"] == draws[5]["fleet.org_share"]);
  CHECK(row["outputs"]["fits"] == draws[5]["fits"]);
  CHECK(row["outputs"]["margin_days"] == draws[5]["margin_days"]);
  // sweep --per-draw of a scenario writes exactly the table run --per-draw writes, in both formats.
  REQUIRE(run_cli("run timelines/v4-ascend-thesis.toml --draws 12 --per-draw " + (w / "run.csv").string()).status == 0);
  REQUIRE(run_cli("sweep timelines/v4-ascend-thesis.toml --draws 12 --threads 2 --per-draw " + (w / "sweep.csv").string()).status == 0);
  REQUIRE(run_cli("sweep timelines/v4-ascend-thesis.toml --draws 12 --per-draw " + (w / "sweep.json").string()).status == 0);
  CHECK(slurp(w / "sweep.csv") == slurp(w / "run.csv"));
  CHECK(slurp(w / "sweep.json") == slurp(per_draw));
  const std::string csv = slurp(w / "sweep.csv");
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 13);  // header + 12 draws
}

TEST_CASE("sweep --per-draw of a grid: point and axis values first, and merge --per-draw rebuilds it from the parts", "[sweep]") {
  const fs::path w = fs::path(ASCENDSIM_BUILD_DIR) / "sweep-cli-per-draw";
  fs::remove_all(w);
  // A grid without draws has no per-draw table: refused before any work, no file.
  auto r = run_cli("sweep tests/data/sweep-small.toml --per-draw " + (w / "none.csv").string());
  CHECK(r.status == 2);
  CHECK(r.out.find("needs Monte Carlo draws") != std::string::npos);
  CHECK(!fs::exists(w / "none.csv"));
  r = run_cli("sweep tests/data/sweep-small.toml --draws 2 --shard 1/2 --out " + (w / "p").string() + " --per-draw " +
              (w / "x.csv").string());
  CHECK(r.status == 2);
  CHECK(r.out.find("give --per-draw to merge") != std::string::npos);
  REQUIRE(run_cli("sweep tests/data/sweep-small.toml --draws 2 --per-draw " + (w / "whole.json").string()).status == 0);
  const auto rows = nlohmann::ordered_json::parse(slurp(w / "whole.json"));  // keeps the column order
  REQUIRE(rows.size() == 8);  // 4 points x 2 draws
  CHECK(rows[0].begin().key() == "point");
  CHECK(rows[0]["point"] == 0);
  CHECK(rows[0]["fleet.org_share"] == 0.1);  // the axis value, typed ("10%" as a fraction)
  CHECK(rows[7]["fleet.scenario"] == "higher_capacity");
  CHECK(rows[7]["draw"] == 1);
  CHECK(rows[3]["fits"].is_boolean());
  for (int k = 1; k <= 2; ++k)
    REQUIRE(run_cli("sweep tests/data/sweep-small.toml --draws 2 --shard " + std::to_string(k) + "/2 --out " + (w / "p").string()).status == 0);
  REQUIRE(run_cli("merge " + (w / "p/part-1-of-2.json ").string() + (w / "p/part-2-of-2.json").string() + " --per-draw " +
                  (w / "merged.json").string()).status == 0);
  CHECK(slurp(w / "merged.json") == slurp(w / "whole.json"));
}

TEST_CASE("sweep --catalogue replaces the scenario's catalogue at every point: a slower chip never gains margin", "[sweep]") {
  const fs::path w = fs::path(ASCENDSIM_BUILD_DIR) / "sweep-cli-catalogue";
  fs::remove_all(w);
  fs::create_directories(w);
  // The 950PR at half its FP8 peak (the fixture trains in FP8 on 950PR).
  std::string cat = slurp("platforms/chips.toml");
  const auto at = cat.find("[chips.ascend-950pr.peak]");
  REQUIRE(at != std::string::npos);
  const auto fp8 = cat.find("FP8 = \"1000TFLOPS\"", at);
  REQUIRE(fp8 != std::string::npos);
  cat.replace(fp8, std::string("FP8 = \"1000TFLOPS\"").size(), "FP8 = \"500TFLOPS\"");
  std::ofstream(w / "slow-chips.toml") << cat;
  REQUIRE(run_cli("sweep tests/data/scenario-small.toml --draws 1 --out " + (w / "base").string()).status == 0);
  REQUIRE(run_cli("sweep tests/data/scenario-small.toml --draws 1 --catalogue " + (w / "slow-chips.toml").string() +
                  " --out " + (w / "slow").string()).status == 0);
  const auto base = nlohmann::json::parse(slurp(w / "base" / "sweep.json"));
  const auto slow = nlohmann::json::parse(slurp(w / "slow" / "sweep.json"));
  CHECK(slow.at("rows").at(0).at("outputs").at("margin_days").get<double>() <
        base.at("rows").at(0).at("outputs").at("margin_days").get<double>());
  CHECK(slow.at("sweep") != base.at("sweep"));  // the sweep identity differs: parts of the two never merge
}
