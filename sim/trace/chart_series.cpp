// Charts over a date axis with a value axis: chip supply against the plan's need (a step line),
// and the Monte Carlo histogram of the final date with percentile and deadline markers.
#include <algorithm>
#include <cmath>

#include "sim/trace/report_charts.hpp"
#include "sim/trace/svg_kit.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

using svg::escape;
using svg::fmt;

namespace {
constexpr double kWidth = 1200, kLeft = 110, kRight = 1170;
}

std::string supply_chart_svg(const ReportSupply& s) {
  if (s.available.empty()) return "";
  double lo = s.available.front().day, hi = s.available.back().day;
  lo -= std::max(7.0, (hi - lo) * 0.03);
  hi += std::max(14.0, (hi - lo) * 0.06);
  double ymax = s.chips_needed;
  for (const auto& p : s.available) ymax = std::max(ymax, p.chips);
  const auto [y0, y1] = svg::nice_range(0, ymax * 1.08, 6);
  const double top = 50, bottom = 340;
  const svg::Scale x{lo, hi, kLeft, kRight}, y{y0, y1, bottom, top};
  std::string o = svg::open_svg(kWidth, bottom + 58, "supply-chart", "Chip supply against the plan's need");
  o += svg::y_axis(y, svg::nice_ticks(y0, y1, 6), kLeft, kRight, "chips" + (s.chip_name.empty() ? "" : " (" + s.chip_name + ")"));
  o += svg::x_axis(x, svg::date_ticks(lo, hi, 12), bottom, top, "date");
  // Shortfall shading: where available < needed.
  for (std::size_t i = 0; i < s.available.size(); ++i) {
    const double d0 = s.available[i].day, d1 = i + 1 < s.available.size() ? s.available[i + 1].day : hi;
    if (s.available[i].chips < s.chips_needed)
      o += "<rect class=\"shortfall\" x=\"" + fmt(x(d0)) + "\" y=\"" + fmt(y(s.chips_needed)) + "\" width=\"" + fmt(x(d1) - x(d0)) +
           "\" height=\"" + fmt(y(s.available[i].chips) - y(s.chips_needed)) + "\"/>";
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
  const double yn = y(s.chips_needed);
  o += "<line class=\"need-line\" x1=\"" + fmt(kLeft) + "\" x2=\"" + fmt(kRight) + "\" y1=\"" + fmt(yn) + "\" y2=\"" + fmt(yn) + "\"/>";
  o += "<text class=\"need-label\" x=\"" + fmt(kLeft + 8) + "\" y=\"" + fmt(yn - 7) + "\">needed: " + fmt(s.chips_needed, 0) + " chips</text>";
  // First date the supply covers the need.
  for (const auto& p : s.available)
    if (p.chips >= s.chips_needed) {
      const double xm = x(p.day);
      o += "<line class=\"met-line\" x1=\"" + fmt(xm) + "\" x2=\"" + fmt(xm) + "\" y1=\"" + fmt(top) + "\" y2=\"" + fmt(bottom) + "\"/>";
      o += "<text class=\"met-label\" x=\"" + fmt(xm + 6) + "\" y=\"" + fmt(top + 14) + "\">need met " + escape(format_date_floor(p.day)) + "</text>";
      break;
    }
  using S = svg::LegendItem::Shape;
  o += svg::legend({{"chips available", "supply-line", S::line}, {"chips the plan needs", "need-line", S::dashed},
                    {"shortfall", "shortfall", S::box}},
                   kLeft, 22);
  return o + "</svg>";
}

std::string histogram_svg(const ReportHistogram& h) {
  if (h.bins.empty()) return "";
  double lo = h.bins.front().lo_day, hi = h.bins.back().hi_day;
  for (const auto& [label, d] : h.markers) { lo = std::min(lo, d); hi = std::max(hi, d); }
  const double pad = std::max(2.0, (hi - lo) * 0.04);
  lo -= pad;
  hi += pad;
  long cmax = 1;
  for (const auto& b : h.bins) cmax = std::max(cmax, b.count);
  const auto [y0, y1] = svg::nice_range(0, static_cast<double>(cmax) * 1.1, 6);
  const double top = 50, bottom = 350;
  const svg::Scale x{lo, hi, kLeft, kRight}, y{y0, y1, bottom, top};
  std::string o = svg::open_svg(kWidth, bottom + 58, "histogram-chart", "Distribution of the final date");
  o += svg::y_axis(y, svg::nice_ticks(y0, y1, 6), kLeft, kRight, "Monte Carlo runs" + (h.samples ? " (of " + std::to_string(h.samples) + ")" : std::string()));
  o += svg::x_axis(x, svg::date_ticks(lo, hi, 12), bottom, top, "final date");
  for (const auto& b : h.bins) {
    const double x0 = x(b.lo_day) + 1, x1 = x(b.hi_day) - 1;
    o += "<rect class=\"hist-bar\" x=\"" + fmt(x0) + "\" y=\"" + fmt(y(static_cast<double>(b.count))) + "\" width=\"" +
         fmt(std::max(1.0, x1 - x0)) + "\" height=\"" + fmt(bottom - y(static_cast<double>(b.count))) + "\"><title>" +
         escape(format_date_floor(b.lo_day) + " to " + format_date_floor(b.hi_day) + ": " + std::to_string(b.count) + " runs") +
         "</title></rect>";
  }
  int k = 0;
  for (const auto& [label, d] : h.markers) {
    const double xm = x(d);
    const bool deadline = label.find("deadline") != std::string::npos;
    o += "<line class=\"" + std::string(deadline ? "hist-deadline" : "hist-marker") + "\" x1=\"" + fmt(xm) + "\" x2=\"" + fmt(xm) +
         "\" y1=\"" + fmt(top) + "\" y2=\"" + fmt(bottom) + "\"/>";
    o += "<text class=\"marker-label\" x=\"" + fmt(xm + 5) + "\" y=\"" + fmt(top + 14 + 16 * (k++ % 3)) + "\">" +
         escape(label + " " + format_date_floor(d)) + "</text>";
  }
  using S = svg::LegendItem::Shape;
  o += svg::legend({{"runs per bin", "hist-bar", S::box}, {"percentile", "hist-marker", S::dashed}, {"deadline", "hist-deadline", S::line}},
                   kLeft, 22);
  return o + "</svg>";
}

}  // namespace ascendsim
