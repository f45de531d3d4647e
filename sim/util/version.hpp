// The ascendsim version: `git describe` of the source tree at build time, prefixed with the CMake
// project version ("0.1.0+g5274ed8-dirty"), or "0.1.0-unknown" when built outside a git checkout.
#pragma once
#include <string>

namespace ascendsim {

const std::string& ascendsim_version();

}  // namespace ascendsim
