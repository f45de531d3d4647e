// The located TOML reader: every error path names file:line:column and the dotted key, unknown
// keys are errors, all problems of a file are reported at once, and --set overrides are validated
// like the file itself.
#include <catch2/catch.hpp>

#include "sim/config/toml_reader.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

namespace {
// Loads `text` as file "t.toml", runs `read` on the root and returns the error text ("" if none).
template <class F>
std::string errors_of(const std::string& text, F read) {
  try {
    TomlDocument doc = TomlDocument::parse(text, "t.toml");
    read(doc.root());
    doc.finish();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a negative integer is reported with file, line, column and key path") {
  const std::string err = errors_of("kind = \"x\"\n\n[parallel]\n  pp = -4\n", [](Section r) {
    (void)r.string("kind");
    r.table("parallel").integer("pp", 1, 1024);
  });
  CHECK(err == "t.toml:4:8: parallel.pp: expected a positive integer in [1, 1024], found -4");
}

TEST_CASE("wrong types, missing keys, bad units and unknown keys are all reported at once") {
  const std::string err = errors_of(
      "bw = 400\nsize = \"12 parsecs\"\nname = 5\ntypo_key = 1\n[sub]\nx = \"1us\"\n", [](Section r) {
        r.quantity("bw", Dimension::Bandwidth);
        r.quantity("size", Dimension::DataSize);
        (void)r.string("name");
        r.integer("count", 1);
        r.table("sub").quantity("x", Dimension::Time);
      });
  CHECK_THAT(err, Catch::Contains("t.toml:1:6: bw: missing unit: expected a bandwidth"));
  CHECK_THAT(err, Catch::Contains("t.toml:2:8: size: expected a data size"));
  CHECK_THAT(err, Catch::Contains("unknown unit \"parsecs\""));
  CHECK_THAT(err, Catch::Contains("t.toml:3:8: name: expected a string, found 5"));
  CHECK_THAT(err, Catch::Contains("count: missing (expected a positive integer)"));
  CHECK_THAT(err, Catch::Contains("t.toml:4:12: typo_key: unknown key"));
}

TEST_CASE("zero and negative bandwidths are rejected where the key needs a positive value") {
  const std::string err = errors_of("bw = \"0Gbps\"\nlat = \"-1us\"\n", [](Section r) {
    r.quantity("bw", Dimension::Bandwidth, 1e-300);
    r.quantity("lat", Dimension::Time, 0);
  });
  CHECK_THAT(err, Catch::Contains("t.toml:1:6: bw: expected positive, found \"0Gbps\""));
  CHECK_THAT(err, Catch::Contains("t.toml:2:7: lat: expected non-negative, found \"-1us\""));
}

TEST_CASE("source, assumption and note keys are allowed anywhere") {
  CHECK(errors_of("source = \"REFERENCE.md\"\n[a]\nx = 1\nassumption = \"guess\"\nx_source = \"y\"\n",
                  [](Section r) { r.table("a").integer("x"); }) == "");
}

TEST_CASE("syntax errors, duplicate keys and a missing file are located input errors") {
  CHECK_THAT(errors_of("a = [1, 2\n", [](Section) {}), Catch::StartsWith("t.toml:") && Catch::Contains("TOML syntax error"));
  CHECK_THAT(errors_of("a = 1\na = 2\n", [](Section) {}), Catch::StartsWith("t.toml:2:") && Catch::Contains("TOML syntax error"));
  CHECK_THROWS_WITH(TomlDocument::load("no/such/file.toml"), "no/such/file.toml: file not found");
}

TEST_CASE("choices list what was allowed") {
  const std::string err = errors_of("schedule = \"1f2b\"\n", [](Section r) {
    r.choice("schedule", {"1f1b", "interleaved", "dualpipe"});
  });
  CHECK(err == "t.toml:1:12: schedule: expected one of \"1f1b\", \"interleaved\", \"dualpipe\", found \"1f2b\"");
}

TEST_CASE("dates are TOML dates, converted to days since 1970") {
  long day = 0;
  CHECK(errors_of("start = 2025-12-01\n", [&](Section r) { day = r.date("start"); }) == "");
  CHECK(day == 20423);  // 2025-12-01: 55 years incl. 14 leap days = 20089 + 334 days into 2025
  CHECK_THAT(errors_of("start = \"2025-12-01\"\n", [&](Section r) { r.date("start"); }),
             Catch::Contains("start: expected a date such as 2025-12-01, found \"2025-12-01\""));
}

TEST_CASE("params: plain values are fixed, inline tables are distributions with a nominal") {
  Param share, wpm, start, mix;
  const std::string err = errors_of(
      "share = { dist = \"uniform\", low = \"10%\", high = \"30%\" }\n"
      "wpm = 25000\n"
      "start = { dist = \"triangular\", low = 2025-11-20, mode = 2025-12-01, high = 2025-12-15 }\n"
      "mix = { dist = \"discrete\", values = [1, 2, 3], weights = [1, 5, 1] }\n",
      [&](Section r) {
        share = r.param("share", Dimension::Fraction, 0, 1);
        wpm = r.param("wpm", Dimension::Count, 0);
        start = r.param("start", Dimension::Date);
        mix = r.param("mix", Dimension::Count);
      });
  REQUIRE(err == "");
  CHECK(share.uncertain());
  CHECK(share.nominal == Approx(0.2));
  CHECK(share.dist->low() == Approx(0.1));
  CHECK(share.dist->high() == Approx(0.3));
  CHECK(share.key_path == "share");
  CHECK_FALSE(wpm.uncertain());
  CHECK(wpm.nominal == 25000);
  CHECK(start.nominal == 20423);
  CHECK(start.dist->low() == 20412);
  CHECK(mix.nominal == 2);
}

TEST_CASE("distribution errors are located inside the inline table") {
  const std::string err = errors_of("share = { dist = \"uniform\", low = \"30%\", high = \"10%\", bogus = 1 }\n",
                                    [](Section r) { r.param("share", Dimension::Fraction, 0, 1); });
  CHECK_THAT(err, Catch::Contains("share.high: must not be below low"));
  CHECK_THAT(err, Catch::Contains("share.bogus: unknown key"));
  CHECK_THAT(errors_of("x = { dist = \"gamma\" }\n", [](Section r) { r.param("x", Dimension::Count); }),
             Catch::Contains("x.dist: expected one of \"uniform\""));
}

TEST_CASE("sampling: uniform stays in range - degenerate distributions give the nominal") {
  Distribution d;
  d.kind = Distribution::Kind::Uniform;
  d.low_value = 2;
  d.high_value = 5;
  Rng rng(42);
  double lo = 1e9, hi = -1e9, sum = 0;
  for (int i = 0; i < 20000; ++i) {
    const double x = d.sample(rng);
    lo = std::min(lo, x);
    hi = std::max(hi, x);
    sum += x;
  }
  CHECK(lo >= 2);
  CHECK(hi < 5);
  CHECK(sum / 20000 == Approx(3.5).epsilon(0.01));
  Distribution t;
  t.kind = Distribution::Kind::Triangular;
  t.low_value = t.mode_value = t.high_value = 7;
  CHECK(t.sample(rng) == 7);
}

TEST_CASE("command-line overrides (--set) replace values, are validated like the file, and unknown paths are reported") {
  std::vector<Override> ovs{parse_override("parallel.pp=8"), parse_override("name=base"),
                            parse_override("parallel.tp = -2")};
  // Write a real file so load() applies overrides.
  const std::string path = std::string(ASCENDSIM_BUILD_DIR) + "/override_test.toml";
  {
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("name = \"x\"\n[parallel]\npp = 4\ntp = 1\n", f);
    std::fclose(f);
  }
  TomlDocument doc = TomlDocument::load(path, &ovs);
  Section r = doc.root();
  CHECK(r.string("name") == "base");
  CHECK(r.table("parallel").integer("pp", 1) == 8);
  r.table("parallel").integer("tp", 1);
  try {
    doc.finish();
    FAIL("expected an error");
  } catch (const InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("--set parallel.tp=-2:1:5: parallel.tp: expected a positive integer"));
  }
  CHECK(ovs[0].used);
  std::vector<Override> stray{parse_override("nosuch.key=1")};
  stray[0].used = false;
  CHECK_THROWS_WITH(check_overrides_used(stray), Catch::Contains("unknown key 'nosuch.key': no input file has it"));
  CHECK_THROWS_AS(parse_override("novalue"), InputError);
}
