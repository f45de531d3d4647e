// Typed machine-readable output (issue 15 item 6): report.json, sweep.json and check --json
// validate against the documented schemas in docs/schema/ (a validator for the subset of JSON
// Schema they use, tests/support/json_schema_lite.hpp), and `run --per-draw` writes one typed row
// per draw that the csv module (and pandas) read without converters.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/json_schema_lite.hpp"
#include "tests/support/run_cli.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
using ascendsim::testing::run_cli;
using ascendsim::testing::SchemaLite;
using nlohmann::json;

namespace {

using ascendsim::testing::slurp;

fs::path schema(const std::string& name) { return fs::path(ASCENDSIM_SOURCE_DIR) / "docs" / "schema" / (name + ".schema.json"); }

json stdout_json(const std::string& args) {
  // run_cli merges stderr; --json commands print nothing else on success when stderr is not a tty.
  const auto r = run_cli(args);
  INFO(args << "\n" << r.out.substr(0, 2000));
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

void require_valid(const SchemaLite& s, const json& doc) {
  const auto errors = s.validate(doc);
  std::string all;
  for (const auto& e : errors) all += e + "\n";
  INFO(all);
  CHECK(errors.empty());
}

std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream ls(line);
    while (std::getline(ls, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.push_back("");
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST_CASE("the schema validator catches a string for a number, a missing key and an unknown key") {
  const SchemaLite s(schema("sweep"));
  json doc = stdout_json("sweep tests/data/scenario-small.toml --draws 2 --json");
  require_valid(s, doc);
  json bad = doc;
  bad["rows"][0]["outputs"]["fits"] = "false";  // the old form: a boolean as a string
  CHECK_FALSE(s.validate(bad).empty());
  bad = doc;
  bad["rows"][0]["outputs"]["margin_days"] = "-57.88";
  CHECK_FALSE(s.validate(bad).empty());
  bad = doc;
  bad.erase("schema_version");
  CHECK_FALSE(s.validate(bad).empty());
  bad = doc;
  bad["surprise"] = 1;
  CHECK_FALSE(s.validate(bad).empty());
}

TEST_CASE("report.json of a run with draws, sensitivity and inverse questions validates against docs/schema") {
  const json r = stdout_json("run timelines/v4-ascend-thesis.toml --draws 4 --sensitivity --json");
  require_valid(SchemaLite(schema("report")), r);
  // Spot checks the schema cannot express: units and ISO dates where the issue found bare numbers.
  const auto& bar = r.at("sensitivity").at("bars").at(0);
  CHECK(bar.at("outcome_low_date").get<std::string>().size() == 10);
  CHECK(r.at("sensitivity").at("outcome") == r.at("final").at("name"));
  CHECK(r.at("schema_version") == 1);
}

TEST_CASE("report.json of a scenario with RL post-training phases validates against docs/schema") {
  const json r = stdout_json("run timelines/reference/deepseek-r1-rl-h800.toml --json");
  require_valid(SchemaLite(schema("report")), r);
  const json& run = r.at("pretraining").at("run");
  CHECK(run.at("post_training").size() == 3);
  CHECK(run.at("post_training").at(0).at("kind") == "rl");
  CHECK(run.at("post_training_stages").size() == 2);
}

TEST_CASE("sweep.json of a grid and check --json validate against docs/schema") {
  require_valid(SchemaLite(schema("sweep")), stdout_json("sweep tests/data/sweep-small.toml --json"));
  const json c = stdout_json("check timelines/reference/llama3-405b-h100.expected.toml --json");
  require_valid(SchemaLite(schema("check")), c);
  // expected/got are numbers now, not "0.411" strings.
  const auto& f = c.at("goldens").at(0).at("fields").at(0);
  CHECK(f.at("expected").is_number());
  CHECK(f.at("got").is_number());
  CHECK(f.at("tolerance").is_number());
}

TEST_CASE("run --per-draw writes one typed row per draw with every sampled input and milestone date") {
  const fs::path d = fs::path(ASCENDSIM_BUILD_DIR) / "test-scratch" / "per-draw";
  fs::remove_all(d);
  const std::string csv = (d / "draws.csv").string(), js = (d / "draws.json").string();
  const json rep = stdout_json("run timelines/v4-ascend-thesis.toml --draws 8 --per-draw " + csv + " --json");
  REQUIRE(run_cli("run timelines/v4-ascend-thesis.toml --draws 8 --per-draw " + js + " --json").status == 0);
  const auto rows = read_csv(slurp(csv));
  REQUIRE(rows.size() == 9);  // header + 8 draws
  const auto& head = rows[0];
  auto col = [&](const std::string& name) {
    const auto it = std::find(head.begin(), head.end(), name);
    REQUIRE(it != head.end());
    return static_cast<std::size_t>(it - head.begin());
  };
  const std::size_t fits = col("fits"), share = col("fleet.org_share"), start = col("supply.start"),
                    final_date = col("date:" + rep.at("final").at("name").get<std::string>());
  int fitting = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    CHECK((rows[i][fits] == "true" || rows[i][fits] == "false"));
    fitting += rows[i][fits] == "true";
    const double s = std::stod(rows[i][share]);  // a fraction, not "12%"
    CHECK((s > 0 && s < 1));
    CHECK(rows[i][start].size() == 10);
    CHECK(rows[i][start][4] == '-');
    CHECK(rows[i][final_date].size() == 10);
  }
  // The rows are the draws the report summarises: the same P(fit).
  CHECK(fitting / 8.0 == Approx(rep.at("montecarlo").at("p_fit").get<double>()));
  // The JSON form holds the same rows as records, typed.
  const json recs = json::parse(slurp(js));
  REQUIRE(recs.size() == 8);
  CHECK(recs[0].at("fits").is_boolean());
  CHECK(recs[0].at("fleet.org_share").get<double>() == Approx(std::stod(rows[1][share])).epsilon(1e-12));
  CHECK(recs[0].at("supply.start") == rows[1][start]);
  // An existing file is not overwritten without --force; a name without .csv/.json is refused.
  auto r = run_cli("run timelines/v4-ascend-thesis.toml --draws 8 --per-draw " + csv);
  CHECK(r.status == 2);
  CHECK(r.out.find("--per-draw") != std::string::npos);
  r = run_cli("run timelines/v4-ascend-thesis.toml --draws 8 --per-draw " + (d / "draws.txt").string());
  CHECK(r.status == 2);
  CHECK_FALSE(fs::exists(d / "draws.txt"));
}

TEST_CASE("the per-draw CSV loads with python's csv module as the README shows") {
  if (std::system("python3 -c 'import csv' >/dev/null 2>&1") != 0) {
    WARN("python3 not installed: the README's loading command is not exercised");
    return;
  }
  const fs::path d = fs::path(ASCENDSIM_BUILD_DIR) / "test-scratch" / "per-draw-py";
  fs::remove_all(d);
  const std::string csv = (d / "draws.csv").string();
  REQUIRE(run_cli("run timelines/v4-ascend-thesis.toml --draws 10 --per-draw " + csv + " --json").status == 0);
  const std::string out = (d / "py.out").string();
  const std::string cmd = "python3 -c \"import csv; rows = list(csv.DictReader(open('" + csv +
                          "'))); print(len(rows), 'draws, P(fit) =', sum(r['fits'] == 'true' for r in rows) / len(rows))\" > " + out;
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK(slurp(out).rfind("10 draws, P(fit) = ", 0) == 0);
}
