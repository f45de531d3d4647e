// Fleet needed for a token demand (seeds/000 section 3): tokens/day -> tokens/s, split into input
// (prefill) and output (decode) work by an output share, each divided by its per-chip rate times
// the utilisation; with a supply scenario, the months of wafer output those chips take.
#pragma once
#include <optional>

#include "sim/supply/wafer_supply.hpp"

namespace ascendsim {

struct DemandInput {
  double tokens_per_day = 0;
  std::optional<double> output_share;  // none: every token served at `decode_rate_per_chip` (seed's method)
  double utilisation = 1.0;
  double decode_rate_per_chip = 0;   // output tokens/s per decode chip
  double prefill_rate_per_chip = 0;  // input tokens/s per prefill chip (needed with an output share)
};

struct DemandResult {
  double tokens_per_s = 0, input_tokens_per_s = 0, output_tokens_per_s = 0;
  double prefill_chips = 0, decode_chips = 0, chips = 0;
};

// Throws InputError (file "--...") for non-positive rates, utilisation outside (0, 1], a share outside [0, 1].
DemandResult token_demand(const DemandInput& in);

// Months of the scenario's full (ramped, uncapped) output needed to make `chips_910c_eq`.
double months_of_output(double chips_910c_eq, const SupplyScenario& scenario);

}  // namespace ascendsim
