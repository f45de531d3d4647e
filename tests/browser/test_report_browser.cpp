// The HTML report loaded in headless Chromium (Debian package `chromium`): no console errors, one
// phase bar per phase and one marker per observed milestone as rendered SVG elements with a real
// size, and screenshots at laptop width (build/report.png) and at 800 px (build/report-800.png).
// Tagged [browser] so the sanitizer tier can skip it (`test_unit "~[browser]"`).
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "../unit/report_fixture.hpp"
#include "chromium.hpp"
#include "sim/trace/report_html.hpp"
#include "sim/util/atomic_file.hpp"

using namespace ascendsim;
using namespace ascendsim::test;
namespace fs = std::filesystem;

namespace {

// Injected by the test only (the report itself has no scripts): records console errors and
// uncaught errors, then writes what the browser rendered into a <pre id="probe"> element.
const char* const kCapture =
    "<script>window.__errors=[];"
    "window.addEventListener('error',function(e){window.__errors.push('error: '+e.message);},true);"
    "var __ce=console.error;console.error=function(){window.__errors.push('console.error: '+Array.from(arguments).join(' '));"
    "__ce.apply(console,arguments);};</script>";
const char* const kProbe =
    "<script>(function(){function n(sel){var k=0;document.querySelectorAll(sel).forEach(function(e){"
    "var b=e.getBBox();if(b.width>0&&b.height>0)k++;});return k;}"
    "var p=document.createElement('pre');p.id='probe';"
    "p.textContent='errors='+window.__errors.length+' '+window.__errors.join(' | ')+'\\n'"
    "+'phase_bars='+n('svg rect.phase-bar:not(.swatch)')+'\\n'"
    "+'observed_markers='+n('svg path.observed-marker:not(.swatch)')+'\\n'"
    "+'charts='+n('svg.chart')+'\\n'"
    "+'page_width='+document.documentElement.scrollWidth+'\\n';"
    "document.body.appendChild(p);})();</script>";

}  // namespace

TEST_CASE("report renders in headless Chromium without errors", "[browser]") {
  REQUIRE(fs::exists(chromium_path()));  // the project's test set-up installs it (README)
  const fs::path dir = fs::path(ASCENDSIM_BUILD_DIR) / "test-tmp" / "browser";
  fs::remove_all(dir);
  fs::create_directories(dir / "profile");
  const ReportModel m = fixture_report();
  const std::string html = render_report_html(m);
  // The report as shipped, for the screenshot; an instrumented copy for the DOM probe.
  write_file_atomic((dir / "report.html").string(), html);
  std::string probed = html;
  probed.insert(probed.find("<style>"), kCapture);
  probed.insert(probed.rfind("</body>"), kProbe);
  write_file_atomic((dir / "probe.html").string(), probed);

  const std::string flags = chromium_flags(dir / "profile", 1280, 2000);
  int status = 0;
  const std::string dom = dump_dom(dir / "probe.html", dir / "profile", 1280, 2000);
  const auto probe_at = dom.find("id=\"probe\"");
  REQUIRE(probe_at != std::string::npos);
  INFO(dom.substr(probe_at, 400));
  CHECK(probe_value(dom, "errors") == 0);
  CHECK(probe_value(dom, "phase_bars") == static_cast<long>(m.phases.size()));
  long observed = 0;
  for (const auto& ms : m.milestones) observed += ms.observed_day.has_value();
  CHECK(probe_value(dom, "observed_markers") == observed);
  CHECK(probe_value(dom, "charts") == 6);  // each chart is in the page twice (wide, narrow); one is shown
  CHECK(probe_value(dom, "page_width") <= 1280);  // no horizontal scrolling at laptop width

  const fs::path shot = fs::path(ASCENDSIM_BUILD_DIR) / "report.png";
  fs::remove(shot);
  const std::string log = run_command(flags + " --enable-logging=stderr --v=0 --screenshot='" + shot.string() + "' 'file://" +
                                  (dir / "report.html").string() + "' 2>&1",
                              status);
  REQUIRE(status == 0);
  REQUIRE(fs::exists(shot));
  CHECK(fs::file_size(shot) > 50000);  // a rendered page, not a blank image
  // Console messages of the page itself are logged as "CONSOLE(...)" / ":CONSOLE" lines.
  INFO(log.substr(0, 3000));
  CHECK(log.find("CONSOLE") == std::string::npos);
  // And at a narrow page width, where the report switches to the charts' narrow layout.
  const fs::path narrow = fs::path(ASCENDSIM_BUILD_DIR) / "report-800.png";
  fs::remove(narrow);
  run_command(chromium_flags(dir / "profile", 800, 2000) + " --screenshot='" + narrow.string() + "' 'file://" +
                  (dir / "report.html").string() + "' 2>/dev/null",
              status);
  REQUIRE(status == 0);
  CHECK(fs::file_size(narrow) > 50000);
}
