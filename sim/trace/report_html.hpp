// The self-contained HTML report `run --out DIR` writes as report.html: inline CSS and SVG only
// (no scripts, fonts, styles or images from anywhere), every text escaped, no timestamps, so the
// same model always gives the same bytes.
#pragma once
#include <string>

#include "sim/trace/report_model.hpp"

namespace ascendsim {

std::string render_report_html(const ReportModel& model);

// The page pieces every ascendsim report shares (the inference report uses them too): the opening
// up to <main> with the stylesheet and a header, a <section> with its title and caption, a table
// with every cell escaped, and the footer (markup, not escaped) with the closing tags.
std::string report_page_start(const std::string& title, const std::string& kicker, const std::string& heading,
                              const std::string& description, const std::string& extra_css = "");
std::string report_section(const std::string& id, const std::string& title, const std::string& caption, const std::string& body);
std::string report_table(const ReportTable& table);
std::string report_page_end(const std::string& footer);

}  // namespace ascendsim
