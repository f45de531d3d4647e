// Quantities with units, parsed by one function. Everything becomes SI-like base units:
// bytes, bytes/s, FLOP/s, seconds, fractions (0..1), days since 1970-01-01 for dates.
// Bandwidths written in bits ("400Gbps") are divided by 8; decimal prefixes are powers of 1000,
// binary prefixes (KiB, GiB) powers of 1024.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace ascendsim {

enum class Dimension {
  DataSize,   // bytes:   "128GiB", "64GB", "1.5TB", "512B"
  Bandwidth,  // bytes/s: "400Gbps" (bits), "392GBps", "3.2TBps", "1.6TB/s", "25Gb/s"
  FlopRate,   // FLOP/s:  "752TFLOPS", "1PFLOPS", "1504TOPS" (integer ops count as ops)
  Time,       // seconds: "1us", "5ms", "2s", "30min", "4h", "45d", "2w"
  Fraction,   // 0..1:    "20%", or a bare number 0..1 in a string ("0.2")
  Count,      // a plain number, optionally with k/M/G/T suffix: "14.8T", "16M", "2048"
  Date,       // days since 1970-01-01 (TOML dates are converted by the reader, not here)
};

const char* dimension_name(Dimension d);   // "a data size such as \"128GiB\""
const char* dimension_unit(Dimension d);   // base unit name: "B", "B/s", "FLOP/s", "s", "", ...

// Parses text such as "400Gbps" for the given dimension. Returns std::nullopt and fills
// `why` with what was wrong (unknown unit, missing number, wrong dimension, not finite).
std::optional<double> parse_quantity(std::string_view text, Dimension dim, std::string* why = nullptr);

// Formats a value in base units back with a readable unit, e.g. 4.9e10 B/s -> "49 GB/s".
std::string format_quantity(double value, Dimension dim);

}  // namespace ascendsim
