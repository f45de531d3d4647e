// Golden (expected-output) files for reference timelines: each field of a scenario's report.json
// with its expected value and a tolerance, plus the published outcome of the real run it models.
// `ascendsim check` reruns the scenario and compares; `--update` rewrites expected values only.
//
//   kind = "golden"
//   scenario = "llama3-405b-h100.toml"        # relative to this file
//   [[field]]
//   path = "pretraining.mfu"                  # dots; arrays by index or by name: milestones[launch].slack_days
//   expected = 0.401
//   tolerance = 0.005                         # absolute, in the field's unit (days for dates)
//   [[published]]                             # optional: what really happened, for the calibration table
//   path = "pretraining.mfu"
//   value = 0.41
//   source = "Llama 3 paper, table 4"
#pragma once
#include "sim/config/input_error.hpp"
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ascendsim {

struct GoldenField {
  std::string path;
  std::string expected_text;  // as written: a number, a date string, a bool or a string
  double tolerance = 0;       // absolute; for dates in days
};

struct PublishedValue {
  std::string path;
  SourceLocation where;  // of the path key, for the error when it names nothing in the report
  std::string key_path;  // "published.N.path"
  std::string value_text;
  std::string source;
};

struct GoldenFile {
  std::string path;           // of the golden file
  std::string scenario_path;  // resolved relative to the golden file
  std::vector<GoldenField> fields;
  std::vector<PublishedValue> published;
};

// Throws InputError, located; a golden with no [[field]] checks nothing and is refused.
GoldenFile load_golden(const std::string& path);

struct CheckRow {
  std::string field;
  std::string expected;
  std::string got;
  std::string got_json;    // the value found, as JSON text at full precision ("" when missing)
  std::string difference;  // "+0.003", "-2 d", "" when not numeric
  std::string tolerance;
  bool ok = false;
};

struct CalibrationRow {
  std::string field;
  std::string published;
  std::string simulated;
  std::string simulated_json;  // full precision ("" when missing)
  std::string error;  // relative error in percent for numbers, days for dates
  std::string source;
};

// Looks up a dotted path in a report; std::nullopt when absent.
std::optional<nlohmann::json> json_at(const nlohmann::json& report, const std::string& path);

std::vector<CheckRow> compare_with_golden(const GoldenFile& golden, const nlohmann::json& report);
// Throws InputError at the [[published]] entry whose path names nothing in the report (a
// calibration row that compares nothing is a broken golden, not a pass).
std::vector<CalibrationRow> compare_with_published(const GoldenFile& golden, const nlohmann::json& report);

// The golden file rewritten with every expected value taken from the report; paths, tolerances and
// published values are kept (free comments are not: the file is regenerated whole).
std::string updated_golden_text(const GoldenFile& golden, const nlohmann::json& report);

// The rows of one golden as `check --json` prints them, typed: expected, got, published and
// simulated as numbers, booleans or ISO date strings (null when missing), difference and
// tolerance as numbers in the field's unit (days for dates, "is_date": true), error as
// error_percent or error_days.
nlohmann::json check_fields_json(const std::vector<CheckRow>& rows);
nlohmann::json check_published_json(const std::vector<CalibrationRow>& rows);

}  // namespace ascendsim
