#include "sim/trace/svg_kit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/util/date.hpp"

namespace ascendsim::svg {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fmt(double value, int max_decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", max_decimals, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

static double nice_step(double lo, double hi, int max_ticks) {
  const double span = hi > lo ? hi - lo : std::max(1.0, std::fabs(lo));
  const double raw = span / std::max(1, max_ticks);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw * (1 - 1e-9)) return m * mag;
  return 10 * mag;
}

std::vector<Tick> nice_ticks(double lo, double hi, int max_ticks) {
  std::vector<Tick> ticks;
  const double step = nice_step(lo, hi, max_ticks);
  const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  for (double k = std::ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k += 1)
    ticks.push_back({k * step, fmt(k * step, decimals)});
  return ticks;
}

std::pair<double, double> nice_range(double lo, double hi, int max_ticks) {
  const double step = nice_step(lo, hi, max_ticks);
  double a = std::floor(lo / step + 1e-9) * step, b = std::ceil(hi / step - 1e-9) * step;
  if (b <= a) b = a + step;
  return {a, b};
}

static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::vector<Tick> date_ticks(double lo_day, double hi_day, int max_ticks) {
  std::vector<Tick> ticks;
  const double span = hi_day - lo_day;
  for (int step_days : {1, 7}) {
    if (span / step_days > max_ticks) continue;
    for (long d = static_cast<long>(std::ceil(lo_day)); d <= hi_day; d += step_days) {
      const CivilDate c = civil_from_days(d);
      ticks.push_back({static_cast<double>(d), std::string(kMonths[c.month - 1]) + " " + std::to_string(c.day)});
    }
    return ticks;
  }
  for (int months : {1, 2, 3, 6, 12, 24, 60}) {
    if (span / (30.44 * months) > max_ticks) continue;
    CivilDate c = civil_from_days(static_cast<long>(std::floor(lo_day)));
    c.day = 1;
    // Align to a multiple of the step (quarters start Jan/Apr/Jul/Oct, years in January).
    int m0 = (c.year * 12 + (c.month - 1));
    m0 = ((m0 + months - 1) / months) * months;
    if (days_from_civil({m0 / 12, m0 % 12 + 1, 1}) < lo_day - 1e-9) m0 += months;
    for (int m = m0;; m += months) {
      const long d = days_from_civil({m / 12, m % 12 + 1, 1});
      if (d > hi_day + 1e-9) break;
      const std::string label = months >= 12 ? std::to_string(m / 12)
                                             : std::string(kMonths[m % 12]) + " " + std::to_string(m / 12);
      ticks.push_back({static_cast<double>(d), label});
    }
    return ticks;
  }
  return ticks;
}

std::string x_axis(const Scale& x, const std::vector<Tick>& ticks, double y_axis, double y_top, std::string_view title) {
  std::string o = "<g class=\"axis x-axis\">";
  o += "<line class=\"axis-line\" x1=\"" + fmt(x.r0) + "\" x2=\"" + fmt(x.r1) + "\" y1=\"" + fmt(y_axis) + "\" y2=\"" + fmt(y_axis) + "\"/>";
  double shown_right = -1e18;  // a label that would touch the previous one is left out (its tick stays)
  for (const auto& t : ticks) {
    const double xv = x(t.value);
    const std::string px = fmt(xv);
    o += "<line class=\"grid\" x1=\"" + px + "\" x2=\"" + px + "\" y1=\"" + fmt(y_top) + "\" y2=\"" + fmt(y_axis) + "\"/>";
    o += "<line class=\"tick\" x1=\"" + px + "\" x2=\"" + px + "\" y1=\"" + fmt(y_axis) + "\" y2=\"" + fmt(y_axis + 5) + "\"/>";
    const double half = text_width(t.label, 12) / 2;
    if (xv - half < shown_right + 8) continue;
    shown_right = xv + half;
    o += "<text class=\"tick-label\" x=\"" + px + "\" y=\"" + fmt(y_axis + 19) + "\" text-anchor=\"middle\">" + escape(t.label) + "</text>";
  }
  o += "<text class=\"axis-title\" x=\"" + fmt((x.r0 + x.r1) / 2) + "\" y=\"" + fmt(y_axis + 40) + "\" text-anchor=\"middle\">" +
       escape(title) + "</text></g>";
  return o;
}

std::string y_axis(const Scale& y, const std::vector<Tick>& ticks, double x_axis, double x_right, std::string_view title) {
  std::string o = "<g class=\"axis y-axis\">";
  o += "<line class=\"axis-line\" x1=\"" + fmt(x_axis) + "\" x2=\"" + fmt(x_axis) + "\" y1=\"" + fmt(y.r0) + "\" y2=\"" + fmt(y.r1) + "\"/>";
  for (const auto& t : ticks) {
    const std::string py = fmt(y(t.value));
    o += "<line class=\"grid\" x1=\"" + fmt(x_axis) + "\" x2=\"" + fmt(x_right) + "\" y1=\"" + py + "\" y2=\"" + py + "\"/>";
    o += "<text class=\"tick-label\" x=\"" + fmt(x_axis - 8) + "\" y=\"" + py + "\" dy=\"0.35em\" text-anchor=\"end\">" + escape(t.label) + "</text>";
  }
  const double cy = (y.r0 + y.r1) / 2, cx = x_axis - 58;
  o += "<text class=\"axis-title\" x=\"" + fmt(cx) + "\" y=\"" + fmt(cy) + "\" text-anchor=\"middle\" transform=\"rotate(-90 " +
       fmt(cx) + " " + fmt(cy) + ")\">" + escape(title) + "</text></g>";
  return o;
}

namespace {
// Legend layout shared by legend() and legend_rows(): the (x, row) of each item.
std::vector<std::pair<double, int>> legend_layout(const std::vector<LegendItem>& items, double x0, double max_x) {
  std::vector<std::pair<double, int>> at;
  double x = x0;
  int row = 0;
  for (const auto& it : items) {
    const double w = 24 + text_width(it.label, 13);
    if (x > x0 && x + w > max_x) {
      x = x0;
      ++row;
    }
    at.emplace_back(x, row);
    x += w + 22;
  }
  return at;
}
}  // namespace

int legend_rows(const std::vector<LegendItem>& items, double x, double max_x) {
  const auto at = legend_layout(items, x, max_x);
  return at.empty() ? 0 : at.back().second + 1;
}

std::string legend(const std::vector<LegendItem>& items, double x0, double y0, double max_x) {
  std::string o = "<g class=\"legend\">";
  const auto at = legend_layout(items, x0, max_x);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    const double x = at[i].first, y = y0 + kLegendRow * at[i].second;
    const std::string c = "swatch " + escape(it.css_class) +  // "swatch": not a data mark
                          (it.fill.empty() ? std::string() : "\" style=\"fill:" + escape(it.fill));
    using S = LegendItem::Shape;
    switch (it.shape) {
      case S::box: o += "<rect class=\"" + c + "\" x=\"" + fmt(x) + "\" y=\"" + fmt(y - 9) + "\" width=\"18\" height=\"12\" rx=\"2\"/>"; break;
      case S::hatch: o += "<rect class=\"" + c + "\" x=\"" + fmt(x) + "\" y=\"" + fmt(y - 9) + "\" width=\"18\" height=\"12\"/>"; break;
      case S::line:
      case S::dashed:
        o += "<line class=\"" + c + "\" x1=\"" + fmt(x) + "\" x2=\"" + fmt(x + 18) + "\" y1=\"" + fmt(y - 3) + "\" y2=\"" + fmt(y - 3) + "\"/>";
        break;
      case S::diamond: o += diamond(x + 9, y - 3, 6, "swatch " + it.css_class, ""); break;
      case S::triangle: o += triangle_down(x + 9, y - 4, 6, "swatch " + it.css_class, ""); break;
      case S::cross: o += cross(x + 9, y - 3, 5, "swatch " + it.css_class, ""); break;
    }
    o += "<text class=\"legend-label\" x=\"" + fmt(x + 24) + "\" y=\"" + fmt(y) + "\">" + escape(it.label) + "</text>";
  }
  return o + "</g>";
}

double text_width(std::string_view text, double font_px) {
  // Advance widths in em of DejaVu Sans (the widest common fallback), grouped by character class.
  double em = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    if (c >= 0x80) em += 1.0;          // dashes, ellipsis, arrows: count as wide
    else if (c == ' ') em += 0.32;
    else if (std::string_view("il.,:;'|!").find(static_cast<char>(c)) != std::string_view::npos) em += 0.3;
    else if (std::string_view("fjrt()[]-/").find(static_cast<char>(c)) != std::string_view::npos) em += 0.42;
    else if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '%') em += 0.98;
    else if (c >= 'A' && c <= 'Z') em += 0.75;
    else if (c >= '0' && c <= '9') em += 0.64;
    else em += 0.63;
  }
  return em * font_px;
}

std::string ellipsize(std::string_view text, double font_px, double max_px) {
  if (text_width(text, font_px) <= max_px) return std::string(text);
  std::string out(text);
  while (!out.empty() && text_width(out + "\u2026", font_px) > max_px) {
    out.pop_back();
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();  // whole code points
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  }
  return out + "\u2026";
}

int Lanes::place(double x0, double x1, double gap) {
  for (std::size_t k = 0;; ++k) {
    if (k == lanes_.size()) lanes_.emplace_back();
    bool free = true;
    for (const auto& [a, b] : lanes_[k])
      if (x0 < b + gap && a < x1 + gap) { free = false; break; }
    if (free) {
      lanes_[k].emplace_back(x0, x1);
      return static_cast<int>(k);
    }
  }
}

std::string open_svg(double width, double height, std::string_view css_class, std::string_view label) {
  return "<svg class=\"chart " + escape(css_class) + "\" viewBox=\"0 0 " + fmt(width) + " " + fmt(height) +
         "\" width=\"100%\" preserveAspectRatio=\"xMidYMin meet\" role=\"img\" aria-label=\"" + escape(label) + "\">";
}

std::string hatch_defs(std::string_view id) {
  return "<defs><pattern id=\"" + escape(id) +
         "\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" patternTransform=\"rotate(45)\">"
         "<rect width=\"8\" height=\"8\" class=\"hatch-bg\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" class=\"hatch-line\"/>"
         "</pattern></defs>";
}

static std::string titled(std::string_view title) {
  return title.empty() ? std::string() : "<title>" + escape(title) + "</title>";
}

std::string diamond(double x, double y, double r, std::string_view css_class, std::string_view title) {
  return "<path class=\"" + escape(css_class) + "\" d=\"M" + fmt(x) + " " + fmt(y - r) + "L" + fmt(x + r) + " " + fmt(y) + "L" +
         fmt(x) + " " + fmt(y + r) + "L" + fmt(x - r) + " " + fmt(y) + "Z\">" + titled(title) + "</path>";
}

std::string bar_rect(double x0, double x1, double y, double h, std::string_view css_class, std::string_view title) {
  const double a = std::min(x0, x1), b = std::max(x0, x1);
  return "<rect class=\"" + escape(css_class) + "\" x=\"" + fmt(a) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(std::max(1.0, b - a)) +
         "\" height=\"" + fmt(h) + "\"><title>" + escape(title) + "</title></rect>";
}

std::string triangle_down(double x, double y, double r, std::string_view css_class, std::string_view title) {
  return "<path class=\"" + escape(css_class) + "\" d=\"M" + fmt(x - r) + " " + fmt(y - r * 0.8) + "L" + fmt(x + r) + " " +
         fmt(y - r * 0.8) + "L" + fmt(x) + " " + fmt(y + r * 0.9) + "Z\">" + titled(title) + "</path>";
}

std::string cross(double x, double y, double r, std::string_view css_class, std::string_view title) {
  return "<path class=\"" + escape(css_class) + "\" d=\"M" + fmt(x - r) + " " + fmt(y - r) + "L" + fmt(x + r) + " " + fmt(y + r) +
         "M" + fmt(x - r) + " " + fmt(y + r) + "L" + fmt(x + r) + " " + fmt(y - r) + "\">" + titled(title) + "</path>";
}

}  // namespace ascendsim::svg
