// Small pure building blocks for the report's inline SVG charts: escaping, linear scales, "nice"
// numeric ticks, calendar ticks (days/weeks/months/years), axes with unit titles, and legends.
// Every function returns markup text; nothing here depends on the report's data model.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ascendsim::svg {

// Escapes & < > " ' for HTML text and attribute values.
std::string escape(std::string_view text);
// Fixed-point number text without trailing zeros: fmt(2.50, 2) = "2.5", fmt(-0.0, 1) = "0".
std::string fmt(double value, int max_decimals = 2);

struct Scale {
  double d0 = 0, d1 = 1;  // domain
  double r0 = 0, r1 = 1;  // range (pixels in viewBox units)
  double operator()(double v) const { return d1 == d0 ? (r0 + r1) / 2 : r0 + (v - d0) * (r1 - r0) / (d1 - d0); }
};

struct Tick {
  double value;
  std::string label;
};
// Ticks at 1, 2 or 5 x 10^k covering [lo, hi], at most about `max_ticks` of them.
std::vector<Tick> nice_ticks(double lo, double hi, int max_ticks);
// Calendar ticks for days-since-1970 in [lo_day, hi_day]: daily ("Mar 14"), weekly, monthly
// ("Mar 2026"), quarterly or yearly ("2027"), the finest with at most `max_ticks` ticks.
std::vector<Tick> date_ticks(double lo_day, double hi_day, int max_ticks);
// Range padded to whole ticks: [floor to a tick, ceil to a tick] of nice_ticks.
std::pair<double, double> nice_range(double lo, double hi, int max_ticks);

// Horizontal axis at y = `y_axis`: tick marks, labels, vertical grid lines from `y_top`, and a
// title ("date", "time per step (s)") centred below.
std::string x_axis(const Scale& x, const std::vector<Tick>& ticks, double y_axis, double y_top, std::string_view title);
// Vertical axis at x = `x_axis`: ticks, labels, horizontal grid lines to `x_right`, rotated title.
std::string y_axis(const Scale& y, const std::vector<Tick>& ticks, double x_axis, double x_right, std::string_view title);

struct LegendItem {
  std::string label;
  std::string css_class;  // the class whose fill/stroke the chart uses for this series
  enum class Shape { box, line, dashed, diamond, triangle, cross, hatch } shape = Shape::box;
  std::string fill = {};  // an inline fill for the swatch, e.g. "url(#blackout-hatch-700)"
};
// Rows of swatches with labels from (x, y), wrapping before `max_x`; rows are kLegendRow apart.
// Swatches carry class "swatch <css_class>" so tests and scripts can tell them from data marks.
constexpr double kLegendRow = 20;
std::string legend(const std::vector<LegendItem>& items, double x, double y, double max_x);
// How many rows legend() needs for these items between x and max_x.
int legend_rows(const std::vector<LegendItem>& items, double x, double max_x);

// Text measurement without a browser: an upper estimate of the rendered width of `text` at
// `font_px` in the report's sans-serif stack (per-character advance classes of DejaVu Sans, the
// widest of the stack's fallbacks). Layout code uses it to keep labels apart and inside the chart.
double text_width(std::string_view text, double font_px);
// `text` cut to fit `max_px` at `font_px`, ending in an ellipsis when cut.
std::string ellipsize(std::string_view text, double font_px, double max_px);

// Greedy packing of horizontal intervals into lanes: place() returns the first lane (0, 1, ...)
// where [x0, x1] keeps `gap` from every interval already there, and records it.
class Lanes {
 public:
  int place(double x0, double x1, double gap = 8);
  int count() const { return static_cast<int>(lanes_.size()); }

 private:
  std::vector<std::vector<std::pair<double, double>>> lanes_;
};

// Opening tag of a chart laid out for `width` CSS px: <svg viewBox="0 0 w h" width="100%"
// role="img" aria-label>. The report shows each chart in a wide and a narrow layout (media query),
// so the viewBox scale stays near 1 and text keeps its CSS size at every page width.
std::string open_svg(double width, double height, std::string_view css_class, std::string_view label);
// Shared <defs> (hatch pattern for blackout windows); include once per chart that uses them. Ids
// must differ between the layouts of one chart: a pattern inside a hidden (display:none) layout
// does not paint the shown one.
std::string hatch_defs(std::string_view id);

// A horizontal bar from x0 to x1 (either order, at least 1 px wide) with a hover title.
std::string bar_rect(double x0, double x1, double y, double h, std::string_view css_class, std::string_view title);

// Marker shapes centred on (x, y) with half-size r.
std::string diamond(double x, double y, double r, std::string_view css_class, std::string_view title);
std::string triangle_down(double x, double y, double r, std::string_view css_class, std::string_view title);
std::string cross(double x, double y, double r, std::string_view css_class, std::string_view title);

}  // namespace ascendsim::svg
