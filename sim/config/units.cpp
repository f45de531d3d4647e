#include "sim/config/units.hpp"
#include "sim/config/input_error.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace ascendsim {

const char* dimension_name(Dimension d) {
  switch (d) {
    case Dimension::DataSize: return "a data size such as \"128GiB\" or \"64GB\"";
    case Dimension::Bandwidth: return "a bandwidth such as \"400Gbps\", \"392GBps\" or \"3.2TBps\"";
    case Dimension::FlopRate: return "a compute rate such as \"752TFLOPS\"";
    case Dimension::Time: return "a duration such as \"1us\", \"5ms\", \"4h\" or \"45d\"";
    case Dimension::Fraction: return "a fraction such as \"20%\" or \"0.2\"";
    case Dimension::Count: return "a count such as \"2048\", \"16M\" or \"14.8T\"";
    case Dimension::Date: return "a date such as 2025-12-01";
  }
  return "a quantity";
}

const char* dimension_unit(Dimension d) {
  switch (d) {
    case Dimension::DataSize: return "B";
    case Dimension::Bandwidth: return "B/s";
    case Dimension::FlopRate: return "FLOP/s";
    case Dimension::Time: return "s";
    case Dimension::Fraction: return "";
    case Dimension::Count: return "";
    case Dimension::Date: return "d";
  }
  return "";
}

namespace {

struct Unit {
  const char* name;
  double factor;
};

// Unit suffixes per dimension, matched exactly (case-sensitive: "Gbps" bits, "GBps" bytes).
constexpr std::array kDataSize{
    Unit{"B", 1.0},      Unit{"KB", 1e3},  Unit{"MB", 1e6},  Unit{"GB", 1e9},  Unit{"TB", 1e12},
    Unit{"PB", 1e15},    Unit{"KiB", 1024.0}, Unit{"MiB", 1048576.0}, Unit{"GiB", 1073741824.0},
    Unit{"TiB", 1099511627776.0}, Unit{"PiB", 1125899906842624.0}};
constexpr std::array kBandwidth{
    Unit{"Bps", 1.0},   Unit{"KBps", 1e3},  Unit{"MBps", 1e6},  Unit{"GBps", 1e9},  Unit{"TBps", 1e12},
    Unit{"PBps", 1e15}, Unit{"B/s", 1.0},   Unit{"KB/s", 1e3},  Unit{"MB/s", 1e6},  Unit{"GB/s", 1e9},
    Unit{"TB/s", 1e12}, Unit{"PB/s", 1e15}, Unit{"GiBps", 1073741824.0}, Unit{"GiB/s", 1073741824.0},
    Unit{"bps", 0.125}, Unit{"Kbps", 125.0}, Unit{"Mbps", 1.25e5}, Unit{"Gbps", 1.25e8}, Unit{"Tbps", 1.25e11},
    Unit{"b/s", 0.125}, Unit{"Kb/s", 125.0}, Unit{"Mb/s", 1.25e5}, Unit{"Gb/s", 1.25e8}, Unit{"Tb/s", 1.25e11}};
constexpr std::array kFlopRate{
    Unit{"FLOPS", 1.0},   Unit{"GFLOPS", 1e9},  Unit{"TFLOPS", 1e12}, Unit{"PFLOPS", 1e15},
    Unit{"EFLOPS", 1e18}, Unit{"OPS", 1.0},     Unit{"GOPS", 1e9},    Unit{"TOPS", 1e12},
    Unit{"POPS", 1e15}};
constexpr std::array kTime{Unit{"ns", 1e-9}, Unit{"us", 1e-6}, Unit{"ms", 1e-3}, Unit{"s", 1.0},
                           Unit{"min", 60.0}, Unit{"h", 3600.0}, Unit{"d", 86400.0},
                           Unit{"w", 604800.0}};
constexpr std::array kCount{Unit{"", 1.0}, Unit{"k", 1e3}, Unit{"K", 1e3}, Unit{"M", 1e6},
                            Unit{"G", 1e9}, Unit{"B", 1e9}, Unit{"T", 1e12}};

template <std::size_t N>
std::optional<double> find_factor(const std::array<Unit, N>& units, std::string_view suffix) {
  for (const auto& u : units)
    if (suffix == u.name) return u.factor;
  return std::nullopt;
}

template <std::size_t N>
std::string unit_list(const std::array<Unit, N>& units) {
  std::string out;
  for (const auto& u : units) {
    if (!*u.name) continue;
    if (!out.empty()) out += ", ";
    out += u.name;
  }
  return out;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::optional<double> parse_quantity(std::string_view text_in, Dimension dim, std::string* why) {
  auto fail = [&](std::string msg) -> std::optional<double> {
    if (why) *why = std::move(msg);
    return std::nullopt;
  };
  const std::string text = trim(text_in);
  if (text.empty()) return fail("empty quantity");
  if (dim == Dimension::Date) return fail("dates are TOML dates (2025-12-01), not strings");
  // Split the leading number (strtod grammar, but no hex/inf/nan) from the unit suffix.
  std::size_t i = 0;
  if (text[i] == '+' || text[i] == '-') ++i;
  const std::size_t digits_start = i;
  bool seen_digit = false;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) { ++i; seen_digit = true; }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) { ++i; seen_digit = true; }
  }
  if (!seen_digit || i == digits_start) return fail("no number in " + quote_value(text));
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    std::size_t k = j;
    while (k < text.size() && std::isdigit(static_cast<unsigned char>(text[k]))) ++k;
    if (k > j) i = k;  // an exponent only when digits follow ("1E" is not an exponent)
  }
  const std::string number_text = text.substr(0, i);
  const double number = std::strtod(number_text.c_str(), nullptr);
  std::string suffix = trim(std::string_view(text).substr(i));

  std::optional<double> factor;
  std::string known;
  switch (dim) {
    case Dimension::DataSize: factor = find_factor(kDataSize, suffix); known = unit_list(kDataSize); break;
    case Dimension::Bandwidth: factor = find_factor(kBandwidth, suffix); known = unit_list(kBandwidth); break;
    case Dimension::FlopRate: factor = find_factor(kFlopRate, suffix); known = unit_list(kFlopRate); break;
    case Dimension::Time: factor = find_factor(kTime, suffix); known = unit_list(kTime); break;
    case Dimension::Count: factor = find_factor(kCount, suffix); known = "none, k, M, G, B, T"; break;
    case Dimension::Fraction:
      if (suffix == "%") factor = 0.01;
      else if (suffix.empty()) factor = 1.0;
      known = "%";
      break;
    case Dimension::Date: break;
  }
  if (!factor) {
    if (suffix.empty()) return fail("missing unit in \"" + text + "\" (expected one of: " + known + ")");
    return fail("unknown unit \"" + suffix + "\" in \"" + text + "\" (expected one of: " + known + ")");
  }
  const double value = number * *factor;
  if (!std::isfinite(value)) return fail(quote_value(text) + " is not a finite number");
  return value;
}

std::string format_quantity(double value, Dimension dim) {
  struct Step { double factor; const char* name; };
  auto pick = [&](std::initializer_list<Step> steps) {
    const Step* best = steps.begin();
    for (const auto& s : steps)
      if (std::fabs(value) >= s.factor) best = &s;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4g %s", value / best->factor, best->name);
    return std::string(buf);
  };
  switch (dim) {
    case Dimension::DataSize: return pick({{1, "B"}, {1e3, "KB"}, {1e6, "MB"}, {1e9, "GB"}, {1e12, "TB"}, {1e15, "PB"}});
    case Dimension::Bandwidth: return pick({{1, "B/s"}, {1e3, "KB/s"}, {1e6, "MB/s"}, {1e9, "GB/s"}, {1e12, "TB/s"}, {1e15, "PB/s"}});
    case Dimension::FlopRate: return pick({{1, "FLOP/s"}, {1e9, "GFLOP/s"}, {1e12, "TFLOP/s"}, {1e15, "PFLOP/s"}, {1e18, "EFLOP/s"}});
    case Dimension::Time: return pick({{1e-9, "ns"}, {1e-6, "us"}, {1e-3, "ms"}, {1, "s"}, {3600, "h"}, {86400, "d"}});
    case Dimension::Fraction: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4g%%", value * 100.0);
      return buf;
    }
    default: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6g", value);
      return buf;
    }
  }
}

}  // namespace ascendsim
