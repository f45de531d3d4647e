#include "sim/trace/report_html.hpp"

#include <cstdio>

#include "sim/trace/report_charts.hpp"
#include "sim/trace/svg_kit.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

using svg::escape;
using svg::fmt;

namespace {

// Colour-blind-safe palette (Okabe-Ito) with a neutral grey frame; system fonts only.
const char* const kStyle = R"CSS(
:root{--ink:#1f2933;--muted:#5f6b7a;--line:#d9dee5;--bg:#f5f7fa;--card:#fff;--ok:#1b7f4b;--bad:#b42318;
--blue:#0072b2;--orange:#e69f00;--green:#009e73;--red:#d55e00;--purple:#cc79a7;--sky:#56b4e9;--yellow:#f0e442}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
main{max-width:1240px;margin:0 auto;padding:28px 24px 48px}
header h1{margin:0 0 4px;font-size:26px;font-weight:650;letter-spacing:-0.01em}
header p{margin:0;color:var(--muted)}
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted);margin:0 0 2px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 22px 14px;margin:18px 0;box-shadow:0 1px 2px rgba(16,24,40,.04)}
h2{font-size:18px;margin:0 0 2px;font-weight:620}
.caption{color:var(--muted);font-size:13px;margin:0 0 10px}
.verdict{display:flex;gap:22px;align-items:center;border-left:6px solid var(--ok)}
.verdict.late{border-left-color:var(--bad)}
.badge{font-size:20px;font-weight:700;padding:8px 16px;border-radius:8px;color:#fff;background:var(--ok);white-space:nowrap}
.late .badge{background:var(--bad)}
.margin{font-size:28px;font-weight:700;line-height:1.1;white-space:nowrap}
.margin small{display:block;font-size:12px;font-weight:500;color:var(--muted);text-transform:uppercase;letter-spacing:.06em}
.verdict p{margin:0;font-size:16px}
table{border-collapse:collapse;width:100%;font-size:14px;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line)}
th{font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em;background:#fafbfc}
td.num{text-align:right}
tr.critical td:first-child{font-weight:650}
.tag{display:inline-block;font-size:11px;padding:1px 7px;border-radius:9px;background:#fde8e1;color:#9a3412;font-weight:600}
svg.chart{display:block;max-width:100%;height:auto;font-family:inherit}
svg text{fill:var(--ink);font-size:13px}
.tick-label{fill:var(--muted);font-size:12px}
.axis-title{font-size:13px;font-weight:600;fill:var(--muted)}
.axis-line{stroke:#8a94a3;stroke-width:1}
.grid{stroke:#eef1f5;stroke-width:1}
.tick{stroke:#8a94a3}
.legend-label{font-size:13px}
.row-label{font-size:13px}
.critical-label{font-weight:650}
.separator{stroke:var(--line);stroke-dasharray:3 3}
.phase-bar{fill:var(--sky);rx:3px}
.phase-bar.critical{fill:var(--red)}
.milestone-marker{fill:var(--blue);stroke:#fff;stroke-width:1.5}
.milestone-marker.critical{fill:var(--red)}
.observed-marker{fill:var(--ink);stroke:#fff;stroke-width:1}
.observed-link{stroke:var(--ink);stroke-width:1;stroke-dasharray:2 3}
.deadline-marker{stroke:var(--bad);stroke-width:3}
.slack-bar{fill:#c9d7e6}
.marker-label{font-size:12px;fill:var(--muted)}
.blackout{fill:url(#blackout-hatch);stroke:#c8ced6;stroke-width:1}
.hatch-bg{fill:#f3f4f6}.hatch-line{stroke:#c3c9d1;stroke-width:3}
.pub-window{fill:var(--green);fill-opacity:.14;stroke:var(--green);stroke-opacity:.5}
.window-label{font-size:12px;fill:var(--muted)}
.pub-label{fill:#00664a;font-weight:600}
.run-segment{fill:var(--blue)}.run-other{fill:#9aa5b1}
.checkpoint-mark{stroke:var(--orange);stroke-width:1.5}
.failure-marker{stroke:var(--bad);stroke-width:3;fill:none}
.supply-line{fill:none;stroke:var(--blue);stroke-width:2.5}
.supply-point{fill:var(--blue)}
.need-line{stroke:var(--red);stroke-width:2;stroke-dasharray:7 5}
.need-label{fill:var(--red);font-weight:600}
.shortfall{fill:var(--red);fill-opacity:.12}
.met-line{stroke:var(--green);stroke-width:1.5;stroke-dasharray:3 3}.met-label{fill:#00664a;font-weight:600;font-size:12px}
.hist-bar{fill:var(--blue);fill-opacity:.8}.hist-bar.late{fill:var(--red);fill-opacity:.85}
.limit-label{fill:var(--bad);font-weight:600}
.hist-marker{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:5 4}
.hist-deadline{stroke:var(--bad);stroke-width:2.5}
.tornado-low{fill:var(--sky)}.tornado-high{fill:var(--orange)}
.zero-line{stroke:var(--ink);stroke-width:1.5}
.bar-label{font-size:12px;fill:var(--muted)}
.seg-label{font-size:12px;fill:#fff;font-weight:600}
.seg-compute{fill:var(--blue)}.seg-bubble{fill:#9aa5b1}.seg-optimizer{fill:var(--purple)}
.seg-comm-0{fill:var(--orange)}.seg-comm-1{fill:var(--red)}.seg-comm-2{fill:var(--green)}.seg-comm-3{fill:#b08d00}.seg-comm-4{fill:var(--sky)}
.heatmap-chart .cell-value{font-weight:600}.cell-share{font-size:11px}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:24px}
@media print{body{background:#fff}section{box-shadow:none;break-inside:avoid}}
)CSS";

std::string day_text(double day) { return format_date_floor(day); }

}  // namespace

std::string report_section(const std::string& id, const std::string& title, const std::string& caption, const std::string& body) {
  return "<section id=\"" + id + "\"><h2>" + escape(title) + "</h2>" +
         (caption.empty() ? std::string() : "<p class=\"caption\">" + escape(caption) + "</p>") + body + "</section>\n";
}

namespace {

std::string section(const std::string& id, const std::string& title, const std::string& caption, const std::string& body) {
  return report_section(id, title, caption, body);
}

std::string verdict_html(const ReportVerdict& v) {
  const double m = v.margin_days;
  std::string o = "<section id=\"verdict\" class=\"verdict" + std::string(v.fits ? "" : " late") + "\">";
  o += "<div class=\"badge\">" + std::string(v.fits ? "FITS" : "DOES NOT FIT") + "</div>";
  o += "<div class=\"margin\"><small>" + std::string(m >= 0 ? "margin" : "late by") + "</small>" + fmt(std::abs(m), 1) + " days</div>";
  o += "<p>" + escape(v.text) + "</p></section>\n";
  return o;
}

// Slack as the terminal table prints it: signed, one decimal, "n/a" without a limit (never 0).
std::string slack_text(const ReportMilestone& m) {
  if (!m.has_slack) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f", m.slack_days);
  return buf;
}

std::string milestone_table(const std::vector<ReportMilestone>& ms) {
  std::string o = "<table class=\"milestones\"><thead><tr><th>Milestone</th><th>Earliest date</th><th>Observed</th>"
                  "<th>Deadline</th><th>Slack (days)</th><th>Critical path</th></tr></thead><tbody>";
  for (const auto& m : ms) {
    o += std::string("<tr") + (m.critical ? " class=\"critical\"" : "") + "><td>" + escape(m.name) + "</td><td>" + day_text(m.earliest_day) +
         "</td><td>" + (m.observed_day ? day_text(*m.observed_day) : "&#8212;") + "</td><td>" +
         (m.deadline_day ? day_text(*m.deadline_day) : "&#8212;") + "</td><td class=\"num\">" + slack_text(m) + "</td><td>" +
         (m.critical ? "<span class=\"tag\">critical</span>" : "") + "</td></tr>";
  }
  return o + "</tbody></table>";
}

}  // namespace

std::string report_table(const ReportTable& t) {
  std::string o = "<table><thead><tr>";
  for (const auto& h : t.header) o += "<th>" + escape(h) + "</th>";
  o += "</tr></thead><tbody>";
  for (const auto& r : t.rows) {
    o += "<tr>";
    for (const auto& c : r) o += "<td>" + escape(c) + "</td>";
    o += "</tr>";
  }
  return o + "</tbody></table>";
}

std::string report_page_start(const std::string& title, const std::string& kicker, const std::string& heading,
                              const std::string& description, const std::string& extra_css) {
  std::string o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"ascendsim\">\n<title>" +
                  escape(title) + "</title>\n<style>" + kStyle + kResponsiveChartCss + extra_css + "</style>\n</head>\n<body>\n<main>\n";
  o += "<header><p class=\"kicker\">" + escape(kicker) + "</p><h1>" + escape(heading) + "</h1>";
  if (!description.empty()) o += "<p>" + escape(description) + "</p>";
  return o + "</header>\n";
}

std::string report_page_end(const std::string& footer) {
  return "<footer>" + footer + "</footer>\n</main>\n</body>\n</html>\n";
}

std::string render_report_html(const ReportModel& m) {
  std::string o = report_page_start(m.scenario.empty() ? std::string("ascendsim report") : m.scenario + " \u2014 ascendsim report",
                                    "ascendsim timeline report", m.scenario, m.description);
  o += verdict_html(m.verdict);
  if (!m.phases.empty() || !m.milestones.empty()) {
    std::string caption = "Phases as bars (critical path in red); milestones at their earliest simulated date";
    caption += ", with slack, deadlines and observed dates. Hatched: blackout windows. Hover for dates.";
    o += section("plan", "Milestone plan", caption, responsive_chart([&](double w) { return timeline_chart_svg(m, w); }) + (m.milestones.empty() ? "" : milestone_table(m.milestones)));
  }
  if (m.run && !m.run->run.spans.empty())
    o += section("run", m.run->title, "Training segments between failures, checkpoints and failures with restart.", responsive_chart([&](double w) { return run_chart_svg(*m.run, w); }));
  if (m.supply && !m.supply->available.empty())
    o += section("supply", "Chip supply against need",
                 "Chips available over time (step line) against the chips the plan needs while it runs (dashed); shaded: shortfall while it runs.",
                 responsive_chart([&](double w) { return supply_chart_svg(*m.supply, w); }));
  if (m.final_date_histogram && !m.final_date_histogram->bins.empty()) {
    const ReportHistogram& h = *m.final_date_histogram;
    const std::string what = h.milestone.empty() ? std::string("the final date") : h.milestone;
    o += section("monte-carlo", "Distribution of the date of " + what,
                 "Monte Carlo runs per bin of the date " + what + " is reached" +
                     (h.samples ? " (" + std::to_string(h.samples) + " runs)" : std::string()) +
                     (h.limit_day ? "; it decides the verdict. Blue: on time, red: late against its " + h.limit_kind + " date." : "."),
                 responsive_chart([&](double w) { return histogram_svg(h, w); }));
  }
  if (m.tornado && !m.tornado->bars.empty())
    o += section("sensitivity", "Sensitivity of the final date",
                 "Each input moved to its low and high value with all others nominal; bars show the shift of the final date.",
                 responsive_chart([&](double w) { return tornado_svg(*m.tornado, w); }));
  if (!m.step_breakdown.empty())
    o += section("step", "Step-time breakdown",
                 "One training step split into compute, communication not hidden behind compute, pipeline bubble and optimizer.",
                 responsive_chart([&](double w) { return breakdown_svg(m.step_breakdown, w); }));
  for (std::size_t i = 0; i < m.tables.size(); ++i)
    o += section("table-" + std::to_string(i + 1), m.tables[i].title, "", report_table(m.tables[i]));
  if (!m.provenance.empty()) {
    ReportTable t{"", {"item", "value"}, {}};
    for (const auto& [k, v] : m.provenance) t.rows.push_back({k, v});
    o += section("provenance", "Provenance", "What this report was computed from: version, command line, overrides, input files "
                 "(FNV-1a 64 content hashes) and the step cache.",
                 "<div style=\"overflow-wrap:anywhere;word-break:break-word\">" + report_table(t) + "</div>");
  }
  return o + report_page_end("Generated by ascendsim from the scenario's inputs; every date is simulated unless marked observed.");
}

}  // namespace ascendsim
