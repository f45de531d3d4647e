// Gantt-style charts on a calendar axis: the milestone plan (phases, milestones, blackout windows,
// publication window) and the pretraining run (segments, checkpoints, failures).
#include <algorithm>
#include <cmath>
#include <map>

#include "sim/trace/report_charts.hpp"
#include "sim/trace/svg_kit.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

using svg::escape;
using svg::fmt;

namespace {

constexpr double kRow = 30;

// Horizontal frame of a chart laid out for `width` px: the row-label column and the plot.
struct Frame {
  double width, left, right;
  explicit Frame(double w) : width(w), left(std::min(250.0, std::round(w * 0.24))), right(w - 24) {}
  int max_ticks() const { return std::max(3, static_cast<int>((right - left) / 85)); }
};

std::string rect(double x0, double x1, double y, double h, const std::string& cls, const std::string& title) {
  return "<rect class=\"" + cls + "\" x=\"" + fmt(x0) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(std::max(1.5, x1 - x0)) +
         "\" height=\"" + fmt(h) + "\"><title>" + escape(title) + "</title></rect>";
}

std::string row_label(const Frame& f, double y, const std::string& text, bool bold) {
  const std::string shown = svg::ellipsize(text, bold ? 13.5 : 13, f.left - 20);
  return "<text class=\"row-label" + std::string(bold ? " critical-label" : "") + "\" x=\"" + fmt(f.left - 10) + "\" y=\"" +
         fmt(y) + "\" dy=\"0.35em\" text-anchor=\"end\"><title>" + escape(text) + "</title>" + escape(shown) + "</text>";
}

std::string date_of(double day) { return format_date_floor(day); }

}  // namespace

std::string timeline_chart_svg(const ReportModel& m, double width_px) {
  const Frame f(width_px);
  double lo = 1e18, hi = -1e18;
  auto see = [&](double d) { lo = std::min(lo, d); hi = std::max(hi, d); };
  for (const auto& p : m.phases) { see(p.start_day); see(p.end_day); }
  for (const auto& ms : m.milestones) {
    see(ms.earliest_day);
    see(ms.earliest_day + std::max(0.0, ms.slack_days));
    if (ms.observed_day) see(*ms.observed_day);
    if (ms.deadline_day) see(*ms.deadline_day);
  }
  if (m.publication_window) { see(m.publication_window->start_day); see(m.publication_window->end_day); }
  if (lo > hi) return "";
  const double pad = std::max(7.0, (hi - lo) * 0.03);
  lo -= pad;
  hi += pad;
  const svg::Scale x{lo, hi, f.left, f.right};
  // Legend rows first, then the window names in as many lanes as they need, then the plot.
  std::vector<svg::LegendItem> items;
  using S = svg::LegendItem::Shape;
  if (!m.phases.empty()) {
    items.push_back({"phase", "phase-bar", S::box});
    items.push_back({"critical phase", "phase-bar critical", S::box});
  }
  if (!m.milestones.empty()) items.push_back({"earliest date", "milestone-marker", S::diamond});
  bool any_obs = false, any_dl = false, any_slack = false;
  for (const auto& ms : m.milestones) {
    any_obs |= ms.observed_day.has_value();
    any_dl |= ms.deadline_day.has_value();
    any_slack |= ms.slack_days > 0;
  }
  if (any_obs) items.push_back({"observed date", "observed-marker", S::triangle});
  if (any_dl) items.push_back({"deadline", "deadline-marker", S::line});
  if (any_slack) items.push_back({"slack", "slack-bar", S::box});
  const std::string hatch = "blackout-hatch-" + fmt(f.width, 0);  // one id per layout
  if (!m.blackouts.empty()) items.push_back({"blackout window", "blackout", S::hatch, "url(#" + hatch + ")"});
  if (m.publication_window) items.push_back({"publication window", "pub-window", S::box});
  const double legend_y = 20, lanes_y = legend_y + svg::kLegendRow * std::max(0, svg::legend_rows(items, 20, f.width - 10) - 1) + 26;
  struct WindowLabel { double x; int lane; std::string text; bool pub; };
  std::vector<WindowLabel> labels;
  svg::Lanes lanes;
  auto add_label = [&](const ReportWindow& w, bool pub) {
    const double x0 = std::max(f.left, x(w.start_day)), x1 = std::min(f.right, x(w.end_day));
    if (x1 <= x0) return;
    const std::string text = svg::ellipsize(w.name, 12.5, std::max(f.right - f.left, 40.0));
    const double tw = svg::text_width(text, 12.5);
    const double cx = std::clamp((x0 + x1) / 2, tw / 2 + 4, f.width - tw / 2 - 4);
    labels.push_back({cx, lanes.place(cx - tw / 2, cx + tw / 2), text, pub});
  };
  for (const auto& b : m.blackouts) add_label(b, false);
  if (m.publication_window) add_label(*m.publication_window, true);
  const double top = lanes_y + 16.0 * lanes.count() + 4;
  const std::size_t rows = m.phases.size() + m.milestones.size();
  const double bottom = top + kRow * static_cast<double>(rows) + (m.phases.empty() || m.milestones.empty() ? 0 : 12);
  const double height = bottom + 58;
  std::string o = svg::open_svg(f.width, height, "timeline-chart", "Milestone plan on a date axis");
  o += svg::hatch_defs(hatch);
  // Windows behind everything, clipped to the plot.
  for (const auto& b : m.blackouts) {
    const double x0 = std::max(f.left, x(b.start_day)), x1 = std::min(f.right, x(b.end_day));
    if (x1 <= x0) continue;
    o += rect(x0, x1, top - 6, bottom - top + 6, "blackout\" style=\"fill:url(#" + hatch + ")",
              b.name + ": " + date_of(b.start_day) + " to " + date_of(b.end_day) + " (blackout)");
  }
  if (m.publication_window) {
    const auto& w = *m.publication_window;
    o += rect(std::max(f.left, x(w.start_day)), std::min(f.right, x(w.end_day)), top - 6, bottom - top + 6, "pub-window",
              w.name + ": " + date_of(w.start_day) + " to " + date_of(w.end_day));
  }
  for (const auto& l : labels)
    o += "<text class=\"window-label" + std::string(l.pub ? " pub-label" : "") + "\" x=\"" + fmt(l.x) + "\" y=\"" +
         fmt(lanes_y + 16.0 * l.lane) + "\" text-anchor=\"middle\">" + escape(l.text) + "</text>";
  o += svg::x_axis(x, svg::date_ticks(lo, hi, f.max_ticks()), bottom, top - 6, "date");
  double y = top;
  for (const auto& p : m.phases) {
    o += row_label(f, y + kRow / 2, p.name, p.critical);
    const double days = p.end_day - p.start_day;
    o += rect(x(p.start_day), x(p.end_day), y + 6, kRow - 12, std::string("phase-bar") + (p.critical ? " critical" : ""),
              p.name + ": " + date_of(p.start_day) + " to " + date_of(p.end_day) + " (" + fmt(days, 1) + " days" +
                  (p.critical ? ", critical path)" : ")"));
    y += kRow;
  }
  if (!m.phases.empty() && !m.milestones.empty()) {
    o += "<line class=\"separator\" x1=\"20\" x2=\"" + fmt(f.right) + "\" y1=\"" + fmt(y + 6) + "\" y2=\"" + fmt(y + 6) + "\"/>";
    y += 12;
  }
  for (const auto& ms : m.milestones) {
    const double cy = y + kRow / 2;
    o += row_label(f, cy, ms.name, ms.critical);
    const double xe = x(ms.earliest_day);
    if (ms.slack_days > 0)
      o += rect(xe, x(ms.earliest_day + ms.slack_days), cy - 3, 6, "slack-bar", ms.name + ": " + fmt(ms.slack_days, 1) + " days of slack");
    if (ms.observed_day)
      o += "<line class=\"observed-link\" x1=\"" + fmt(xe) + "\" x2=\"" + fmt(x(*ms.observed_day)) + "\" y1=\"" + fmt(cy) +
           "\" y2=\"" + fmt(cy) + "\"/>";
    if (ms.deadline_day) {
      const double xd = x(*ms.deadline_day);
      o += "<line class=\"deadline-marker\" x1=\"" + fmt(xd) + "\" x2=\"" + fmt(xd) + "\" y1=\"" + fmt(cy - 11) + "\" y2=\"" +
           fmt(cy + 11) + "\"><title>" + escape(ms.name + " deadline: " + date_of(*ms.deadline_day)) + "</title></line>";
    }
    o += svg::diamond(xe, cy, 7, std::string("milestone-marker") + (ms.critical ? " critical" : ""),
                      ms.name + ": earliest " + date_of(ms.earliest_day) + ", slack " + fmt(ms.slack_days, 1) + " days");
    double right = xe, left = xe;
    if (ms.observed_day) {
      o += svg::triangle_down(x(*ms.observed_day), cy - 2, 7, "observed-marker", ms.name + ": observed " + date_of(*ms.observed_day));
      right = std::max(right, x(*ms.observed_day));
      left = std::min(left, x(*ms.observed_day));
    }
    if (ms.deadline_day) right = std::max(right, x(*ms.deadline_day));
    if (ms.slack_days > 0) right = std::max(right, x(ms.earliest_day + ms.slack_days));
    // The date note right of the marks, else left of them, else the date alone (the table has the rest).
    std::string note = date_of(ms.earliest_day);
    if (ms.observed_day) note += " (observed " + date_of(*ms.observed_day) + ")";
    for (int attempt = 0; attempt < 2; ++attempt) {
      const double w = svg::text_width(note, 12);
      const bool fits_right = right + 12 + w < f.width - 4, fits_left = left - 12 - w > f.left;
      if (fits_right || fits_left || attempt == 1) {
        o += "<text class=\"marker-label\" x=\"" + fmt(fits_right || !fits_left ? right + 12 : left - 12) + "\" y=\"" + fmt(cy) +
             "\" dy=\"0.35em\" text-anchor=\"" + (fits_right || !fits_left ? "start" : "end") + "\">" + escape(note) + "</text>";
        break;
      }
      note = date_of(ms.earliest_day);
    }
    y += kRow;
  }
  o += svg::legend(items, 20, legend_y, f.width - 10);
  return o + "</svg>";
}

std::string run_chart_svg(const ReportRun& r, double width_px) {
  const Frame f(width_px);
  const Trace& t = r.run;
  if (t.spans.empty()) return "";
  double lo = 0, hi = 0;
  for (const auto& s : t.spans) hi = std::max(hi, s.end_s);
  hi /= 86400.0;
  const double origin = t.origin_day ? static_cast<double>(*t.origin_day) : 0.0;
  // Rows by resource in appearance order.
  std::map<std::string, int> row_of;
  std::vector<std::string> rows;
  for (const auto& s : t.spans)
    if (row_of.try_emplace(s.resource, static_cast<int>(rows.size())).second) rows.push_back(s.resource);
  std::size_t n_ckpt = 0, n_fail = 0, n_seg = 0;
  for (const auto& s : t.spans) {
    n_fail += s.category == "failure";
    n_ckpt += s.category == "checkpoint";
    n_seg += s.category == "training";
  }
  using S = svg::LegendItem::Shape;
  std::vector<svg::LegendItem> items;
  if (n_seg) items.push_back({"training segment (" + std::to_string(n_seg) + ")", "run-segment", S::box});
  if (n_ckpt) items.push_back({"checkpoint (" + std::to_string(n_ckpt) + ")", "checkpoint-mark", S::line});
  if (n_fail) items.push_back({"failure and restart (" + std::to_string(n_fail) + ")", "failure-marker", S::cross});
  const double top = 50 + svg::kLegendRow * std::max(0, svg::legend_rows(items, 20, f.width - 10) - 1), row_h = 40;
  const double bottom = top + row_h * static_cast<double>(rows.size());
  const double height = bottom + 58;
  const double pad = std::max(1.0, hi * 0.02);
  const svg::Scale x{origin + lo - pad, origin + hi + pad, f.left, f.right};
  std::string o = svg::open_svg(f.width, height, "run-chart", r.title);
  const auto ticks = t.origin_day ? svg::date_ticks(x.d0, x.d1, f.max_ticks()) : svg::nice_ticks(x.d0, x.d1, f.max_ticks());
  o += svg::x_axis(x, ticks, bottom, top, t.origin_day ? "date" : "days since the run starts");
  for (std::size_t i = 0; i < rows.size(); ++i) o += row_label(f, top + row_h * (static_cast<double>(i) + 0.5), rows[i], false);
  auto when = [&](double sec) {
    const double d = origin + sec / 86400.0;
    return t.origin_day ? date_of(d) + " (day " + fmt(sec / 86400.0, 1) + ")" : "day " + fmt(sec / 86400.0, 2);
  };
  for (const auto& s : t.spans) {
    const double y0 = top + row_h * row_of[s.resource];
    const double x0 = x(origin + s.start_s / 86400.0), x1 = x(origin + s.end_s / 86400.0);
    const std::string tip = s.name + ": " + when(s.start_s) + (s.instant() ? "" : " to " + when(s.end_s));
    if (s.category == "failure") {
      o += svg::cross(x0, y0 + row_h / 2, 6, "failure-marker", tip);
    } else if (s.category == "checkpoint") {
      o += "<line class=\"checkpoint-mark\" x1=\"" + fmt(x0) + "\" x2=\"" + fmt(x0) + "\" y1=\"" + fmt(y0 + 4) + "\" y2=\"" +
           fmt(y0 + row_h - 4) + "\"><title>" + escape(tip) + "</title></line>";
    } else {
      o += rect(x0, x1, y0 + 9, row_h - 18, s.category == "training" ? "run-segment" : "run-other", tip);
    }
  }
  o += svg::legend(items, 20, 20, f.width - 10);
  return o + "</svg>";
}

}  // namespace ascendsim
