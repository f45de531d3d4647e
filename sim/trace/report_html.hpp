// The self-contained HTML report `run --out DIR` writes as report.html: inline CSS and SVG only
// (no scripts, fonts, styles or images from anywhere), every text escaped, no timestamps, so the
// same model always gives the same bytes.
#pragma once
#include <string>

#include "sim/trace/report_model.hpp"

namespace ascendsim {

std::string render_report_html(const ReportModel& model);

}  // namespace ascendsim
