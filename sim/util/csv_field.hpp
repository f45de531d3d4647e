// One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, quotes doubled.
#pragma once
#include <string>

namespace ascendsim {
std::string csv_field(const std::string& s);
}  // namespace ascendsim
