// What `ascendsim run` writes and prints for an analysed scenario: report.json (verdict,
// milestones, pretraining, step, fleet, Monte Carlo, sensitivity, inverse answers), the HTML
// report's data (ReportModel), the combined calendar + run trace on real dates, and the text
// summary printed to the terminal. Pure formatting of results; no simulation happens here.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "sim/scenario/scenario_analysis.hpp"
#include "sim/trace/report_model.hpp"
#include "sim/trace/span.hpp"

namespace ascendsim {

nlohmann::json scenario_report_json(const Scenario& s, const ScenarioAnalysis& a);
ReportModel scenario_report_model(const Scenario& s, const ScenarioAnalysis& a);
Trace scenario_trace(const Scenario& s, const ScenarioAnalysis& a);
std::string scenario_summary_text(const Scenario& s, const ScenarioAnalysis& a);
std::string verdict_sentence(const Scenario& s, const ScenarioAnalysis& a);

}  // namespace ascendsim
