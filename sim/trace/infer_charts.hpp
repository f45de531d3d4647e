// The inference report's charts as pure functions from report data to one inline <svg> each, in the
// style of report_charts.hpp (unit-titled axes, legends, labels kept apart by svg::text_width).
#pragma once
#include <string>
#include <vector>

#include "sim/trace/infer_report_model.hpp"

namespace ascendsim {

constexpr double kDensityWide_px = 560;  // two density charts per row on a wide page

// Prior ("density-prior", grey) and posterior ("density-posterior", blue) densities of one input as
// step outlines over shared bins, with each one's median as a dashed line and its 80% interval as a
// band under the axis.
std::string density_svg(const ReportDensity& density, double width_px = kDensityWide_px);
// Prior ("choice-prior") against posterior ("choice-posterior") probability of every value of every
// choice, one pair of bars per value, grouped by choice, each bar labelled with its percent.
std::string choice_bars_svg(const std::vector<ReportChoice>& choices, double width_px);
// Per milestone: the prior 80% interval ("predictive-prior") and the posterior-predictive one
// ("predictive-posterior") as bars on a date axis with their medians, and the observed date as a
// triangle ("observed-marker").
std::string predictive_dates_svg(const std::vector<ReportPredictive>& rows, double width_px);

}  // namespace ascendsim
