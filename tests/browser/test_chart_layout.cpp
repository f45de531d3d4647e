// Chart text a person can read, measured in headless Chromium: at page widths 1366 and 800 px,
// every <text> of every shown chart is at least 10 px tall as rendered, lies inside its <svg>, and
// overlaps no other text of the same chart. The boxes are the browser's own
// (getBoundingClientRect of each element, collected by a script injected into a copy of the page
// and read back from --dump-dom). Pages: a fixture built to provoke collisions, the thesis
// scenario's report as `ascendsim run` writes it, a sweep heat map, and an inference report as
// `ascendsim infer --out` writes it.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../unit/report_fixture.hpp"
#include "chromium.hpp"
#include "sim/trace/report_charts.hpp"
#include "sim/trace/report_html.hpp"
#include "sim/util/atomic_file.hpp"

using namespace ascendsim;
using namespace ascendsim::test;
namespace fs = std::filesystem;

namespace {

// For each shown chart (non-zero box): its texts' rendered font size (computed CSS size times the
// viewBox scale), containment in the chart's box, and pairwise intersection (0.5 px tolerance).
const char* const kTextProbe = R"JS(<script>(function(){
var charts=0,texts=0,overlaps=0,clipped=0,small=0,minpx=1e9,notes=[];
function own(t){var s='';t.childNodes.forEach(function(n){if(n.nodeType===3)s+=n.textContent;});return s;}
function note(s){if(notes.length<24)notes.push(s);}
document.querySelectorAll('svg.chart').forEach(function(svg){
  var sr=svg.getBoundingClientRect();if(sr.width<=0||sr.height<=0)return;charts++;
  var scale=sr.width/svg.viewBox.baseVal.width,name=svg.getAttribute('class'),boxes=[];
  svg.querySelectorAll('text').forEach(function(t){
    var r=t.getBoundingClientRect();if(r.width<=0||r.height<=0)return;texts++;
    var px=parseFloat(getComputedStyle(t).fontSize)*scale,label=own(t);minpx=Math.min(minpx,px);
    if(px<10){small++;note('small '+px.toFixed(1)+'px in '+name+': '+label);}
    if(r.left<sr.left-0.5||r.right>sr.right+0.5||r.top<sr.top-0.5||r.bottom>sr.bottom+0.5){clipped++;note('clipped in '+name+': '+label);}
    boxes.push({r:r,l:label});});
  for(var i=0;i<boxes.length;i++)for(var j=i+1;j<boxes.length;j++){var a=boxes[i].r,b=boxes[j].r;
    if(a.left<b.right-0.5&&b.left<a.right-0.5&&a.top<b.bottom-0.5&&b.top<a.bottom-0.5){overlaps++;
      note('overlap in '+name+': "'+boxes[i].l+'" / "'+boxes[j].l+'"');}}
});
var p=document.createElement('pre');p.id='probe';
p.textContent='charts='+charts+'\ntexts='+texts+'\noverlaps='+overlaps+'\nclipped='+clipped+'\nsmall='+small+
 '\nmin_font_tenths='+Math.floor(minpx*10)+'\npage_width='+document.documentElement.scrollWidth+'\nnotes: '+notes.join(' | ')+'\n';
document.body.appendChild(p);})();</script>)JS";

struct Measured {
  long charts, texts, overlaps, clipped, small, min_font_tenths, page_width;
  std::string notes;
};

Measured measure(const std::string& html, const fs::path& dir, const std::string& name, int width) {
  std::string probed = html;
  const auto body_end = probed.rfind("</body>");
  REQUIRE(body_end != std::string::npos);
  probed.insert(body_end, kTextProbe);
  const fs::path file = dir / (name + "-" + std::to_string(width) + ".html");
  write_file_atomic(file.string(), probed);
  const std::string dom = dump_dom(file, dir / "profile", width, 1200);
  const auto at = dom.find("id=\"probe\"");
  REQUIRE(at != std::string::npos);
  const std::string probe = dom.substr(at);
  const auto notes_at = probe.find("notes: ");
  return Measured{probe_value(probe, "charts"),  probe_value(probe, "texts"),           probe_value(probe, "overlaps"),
                  probe_value(probe, "clipped"), probe_value(probe, "small"),           probe_value(probe, "min_font_tenths"),
                  probe_value(probe, "page_width"), probe.substr(notes_at, probe.find('\n', notes_at) - notes_at)};
}

void check_readable(const std::string& html, const fs::path& dir, const std::string& name, long charts) {
  for (int width : {1366, 800}) {
    const Measured m = measure(html, dir, name, width);
    INFO(name << " at " << width << " px: " << m.texts << " texts; " << m.notes);
    CHECK(m.charts == charts);
    CHECK(m.texts > 10 * charts);  // the probe saw the labels, not an empty page
    CHECK(m.overlaps == 0);
    CHECK(m.clipped == 0);
    CHECK(m.small == 0);
    CHECK(m.min_font_tenths >= 100);
    CHECK(m.page_width <= width);  // no horizontal scrolling
  }
}

// The fixture, with the cases that collided before: a blackout ending where the publication
// window opens, long names, percentiles a day apart next to the deadline, tornado inputs given as
// key paths with dates for values and both shifts on the same side.
ReportModel crowded_report() {
  ReportModel m = fixture_report();
  m.blackouts.push_back({"two-sessions", day("2026-03-04"), day("2026-03-12")});
  m.publication_window = ReportWindow{"publication window", day("2026-03-12"), day("2026-04-30")};
  m.milestones.push_back({"a milestone with a very long name that cannot fit the label column", day("2026-04-20"), std::nullopt,
                          day("2026-04-29"), 9, false});
  auto& h = *m.final_date_histogram;
  h.milestone = "release";
  h.limit_day = day("2026-04-19");
  h.markers = {{"P10", day("2026-04-17")}, {"P50", day("2026-04-18")}, {"P90", day("2026-04-19")}, {"deadline", day("2026-04-19")}};
  for (auto& b : h.bins) b.late = b.lo_day >= *h.limit_day ? b.count : 0;
  m.tornado->bars.push_back({"calendar.milestones.0.not_before", "2025-09-15", "2026-01-15", 0.0, 2.5});
  m.tornado->bars.push_back({"calendar.milestones.work-start.not_before", "2025-11-20", "2025-12-15", -3.0, 61.5});
  m.tornado->bars.push_back({"fleet.org_share", "3%", "20%", 38.9, -16.4});
  m.supply->need_from_day = day("2025-12-15");
  m.supply->need_to_day = day("2026-03-20");
  return m;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::path(ASCENDSIM_BUILD_DIR) / "test-tmp" / name;
  fs::remove_all(dir);
  fs::create_directories(dir / "profile");
  return dir;
}

}  // namespace

TEST_CASE("chart text is at least 10 px, inside its chart and not overlapping at 1366 and 800 px (fixture)", "[browser]") {
  REQUIRE(fs::exists(chromium_path()));
  const fs::path dir = fresh_dir("chart-layout-fixture");
  check_readable(render_report_html(crowded_report()), dir, "crowded", 6);
}

TEST_CASE("chart text is at least 10 px, inside its chart and not overlapping at 1366 and 800 px (thesis report)", "[browser]") {
  REQUIRE(fs::exists(chromium_path()));
  const fs::path dir = fresh_dir("chart-layout-thesis");
  const std::string cmd = std::string(ASCENDSIM_BINARY) + " run '" + ASCENDSIM_SOURCE_DIR +
                          "/timelines/v4-ascend-thesis.toml' --draws 40 --sensitivity --out '" + (dir / "out").string() +
                          "' > '" + (dir / "run.log").string() + "' 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  // Run, supply, Monte Carlo, tornado, step breakdown and the plan: six charts.
  check_readable(read_all(dir / "out" / "report.html"), dir, "thesis", 6);
}

TEST_CASE("sweep heat map text is at least 10 px, inside its chart and not overlapping at 1366 and 800 px", "[browser]") {
  REQUIRE(fs::exists(chromium_path()));
  const fs::path dir = fresh_dir("chart-layout-heatmap");
  ReportHeatmap hm;
  hm.column_input = "fleet.org_share";
  hm.row_input = "calendar.milestones.work-start.not_before";
  hm.columns = {"5%", "10%", "15%", "20%", "25%", "30%"};
  hm.rows = {"2025-11-15", "2025-12-01", "2025-12-15"};
  for (std::size_t i = 0; i < hm.columns.size(); ++i)
    for (std::size_t j = 0; j < hm.rows.size(); ++j)
      hm.cells.push_back({i, j, -80.0 + 25.0 * static_cast<double>(i) - 7.5 * static_cast<double>(j), i / 5.0, 20});
  const std::string page = std::string("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>svg.chart{display:block;max-width:100%}"
                                       "svg text{font-size:13px}.tick-label{font-size:12px}.cell-share{font-size:11px}") +
                           kResponsiveChartCss + "</style></head><body style=\"margin:24px\">" +
                           responsive_chart([&](double w) { return heatmap_svg(hm, w); }) + "</body></html>";
  check_readable(page, dir, "heatmap", 1);
}

TEST_CASE("inference report chart text is at least 10 px, inside its chart and not overlapping at 1366 and 800 px", "[browser]") {
  REQUIRE(fs::exists(chromium_path()));
  const fs::path dir = fresh_dir("chart-layout-infer");
  const std::string cmd = std::string(ASCENDSIM_BINARY) + " infer '" + ASCENDSIM_SOURCE_DIR + "/timelines/v4-flash-h800.toml' --evidence '" +
                          ASCENDSIM_SOURCE_DIR + "/timelines/evidence/v4.toml' --draws 40 --out '" + (dir / "out").string() + "' > '" +
                          (dir / "infer.log").string() + "' 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  const std::string html = read_all(dir / "out" / "report.html");
  // The choice bars, the predictive dates, and one density chart per varying input (each drawn in
  // a wide and a narrow layout, of which the browser shows one).
  long densities = 0;
  for (auto at = html.find("class=\"chart density-chart\""); at != std::string::npos; at = html.find("class=\"chart density-chart\"", at + 1))
    ++densities;
  REQUIRE(densities >= 2);
  check_readable(html, dir, "infer", 2 + densities / 2);
}
