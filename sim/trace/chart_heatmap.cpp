// The sweep heat map: one cell per (first axis, second axis) grid point, coloured on a continuous
// diverging scale of the mean margin (ColorBrewer RdBu: red late, near-white on time to the day,
// blue days to spare), with a labelled colour bar; and the responsive wrapper every chart uses.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "sim/trace/input_labels.hpp"
#include "sim/trace/report_charts.hpp"
#include "sim/trace/svg_kit.hpp"

namespace ascendsim {

using svg::escape;
using svg::fmt;

const char* const kResponsiveChartCss =
    ".chart-narrow{display:none}"
    "@media (max-width:1099px){.chart-wide{display:none}.chart-narrow{display:block;overflow-x:auto}"
    ".chart-narrow svg.chart{min-width:640px}}";

std::string responsive_chart(const std::function<std::string(double)>& draw) {
  const std::string wide = draw(kWideChart_px);
  if (wide.empty()) return "";
  return "<div class=\"chart-wide\">" + wide + "</div><div class=\"chart-narrow\">" + draw(kNarrowChart_px) + "</div>";
}

namespace {

// RdBu, 5 classes, from -1 (late) to +1 (to spare).
constexpr std::array<std::array<int, 3>, 5> kStops{{{178, 24, 43}, {239, 138, 98}, {247, 247, 247}, {103, 169, 207}, {33, 102, 172}}};

std::array<double, 3> colour_at(double t) {  // t in [-1, 1]
  const double u = (std::clamp(t, -1.0, 1.0) + 1) * 2;  // 0..4
  const int i = std::min(3, static_cast<int>(std::floor(u)));
  const double f = u - i;
  std::array<double, 3> c{};
  for (int k = 0; k < 3; ++k) c[k] = kStops[i][k] + (kStops[i + 1][k] - kStops[i][k]) * f;
  return c;
}

std::string hex(const std::array<double, 3>& c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(std::lround(c[0])), static_cast<int>(std::lround(c[1])),
                static_cast<int>(std::lround(c[2])));
  return buf;
}

std::string axis_name(const std::string& path) {
  if (path.empty()) return "";
  const std::string name = input_display_name(path);
  return name == path ? path : name + " (" + path + ")";
}

}  // namespace

std::string heatmap_svg(const ReportHeatmap& h, double width) {
  if (h.cells.empty()) return "";
  double m = 1;
  for (const auto& c : h.cells) m = std::max(m, std::fabs(c.margin_days));
  const double scale_max = svg::nice_range(0, m, 4).second;
  double row_w = 40;
  for (const auto& r : h.rows) row_w = std::max(row_w, svg::text_width(r, 13));
  const double left = std::min(std::round(width * 0.3), row_w + 30), right = width - 10;
  const double cols = static_cast<double>(std::max<std::size_t>(1, h.columns.size()));
  const double cw = (right - left) / cols, ch = 50;
  const double title_y = 22, col_y = 62, top = 74;
  const double bottom = top + ch * static_cast<double>(std::max<std::size_t>(1, h.rows.size()));
  const double bar_y = bottom + 44, height = bar_y + 62;
  std::string o = svg::open_svg(width, height, "heatmap-chart", "Mean margin per sweep point");
  const std::string gradient = "margin-scale-" + fmt(width, 0);  // one id per layout (see hatch_defs)
  o += "<defs><linearGradient id=\"" + gradient + "\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">";
  for (std::size_t i = 0; i < kStops.size(); ++i)
    o += "<stop offset=\"" + fmt(static_cast<double>(i) / 4, 2) + "\" stop-color=\"" +
         hex({double(kStops[i][0]), double(kStops[i][1]), double(kStops[i][2])}) + "\"/>";
  o += "</linearGradient></defs>";
  const std::string cols_title = h.column_input.empty() ? "all runs" : "columns: " + axis_name(h.column_input);
  o += "<text class=\"axis-title\" x=\"" + fmt(left) + "\" y=\"" + fmt(title_y) + "\">" + escape(svg::ellipsize(cols_title, 13.5, right - left)) + "</text>";
  if (!h.row_input.empty())
    o += "<text class=\"axis-title\" x=\"10\" y=\"" + fmt(title_y + 20) + "\"><title>" + escape(h.row_input) + "</title>" +
         escape(svg::ellipsize("rows: " + axis_name(h.row_input), 13.5, width - 20)) + "</text>";
  for (std::size_t i = 0; i < h.columns.size(); ++i)
    o += "<text class=\"tick-label\" x=\"" + fmt(left + cw * (static_cast<double>(i) + 0.5)) + "\" y=\"" + fmt(col_y) +
         "\" text-anchor=\"middle\">" + escape(svg::ellipsize(h.columns[i], 12, cw - 6)) + "</text>";
  for (std::size_t j = 0; j < h.rows.size(); ++j)
    o += "<text class=\"row-label\" x=\"" + fmt(left - 10) + "\" y=\"" + fmt(top + ch * (static_cast<double>(j) + 0.5)) +
         "\" dy=\"0.35em\" text-anchor=\"end\">" + escape(svg::ellipsize(h.rows[j], 13, left - 20)) + "</text>";
  for (const auto& c : h.cells) {
    const double x0 = left + cw * static_cast<double>(c.column), y0 = top + ch * static_cast<double>(c.row);
    const auto rgb = colour_at(c.margin_days / scale_max);
    const double lum = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / 255;
    char value[64], share[64];
    const double shown = std::round(c.margin_days * 10) / 10;  // the sign of the value as printed
    std::snprintf(value, sizeof value, "%s%.1f d", shown > 0 ? "+" : shown < 0 ? "\u2212" : "", std::fabs(shown));
    std::snprintf(share, sizeof share, "%.0f%% fit", 100 * c.fit_share);
    const std::string tip = (c.column < h.columns.size() ? h.columns[c.column] : "") +
                            (c.row < h.rows.size() && !h.rows[c.row].empty() ? ", " + h.rows[c.row] : "") + ": mean margin " + value +
                            ", " + share + " of " + std::to_string(c.runs) + " runs";
    o += "<rect class=\"cell\" x=\"" + fmt(x0 + 2) + "\" y=\"" + fmt(y0 + 2) + "\" width=\"" + fmt(std::max(1.0, cw - 4)) + "\" height=\"" +
         fmt(ch - 4) + "\" fill=\"" + hex(rgb) + "\"><title>" + escape(tip) + "</title></rect>";
    if (cw - 8 < svg::text_width(value, 13)) continue;  // too narrow for text: the tooltip has it
    const std::string ink = lum > 0.55 ? "#1f2933" : "#ffffff";
    o += "<text class=\"cell-value\" x=\"" + fmt(x0 + cw / 2) + "\" y=\"" + fmt(y0 + ch / 2 - 4) + "\" text-anchor=\"middle\" style=\"fill:" + ink +
         "\">" + value + "</text>";
    if (cw - 8 >= svg::text_width(share, 11))
      o += "<text class=\"cell-share\" x=\"" + fmt(x0 + cw / 2) + "\" y=\"" + fmt(y0 + ch / 2 + 12) + "\" text-anchor=\"middle\" style=\"fill:" +
           ink + "\">" + share + "</text>";
  }
  // Colour bar: the scale from -max (late) to +max (to spare) with day ticks.
  const double bw = std::min(420.0, right - left), bx = left;
  const svg::Scale b{-scale_max, scale_max, bx, bx + bw};
  o += "<rect class=\"colour-bar\" x=\"" + fmt(bx) + "\" y=\"" + fmt(bar_y) + "\" width=\"" + fmt(bw) + "\" height=\"12\" fill=\"url(#" + gradient + ")\"/>";
  o += "<text class=\"axis-title\" x=\"" + fmt(bx) + "\" y=\"" + fmt(bar_y - 8) + "\">mean margin (days; \u2212 late, + to spare)</text>";
  for (const auto& t : svg::nice_ticks(-scale_max, scale_max, 4)) {
    const double tx = b(t.value);
    o += "<line class=\"tick\" x1=\"" + fmt(tx) + "\" x2=\"" + fmt(tx) + "\" y1=\"" + fmt(bar_y + 12) + "\" y2=\"" + fmt(bar_y + 17) + "\"/>";
    o += "<text class=\"tick-label\" x=\"" + fmt(tx) + "\" y=\"" + fmt(bar_y + 31) + "\" text-anchor=\"middle\">" +
         (t.value > 0 ? "+" : t.value < 0 ? "\u2212" : "") + svg::fmt(std::fabs(t.value), 1) + "</text>";
  }
  return o + "</svg>";
}

}  // namespace ascendsim
