// Horizontal bar charts: the sensitivity tornado (final-date shift per input at its low and high
// value) and the step-time breakdown (compute, exposed communication by kind, bubble, optimizer).
#include <algorithm>
#include <cmath>

#include "sim/trace/report_charts.hpp"
#include "sim/trace/svg_kit.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

using svg::escape;
using svg::fmt;

namespace {
constexpr double kWidth = 1200, kLeft = 260, kRight = 1140;

std::string bar(double x0, double x1, double y, double h, const std::string& cls, const std::string& tip) {
  const double a = std::min(x0, x1), b = std::max(x0, x1);
  return "<rect class=\"" + cls + "\" x=\"" + fmt(a) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(std::max(1.0, b - a)) + "\" height=\"" +
         fmt(h) + "\"><title>" + escape(tip) + "</title></rect>";
}

std::string label_left(double y, const std::string& text) {
  return "<text class=\"row-label\" x=\"" + fmt(kLeft - 10) + "\" y=\"" + fmt(y) + "\" dy=\"0.35em\" text-anchor=\"end\">" +
         escape(text) + "</text>";
}

std::string signed_days(double d) { return (d > 0 ? "+" : "") + fmt(d, 1) + " d"; }
}  // namespace

std::string tornado_svg(const ReportTornado& t) {
  if (t.bars.empty()) return "";
  double m = 1;
  for (const auto& b : t.bars) m = std::max({m, std::fabs(b.low_shift_days), std::fabs(b.high_shift_days)});
  const auto [lo, hi] = svg::nice_range(-m * 1.25, m * 1.25, 10);
  const double top = 50, row = 34;
  const double bottom = top + row * static_cast<double>(t.bars.size());
  const svg::Scale x{lo, hi, kLeft, kRight};
  std::string o = svg::open_svg(kWidth, bottom + 58, "tornado-chart", "Sensitivity of the final date");
  o += svg::x_axis(x, svg::nice_ticks(lo, hi, 10), bottom, top, "shift of the final date (days; + = later, nominal " +
                                                                       format_date_floor(t.baseline_day) + ")");
  double y = top;
  for (const auto& b : t.bars) {
    const double cy = y + row / 2;
    o += label_left(cy, b.input);
    o += bar(x(0), x(b.low_shift_days), cy - 10, 20, "tornado-low",
             b.input + " at " + b.low_label + ": " + signed_days(b.low_shift_days));
    o += bar(x(0), x(b.high_shift_days), cy - 10, 20, "tornado-high",
             b.input + " at " + b.high_label + ": " + signed_days(b.high_shift_days));
    // Value labels just outside each bar end.
    for (const auto& [shift, text] : {std::pair{b.low_shift_days, b.low_label}, std::pair{b.high_shift_days, b.high_label}}) {
      if (text.empty() && shift == 0) continue;
      const bool right = shift >= 0;
      o += "<text class=\"bar-label\" x=\"" + fmt(x(shift) + (right ? 6 : -6)) + "\" y=\"" + fmt(cy) + "\" dy=\"0.35em\" text-anchor=\"" +
           (right ? "start" : "end") + "\">" + escape(text + " (" + signed_days(shift) + ")") + "</text>";
    }
    y += row;
  }
  o += "<line class=\"zero-line\" x1=\"" + fmt(x(0)) + "\" x2=\"" + fmt(x(0)) + "\" y1=\"" + fmt(top - 4) + "\" y2=\"" + fmt(bottom) + "\"/>";
  using S = svg::LegendItem::Shape;
  o += svg::legend({{"input at its low value", "tornado-low", S::box}, {"input at its high value", "tornado-high", S::box}}, kLeft, 22);
  return o + "</svg>";
}

std::string breakdown_svg(const std::vector<ReportStepBreakdown>& bds) {
  if (bds.empty()) return "";
  // Segment kinds in a fixed order: compute, comm kinds by first appearance, bubble, optimizer.
  std::vector<std::string> comm_kinds;
  for (const auto& b : bds)
    for (const auto& [k, v] : b.exposed_comm_s)
      if (std::find(comm_kinds.begin(), comm_kinds.end(), k) == comm_kinds.end()) comm_kinds.push_back(k);
  double tmax = 0;
  for (const auto& b : bds) {
    double total = b.compute_s + b.bubble_s + b.optimizer_s;
    for (const auto& [k, v] : b.exposed_comm_s) total += v;
    tmax = std::max(tmax, total);
  }
  const auto [lo, hi] = svg::nice_range(0, tmax * 1.12, 10);
  const double top = 50, row = 44;
  const double bottom = top + row * static_cast<double>(bds.size());
  const svg::Scale x{lo, hi, kLeft, kRight};
  std::string o = svg::open_svg(kWidth, bottom + 58, "breakdown-chart", "Step-time breakdown");
  o += svg::x_axis(x, svg::nice_ticks(lo, hi, 10), bottom, top, "time per training step (s)");
  double y = top;
  for (const auto& b : bds) {
    const double cy = y + row / 2;
    o += label_left(cy, b.label);
    double at = 0;
    auto seg = [&](double v, const std::string& cls, const std::string& what) {
      if (v <= 0) return;
      const double x0 = x(at), x1 = x(at + v);
      o += bar(x0, x1, cy - 13, 26, cls, what + ": " + fmt(v, 3) + " s");
      // Label inside when the segment is wide enough for it.
      const std::string txt = fmt(v, v < 10 ? 2 : 1);
      if (x1 - x0 > 7.5 * static_cast<double>(txt.size()) + 8)
        o += "<text class=\"seg-label\" x=\"" + fmt((x0 + x1) / 2) + "\" y=\"" + fmt(cy) + "\" dy=\"0.35em\" text-anchor=\"middle\">" + txt + "</text>";
      at += v;
    };
    seg(b.compute_s, "seg-compute", "compute");
    for (std::size_t k = 0; k < comm_kinds.size(); ++k)
      for (const auto& [name, v] : b.exposed_comm_s)
        if (name == comm_kinds[k]) seg(v, "seg-comm seg-comm-" + std::to_string(k % 5), "exposed " + name);
    seg(b.bubble_s, "seg-bubble", "pipeline bubble");
    seg(b.optimizer_s, "seg-optimizer", "optimizer");
    o += "<text class=\"bar-label\" x=\"" + fmt(x(at) + 8) + "\" y=\"" + fmt(cy) + "\" dy=\"0.35em\">" + fmt(at, 3) + " s</text>";
    y += row;
  }
  using S = svg::LegendItem::Shape;
  std::vector<svg::LegendItem> items{{"compute", "seg-compute", S::box}};
  for (std::size_t k = 0; k < comm_kinds.size(); ++k)
    items.push_back({"exposed " + comm_kinds[k], "seg-comm seg-comm-" + std::to_string(k % 5), S::box});
  items.push_back({"pipeline bubble", "seg-bubble", S::box});
  items.push_back({"optimizer", "seg-optimizer", S::box});
  o += svg::legend(items, kLeft, 22);
  return o + "</svg>";
}

}  // namespace ascendsim
