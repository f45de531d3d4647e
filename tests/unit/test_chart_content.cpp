// What the charts say, checked on their markup: the histogram splits runs on time / late at the
// limit, the supply chart shades shortfall only inside the plan's window, the tornado uses human
// names with both end values, the heat map's colours follow a diverging scale through white at 0,
// and the layout helpers (text width, lanes, legend wrapping) keep labels apart.
#include <catch2/catch.hpp>

#include <regex>

#include "report_fixture.hpp"
#include "sim/trace/input_labels.hpp"
#include "sim/trace/report_charts.hpp"
#include "sim/trace/svg_kit.hpp"

using namespace ascendsim;
using namespace ascendsim::test;

namespace {
std::vector<double> attr_values(const std::string& svg, const std::string& element_start, const std::string& attr) {
  std::vector<double> out;
  for (auto p = svg.find(element_start); p != std::string::npos; p = svg.find(element_start, p + 1)) {
    const auto a = svg.find(" " + attr + "=\"", p);
    out.push_back(std::stod(svg.substr(a + attr.size() + 3)));
  }
  return out;
}
}  // namespace

TEST_CASE("histogram splits the runs on time and late at the limit date", "[report]") {
  ReportHistogram h;
  h.milestone = "checkpoint-0211";
  h.limit_day = day("2026-02-11");
  h.limit_kind = "observed";
  // Bins of 2 days with edges on the limit: 3 + 5 runs before it, 7 + 1 after.
  const double lim = *h.limit_day;
  h.bins = {{lim - 4, lim - 2, 3, 0}, {lim - 2, lim, 5, 0}, {lim, lim + 2, 7, 7}, {lim + 2, lim + 4, 1, 1}};
  h.samples = 16;
  const std::string svg = histogram_svg(h, kWideChart_px);
  CHECK(count_of(svg, "<rect class=\"hist-bar on-time\"") == 2);
  CHECK(count_of(svg, "<rect class=\"hist-bar late\"") == 2);
  CHECK(svg.find("on time (8 runs)") != std::string::npos);
  CHECK(svg.find("late (8 runs)") != std::string::npos);
  CHECK(svg.find("observed 2026-02-11") != std::string::npos);  // the limit line, labelled with its date
  CHECK(svg.find("date checkpoint-0211 is reached") != std::string::npos);
  // Every on-time bar ends left of every late bar: the split is at the limit.
  const auto on_x = attr_values(svg, "<rect class=\"hist-bar on-time\"", "x");
  const auto late_x = attr_values(svg, "<rect class=\"hist-bar late\"", "x");
  CHECK(*std::max_element(on_x.begin(), on_x.end()) < *std::min_element(late_x.begin(), late_x.end()));
}

TEST_CASE("supply shortfall is shaded only while the plan needs the chips", "[report]") {
  // 100 chips from day 0, 300 from day 100; the plan needs 200 from day 60 to day 150: short from
  // day 60 to day 100 only (a single rectangle), though supply is short from day 0.
  ReportSupply s{{{0, 100}, {100, 300}}, 200, "chip", 60.0, 150.0};
  const std::string svg = supply_chart_svg(s, kWideChart_px);
  REQUIRE(count_of(svg, "<rect class=\"shortfall\"") == 1);
  CHECK(svg.find("1970-03-02 to 1970-04-11: 100 chips short") != std::string::npos);  // days 60..100
  // The need line spans the plan's days only: x(60) to x(150) of an axis from day -7 to day 164.
  const std::regex need("class=\"need-line\" x1=\"([0-9.]+)\" x2=\"([0-9.]+)\"");
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, need));
  const double lo = -7, hi = 150 + std::max(14.0, (150 - lo) * 0.06), left = 110, right = kWideChart_px - 30;
  auto x = [&](double d) { return left + (d - lo) * (right - left) / (hi - lo); };
  CHECK(std::stod(m[1]) == Approx(x(60)).margin(0.01));
  CHECK(std::stod(m[2]) == Approx(x(150)).margin(0.01));
}

TEST_CASE("tornado rows carry human names and both end values", "[report]") {
  CHECK(input_display_name("fleet.org_share") == "Organisation's share of supply");
  CHECK(input_display_name("supply.fleet.org_share") == "Organisation's share of supply");
  CHECK(input_display_name("calendar.milestones.work-start.not_before") == "Work start");
  CHECK(input_display_name("calendar.phases.pretraining.duration") == "Pretraining duration");
  CHECK(input_display_name("line_defaults.start") == "Wafer-start date");
  CHECK(input_display_name("supply.start") == "Wafer-start date");
  CHECK(input_display_name("supply.lead_time") == "Fab-to-rack lead time");
  CHECK(input_display_name("calendar.start") == "calendar.start");  // "start" alone is not a wafer start
  CHECK(input_display_name("calendar.milestones.0.not_before") == "calendar.milestones.0.not_before");  // no name: the path
  CHECK(input_display_name("some.unknown_input") == "some.unknown_input");
  ReportTornado t{{{"calendar.milestones.work-start.not_before", "2025-11-20", "2025-12-15", -3.0, 61.5}}, day("2026-03-07")};
  const std::string svg = tornado_svg(t, kNarrowChart_px);
  CHECK(svg.find(">Work start</text>") != std::string::npos);
  CHECK(svg.find("<title>calendar.milestones.work-start.not_before</title>") != std::string::npos);
  CHECK(svg.find(">2025-11-20: \u22123 d</text>") != std::string::npos);
  CHECK(svg.find(">2025-12-15: +61.5 d</text>") != std::string::npos);
}

TEST_CASE("heat map colours follow a diverging scale through white at zero", "[report]") {
  ReportHeatmap h;
  h.column_input = "fleet.org_share";
  h.columns = {"5%", "10%", "20%"};
  h.rows = {""};
  h.cells = {{0, 0, -40, 0, 4}, {1, 0, 0, 0.5, 4}, {2, 0, 40, 1, 4}};
  const std::string svg = heatmap_svg(h, kWideChart_px);
  // Scale to +-40 days: the ends of RdBu and its white middle.
  CHECK(svg.find("fill=\"#b2182b\"><title>5%: mean margin \u221240.0 d") != std::string::npos);
  CHECK(svg.find("fill=\"#f7f7f7\"><title>10%: mean margin 0.0 d") != std::string::npos);
  CHECK(svg.find("fill=\"#2166ac\"><title>20%: mean margin +40.0 d") != std::string::npos);
  CHECK(svg.find("url(#margin-scale-1150)") != std::string::npos);  // the colour bar
  CHECK(svg.find(">\u221240</text>") != std::string::npos);
  CHECK(svg.find(">+40</text>") != std::string::npos);
  CHECK(svg.find("columns: Organisation&#39;s share of supply (fleet.org_share)") != std::string::npos);
}

TEST_CASE("layout helpers: text width, ellipsis, lanes and wrapped legends", "[report]") {
  // DejaVu Sans advances: digits 0.64 em, '-' 0.42 em: "2026-03-12" at 10 px = 8*6.4 + 2*4.2.
  CHECK(svg::text_width("2026-03-12", 10) == Approx(59.6));
  const std::string cut = svg::ellipsize("calendar.milestones.0.not_before", 13, 100);
  CHECK(svg::text_width(cut, 13) <= 100);
  CHECK(cut.substr(cut.size() - 3) == "\u2026");
  CHECK(svg::ellipsize("short", 13, 100) == "short");
  svg::Lanes lanes;
  CHECK(lanes.place(0, 50) == 0);
  CHECK(lanes.place(55, 90) == 1);   // within the 8 px gap of the first
  CHECK(lanes.place(100, 140) == 0);  // clear of the first
  CHECK(lanes.count() == 2);
  using S = svg::LegendItem::Shape;
  const std::vector<svg::LegendItem> items(6, {"a legend entry", "x", S::box});
  CHECK(svg::legend_rows(items, 20, 1150) == 1);
  CHECK(svg::legend_rows(items, 20, 400) == 3);  // 2 per row at 400 px
}
