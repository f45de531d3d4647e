// See token_demand.hpp. 180e12 tokens/day / 86,400 s = 2.083e9 tokens/s; at 1,943 tok/s/chip and
// 100% utilisation that is 1.07 M chips (seeds/000 section 3).
#include "sim/serving/token_demand.hpp"

#include "sim/config/input_error.hpp"
#include "sim/config/param_sampler.hpp"

namespace ascendsim {

DemandResult token_demand(const DemandInput& in) {
  auto bad = [](const char* opt, const std::string& msg) { throw InputError(SourceLocation{opt, 0, 0}, "", msg); };
  if (!(in.tokens_per_day > 0)) bad("--tokens-per-day", "expected a positive number of tokens per day");
  if (!(in.utilisation > 0 && in.utilisation <= 1)) bad("--utilisation", "expected a utilisation in (0, 1]");
  if (!(in.decode_rate_per_chip > 0)) bad("--rate-per-chip", "expected a positive per-chip rate");
  DemandResult r;
  r.tokens_per_s = in.tokens_per_day / 86400.0;
  if (!in.output_share) {
    r.output_tokens_per_s = r.tokens_per_s;
    r.decode_chips = r.tokens_per_s / (in.decode_rate_per_chip * in.utilisation);
    r.chips = r.decode_chips;
    return r;
  }
  const double share = *in.output_share;
  if (!(share >= 0 && share <= 1)) bad("--output-share", "expected an output share in [0, 1]");
  if (share < 1 && !(in.prefill_rate_per_chip > 0))
    bad("--input-rate-per-chip", "expected a positive prefill rate per chip (input tokens/s) with --output-share");
  r.output_tokens_per_s = r.tokens_per_s * share;
  r.input_tokens_per_s = r.tokens_per_s - r.output_tokens_per_s;
  r.decode_chips = r.output_tokens_per_s / (in.decode_rate_per_chip * in.utilisation);
  r.prefill_chips = share < 1 ? r.input_tokens_per_s / (in.prefill_rate_per_chip * in.utilisation) : 0;
  r.chips = r.decode_chips + r.prefill_chips;
  return r;
}

double months_of_output(double chips_910c_eq, const SupplyScenario& scenario) {
  ParamSampler nominal;
  double per_month = 0;
  for (const auto& line : scenario.lines) per_month += full_output_910c_eq_per_month(line, nominal);
  if (!(per_month > 0))
    throw InputError(SourceLocation{"--scenario", 0, 0}, "", "scenario " + scenario.name + " produces no chips");
  return chips_910c_eq / per_month;
}

}  // namespace ascendsim
