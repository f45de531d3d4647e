// What a job pays for rented capacity: the organisation's own chips (installed, delivered) are used
// first and rented chips fill the rest of the job, pool by pool in the scenario's order, each at its
// price per chip-hour. Pure arithmetic.
#pragma once
#include <vector>

namespace ascendsim {

struct RentedSlice {
  long chips = 0;             // rented chips of this pool usable then
  double chip_hour_usd = 0;
};

struct RentalUse {
  long rented_chips = 0;      // of the job, on rented capacity
  double usd_per_hour = 0;    // what those chips cost per hour of the job
};

// A job of `job_chips` on a fleet holding `owned_chips` of the organisation's own and the rented
// slices (in order). Owned chips beyond the job, or rented beyond the need, cost nothing.
RentalUse rental_use(long job_chips, long owned_chips, const std::vector<RentedSlice>& rented);

}  // namespace ascendsim
