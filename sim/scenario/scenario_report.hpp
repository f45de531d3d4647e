// What `ascendsim run` writes and prints for an analysed scenario: report.json (verdict,
// milestones, pretraining, step, fleet, Monte Carlo, sensitivity, inverse answers), the HTML
// report's data (ReportModel), the combined calendar + run trace on real dates, and the text
// summary printed to the terminal. Pure formatting of results; no simulation happens here.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/scenario_analysis.hpp"
#include "sim/trace/report_model.hpp"
#include "sim/trace/span.hpp"

namespace ascendsim {

// report.json without its "provenance" block (the command adds it): nothing in it depends on the
// cache, the machine or the command line, only on the inputs and the seed.
nlohmann::json scenario_report_json(const Scenario& s, const ScenarioAnalysis& a);
// `overrides` (key, value) are the command line's --set arguments, named in the description.
ReportModel scenario_report_model(const Scenario& s, const ScenarioAnalysis& a,
                                  const std::vector<std::pair<std::string, std::string>>& overrides = {});
// The title of the inputs actually used, after overrides: model, chip, platform, precision and
// fleet ("DeepSeek-V4-Flash on Ascend 950PR (cm384-950pr, FP8), base supply").
std::string resolved_title(const Scenario& s);
Trace scenario_trace(const Scenario& s, const ScenarioAnalysis& a);
std::string scenario_summary_text(const Scenario& s, const ScenarioAnalysis& a);
std::string verdict_sentence(const Scenario& s, const ScenarioAnalysis& a);

}  // namespace ascendsim
