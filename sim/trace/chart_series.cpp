// Charts over a date axis with a value axis: chip supply against the plan's need (a step line),
// and the Monte Carlo histogram of the deciding milestone's date, split on time / late, with
// percentile and deadline markers.
#include <algorithm>
#include <cmath>

#include "sim/trace/report_charts.hpp"
#include "sim/trace/svg_kit.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

using svg::escape;
using svg::fmt;

namespace {
constexpr double kLeft = 110;

double right_of(double width) { return width - 30; }
int max_ticks(double width) { return std::max(3, static_cast<int>((right_of(width) - kLeft) / 85)); }

std::string text_at(double x, double y, const std::string& cls, const std::string& anchor, const std::string& text) {
  return "<text class=\"" + cls + "\" x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">" + escape(text) + "</text>";
}

// A label beside a vertical line at xm: right of it when it fits before `limit`, else left of it.
// Returns the label's horizontal extent through *x0/*x1 and its anchor.
std::string beside(double xm, double w, double limit, double* x0, double* x1) {
  if (xm + 5 + w <= limit) {
    *x0 = xm + 5;
    *x1 = xm + 5 + w;
    return "start";
  }
  *x0 = xm - 5 - w;
  *x1 = xm - 5;
  return "end";
}

bool is_limit_label(const std::string& label, const ReportHistogram& h) {
  return label == h.limit_kind || label.find("deadline") != std::string::npos || label.find("observed") != std::string::npos;
}
}  // namespace

std::string supply_chart_svg(const ReportSupply& s, double width) {
  if (s.available.empty()) return "";
  const double right = right_of(width);
  double lo = s.available.front().day, hi = s.available.back().day;
  const double from = s.need_from_day.value_or(lo), to = s.need_to_day.value_or(hi);
  lo = std::min(lo, from);
  hi = std::max(hi, to);
  lo -= std::max(7.0, (hi - lo) * 0.03);
  hi += std::max(14.0, (hi - lo) * 0.06);
  double ymax = s.chips_needed;
  for (const auto& p : s.available) ymax = std::max(ymax, p.chips);
  using S = svg::LegendItem::Shape;
  const std::vector<svg::LegendItem> items{{"chips available", "supply-line", S::line},
                                           {"chips the plan needs (while it runs)", "need-line", S::dashed},
                                           {"shortfall while the plan runs", "shortfall", S::box}};
  const double top = 50 + svg::kLegendRow * std::max(0, svg::legend_rows(items, kLeft, width - 10) - 1), bottom = top + 290;
  const auto [y0, y1] = svg::nice_range(0, ymax * 1.08, 6);
  const svg::Scale x{lo, hi, kLeft, right}, y{y0, y1, bottom, top};
  std::string o = svg::open_svg(width, bottom + 58, "supply-chart", "Chip supply against the plan's need");
  o += svg::y_axis(y, svg::nice_ticks(y0, y1, 6), kLeft, right, "chips" + (s.chip_name.empty() ? "" : " (" + s.chip_name + ")"));
  o += svg::x_axis(x, svg::date_ticks(lo, hi, max_ticks(width)), bottom, top, "date");
  // Shortfall shading: where available < needed, and only while the plan needs the chips.
  for (std::size_t i = 0; i < s.available.size(); ++i) {
    const double d0 = std::max(from, s.available[i].day);
    const double d1 = std::min(to, i + 1 < s.available.size() ? s.available[i + 1].day : hi);
    if (d1 > d0 && s.available[i].chips < s.chips_needed)
      o += "<rect class=\"shortfall\" x=\"" + fmt(x(d0)) + "\" y=\"" + fmt(y(s.chips_needed)) + "\" width=\"" + fmt(x(d1) - x(d0)) +
           "\" height=\"" + fmt(y(s.available[i].chips) - y(s.chips_needed)) + "\"><title>" +
           escape(format_date_floor(d0) + " to " + format_date_floor(d1) + ": " + fmt(s.chips_needed - s.available[i].chips, 0) +
                  " chips short") +
           "</title></rect>";
  }
  std::string path = "M" + fmt(x(lo)) + " " + fmt(y(0)) + "L" + fmt(x(s.available.front().day)) + " " + fmt(y(0));
  for (std::size_t i = 0; i < s.available.size(); ++i) {
    const double d1 = i + 1 < s.available.size() ? s.available[i + 1].day : hi;
    path += "L" + fmt(x(s.available[i].day)) + " " + fmt(y(s.available[i].chips)) + "L" + fmt(x(d1)) + " " + fmt(y(s.available[i].chips));
  }
  o += "<path class=\"supply-line\" d=\"" + path + "\"/>";
  for (const auto& p : s.available)
    o += "<circle class=\"supply-point\" cx=\"" + fmt(x(p.day)) + "\" cy=\"" + fmt(y(p.chips)) + "\" r=\"3.5\"><title>" +
         escape(format_date_floor(p.day) + ": " + fmt(p.chips, 0) + " chips") + "</title></circle>";
  const double yn = y(s.chips_needed), xf = x(from), xt = x(to);
  o += "<line class=\"need-line\" x1=\"" + fmt(xf) + "\" x2=\"" + fmt(xt) + "\" y1=\"" + fmt(yn) + "\" y2=\"" + fmt(yn) + "\"/>";
  const std::string need = "needed: " + fmt(s.chips_needed, 0) + " chips";
  const double need_w = svg::text_width(need, 13.5);
  const double need_x = std::min(xf + 8, right - need_w);
  o += text_at(need_x, yn - 7, "need-label", "start", need);
  // First date the supply covers the need.
  for (const auto& p : s.available)
    if (p.chips >= s.chips_needed) {
      const double xm = x(p.day);
      o += "<line class=\"met-line\" x1=\"" + fmt(xm) + "\" x2=\"" + fmt(xm) + "\" y1=\"" + fmt(top) + "\" y2=\"" + fmt(bottom) + "\"/>";
      const std::string met = "need met " + format_date_floor(p.day);
      double a = 0, b = 0;
      const std::string anchor = beside(xm, svg::text_width(met, 12.5), width - 4, &a, &b);
      double ym = top + 14;
      // Below the need line when the need label sits in the way.
      if (a < need_x + need_w + 6 && need_x < b + 6 && std::fabs(ym - (yn - 7)) < 18) ym = yn + 18;
      o += text_at(anchor == "start" ? a : b, ym, "met-label", anchor, met);
      break;
    }
  o += svg::legend(items, kLeft, 22, width - 10);
  return o + "</svg>";
}

std::string histogram_svg(const ReportHistogram& h, double width) {
  if (h.bins.empty()) return "";
  const double right = right_of(width);
  double lo = h.bins.front().lo_day, hi = h.bins.back().hi_day;
  for (const auto& [label, d] : h.markers) { lo = std::min(lo, d); hi = std::max(hi, d); }
  if (h.limit_day) { lo = std::min(lo, *h.limit_day); hi = std::max(hi, *h.limit_day); }
  const double pad = std::max(2.0, (hi - lo) * 0.04);
  lo -= pad;
  hi += pad;
  long cmax = 1, late = 0, total = 0;
  for (const auto& b : h.bins) {
    cmax = std::max(cmax, b.count);
    late += b.late;
    total += b.count;
  }
  using S = svg::LegendItem::Shape;
  const std::string what = h.milestone.empty() ? "final date" : h.milestone;
  std::vector<svg::LegendItem> items{{"on time (" + std::to_string(total - late) + " runs)", "hist-bar on-time", S::box}};
  if (late > 0 || h.limit_day) items.push_back({"late (" + std::to_string(late) + " runs)", "hist-bar late", S::box});
  items.push_back({"percentile", "hist-marker", S::dashed});
  items.push_back({h.limit_kind == "observed" ? "observed date (limit)" : "deadline", "hist-deadline", S::line});
  const double legend_bottom = 22 + svg::kLegendRow * std::max(0, svg::legend_rows(items, kLeft, width - 10) - 1);
  // Marker labels in lanes above the plot, so none overlaps another or a bar.
  struct Label { double x; std::string anchor, text; int lane; bool limit; double day; };
  std::vector<Label> labels;
  svg::Lanes lanes;
  const svg::Scale x{lo, hi, kLeft, right};
  std::vector<std::pair<std::string, double>> marks = h.markers;
  if (h.limit_day && std::none_of(marks.begin(), marks.end(), [&](const auto& m) { return is_limit_label(m.first, h); }))
    marks.push_back({h.limit_kind, *h.limit_day});
  std::sort(marks.begin(), marks.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  for (const auto& [label, d] : marks) {
    const std::string text = label + " " + format_date_floor(d);
    double a = 0, b = 0;
    const std::string anchor = beside(x(d), svg::text_width(text, 12), width - 4, &a, &b);
    labels.push_back({anchor == "start" ? a : b, anchor, text, lanes.place(a, b), is_limit_label(label, h), d});
  }
  const double lanes_y = legend_bottom + 24;
  const double top = lanes_y + 16.0 * lanes.count(), bottom = top + 280;
  const auto [y0, y1] = svg::nice_range(0, static_cast<double>(cmax) * 1.08, 6);
  const svg::Scale y{y0, y1, bottom, top};
  std::string o = svg::open_svg(width, bottom + 58, "histogram-chart", "Distribution of the date of " + what);
  o += svg::y_axis(y, svg::nice_ticks(y0, y1, 6), kLeft, right, "Monte Carlo runs" + (h.samples ? " (of " + std::to_string(h.samples) + ")" : std::string()));
  o += svg::x_axis(x, svg::date_ticks(lo, hi, max_ticks(width)), bottom, top, "date " + what + " is reached");
  for (const auto& b : h.bins) {
    const double x0 = x(b.lo_day) + 1, x1 = x(b.hi_day) - 1;
    const double on_time = static_cast<double>(b.count - b.late);
    const std::string span = format_date_floor(b.lo_day) + " to " + format_date_floor(b.hi_day) + ": ";
    auto part = [&](double c0, double c1, const char* cls, const std::string& tip) {
      if (c1 <= c0) return;
      o += "<rect class=\"" + std::string(cls) + "\" x=\"" + fmt(x0) + "\" y=\"" + fmt(y(c1)) + "\" width=\"" + fmt(std::max(1.0, x1 - x0)) +
           "\" height=\"" + fmt(y(c0) - y(c1)) + "\"><title>" + escape(tip) + "</title></rect>";
    };
    part(0, on_time, "hist-bar on-time", span + fmt(on_time, 0) + " runs on time");
    part(on_time, static_cast<double>(b.count), "hist-bar late", span + std::to_string(b.late) + " runs late");
  }
  for (const auto& l : labels) {
    const double xm = x(l.day);
    o += "<line class=\"" + std::string(l.limit ? "hist-deadline" : "hist-marker") + "\" x1=\"" + fmt(xm) + "\" x2=\"" + fmt(xm) +
         "\" y1=\"" + fmt(lanes_y + 16.0 * l.lane - 12) + "\" y2=\"" + fmt(bottom) + "\"/>";
    o += text_at(l.x, lanes_y + 16.0 * l.lane, std::string("marker-label") + (l.limit ? " limit-label" : ""), l.anchor, l.text);
  }
  o += svg::legend(items, kLeft, 22, width - 10);
  return o + "</svg>";
}

}  // namespace ascendsim
