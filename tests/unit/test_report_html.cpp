// HTML report structure: one phase bar per phase, one observed marker per observed milestone, all
// text escaped, nothing loaded from outside the file, byte-identical output; SVG kit ticks.
#include <catch2/catch.hpp>

#include "report_fixture.hpp"
#include "sim/trace/report_html.hpp"
#include "sim/trace/svg_kit.hpp"

using namespace ascendsim;
using namespace ascendsim::test;

TEST_CASE("report has the expected SVG elements", "[report]") {
  const ReportModel m = fixture_report();
  const std::string html = render_report_html(m);
  // Every chart is drawn twice, a wide and a narrow layout (the page shows one by its width), and
  // each layout has every mark.
  const std::size_t L = 2;
  CHECK(count_of(html, "<div class=\"chart-wide\">") == 6);
  CHECK(count_of(html, "<div class=\"chart-narrow\">") == 6);
  CHECK(count_of(html, "<rect class=\"phase-bar") == L * m.phases.size());
  CHECK(count_of(html, "class=\"observed-marker\"") == L * 3);  // chips delivered, data ready, release
  CHECK(count_of(html, "class=\"milestone-marker") == L * m.milestones.size());
  CHECK(count_of(html, "class=\"deadline-marker\"") == L * 2);
  CHECK(count_of(html, "<rect class=\"blackout\"") == L * 1);
  CHECK(count_of(html, "<rect class=\"hist-bar on-time\"") == L * 13);  // the fixture's bins carry no late runs
  CHECK(count_of(html, "<rect class=\"hist-bar late\"") == 0);
  CHECK(count_of(html, "<rect class=\"tornado-low\"") == L * 4);
  CHECK(count_of(html, "class=\"failure-marker\"") == L * 3);
  // Segments 18+18+18+35 days, a checkpoint every 3 days strictly inside: 5+5+5+11.
  CHECK(count_of(html, "<line class=\"checkpoint-mark\"") == L * 26);
  CHECK(count_of(html, "<svg class=\"chart") == L * 6);
}

TEST_CASE("report escapes text, is self-contained and deterministic", "[report]") {
  const ReportModel m = fixture_report();
  const std::string html = render_report_html(m);
  CHECK(html.find("<test & \"escape\">") == std::string::npos);
  CHECK(html.find("&lt;test &amp; &quot;escape&quot;&gt;") != std::string::npos);
  for (const char* external : {"http:", "https:", "<script", "<link", "@import", "src=", "url(http", "@font-face"})
    CHECK(html.find(external) == std::string::npos);
  CHECK(html == render_report_html(m));
  ReportModel late = m;
  late.verdict = {false, -9, "late"};
  const std::string h2 = render_report_html(late);
  CHECK(h2.find("DOES NOT FIT") != std::string::npos);
  CHECK(h2.find("late by</small>9 days") != std::string::npos);
  // Optional sections vanish when empty.
  ReportModel bare;
  bare.scenario = "bare";
  const std::string h3 = render_report_html(bare);
  CHECK(count_of(h3, "<svg") == 0);
  CHECK(h3.find("id=\"verdict\"") != std::string::npos);
}

TEST_CASE("date and number ticks", "[report]") {
  // 2026-01-10 .. 2026-06-20 at <= 12 ticks: monthly, first of Feb..Jun.
  const auto t = svg::date_ticks(static_cast<double>(*parse_iso_date("2026-01-10")),
                                 static_cast<double>(*parse_iso_date("2026-06-20")), 12);
  REQUIRE(t.size() == 5);
  CHECK(t.front().label == "Feb 2026");
  CHECK(t.back().label == "Jun 2026");
  CHECK(t.front().value == static_cast<double>(*parse_iso_date("2026-02-01")));
  // Two years at <= 6 ticks: quarterly would be 8, so half-yearly: Jul 2025, Jan 2026, Jul 2026, Jan 2027.
  const auto y = svg::date_ticks(static_cast<double>(*parse_iso_date("2025-03-01")),
                                 static_cast<double>(*parse_iso_date("2027-03-01")), 6);
  REQUIRE(y.size() == 4);
  CHECK(y[0].label == "Jul 2025");
  CHECK(y[1].label == "Jan 2026");
  const auto n = svg::nice_ticks(0, 9216 * 1.08, 6);
  REQUIRE(n.size() == 5);  // step 2000: 0..8000
  CHECK(n[1].label == "2000");
  CHECK(svg::fmt(2.50, 2) == "2.5");
  CHECK(svg::fmt(-0.0001, 1) == "0");
  CHECK(svg::escape("a<b>&'\"") == "a&lt;b&gt;&amp;&#39;&quot;");
}
