#include "sim/platform/chip.hpp"

#include <algorithm>
#include <cctype>

#include "sim/config/input_error.hpp"

namespace ascendsim {

const char* precision_name(Precision p) {
  switch (p) {
    case Precision::BF16: return "BF16";
    case Precision::FP16: return "FP16";
    case Precision::FP8: return "FP8";
    case Precision::MXFP8: return "MXFP8";
    case Precision::HiF8: return "HiF8";
    case Precision::FP4: return "FP4";
    case Precision::MXFP4: return "MXFP4";
    case Precision::INT8: return "INT8";
  }
  return "?";
}

std::optional<Precision> parse_precision(const std::string& s) {
  std::string u = s;
  std::transform(u.begin(), u.end(), u.begin(), [](unsigned char c) { return std::toupper(c); });
  for (Precision p : {Precision::BF16, Precision::FP16, Precision::FP8, Precision::MXFP8, Precision::HiF8,
                      Precision::FP4, Precision::MXFP4, Precision::INT8}) {
    std::string n = precision_name(p);
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::toupper(c); });
    if (n == u) return p;
  }
  return std::nullopt;
}

int precision_bytes_x2(Precision p) {
  switch (p) {
    case Precision::BF16:
    case Precision::FP16: return 4;
    case Precision::FP8:
    case Precision::MXFP8:
    case Precision::HiF8:
    case Precision::INT8: return 2;
    case Precision::FP4:
    case Precision::MXFP4: return 1;
  }
  return 4;
}

double Chip::peak(Precision p) const {
  auto it = peak_flops.find(p);
  if (it == peak_flops.end())
    throw InputError(SourceLocation{"platforms/chips.toml", 0, 0}, "chips." + name,
                     std::string(display_name.empty() ? name : display_name) + " has no " + precision_name(p) +
                         " support (no peak rate in the catalogue); choose a precision it supports");
  return it->second.nominal;
}

}  // namespace ascendsim
