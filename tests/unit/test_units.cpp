// The one quantity parser: every unit of every dimension, and every malformed form.
#include <catch2/catch.hpp>

#include "sim/config/units.hpp"

using namespace ascendsim;
using Catch::Detail::Approx;

static double q(const char* text, Dimension d) {
  std::string why;
  auto v = parse_quantity(text, d, &why);
  INFO(text << ": " << why);
  REQUIRE(v.has_value());
  return *v;
}

static std::string fails(const char* text, Dimension d) {
  std::string why;
  auto v = parse_quantity(text, d, &why);
  INFO(text);
  REQUIRE_FALSE(v.has_value());
  return why;
}

TEST_CASE("bandwidths: bits are divided by 8, bytes are bytes, all per second") {
  CHECK(q("400Gbps", Dimension::Bandwidth) == Approx(50e9));
  CHECK(q("392GBps", Dimension::Bandwidth) == Approx(392e9));
  CHECK(q("3.2TBps", Dimension::Bandwidth) == Approx(3.2e12));
  CHECK(q("1.6TB/s", Dimension::Bandwidth) == Approx(1.6e12));
  CHECK(q("25Gb/s", Dimension::Bandwidth) == Approx(3.125e9));
  CHECK(q("100Mbps", Dimension::Bandwidth) == Approx(12.5e6));
  CHECK(q("1Tbps", Dimension::Bandwidth) == Approx(125e9));
  CHECK(q("8bps", Dimension::Bandwidth) == Approx(1.0));
  CHECK(q("1GiBps", Dimension::Bandwidth) == Approx(1073741824.0));
  CHECK(q("7PBps", Dimension::Bandwidth) == Approx(7e15));
}

TEST_CASE("data sizes: decimal and binary prefixes") {
  CHECK(q("128GiB", Dimension::DataSize) == Approx(128.0 * 1024 * 1024 * 1024));
  CHECK(q("64GB", Dimension::DataSize) == Approx(64e9));
  CHECK(q("1.5TB", Dimension::DataSize) == Approx(1.5e12));
  CHECK(q("512B", Dimension::DataSize) == Approx(512));
  CHECK(q("4KiB", Dimension::DataSize) == Approx(4096));
  CHECK(q("2MiB", Dimension::DataSize) == Approx(2097152));
  CHECK(q("1PB", Dimension::DataSize) == Approx(1e15));
  CHECK(q("3 MB", Dimension::DataSize) == Approx(3e6));
}

TEST_CASE("compute rates, durations, fractions, counts") {
  CHECK(q("752TFLOPS", Dimension::FlopRate) == Approx(752e12));
  CHECK(q("8EFLOPS", Dimension::FlopRate) == Approx(8e18));
  CHECK(q("1504TOPS", Dimension::FlopRate) == Approx(1504e12));
  CHECK(q("2PFLOPS", Dimension::FlopRate) == Approx(2e15));
  CHECK(q("1us", Dimension::Time) == Approx(1e-6));
  CHECK(q("250ns", Dimension::Time) == Approx(250e-9));
  CHECK(q("5ms", Dimension::Time) == Approx(5e-3));
  CHECK(q("2s", Dimension::Time) == Approx(2));
  CHECK(q("30min", Dimension::Time) == Approx(1800));
  CHECK(q("4h", Dimension::Time) == Approx(14400));
  CHECK(q("45d", Dimension::Time) == Approx(45 * 86400));
  CHECK(q("2w", Dimension::Time) == Approx(14 * 86400));
  CHECK(q("20%", Dimension::Fraction) == Approx(0.2));
  CHECK(q("0.25", Dimension::Fraction) == Approx(0.25));
  CHECK(q("14.8T", Dimension::Count) == Approx(14.8e12));
  CHECK(q("16M", Dimension::Count) == Approx(16e6));
  CHECK(q("2048", Dimension::Count) == Approx(2048));
  CHECK(q("1e3", Dimension::Count) == Approx(1000));
  CHECK(q("1.5e-3s", Dimension::Time) == Approx(1.5e-3));
  CHECK(q("-4", Dimension::Count) == Approx(-4));  // range checks belong to the reader
}

TEST_CASE("malformed quantities say what is wrong") {
  CHECK_THAT(fails("400", Dimension::Bandwidth), Catch::Contains("missing unit"));
  CHECK_THAT(fails("400Gbit", Dimension::Bandwidth), Catch::Contains("unknown unit \"Gbit\""));
  CHECK_THAT(fails("GBps", Dimension::Bandwidth), Catch::Contains("no number"));
  CHECK_THAT(fails("", Dimension::Time), Catch::Contains("empty"));
  CHECK_THAT(fails("45days", Dimension::Time), Catch::Contains("unknown unit"));
  CHECK_THAT(fails("128gib", Dimension::DataSize), Catch::Contains("unknown unit"));  // case matters
  CHECK_THAT(fails("400GBps", Dimension::DataSize), Catch::Contains("unknown unit"));  // wrong dimension
  CHECK_THAT(fails("12 parsecs", Dimension::Time), Catch::Contains("unknown unit"));
  CHECK_THAT(fails("1e999TFLOPS", Dimension::FlopRate), Catch::Contains("finite"));
  CHECK_THAT(fails("..5s", Dimension::Time), Catch::Contains("no number"));
  CHECK_THAT(fails("nan", Dimension::Count), Catch::Contains("no number"));
  CHECK_THAT(fails("0x10", Dimension::Count), Catch::Contains("unknown unit"));
  CHECK_THAT(fails("5%%", Dimension::Fraction), Catch::Contains("unknown unit"));
  CHECK_THAT(fails("2025-12-01", Dimension::Date), Catch::Contains("TOML dates"));
}

TEST_CASE("format_quantity picks a readable unit") {
  CHECK(format_quantity(49e9, Dimension::Bandwidth) == "49 GB/s");
  CHECK(format_quantity(0.2, Dimension::Fraction) == "20%");
  CHECK(format_quantity(3 * 86400.0, Dimension::Time) == "3 d");
}
