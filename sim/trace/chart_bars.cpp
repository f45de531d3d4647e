// Horizontal bar charts: the sensitivity tornado (final-date shift per input at its low and high
// value) and the step-time breakdown (compute, exposed communication by kind, bubble, optimizer).
#include <algorithm>
#include <cmath>

#include "sim/trace/input_labels.hpp"
#include "sim/trace/report_charts.hpp"
#include "sim/trace/svg_kit.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

using svg::escape;
using svg::fmt;

namespace {
constexpr double kLabelFont = 12;  // .bar-label


std::string label_left(double left, double y, const std::string& text, const std::string& tip) {
  return "<text class=\"row-label\" x=\"" + fmt(left - 10) + "\" y=\"" + fmt(y) + "\" dy=\"0.35em\" text-anchor=\"end\">" +
         (tip.empty() ? std::string() : "<title>" + escape(tip) + "</title>") + escape(svg::ellipsize(text, 13, left - 20)) + "</text>";
}

// "+61.5 d", "\u221216.4 d", "0 d" (the sign of the value as shown, so -0.01 is "0 d").
std::string signed_days(double d) {
  const double r = std::round(d * 10) / 10;
  return (r > 0 ? "+" : r < 0 ? "\u2212" : "") + fmt(std::fabs(r), 1) + " d";
}

// A value axis [lo, hi] over [left, right] px wide enough that every end label fits: for a value v
// with a label w px wide, x(v) + 6 + w <= right when v >= 0, x(v) - 6 - w >= left when v < 0.
svg::Scale fitted_scale(const std::vector<std::pair<double, double>>& ends, double left, double right) {
  double dmin = 0, dmax = 0;
  for (const auto& [v, w] : ends) { dmin = std::min(dmin, v); dmax = std::max(dmax, v); }
  if (dmax - dmin < 1) dmax = dmin + 1;
  double pad_l = 8, pad_r = 8;
  for (int it = 0; it < 8; ++it) {
    const double k = (right - left - pad_l - pad_r) / (dmax - dmin);
    double need_l = 8, need_r = 8;
    for (const auto& [v, w] : ends) {
      const double px = pad_l + (v - dmin) * k;  // from `left`
      if (v >= 0) need_r = std::max(need_r, pad_r + px + 6 + w + 4 - (right - left));
      else need_l = std::max(need_l, 6 + w + 4 - px + pad_l);
    }
    if (need_l <= pad_l + 0.5 && need_r <= pad_r + 0.5) break;
    pad_l = std::max(pad_l, need_l);
    pad_r = std::max(pad_r, need_r);
  }
  const double k = (right - left - pad_l - pad_r) / (dmax - dmin);
  return svg::Scale{dmin - pad_l / k, dmax + pad_r / k, left, right};
}
}  // namespace

std::string tornado_svg(const ReportTornado& t, double width) {
  if (t.bars.empty()) return "";
  const double left = std::min(300.0, std::round(width * 0.3)), right = width - 10;
  auto end_text = [](const std::string& value, double shift) { return (value.empty() ? "" : value + ": ") + signed_days(shift); };
  std::vector<std::pair<double, double>> ends;
  for (const auto& b : t.bars) {
    ends.emplace_back(b.low_shift_days, svg::text_width(end_text(b.low_label, b.low_shift_days), kLabelFont));
    ends.emplace_back(b.high_shift_days, svg::text_width(end_text(b.high_label, b.high_shift_days), kLabelFont));
  }
  const svg::Scale x = fitted_scale(ends, left, right);
  using S = svg::LegendItem::Shape;
  const std::vector<svg::LegendItem> items{{"input at its low value", "tornado-low", S::box}, {"input at its high value", "tornado-high", S::box}};
  const double top = 50 + svg::kLegendRow * std::max(0, svg::legend_rows(items, 20, width - 10) - 1), row = 48;
  const double bottom = top + row * static_cast<double>(t.bars.size());
  std::string o = svg::open_svg(width, bottom + 58, "tornado-chart", "Sensitivity of the final date");
  o += svg::x_axis(x, svg::nice_ticks(x.d0, x.d1, std::max(3, static_cast<int>((right - left) / 70))), bottom, top,
                   "shift of the final date (days; + = later than " + format_date_floor(t.baseline_day) + ")");
  double y = top;
  for (const auto& b : t.bars) {
    const double cy = y + row / 2;
    const std::string name = input_display_name(b.input);
    o += label_left(left, cy, name, name == b.input ? "" : b.input);
    // Low value on the upper half of the row, high value on the lower half: each end keeps its label.
    const struct { double shift; const std::string& value; double yc; const char* cls; const char* end; } halves[] = {
        {b.low_shift_days, b.low_label, cy - 8, "tornado-low", "low"}, {b.high_shift_days, b.high_label, cy + 8, "tornado-high", "high"}};
    for (const auto& h : halves) {
      o += svg::bar_rect(x(0), x(h.shift), h.yc - 6, 12, h.cls, name + " at its " + h.end + " value " + h.value + ": " + signed_days(h.shift));
      const bool right_side = h.shift >= 0;
      o += "<text class=\"bar-label\" x=\"" + fmt(x(h.shift) + (right_side ? 6 : -6)) + "\" y=\"" + fmt(h.yc) +
           "\" dy=\"0.35em\" text-anchor=\"" + (right_side ? "start" : "end") + "\">" + escape(end_text(h.value, h.shift)) + "</text>";
    }
    y += row;
  }
  o += "<line class=\"zero-line\" x1=\"" + fmt(x(0)) + "\" x2=\"" + fmt(x(0)) + "\" y1=\"" + fmt(top - 4) + "\" y2=\"" + fmt(bottom) + "\"/>";
  o += svg::legend(items, 20, 22, width - 10);
  return o + "</svg>";
}

std::string breakdown_svg(const std::vector<ReportStepBreakdown>& bds, double width) {
  if (bds.empty()) return "";
  const double left = std::min(300.0, std::round(width * 0.3)), right = width - 10;
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
  // Room right of the longest bar for its total ("52.795 s").
  const double total_w = svg::text_width(fmt(tmax, 3) + " s", kLabelFont) + 14;
  const auto [lo, hi] = svg::nice_range(0, tmax * (right - left) / std::max(1.0, right - left - total_w), 8);
  using S = svg::LegendItem::Shape;
  std::vector<svg::LegendItem> items{{"compute", "seg-compute", S::box}};
  for (std::size_t k = 0; k < comm_kinds.size(); ++k)
    items.push_back({"exposed " + comm_kinds[k], "seg-comm seg-comm-" + std::to_string(k % 5), S::box});
  items.push_back({"pipeline bubble", "seg-bubble", S::box});
  items.push_back({"optimizer", "seg-optimizer", S::box});
  const double top = 50 + svg::kLegendRow * std::max(0, svg::legend_rows(items, 20, width - 10) - 1), row = 44;
  const double bottom = top + row * static_cast<double>(bds.size());
  const svg::Scale x{lo, hi, left, right};
  std::string o = svg::open_svg(width, bottom + 58, "breakdown-chart", "Step-time breakdown");
  o += svg::x_axis(x, svg::nice_ticks(lo, hi, std::max(3, static_cast<int>((right - left) / 70))), bottom, top, "time per training step (s)");
  double y = top;
  for (const auto& b : bds) {
    const double cy = y + row / 2;
    o += label_left(left, cy, b.label, b.label);
    double at = 0;
    auto seg = [&](double v, const std::string& cls, const std::string& what) {
      if (v <= 0) return;
      const double x0 = x(at), x1 = x(at + v);
      o += svg::bar_rect(x0, x1, cy - 13, 26, cls, what + ": " + fmt(v, 3) + " s");
      // Label inside when the segment is wide enough for it.
      const std::string txt = fmt(v, v < 10 ? 2 : 1);
      if (x1 - x0 > svg::text_width(txt, kLabelFont) + 8)
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
  o += svg::legend(items, 20, 22, width - 10);
  return o + "</svg>";
}

}  // namespace ascendsim
