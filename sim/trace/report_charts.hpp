// The report's charts as pure functions from report data to one inline <svg> element each, laid
// out for a given width in CSS px (kWideChart_px or kNarrowChart_px) with unit-titled axes and
// legends. Text is placed with svg::text_width estimates so that no two labels touch and none leaves
// the chart; tests/browser measures the rendered boxes at 1366 and 800 px page widths.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "sim/trace/report_model.hpp"

namespace ascendsim {

constexpr double kWideChart_px = 1150;   // a report section's inner width on a 1366 px page
constexpr double kNarrowChart_px = 700;  // ... on an 800 px page (the report switches below 1100 px)

// Both layouts of one chart, in <div class="chart-wide"> and <div class="chart-narrow">; the
// report's CSS shows one of them by page width, so the viewBox scale stays near 1.
std::string responsive_chart(const std::function<std::string(double width_px)>& draw);
// The CSS rules responsive_chart() relies on (included in the report's <style>).
extern const char* const kResponsiveChartCss;

// Milestone Gantt on a date axis: one <rect class="phase-bar"> per phase, per milestone a diamond
// (class "milestone-marker") at its earliest date, a slack bar, a red tick at its deadline
// ("deadline-marker") and one triangle ("observed-marker") at its observed date; blackout windows
// hatched ("blackout"), the publication window shaded ("pub-window").
std::string timeline_chart_svg(const ReportModel& model, double width_px = kWideChart_px);
// Training segments as bars ("run-segment"), checkpoints as ticks ("checkpoint-mark"), failures as
// red crosses ("failure-marker"), on a date axis when run.origin_day is set, else days since start.
std::string run_chart_svg(const ReportRun& run, double width_px = kWideChart_px);
// Chips available (step line, "supply-line") against chips needed (dashed, "need-line") over the
// plan's window only; shortfall ("shortfall") shaded only inside that window.
std::string supply_chart_svg(const ReportSupply& supply, double width_px = kWideChart_px);
// Monte Carlo dates of one milestone: stacked bars per bin, on time ("hist-bar on-time") and late
// ("hist-bar late"), the deadline as a red line, percentiles as labelled dashed lines.
std::string histogram_svg(const ReportHistogram& histogram, double width_px = kWideChart_px);
// Final-date shift per input at its low ("tornado-low") and high ("tornado-high") value, rows named
// by input_display_name(), each bar end labelled with the input's value and the shift.
std::string tornado_svg(const ReportTornado& tornado, double width_px = kWideChart_px);
// Stacked horizontal bar per breakdown: compute, each exposed communication kind, bubble, optimizer.
std::string breakdown_svg(const std::vector<ReportStepBreakdown>& breakdowns, double width_px = kWideChart_px);
// Sweep heat map: one cell per grid point coloured on a continuous diverging scale of the margin
// (red late, white 0 days, blue to spare), with a labelled colour bar.
std::string heatmap_svg(const ReportHeatmap& heatmap, double width_px = kWideChart_px);

}  // namespace ascendsim
