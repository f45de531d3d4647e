// The inference report's charts: per input the prior and posterior densities overlaid, the
// posterior of every discrete choice against its prior, and the posterior-predictive milestone
// dates against the observed ones.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/trace/infer_charts.hpp"
#include "sim/trace/input_labels.hpp"
#include "sim/trace/svg_kit.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

using svg::escape;
using svg::fmt;

namespace {

constexpr double kLabelFont = 12;  // .bar-label


std::string vline(double x, double y0, double y1, const std::string& cls) {
  return "<line class=\"" + cls + "\" x1=\"" + fmt(x) + "\" x2=\"" + fmt(x) + "\" y1=\"" + fmt(y0) + "\" y2=\"" + fmt(y1) + "\"/>";
}

std::string value_text(double v, bool dates) { return dates ? format_date_floor(v) : fmt(v, std::fabs(v) < 10 ? 3 : 1); }

std::string interval_tip(const char* what, const ReportInterval& i, bool dates) {
  return std::string(what) + ": median " + value_text(i.p50, dates) + ", 80% interval " + value_text(i.p10, dates) + " to " +
         value_text(i.p90, dates);
}

// As the report's tables and the terminal print it: one decimal, "90.0%".
std::string pct_text(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", p * 100);
  return buf;
}

// Step outline of a density over equal bins, closed on the axis.
std::string density_path(const std::vector<double>& dens, const svg::Scale& x, const svg::Scale& y, double lo, double hi,
                         const std::string& cls, const std::string& tip) {
  if (dens.empty()) return "";
  const double w = (hi - lo) / static_cast<double>(dens.size());
  std::string d = "M" + fmt(x(lo)) + " " + fmt(y(0));
  for (std::size_t k = 0; k < dens.size(); ++k)
    d += "V" + fmt(y(dens[k])) + "H" + fmt(x(lo + w * static_cast<double>(k + 1)));
  d += "V" + fmt(y(0)) + "Z";
  return "<path class=\"" + cls + "\" d=\"" + d + "\"><title>" + escape(tip) + "</title></path>";
}

}  // namespace

std::string density_svg(const ReportDensity& dn, double width) {
  if (dn.prior.empty() || !(dn.hi > dn.lo)) return "";
  const double left = 40, right = width - 36;  // room for a tick label centred on either end
  using S = svg::LegendItem::Shape;
  std::vector<svg::LegendItem> items{{"prior", "density-prior", S::box}};
  if (dn.posterior_interval) items.push_back({"posterior", "density-posterior", S::box});
  items.push_back({"medians (dashed), 80% intervals (bands below)", "density-median", S::dashed});
  const int rows = svg::legend_rows(items, left, right);
  const double top = 52 + svg::kLegendRow * (rows - 1), bottom = top + 140;
  double ymax = 0;
  for (double v : dn.prior) ymax = std::max(ymax, v);
  for (double v : dn.posterior) ymax = std::max(ymax, v);
  if (!(ymax > 0)) ymax = 1;
  const svg::Scale x{dn.lo, dn.hi, left, right}, y{0, ymax * 1.08, bottom, top};
  const double band0 = bottom + 52, band_h = 7;
  std::string o = svg::open_svg(width, band0 + 2 * band_h + 14, "density-chart", "Prior and posterior of " + dn.input);
  std::string title = input_display_name(dn.input);
  if (title != dn.input) title += " (" + dn.input + ")";
  char ks[48];
  std::snprintf(ks, sizeof ks, "KS %.2f", dn.ks_distance);
  const double ks_w = svg::text_width(ks, 13) + 8;
  o += "<text class=\"chart-title\" x=\"" + fmt(left) + "\" y=\"18\"><title>" + escape(dn.input) + "</title>" +
       escape(svg::ellipsize(title, 14.5, right - left - ks_w - 12)) + "</text>";  // 14.5: the title is bold
  o += "<text class=\"ks-label\" x=\"" + fmt(right) + "\" y=\"18\" text-anchor=\"end\">" + ks + "</text>";
  const int max_ticks = std::max(3, static_cast<int>((right - left) / 90));
  o += svg::x_axis(x, dn.dates ? svg::date_ticks(dn.lo, dn.hi, max_ticks) : svg::nice_ticks(dn.lo, dn.hi, max_ticks), bottom, top,
                   dn.axis_title);
  const double cy = (top + bottom) / 2;
  o += "<text class=\"axis-title\" x=\"16\" y=\"" + fmt(cy) + "\" text-anchor=\"middle\" transform=\"rotate(-90 16 " + fmt(cy) +
       ")\">density</text>";
  o += density_path(dn.prior, x, y, dn.lo, dn.hi, "density-prior", interval_tip("prior", dn.prior_interval, dn.dates));
  o += vline(x(std::clamp(dn.prior_interval.p50, dn.lo, dn.hi)), top, bottom, "density-median prior-median");
  auto band = [&](const ReportInterval& i, double yb, const std::string& cls, const char* what) {
    const double a = x(std::clamp(i.p10, dn.lo, dn.hi)), b = x(std::clamp(i.p90, dn.lo, dn.hi));
    o += svg::bar_rect(a, b, yb, band_h, cls, interval_tip(what, i, dn.dates));
    o += vline(x(std::clamp(i.p50, dn.lo, dn.hi)), yb - 2, yb + band_h + 2, "band-median");
  };
  band(dn.prior_interval, band0, "density-band prior-band", "prior");
  if (dn.posterior_interval) {
    o += density_path(dn.posterior, x, y, dn.lo, dn.hi, "density-posterior", interval_tip("posterior", *dn.posterior_interval, dn.dates));
    o += vline(x(std::clamp(dn.posterior_interval->p50, dn.lo, dn.hi)), top, bottom, "density-median posterior-median");
    band(*dn.posterior_interval, band0 + band_h + 4, "density-band posterior-band", "posterior");
  }
  o += svg::legend(items, left, 40, right);
  return o + "</svg>";
}

std::string choice_bars_svg(const std::vector<ReportChoice>& cs, double width) {
  if (cs.empty()) return "";
  const double left = std::min(320.0, std::round(width * 0.36)), right = width - 10;
  // Room right of a full bar for its label ("100.0%").
  const double label_w = svg::text_width("100.0%", kLabelFont) + 12;
  const svg::Scale x{0, 1, left, right - label_w};
  using S = svg::LegendItem::Shape;
  const std::vector<svg::LegendItem> items{{"prior probability", "choice-prior", S::box}, {"posterior probability", "choice-posterior", S::box}};
  const double top = 50 + svg::kLegendRow * std::max(0, svg::legend_rows(items, 20, right) - 1), row = 40;
  const double bottom = top + row * static_cast<double>(cs.size());
  std::string o = svg::open_svg(width, bottom + 58, "choice-chart", "Posterior of each choice");
  std::vector<svg::Tick> ticks;
  for (int k = 0; k <= 4; ++k) ticks.push_back({k * 0.25, std::to_string(k * 25) + "%"});
  o += svg::x_axis(x, ticks, bottom, top, "probability");
  double y = top;
  for (const ReportChoice& c : cs) {
    const double cy = y + row / 2;
    const std::string name = c.output + " = " + c.value;
    o += "<text class=\"row-label\" x=\"" + fmt(left - 10) + "\" y=\"" + fmt(cy) + "\" dy=\"0.35em\" text-anchor=\"end\"><title>" +
         escape(name) + "</title>" + escape(svg::ellipsize(name, 13, left - 20)) + "</text>";
    const struct { double p; double yc; const char* cls; const char* what; } halves[] = {
        {c.prior, cy - 7, "choice-prior", "prior"}, {c.posterior, cy + 7, "choice-posterior", "posterior"}};
    for (const auto& h : halves) {
      o += svg::bar_rect(x(0), x(h.p), h.yc - 6, 12, h.cls, name + ", " + h.what + ": " + pct_text(h.p));
      o += "<text class=\"bar-label\" x=\"" + fmt(x(h.p) + 6) + "\" y=\"" + fmt(h.yc) + "\" dy=\"0.35em\">" + pct_text(h.p) + "</text>";
    }
    y += row;
  }
  o += svg::legend(items, 20, 22, right);
  return o + "</svg>";
}

std::string predictive_dates_svg(const std::vector<ReportPredictive>& rows, double width) {
  if (rows.empty()) return "";
  double lo = 1e18, hi = -1e18;
  for (const ReportPredictive& r : rows) {
    lo = std::min(lo, r.prior.p10);
    hi = std::max(hi, r.prior.p90);
    if (r.posterior) { lo = std::min(lo, r.posterior->p10); hi = std::max(hi, r.posterior->p90); }
    if (r.observed_day) { lo = std::min(lo, *r.observed_day); hi = std::max(hi, *r.observed_day); }
  }
  const double pad = std::max(3.0, (hi - lo) * 0.03);
  lo -= pad;
  hi += pad;
  const double left = std::min(240.0, std::round(width * 0.24)), right = width - 40;
  using S = svg::LegendItem::Shape;
  const std::vector<svg::LegendItem> items{{"prior 80% interval", "predictive-prior", S::box},
                                           {"posterior-predictive 80% interval", "predictive-posterior", S::box},
                                           {"median", "band-median", S::line},
                                           {"observed", "observed-marker", S::triangle}};
  const double top = 50 + svg::kLegendRow * std::max(0, svg::legend_rows(items, 20, right) - 1), row = 38;
  const double bottom = top + row * static_cast<double>(rows.size());
  const svg::Scale x{lo, hi, left, right};
  std::string o = svg::open_svg(width, bottom + 58, "predictive-chart", "Posterior-predictive milestone dates");
  o += svg::x_axis(x, svg::date_ticks(lo, hi, std::max(3, static_cast<int>((right - left) / 90))), bottom, top, "date");
  double y = top;
  for (const ReportPredictive& r : rows) {
    const double cy = y + row / 2;
    o += "<text class=\"row-label\" x=\"" + fmt(left - 10) + "\" y=\"" + fmt(cy) + "\" dy=\"0.35em\" text-anchor=\"end\"><title>" +
         escape(r.milestone) + "</title>" + escape(svg::ellipsize(r.milestone, 13, left - 20)) + "</text>";
    auto band = [&](const ReportInterval& i, double yc, const char* cls, const char* what) {
      o += svg::bar_rect(x(i.p10), x(i.p90), yc - 5, 10, cls, r.milestone + ", " + interval_tip(what, i, true));
      o += vline(x(i.p50), yc - 7, yc + 7, "band-median");
    };
    band(r.prior, cy - 6, "predictive-prior", "prior");
    if (r.posterior) band(*r.posterior, cy + 6, "predictive-posterior", "posterior predictive");
    if (r.observed_day)
      o += svg::triangle_down(x(*r.observed_day), cy - 13, 6, "observed-marker", r.milestone + " observed " + format_date_floor(*r.observed_day));
    y += row;
  }
  o += svg::legend(items, 20, 22, right);
  return o + "</svg>";
}

}  // namespace ascendsim
