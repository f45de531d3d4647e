// The report's charts as pure functions from report data to one inline <svg> element each. All are
// 1200 viewBox units wide (scaled to the page with width="100%") with unit-titled axes and legends.
#pragma once
#include <string>
#include <vector>

#include "sim/trace/report_model.hpp"

namespace ascendsim {

// Milestone Gantt on a date axis: one <rect class="phase-bar"> per phase, per milestone a diamond
// (class "milestone-marker") at its earliest date, a slack bar, a red tick at its deadline
// ("deadline-marker") and one triangle ("observed-marker") at its observed date; blackout windows
// hatched ("blackout"), the publication window shaded ("pub-window").
std::string timeline_chart_svg(const ReportModel& model);
// Training segments as bars ("run-segment"), checkpoints as ticks ("checkpoint-mark"), failures as
// red crosses ("failure-marker"), on a date axis when run.origin_day is set, else days since start.
std::string run_chart_svg(const ReportRun& run);
// Chips available (step line, "supply-line") against chips needed (dashed, "need-line").
std::string supply_chart_svg(const ReportSupply& supply);
// Monte Carlo final dates: one <rect class="hist-bar"> per bin, markers as labelled vertical lines.
std::string histogram_svg(const ReportHistogram& histogram);
// Final-date shift per input at its low ("tornado-low") and high ("tornado-high") value.
std::string tornado_svg(const ReportTornado& tornado);
// Stacked horizontal bar per breakdown: compute, each exposed communication kind, bubble, optimizer.
std::string breakdown_svg(const std::vector<ReportStepBreakdown>& breakdowns);

}  // namespace ascendsim
