#include "sim/supply/rented_capacity.hpp"

#include <algorithm>

namespace ascendsim {

RentalUse rental_use(long job_chips, long owned_chips, const std::vector<RentedSlice>& rented) {
  RentalUse u;
  long need = std::max(0L, job_chips - std::max(0L, owned_chips));
  for (const RentedSlice& r : rented) {
    if (need <= 0) break;
    const long take = std::min(need, std::max(0L, r.chips));
    u.rented_chips += take;
    u.usd_per_hour += static_cast<double>(take) * r.chip_hour_usd;
    need -= take;
  }
  return u;
}

}  // namespace ascendsim
