#include "sim/util/version.hpp"

namespace ascendsim {

const std::string& ascendsim_version() {
  static const std::string v =
#include "ascendsim_version.inc"
      ;
  return v;
}

}  // namespace ascendsim
