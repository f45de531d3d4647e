// Issue 13, input half: range checks of values in files (distributions whose bounds disagree),
// referenced files reported at the key that names them, quoted values cut to 200 characters,
// sizes that cannot fit in memory refused up front with the estimate, and the platform XML check.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "sim/config/toml_reader.hpp"
#include "sim/platform/platform_xml_check.hpp"
#include "sim/timeline/montecarlo.hpp"
#include "sim/util/memory_budget.hpp"

using namespace ascendsim;

namespace {
template <class F>
std::string errors_of(const std::string& text, F read, const std::string& name = "t.toml") {
  try {
    TomlDocument doc = TomlDocument::parse(text, name);
    read(doc.root());
    doc.finish();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string xml_errors(const std::string& text) {
  try {
    validate_platform_xml_text(text, "p.xml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const char* kSmallPlatform = R"(<?xml version='1.0'?>
<platform version="4.1">
<zone id="root" routing="Full">
<host id="a" speed="1e12f"/>
<host id="b" speed="1e12f"/>
<link id="ab" bandwidth="1e9Bps" latency="1us" sharing_policy="SPLITDUPLEX"/>
<route src="a" dst="b"><link_ctn id="ab" direction="UP"/></route>
</zone>
</platform>
)";
}  // namespace

TEST_CASE("a normal distribution with min above max is a located error at max") {
  const std::string err = errors_of("x = { dist = \"normal\", mean = \"5d\", sd = \"1d\", min = \"9d\", max = \"2d\" }\n",
                                    [](Section r) { r.param("x", Dimension::Time, 0, 1e12); });
  INFO(err);
  CHECK(err.find("t.toml:1:66: x.max: must not be below min (9 d), found 2 d") != std::string::npos);
}

TEST_CASE("a distribution's centre and nominal must lie within its own bounds") {
  INFO(errors_of("x = { dist = \"normal\", mean = \"50d\", sd = \"1d\", max = \"20d\" }\n",
                  [](Section r) { r.param("x", Dimension::Time, 0, 1e12); }));
  CHECK(errors_of("x = { dist = \"normal\", mean = \"50d\", sd = \"1d\", max = \"20d\" }\n",
                  [](Section r) { r.param("x", Dimension::Time, 0, 1e12); })
            .find("t.toml:1:31: x.mean: must not be above max (20 d), found 50 d") != std::string::npos);
  CHECK(errors_of("x = { dist = \"uniform\", low = \"10%\", high = \"20%\", nominal = \"30%\" }\n",
                  [](Section r) { r.param("x", Dimension::Fraction, 0, 1); })
            .find("x.nominal: must lie within the distribution's range [10%, 20%], found 30%") != std::string::npos);
  // A consistent one loads.
  CHECK(errors_of("x = { dist = \"normal\", mean = \"5d\", sd = \"1d\", min = \"2d\", max = \"9d\" }\n",
                  [](Section r) { r.param("x", Dimension::Time, 0, 1e12); }) == "");
}

TEST_CASE("a quoted value in an error is cut to 200 characters with its length") {
  const std::string huge(10'000'000, 'a');
  CHECK(quote_value("short") == "\"short\"");
  const std::string q = quote_value(huge);
  CHECK(q == "\"" + std::string(200, 'a') + "...[10000000 characters]\"");
  const std::string err = errors_of("k = \"" + huge + "\"\n", [](Section r) { r.choice("k", {"a", "b"}); });
  CHECK(err.size() < 400);
  CHECK(err.find("...[10000000 characters]") != std::string::npos);
}

TEST_CASE("a referenced file that is missing or a directory is reported at the key that names it") {
  const auto dir = std::filesystem::path(ASCENDSIM_BUILD_DIR) / "input_ranges_test";
  std::filesystem::create_directories(dir / "sub");
  std::ofstream(dir / "there.toml") << "kind = \"x\"\n";
  const std::string doc_name = (dir / "s.toml").string();
  const std::string text = "\n[platform]\nspec = \"nope.toml\"\ndir = \"sub\"\nok = \"there.toml\"\n";
  std::string ok_path;
  const std::string err = errors_of(
      text,
      [&](Section r) {
        const Section p = r.table("platform");
        (void)p.path_ref("spec", "platform spec");
        (void)p.path_ref("dir", "platform spec");
        ok_path = p.path_ref("ok", "platform spec");
      },
      doc_name);
  CHECK(err.find(doc_name + ":3:8: platform.spec: platform spec not found: \"" + (dir / "nope.toml").string() + "\"") !=
        std::string::npos);
  CHECK(err.find(doc_name + ":4:7: platform.dir: names a directory, expected a platform spec") != std::string::npos);
  CHECK(err.find("platform.ok") == std::string::npos);
  CHECK(ok_path == (dir / "there.toml").string());
}

TEST_CASE("sizes that cannot fit in memory are refused with the estimate") {
  // 2^31 draws of 100 bytes = 214.7 GB, against a 1 GB budget.
  try {
    check_fits_in_memory(2147483648.0, 100, 1'000'000'000, SourceLocation{"--draws 2147483648", 0, 0}, "draws", "draws",
                         "use fewer");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "--draws 2147483648: draws: too large: 2147483648 draws need an estimated 215 GB of memory (100 B each), "
          "more than the 1 GB this process may use; use fewer");
  }
  CHECK_NOTHROW(check_fits_in_memory(1000, 100, 1'000'000, SourceLocation{"--draws", 0, 0}, "draws", "draws", ""));
  // One draw with two short-named milestones: the result, its outcomes and the summary's copies.
  CHECK(draw_result_bytes({"start", "launch"}) ==
        double(sizeof(DrawResult) + 2 * sizeof(double) + 2 * (sizeof(MilestoneOutcome) + 2 * sizeof(double))));
  CHECK(memory_budget_bytes() > 0);
}

TEST_CASE("run_draws refuses a draw count the budget cannot hold before storing any") {
  setenv("ASCENDSIM_MEMORY_BUDGET", "1MB", 1);
  int calls = 0;
  auto fn = [&](std::uint64_t, Rng&) {
    ++calls;
    DrawResult d;
    d.milestones = {{"start", 0, std::nullopt}};
    return d;
  };
  CHECK_THROWS_WITH(run_draws(1'000'000, 1, 1, fn), Catch::Contains("--draws 1000000: draws: too large"));
  CHECK(calls == 1);  // only draw 0, to measure
  CHECK(run_draws(10, 1, 1, fn).size() == 10);
  unsetenv("ASCENDSIM_MEMORY_BUDGET");
}

TEST_CASE("a valid platform XML passes the check") { CHECK(xml_errors(kSmallPlatform) == ""); }

TEST_CASE("a platform XML naming an undefined link or host is located at the element") {
  std::string t = kSmallPlatform;
  t.replace(t.find("<link_ctn id=\"ab\""), 17, "<link_ctn id=\"zz\"");
  CHECK(xml_errors(t) == "p.xml:7:24: link_ctn.id: link \"zz\" is not defined in this file");
  std::string u = kSmallPlatform;
  u.replace(u.find("dst=\"b\""), 7, "dst=\"q\"");
  CHECK(xml_errors(u) == "p.xml:7:1: route.dst: host, router or zone \"q\" is not defined in this file");
}

TEST_CASE("a truncated or malformed platform XML is located") {
  const std::string t = kSmallPlatform;
  CHECK(xml_errors(t.substr(0, t.find("<link_ctn") + 12)) ==
        "p.xml:7:24: link_ctn: the file ends inside <link_ctn> (truncated?)");
  CHECK(xml_errors(t.substr(0, t.find("</zone>"))).find("p.xml:8:1: zone: the file ends with <zone> (line 3) still open") == 0);
  std::string bad = t;
  bad.replace(bad.find("1e9Bps"), 6, "fastBps");
  CHECK(xml_errors(bad).find("p.xml:6:1: link.bandwidth: expected a non-negative number with a unit") == 0);
  CHECK(xml_errors("").find("no <platform> element") != std::string::npos);
}
