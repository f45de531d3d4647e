// Posterior summaries from weighted prior draws (pure): for every sampled input its prior and
// posterior median and 80% interval, the shift, and how far the evidence moved its distribution
// (weighted Kolmogorov-Smirnov distance, the ranking of "what must have been true"); for every
// named choice (the alternative a draw took, the chip it trained on) its prior and posterior
// probability; for every milestone its prior and posterior-predictive dates; acceptance rate and
// effective sample size, with a warning and a suggested draw count when the latter is low.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/config/units.hpp"
#include "sim/infer/likelihood.hpp"

namespace ascendsim {

struct WeightedDraw {
  DrawOutputs outputs;
  double weight = 0;  // the evidence likelihood
};

struct Interval80 {
  double p10 = 0, p50 = 0, p90 = 0;
};

struct QuantityPosterior {
  std::string name;                  // "inputs.fleet.org_share", "milestones.ready"
  Dimension dim = Dimension::Count;  // dates are Dimension::Date (days)
  long draws = 0;                    // draws that have it (inputs of one alternative only)
  Interval80 prior;
  std::optional<Interval80> posterior;  // absent when no draw that has it carries weight
  double shift = 0;                     // posterior p50 - prior p50
  double width_ratio = 1;               // posterior (p90 - p10) / prior (p90 - p10)
  double ks_distance = 0;               // sup |F_posterior - F_prior|, 0..1
};

struct ChoicePosterior {
  std::string output;  // "alternative", "pretraining.chip"
  std::string value;
  double prior = 0, posterior = 0;
};

struct InferenceSummary {
  long draws = 0;
  long accepted = 0;  // draws with weight > 0
  double acceptance_rate = 0;
  double ess = 0;
  long min_ess = 200;             // below it: a warning
  std::optional<long> suggested_draws;
  std::vector<QuantityPosterior> inputs;      // ranked: largest KS distance first
  std::vector<QuantityPosterior> milestones;  // in the draws' milestone order
  std::vector<ChoicePosterior> choices;
};

// `input_dims` gives the dimension of each "inputs.KEY" output (dates are shown as dates).
InferenceSummary summarize_inference(const std::vector<WeightedDraw>& draws,
                                     const std::vector<std::pair<std::string, Dimension>>& input_dims,
                                     const std::vector<std::string>& milestone_names, long min_ess = 200);

}  // namespace ascendsim
