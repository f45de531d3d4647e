// Golden comparison for `ascendsim check`: path lookup, numeric and date tolerances, missing fields,
// published-outcome errors, and --update rewriting only expected values.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sim/check/golden.hpp"
#include "sim/config/input_error.hpp"

using namespace ascendsim;

static std::string write_tmp(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::path(ASCENDSIM_BUILD_DIR) / "golden_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "s.toml") << "kind = \"scenario\"\n";  // the scenario every golden here names must exist
  const auto p = dir / name;
  std::ofstream(p) << text;
  return p.string();
}

static const nlohmann::json kReport = nlohmann::json::parse(R"({
  "verdict": {"fits": false, "margin_days": -3.5},
  "pretraining": {"mfu": 0.402, "end": "2026-01-20"},
  "milestones": [{"name": "start", "slack_days": 0}, {"name": "launch", "slack_days": -3.5}]
})");

TEST_CASE("json paths reach objects, array indices and named array elements") {
  CHECK(json_at(kReport, "pretraining.mfu")->get<double>() == 0.402);
  CHECK(json_at(kReport, "milestones.1.slack_days")->get<double>() == -3.5);
  CHECK(json_at(kReport, "milestones[launch].slack_days")->get<double>() == -3.5);
  CHECK_FALSE(json_at(kReport, "milestones[nope].slack_days").has_value());
  CHECK_FALSE(json_at(kReport, "pretraining.nope").has_value());
}

TEST_CASE("fields within tolerance pass - drift, missing fields and changed verdicts fail") {
  const auto path = write_tmp("g.expected.toml", R"(kind = "golden"
scenario = "s.toml"
[[field]]
path = "pretraining.mfu"
expected = 0.40
tolerance = 0.005
[[field]]
path = "pretraining.end"
expected_date = 2026-01-15
tolerance = 3
[[field]]
path = "verdict.fits"
expected_bool = true
[[field]]
path = "nowhere"
expected = 1
[[published]]
path = "pretraining.mfu"
value = 0.41
source = "Llama 3 paper"
)");
  const GoldenFile g = load_golden(path);
  const auto rows = compare_with_golden(g, kReport);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].ok);                     // |0.402 - 0.40| = 0.002 <= 0.005
  CHECK(rows[0].difference == "+0.002");
  CHECK_FALSE(rows[1].ok);               // 5 days late > 3
  CHECK(rows[1].difference == "+5 d");
  CHECK_FALSE(rows[2].ok);               // verdict flipped
  CHECK_FALSE(rows[3].ok);
  CHECK(rows[3].got == "(missing)");
  const auto cal = compare_with_published(g, kReport);
  REQUIRE(cal.size() == 1);
  CHECK(cal[0].error == "-1.95122%");    // (0.402 - 0.41) / 0.41
  // --update takes the report's values and keeps paths and tolerances.
  const auto updated_path = write_tmp("u.expected.toml", updated_golden_text(g, kReport));
  const auto rows2 = compare_with_golden(load_golden(updated_path), kReport);
  CHECK(rows2[0].ok);
  CHECK(rows2[1].ok);
  CHECK(rows2[2].ok);
  CHECK(rows2[0].tolerance == "0.005");
}

TEST_CASE("a golden file without an expected value is a located error") {
  const auto path = write_tmp("bad.expected.toml", "kind = \"golden\"\nscenario = \"s.toml\"\n[[field]]\npath = \"x\"\n");
  CHECK_THROWS_WITH(load_golden(path), Catch::Contains("bad.expected.toml:3:1: field.0: needs one of expected"));
}

TEST_CASE("a golden cannot check the provenance block - the one part of report.json that depends on the machine") {
  const auto path = write_tmp("prov.expected.toml", "kind = \"golden\"\nscenario = \"s.toml\"\n[[field]]\npath = \"provenance.threads\"\nexpected = 1\n");
  CHECK_THROWS_WITH(load_golden(path), Catch::Contains("prov.expected.toml:4:8: field.0.path:") && Catch::Contains("provenance block"));
}

TEST_CASE("a golden file with no [[field]] checks nothing and is refused") {
  const auto path = write_tmp("empty.expected.toml", "kind = \"golden\"\nscenario = \"s.toml\"\n");
  CHECK_THROWS_WITH(load_golden(path), Catch::Contains("empty.expected.toml:1:1: a golden file must check at least one [[field]]"));
}

TEST_CASE("a [[published]] path that names nothing in the report is a located error") {
  const auto path = write_tmp("pub.expected.toml", R"(kind = "golden"
scenario = "s.toml"
[[field]]
path = "pretraining.mfu"
expected = 0.40
tolerance = 0.005
[[published]]
path = "pretraining.nope"
value = 0.41
source = "Llama 3 paper"
)");
  const GoldenFile g = load_golden(path);
  CHECK_THROWS_WITH(compare_with_published(g, kReport),
                    Catch::Contains("pub.expected.toml:8:8: published.0.path: \"pretraining.nope\" names nothing in the report"));
}

TEST_CASE("a golden naming a missing scenario is reported at its scenario key") {
  const auto path = write_tmp("noscen.expected.toml", "kind = \"golden\"\nscenario = \"gone.toml\"\n[[field]]\npath = \"x\"\nexpected = 1\n");
  CHECK_THROWS_WITH(load_golden(path), Catch::Contains("noscen.expected.toml:2:12: scenario: scenario not found:"));
}
